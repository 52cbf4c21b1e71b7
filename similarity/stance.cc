#include "similarity/stance.h"

#include <algorithm>
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
constexpr double kDenyingClaimWeight = 1.3;
constexpr double kEvidenceCap = 3.0;
// A negation scopes over the next few words ("did not actually resign").
constexpr size_t kNegationReach = 4;

// Words that say the claim is false or invented.
const std::unordered_set<std::string_view>& StrongCues() {
  static const std::unordered_set<std::string_view> kCues = {
      "hoax",       "hoaxes",     "hoaxed",       "fake",      "faked",     "fakes",    "false",
      "falsely",    "fabricated", "fabrication",  "bogus",     "debunk",    "debunked", "debunks",
      "debunking",  "untrue",     "satire",       "satirical", "spoof",     "prank",    "pranks",
      "myth",       "scam",       "fictional",    "baseless",  "unfounded", "refute",   "refuted",
      "refutes",    "deny",       "denied",       "denies",    "denial",    "denying",  "retracted",
      "retraction", "misleading", "photoshopped", "doctored",  "nonsense"};
  return kCues;
}

// Words that doubt the claim without saying it is false.
const std::unordered_set<std::string_view>& DoubtCues() {
  static const std::unordered_set<std::string_view> kCues = {
      "doubt",     "doubts",       "doubtful",    "skeptical",  "sceptical",
      "skeptics",  "sceptics",     "unlikely",    "unverified", "dismissed",
      "dismisses", "questionable", "implausible", "exaggerated"};
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

std::string_view Stem(std::string_view token) { return token.substr(0, kStemBytes); }

bool IsContentWord(std::string_view token) {
  return token.size() >= 2 && !IsEnglishStopWord(token) && !IsNegation(token);
}

// Evidence of one span of tokens: the weighted cues found, and their names.
struct Evidence {
  double strong = 0;  // strong cues and strong phrases
  double total = 0;   // every cue, weighted
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
                      const std::set<std::string_view>* claim_stems) {
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
    } else if (DoubtCues().contains(tokens[i])) {
      add(tokens[i], kDoubtWeight, false);
    } else if (claim_stems != nullptr && IsNegation(tokens[i])) {
      if (const std::string* word = NegatedClaimWord(tokens, i, *claim_stems)) {
        add("not: " + *word, kScopedNegationWeight, false);
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

}  // namespace

Stance FindStance(std::string_view claim, std::string_view text, const StanceOptions& options) {
  const std::vector<std::string> claim_tokens = NormalizedTokens(claim);
  std::set<std::string_view> claim_stems;
  for (const std::string& t : claim_tokens) {
    if (IsContentWord(t)) claim_stems.insert(Stem(t));
  }
  const bool claim_negated = std::any_of(claim_tokens.begin(), claim_tokens.end(),
                                         [](const std::string& t) { return IsNegation(t); });
  const Evidence claim_evidence = FindEvidence(claim_tokens, nullptr);

  const std::vector<Sentence> sentences = AlignedSentences(text, claim_stems);
  const std::vector<size_t> aligned =
      BestAligned(sentences, options.aligned_sentences, options.min_alignment);
  Stance stance;
  for (const std::string& cue : claim_evidence.cues) stance.cues.push_back("claim: " + cue);
  if (claim_negated) stance.cues.push_back("claim: negated");
  double aligned_evidence = 0;
  double elsewhere_strong = 0;
  double best_sentence_evidence = 0;
  size_t next_aligned = 0;
  for (size_t i = 0; i < sentences.size(); ++i) {
    stance.alignment = std::max(stance.alignment, sentences[i].alignment);
    const bool is_aligned = next_aligned < aligned.size() && aligned[next_aligned] == i;
    if (is_aligned) ++next_aligned;
    Evidence e =
        FindEvidence(sentences[i].tokens, is_aligned && !claim_negated ? &claim_stems : nullptr);
    if (!is_aligned) {
      elsewhere_strong += e.strong;
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
                             kElsewhereStrongWeight * std::min(elsewhere_strong, kEvidenceCap);
  const double claim_denial = claim_evidence.total + (claim_negated ? kClaimNegationWeight : 0.0);
  // A claim that denies ("X did NOT say Y", "Y dismissed as hoax") and a text that does not
  // deny disagree with each other; a text that denies too agrees with it. kClaimCueWeight is
  // large: the text's denial all but vetoes.
  const double z = claim_denial > 0
                       ? kBias + kDenyingClaimWeight * std::min(claim_denial, kEvidenceCap) -
                             kClaimCueWeight * text_denial
                       : kBias + text_denial;
  stance.refutes_confidence = 1 / (1 + std::exp(-z));
  stance.refutes = stance.refutes_confidence >= options.refutes_threshold;
  return stance;
}

}  // namespace crossclaim
