// Divergences: conflicting details between two claims that were already judged to state
// the same fact (by the clustering stage). Five kinds are detected:
//
//   number    "7% increase" vs "5% increase"; "$220 billion" vs "$200 billion"
//   date      "21 January" vs "January 22"; "Wednesday" vs "January 21, 2025" (a Tuesday)
//   entity    "according to Ushakov" vs "according to Peskov" (who said it)
//   negation  "will attend" vs "will not attend"; "will attend" vs "may attend" (modality)
//   term      "telephone conversation" vs "video call"; "rose" vs "fell"
//   quote     one quotation printed with other words ("We reject his visit to the capital" vs
//             "We reject his message to the capital"), or the same words given to two speakers
//
// Example:
//   Claim a = AnalyzeSentence("Trade grew 7% to $220 billion.");
//   Claim b = AnalyzeSentence("Trade grew 5% to $220 billion.");
//   std::vector<Divergence> d = FindDivergences(a, b, {});
//   // d.size() == 1, d[0].kind == DivergenceKind::kNumber,
//   // d[0].a_text == "7%", d[0].b_text == "5%", d[0].explanation == "7% vs 5%"
//
// Precision comes before recall: a fact-checker stops trusting a tool that cries wolf.
// The rules therefore report only what two claims state incompatibly, never what one
// claim states and the other leaves out. As a guard against claims that were aligned by
// mistake, nothing is reported for claims sharing less than min_shared_content of their
// content words. The rules:
//  * number: only numbers of the same unit are compared ("%" with "%", "$" with "$" or
//    "dollars", "minute" with "minute"); bare counts and ordinals only when the same word
//    follows them ("two countries" vs "three countries"). Each number stands for an
//    interval set by its qualifier: "more than X" is [X, inf), "less than"/"up to"/
//    "under" (-inf, X], "nearly"/"almost" [X - approx, X], "about"/"around"/"roughly"/
//    "some" X +- approx, approx = approximate_tolerance * X; a plain number is [X, X].
//    A number written with fewer decimals than the other is widened by its rounding
//    ("7%" covers [6.5, 7.5] against "7.4%"; two integers are not widened). Two numbers
//    are compatible when their intervals are within number_tolerance * max(|x|, |y|) of
//    each other (ordinals: exactly). A number is explained when it is compatible with
//    some number of the same unit in the other claim; a divergence
//    is reported only when exactly one number of a unit is unexplained on each side.
//  * date: a date is compatible with another when every component both specify (year,
//    month, day, weekday) agrees, a day range ("20-21 January") agreeing with each of
//    its days; a weekday is checked against a day only when the
//    other date has year, month and day (its weekday is computed). "February 2022" vs
//    "2022" is compatible. As for numbers, exactly one unexplained, comparable date on
//    each side is a divergence.
//  * entity: both claims attribute the statement to a named person or body, and the two
//    speakers are different entities, neither named in the other claim (a speaker named
//    there relays, not contradicts). Names match by surname, tolerating transliteration:
//    "Yuri Ushakov", "Yuriy Ushakov" and "Ushakov" are one person (the last word of one
//    name equals a word of the other, or is within edit distance 1 of it for words of 4+
//    letters, 2 for 8+). Speakers that are not proper names ("the Kremlin's press
//    service") are not compared. Also a name in the same slot
//    (same word before and after it) that differs, when it is the only unmatched name on
//    each side ("spoke with Trump on Friday" vs "spoke with Biden on Friday").
//  * negation: one claim holds a negation cue ("not", "never", "denied", "n't", ...) and
//    the other none; the content word the cue governs (the next non-stop word) and the
//    content word after that appear in the other claim, inflections aside ("didn't sign"
//    vs "signed"; "not playing the guitar" does not deny "playing a flute"). Modality: a
//    claim says "will" and the other "may"/"might"/"could"/"possibly"/"perhaps" before
//    the same word.
//  * term: a small lexicon of contrast sets (see ContrastSets()). A divergence when each
//    claim mentions exactly one member of a set and the members differ. "telephone
//    conversation" and "phone call" are the same member.
//
// Slots, not sentences (issue 15): each finding is checked for alignment and carries a
// `confidence`; a misaligned one is kept with a low confidence, not dropped:
//  * a number or term is aligned when the nearest content words around it (two on each side,
//    names included) share a stem with those around the other: "19-year-old woman" vs
//    "36-year-old man" is not; a ratio ("two in three", "1 in 3") is not a count at all;
//  * a date is aligned when its nearest non-name content word on either side is shared (the
//    action it dates: "Wednesday urged" vs "Thursday signed" is not);
//  * a negation needs, besides the negated word, its subject (the content word before the cue)
//    or its object in the other claim, and both for a confident finding ("it's not that simple"
//    vs "too simple an answer" has neither);
//  * a speaker conflict needs the claims to share >= 80% of their content words; an ordinal
//    (first / second) >= 60%;
//  * a question (rhetorical or not), a condition or hypothetical ("if", "let's say"), or a cue
//    inside a quotation against a paraphrase outside one, lowers the finding to 0.2;
//  * quote: two quotations sharing >= 5 words in order (2 of them not stop words, >= 60% of the
//    shorter) with one run of at most 3 words replaced by another between shared words (or at
//    an end, both runs short); not a respelling ("Sen." / "Senator", "pew" / "pews"), function
//    words only, an editor's "[...]" or "...", or the same word with words around it. Two named
//    speakers who differ said two things: no word divergence for them.
// Confidences: quote words 0.8 (measured: 9 of 11 right on the BASIL dev audit,
// docs/quality.md); priors set by hand for the rules too rare there to measure: number 0.85,
// date 0.8, contact term 0.85, other terms 0.7, negation 0.75 (0.35 with one anchor), modality
// 0.6, speaker 0.6, name slot 0.5, quote speaker 0.7; misaligned 0.25, unasserted 0.2. The
// report shows those >= 0.5 (AnalysisOptions::min_divergence_confidence).
//
// Measured once (SICK, SemEval-2014 train + trial, image captions rather than news: any
// divergence as the prediction of CONTRADICTION, 739 pairs, against ENTAILMENT, 1,443):
// precision 0.998, recall 0.813; all of it from the negation rule, as SICK's
// contradictions are mostly "A man is (not) ...".
//
// Thread safety: all functions are pure and safe to call concurrently.
#ifndef CROSSCLAIM_CLUSTER_DIVERGENCE_H_
#define CROSSCLAIM_CLUSTER_DIVERGENCE_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/claims.h"
#include "core/status.h"
#include "core/text.h"

