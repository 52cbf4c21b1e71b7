#include "core/claims.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

std::string At(const Claim& claim, const Span& span) {
  return claim.text.substr(span.begin, span.size());
}

TEST(AnalyzeSentence, NumbersWithUnitsScalesAndQualifiers) {
  Claim c = AnalyzeSentence(
      "Putin, in turn, noted a 7% increase in trade between the two countries, which amounts to "
      "more than $220 billion.");
  ASSERT_EQ(c.numbers.size(), 3u);
  EXPECT_EQ(At(c, c.numbers[0].span), "7%");
  EXPECT_DOUBLE_EQ(c.numbers[0].value, 7);
  EXPECT_EQ(c.numbers[0].unit, "%");
  EXPECT_EQ(At(c, c.numbers[1].span), "two countries");
  EXPECT_DOUBLE_EQ(c.numbers[1].value, 2);
  EXPECT_EQ(At(c, c.numbers[2].span), "$220 billion");
  EXPECT_DOUBLE_EQ(c.numbers[2].value, 220e9);
  EXPECT_EQ(c.numbers[2].unit, "$");
  EXPECT_EQ(c.numbers[2].qualifier, "more than");
}

TEST(AnalyzeSentence, HyphenatedUnitsAndPercentWords) {
  Claim c = AnalyzeSentence("In their nearly 100-minute conversation, trade rose 5 percent.");
  ASSERT_EQ(c.numbers.size(), 2u);
  EXPECT_EQ(At(c, c.numbers[0].span), "100-minute");
  EXPECT_EQ(c.numbers[0].unit, "minute");
  EXPECT_EQ(c.numbers[0].qualifier, "nearly");
  EXPECT_EQ(c.numbers[1].unit, "%");
  EXPECT_DOUBLE_EQ(c.numbers[1].value, 5);
}

TEST(AnalyzeSentence, ClockTimesAreNotQuantities) {
  Claim c = AnalyzeSentence("The statement came out at 1:32 PM on the day.");
  EXPECT_TRUE(c.numbers.empty());
}

struct DateCase {
  const char* sentence;
  const char* text;
  DateMention expected;  // span ignored
};

TEST(AnalyzeSentence, DatesInTheFormsNewsUses) {
  const DateCase cases[] = {
      {"They held a telephone conversation on 21 January.", "21 January", {{}, 0, 1, 21, 0}},
      {"The press service reported on Jan. 21 after the call.", "Jan. 21", {{}, 0, 1, 21, 0}},
      {"They held a video call on January 21, 2025, officials said.",
       "January 21, 2025",
       {{}, 2025, 1, 21, 0}},
      {"They declared a partnership in February 2022 in Beijing.",
       "February 2022",
       {{}, 2022, 2, 0, 0}},
      {"Strikes hit refineries on the night of 20-21 January.", "20-21 January", {{}, 0, 1, 21, 0}},
      {"Xi visited Russia in March 2023, officials said.", "March 2023", {{}, 2023, 3, 0, 0}},
      {"He visited again in May 2024 for talks.", "May 2024", {{}, 2024, 5, 0, 0}},
  };
  for (const DateCase& dc : cases) {
    SCOPED_TRACE(dc.sentence);
    Claim c = AnalyzeSentence(dc.sentence);
    ASSERT_EQ(c.dates.size(), 1u);
    EXPECT_EQ(At(c, c.dates[0].span), dc.text);
    EXPECT_EQ(c.dates[0].year, dc.expected.year);
    EXPECT_EQ(c.dates[0].month, dc.expected.month);
    EXPECT_EQ(c.dates[0].day, dc.expected.day);
    EXPECT_TRUE(c.numbers.empty()) << "date parts must not be counted as numbers";
  }
}

TEST(AnalyzeSentence, WeekdaysAndBareYears) {
  Claim c = AnalyzeSentence("Putin spoke with Xi on Tuesday (Jan 21), as in 2022 before.");
  ASSERT_EQ(c.dates.size(), 3u);
  EXPECT_EQ(c.dates[0].weekday, 2);
  EXPECT_EQ(At(c, c.dates[1].span), "Jan 21");
  EXPECT_EQ(c.dates[2].year, 2022);
  EXPECT_EQ(c.dates[2].month, 0);
  // A possessive weekday is a date, not a name.
  Claim possessive = AnalyzeSentence("She will prepare for next Friday's debate in Ohio.");
  ASSERT_EQ(possessive.dates.size(), 1u);
  EXPECT_EQ(possessive.dates[0].weekday, 5);
  EXPECT_EQ(At(possessive, possessive.dates[0].span), "Friday's");
  EXPECT_EQ(possessive.names, std::vector<std::string>{"Ohio"});
  // "may" the modal is a cue, "May" the month is not.
  Claim modal = AnalyzeSentence("They may be coordinating their approach in May.");
  ASSERT_EQ(modal.cues.size(), 1u);
  EXPECT_EQ(modal.cues[0].word, "may");
}

