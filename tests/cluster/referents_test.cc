// Referents of claim pairs (cluster/referents.h): which shared details are evidence of one
// fact. Every sentence is written here by hand, with its expected reading.
#include "cluster/referents.h"

#include <gtest/gtest.h>

#include "core/claims.h"

namespace crossclaim {
namespace {

TEST(SharesSpecifics, AYearNamingAnEventIsNoDetail) {
  // 74708dbf: both name "the 2012 election cycle", of two facts.
  Claim selection = AnalyzeSentence(
      "The contest ends next month with the choice of a chairman "
      "for the 2012 election cycle.");
  Claim silence = AnalyzeSentence(
      "He has not said whether he will lead the party into the "
      "2012 election cycle.");
  EXPECT_FALSE(SharesSpecifics(selection, silence));
  EXPECT_FALSE(SharesSpecifics(silence, selection));
  // A year that dates an action still is one, beside the event's name too.
  Claim won = AnalyzeSentence("Republicans won the House in 2010 partly by attacking the law.");
  Claim line = AnalyzeSentence(
      "Republicans used the charge as an attack line in the 2010 "
      "congressional elections.");
  EXPECT_TRUE(SharesSpecifics(won, line));
  EXPECT_TRUE(SharesSpecifics(line, won));
  EXPECT_TRUE(SharesSpecifics(AnalyzeSentence("The treaty was signed in 2012 by both."),
                              AnalyzeSentence("Both countries signed the treaty in 2012.")));
}

TEST(SharedWordsPointElsewhere, WordsAfterAPointerReferOutsideTheSentence) {
  // 2ec04201: "the same argument" and "that argument" are two arguments of the article.
  Claim made = AnalyzeSentence("Obama made the same argument on the stump.");
  Claim disputed = AnalyzeSentence("The Obama campaign is disputing that argument.");
  EXPECT_TRUE(SharedWordsPointElsewhere(made, disputed));
  EXPECT_TRUE(SharedWordsPointElsewhere(disputed, made));
  // One shared word said outright is evidence of its own.
  Claim stated = AnalyzeSentence("The Obama campaign is disputing the argument about cuts.");
  Claim again = AnalyzeSentence("Obama made that argument about cuts on the stump.");
  EXPECT_FALSE(SharedWordsPointElsewhere(stated, again));
  // An inflection of a shared word said outright counts as said outright: "understands" and
  // "understand" are one word, so "anger" after the pointer is not all they share.
  Claim told = AnalyzeSentence("Mayor Hale told the residents he understands the anger.");
  Claim quoted = AnalyzeSentence("\"I understand that anger,\" Hale said.");
  EXPECT_FALSE(SharedWordsPointElsewhere(told, quoted));
  EXPECT_FALSE(SharedWordsPointElsewhere(quoted, told));
  // Sharing only names is no case for the rule.
  EXPECT_FALSE(SharedWordsPointElsewhere(AnalyzeSentence("Obama spoke in Ohio on Monday."),
                                         AnalyzeSentence("That Obama rally drew a crowd.")));
}

TEST(OnlyTheSpeakerInCommon, OneSpeakersTwoStatements) {
  // 97b1305c: one speaker, named with his title in both, and nothing else alike.
  Claim paraphrase = AnalyzeSentence(
      "Jane Roe, the president of the nurses union, said the strike was not an attempt to "
      "punish the hospital.");
  Claim quotation = AnalyzeSentence(
      "\"We believe in the right of every worker to be heard,\" the Nurses Union President "
      "Jane Roe said in a written statement.");
  EXPECT_TRUE(OnlyTheSpeakerInCommon(paraphrase, quotation));
  EXPECT_TRUE(OnlyTheSpeakerInCommon(quotation, paraphrase));
  // One word of what she said in common ("strike", "strikes") is more than the speaker.
  Claim again = AnalyzeSentence(
      "\"Our strikes never hurt the patients,\" the Nurses Union President Jane Roe said.");
  EXPECT_FALSE(OnlyTheSpeakerInCommon(paraphrase, again));
  EXPECT_FALSE(OnlyTheSpeakerInCommon(again, paraphrase));
}

TEST(OnlyTheSpeakerInCommon, ANameBesideTheSpeakerIsSharedToo) {
  // 65cb14cb: one speaker, and a name word ("Catholic") that is not his, said in both: one
  // fact, not two statements.
  Claim report =
      AnalyzeSentence("Jane Roe said she never doubted the mayor and believes he is a Catholic.");
  Claim quotation = AnalyzeSentence("\"He says he is a Catholic,\" Roe said.");
  EXPECT_FALSE(OnlyTheSpeakerInCommon(report, quotation));
  EXPECT_FALSE(OnlyTheSpeakerInCommon(quotation, report));
  // The speaker's own name words stay out: "Roe" in both is still the speaker only.
  Claim other = AnalyzeSentence("\"We will meet the board again,\" Jane Roe said on Friday.");
  EXPECT_TRUE(OnlyTheSpeakerInCommon(report, other));
}

TEST(WeekdaysOfTwoWeeks, NextWeekAgainstAPastWeek) {
  Claim next = AnalyzeSentence("The senator will prepare for next Tuesday's debate.");
  Claim past = AnalyzeSentence("The debate on Tuesday was a setback for the senator.");
  Claim last = AnalyzeSentence("The senator lost last Tuesday's debate badly.");
  EXPECT_TRUE(WeekdaysOfTwoWeeks(next, past));
  EXPECT_TRUE(WeekdaysOfTwoWeeks(past, next));
  EXPECT_TRUE(WeekdaysOfTwoWeeks(next, last));
  // A bare weekday that may be the one to come, and another weekday, are no case.
  EXPECT_FALSE(WeekdaysOfTwoWeeks(
      next, AnalyzeSentence("The senator will face her rival in the debate on Tuesday.")));
  EXPECT_FALSE(WeekdaysOfTwoWeeks(
      next, AnalyzeSentence("The debate on Wednesday was a setback for the senator.")));
  EXPECT_FALSE(
      WeekdaysOfTwoWeeks(past, AnalyzeSentence("The senator said the Tuesday debate was lost.")));
  // "last Tuesday" against a weekday said of the future only.
  EXPECT_TRUE(WeekdaysOfTwoWeeks(
      last, AnalyzeSentence("The senator will meet the board on Tuesday to discuss it.")));
}

TEST(ReactionBesideDescription, TheAnswerAndTheThingAnswered) {
  Claim description =
      AnalyzeSentence("The poster shows the mayor against a red wall, looking into the lens.");
  Claim reaction = AnalyzeSentence("The gallery has defended the poster of the mayor.");
  EXPECT_TRUE(ReactionBesideDescription(description, reaction));
  EXPECT_TRUE(ReactionBesideDescription(reaction, description));
  // Two reactions, or a reaction beside a speaker's words, are no case for the rule.
  EXPECT_FALSE(ReactionBesideDescription(
      reaction, AnalyzeSentence("The gallery defended the poster on Monday.")));
  EXPECT_FALSE(ReactionBesideDescription(
      reaction, AnalyzeSentence("The poster is art, the gallery said on Monday.")));
  EXPECT_FALSE(ReactionBesideDescription(
      description, AnalyzeSentence("The poster was hung in the hall of the gallery.")));
}

TEST(RolesSwapped, WhoDidWhatToWhom) {
  Claim smith = AnalyzeSentence("Senator Jane Smith followed Tom Jones on Twitter for a year.");
  Claim jones = AnalyzeSentence("Tom Jones followed Smith on Twitter, aides confirmed.");
  EXPECT_TRUE(RolesSwapped(smith, jones));
  EXPECT_TRUE(RolesSwapped(jones, smith));
  // A passive keeps the doer: one fact.
  Claim passive = AnalyzeSentence("Jones was followed by Smith on Twitter for a year.");
  EXPECT_FALSE(RolesSwapped(smith, passive));
  EXPECT_FALSE(RolesSwapped(passive, smith));
  // The same order is one fact; pronouns are not resolved.
  EXPECT_FALSE(RolesSwapped(smith, AnalyzeSentence("Smith followed Jones on Twitter.")));
  EXPECT_FALSE(RolesSwapped(smith, AnalyzeSentence("She followed him on Twitter.")));
  // A meeting of two is no order of roles.
  EXPECT_FALSE(RolesSwapped(AnalyzeSentence("Senator Jane Smith met with Tom Jones on Monday."),
                            AnalyzeSentence("Tom Jones met with Smith on Monday.")));
}

}  // namespace
}  // namespace crossclaim
