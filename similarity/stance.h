// Stance of a text towards a claim: does the text refute it, i.e. does one of the two deny what
// the other reports? (a headline and an article body that debunks it: "the story turned out
// to be a hoax", "police denied the report"; or a debunking headline over a body that tells
// the story as true).
// `crossclaim pairs` prints it for text_b towards text_a; bench/stance_eval.sh measures it
// on FNC-1 disagree vs agree (docs/quality.md).
//
// How: the text's sentences are aligned with the claim (the share of the claim's content
// words each sentence contains, compared by their first kStemBytes bytes so that "denied" and
// "denies" meet); the best-aligned ones are where the text speaks about the claim. Refutation
// cues are counted there (strong: "hoax", "fake", "debunked", "denied", "not true", "no
// evidence"; doubt: "skeptical", "unlikely", "unverified"), plus negations scoped to a claim
// word ("did not resign" against "X resigns"), weighed by the sentence's alignment (a
// sentence sharing a fifth of the claim's words negates something else more often); strong
// and doubt cues elsewhere in the text count less, and words that speak of the story as a
// rumour ("viral", "purported") a little.
// The claim's own cues and negations ("Pope did NOT say pets go to heaven", "photo dismissed
// as hoax") turn the test around: such a claim denies, so a text that denies too (its cues,
// its negations of claim words, its talk of rumours) agrees with it, and a text that reports
// the story without denying it is the one that disagrees (FNC-1 labels both directions
// "disagree"). Negations inside quotation marks ("Nun 'had no idea'") are someone's speech,
// and idioms ("no idea", "not sure") deny nothing: neither makes the claim a denial.
// The evidence is combined by a logistic function with hand-set weights (not fitted on any
// labelled set); the weights and the threshold of `refutes` were chosen by hand on FNC-1
// train pairs of a seeded 70% of the bodies (docs/quality.md).
//
// Example:
//   Stance s = FindStance("Christian Bale to play Steve Jobs",
//                         "Bale has exited the project. He denied he would play Jobs.");
//   // s.refutes == true, s.cues == {"denied"}, s.evidence == "He denied he would play Jobs."
//
// Thread safety: pure functions.
#ifndef CROSSCLAIM_SIMILARITY_STANCE_H_
#define CROSSCLAIM_SIMILARITY_STANCE_H_

#include <string>
#include <string_view>
#include <vector>

namespace crossclaim {

// refutes_confidence at or above which a text is said to refute the claim: the F1-best
// threshold for disagree vs agree on a seeded 70% of FNC-1 train bodies (docs/quality.md).
// It is just below one negation of a claim word in a sentence that holds most of the claim
// (logistic(-2.2 + 1.3 x 0.5) = 0.175, SICK's contradictions); a lone negation in a weakly
// aligned sentence, or a lone strong cue far from the claim, is not enough.
inline constexpr double kRefutesThreshold = 0.17;

struct StanceOptions {
  // How many of the best-aligned sentences are read as speaking about the claim.
  int aligned_sentences = 3;
  // A sentence must contain this share of the claim's content words to count as aligned.
  double min_alignment = 0.2;
  double refutes_threshold = kRefutesThreshold;
};

struct Stance {
  bool refutes = false;
  // In (0, 1): how sure the refutation is; low when no cue is found.
  double refutes_confidence = 0;
  // The cues that counted: first the claim's own, as "claim: CUE" ("claim: hoax", and
  // "claim: negated" for a negation in it), then the text's aligned sentences' in text
  // order: cue words or phrases ("hoax", "not true") and scoped negations as "not: WORD"
  // (WORD the claim word negated).
  std::vector<std::string> cues;
  // The aligned sentence with the most refutation evidence; empty when none has a cue.
  std::string evidence;
  // The best sentence alignment found, in [0, 1].
  double alignment = 0;

  bool operator==(const Stance&) const = default;
};

// The stance of `text` towards `claim`. O(|claim| + |text|) plus sentence splitting.
Stance FindStance(std::string_view claim, std::string_view text,
                  const StanceOptions& options = StanceOptions());

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_STANCE_H_
