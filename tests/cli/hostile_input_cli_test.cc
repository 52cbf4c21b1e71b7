// End-to-end: hostile bytes (random binary, corrupt JSON Lines, markup and control
// characters in every field) through `crossclaim claims` and `crossclaim report`. Nothing
// aborts, every input line is accounted for, skip messages quote at most ~80 bytes, and
// every output parses and is valid UTF-8.
#include <gtest/gtest.h>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

#include "core/utf8.h"
#include "tests/testing/paths.h"
#include "tests/testing/report_json.h"

namespace crossclaim {
namespace {

using nlohmann::json;
using testing::RunCrossclaim;

// A reason without its location (the input's path): the message, a line number, at most 80
// quoted bytes and "…".
constexpr size_t kMaxReason = 360;  // as tests/fuzz/pipeline_check.h kMaxReasonBytes

// `text` without the scratch folder's path, which is as long as the build tree makes it.
std::string WithoutDir(std::string text, const std::string& dir) {
  for (size_t at = text.find(dir); at != std::string::npos; at = text.find(dir, at)) {
    text.erase(at, dir.size());
  }
  return text;
}

std::string RandomBinary(uint32_t seed, size_t n) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// The reader's record count, computed independently: non-blank lines (CR LF ends a line).
size_t NonBlankLines(const std::string& content) {
  size_t count = 0;
  std::istringstream in(content);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    count += line.find_first_not_of(" \t") != std::string::npos;
  }
  return count;
}

// The longest run of `c` in `text`.
size_t LongestRun(const std::string& text, char c) {
  size_t best = 0, run = 0;
  for (char x : text) {
    run = x == c ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

// Each "crossclaim: skipped:" line of stderr: valid UTF-8 and short (paths under `dir`
// not counted). Returns how many.
size_t CheckSkipLines(const std::string& err, const std::string& dir) {
  EXPECT_TRUE(IsValidUtf8(err));
  size_t skips = 0;
  std::istringstream in(WithoutDir(err, dir));
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("crossclaim: skipped: ")) continue;
    ++skips;
    EXPECT_LE(line.size(), kMaxReason + 21) << line;
  }
  return skips;
}

TEST(HostileInputCli, RandomBinaryFeedIsSkippedLineByLineWithShortReasons) {
  const std::string dir = testing::ScratchDir("cli-hostile-binary");
  // Random bytes, then an unterminated 3 KB string: its parse error must not quote it all.
  const std::string content = RandomBinary(20000, 20000) + "\n{\"id\": \"long\", \"text\": \"" +
                              std::string(3000, 'y') + "\n";
  testing::WriteFile(dir + "/noise.jsonl", content);
  const testing::CommandOutput run = RunCrossclaim("claims --format json " + dir + "/noise.jsonl");
  ASSERT_EQ(run.exit_code, 0) << QuoteInput(run.err, 400);
  ASSERT_TRUE(IsValidUtf8(run.out));
  const json out = json::parse(run.out);  // throws (fails the test) on invalid JSON
  ASSERT_EQ(out["documents"].size(), NonBlankLines(content));
  EXPECT_TRUE(out["claims"].empty());
  for (const json& d : out["documents"]) {
    ASSERT_EQ(d["status"], "skipped");
    const std::string reason = WithoutDir(d["reason"], dir);
    EXPECT_LE(reason.size(), kMaxReason) << reason;
    EXPECT_LE(LongestRun(reason, 'y'), kMaxQuotedBytes) << reason;
  }
  EXPECT_EQ(CheckSkipLines(run.err, dir), out["documents"].size());
}

TEST(HostileInputCli, RandomBinaryTextFileGivesValidJson) {
  const std::string dir = testing::ScratchDir("cli-hostile-text");
  testing::WriteFile(dir + "/noise.txt", RandomBinary(7, 20000));
  const testing::CommandOutput run = RunCrossclaim("claims --format json " + dir + "/noise.txt");
  ASSERT_EQ(run.exit_code, 0) << QuoteInput(run.err, 400);
  const json out = json::parse(run.out);
  ASSERT_EQ(out["documents"].size(), 1u);
  for (const json& claim : out["claims"])
    EXPECT_TRUE(IsValidUtf8(claim["text"].get<std::string>()));
}

// Two articles sharing claims, with markup and control characters in every field, among
// corrupt lines: three skipped (malformed, not an object, a text that is not a string).
std::string HostileFeed() {
  return "{\"id\": \"a<1>\", \"outlet\": \"Outlet <b>A</b> | *x*\", \"url\": "
         "\"javascript:alert(1)\", "
         "\"published\": \"2025-01-21\", \"title\": \"Leaders\\u001b[2J talk\", \"text\": \"Putin "
         "and Xi held a video call on Tuesday, the Kremlin said. The two leaders discussed trade "
         "worth 240 billion dollars & more.\\u0000 Ushakov told reporters | in Moscow ]]> "
         "\\\\.\"}\n"
         "{\"id\": \"b\\u0001\", \"outlet\": \"Outlet\\u0085B\\r\\n\", \"published\": "
         "\"2025-01-22\", \"text\": \"Putin and Xi held a video call on Tuesday, the Kremlin said. "
         "The two leaders discussed trade worth 250 billion dollars \xFF\xFE more. Ushakov told "
         "reporters in Beijing \\\"quoted\\\" \\ufffe.\"}\n"
         "{\"id\": \"c\", \"text\": \"" +
         std::string(3000, 'z') + "\n[\"not an object\"]\n{\"id\": \"d\", \"text\": 42}\n";
}

TEST(HostileInputCli, ReportOfCorruptFeedWritesParsableFiles) {
  const std::string dir = testing::ScratchDir("cli-hostile-report");
  testing::WriteFile(dir + "/feed.jsonl", HostileFeed());
  const testing::CommandOutput run = RunCrossclaim("report --one-event --graphs --format json -o " +
                                                   dir + "/out " + dir + "/feed.jsonl");
  ASSERT_EQ(run.exit_code, 0) << QuoteInput(run.err, 400);
  EXPECT_EQ(CheckSkipLines(run.err, dir), 3u);
  const json printed = json::parse(run.out);
  const json report = testing::ReadReport(dir + "/out/report.json");
  EXPECT_EQ(printed["documents"], report["documents"]);
  EXPECT_EQ(report["stats"]["documents_used"], 2);
  EXPECT_EQ(report["stats"]["documents_skipped"], 3);
  EXPECT_FALSE(report["claims"].empty());
  for (const json& d : report["documents"]) {
    if (d["status"] == "skipped") {
      EXPECT_LE(WithoutDir(d["reason"], dir).size(), kMaxReason);
    }
  }
  for (const char* file : {"report.html", "report.md", "claims.graphml", "claims.dot"}) {
    EXPECT_TRUE(IsValidUtf8(testing::ReadFile(dir + "/out/" + file))) << file;
  }
  std::istringstream graphml(testing::ReadFile(dir + "/out/claims.graphml"));
  boost::property_tree::ptree tree;
  EXPECT_NO_THROW(boost::property_tree::read_xml(graphml, tree));
  EXPECT_EQ(tree.count("graphml"), 1u);
  const std::string html = testing::ReadFile(dir + "/out/report.html");
  EXPECT_EQ(html.find("<b>A</b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;A&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);  // not a link, and not in the page
  const std::string md = testing::ReadFile(dir + "/out/report.md");
  EXPECT_NE(md.find("Outlet &lt;b&gt;A&lt;/b&gt; \\| \\*x\\*"), std::string::npos);
  EXPECT_EQ(md.find('\x1B'), std::string::npos);
}

}  // namespace
}  // namespace crossclaim
