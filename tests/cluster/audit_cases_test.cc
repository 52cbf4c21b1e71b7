// The false findings of the careful-reader audit on the BASIL train feed (docs/quality.md,
// bench/audit/basil_verdicts.tsv), each reproduced by a pair of sentences written here for
// the purpose (no article text is copied: the pairs keep the pattern that misled the rules,
// with other words). Each case names the audit items it stands for by their event prefix and
// the rule that went wrong. They must stay fixed: no divergence shown (confidence at or
// above the default threshold), and the right ones must still be shown.
//
// The real items are checked on the shared data by `bench/audit/basil_audit.py check`, which
// CI cannot run (it has no copy of the data set); this file is the part that runs anywhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "cluster/divergence.h"
#include "cluster/event_analysis.h"
#include "core/claims.h"
#include "tests/testing/fixtures.h"

namespace crossclaim {
namespace {

const double kShown = AnalysisOptions().min_divergence_confidence;

std::string Shown(const std::vector<Divergence>& ds) {
  std::string out;
  for (const Divergence& d : ds) {
    if (d.confidence >= kShown) {
      out += std::string(KindName(d.kind)) + ": " + d.explanation + " (" +
             std::to_string(d.confidence) + ")\n";
    }
  }
  return out;
}

struct AuditCase {
  const char* audit;  // which audit items it reproduces (event prefix) and why they were false
  const char* a;
  const char* b;
};

const AuditCase kFixedFalse[] = {
    {"8dc7ccfe quote: one verb transcribed in two forms ('he saying' / 'he said')",
     "\"Now, according to the radio, he saying that he backs the plan,\" she told reporters.",
     "\"Now, according to the radio, he said that he backs the plan,\" she told reporters."},
    {"005a2961 negation: a hypothetical against a statement", "Let's say there's no signed lease.",
     "She has a signed lease from the city council."},
    {"08bb9bee entity: 'As I' taken as a speaker",
     "\"What she did was simply wrong and offensive,\" Smith said.",
     "\"As I said before, her remarks were wrong and offensive,\" said Jones in a statement."},
    {"2058ec60 negation: of another predicate",
     "The question before the court was not whether Acme paid women less.",
     "The lawsuit claims that Acme pays women less than men."},
    {"2153fb3e negation: two statements of one speaker",
     "The vote is \"not creating any jobs,\" the mayor said on Monday.",
     "\"I believe in hard work, but we must help ourselves by creating jobs,\" the mayor said."},
    {"2153fb3e modality: different subjects",
     "Party leaders say that their twelve bills will help create jobs.",
     "The governor said the senator could help create jobs in the state."},
    {"2b95d2cf date: two actions on two days",
     "Senators kept up pressure on the chairman Sunday to apologize.",
     "Critics offered harsh reactions to the chairman on Friday after the video."},
    {"38f7cbb7 negation: a denied offer of one post, other posts offered",
     "The aide said the agency never offered the mayor the ambassador post.",
     "The report said the mayor was offered unpaid posts on advisory boards."},
    {"38f7cbb7 term: 'win against X' and 'defeat X' agree",
     "She went on to win the primary against Senator Brown.",
     "She went on to defeat Senator Brown in the primary."},
    {"576116e5 number: a 23 percent cut and paying 77 percent agree",
     "Retirees would then face a 23 percent cut in their benefits.",
     "The fund will only be able to pay 77 percent of promised benefits."},
    {"f11c2566 number: two ratios that agree",
     "He gave his party a \"two-in-three chance\" of keeping the House.",
     "He said there is a \"1 in 3\" chance that his party will lose the House."},
    {"6f95dcb9 negation: 'not that simple' and 'too simple an answer' agree",
     "She said it's \"not that simple.\"", "She said the name was \"too simple an answer.\""},
    {"6f95dcb9 negation: a question against a statement",
     "And who, exactly, failed as badly as the other side?",
     "\"It's not enough to not fail as badly as the other side,\" he said."},
    {"74708dbf negation: an open decision against an expected one",
     "The chairman will announce whether he will step down or seek a second term.",
     "The chairman is expected to announce that he will not seek a second term."},
    {"cad4bba5 term: ordinals of two meetings",
     "The two men met Sunday at the White House for the first time in weeks.",
     "Thursday's meeting was the second time in a week the two men met in person."},
    {"65cb14cb negation: a quotation fragment against the full quotation",
     "That is not the goal, man is the goal.", "Man is the goal."},
    {"576116e5 entity: two speakers of two statements",
     "He said the union remains opposed to cutting pensions for the sake of deficit reduction.",
     "But Mr. Grant said the group's openness to future cuts would be used by deficit hawks."},
};

TEST(AuditCases, FixedFalseDivergencesStayHidden) {
  for (const AuditCase& c : kFixedFalse) {
    SCOPED_TRACE(c.audit);
    std::vector<Divergence> ab = FindDivergences(AnalyzeSentence(c.a), AnalyzeSentence(c.b), {});
    std::vector<Divergence> ba = FindDivergences(AnalyzeSentence(c.b), AnalyzeSentence(c.a), {});
    EXPECT_EQ(Shown(ab), "");
    EXPECT_EQ(Shown(ba), "");
  }
}

// The two real conflicts of the audit's kinds, in words of our own: one quotation printed
// with other words; the same words given to two speakers.
// Exactly one divergence between sentences a and b: a shown quote divergence, word
// `from` of a replaced by `to` in b.
void ExpectOneAlteredWord(const char* a, const char* b, const std::string& from,
                          const std::string& to) {
  std::vector<Divergence> ds = FindDivergences(AnalyzeSentence(a), AnalyzeSentence(b), {});
  ASSERT_EQ(ds.size(), 1u) << Shown(ds);
  EXPECT_EQ(ds[0].kind, DivergenceKind::kQuote);
  EXPECT_EQ(ds[0].a_text, from);
  EXPECT_EQ(ds[0].b_text, to);
  EXPECT_GE(ds[0].confidence, kShown);
  EXPECT_NE(ds[0].explanation.find(from + " \xE2\x86\x92 " + to), std::string::npos)
      << ds[0].explanation;
}

TEST(AuditCases, AlteredQuotationIsAQuoteDivergence) {
  ExpectOneAlteredWord("\"We reject his visit to the capital,\" the minister said.",
                       "\"We reject his message to the capital,\" the minister said.", "visit",
                       "message");
}

TEST(AuditCases, OneQuotationGivenToTwoSpeakersIsAQuoteDivergence) {
  Claim a = AnalyzeSentence("\"We will not bow to pressure from anyone at all,\" Peskov said.");
  Claim b = AnalyzeSentence("\"We will not bow to pressure from anyone at all,\" Ushakov said.");
  std::vector<Divergence> ds = FindDivergences(a, b, {});
  ASSERT_EQ(ds.size(), 1u) << Shown(ds);
  EXPECT_EQ(ds[0].kind, DivergenceKind::kQuote);
  EXPECT_EQ(ds[0].a_text, "Peskov");
  EXPECT_EQ(ds[0].b_text, "Ushakov");
}

TEST(AuditCases, QuotationFragmentIsNotAnAlteration) {
  Claim a = AnalyzeSentence("He said \"we will win this race in November\" to the crowd.");
  Claim b = AnalyzeSentence("He said \"we will win this race\" to the crowd.");
  EXPECT_EQ(Shown(FindDivergences(a, b, {})), "");
  // ... and an editor's bracket or ellipsis is not a changed word.
  Claim c =
      AnalyzeSentence("\"If they [the senators] don't pass this bill soon, we lose,\" he said.");
  Claim d = AnalyzeSentence("\"If they don't pass this bill soon, we lose,\" he said.");
  EXPECT_EQ(Shown(FindDivergences(c, d, {})), "");
}

// Held-out audit items 33521e65 and 84678e18: "F.B.I." in one outlet, "FBI" in another (and
// "I.R.S."/"IRS") inside one quotation is the house style of the outlet, not a changed word;
// nor is an abbreviation a second entity. An altered word next to it still is one.
TEST(AuditCases, AbbreviationRespelledIsNotAnAlteration) {
  const std::pair<const char*, const char*> kRespelled[] = {
      {"\"The F.B.I. has opened an inquiry into the leak,\" the senator said.",
       "\"The FBI has opened an inquiry into the leak,\" the senator said."},
      {"\"Our troops will leave the U.S. base next spring,\" the general said.",
       "\"Our troops will leave the US base next spring,\" the general said."},
      {"\"We asked the I.R.S. to explain the audits,\" Camp said.",
       "\"We asked the Internal Revenue Service to explain the audits,\" Camp said."},
      {"The F.B.I. agents searched the house on Monday.",
       "The FBI agents searched the house on Monday."},
  };
  for (const auto& [x, y] : kRespelled) {
    SCOPED_TRACE(x);
    EXPECT_EQ(Shown(FindDivergences(AnalyzeSentence(x), AnalyzeSentence(y), {})), "");
    EXPECT_EQ(Shown(FindDivergences(AnalyzeSentence(y), AnalyzeSentence(x), {})), "");
  }
  ExpectOneAlteredWord("\"The F.B.I. has opened an inquiry into the leak,\" the senator said.",
                       "\"The FBI has opened an inquiry into the theft,\" the senator said.",
                       "leak", "theft");
}

// Claim-graph cases: false corroborated clusters of the dev audit, each rebuilt as a small
// event of two outlets in words of our own. Each article opens with the same three lead
// sentences (leads join on a lower bar), so the sentences under test sit deep in the article
// as they did there. Every case also checks that the one fact both outlets state is still
// corroborated.
constexpr const char* kLeads =
    "The city council voted on Monday to close the old harbour bridge to traffic. The vote "
    "followed months of complaints about cracks in its supports. Engineers will inspect the "
    "bridge next week.\n\n";

class GraphCase {
 public:
  GraphCase(const std::string& first, const std::string& second) {
    corpus_ = testing::CorpusOf(
        {testing::MakeDocument("first", "First", "2024-03-04", kLeads + first),
         testing::MakeDocument("second", "Second", "2024-03-04", kLeads + second)});
    claims_ = ExtractCorpusClaims(corpus_, BoilerplateOptions(), ClaimOptions());
    Result<EventAnalysis> event = AnalyzeEvent(corpus_, claims_, AnalysisOptions());
    EXPECT_TRUE(event.ok()) << event.status().message();
    if (event.ok()) event_ = std::move(*event);
  }

