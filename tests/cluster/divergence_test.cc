#include "cluster/divergence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "core/claims.h"
#include "core/ingest.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct ConflictCase {
  const char* name;
  const char* a;
  const char* b;
  DivergenceKind kind;
  const char* a_text;  // expected differing words, read off the sentences by hand
  const char* b_text;
};

// Every kind on a true conflict. Each pair differs only in the conflicting detail (plus
// what that detail drags along), so exactly one divergence is expected.
const ConflictCase kConflicts[] = {
    {"percent", "Trade between the two countries grew 7% last year.",
     "Trade between the two countries grew 5% last year.", DivergenceKind::kNumber, "7%", "5%"},
    {"billions", "Trade amounted to $220 billion last year.",
     "Trade amounted to $200 billion last year.", DivergenceKind::kNumber, "$220 billion",
     "$200 billion"},
    {"count of the same noun", "Two soldiers were wounded in the attack on the base.",
     "Three soldiers were wounded in the attack on the base.", DivergenceKind::kNumber,
     "Two soldiers", "Three soldiers"},
    {"duration", "The leaders spoke for 100 minutes about trade.",
     "The leaders spoke for 90 minutes about trade.", DivergenceKind::kNumber, "100 minutes",
     "90 minutes"},
    // [220e9, inf) vs [200e9, 200e9]: 20e9 apart > 0.05 * 220e9 = 11e9.
    {"more than vs less", "Trade between the two countries reached more than $220 billion.",
     "Trade between the two countries reached $200 billion.", DivergenceKind::kNumber,
     "$220 billion", "$200 billion"},
    // [-inf, 200] vs [250, 250]: 50 apart > 0.05 * 250 = 12.5.
    {"less than vs more", "Less than 200 people attended the rally in the capital.",
     "A total of 250 people attended the rally in the capital.", DivergenceKind::kNumber,
     "200 people", "250 people"},
    // [170, 230] vs [260, 260]: 30 apart > 0.05 * 260 = 13.
    {"about vs far", "About 200 people attended the rally in the capital.",
     "At least 260 people attended the rally in the capital.", DivergenceKind::kNumber,
     "200 people", "260 people"},
    {"integer counts", "Officials said 12 soldiers were wounded in the attack.",
     "Officials said 13 soldiers were wounded in the attack.", DivergenceKind::kNumber,
     "12 soldiers", "13 soldiers"},
    {"ordinal", "Trump was inaugurated as the 47th President of the United States.",
     "Trump was inaugurated as the 45th President of the United States.", DivergenceKind::kNumber,
     "47th", "45th"},
    {"day of month", "The leaders spoke on 21 January about trade.",
     "The leaders spoke on January 22 about trade.", DivergenceKind::kDate, "21 January",
     "January 22"},
    {"year", "Russia and China declared a partnership in February 2022.",
     "Russia and China declared a partnership in February 2023.", DivergenceKind::kDate,
     "February 2022", "February 2023"},
    {"weekday vs full date", "The leaders spoke on Wednesday about trade.",
     "The leaders spoke on January 21, 2025 about trade.", DivergenceKind::kDate, "Wednesday",
     "January 21, 2025"},
    {"speaker", "The talks will resume in March, according to Ushakov.",
     "The talks will resume in March, according to Peskov.", DivergenceKind::kEntity, "Ushakov",
     "Peskov"},
    {"name in the same slot", "Xi told Putin about his call with Trump on Friday.",
     "Xi told Putin about his call with Biden on Friday.", DivergenceKind::kEntity, "Trump",
     "Biden"},
    {"not", "Russia will attend the peace talks in Geneva.",
     "Russia will not attend the peace talks in Geneva.", DivergenceKind::kNegation, "attend",
     "not"},
    {"didn't", "The minister didn't sign the agreement on Monday.",
     "The minister signed the agreement on Monday.", DivergenceKind::kNegation, "didn't", "signed"},
    {"will vs may", "Putin will visit Beijing in the spring.",
     "Putin may visit Beijing in the spring.", DivergenceKind::kNegation, "will", "may"},
    {"confirmed vs denied", "The Kremlin confirmed the meeting with Chinese officials.",
     "The Kremlin denied the meeting with Chinese officials.", DivergenceKind::kTerm, "confirmed",
     "denied"},
    {"telephone vs video", "Putin and Xi held a telephone conversation on Tuesday.",
     "Putin and Xi held a video call on Tuesday.", DivergenceKind::kTerm, "telephone conversation",
     "video call"},
    {"rose vs fell", "Trade between Russia and China rose sharply last year.",
     "Trade between Russia and China fell sharply last year.", DivergenceKind::kTerm, "rose",
     "fell"},
    {"ally vs rival", "Putin described China as an ally in recent months.",
     "Putin described China as a rival in recent months.", DivergenceKind::kTerm, "ally", "rival"},
};

