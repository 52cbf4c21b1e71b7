// End-to-end tests of `crossclaim claims`, run as a user would run it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using nlohmann::json;
using testing::CrossclaimBin;
using testing::RunCommand;

// The document text as the reader defines it, computed independently: the file's bytes
// without the leading " date YYYY-MM-DD" line.
std::string DocumentText(const std::string& id) {
  std::string raw = testing::ReadFile(testing::DemoEventDir() + "/" + id + ".txt");
  if (raw.starts_with(" date ")) raw.erase(0, std::string(" date 2025-01-21 ").size());
  return raw;
}

TEST(ClaimsCli, JsonOnTheDemoEventKeepsOriginalWordsAndOffsets) {
  testing::CommandOutput run = RunCommand(CrossclaimBin() + " claims --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json out = json::parse(run.out);
  ASSERT_EQ(out["documents"].size(), 5u);
  size_t claim_total = 0;
  for (const json& doc : out["documents"]) {
    EXPECT_EQ(doc["status"], "used");
    EXPECT_TRUE(doc["reason"].is_null());
    claim_total += doc["claims"].get<size_t>();
  }
  EXPECT_EQ(out["claims"].size(), claim_total);
  EXPECT_EQ(out["documents"][3]["published"], nullptr);  // 003 gives no date: never invented
  EXPECT_EQ(out["documents"][0]["published"], "2025-01-22");
  EXPECT_GT(out["documents"][1]["boilerplate_removed"].get<int>(), 40);
  for (const json& claim : out["claims"]) {
    std::string text = DocumentText(claim["doc"]);
    size_t start = claim["start"], end = claim["end"];
    ASSERT_LE(end, text.size());
    EXPECT_EQ(text.substr(start, end - start), claim["text"].get<std::string>());
    for (const char* field : {"numbers", "dates", "names", "negation"}) {
      EXPECT_TRUE(claim[field].is_array()) << field;
    }
    EXPECT_TRUE(claim["attribution"].is_null() || claim["attribution"].is_string());
  }
}

TEST(ClaimsCli, SkippedInputIsReportedNotLost) {
  std::string dir = testing::ScratchDir("cli-claims");
  testing::WriteFile(dir + "/feed.jsonl",
                     "{\"id\":\"a\",\"outlet\":\"A\",\"text\":\"Putin and Xi held a video call on "
                     "Tuesday.\"}\n{broken\n{\"id\":\"a\",\"text\":\"dup\"}\n");
  testing::CommandOutput run = RunCommand(CrossclaimBin() + " claims --format json " + dir + "/feed.jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json out = json::parse(run.out);
  ASSERT_EQ(out["documents"].size(), 3u);
  EXPECT_EQ(out["documents"][0]["status"], "used");
  EXPECT_EQ(out["documents"][1]["status"], "skipped");
  EXPECT_NE(out["documents"][1]["reason"].get<std::string>().find("feed.jsonl:2: malformed JSON"),
            std::string::npos);
  EXPECT_NE(out["documents"][2]["reason"].get<std::string>().find("duplicate id \"a\""),
            std::string::npos);
  EXPECT_NE(run.err.find("2 of 3 input documents skipped"), std::string::npos) << run.err;
}

TEST(ClaimsCli, ExitCodesAndErrorMessages) {
  testing::CommandOutput missing = RunCommand(CrossclaimBin() + " claims /nonexistent/x.jsonl");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "crossclaim: error: /nonexistent/x.jsonl: no such file or folder\n");
  testing::CommandOutput usage = RunCommand(CrossclaimBin() + " claims --format xml");
  EXPECT_EQ(usage.exit_code, 2);
  testing::CommandOutput help = RunCommand(CrossclaimBin() + " claims --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--show-removed"), std::string::npos);
}

TEST(ClaimsCli, ConfigFileSetsSubcommandOptions) {
  std::string dir = testing::ScratchDir("config");
  testing::WriteFile(dir + "/crossclaim.toml", "[claims]\nmin-tokens = 30\nformat = \"json\"\n");
  testing::CommandOutput strict =
      RunCommand(CrossclaimBin() + " --config " + dir + "/crossclaim.toml claims");
  ASSERT_EQ(strict.exit_code, 0) << strict.err;
  testing::CommandOutput plain = RunCommand(CrossclaimBin() + " claims --format json");
  const json strict_json = json::parse(strict.out);
  size_t long_claims = strict_json["claims"].size();
  size_t all_claims = json::parse(plain.out)["claims"].size();
  EXPECT_GT(long_claims, 0u);
  EXPECT_LT(long_claims, all_claims);
  for (const json& claim : strict_json["claims"]) {
    std::string text = claim["text"];
    EXPECT_GE(std::count(text.begin(), text.end(), ' '), 25) << text;  // 30 tokens need 29 gaps or so
  }
  testing::CommandOutput missing = RunCommand(CrossclaimBin() + " --config /nonexistent.toml claims");
  EXPECT_EQ(missing.exit_code, 2);
}

TEST(ClaimsCli, TextTableNamesEveryDocument) {
  testing::CommandOutput run = RunCommand(CrossclaimBin() + " claims --show-removed");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* id : {"000_afc1db8ac4998597", "001_cc1c81bd957d81a1", "002_3983572c49da6df2",
                         "003_13d9be2aa1a7efac", "004_8ac6ed61b80c7570"}) {
    EXPECT_NE(run.out.find(std::string("== ") + id), std::string::npos) << id;
  }
  EXPECT_NE(run.out.find("removed (chrome) * indicates required"), std::string::npos);
}

}  // namespace
}  // namespace crossclaim
