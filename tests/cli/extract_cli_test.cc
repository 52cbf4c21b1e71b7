// End-to-end tests of `crossclaim extract` and of page inputs in the other commands.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using nlohmann::json;
using testing::CrossclaimBin;
using testing::RunCommand;

std::string Pages() { return testing::SourceDir() + "/datasets/pages"; }

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(json::parse(line));
  }
  return out;
}

TEST(ExtractCli, PagesAsThePipelineReadsThem) {
  testing::CommandOutput run = RunCommand(CrossclaimBin() + " extract " + Pages());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<json> docs = JsonLines(run.out);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0]["id"], "bare-blog");
  EXPECT_EQ(docs[1]["id"], "harbour-notice");
  EXPECT_EQ(docs[2]["id"], "kettle-report");
  const json& k = docs[2];
  for (const char* field : {"id", "outlet", "url", "published", "title", "author", "source", "text",
                            "metadata_source"}) {
    EXPECT_TRUE(k.contains(field)) << field;
  }
  EXPECT_EQ(k["outlet"], "The Riverside Gazette");
  EXPECT_EQ(k["published"], "2024-03-01");
  EXPECT_EQ(k["author"], "Ada Lovelace, Charles Babbage");
  EXPECT_EQ(k["source"], "");
  EXPECT_EQ(k["metadata_source"], json({{"outlet", "json-ld:publisher.name"},
                                        {"url", "json-ld:url"},
                                        {"published", "json-ld:datePublished"},
                                        {"title", "json-ld:headline"},
                                        {"author", "json-ld:author"}}));
  EXPECT_EQ(k["text"].get<std::string>().find("Share on Facebook"), std::string::npos);
  EXPECT_EQ(docs[0]["published"], nullptr);  // the blog page states no date
}

TEST(ExtractCli, TextFormatAndDemoTextInputs) {
  testing::CommandOutput run =
      RunCommand(CrossclaimBin() + " extract " + Pages() + "/harbour-notice.htm --format text");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("== harbour-notice\noutlet: Harbour Weekly  (meta:og:site_name)\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("published: 2023-11-04  (time:datetime)\n"), std::string::npos);
  // Text inputs: the demo event as every command reads it (manifest fields are "input";
  // an explicit "unknown" outlet has no origin).
  testing::CommandOutput demo = RunCommand(CrossclaimBin() + " extract");
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  std::vector<json> docs = JsonLines(demo.out);
  ASSERT_EQ(docs.size(), 5u);
  EXPECT_EQ(docs[0]["outlet"], "unknown");
  EXPECT_FALSE(docs[0]["metadata_source"].contains("outlet"));
  EXPECT_EQ(docs[0]["metadata_source"]["published"], "input");
  EXPECT_EQ(docs[1]["metadata_source"]["outlet"], "input");
  EXPECT_EQ(docs[1]["outlet"], "The Kyiv Independent");
}

TEST(ExtractCli, BadPagesAreCountedSkipsNamingTheFile) {
  std::string dir = testing::ScratchDir("extract_bad");
  testing::WriteFile(dir + "/ok.html", testing::ReadFile(Pages() + "/kettle-report.html"));
  testing::WriteFile(dir + "/broken.html.gz", std::string("\x1f\x8b\x08\x00garbage", 12));
  testing::WriteFile(dir + "/binary.htm", std::string("\x00\x01\x02\x03", 4));
  testing::CommandOutput run = RunCommand(CrossclaimBin() + " extract " + dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(JsonLines(run.out).size(), 1u);
  EXPECT_NE(run.err.find("skipped: " + dir + "/binary.htm: not HTML"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("skipped: " + dir + "/broken.html.gz: corrupt or truncated gzip data"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("2 of 3 input documents skipped"), std::string::npos) << run.err;
}

TEST(ExtractCli, ClaimsJsonCarriesTheNewFields) {
  testing::CommandOutput run = RunCommand(CrossclaimBin() + " claims --format json " + Pages());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json out = json::parse(run.out);
  ASSERT_EQ(out["documents"].size(), 3u);
  const json& blog = out["documents"][0];
  EXPECT_EQ(blog["author"], "Sam Gardener");
  EXPECT_EQ(blog["metadata_source"]["author"], "input");
  EXPECT_EQ(blog["outlet"], "allotment-notes.example");
  EXPECT_EQ(blog["metadata_source"]["outlet"], "url:domain");
  EXPECT_GT(out["documents"][2]["claims"].get<int>(), 2);
}

}  // namespace
}  // namespace crossclaim