struct QuietCase {
  const char* name;
  const char* a;
  const char* b;
};

// Pairs that must not raise any divergence: agreement, rounding, qualifiers, one claim
// more specific than the other, spelling variants, synonyms.
const QuietCase kQuiet[] = {
    {"month-year vs year", "Russia and China declared a partnership in February 2022.",
     "Russia and China declared a partnership in 2022."},
    {"more specific", "Putin and Xi held a video call.",
     "Putin and Xi held a video call on January 21 that lasted 100 minutes."},
    {"more than vs exact", "Trade between the two countries reached more than $220 billion.",
     "Trade between the two countries reached $220 billion."},
    {"more than vs above", "Trade between the two countries reached more than $220 billion.",
     "Trade between the two countries reached $230 billion."},
    {"nearly", "The two leaders held a nearly 100-minute conversation.",
     "The two leaders held a 90-minute conversation."},
    {"about", "About 200 people attended the rally in the capital.",
     "Some 210 people attended the rally in the capital."},
    {"Yuri vs Yuriy", "The call was friendly, according to Yuri Ushakov.",
     "The call was friendly, according to Yuriy Ushakov."},
    {"full name vs surname", "The call was friendly, according to Yuriy Ushakov.",
     "The call was friendly, according to Ushakov."},
    {"same member", "Putin and Xi held a telephone conversation on 21 January.",
     "Putin and Xi held a phone call on 21 January."},
    {"7% vs 7.0%", "Trade between the two countries grew 7% last year.",
     "Trade between the two countries grew 7.0% last year."},
    {"$220 billion vs $220.4 billion (rounded)", "Trade reached $220 billion last year.",
     "Trade reached $220.4 billion last year."},
    {"date range", "Drones struck refineries in Russia on the night of 20-21 January.",
     "Drones struck refineries in Russia on the night of 20 January."},
    {"7% vs 7.4% (rounded)", "Trade between the two countries grew 7% last year.",
     "Trade between the two countries grew 7.4% last year."},
    {"Tuesday vs Jan 21 2025", "The leaders spoke on Tuesday about trade.",
     "The leaders spoke on January 21, 2025 about trade."},
    {"weekday without a year", "The leaders spoke on Wednesday about trade.",
     "The leaders spoke on January 21 about trade."},
    {"counts of different nouns", "Two countries signed the deal in Geneva.",
     "Five officials signed the deal in Geneva."},
    {"both negate", "Russia did not attend the talks in Geneva.",
     "Russia never attended the talks in Geneva."},
    {"one claim holds both members", "The leaders first spoke by phone and then by video.",
     "The leaders spoke by video."},
    {"different object negated", "The minister is not signing the trade deal today.",
     "The minister is signing the peace deal today."},
    {"relayed speaker", "Ushakov said that Putin told Xi about the gas deal.",
     "Putin said that he told Xi about the gas deal."},
    {"institution vs person", "The call was friendly, according to the Kremlin's press service.",
     "The call was friendly, according to Ushakov."},
    {"quoted no limits", "Russia and China declared a \"no limits\" partnership in 2022.",
     "Russia and China declared a \"no limits\" partnership in February 2022."},
    {"different currencies", "Trade reached $220 billion last year.",
     "Trade reached \xE2\x82\xAC"
     "200 billion last year."},
};