TEST(AnalyzeSentence, MultiWordNames) {
  Claim c = AnalyzeSentence(
      "Russian President Vladimir Putin and Chinese President Xi Jinping held a video call, "
      "the Institute for the Study of War said.");
  EXPECT_EQ(c.names, (std::vector<std::string>{"Russian President Vladimir Putin",
                                               "Chinese President Xi Jinping",
                                               "Institute for the Study of War"}));
  Claim start = AnalyzeSentence("The call came a day after Donald Trump was inaugurated.");
  EXPECT_EQ(start.names, (std::vector<std::string>{"Donald Trump"}));
}

TEST(AnalyzeSentence, NegationAndModalityCues) {
  Claim denied =
      AnalyzeSentence("Beijing has nevertheless denied accusations of supporting Russia.");
  ASSERT_EQ(denied.cues.size(), 1u);
  EXPECT_EQ(denied.cues[0].word, "denied");
  EXPECT_EQ(denied.cues[0].kind, "negation");
  Claim neither = AnalyzeSentence("Neither leader mentioned Trump, but they may be coordinating.");
  std::vector<std::string> words;
  for (const Cue& cue : neither.cues) words.push_back(cue.kind + ":" + cue.word);
  EXPECT_EQ(words, (std::vector<std::string>{"negation:neither", "modality:may"}));
  Claim plain = AnalyzeSentence("The two leaders held a video call on Tuesday.");
  EXPECT_TRUE(plain.cues.empty());
}

struct AttributionCase {
  const char* sentence;
  const char* speaker;  // nullptr: none
};

TEST(AnalyzeSentence, Attribution) {
  const AttributionCase cases[] = {
      {"Both leaders want good ties, according to Kremlin foreign policy aide Yuri Ushakov.",
       "Yuri Ushakov"},
      {"According to Putin’s aide, Yuriy Ushakov, the war in Ukraine was discussed.",
       "Yuriy Ushakov"},
      {"Xi declared readiness to deepen ties, the Kremlin's press service reported on Jan. 21.",
       "Kremlin's press service"},
      {"\"We build our ties on friendship,\" Putin said.", "Putin"},
      {"\"We build our ties on friendship,\" said Vladimir Putin.", "Vladimir Putin"},
      {"Ushakov also stated that Xi briefed Putin on his call with Trump.", "Ushakov"},
      {"The Ukrainian General Staff reported that strikes continue.", "Ukrainian General Staff"},
      {"Seven people were injured in the blaze, officials said.", "officials"},
      {"\"Our aim is to keep the bridge open,\" Ann Lee, the council's planning chief, said.",
       "Ann Lee"},
      {"Tom Hale, a Democrat, told reporters that the vote was close.", "Tom Hale"},
      {"He said that he wanted to discuss new plans.", nullptr},
      {"In Paris, the capital of France, said to be the most visited city, prices rose.", nullptr},
      {"Goods purchased in the United States have deep supply chains.", nullptr},
      {"This comes as reported peace proposals were rejected by Russia.", nullptr},
      // Quoted words are the speaker's, never the speaker: a capitalised word opening the
      // quote is not a name after "added", and a verb inside the quote attributes nothing.
      {"He added, \"Needless to say, the talks failed.\"", nullptr},
      {"She said, \u201CFrankly, nobody expected it.\u201D", nullptr},
      {"\"Nobody told Moscow,\" Lavrov said.", "Lavrov"},
      {"\"As Lavrov said, we wait,\" he noted.", nullptr},
      {"Ann Lee added, \"Obviously the plan stands.\"", "Ann Lee"},
      // A plural subject with "say".
      {"Tea Party groups say there is no racism within the movement.", "Tea Party groups"},
      {"They say there is no racism within the movement.", nullptr},
      {"At the time, aides say Mr. Romney opposed it.", nullptr},
  };
  for (const AttributionCase& ac : cases) {
    SCOPED_TRACE(ac.sentence);
    Claim c = AnalyzeSentence(ac.sentence);
    if (ac.speaker == nullptr) {
      EXPECT_FALSE(c.attribution.has_value()) << *c.attribution;
    } else {
      ASSERT_TRUE(c.attribution.has_value());
      EXPECT_EQ(*c.attribution, ac.speaker);
    }
  }
}

