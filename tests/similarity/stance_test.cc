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

TEST(Stance, ADebunkingClaimAgreesWithATextThatNegatesTheSameClaimWord) {
  // Both deny: the text's "will not play" is the claim's own denial, not a refutation of it.
  const Stance s = FindStance("Christian Bale will not play Steve Jobs",
                              "Christian Bale will not play Steve Jobs, his agent said.");
  EXPECT_THAT(s.cues, ElementsAre("claim: negated", "not: play"));
  EXPECT_FALSE(s.refutes);
  EXPECT_LT(s.refutes_confidence, 0.01);
}

TEST(Stance, ADebunkingClaimAgreesWithATextAboutTheRumour) {
  // The text speaks of "viral rumours": it tells the rumour, as the denying claim does.
  const Stance s = FindStance("Banksy has not been arrested",
                              "Viral rumours of Banksy's arrest spread on Sunday.");
  EXPECT_THAT(s.cues, ElementsAre("claim: negated"));
  EXPECT_FALSE(s.refutes);
  // Two rumour words (0.1 each), half of them a denial, vetoing x10: -2.2 + 0.65 - 1.
  EXPECT_NEAR(s.refutes_confidence, 1 / (1 + std::exp(2.2 - 0.65 + 1.0)), 1e-9);
}

TEST(Stance, QuotedNegationIsNotTheClaimsOwnDenial) {
  // The negation is the plumber's quoted words; the claim itself reports the story, and a
  // text that tells it agrees.
  const std::string text = "A photo shows the plumber's truck with militants in Syria.";
  for (const char* claim :
       {"Plumber's truck in Syria: \u2018We have nothing to do with terror\u2019",
        "Plumber's truck in Syria: \"We have nothing to do with terror\"",
        "Plumber's truck in Syria: 'We have nothing to do with terror'"}) {
    const Stance s = FindStance(claim, text);
    EXPECT_THAT(s.cues, IsEmpty()) << claim;
    EXPECT_FALSE(s.refutes) << claim;
  }
  // An apostrophe is no quotation mark: "isn\u2019t" still negates the claim.
  EXPECT_THAT(FindStance("The truck isn\u2019t in Syria", text).cues,
              ElementsAre("claim: negated"));
}

TEST(Stance, IdiomaticNegationIsNoDenial) {
  const Stance s = FindStance("Texas plumber has no idea how his truck ended up in Syria",
                              "The plumber's truck was photographed in Syria.");
  EXPECT_THAT(s.cues, IsEmpty());
  EXPECT_FALSE(s.refutes);
}

TEST(Stance, NegationCountsInProportionToTheSentencesAlignment) {
  const std::string claim = "Spider burrows under tourist's skin in Bali";
  // {spider, burrows, tourist's, skin, bali}: the whole claim, then 2 of its 5 words.
  const Stance full =
      FindStance(claim, "The spider did not burrow under the tourist's skin in Bali.");
  const Stance partial = FindStance(claim, "The spider did not burrow.");
  EXPECT_THAT(full.cues, ElementsAre("not: burrow"));
  EXPECT_THAT(partial.cues, ElementsAre("not: burrow"));
  EXPECT_TRUE(full.refutes);
  EXPECT_FALSE(partial.refutes);
  // Weight 0.5 in full; at alignment 0.4 of the full 0.8, half of it.
  EXPECT_NEAR(full.refutes_confidence, 1 / (1 + std::exp(2.2 - 1.3 * 0.5)), 1e-9);
  EXPECT_NEAR(partial.refutes_confidence, 1 / (1 + std::exp(2.2 - 1.3 * 0.25)), 1e-9);
}

TEST(Stance, DoubtAndRumourOutsideTheAlignedSentences) {
  StanceOptions one;
  one.aligned_sentences = 1;
  const std::string claim = "Meteorite strikes Managua";
  const Stance doubt = FindStance(
      claim, "A meteorite struck Managua, officials said. Scientists are skeptical.", one);
  // Doubt elsewhere: 0.5 (doubt cue) x 0.5; not listed among the aligned cues.
  EXPECT_THAT(doubt.cues, IsEmpty());
  EXPECT_NEAR(doubt.refutes_confidence, 1 / (1 + std::exp(2.2 - 0.25)), 1e-9);
  const Stance rumour = FindStance(
      claim,
      "A meteorite struck Managua, officials said. The viral photo was purported to show it.", one);
  // Two rumour words, 0.1 each.
  EXPECT_NEAR(rumour.refutes_confidence, 1 / (1 + std::exp(2.2 - 0.2)), 1e-9);
  EXPECT_FALSE(rumour.refutes);
}

TEST(Stance, NoDoubtAffirms) {
  const std::string claim = "Jihadi John named as Mohammed Emwazi";
  const Stance affirms =
      FindStance(claim, "A friend said: I have no doubt that Mohammed Emwazi is Jihadi John.");
  EXPECT_THAT(affirms.cues, IsEmpty());  // neither "doubt" nor "not: mohammed"
  EXPECT_FALSE(affirms.refutes);
  const Stance doubts =
      FindStance(claim, "Police doubt that Mohammed Emwazi is Jihadi John, a source said.");
  EXPECT_THAT(doubts.cues, ElementsAre("doubt"));
}

TEST(Stance, AClaimAboutARumourIsRefutedByATextThatTellsItAsTrue) {
  // "rumor" in the claim: it tells of the rumour's fate; a text that reports the theft as
  // fact disagrees, one that calls it untrue agrees.
  const std::string claim = "Stolen Batmobile rumor put to rest";
  const Stance told =
      FindStance(claim, "Thieves stole the Batmobile from the film set in Detroit on Sunday.");
  EXPECT_TRUE(told.refutes);
  // One rumour word, 0.5, weighted 1.3: logistic(-2.2 + 0.65).
  EXPECT_NEAR(told.refutes_confidence, 1 / (1 + std::exp(2.2 - 0.65)), 1e-9);
  EXPECT_FALSE(FindStance(claim, "The stolen Batmobile story was untrue, police said.").refutes);
}

TEST(Stance, PranksAreNoRefutation) {
  // "known for his pranks" tells what the man does, not that the story is false.
  const std::string claim = "YouTuber gives homeless man $100";
  const Stance s =
      FindStance(claim, "The YouTuber, known for his pranks, gave a homeless man $100.");
  EXPECT_THAT(s.cues, IsEmpty());
  EXPECT_FALSE(s.refutes);
  EXPECT_TRUE(
      FindStance(claim, "The video in which the YouTuber gives a homeless man $100 was a hoax.")
          .refutes);
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