std::vector<std::string> AllSentences() {
  std::vector<std::string> out;
  for (const ConflictCase& c : kConflicts) out.insert(out.end(), {c.a, c.b});
  for (const QuietCase& c : kQuiet) out.insert(out.end(), {c.a, c.b});
  return out;
}

std::string Describe(const std::vector<Divergence>& ds) {
  std::string s;
  for (const Divergence& d : ds) {
    s += std::string(KindName(d.kind)) + ": " + d.a_text + " | " + d.b_text + " (" + d.explanation +
         ")\n";
  }
  return s;
}

TEST(FindDivergences, EveryKindFiresOnATrueConflict) {
  for (const ConflictCase& c : kConflicts) {
    SCOPED_TRACE(c.name);
    std::vector<Divergence> ds = FindDivergences(AnalyzeSentence(c.a), AnalyzeSentence(c.b), {});
    ASSERT_EQ(ds.size(), 1u) << Describe(ds);
    EXPECT_EQ(ds[0].kind, c.kind) << Describe(ds);
    EXPECT_EQ(ds[0].a_text, c.a_text);
    EXPECT_EQ(ds[0].b_text, c.b_text);
    EXPECT_FALSE(ds[0].explanation.empty());
  }
}

TEST(FindDivergences, NoFalseAlarms) {
  for (const QuietCase& c : kQuiet) {
    SCOPED_TRACE(c.name);
    std::vector<Divergence> ds = FindDivergences(AnalyzeSentence(c.a), AnalyzeSentence(c.b), {});
    EXPECT_THAT(ds, IsEmpty()) << Describe(ds);
  }
}

TEST(FindDivergences, IdenticalClaimsNeverDiverge) {
  for (const std::string& s : AllSentences()) {
    Claim c = AnalyzeSentence(s);
    EXPECT_THAT(FindDivergences(c, c, {}), IsEmpty()) << s;
  }
}

TEST(FindDivergences, ExplainsNumbersAsWritten) {
  std::vector<Divergence> ds =
      FindDivergences(AnalyzeSentence("Trade grew 7% to $220 billion."),
                      AnalyzeSentence("Trade grew 5% to $220 billion."), {});
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].explanation, "7% vs 5%");
  // Spans in a sentence claim are offsets into the sentence: "7%" starts at byte 11.
  EXPECT_EQ(ds[0].a_span, (Span{11, 13}));
  EXPECT_EQ(ds[0].b_span, (Span{11, 13}));
}

TEST(FindDivergences, NumberExplanationKeepsTheQualifier) {
  std::vector<Divergence> ds = FindDivergences(
      AnalyzeSentence("Trade between the two countries reached more than $220 billion."),
      AnalyzeSentence("Trade between the two countries reached $200 billion."), {});
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].explanation, "more than $220 billion vs $200 billion");
}

// Seeded property: for plain amounts the rule reduces to "conflict iff the values differ
// by more than 5% of the larger, after widening the integer by half a unit when the other
// has a decimal". Oracle computed here from the two values alone.
TEST(FindDivergences, AmountsAgainstTheToleranceRule) {
  std::mt19937 rng(20250121);
  std::uniform_int_distribution<int> whole(50, 400), tenth(0, 9), coin(0, 1);
  int conflicts = 0, quiet = 0;
  for (int trial = 0; trial < 300; ++trial) {
    int x = whole(rng);
    // Half the trials near x, so both outcomes occur often.
    int y_whole = coin(rng) ? x + std::uniform_int_distribution<int>(-25, 25)(rng) : whole(rng);
    bool decimal = coin(rng);
    int y_tenth = decimal ? tenth(rng) : 0;
    double y = y_whole + y_tenth / 10.0;
    std::string y_text = std::to_string(y_whole) + (decimal ? "." + std::to_string(y_tenth) : "");
    double widen = decimal ? 0.5 : 0.0;
    double gap = std::max(0.0, std::abs(x - y) - widen);
    double tolerance = 0.05 * std::max<double>(x, y);
    if (std::abs(gap - tolerance) < 1e-6) continue;  // on the boundary: rounding decides
    bool expected = gap > tolerance;
    std::vector<Divergence> ds =
        FindDivergences(AnalyzeSentence("Trade between the two countries reached $" +
                                        std::to_string(x) + " billion last year."),
                        AnalyzeSentence("Trade between the two countries reached $" + y_text +
                                        " billion last year."),
                        {});
    EXPECT_EQ(!ds.empty(), expected) << x << " vs " << y_text << "\n" << Describe(ds);
    (expected ? conflicts : quiet)++;
  }
  EXPECT_GT(conflicts, 50);
  EXPECT_GT(quiet, 50);
}