namespace crossclaim {

enum class DivergenceKind { kNumber, kDate, kEntity, kNegation, kTerm, kQuote };

// "number", "date", "entity", "negation", "term", "quote".
std::string_view KindName(DivergenceKind kind);

// One conflicting detail. Spans are byte offsets into each claim's DOCUMENT text (the
// convention of Claim::span), so a_text == document_a.text.substr(a_span.begin,
// a_span.size()). For a claim built by AnalyzeSentence(), the document is the sentence.
struct Divergence {
  DivergenceKind kind = DivergenceKind::kTerm;
  Span a_span;
  Span b_span;
  std::string a_text;       // the differing words of claim a, as written
  std::string b_text;       // the differing words of claim b, as written
  std::string explanation;  // short, human readable: "7% vs 5%"
  // How likely a careful reader finds the conflict real, in [0, 1]: the rule's precision in
  // the BASIL dev audit (docs/quality.md), lowered when the detail's slot is not aligned or
  // one side is a question, a condition or a quotation against a paraphrase.
  double confidence = 0;
  // Term divergences: the contrast set's aspect ("contact") and the member index on each
  // side (ContrastSets()), so that "telephone conversation" and "phone call" group as one
  // side of a card. Empty / -1 for other kinds.
  std::string aspect;
  int a_member = -1;
  int b_member = -1;

  bool operator==(const Divergence&) const = default;
};

struct DivergenceOptions {
  // Relative slack between two number intervals (rounding by the outlets), in [0, 1).
  double number_tolerance = 0.05;
  // Half-width of "about X" and depth of "nearly X", relative to X, in [0, 1).
  double approximate_tolerance = 0.15;
  // Share of content words (overlap coefficient: |A and B| / min(|A|, |B|) over the sets
  // of non-stop words) below which two claims are not compared at all, in [0, 1].
  double min_shared_content = 0.3;

  // Checks the ranges above; the message names the field and the rule.
  Status Validate() const;
};

// One contrast set of the term lexicon: members are mutually exclusive descriptions of
// one aspect of a fact; each member lists its phrases as normalised words separated by
// single spaces ("telephone conversation").
struct ContrastSet {
  std::string_view aspect;  // "contact", "direction", ...
  std::vector<std::vector<std::string_view>> members;
};

// The built-in lexicon, in a fixed order. Static storage; thread-safe. Aspects and
// members (each with its inflections and phrasings):
//   contact       telephone / phone call | video call / videoconference / video link |
//                 in person / face to face
//   direction     increase / rise / grew | decrease / fall / decline / drop
//   confirmation  confirmed | denied
//   agreement     agreed / accepted / approved | rejected / refused
//   order         first | second | ... | tenth
//   relation      ally | rival / adversary / enemy / foe
//   outcome       won / victory | lost (not "defeat": the verb means winning)
//   casualty      killed / dead / died | injured / wounded
//   custody       arrested / detained / jailed | released / freed
std::span<const ContrastSet> ContrastSets();

// Conflicting details between `a` and `b`, sorted by (kind, a_span.begin, b_span.begin).
// Symmetric: FindDivergences(b, a) gives the same set of divergences with a and b
// swapped. Preconditions: each claim's feature spans lie inside its span, and claim.text
// is the document text at claim.span (as ExtractClaims and AnalyzeSentence produce);
// `options` are valid (Validate() is ok). A feature span outside its claim gives an empty
// a_text/b_text, never a throw or an out-of-range read. Cost: O(|a| * |b|) in the number of
// features plus a tokenisation of both texts; about 8 us per pair on the demo event (median over
// all its 3,200 cross-document claim pairs, Release build).
std::vector<Divergence> FindDivergences(const Claim& a, const Claim& b,
                                        const DivergenceOptions& options);

// A quotation printed by both claims: the same words in the same order (a longest common
// subsequence of at least 5 normalised words, 2 of them not stop words, and at least 60% of
// the shorter quotation's words). Spans are the two quotations (into each claim's document);
// `words` the words in common. Uses Claim::quotes; nullopt when either claim quotes nothing or no
// pair matches.
struct SharedQuote {
  Span a;
  Span b;
  int words = 0;
};
std::optional<SharedQuote> FindSharedQuote(const Claim& a, const Claim& b);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CLUSTER_DIVERGENCE_H_
