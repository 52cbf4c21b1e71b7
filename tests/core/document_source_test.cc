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

// The byline forms of METER's Press Association copy (hand-written lines in their shapes).
TEST(FindDocumentSource, AgencyBylineForms) {
  const char* kLines[] = {
      "By Jane Smith and John Doe, PA News",
      "By Jane Smith, Home Affairs Correspondent, PA News",
      "By Jane Smith, Chief Reporter, PA News",
      "By Jane Smith, PA News.",
      "By Jane Smith, PA News, in Zeist, Netherlands",
      "By Jane Smith, European Editor, PA News in Brussels and John Doe",
      "By PA News Reporters",
      "By PA News Reporter",
  };
  for (const char* line : kLines) {
    EXPECT_EQ(FindDocumentSource(std::string(line) + "\nA man was jailed on Monday."), "PA News")
        << line;
  }
  EXPECT_EQ(FindDocumentSource("By PA Reporter\nBody."), "PA");
  // Wire copy: the byline paragraph ends in '<', after a space in one of METER's texts.
  EXPECT_EQ(FindDocumentSource("JURY OUT<\n\x19"
                               "By Jane Smith and John Doe, PA News <\n\x19"
                               "The jury retired.<\n"),
            "PA News");
}

// Sentences of METER's PA copy that start with "By" are no bylines, nor do bylines that name
// only a title name a source.
TEST(FindDocumentSource, BylineLikeSentencesAreNotBylines) {
  const char* kLines[] = {
      "By Smith and Jones's accounts it was Brown, described by the prosecution",
      "By January 1999, Paterson had had enough and wanted them killed.",
      "By then, Smith, a lorry driver, was a polite man",
      "By Friday the Reporters",
      "By Jane Smith and, PA News",
      "By Jane Smith, the chief reporter, PA News",
      "By Jane Smith, PA News, Reuters, AP",
      "By Jane Smith, PA News in",
      "By Reporters",
      "By Jane Smith, Staff Writer",  // a title, no agency
      "By Jane Smith, Chief Reporter",
  };
  for (const char* line : kLines) {
    EXPECT_EQ(FindDocumentSource(std::string(line) + "\nBody."), "") << line;
  }
}

}  // namespace
}  // namespace crossclaim