TEST(FindDivergences, MalformedSpansDoNotCrash) {
  // Broken precondition: feature spans outside the claim. No throw, no out-of-range read.
  Claim a = AnalyzeSentence("Trade grew 7% last year.");
  Claim b = AnalyzeSentence("Trade grew 5% last year.");
  b.span = {100, 100 + static_cast<uint32_t>(b.text.size())};
  EXPECT_NO_THROW(FindDivergences(a, b, {}));
  EXPECT_NO_THROW(FindDivergences(b, a, {}));
}

TEST(FindDivergences, NumberToleranceIsSettable) {
  Claim a = AnalyzeSentence("Trade grew 7% last year.");
  Claim b = AnalyzeSentence("Trade grew 5% last year.");
  // Two integers are 2 apart; 7 * 0.05 = 0.35 < 2 <= 7 * 0.3 = 2.1.
  EXPECT_EQ(FindDivergences(a, b, {}).size(), 1u);
  DivergenceOptions loose;
  loose.number_tolerance = 0.3;
  EXPECT_THAT(FindDivergences(a, b, loose), IsEmpty());
}

TEST(FindDivergences, OneUnmatchedNumberAmongSeveral) {
  // 3% is stated by both; only 7% vs 5% conflicts.
  std::vector<Divergence> ds =
      FindDivergences(AnalyzeSentence("Exports grew 7% while imports grew 3% in the year."),
                      AnalyzeSentence("Exports grew 5% while imports grew 3% in the year."), {});
  ASSERT_EQ(ds.size(), 1u) << Describe(ds);
  EXPECT_EQ(ds[0].a_text, "7%");
  EXPECT_EQ(ds[0].b_text, "5%");
}

TEST(FindDivergences, UnrelatedClaimsAreNotCompared) {
  Claim a = AnalyzeSentence("Peskov said the talks will resume in Geneva in March.");
  Claim b = AnalyzeSentence("Ushakov said the harvest was poor across the southern regions.");
  // Content words {peskov, said, talks, will, resume, geneva, march} and {ushakov, said,
  // harvest, poor, southern, regions} share only "said": 1/6 < 0.3, so nothing is reported
  // ...
  EXPECT_THAT(FindDivergences(a, b, {}), IsEmpty());
  // ... while without the guard the two speakers would be reported.
  DivergenceOptions unguarded;
  unguarded.min_shared_content = 0;
  std::vector<Divergence> ds = FindDivergences(a, b, unguarded);
  ASSERT_EQ(ds.size(), 1u) << Describe(ds);
  EXPECT_EQ(ds[0].kind, DivergenceKind::kEntity);
  EXPECT_EQ(ds[0].a_text, "Peskov");
  EXPECT_EQ(ds[0].b_text, "Ushakov");
}

// Oracle: January 2025 began on a Wednesday, so its Tuesdays are the 7th, 14th, 21st and
// 28th (the 2025 US inauguration, Monday 20 January, was the day before the 21st).
TEST(FindDivergences, WeekdayCheckedAgainstTheCalendar) {
  Claim tuesday = AnalyzeSentence("The leaders spoke on Tuesday about trade.");
  for (int day = 1; day <= 31; ++day) {
    Claim dated = AnalyzeSentence("The leaders spoke on January " + std::to_string(day) +
                                  ", 2025 about trade.");
    bool is_tuesday = day % 7 == 0;
    std::vector<Divergence> ds = FindDivergences(tuesday, dated, {});
    EXPECT_EQ(ds.empty(), is_tuesday) << "January " << day << "\n" << Describe(ds);
    if (!ds.empty()) {
      EXPECT_EQ(ds[0].kind, DivergenceKind::kDate);
    }
  }
}

