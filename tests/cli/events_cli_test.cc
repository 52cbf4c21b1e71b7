// `crossclaim events` and `crossclaim report` over a mixed feed: the demo event plus
// unrelated generated articles.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using nlohmann::json;

const std::set<std::string> kDemoIds = {"000_afc1db8ac4998597", "001_cc1c81bd957d81a1",
                                        "002_3983572c49da6df2", "003_13d9be2aa1a7efac",
                                        "004_8ac6ed61b80c7570"};

std::string MixedFeed() {
  std::string dir = testing::ScratchDir("mixed");
  testing::CommandOutput gen = testing::RunCommand(testing::CrossclaimBin() +
                                                   " generate --docs 6 --seed 3 -o " + dir + "/other.jsonl");
  EXPECT_EQ(gen.exit_code, 0) << gen.err;
  return testing::DemoEventDir() + " " + dir + "/other.jsonl";
}

TEST(EventsCli, DemoArticlesFormOneEventAndEveryDocumentIsPlacedOnce) {
  testing::CommandOutput run = testing::RunCommand(testing::CrossclaimBin() + " events --format jsonl " + MixedFeed());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string line;
  std::multiset<std::string> placed;
  bool demo_together = false;
  while (std::getline(lines, line)) {
    json event = json::parse(line);
    std::set<std::string> ids = event["documents"].get<std::set<std::string>>();
    placed.insert(ids.begin(), ids.end());
    demo_together |= ids == kDemoIds;
    EXPECT_FALSE(event["title"].get<std::string>().empty());
  }
  EXPECT_TRUE(demo_together) << run.out;
  EXPECT_EQ(placed.size(), 11u);
  for (const std::string& id : placed) EXPECT_EQ(placed.count(id), 1u) << id;
}

TEST(ReportCli, MixedFeedGetsAnIndexAndAFolderPerEventOfSeveralArticles) {
  std::string dir = testing::ScratchDir("mixed-report");
  testing::CommandOutput run =
      testing::RunCommand(testing::CrossclaimBin() + " report -o " + dir + " " + MixedFeed());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json index = json::parse(testing::ReadFile(dir + "/index.json"));
  ASSERT_GE(index["events"].size(), 2u);
  size_t documents = 0;
  bool demo_found = false;
  for (const json& event : index["events"]) {
    documents += event["documents"].size();
    demo_found |= event["documents"].get<std::set<std::string>>() == kDemoIds;
    if (event["documents"].size() == 1) {
      EXPECT_TRUE(event["folder"].is_null()) << event.dump();
      continue;
    }
    std::string folder = dir + "/" + event["folder"].get<std::string>();
    json report = json::parse(testing::ReadFile(folder + "/report.json"));
    EXPECT_EQ(report["documents"].size(), event["documents"].size());
    EXPECT_TRUE(std::filesystem::exists(folder + "/report.html"));
  }
  EXPECT_EQ(documents, 11u);
  EXPECT_TRUE(demo_found);
  EXPECT_NE(testing::ReadFile(dir + "/index.html").find("/report.html\">"), std::string::npos);
}

TEST(ReportCli, OneEventFlagKeepsEverythingTogether) {
  std::string dir = testing::ScratchDir("one-event");
  testing::CommandOutput run =
      testing::RunCommand(testing::CrossclaimBin() + " report --one-event -o " + dir + " " + MixedFeed());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json report = json::parse(testing::ReadFile(dir + "/report.json"));
  EXPECT_EQ(report["documents"].size(), 11u);
  EXPECT_FALSE(std::filesystem::exists(dir + "/index.json"));
}

}  // namespace
}  // namespace crossclaim
