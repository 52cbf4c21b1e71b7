#include "core/boilerplate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/claims.h"
#include "core/ingest.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

Document Doc(std::string id, std::string text) {
  Document doc;
  doc.id = std::move(id);
  doc.text = std::move(text);
  return doc;
}

std::vector<std::pair<std::string, std::string>> Removed(const Document& doc,
                                                         const BoilerplateReport& report) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const RemovedLine& line : report.removed) {
    out.emplace_back(doc.text.substr(line.span.begin, line.span.size()),
                     std::string(ReasonName(line.reason)));
  }
  return out;
}

TEST(FindBoilerplate, ShortLinesRepeatedInADocumentGo) {
  Document doc = Doc("a",
                     "Kyiv Post Daily Digest\n"
                     "The talks lasted nearly two hours on Tuesday.\n"
                     "Kyiv Post Daily Digest\n");
  std::vector<BoilerplateReport> reports = FindBoilerplate({doc}, {});
  EXPECT_EQ(Removed(doc, reports[0]),
            (std::vector<std::pair<std::string, std::string>>{
                {"Kyiv Post Daily Digest", "repeated_in_document"},
                {"Kyiv Post Daily Digest", "repeated_in_document"}}));
  ASSERT_EQ(reports[0].kept.size(), 1u);
  EXPECT_EQ(reports[0].boilerplate_count(), 2u);
}

TEST(FindBoilerplate, ShortLinesSharedAcrossDocumentsGoButSharedSentencesStay) {
  const std::string shared_sentence =
      "Putin and Xi held a video call on January 21 and discussed trade, energy and the war.";
  Document a = Doc("a", "Latest updates from our correspondents\n" + shared_sentence + "\n");
  Document b = Doc("b", shared_sentence + "\nLatest updates from our correspondents\n");
  std::vector<BoilerplateReport> reports = FindBoilerplate({a, b}, {});
  EXPECT_EQ(Removed(a, reports[0]), (std::vector<std::pair<std::string, std::string>>{
                                        {"Latest updates from our correspondents",
                                         "repeated_across_documents"}}));
  EXPECT_EQ(Removed(b, reports[1]), (std::vector<std::pair<std::string, std::string>>{
                                        {"Latest updates from our correspondents",
                                         "repeated_across_documents"}}));
  // The copied sentence is what the near-duplicate stage must see: kept in both.
  EXPECT_EQ(reports[0].kept.size(), 1u);
  EXPECT_EQ(reports[1].kept.size(), 1u);
}

TEST(FindBoilerplate, LongRepeatedLineKeepsItsFirstCopy) {
  const std::string sentence =
      "The Kremlin said the two leaders discussed energy supplies and the war in Ukraine.";
  Document doc = Doc("a", sentence + "\n" + sentence + "\n");
  std::vector<BoilerplateReport> reports = FindBoilerplate({doc}, {});
  ASSERT_EQ(reports[0].kept.size(), 1u);
  EXPECT_EQ(reports[0].kept[0].begin, 0u);
  EXPECT_EQ(Removed(doc, reports[0]).size(), 1u);
}

TEST(FindBoilerplate, RealSentencesMentioningNewslettersStay) {
  Document doc = Doc("a",
                     "The ministry's newsletter published on Monday said exports rose by 7% in "
                     "December compared with a year earlier.\n"
                     "Subscribe to our newsletter\n");
  std::vector<BoilerplateReport> reports = FindBoilerplate({doc}, {});
  EXPECT_EQ(reports[0].kept.size(), 1u);
  EXPECT_EQ(Removed(doc, reports[0]), (std::vector<std::pair<std::string, std::string>>{
                                          {"Subscribe to our newsletter", "chrome"}}));
}

TEST(FindBoilerplate, BylinesCaptionsAndHeadingsAreNamed) {
  Document doc = Doc("a",
                     "Putin and Xi Strengthen Ties\n"
                     "by Jane Doe January 21, 2025 1:32 PM 2 min read\n"
                     "Xi Jinping in Beijing on Oct. 18, 2023. (Jane Roe/Pool/AFP)\n"
                     "The two leaders spoke for nearly 100 minutes.\n");
  std::vector<BoilerplateReport> reports = FindBoilerplate({doc}, {});
  EXPECT_EQ(Removed(doc, reports[0]),
            (std::vector<std::pair<std::string, std::string>>{
                {"Putin and Xi Strengthen Ties", "heading"},
                {"by Jane Doe January 21, 2025 1:32 PM 2 min read", "byline"},
                {"Xi Jinping in Beijing on Oct. 18, 2023. (Jane Roe/Pool/AFP)", "caption"}}));
  EXPECT_EQ(reports[0].boilerplate_count(), 2u);  // headings are not counted as boilerplate
}