// Swap a and b of every divergence; sort for comparison.
std::vector<
    std::tuple<DivergenceKind, uint32_t, uint32_t, uint32_t, uint32_t, std::string, std::string>>
Keys(const std::vector<Divergence>& ds, bool swap) {
  std::vector<
      std::tuple<DivergenceKind, uint32_t, uint32_t, uint32_t, uint32_t, std::string, std::string>>
      keys;
  for (const Divergence& d : ds) {
    if (swap) {
      keys.emplace_back(d.kind, d.b_span.begin, d.b_span.end, d.a_span.begin, d.a_span.end,
                        d.b_text, d.a_text);
    } else {
      keys.emplace_back(d.kind, d.a_span.begin, d.a_span.end, d.b_span.begin, d.b_span.end,
                        d.a_text, d.b_text);
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

TEST(FindDivergences, SymmetricAndSpansIndexTheTextOverAllFixturePairs) {
  std::vector<std::string> sentences = AllSentences();
  std::vector<Claim> claims;
  for (const std::string& s : sentences) claims.push_back(AnalyzeSentence(s));
  size_t fired = 0;
  for (size_t i = 0; i < claims.size(); ++i) {
    for (size_t j = 0; j < claims.size(); ++j) {
      std::vector<Divergence> ab = FindDivergences(claims[i], claims[j], {});
      std::vector<Divergence> ba = FindDivergences(claims[j], claims[i], {});
      ASSERT_EQ(Keys(ab, false), Keys(ba, true)) << sentences[i] << "\n" << sentences[j];
      ASSERT_TRUE(std::is_sorted(ab.begin(), ab.end(), [](const auto& x, const auto& y) {
        return std::tie(x.kind, x.a_span.begin, x.b_span.begin) <
               std::tie(y.kind, y.a_span.begin, y.b_span.begin);
      }));
      for (const Divergence& d : ab) {
        // The document of a sentence claim is the sentence itself.
        EXPECT_EQ(sentences[i].substr(d.a_span.begin, d.a_span.size()), d.a_text);
        EXPECT_EQ(sentences[j].substr(d.b_span.begin, d.b_span.size()), d.b_text);
      }
      fired += !ab.empty();
    }
  }
  EXPECT_GT(fired, 0u);
}

TEST(DivergenceOptions, ValidateNamesTheFieldAndTheRule) {
  EXPECT_TRUE(DivergenceOptions{}.Validate().ok());
  DivergenceOptions bad;
  bad.number_tolerance = -0.1;
  Status s = bad.Validate();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), ::testing::HasSubstr("DivergenceOptions.number_tolerance"));
  EXPECT_THAT(s.message(), ::testing::HasSubstr("[0, 1)"));
  bad = {};
  bad.min_shared_content = 1.5;
  s = bad.Validate();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), ::testing::HasSubstr("DivergenceOptions.min_shared_content"));
}

TEST(KindName, NamesEveryKind) {
  std::vector<std::string_view> names;
  for (DivergenceKind k : {DivergenceKind::kNumber, DivergenceKind::kDate, DivergenceKind::kEntity,
                           DivergenceKind::kNegation, DivergenceKind::kTerm}) {
    names.push_back(KindName(k));
  }
  EXPECT_THAT(names, ElementsAre("number", "date", "entity", "negation", "term"));
}

TEST(ContrastSets, NoPhraseBelongsToTwoMembersOfOneSet) {
  for (const ContrastSet& set : ContrastSets()) {
    std::vector<std::string_view> phrases;
    for (const auto& member : set.members)
      phrases.insert(phrases.end(), member.begin(), member.end());
    std::sort(phrases.begin(), phrases.end());
    EXPECT_EQ(std::adjacent_find(phrases.begin(), phrases.end()), phrases.end()) << set.aspect;
    EXPECT_GE(set.members.size(), 2u) << set.aspect;
  }
}

// ---- the demo event: Putin and Xi on 21 January 2025 ----

