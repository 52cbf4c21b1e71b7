#include "core/wire.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/boilerplate.h"
#include "core/claims.h"

namespace crossclaim {
namespace {

// A story in the agency wire format, written for this test: rule lines, a slug line, a
// headline and a byline ending in `<`, paragraphs starting with U+0019, hard wrapped, with
// TeX double quotes, a nested `single' quote and a quote running over two paragraphs.
constexpr std::string_view kWireStory =
    "  --------------------------------------------------\n"
    "\n"
    "                 10:15 02/03/00: Page 1 (HHH) COURTS Bakery\n"
    "  --------------------------------------------------\n"
    "BAKER CLEARED OF FRAUD<\n"
    "\x19"
    "By Ann Example, PA News<\n"
    "\x19"
    "A baker accused of selling stale bread as fresh was cleared by a jury at\n"
    "Exeter Crown Court today.<\n"
    "\x19"
    "John Dough, 47, of Mill Lane, Tiverton, denied three charges under the Trade\n"
    "Descriptions Act.<\n"
    "\x19"
    "He had been fined #250 for a similar offence.<\n"
    "\x19"
    "Outside court he said: ``I always told them the bread was `baked today' and\n"
    "it was.<\n"
    "\x19"
    "``I am glad it is over,'' he added.<\n"
    "\x19"
    "end\n";

std::vector<std::string> Texts(std::string_view text, const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const Span& s : spans) out.emplace_back(text.substr(s.begin, s.size()));
  return out;
}

using Strings = std::vector<std::string>;

TEST(ReadingLines, WireParagraphsWithoutMarksAndRulesAlone) {
  ASSERT_TRUE(IsWireText(kWireStory));
  const std::string rule(50, '-');
  EXPECT_EQ(Texts(kWireStory, ReadingLines(kWireStory)),
            (Strings{rule, "10:15 02/03/00: Page 1 (HHH) COURTS Bakery", rule,
                     "BAKER CLEARED OF FRAUD", "By Ann Example, PA News",
                     "A baker accused of selling stale bread as fresh was cleared by a jury at\n"
                     "Exeter Crown Court today.",
                     "John Dough, 47, of Mill Lane, Tiverton, denied three charges under the "
                     "Trade\nDescriptions Act.",
                     "He had been fined #250 for a similar offence.",
                     "Outside court he said: ``I always told them the bread was `baked today' "
                     "and\nit was.",
                     "``I am glad it is over,'' he added.", "end"}));
}

TEST(ReadingLines, OtherTextsByPhysicalLine) {
  constexpr std::string_view text = "First line.\n  Second line,\nwrapped < here.\n\nThird.";
  EXPECT_FALSE(IsWireText(text));
  EXPECT_EQ(Texts(text, ReadingLines(text)),
            (Strings{"First line.", "Second line,", "wrapped < here.", "Third."}));
}

TEST(JoinHardWraps, SameLengthWithSpaces) { EXPECT_EQ(JoinHardWraps("a\nb\r\nc\td"), "a b  c d"); }

Document WireDocument() {
  Document doc;
  doc.id = "bakery1";
  doc.text = std::string(kWireStory);
  return doc;
}

TEST(WireCopy, BoilerplateRemovesFurnitureAndKeepsParagraphs) {
  const std::vector<BoilerplateReport> reports = FindBoilerplate({WireDocument()}, {});
  ASSERT_EQ(reports.size(), 1u);
  std::vector<std::string> removed;
  for (const RemovedLine& line : reports[0].removed) {
    removed.push_back(std::string(ReasonName(line.reason)) + " " +
                      std::string(kWireStory.substr(line.span.begin, line.span.size())));
  }
  const std::string rule(50, '-');
  EXPECT_EQ(removed,
            (Strings{"chrome " + rule, "heading 10:15 02/03/00: Page 1 (HHH) COURTS Bakery",
                     "chrome " + rule, "heading BAKER CLEARED OF FRAUD",
                     "byline By Ann Example, PA News", "chrome end"}));
  EXPECT_EQ(reports[0].kept.size(), 5u);
}

TEST(WireCopy, ClaimsAreWholeSentencesWithQuotesAndSpeakers) {
  const Document doc = WireDocument();
  const BoilerplateReport report = FindBoilerplate({doc}, {})[0];
  const std::vector<Claim> claims = ExtractClaims(doc, 0, report, 0, {});
  std::vector<std::string> texts;
  for (const Claim& c : claims) texts.push_back(c.text);
  EXPECT_EQ(texts, (Strings{"A baker accused of selling stale bread as fresh was cleared by a jury "
                            "at Exeter Crown Court today.",
                            "John Dough, 47, of Mill Lane, Tiverton, denied three charges under "
                            "the Trade Descriptions Act.",
                            "He had been fined #250 for a similar offence.",
                            "Outside court he said: ``I always told them the bread was `baked "
                            "today' and it was.",
                            "``I am glad it is over,'' he added."}));
  for (const Claim& c : claims) {
    // The span maps to the original bytes: the same words, wraps read as spaces.
    EXPECT_EQ(JoinHardWraps(doc.text.substr(c.span.begin, c.span.size())), c.text);
  }
  ASSERT_EQ(claims.size(), 5u);
  EXPECT_EQ(claims[1].numbers.size(), 2u);  // 47, three
  // The wire's '#' is a pound sign.
  ASSERT_EQ(claims[2].numbers.size(), 1u);
  EXPECT_EQ(claims[2].numbers[0].unit, "\xC2\xA3");
  EXPECT_DOUBLE_EQ(claims[2].numbers[0].value, 250);
  EXPECT_EQ(doc.text.substr(claims[2].numbers[0].span.begin, claims[2].numbers[0].span.size()),
            "#250");
  // The quote over two paragraphs: one span in each, the nested single quote inside.
  ASSERT_EQ(claims[3].quotes.size(), 1u);
  EXPECT_EQ(JoinHardWraps(doc.text.substr(claims[3].quotes[0].begin, claims[3].quotes[0].size())),
            "I always told them the bread was `baked today' and it was.");
  ASSERT_EQ(claims[4].quotes.size(), 1u);
  EXPECT_EQ(doc.text.substr(claims[4].quotes[0].begin, claims[4].quotes[0].size()),
            "I am glad it is over,");
  EXPECT_TRUE(claims[3].has_quote && claims[4].has_quote && !claims[0].has_quote);
  EXPECT_TRUE(claims[3].pronoun_speaker);
}

}  // namespace
}  // namespace crossclaim