// The Kyiv Independent page of the demo event: lines read off the file by hand.
class KyivIndependentPage : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Corpus> corpus = ReadInputs({testing::DemoEventDir()}, {});
    ASSERT_TRUE(corpus.ok());
    corpus_ = std::move(*corpus);
    set_ = ExtractCorpusClaims(corpus_, {}, {});
    for (const Claim& claim : set_.claims) {
      if (corpus_.documents[static_cast<size_t>(claim.doc)].id == "001_cc1c81bd957d81a1") {
        claims_.push_back(claim.text);
      }
    }
  }

  Corpus corpus_;
  ClaimSet set_;
  std::vector<std::string> claims_;
};

TEST_F(KyivIndependentPage, NoNewsletterChromeSurvivesAsAClaim) {
  const std::vector<std::string> chrome = {
      "Skip to content", "Featured", "War Analysis Russia", "About Join the Team",
      "Newsletters", "Arrow right", "Store image", "KI Insights", "Edit post",
      "News Feed, Russia, China", "by Kateryna Hodunova", "Grigory Sysoyev/Pool/AFP",
      "This audio is created with AI assistance", "Author: Kateryna Hodunova", "Comments",
      "Most popular", "11:04 AM", "MORE NEWS", "Editors' Picks", "Sections", "Follow Us",
      "Enter your email to subscribe", "Please, enter correct email address", "Subscribe",
      "indicates required", "Explaining Ukraine with Kate Tsurkan", "Successfuly subscribed",
      "Thank you for signing up", "confirmation email"};
  ASSERT_FALSE(claims_.empty());
  for (const std::string& claim : claims_) {
    for (const std::string& line : chrome) {
      EXPECT_EQ(claim.find(line), std::string::npos) << "chrome \"" << line << "\" in: " << claim;
    }
  }
}

TEST_F(KyivIndependentPage, EveryBodySentenceIsAClaim) {
  const std::vector<std::string> body = {
      "Chinese President Xi Jinping declared readiness to lead China-Russian relations",
      "China has deepened its ties with Russia since the start",
      "Beijing has nevertheless denied accusations of supporting Russia's military efforts.",
      "In the call with Putin, Xi added that China is ready to stand with Russia",
      "The Chinese president stressed that bilateral cooperation",
      "Putin, in turn, noted a 7% increase in trade between the two countries, which amounts "
      "to more than $220 billion.",
      "The Russian president also called China Russia's leading trading partner.",
      "\"China is the largest consumer of Russian energy resources.",
      "We hold the first place in terms of oil exports to China.",
      "Five years ago, together with you, we launched the Power of Siberia gas pipeline",
      "Since February 2022, Putin has visited China twice",
      "Xi visited Russia in March 2023, where he was welcomed by his \"dear friend\" Putin.",
      "Beijing has also positioned itself as a mediator between Russia and Ukraine",
      "China has criticized the U.S. and its allies for \"exacerbating\" the war"};
  for (const std::string& sentence : body) {
    bool found = std::any_of(claims_.begin(), claims_.end(),
                             [&](const std::string& c) { return c.starts_with(sentence); });
    EXPECT_TRUE(found) << "missing body sentence: " << sentence;
  }
}

TEST_F(KyivIndependentPage, RemovedLinesAreAccountedFor) {
  // 001 holds 91 non-blank lines; each is either kept or removed, never both or neither.
  const BoilerplateReport& report = set_.boilerplate[1];
  const std::string& text = corpus_.documents[1].text;
  size_t non_blank = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find('\n', start), text.size());
    if (text.substr(start, end - start).find_first_not_of(" \t\r") != std::string::npos) ++non_blank;
    start = end + 1;
  }
  EXPECT_EQ(report.kept.size() + report.removed.size(), non_blank);
  EXPECT_GE(report.boilerplate_count(), 40u);  // the newsletter block alone has 30 lines
}

}  // namespace
}  // namespace crossclaim