TEST(AnalyzeSentence, QuotesAreFlagged) {
  EXPECT_TRUE(AnalyzeSentence("He called him his “dear friend” on the call.").has_quote);
  EXPECT_FALSE(AnalyzeSentence("He called him his friend on the call.").has_quote);
}

TEST(ExtractCorpusClaims, SpansPointIntoTheDocumentText) {
  Result<Corpus> corpus = ReadInputs({testing::DemoEventDir()}, {});
  ASSERT_TRUE(corpus.ok());
  ClaimSet set = ExtractCorpusClaims(*corpus, {}, {});
  ASSERT_GT(set.claims.size(), 50u);
  for (size_t i = 0; i < set.claims.size(); ++i) {
    const Claim& claim = set.claims[i];
    SCOPED_TRACE(claim.text);
    EXPECT_EQ(claim.id, static_cast<int>(i));
    const std::string& text = corpus->documents[static_cast<size_t>(claim.doc)].text;
    ASSERT_LE(claim.span.end, text.size());
    EXPECT_EQ(text.substr(claim.span.begin, claim.span.size()), claim.text);
    EXPECT_GE(claim.tokens.size(), 4u);
    for (const NumberMention& n : claim.numbers) {
      EXPECT_GE(n.span.begin, claim.span.begin);
      EXPECT_LE(n.span.end, claim.span.end);
    }
    for (const DateMention& d : claim.dates) {
      EXPECT_GE(d.span.begin, claim.span.begin);
      EXPECT_LE(d.span.end, claim.span.end);
    }
    if (i > 0 && set.claims[i - 1].doc == claim.doc) {
      EXPECT_LE(set.claims[i - 1].span.end, claim.span.begin);
    }
  }
}

TEST(ExtractCorpusClaims, DemoEventFindingsAHumanWouldList) {
  Result<Corpus> corpus = ReadInputs({testing::DemoEventDir()}, {});
  ASSERT_TRUE(corpus.ok());
  ClaimSet set = ExtractCorpusClaims(*corpus, {}, {});
  auto find = [&](const std::string& prefix) -> const Claim* {
    for (const Claim& c : set.claims) {
      if (c.text.starts_with(prefix)) return &c;
    }
    return nullptr;
  };
  const Claim* trade = find("Putin, in turn, noted a 7% increase");
  ASSERT_NE(trade, nullptr);
  EXPECT_EQ(corpus->documents[static_cast<size_t>(trade->doc)].outlet, "The Kyiv Independent");
  const Claim* duration = find("In their nearly 100-minute conversation");
  ASSERT_NE(duration, nullptr);
  ASSERT_FALSE(duration->numbers.empty());
  EXPECT_EQ(duration->numbers[0].qualifier, "nearly");
  const Claim* ushakov = find("Details: According to Putin’s aide, Yuriy Ushakov");
  ASSERT_NE(ushakov, nullptr);
  EXPECT_EQ(ushakov->attribution, "Yuriy Ushakov");
  // melangenews: the three appended articles are still sentences (marked off-event later),
  // while its "Weekly Newsletter" and "Loading..." furniture is gone.
  EXPECT_NE(find("A drone swarm has reportedly breached Russian air defenses"), nullptr);
  EXPECT_EQ(find("Weekly Newsletter"), nullptr);
  EXPECT_EQ(find("Loading"), nullptr);
}

// A quote of two sentences: the second sentence alone has one straight mark, which it cannot
// tell from an opening one, but its paragraph closes the quote there, so "Putin said" after
// it names the speaker. Inside the quote, "Frankly" is no speaker of the first sentence.
TEST(ExtractClaims, SpeakerAfterAQuoteOfTwoSentences) {
  Document doc;
  doc.id = "d";
  doc.text =
      "\"Frankly, China buys our gas. Today we lead all gas supplies to China,\" Putin said.";
  BoilerplateReport kept;
  kept.kept = {{0, static_cast<uint32_t>(doc.text.size())}};
  const std::vector<Claim> claims = ExtractClaims(doc, 0, kept, 0, {});
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_FALSE(claims[0].attribution.has_value()) << *claims[0].attribution;
  EXPECT_EQ(claims[0].context_attribution, "Putin");
  EXPECT_EQ(claims[1].attribution, "Putin");
}

}  // namespace
}  // namespace crossclaim