class DemoEvent : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<Corpus> corpus = ReadInputs({testing::DemoEventDir()}, {});
    ASSERT_TRUE(corpus.ok());
    corpus_ = new Corpus(std::move(*corpus));
    set_ = new ClaimSet(ExtractCorpusClaims(*corpus_, {}, {}));
  }
  static void TearDownTestSuite() {
    delete set_;
    delete corpus_;
  }
  // The claim of document `doc_prefix` (file name start) that contains `words`.
  static const Claim& Find(const std::string& doc_prefix, const std::string& words) {
    for (const Claim& c : set_->claims) {
      if (corpus_->documents[c.doc].id.starts_with(doc_prefix) &&
          c.text.find(words) != std::string::npos) {
        return c;
      }
    }
    ADD_FAILURE() << "no claim in " << doc_prefix << " with " << words;
    static const Claim kNone;
    return kNone;
  }
  static std::string DocText(const Claim& c, Span s) {
    return corpus_->documents[c.doc].text.substr(s.begin, s.size());
  }
  static Corpus* corpus_;
  static ClaimSet* set_;
};
Corpus* DemoEvent::corpus_ = nullptr;
ClaimSet* DemoEvent::set_ = nullptr;

// Reading the five articles: 000 (ISW summary) says the leaders "held a telephone
// conversation", while 001, 003 and 004 report a "video call".
TEST_F(DemoEvent, TelephoneVersusVideoCall) {
  const Claim& phone = Find("000", "held a telephone conversation on 21 January");
  for (const auto& [doc, words] : std::vector<std::pair<std::string, std::string>>{
           {"001", "after a video call between the two leaders"},
           {"003", "held a pivotal video call on January 21"},
           {"004", "held a video call on January 21, 2025"}}) {
    SCOPED_TRACE(doc);
    const Claim& video = Find(doc, words);
    std::vector<Divergence> ds = FindDivergences(phone, video, {});
    auto term = std::find_if(ds.begin(), ds.end(),
                             [](const Divergence& d) { return d.kind == DivergenceKind::kTerm; });
    ASSERT_NE(term, ds.end()) << Describe(ds);
    EXPECT_EQ(term->a_text, "telephone conversation");
    EXPECT_EQ(term->b_text, "video call");
    EXPECT_EQ(DocText(phone, term->a_span), term->a_text);
    EXPECT_EQ(DocText(video, term->b_span), term->b_text);
    // 21 January, Jan. 21 and January 21[, 2025] agree: no date divergence.
    EXPECT_TRUE(std::none_of(ds.begin(), ds.end(), [](const Divergence& d) {
      return d.kind == DivergenceKind::kDate;
    })) << Describe(ds);
  }
}

TEST_F(DemoEvent, AgreeingReportsOfTheCallAreQuiet) {
  // ISW's own two wordings ("telephone conversation", "phone call") are one member, and
  // 002's "Tuesday (Jan 21)" is consistent with 004's "January 21, 2025".
  EXPECT_THAT(FindDivergences(Find("000", "held a telephone conversation on 21 January"),
                              Find("000", "held a phone call on 21 January"), {}),
              IsEmpty());
  std::vector<Divergence> ds = FindDivergences(Find("002", "on Tuesday (Jan 21)"),
                                               Find("004", "held a video call on January 21"), {});
  EXPECT_TRUE(std::none_of(ds.begin(), ds.end(), [](const Divergence& d) {
    return d.kind == DivergenceKind::kDate;
  })) << Describe(ds);
  // The no-limits partnership "in February 2022" (002) and "in 2022" (003).
  EXPECT_THAT(FindDivergences(Find("002", "\"no limits\" partnership in February 2022"),
                              Find("003", "partnership in 2022"), {}),
              IsEmpty());
}

TEST_F(DemoEvent, SpansIndexTheDocumentsOverAllCrossOutletPairs) {
  size_t fired = 0;
  for (const Claim& a : set_->claims) {
    for (const Claim& b : set_->claims) {
      if (a.doc >= b.doc) continue;
      for (const Divergence& d : FindDivergences(a, b, {})) {
        ASSERT_EQ(DocText(a, d.a_span), d.a_text);
        ASSERT_EQ(DocText(b, d.b_span), d.b_text);
        ++fired;
      }
    }
  }
  EXPECT_GT(fired, 0u);
}

}  // namespace
}  // namespace crossclaim