  // Whether the claims of documents `doc_a` and `doc_b` holding the needles share a cluster.
  bool Together(int32_t doc_a, const std::string& a, int32_t doc_b, const std::string& b) const {
    return ClusterOf(doc_a, a) == ClusterOf(doc_b, b);
  }

 private:
  int32_t ClusterOf(int32_t doc, const std::string& needle) const {
    for (size_t i = 0; i < claims_.claims.size(); ++i) {
      const Claim& c = claims_.claims[i];
      if (c.doc == doc && c.text.find(needle) != std::string::npos) {
        return ClusterIdOf(static_cast<int32_t>(i));
      }
    }
    ADD_FAILURE() << "no claim of document " << doc << " holds '" << needle << "'";
    return -2 - doc;
  }
  int32_t ClusterIdOf(int32_t claim) const {
    for (const ClaimCluster& c : event_.clusters) {
      if (std::find(c.claims.begin(), c.claims.end(), claim) != c.claims.end()) return c.id;
    }
    return -1 - claim;  // off-event: in no cluster, with no other claim
  }

  Corpus corpus_;
  ClaimSet claims_;
  EventAnalysis event_;
};

// 2058ec60, 2153fb3e, c21cb217 "two statements of one speaker in one cluster": a document's
// second claim joined a cluster through a weak resemblance to another outlet's quotation.
TEST(AuditCases, AWeakSecondClaimOfOneDocumentLeavesTheCluster) {
  GraphCase event(
      "\"If somebody tells you how to spend the money, you do not have any discretion,\" he "
      "said.",
      "\"If somebody tells you how to spend the money,\" he said, \"you do not have any "
      "discretion.\"\n\nManagers, he went on, \"are told by the company how to spend the "
      "money, with little discretion.\"");
  EXPECT_TRUE(event.Together(0, "If somebody", 1, "If somebody"));
  EXPECT_FALSE(event.Together(0, "If somebody", 1, "Managers"));
}

// 576116e5 "two statements by one official on two networks": the same speaker and title, two
// quotations with no word in common.
TEST(AuditCases, TwoQuotationsWithNoWordInCommonAreTwoStatements) {
  GraphCase event(
      "Union policy director David Grant told one network that the pension fund needs a "
      "\"package of revenue and benefit adjustments to make it solvent.\"\n\nThe bridge will "
      "stay closed for at least a year, the council said.",
      "Union policy director David Grant said on another network on Friday that \"there was "
      "some miscommunication with the newspaper story.\"\n\nThe council said the bridge will "
      "stay closed for at least a year.");
  EXPECT_FALSE(event.Together(0, "David Grant", 1, "David Grant"));
  EXPECT_TRUE(event.Together(0, "at least a year", 1, "at least a year"));
}

// c21cb217, 6f95dcb9 "two different remarks": two quotations sharing two ordinary words.
TEST(AuditCases, TwoRemarksSharingTwoWordsAreNotOneFact) {
  GraphCase event(
      "\"The man at the back of the room who is shouting the insult wants that to be the "
      "conversation,\" the mayor told reporters.\n\nThe bridge will stay closed for at least "
      "a year, the council said.",
      "\"I am going to get back to the conversation I care about,\" she said.\n\nThe council "
      "said the bridge will stay closed for at least a year.");
  EXPECT_FALSE(event.Together(0, "shouting", 1, "get back"));
  EXPECT_TRUE(event.Together(0, "at least a year", 1, "at least a year"));
}

// 3db93526, 65cb14cb "two lines of one speech in one cluster": each outlet prints both lines,
// each line of one outlet resembling both of the other's (the words "strong" and "city"); the
// weaker pairs join nothing when each line has a better partner there (DropDominatedEdges).
TEST(AuditCases, EachLineOfASpeechJoinsItsBestPartner) {
  GraphCase event(
      "The mayor ended her speech with two lines. \"Hard work made this city strong. It can "
      "make the city strong again.\"\n\nThe bridge will stay closed for at least a year, the "
      "council said.",
      "\"Hard work made this city strong,\" she told the crowd.\n\n\"It can make the city "
      "strong again,\" she said.\n\nThe council said the bridge will stay closed for at least "
      "a year.");
  EXPECT_TRUE(event.Together(0, "Hard work", 1, "Hard work"));
  EXPECT_TRUE(event.Together(0, "It can make", 1, "It can make"));
  EXPECT_FALSE(event.Together(0, "Hard work", 1, "It can make"));
  EXPECT_TRUE(event.Together(0, "at least a year", 1, "at least a year"));
}

// 45bd61bc, 2ec04201 "two different statements by different people": close words given to
// two speakers, a person and a group, with no quotation in common (OtherSpeakers).
TEST(AuditCases, TwoSpeakersOfCloseWordsAreTwoStatements) {
  GraphCase event(
      "Tom Hale said the city acted as part of its duty to keep drivers on the bridge safe."
      "\n\nThe bridge will stay closed for at least a year, the council said.",
      "Several Democrats said it was the city's duty to keep drivers safe on the old bridge."
      "\n\nThe council said the bridge will stay closed for at least a year.");
  EXPECT_FALSE(event.Together(0, "Tom Hale", 1, "Democrats"));
  EXPECT_TRUE(event.Together(0, "at least a year", 1, "at least a year"));
}

// 38f7cbb7 "the White House said" / "the Obama administration said": two names of one office
// are one speaker, so OtherSpeakers leaves two institutions together.
TEST(AuditCases, TwoNamesOfOneOfficeAreOneSpeaker) {
  GraphCase event(
      "The mayor asked engineers to inspect all supports of the bridge before the vote, the "
      "City Council said on Monday.\n\nThe bridge will stay closed for at least a year, the "
      "council said.",
      "Engineers were told by the mayor to check the bridge supports ahead of that vote, the "
      "Ross administration said.\n\nThe council said the bridge will stay closed for at least "
      "a year.");
  EXPECT_TRUE(event.Together(0, "asked engineers", 1, "Engineers were told"));
}

// 2ec04201 "a candidate's argument vs his campaign disputing another": the one content word
// the two sentences share follows a pointer in both ("the same argument", "that argument"), so
// what they refer to is outside them (SharedWordsPointElsewhere). The agent is a name in both,
// as there ("Obama", "the Obama campaign"): a common noun said in both ("the mayor", "the
// mayor's office") is a shared word of its own.
TEST(AuditCases, WordsThatPointElsewhereAreNotOneFact) {
  GraphCase event(
      "Mayor Hale made the same argument at the rally.\n\nThe bridge will stay closed for at "
      "least a year, the council said.",
      "The Hale campaign is disputing that argument.\n\nThe council said the bridge will stay "
      "closed for at least a year.");
  EXPECT_FALSE(event.Together(0, "same argument", 1, "that argument"));
  EXPECT_TRUE(event.Together(0, "at least a year", 1, "at least a year"));
}

// 97b1305c "two statements of one speaker": one speaker, named with his title in both, and
// nothing else in common; the speaker's name alone gives them a same-fact score above the bar
// (OnlyTheSpeakerInCommon).
TEST(AuditCases, OneSpeakerAndNothingElseInCommonIsTwoStatements) {
  GraphCase event(
      "Jane Roe, the president of the nurses union, said the strike was not an attempt to "
      "punish the hospital.\n\nThe bridge will stay closed for at least a year, the council "
      "said.",
      "\"We believe in the right of every worker to be heard,\" the Nurses Union President Jane "
      "Roe said in a written statement.\n\nThe council said the bridge will stay closed for at "
      "least a year.");
  EXPECT_FALSE(event.Together(0, "Jane Roe", 1, "Jane Roe"));
  EXPECT_TRUE(event.Together(0, "at least a year", 1, "at least a year"));
}

// Two sentences, one in each article, that state two facts (each followed by one fact both
// state alike, which must still join: the rule did not cut every edge).
void ExpectTwoFacts(const std::string& first, const std::string& second,
                    const std::string& needle_first, const std::string& needle_second) {
  GraphCase event(first + "\n\nThe bridge will stay closed for at least a year, the council said.",
                  second + "\n\nThe council said the bridge will stay closed for at least a year.");
  EXPECT_FALSE(event.Together(0, needle_first, 1, needle_second));
  EXPECT_TRUE(event.Together(0, "at least a year", 1, "at least a year"));
}

// 550b80db "a description of the cover vs the magazine's defence of it": one outlet reports
// the magazine's answer to criticism of a photo, the other describes the photo; the words of
// the photo are in both (ReactionBesideDescription).
TEST(AuditCases, AReactionAndWhatItReactsToAreTwoFacts) {
  ExpectTwoFacts(
      "The poster shows the mayor standing against a dark red wall, looking straight into the "
      "lens with wide eyes.",
      "The gallery has defended its poster, a close-up of the mayor before a dark red wall, "
      "saying that the lens caught her well.",
      "poster shows", "has defended");
}

// b5eefefb "two different facts about the debates": next week's debate beside a past one of
// the same weekday (WeekdaysOfTwoWeeks; the possessive "Tuesday's" is read as a date).
TEST(AuditCases, NextTuesdaysDebateIsNotLastTuesdays) {
  ExpectTwoFacts(
      "The mayor is preparing for next Tuesday's debate against her rival, the second of three "
      "town hall meetings.",
      "Her first debate against the rival on Tuesday was a setback for the mayor, who lost "
      "ground in the town hall meetings.",
      "next Tuesday", "on Tuesday");
}

// c21cb217 "who followed whom: different facts": the same two people around the same verb,
// in swapped roles (RolesSwapped; there the second was a pronoun, which the rule does not
// resolve, so the case is written with names).
TEST(AuditCases, SwappedRolesAreTwoFacts) {
  ExpectTwoFacts(
      "Senator Jane Smith quietly followed the activist Tom Jones on Twitter for a year before "
      "the vote.",
      "Jones followed Smith on Twitter months before the vote, her office confirmed.",
      "quietly followed", "Jones followed");
}

}  // namespace
}  // namespace crossclaim
