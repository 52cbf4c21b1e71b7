#include "core/quotes.h"

#include <gtest/gtest.h>

#include <random>
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

// A fixture sentence with its quotations marked by hand between "[[" and "]]": the markers
// are removed to give the input, and their positions are the expected byte ranges.
struct Marked {
  std::string text;
  std::vector<Span> spans;
};

Marked Unmark(std::string_view marked) {
  Marked out;
  uint32_t begin = 0;
  for (size_t i = 0; i < marked.size();) {
    if (marked.substr(i, 2) == "[[") {
      begin = static_cast<uint32_t>(out.text.size());
      i += 2;
    } else if (marked.substr(i, 2) == "]]") {
      out.spans.push_back({begin, static_cast<uint32_t>(out.text.size())});
      i += 2;
    } else {
      out.text.push_back(marked[i++]);
    }
  }
  return out;
}

// Sentences written for this test in the style of British court reporting and agency copy.
constexpr std::string_view kBritishFixtures[] = {
    "'[[He said it was wrong,]]' the judge said.",
    "The jury heard Smith's car was '[[a death trap]]' on the day.",
    "'[[I don't know what happened,]]' Mr Jones told the court. '[[I wasn't there.]]'",
    "The students' union said the ruling was '[[a disgrace]]'.",
    "'[[The boys' mother was never told,]]' she said.",
    "He grew up in the '60s listening to rock 'n' roll.",
    "\"[[He said 'no' and walked out,]]\" she said.",
    "'[[He told me \"get out\" and left,]]' she said.",
    "The hearing began at ten o'clock, ma'am, and ended at noon.",
    "Mr Justice Potts said: ``[[You two men are convicted on clear evidence.]]''",
    "He said: ``[[They called it `a mistake' at the time.]]''",
    "The officer said the man was `[[agitated and aggressive]]' when stopped.",
    "\xE2\x80\x98[[It was an accident,]]\xE2\x80\x99 he said. His lawyer\xE2\x80\x99s view was "
    "\xE2\x80\x98[[unchanged]]\xE2\x80\x99.",
    "She said: '[[The first thing I saw was the car.]]\n\n'[[Then I heard a scream,]]' she added.",
    "The 'burbs were quiet that night. Nobody saw anything at all.",
    "The witnesses' accounts were '[[wholly unreliable]]', the judge said.",
    "He called it '[[shocking]]' and the fans' anger '[[understandable]]'.",
    "He described the '[[so-called]]' expert as '[[well-meaning but wrong]]'.",
    "'[[We were just talkin' about it,]]' he said.",
    "'Tis the season, said the judge, and the '90s are over.",
    "Back in the '90s he said '[[nothing]]' to anyone.",
    "'[[Why?]]' asked the defendant.",
    "The company's directors' fees, the Smiths' house and James' car were seized.",
    "He said: '[[The money is gone.]]\n'[[The house is gone.]]\n'[[Everything is gone.]]' He wept.",
    "``[[I am innocent,]]'' he told the jury, ``[[and I always was.]]''",
    "The couple, who denied the charges, said they were '[[shocked]]' (by the verdict).",
    "He said he had '[[no idea why]]' \xE2\x80\x94 then stopped.",
};

TEST(FindQuotations, BritishAndWireFixtures) {
  for (std::string_view fixture : kBritishFixtures) {
    const Marked m = Unmark(fixture);
    EXPECT_EQ(FindQuotations(m.text), m.spans) << fixture;
  }
}

TEST(FindQuotations, AnUnclosedSingleMarkQuotesNothing) {
  // The opening mark is never closed in its paragraph and the next does not reopen it.
  EXPECT_TRUE(Quoted("He said 'it was over.\nThe court rose.").empty());
  EXPECT_TRUE(Quoted("'Yes").empty());
}

TEST(FindQuotations, AStrayDoubleMarkDoesNotQuoteALongParagraph) {
  std::string long_paragraph = "He said \"";
  while (long_paragraph.size() < 1200) long_paragraph += "the hearing went on for hours. ";
  EXPECT_TRUE(Quoted(long_paragraph).empty());
  // Closed, the same words are one quotation (the trailing space trimmed).
  const std::string words = long_paragraph.substr(9, long_paragraph.size() - 10);
  EXPECT_EQ(Quoted(long_paragraph + "\" he said."), Strings{words});
}

TEST(FindQuotations, ManyUnclosedMarksInOneParagraphStayLinear) {
  // 200,000 opening marks without a closing one: quadratic work here would take minutes.
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "'x ";
  EXPECT_TRUE(Quoted(text).empty());
  EXPECT_EQ(Quoted(text + "'yes,' he said"), Strings{"yes,"});
}

// Random text made of words with apostrophes but without quotation marks: no quote spans.
TEST(FindQuotations, ApostropheLadenTextHasNoQuotes) {
  const std::vector<std::string> words = {"don't",
                                          "Smith's",
                                          "the '90s",
                                          "students'",
                                          "rock 'n' roll",
                                          "o'clock",
                                          "ma'am",
                                          "'em",
                                          "goin'",
                                          "James'",
                                          "it's",
                                          "'tis",
                                          "'til",
                                          "won't",
                                          "O'Brien",
                                          "isn't",
                                          "the '60s,",
                                          "parents',",
                                          "don\xE2\x80\x99t",
                                          "students\xE2\x80\x99",
                                          "\xE2\x80\x98"
                                          "90s",
                                          "rock \xE2\x80\x98n\xE2\x80\x99 roll",
                                          "the",
                                          "jury",
                                          "said",
                                          "Mr",
                                          "court",
                                          "was",
                                          "told",
                                          "heard",
                                          "and",
                                          "a",
                                          "fees",
                                          "house",
                                          "1999",
                                          "cos",
                                          "'cause"};
  const std::vector<std::string> separators = {" ",  " ",    " ",   ", ", ". ", "; ",
                                               "\n", "\n\n", " - ", "? ", " (", ") "};
  std::mt19937 rng(20261207);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 40);
    for (int w = 0; w < n; ++w) {
      text += words[rng() % words.size()];
      text += separators[rng() % separators.size()];
    }
    EXPECT_EQ(Quoted(text), Strings{}) << text;
  }
}

}  // namespace
}  // namespace crossclaim
