// report.json's default schema, crossclaim.report/2 (docs/report-format.md): checked against
// facts found without it. The claims are those `crossclaim claims` extracts; every claim of the
// event is reachable exactly once (a cluster of several claims or a single-claim entry); and the
// file loses nothing: expanded by the documented rules (tests/testing/report_json.h, and the
// scripts' reader bench/lib/report_json.py), it is the --full-output file (/1) of the same run
// up to 4 significant digits, on the demo event and on every event of a generated feed.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/testing/paths.h"
#include "tests/testing/report_json.h"

namespace crossclaim {
namespace {

using nlohmann::json;
using testing::RunCommand;

json Stable(json report) {
  report.erase("generated_at");
  report["stats"].erase("timings");
  report.erase("edges");
  return report;
}

// Writes the default and the --full-output report of `args` into DIR/lean and DIR/full.
std::string ReportBoth(const std::string& name, const std::string& args) {
  const std::string dir = testing::ScratchDir(name);
  for (const std::string mode : {"lean", "full"}) {
    const std::string flags = mode == "full" ? " --full-output" : "";
    testing::CommandOutput run = RunCommand(testing::CrossclaimBin() + " report" + flags + " -o " +
                                            dir + "/" + mode + " " + args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
  }
  return dir;
}

// The event folders under `dir`, by name: "." when `dir` itself holds report.json.
std::vector<std::string> ReportFolders(const std::string& dir) {
  if (std::filesystem::exists(dir + "/report.json")) return {"."};
  std::vector<std::string> folders;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (std::filesystem::exists(entry.path() / "report.json"))
      folders.push_back(entry.path().filename().string());
  }
  return folders;
}

// Every event's default report.json, expanded, equals its --full-output one; also with the
// Python reader of the bench scripts. Returns the number of reports compared.
size_t ExpectLossless(const std::string& dir) {
  const std::vector<std::string> folders = ReportFolders(dir + "/lean");
  for (const std::string& f : folders) {
    const json lean = json::parse(testing::ReadFile(dir + "/lean/" + f + "/report.json"));
    EXPECT_EQ(lean["schema"], "crossclaim.report/2") << f;
    const json full = testing::ReadReport(dir + "/full/" + f + "/report.json");
    EXPECT_EQ(full["schema"], "crossclaim.report/1") << f;
    EXPECT_EQ(testing::ReportDifferences(Stable(testing::ExpandReport(lean)), Stable(full)),
              std::vector<std::string>())
        << f;
  }
  const std::string script =
      "import json,math,sys\n"
      "sys.path.insert(0,sys.argv[1])\n"
      "import report_json\n"
      "def same(a,b):\n"
      "  if isinstance(a,float) or isinstance(b,float):\n"
      "    return math.isclose(a,b,rel_tol=5e-4)\n"
      "  if isinstance(a,dict):\n"
      "    return a.keys()==b.keys() and all(same(a[k],b[k]) for k in a)\n"
      "  if isinstance(a,list):\n"
      "    return len(a)==len(b) and all(same(x,y) for x,y in zip(a,b))\n"
      "  return a==b\n"
      "def stable(r):\n"
      "  for k in ('generated_at','edges'): r.pop(k,None)\n"
      "  r['stats'].pop('timings')\n"
      "  return r\n"
      "bad=[f for f in sys.argv[3:] if not same(stable(report_json.load(sys.argv[2]+'/lean/'+f+"
      "'/report.json')),stable(report_json.load(sys.argv[2]+'/full/'+f+'/report.json')))]\n"
      "print('differ:',bad)\n";
  testing::WriteFile(dir + "/same.py", script);
  std::string command =
      "/usr/bin/python3 " + dir + "/same.py " + testing::SourceDir() + "/bench/lib " + dir;
  for (const std::string& f : folders) command += " '" + f + "'";
  testing::CommandOutput run = RunCommand(command);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "differ: []\n");
  return folders.size();
}

TEST(CompactReport, DemoEventLosesNothing) {
  const std::string dir = ReportBoth("compact-demo", "");
  EXPECT_EQ(ExpectLossless(dir), 1u);
}

TEST(CompactReport, EveryEventOfAGeneratedFeedLosesNothing) {
  const std::string dir = testing::ScratchDir("compact-feed");
  testing::CommandOutput gen = RunCommand(
      testing::CrossclaimBin() + " generate --docs 150 --seed 3 -o " + dir + "/feed.jsonl");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  const std::string reports = ReportBoth("compact-feed-out", dir + "/feed.jsonl");
  EXPECT_GE(ExpectLossless(reports), 10u);
}

// The claims are those `crossclaim claims` extracts from the same articles; each claim of the
// event is in one cluster entry exactly once, and entry ids are the clusters 0..N-1.
TEST(CompactReport, EveryClaimIsReachableExactlyOnce) {
  const std::string dir = testing::ScratchDir("compact-claims");
  ASSERT_EQ(RunCommand(testing::CrossclaimBin() + " report -o " + dir).exit_code, 0);
  const json report = json::parse(testing::ReadFile(dir + "/report.json"));
  testing::CommandOutput claims_run =
      RunCommand(testing::CrossclaimBin() + " claims --format json");
  ASSERT_EQ(claims_run.exit_code, 0) << claims_run.err;
  const json extracted = json::parse(claims_run.out)["claims"];
  const json& claims = report["claims"];
  ASSERT_EQ(claims.size(), extracted.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    EXPECT_EQ(claims[i]["text"], extracted[i]["text"]) << i;
    EXPECT_EQ(claims[i]["doc"], extracted[i]["doc"]) << i;
    EXPECT_EQ(claims[i]["start"], extracted[i]["start"]) << i;
    EXPECT_FALSE(claims[i].contains("outlet")) << "the document's, not repeated";
  }
  std::map<int64_t, int> seen;  // claim -> entries holding it
  std::set<int64_t> ids;
  for (const json& cluster : report["clusters"]) {
    EXPECT_TRUE(ids.insert(cluster["id"].get<int64_t>()).second);
    for (const json& c : cluster["claims"]) {
      ++seen[c.get<int64_t>()];
      EXPECT_EQ(claims[c.get<size_t>()]["cluster"], cluster["id"]);
    }
  }
  for (const json& single : report["single_claim_clusters"]) {
    EXPECT_TRUE(ids.insert(single[0].get<int64_t>()).second);  // [cluster, claim(, upstream)]
    ++seen[single[1].get<int64_t>()];
    EXPECT_EQ(claims[single[1].get<size_t>()]["cluster"], single[0]);
  }
  EXPECT_FALSE(report["single_claim_clusters"].empty());
  for (size_t i = 0; i < claims.size(); ++i) {
    const bool off_event = claims[i].value("off_event", false);
    EXPECT_EQ(seen[static_cast<int64_t>(i)], off_event ? 0 : 1) << "claim " << i;
  }
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(*ids.rbegin() + 1, static_cast<int64_t>(ids.size())) << "ids 0..N-1";
  EXPECT_EQ(report["stats"]["clusters"], ids.size());
}

// Scores keep 4 significant digits: the centralities' text is at most "0." and 4 digits, or
// a shorter number.
TEST(CompactReport, CentralitiesHaveFourSignificantDigits) {
  const std::string dir = testing::ScratchDir("compact-digits");
  ASSERT_EQ(RunCommand(testing::CrossclaimBin() + " report -o " + dir).exit_code, 0);
  const json report = json::parse(testing::ReadFile(dir + "/report.json"));
  size_t checked = 0;
  for (const json& c : report["claims"]) {
    if (!c.contains("centrality")) continue;
    const double x = c["centrality"].get<double>();
    EXPECT_LE(json(x).dump().size(), std::string("-0.0001234").size()) << x;
    ++checked;
  }
  EXPECT_GT(checked, 30u);
}

// parameters records the clustering flags the run was given, so a reader can tell which rule
// made a cluster (the documented defaults: no same-fact merging, standalone cap 3).
TEST(ReportParameters, RecordTheClusteringFlagsGiven) {
  struct Case {
    std::string flags;
    bool merge_on_same_fact;
    size_t standalone_max_claims;
  };
  for (const Case& c :
       {Case{"", false, 3}, Case{" --merge-on-same-fact --standalone-max-claims 0", true, 0}}) {
    const std::string dir = testing::ScratchDir("report-parameters");
    ASSERT_EQ(RunCommand(testing::CrossclaimBin() + " report -o " + dir + c.flags).exit_code, 0);
    const json parameters = json::parse(testing::ReadFile(dir + "/report.json"))["parameters"];
    EXPECT_EQ(parameters.value("merge_on_same_fact", !c.merge_on_same_fact), c.merge_on_same_fact)
        << c.flags;
    EXPECT_EQ(parameters.value("standalone_max_claims", size_t{99}), c.standalone_max_claims)
        << c.flags;
  }
}

bool HasJsonSchema() {
  return RunCommand("/usr/bin/python3 -c 'import jsonschema'").exit_code == 0;
}

// The default file validates against docs/report.schema.json (/2) and not against /1's, the
// --full-output file against docs/report-v1.schema.json.
TEST(CompactReport, EachSchemaValidatesItsFile) {
  if (!HasJsonSchema()) GTEST_SKIP() << "python3-jsonschema is not installed";
  const std::string dir = ReportBoth("compact-schema", "");
  const std::string script =
      "import json,sys,jsonschema\n"
      "def ok(schema, path):\n"
      "  s=json.load(open(schema)); jsonschema.Draft7Validator.check_schema(s)\n"
      "  return jsonschema.Draft7Validator(s).is_valid(json.load(open(path)))\n"
      "d,r=sys.argv[1]+'/docs/',sys.argv[2]\n"
      "print(ok(d+'report.schema.json',r+'/lean/report.json'),"
      "ok(d+'report-v1.schema.json',r+'/full/report.json'),"
      "ok(d+'report-v1.schema.json',r+'/lean/report.json'))\n";
  testing::WriteFile(dir + "/validate.py", script);
  testing::CommandOutput run =
      RunCommand("/usr/bin/python3 " + dir + "/validate.py " + testing::SourceDir() + " " + dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "True True False\n");
}

}  // namespace
}  // namespace crossclaim
