#include "similarity/stance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

namespace crossclaim {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(Stance, DenialWhereTheTextSpeaksAboutTheClaim) {
  const Stance s = FindStance("Christian Bale to play Steve Jobs",
                              "Bale has exited the project. He denied he would play Jobs.");
  EXPECT_TRUE(s.refutes);
  EXPECT_THAT(s.cues, ElementsAre("denied"));
  EXPECT_EQ(s.evidence, "He denied he would play Jobs.");
  // One strong cue in an aligned sentence: logistic(-2.2 + 1.3), the hand-set weights.
  EXPECT_NEAR(s.refutes_confidence, 1 / (1 + std::exp(0.9)), 1e-9);
  // "play", "jobs" of {christian, bale, play, steve, jobs} in the second sentence.
  EXPECT_NEAR(s.alignment, 2.0 / 5, 1e-12);
}

TEST(Stance, ReportingTheClaimIsNoRefutation) {
  const Stance s = FindStance("Christian Bale to play Steve Jobs",
                              "Christian Bale will play Steve Jobs in the biopic. Filming starts "
                              "in May. Danny Boyle directs.");
  EXPECT_FALSE(s.refutes);
  EXPECT_THAT(s.cues, IsEmpty());
  EXPECT_EQ(s.evidence, "");
  EXPECT_NEAR(s.alignment, 1.0, 1e-12);
}

TEST(Stance, NegationScopedToAClaimWordAndPhrases) {
  const Stance s = FindStance(
      "Spider burrows under tourist's skin",
      "Experts say a spider could not burrow under skin. The spider story is not true, they said.");
  EXPECT_TRUE(s.refutes);
  // "burrow" meets "burrows" by its first five letters; "not true" is one phrase cue, in
  // a sentence aligned by "spider" (1 of the 4 claim words, above min_alignment 0.2).
  EXPECT_THAT(s.cues, ElementsAre("not: burrow", "not true"));
}

TEST(Stance, NegationOfAnotherMatterDoesNotCount) {
  const Stance s = FindStance("Spider burrows under tourist's skin",
                              "A spider burrowed under the skin of a tourist. He did not sleep "
                              "for days, his friends said.");
  EXPECT_THAT(s.cues, IsEmpty());
  EXPECT_FALSE(s.refutes);
}

TEST(Stance, AClaimThatDebunksIsNotRefutedByTheSameWords) {
  // The headline calls the story a hoax; a body saying so agrees with it.
  const Stance s = FindStance("Hoax alert: the priest who met God is made up",
                              "The priest who met God is a hoax, the diocese said.");
  EXPECT_THAT(s.cues, ElementsAre("claim: hoax", "claim: made up", "hoax"));
  EXPECT_FALSE(s.refutes);
  EXPECT_LT(s.refutes_confidence, 0.01);
}

TEST(Stance, ADebunkingClaimIsRefutedByATextThatTellsTheStoryAsTrue) {
  const Stance s = FindStance("Pope Francis did not say pets go to heaven",
                              "Pope Francis told a boy that his dog would go to heaven. The "
                              "remark was welcomed by animal-rights groups.");
  EXPECT_THAT(s.cues, ElementsAre("claim: negated"));  // the text itself denies nothing
  EXPECT_TRUE(s.refutes);
  // The claim's negation (0.5), weighted 1.3: logistic(-2.2 + 0.65).
  EXPECT_NEAR(s.refutes_confidence, 1 / (1 + std::exp(2.2 - 0.65)), 1e-9);
}

TEST(Stance, CuesOutsideTheAlignedSentencesCountLess) {
  StanceOptions one;
  one.aligned_sentences = 1;
  const std::string claim = "Rebels seized the airport";
  const Stance aligned =
      FindStance(claim, "Officials said it was fake that rebels seized the airport.", one);
  const Stance elsewhere =
      FindStance(claim, "Rebels seized the airport, witnesses said. Other videos were fake.", one);
  EXPECT_THAT(elsewhere.cues, IsEmpty());  // only aligned sentences' cues are listed
  EXPECT_GT(aligned.refutes_confidence, elsewhere.refutes_confidence);
  EXPECT_NEAR(elsewhere.refutes_confidence, 1 / (1 + std::exp(2.2 - 0.5)), 1e-9);
}

TEST(Stance, EmptyInputs) {
  EXPECT_FALSE(FindStance("", "").refutes);
  EXPECT_FALSE(FindStance("Rebels seized the airport", "").refutes);
  EXPECT_EQ(FindStance("", "It is a hoax.").alignment, 0);
}

}  // namespace
}  // namespace crossclaim
