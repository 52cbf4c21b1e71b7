#include "similarity/stance.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <set>
#include <unordered_set>

#include "core/text.h"
#include "similarity/stopwords.h"

namespace crossclaim {
namespace {

// Claim and sentence words are compared by this many leading bytes: a cheap stem that joins
// inflections ("denied", "denies"; "arrested", "arrests") for the alignment only.
constexpr size_t kStemBytes = 5;

// Evidence weights, set by hand (how plainly each kind says "this is not so"), not fitted.
constexpr double kStrongWeight = 1.0;
constexpr double kDoubtWeight = 0.5;
constexpr double kScopedNegationWeight = 0.5;
// Logistic combination, by hand: one strong cue where the text speaks about the claim is not
// enough on its own (texts quote the rumour they debunk, "reports that X is fake"); two are.
constexpr double kBias = -2.2;
constexpr double kAlignedEvidenceWeight = 1.3;
constexpr double kElsewhereStrongWeight = 0.5;
constexpr double kClaimCueWeight = 10.0;
constexpr double kClaimNegationWeight = 0.5;
// A claim that speaks of a rumour ("Stolen Batmobile rumor put to rest", "viral video was
// staged") is usually about the rumour's fate: each such word counts as much as a negation.
constexpr double kClaimRumourWeight = 0.5;
constexpr double kDenyingClaimWeight = 1.3;
constexpr double kEvidenceCap = 3.0;
// Doubt ("skeptical", "unlikely") outside the aligned sentences: a body that doubts the story
// does so in its own words, often far from the sentence that retells it.
constexpr double kElsewhereDoubtWeight = 0.5;
// Each word that speaks of the story as a rumour ("viral", "purported", "rumours"), anywhere:
// weak alone, it tips a text with other doubts. Against a denying claim, half of it counts
// as the text's own denial (a text about "the rumours" is usually the debunk).
constexpr double kRumourWeight = 0.1;
constexpr double kRumourAgreementWeight = 0.5;
// A negation of a claim word counts in full in a sentence holding this share of the claim's
// content words, less in proportion below: a sentence sharing a fifth of the claim's words
// negates something else more often than the claim.
constexpr double kFullNegationAlignment = 0.8;
// A negation scopes over the next few words ("did not actually resign").
constexpr size_t kNegationReach = 4;

// Words that say the claim is false or invented.
const std::unordered_set<std::string_view>& StrongCues() {
  static const std::unordered_set<std::string_view> kCues = {
      "hoax",     "hoaxes",  "hoaxed",     "fake",        "faked",      "fakes",
      "false",    "falsely", "fabricated", "fabrication", "bogus",      "debunk",
      "debunked", "debunks", "debunking",  "untrue",      "satire",     "satirical",
      "spoof",    "myth",    "scam",       "fictional",   "baseless",   "unfounded",
      "refute",   "refuted", "refutes",    "deny",        "denied",     "denies",
      "denial",   "denying", "retracted",  "retraction",  "misleading", "photoshopped",
      "doctored", "nonsense"};
  return kCues;
}

// Words that doubt the claim without saying it is false.
const std::unordered_set<std::string_view>& DoubtCues() {
  static const std::unordered_set<std::string_view> kCues = {
      "doubt",       "doubts",      "doubtful",    "skeptical",      "sceptical",  "skeptics",
      "sceptics",    "unlikely",    "unverified",  "dismissed",      "dismisses",  "questionable",
      "implausible", "exaggerated", "skepticism",  "scepticism",     "doubted",    "doubting",
      "dubious",     "farfetched",  "unconfirmed", "misinformation", "inaccurate", "incorrect",
      "erroneous",   "mistaken"};
  return kCues;
}

// Words that speak of the story as a rumour going round rather than a fact.
const std::unordered_set<std::string_view>& RumourCues() {
  static const std::unordered_set<std::string_view> kCues = {
      "rumor",     "rumors",      "rumour",   "rumours",    "rumored",     "rumoured", "viral",
      "purported", "purportedly", "purports", "circulated", "circulating", "claimed",  "actually"};
  return kCues;
}

// Multi-word refutations, as normalised token sequences, with their weights.
struct PhraseCue {
  std::vector<std::string_view> tokens;
  double weight;
};
const std::vector<PhraseCue>& PhraseCues() {
  static const std::vector<PhraseCue> kCues = {{{"not", "true"}, kStrongWeight},
                                               {{"no", "evidence"}, kStrongWeight},
                                               {{"no", "truth"}, kStrongWeight},
                                               {{"no", "proof"}, kStrongWeight},
                                               {{"made", "up"}, kStrongWeight},
                                               {{"never", "happened"}, kStrongWeight},
                                               {{"not", "real"}, kStrongWeight},
                                               {{"not", "the", "case"}, kStrongWeight},
                                               {{"isn't", "true"}, kStrongWeight},
                                               {{"wasn't", "true"}, kStrongWeight},
                                               {{"turned", "out", "to", "be"}, kDoubtWeight}};
  return kCues;
}

bool IsNegation(std::string_view token) {
  return token == "not" || token == "no" || token == "never" || token == "nothing" ||
         token == "neither" || token == "nor" || token == "none" || token.ends_with("n't");
}

// Negations that deny nothing: "no idea", "not sure", "never guess", "don't forget".
bool IsIdiomaticNegation(const std::vector<std::string>& tokens, size_t i) {
  static const std::unordered_set<std::string_view> kNext = {"idea",  "sure", "guess", "forget",
                                                             "doubt", "good", "mind",  "wonder"};
  return i + 1 < tokens.size() && kNext.contains(tokens[i + 1]);
}

// "no doubt", "without doubt", "little doubt": the doubt word affirms.
bool IsDoubtDenied(const std::vector<std::string>& tokens, size_t i) {
  if (i == 0) return false;
  const std::string& before = tokens[i - 1];
  return IsNegation(before) || before == "without" || before == "little" || before == "beyond";
}

std::string_view Stem(std::string_view token) { return token.substr(0, kStemBytes); }

bool IsContentWord(std::string_view token) {
  return token.size() >= 2 && !IsEnglishStopWord(token) && !IsNegation(token);
}

// Evidence of one span of tokens: the weighted cues found, and their names.
struct Evidence {
  double strong = 0;  // strong cues and strong phrases
  double total = 0;   // every refutation cue, weighted
  double doubt = 0;   // doubt cues
  double rumour = 0;  // words that speak of the story as a rumour
  std::vector<std::string> cues;
};

bool PhraseAt(const std::vector<std::string>& tokens, size_t i, const PhraseCue& phrase) {
  if (i + phrase.tokens.size() > tokens.size()) return false;
  for (size_t k = 0; k < phrase.tokens.size(); ++k) {
    if (tokens[i + k] != phrase.tokens[k]) return false;
  }
  return true;
}

std::string JoinPhrase(const PhraseCue& phrase) {
  std::string out;
  for (std::string_view t : phrase.tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

// The claim word (stem) a negation at `i` scopes over, if any.
const std::string* NegatedClaimWord(const std::vector<std::string>& tokens, size_t i,
                                    const std::set<std::string_view>& claim_stems) {
  for (size_t k = i + 1; k < tokens.size() && k <= i + kNegationReach; ++k) {
    if (IsContentWord(tokens[k]) && claim_stems.contains(Stem(tokens[k]))) return &tokens[k];
  }
  return nullptr;
}

// Cues in `tokens`; scoped negations count only when `claim_stems` is given (aligned
// sentences of a claim without negation of its own).
Evidence FindEvidence(const std::vector<std::string>& tokens,
                      const std::set<std::string_view>* claim_stems, double alignment = 1) {
  const double negation_weight =
      kScopedNegationWeight * std::min(1.0, alignment / kFullNegationAlignment);
  Evidence e;
  auto add = [&e](std::string name, double weight, bool strong) {
    e.total += weight;
    if (strong) e.strong += weight;
    e.cues.push_back(std::move(name));
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const PhraseCue* phrase = nullptr;
    for (const PhraseCue& p : PhraseCues()) {
      if (PhraseAt(tokens, i, p)) phrase = &p;
    }
    if (phrase != nullptr) {
      add(JoinPhrase(*phrase), phrase->weight, phrase->weight >= kStrongWeight);
      i += phrase->tokens.size() - 1;
    } else if (StrongCues().contains(tokens[i])) {
      add(tokens[i], kStrongWeight, true);
    } else if (DoubtCues().contains(tokens[i]) && IsDoubtDenied(tokens, i)) {
      continue;
    } else if (DoubtCues().contains(tokens[i])) {
      add(tokens[i], kDoubtWeight, false);
      e.doubt += kDoubtWeight;
    } else if (RumourCues().contains(tokens[i])) {
      e.rumour += 1;
    } else if (claim_stems != nullptr && IsNegation(tokens[i]) && !IsIdiomaticNegation(tokens, i)) {
      if (const std::string* word = NegatedClaimWord(tokens, i, *claim_stems)) {
        add("not: " + *word, negation_weight, false);
      }
    }
  }
  return e;
}

double Alignment(const std::vector<std::string>& sentence,
                 const std::set<std::string_view>& claim_stems) {
  if (claim_stems.empty()) return 0;
  std::set<std::string_view> found;
  for (const std::string& t : sentence) {
    if (claim_stems.contains(Stem(t))) found.insert(Stem(t));
  }
  return static_cast<double>(found.size()) / static_cast<double>(claim_stems.size());
}

struct Sentence {
  std::string_view text;
  std::vector<std::string> tokens;
  double alignment = 0;
};

std::vector<Sentence> AlignedSentences(std::string_view text,
                                       const std::set<std::string_view>& claim_stems) {
  std::vector<Sentence> out;
  for (const Span& span : SplitSentences(text)) {
    Sentence s{text.substr(span.begin, span.size()), {}, 0};
    s.tokens = NormalizedTokens(s.text);
    s.alignment = Alignment(s.tokens, claim_stems);
    out.push_back(std::move(s));
  }
  return out;
}

// Indexes of the best-aligned sentences (at most `count`, each at least `min_alignment`),
// best first, ties by text order.
std::vector<size_t> BestAligned(const std::vector<Sentence>& sentences, int count,
                                double min_alignment) {
  std::vector<size_t> order(sentences.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return sentences[x].alignment > sentences[y].alignment;
  });
  std::vector<size_t> best;
  for (size_t i : order) {
    if (static_cast<int>(best.size()) >= count || sentences[i].alignment < min_alignment) break;
    best.push_back(i);
  }
  std::sort(best.begin(), best.end());
  return best;
}

bool IsWordByteAt(std::string_view text, size_t k) {
  return k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) ||
                             static_cast<unsigned char>(text[k]) >= 0x80);
}

// One past the closing mark of the quotation opening at text[i]; npos when none opens there
// or it is never closed. Curly quotes open with U+2018/U+201C and close with U+2019/U+201D;
// a single quote closes only where no word goes on (U+2019 inside a word is an apostrophe:
// "isn’t"), and a straight single quote opens only at a word's start.
size_t QuotationEnd(std::string_view text, size_t i) {
  const std::string_view rest = text.substr(i);
  std::string_view close;
  size_t open_size = 1;
  bool single = false;
  if (rest.starts_with("\u201c")) {
    close = "\u201d";
    open_size = 3;
  } else if (rest.starts_with("\u2018")) {
    close = "\u2019";
    open_size = 3;
    single = true;
  } else if (rest.starts_with('"')) {
    close = "\"";
  } else if (rest.starts_with('\'') && (i == 0 || !IsWordByteAt(text, i - 1))) {
    close = "'";
    single = true;
  } else {
    return std::string_view::npos;
  }
  for (size_t k = i + open_size; k < text.size(); ++k) {
    if (text.substr(k).starts_with(close) && !(single && IsWordByteAt(text, k + close.size()))) {
      return k + close.size();
    }
  }
  return std::string_view::npos;
}

// `text` with its quotations blanked: words in quotation marks are someone's speech, not the
// claim's own voice ("Nun 'had no idea' she was pregnant" does not deny).
std::string WithoutQuotes(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const size_t end = QuotationEnd(text, i);
    if (end == std::string_view::npos) {
      out += text[i++];
    } else {
      out += ' ';
      i = end;
    }
  }
  return out;
}

