#include "core/quotes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crossclaim {
namespace {

std::vector<std::string> Quoted(std::string_view text) {
  std::vector<std::string> out;
  for (const Span& s : FindQuotations(text)) out.emplace_back(text.substr(s.begin, s.size()));
  return out;
}

using Strings = std::vector<std::string>;

TEST(FindQuotations, StraightCurlyAndTexQuotes) {
  EXPECT_EQ(Quoted("He said \"we reject his visit\" on Monday."), Strings{"we reject his visit"});
  EXPECT_EQ(Quoted("He said \xE2\x80\x9Cwe reject his visit\xE2\x80\x9D on Monday."),
            Strings{"we reject his visit"});
  EXPECT_EQ(Quoted("He said ``we reject his visit'' on Monday."), Strings{"we reject his visit"});
  EXPECT_EQ(Quoted("\"One,\" she said, \"two.\""), (Strings{"One,", "two."}));
}

TEST(FindQuotations, ByteRangesExcludeTheMarks) {
  const std::string text = "X: \"ab cd\"";
  const std::vector<Span> spans = FindQuotations(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].begin, 4u);
  EXPECT_EQ(spans[0].end, 9u);
}

TEST(FindQuotations, ApostrophesAreNotQuotes) {
  EXPECT_TRUE(Quoted("It's Putin's aide's view, isn't it?").empty());
}

TEST(FindQuotations, MultiParagraphQuoteContinuesWhereTheNextParagraphReopens) {
  EXPECT_EQ(Quoted("He said: \"The first part.\n\n\"The second part.\" Then he left."),
            (Strings{"The first part.", "The second part."}));
}

TEST(FindQuotations, AnUnclosedQuoteEndsWithItsParagraph) {
  EXPECT_EQ(Quoted("He said \"we will win\nNext paragraph has no quote."), Strings{"we will win"});
  // The straight quote after the break opens a new quote, it does not close the old one.
  EXPECT_EQ(Quoted("a \"b c\nd \"e f\" g"), (Strings{"b c", "e f"}));
}

TEST(FindQuotations, EmptyAndMarkOnlyTexts) {
  EXPECT_TRUE(Quoted("").empty());
  EXPECT_TRUE(Quoted("\"\"").empty());
  EXPECT_TRUE(Quoted("\"").empty());
  EXPECT_TRUE(Quoted("\xE2\x80\x9D stray close").empty());
}

}  // namespace
}  // namespace crossclaim
