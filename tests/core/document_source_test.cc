#include "core/document_source.h"

#include <gtest/gtest.h>

namespace crossclaim {
namespace {

TEST(FindDocumentSource, SourceLine) {
  EXPECT_EQ(FindDocumentSource("Putin and Xi held a call on 21 January.\n\nSource: Institute for "
                               "the Study of War (ISW)\n\nQuote: \"...\""),
            "Institute for the Study of War (ISW)");
  EXPECT_EQ(FindDocumentSource("SOURCES: Reuters, AP\nText."), "Reuters, AP");
}

TEST(FindDocumentSource, BylineWithAgency) {
  EXPECT_EQ(FindDocumentSource("By Jane Smith, PA News\nA man was jailed on Monday."), "PA News");
  EXPECT_EQ(FindDocumentSource("Headline\nBy John Doe | Associated Press\nBody."),
            "Associated Press");
}

// Lines are tested for a label or "By " before they are copied and their hard wraps joined:
// a tab after "By" or a label in another case still counts, a longer label does not.
TEST(FindDocumentSource, LabelAndBylineTestsSeeJoinedLines) {
  EXPECT_EQ(FindDocumentSource("By\tJane Smith, PA News\nA man was jailed."), "PA News");
  EXPECT_EQ(FindDocumentSource("Text.\nsOuRcE:\tReuters\n"), "Reuters");
  EXPECT_EQ(FindDocumentSource("Text.\nSourced: Reuters\n"), "");
  EXPECT_EQ(FindDocumentSource("Text.\nSources : Reuters\n"), "");
  EXPECT_EQ(FindDocumentSource("Text.\nBy\n"), "");
  EXPECT_EQ(FindDocumentSource("Bystanders, PA News\n"), "");
}

TEST(FindDocumentSource, SentencesAreNotSourceLines) {
  EXPECT_EQ(FindDocumentSource("Source: officials said the talks failed.\n"), "");
  EXPECT_EQ(FindDocumentSource("By the end of the day, the talks had failed.\n"), "");
  EXPECT_EQ(FindDocumentSource("By Monday, officials said\n"), "");
  EXPECT_EQ(FindDocumentSource("The source: a man who saw it.\n"), "");
  EXPECT_EQ(FindDocumentSource("By Jane Smith\nNo agency named."), "");
  EXPECT_EQ(FindDocumentSource(""), "");
}

TEST(FindDocumentSource, BylineOnlyNearTheTopOrBottom) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Line " + std::to_string(i) + " of the body.\n";
  std::string middle = text + "By Jane Smith, PA News\n" + text;
  EXPECT_EQ(FindDocumentSource(middle), "");
  EXPECT_EQ(FindDocumentSource(text + "By Jane Smith, PA News\n"), "PA News");
}

TEST(FindDocumentSource, WireCopyBylineParagraph) {
  // Agency wire copy: the byline is a paragraph of its own, ending in '<' (core/wire.h).
  EXPECT_EQ(FindDocumentSource("JURY OUT<\n\x19"
                               "By Jane Smith, PA News<\n\x19"
                               "The jury retired to consider\nits verdict today.<\n"),
            "PA News");
}

}  // namespace
}  // namespace crossclaim