// Whether the claim denies by a negation of its own (not quoted, not idiomatic).
bool ClaimNegated(std::string_view claim) {
  const std::vector<std::string> tokens = NormalizedTokens(WithoutQuotes(claim));
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (IsNegation(tokens[i]) && !IsIdiomaticNegation(tokens, i)) return true;
  }
  return false;
}

}  // namespace

Stance FindStance(std::string_view claim, std::string_view text, const StanceOptions& options) {
  const std::vector<std::string> claim_tokens = NormalizedTokens(claim);
  std::set<std::string_view> claim_stems;
  for (const std::string& t : claim_tokens) {
    if (IsContentWord(t)) claim_stems.insert(Stem(t));
  }
  const bool claim_negated = ClaimNegated(claim);
  const Evidence claim_evidence = FindEvidence(claim_tokens, nullptr);

  const std::vector<Sentence> sentences = AlignedSentences(text, claim_stems);
  const std::vector<size_t> aligned =
      BestAligned(sentences, options.aligned_sentences, options.min_alignment);
  Stance stance;
  for (const std::string& cue : claim_evidence.cues) stance.cues.push_back("claim: " + cue);
  if (claim_negated) stance.cues.push_back("claim: negated");
  double aligned_evidence = 0;
  double elsewhere_strong = 0;
  double elsewhere_doubt = 0;
  double rumour = 0;
  double best_sentence_evidence = 0;
  size_t next_aligned = 0;
  for (size_t i = 0; i < sentences.size(); ++i) {
    stance.alignment = std::max(stance.alignment, sentences[i].alignment);
    const bool is_aligned = next_aligned < aligned.size() && aligned[next_aligned] == i;
    if (is_aligned) ++next_aligned;
    Evidence e = FindEvidence(sentences[i].tokens, is_aligned ? &claim_stems : nullptr,
                              sentences[i].alignment);
    rumour += e.rumour;
    if (!is_aligned) {
      elsewhere_strong += e.strong;
      elsewhere_doubt += e.doubt;
      continue;
    }
    aligned_evidence += e.total;
    if (e.total > best_sentence_evidence) {
      best_sentence_evidence = e.total;
      stance.evidence = std::string(sentences[i].text);
    }
    stance.cues.insert(stance.cues.end(), e.cues.begin(), e.cues.end());
  }
  const double text_denial = kAlignedEvidenceWeight * std::min(aligned_evidence, kEvidenceCap) +
                             kElsewhereStrongWeight * std::min(elsewhere_strong, kEvidenceCap) +
                             kElsewhereDoubtWeight * std::min(elsewhere_doubt, kEvidenceCap);
  const double rumour_talk = kRumourWeight * std::min(rumour, kEvidenceCap);
  const double claim_denial = claim_evidence.total + (claim_negated ? kClaimNegationWeight : 0.0) +
                              kClaimRumourWeight * claim_evidence.rumour;
  // A claim that denies ("X did NOT say Y", "Y dismissed as hoax") and a text that does not
  // deny disagree with each other; a text that denies too agrees with it. kClaimCueWeight is
  // large: the text's denial all but vetoes.
  const double z = claim_denial > 0
                       ? kBias + kDenyingClaimWeight * std::min(claim_denial, kEvidenceCap) -
                             kClaimCueWeight * (text_denial + kRumourAgreementWeight * rumour_talk)
                       : kBias + text_denial + rumour_talk;
  stance.refutes_confidence = 1 / (1 + std::exp(-z));
  stance.refutes = stance.refutes_confidence >= options.refutes_threshold;
  return stance;
}

}  // namespace crossclaim
