// End-to-end tests of `crossclaim report` on the demo event: the files, the schema, the
// findings a careful reader of the five articles lists, and the HTML in a real browser.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/document.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/paths.h"
#include "tests/testing/report_json.h"

namespace crossclaim {
namespace {

using nlohmann::json;
using testing::RunCommand;

class DemoReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::ScratchDir("demo-report"));
    // --graphs: the claim graph's files and report.json's edges, checked below.
    testing::CommandOutput run =
        RunCommand(testing::CrossclaimBin() + " report --graphs -o " + *dir_);
    exit_code_ = run.exit_code;
    stdout_ = new std::string(run.out);
    stderr_ = new std::string(run.err);
    report_ = new json(testing::ReadReport(*dir_ + "/report.json"));  // as schema /1
  }

  const json& Claim(int64_t id) const {
    for (const json& c : (*report_)["claims"]) {
      if (c["id"] == id) return c;
    }
    ADD_FAILURE() << "no claim " << id;
    return (*report_)["claims"][0];
  }

  // Claims whose text contains `needle`.
  std::vector<const json*> ClaimsWith(const std::string& needle) const {
    std::vector<const json*> out;
    for (const json& c : (*report_)["claims"]) {
      if (c["text"].get<std::string>().find(needle) != std::string::npos) out.push_back(&c);
    }
    return out;
  }

  const json& ClusterOf(const json& claim) const {
    for (const json& cluster : (*report_)["clusters"]) {
      if (cluster["id"] == claim["cluster"]) return cluster;
    }
    ADD_FAILURE() << "claim " << claim["id"] << " has no cluster";
    return (*report_)["clusters"][0];
  }

  static std::string* dir_;
  static std::string* stdout_;
  static std::string* stderr_;
  static json* report_;
  static int exit_code_;
};

// Headless chromium with a scratch profile, ready for --dump-dom or --screenshot.
std::string ChromiumCommand() {
  return "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic "
         "--no-first-run --disable-background-networking --disable-component-update "
         "--disable-sync --user-data-dir=" +
         testing::ScratchDir("chromium-profile");
}

std::string* DemoReport::dir_ = nullptr;
std::string* DemoReport::stdout_ = nullptr;
std::string* DemoReport::stderr_ = nullptr;
json* DemoReport::report_ = nullptr;
int DemoReport::exit_code_ = -1;

TEST_F(DemoReport, WritesEveryFileAndASummary) {
  ASSERT_EQ(exit_code_, 0) << *stderr_;
  for (const char* name :
       {"report.json", "report.html", "report.md", "claims.graphml", "claims.dot"}) {
    EXPECT_TRUE(std::filesystem::exists(*dir_ + "/" + name)) << name;
  }
  EXPECT_NE(stdout_->find("documents: 5 used, 0 skipped"), std::string::npos) << *stdout_;
  EXPECT_NE(stdout_->find("top divergences:"), std::string::npos) << *stdout_;
  EXPECT_NE(stderr_->find("report written to"), std::string::npos);
}

size_t Occurrences(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

// The report without the fields that differ between two runs of one input.
json Stable(json report) {
  report.erase("generated_at");
  report["stats"].erase("timings");
  return report;
}

// `text` with each `stamp` replaced by "STAMP".
std::string WithoutStamp(std::string text, const std::string& stamp) {
  for (size_t at = text.find(stamp); at != std::string::npos; at = text.find(stamp, at))
    text.replace(at, stamp.size(), "STAMP");
  return text;
}

// The default: no claim graph files, report.json on one line without `edges`, and otherwise
// the same report as the --graphs run of the fixture.
TEST_F(DemoReport, DefaultWritesNoGraphAndOneLineJson) {
  const std::string dir = testing::ScratchDir("demo-report-lean");
  testing::CommandOutput run = RunCommand(testing::CrossclaimBin() + " report -o " + dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/claims.graphml"));
  EXPECT_FALSE(std::filesystem::exists(dir + "/claims.dot"));
  const std::string text = testing::ReadFile(dir + "/report.json");
  EXPECT_EQ(text.find('\n'), text.size() - 1) << "one line, then a newline";
  json with_edges = Stable(*report_);
  EXPECT_EQ(with_edges["edges"].size(), with_edges["stats"]["edges"].get<size_t>());
  with_edges.erase("edges");
  EXPECT_EQ(Stable(testing::ExpandReport(json::parse(text))), with_edges);
  // The pages are those of the --graphs run, apart from the time stamp.
  const std::string stamp = json::parse(text)["generated_at"];
  for (const char* name : {"report.html", "report.md"}) {
    EXPECT_EQ(WithoutStamp(testing::ReadFile(dir + "/" + name), stamp),
              WithoutStamp(testing::ReadFile(*dir_ + "/" + name), (*report_)["generated_at"]))
        << name;
  }
  EXPECT_NE(run.err.find("(report.json, report.html, report.md)"), std::string::npos) << run.err;
}

// --full-output writes what `report` wrote before the lean default: the five files and
// report.json indented by two spaces, edges included.
TEST_F(DemoReport, FullOutputRestoresEveryFileAndIndentedJson) {
  const std::string dir = testing::ScratchDir("demo-report-full");
  testing::CommandOutput run =
      RunCommand(testing::CrossclaimBin() + " report --full-output -o " + dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* name :
       {"report.json", "report.html", "report.md", "claims.graphml", "claims.dot"}) {
    EXPECT_TRUE(std::filesystem::exists(dir + "/" + name)) << name;
  }
  const std::string text = testing::ReadFile(dir + "/report.json");
  const json report = json::parse(text);
  EXPECT_EQ(text, report.dump(2) + "\n") << "indented by two spaces, as nlohmann writes it";
  // Schema /1, and the default /2 file of the fixture loses nothing of it but digits.
  EXPECT_EQ(report["schema"], "crossclaim.report/1");
  EXPECT_EQ(testing::ReportDifferences(Stable(report), Stable(*report_)),
            std::vector<std::string>());
  EXPECT_EQ(testing::ReadFile(dir + "/claims.dot").size(),
            testing::ReadFile(*dir_ + "/claims.dot").size());
  // The earlier pages: a matrix row and a card for every cluster, none marked single.
  const std::string html = testing::ReadFile(dir + "/report.html");
  EXPECT_EQ(Occurrences(html, "<tr data-cluster-label="), report["clusters"].size());
  size_t shown_cards = 0;  // the divergence cards carry the label too
  for (const json& card : report["cards"]) shown_cards += card["shown"].get<bool>() ? 1 : 0;
  EXPECT_EQ(Occurrences(html, "<div class=\"card\" data-cluster-label="),
            report["clusters"].size() + shown_cards);
  EXPECT_EQ(Occurrences(html, "class=\"single\""), 0u);
}

// Validates `dir`/report.json against docs/report.schema.json; "valid\n" on stdout when it is.
testing::CommandOutput ValidateReport(const std::string& dir) {
  std::string script =
      "import json,sys,jsonschema\n"
      "schema=json.load(open(sys.argv[1]))\n"
      "jsonschema.Draft7Validator.check_schema(schema)\n"
      "jsonschema.validate(json.load(open(sys.argv[2])),schema)\n"
      "print('valid')\n";
  std::string script_path = dir + "/validate.py";
  testing::WriteFile(script_path, script);
  return RunCommand("/usr/bin/python3 " + script_path + " " + testing::SourceDir() +
                    "/docs/report.schema.json " + dir + "/report.json");
}

bool HasJsonSchema() {
  return RunCommand("/usr/bin/python3 -c 'import jsonschema'").exit_code == 0;
}

TEST_F(DemoReport, ValidatesAgainstTheJsonSchema) {
  if (!HasJsonSchema())
    GTEST_SKIP() << "python3-jsonschema is not installed (scripts/install-deps.sh --test)";
  testing::CommandOutput run = ValidateReport(*dir_);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "valid\n");
}

TEST_F(DemoReport, EveryDocumentAndClaimIsAccountedFor) {
  ASSERT_EQ((*report_)["documents"].size(), 5u);
  std::set<int64_t> clustered;
  for (const json& cluster : (*report_)["clusters"]) {
    for (const json& id : cluster["claims"])
      EXPECT_TRUE(clustered.insert(id.get<int64_t>()).second);
  }
  for (const json& c : (*report_)["claims"]) {
    // On-event claims are in exactly one cluster; off-event claims in none.
    EXPECT_EQ(clustered.count(c["id"].get<int64_t>()) == 1, !c["off_event"].get<bool>())
        << c["text"];
  }
}

// The five articles disagree on how the leaders spoke: 000 (quoting ISW) says a telephone
// conversation / phone call, The Kyiv Independent, 003 and melangenews say a video call.
TEST_F(DemoReport, TelephoneVersusVideoCallIsADivergence) {
  std::set<std::string> phone_docs, video_docs;
  for (const json& cluster : (*report_)["clusters"]) {
    if (cluster["label"] != "divergent") continue;
    for (const json& d : cluster["divergences"]) {
      if (d["kind"] != "term") continue;
      std::string a = d["a_text"], b = d["b_text"];
      if (a.find("video") != std::string::npos)
        std::swap(a, b), phone_docs.insert(d["b_doc"]), video_docs.insert(d["a_doc"]);
      else
        phone_docs.insert(d["a_doc"]), video_docs.insert(d["b_doc"]);
      EXPECT_TRUE(a == "telephone conversation" || a == "phone call") << a;
      EXPECT_EQ(b, "video call");
    }
  }
  EXPECT_EQ(phone_docs, (std::set<std::string>{"000_afc1db8ac4998597"}));
  EXPECT_EQ(video_docs, (std::set<std::string>{"001_cc1c81bd957d81a1", "003_13d9be2aa1a7efac",
                                               "004_8ac6ed61b80c7570"}));
}

// Only The Kyiv Independent gives the 7% / $220 billion trade figure.
TEST_F(DemoReport, TradeFigureIsSingleSource) {
  std::vector<const json*> trade = ClaimsWith("7% increase in trade");
  ASSERT_EQ(trade.size(), 1u);
  EXPECT_FALSE((*trade[0])["off_event"].get<bool>());
  const json& cluster = ClusterOf(*trade[0]);
  EXPECT_EQ(cluster["label"], "single_source");
  EXPECT_EQ(cluster["outlets"], json::array({"The Kyiv Independent"}));
}

// 002 and 003 both recall the "no limits" partnership: "February 2022" and "2022" agree.
TEST_F(DemoReport, NoLimitsPartnershipIsCorroboratedWithoutADateConflict) {
  std::vector<const json*> claims = ClaimsWith("no limits");
  ASSERT_EQ(claims.size(), 2u);
  const json& cluster = ClusterOf(*claims[0]);
  EXPECT_EQ(cluster["id"], (*claims[1])["cluster"]);
  EXPECT_EQ(cluster["label"], "corroborated");
  EXPECT_GE(cluster["independent_sources"].get<int>(), 2);
}

// "Yuriy Ushakov" (000) and "Yuri Ushakov" (003) are one speaker.
TEST_F(DemoReport, UshakovIsOneSpeaker) {
  for (const json& cluster : (*report_)["clusters"]) {
    int ushakov = 0;
    for (const json& s : cluster["speakers"])
      ushakov += s.get<std::string>().find("Ushakov") != std::string::npos;
    EXPECT_LE(ushakov, 1) << cluster["speakers"];
  }
}

// Sidebars are not the event: melangenews' appended articles, Kyiv Independent's news feed.
TEST_F(DemoReport, SidebarArticlesAreOffEvent) {
  for (const char* text :
       {"A drone swarm has reportedly breached", "Trump pauses US foreign development aid",
        "revive nuclear disarmament discussions", "Arms procurement head should keep post"}) {
    std::vector<const json*> claims = ClaimsWith(text);
    ASSERT_EQ(claims.size(), 1u) << text;
    EXPECT_TRUE((*claims[0])["off_event"].get<bool>()) << text;
  }
  for (const char* text :
       {"held a video call on January 21, 2025", "In their nearly 100-minute conversation"}) {
    std::vector<const json*> claims = ClaimsWith(text);
    ASSERT_EQ(claims.size(), 1u) << text;
    EXPECT_FALSE((*claims[0])["off_event"].get<bool>()) << text;
  }
}

// 001 recalls Xi's visit of March 2023 ("welcomed by his dear friend Putin"): another time,
// so no other outlet's sentence about the 2025 call corroborates it.
TEST_F(DemoReport, TheMarch2023VisitIsCorroboratedByNoOne) {
  std::vector<const json*> visit = ClaimsWith("March 2023");
  ASSERT_EQ(visit.size(), 1u);
  const json& cluster = ClusterOf(*visit[0]);
  EXPECT_EQ(cluster["documents"], json::array({"001_cc1c81bd957d81a1"})) << cluster["claims"];
  EXPECT_EQ(cluster["label"], "single_source");
}

// 000 names ISW as its source ("Source: Institute for the Study of War (ISW)"); the cards
// show it.
TEST_F(DemoReport, DocumentSourceNamedInTheText) {
  const json& doc = (*report_)["documents"][0];
  ASSERT_EQ(doc["id"], "000_afc1db8ac4998597");
  EXPECT_EQ(doc["source"], "Institute for the Study of War (ISW)");
  // The others name none: an empty string (docs/report-format.md).
  for (size_t i = 1; i < 5; ++i) EXPECT_EQ((*report_)["documents"][i]["source"], "") << i;
  EXPECT_NE(stdout_->find("000_afc1db8ac4998597 (ISW)"), std::string::npos) << *stdout_;
}

// 000 and 003 both relay Kremlin aide Yuri (Yuriy) Ushakov: wherever their Ushakov claims
// meet, the cluster counts them as one upstream source.
TEST_F(DemoReport, UshakovClaimsAreOneUpstreamSource) {
  bool met = false;
  for (const json& cluster : (*report_)["clusters"]) {
    std::set<std::string> relaying;
    for (const json& u : cluster["upstream"]) {
      if (u["name"].get<std::string>().find("Ushakov") == std::string::npos) continue;
      for (const json& d : u["documents"]) relaying.insert(d);
    }
    if (relaying.size() < 2) continue;
    met = true;
    EXPECT_EQ(relaying, (std::set<std::string>{"000_afc1db8ac4998597", "003_13d9be2aa1a7efac"}));
    EXPECT_LT(cluster["upstream_sources"].get<int>(), cluster["independent_sources"].get<int>());
  }
  EXPECT_TRUE(met) << "no cluster holds the Ushakov claims of both 000 and 003";
}

// One card for how the leaders spoke, the outlets grouped by side, with its confidence.
TEST_F(DemoReport, ContactDivergenceIsOneGroupedCard) {
  std::vector<const json*> contact;
  for (const json& card : (*report_)["cards"]) {
    if (card["aspect"] == "contact") contact.push_back(&card);
  }
  ASSERT_EQ(contact.size(), 1u);
  const json& card = *contact[0];
  EXPECT_TRUE(card["shown"].get<bool>());
  EXPECT_GE(card["confidence"].get<double>(), 0.5);
  ASSERT_EQ(card["sides"].size(), 2u);
  EXPECT_EQ(card["sides"][0]["documents"], json::array({"000_afc1db8ac4998597"}));
  EXPECT_EQ(card["sides"][0]["texts"], json::array({"telephone conversation", "phone call"}));
  EXPECT_EQ(card["sides"][1]["documents"],
            json::array({"001_cc1c81bd957d81a1", "003_13d9be2aa1a7efac", "004_8ac6ed61b80c7570"}));
  EXPECT_EQ(card["sides"][1]["texts"], json::array({"video call"}));
  // The terminal summary prints it once, sides grouped.
  EXPECT_NE(stdout_->find("telephone conversation, phone call vs video call (contact)"),
            std::string::npos)
      << *stdout_;
}

TEST_F(DemoReport, MarkdownCarriesTheSameFindings) {
  std::string md = testing::ReadFile(*dir_ + "/report.md");
  EXPECT_NE(md.find("## Divergences"), std::string::npos);
  EXPECT_NE(md.find("**telephone conversation**"), std::string::npos);
  EXPECT_NE(md.find("**video call**"), std::string::npos);
}

TEST_F(DemoReport, GraphMlHoldsEveryClaimAndEdge) {
  std::string script =
      "import sys,xml.etree.ElementTree as ET\n"
      "ns={'g':'http://graphml.graphdrawing.org/xmlns'}\n"
      "root=ET.parse(sys.argv[1]).getroot()\n"
      "print(len(root.findall('.//g:node',ns)), len(root.findall('.//g:edge',ns)))\n";
  testing::WriteFile(*dir_ + "/count.py", script);
  testing::CommandOutput run =
      RunCommand("/usr/bin/python3 " + *dir_ + "/count.py " + *dir_ + "/claims.graphml");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, std::to_string((*report_)["claims"].size()) + " " +
                         std::to_string((*report_)["edges"].size()) + "\n");
  std::string dot = testing::ReadFile(*dir_ + "/claims.dot");
  EXPECT_TRUE(dot.starts_with("graph G {"));
  EXPECT_NE(dot.find("kind=conflict"), std::string::npos);
}

// The five articles are five outlets' own reports: no one took text from another (a careful
// reader's judgment), so text reuse links none of them and no cluster is copied.
TEST_F(DemoReport, NoInventedCopies) {
  EXPECT_TRUE((*report_)["reuse"].empty()) << (*report_)["reuse"].dump();
  EXPECT_EQ((*report_)["stats"]["clusters_by_label"]["copied"], 0);
  for (const json& e : (*report_)["edges"]) EXPECT_NE(e["kind"], "copy") << e.dump();
}

// The HTML rendered by a real browser: the DOM holds the coverage matrix (one row per
// cluster, one column per document) and the divergence cards with highlighted spans, and
// the filter script ran (it reveals the filter bar).
TEST_F(DemoReport, HtmlRendersInHeadlessChromium) {
  if (RunCommand("command -v chromium").exit_code != 0) {
    GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh --test)";
  }
  testing::CommandOutput dom =
      RunCommand(ChromiumCommand() + " --dump-dom file://" + *dir_ + "/report.html");
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  const std::string& html = dom.out;
  size_t rows = 0;
  for (size_t pos = html.find("<tr data-cluster-label="); pos != std::string::npos;
       pos = html.find("<tr data-cluster-label=", pos + 1)) {
    ++rows;
  }
  // The lean page: a row per cluster of several documents (report.json as the oracle).
  size_t shared = 0;
  std::set<int64_t> alone;
  for (const json& cluster : (*report_)["clusters"]) {
    if (cluster["documents"].size() > 1)
      ++shared;
    else
      for (const json& id : cluster["claims"]) alone.insert(id.get<int64_t>());
  }
  EXPECT_EQ(rows, shared);
  ASSERT_FALSE(alone.empty());
  // A claim stated by its document only is in the page once: its article's list item, marked.
  for (int64_t id : alone) {
    const std::string item = "<li id=\"claim-" + std::to_string(id) + "\"";
    EXPECT_EQ(Occurrences(html, item), 1u) << id;
    EXPECT_EQ(Occurrences(html, "\"#claim-" + std::to_string(id) + "\""), 0u) << id;
    EXPECT_NE(html.find(item + " class=\"single\""), std::string::npos) << id;
  }
  // Each article's list is numbered from its first claim's id (report.json as the oracle).
  std::string previous;
  for (const json& c : (*report_)["claims"]) {
    if (c["doc"] == previous) continue;
    previous = c["doc"];
    EXPECT_NE(html.find("<summary>" + previous + " · " + c["outlet"].get<std::string>() +
                        "</summary><ol start=\"" + std::to_string(c["id"].get<int64_t>()) + "\">"),
              std::string::npos)
        << previous;
  }
  EXPECT_NE(html.find("<table class=\"matrix\">"), std::string::npos);
  EXPECT_NE(html.find("class=\"divergence\""), std::string::npos);
  EXPECT_NE(html.find("<mark>telephone conversation</mark>"), std::string::npos);
  EXPECT_NE(html.find("<mark>video call</mark>"), std::string::npos);
  EXPECT_NE(html.find("id=\"filters\" style=\"display: block;\""), std::string::npos)
      << "the filter script did not run";
  // A screenshot for people to look at (not asserted on).
  RunCommand(ChromiumCommand() + " --window-size=1280,2400 --screenshot=" + *dir_ +
             "/report.png file://" + *dir_ + "/report.html");
}

// A skipped duplicate carries the id of the document it repeats: the report must list both
// and still describe the used one (the HTML once looked the id up and found the skipped one).
TEST(ReportInput, DuplicateIdIsListedAsSkippedBesideTheUsedDocument) {
  const std::string dir = testing::ScratchDir("report-duplicate-id");
  testing::WriteFile(dir + "/in.jsonl",
                     "{\"id\":\"x\",\"outlet\":\"Wire\",\"text\":\"Putin spoke to Xi on "
                     "Tuesday by phone.\"}\n{\"id\":\"x\",\"text\":\"a repeat\"}\n"
                     "{\"id\":\"y\",\"outlet\":\"Daily\",\"text\":\"Xi spoke to Putin by "
                     "video on Tuesday.\"}\n");
  testing::CommandOutput run = RunCommand(testing::CrossclaimBin() + " report --one-event " + dir +
                                          "/in.jsonl -o " + dir + "/out");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("in.jsonl:2: duplicate id \"x\""), std::string::npos) << run.err;
  const json report = json::parse(testing::ReadFile(dir + "/out/report.json"));
  ASSERT_EQ(report["documents"].size(), 3u);
  EXPECT_EQ(report["documents"][0]["status"], "used");
  EXPECT_EQ(report["documents"][1]["status"], "skipped");
  const std::string html = testing::ReadFile(dir + "/out/report.html");
  EXPECT_NE(html.find("Wire"), std::string::npos);
  EXPECT_NE(html.find("skipped: "), std::string::npos);
}

// A rewritten copy (tests/testing/fixtures.h RewrittenCopyEvent): the report lists the reuse
// pair with passages whose byte offsets hold the planted word changes, counts the wire and its
// rewrite as one source, names the wire as origin, and the HTML shows who took text from whom.
class ReuseReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::ScratchDir("reuse-report"));
    documents_ = new std::vector<Document>(testing::RewrittenCopyEvent());
    testing::WriteFile(*dir_ + "/in.jsonl", testing::JsonLinesOf(*documents_));
    testing::CommandOutput run = RunCommand(testing::CrossclaimBin() + " report --one-event " +
                                            *dir_ + "/in.jsonl -o " + *dir_ + "/out");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    report_ = new json(testing::ReadReport(*dir_ + "/out/report.json"));
  }

  static const std::string& Text(const std::string& id) {
    for (const Document& d : *documents_) {
      if (d.id == id) return d.text;
    }
    ADD_FAILURE() << "no document " << id;
    return documents_->front().text;
  }

  // The cluster holding the claim whose text contains `needle`.
  static const json& ClusterWith(const std::string& needle) {
    for (const json& c : (*report_)["claims"]) {
      if (c["text"].get<std::string>().find(needle) == std::string::npos) continue;
      for (const json& cluster : (*report_)["clusters"]) {
        if (cluster["id"] == c["cluster"]) return cluster;
      }
    }
    ADD_FAILURE() << "no cluster holds '" << needle << "'";
    return (*report_)["clusters"][0];
  }

  static std::string* dir_;
  static std::vector<Document>* documents_;
  static json* report_;
};

std::string* ReuseReport::dir_ = nullptr;
std::vector<Document>* ReuseReport::documents_ = nullptr;
json* ReuseReport::report_ = nullptr;

TEST_F(ReuseReport, ListsThePairWithPassagesAtThePlantedWords) {
  ASSERT_EQ((*report_)["reuse"].size(), 1u) << (*report_)["reuse"].dump();
  const json& pair = (*report_)["reuse"][0];
  EXPECT_EQ(pair["source"], "a_wire");
  EXPECT_EQ(pair["derived"], "b_daily");
  EXPECT_NE(pair["grade"], "non");
  EXPECT_EQ(pair["direction"], "containment");  // same day: the fuller text is the source
  EXPECT_TRUE(pair["one_source"].get<bool>());
  const std::string& wire = Text("a_wire");
  const std::string& daily = Text("b_daily");
  for (const json& p : pair["passages"]) {
    size_t ss = p["source_start"], se = p["source_end"], ds = p["derived_start"],
           de = p["derived_end"];
    ASSERT_LE(ss, se);
    ASSERT_LE(se, wire.size());
    ASSERT_LE(ds, de);
    ASSERT_LE(de, daily.size());
    EXPECT_EQ(p["source_text"], wire.substr(ss, se - ss));
    EXPECT_EQ(p["derived_text"], daily.substr(ds, de - ds));
  }
  // Each planted substitution inside a sentence lies inside one rewrite passage, on both sides
  // ("about 4am" -> "around 4am" ends a sentence: local alignment trims a passage's edges).
  for (auto [from, to] : {std::pair{"destroyed", "gutted"}, std::pair{"fought", "battled"},
                          std::pair{"been empty", "stood empty"}}) {
    size_t at_source = wire.find(from), at_derived = daily.find(to);
    ASSERT_NE(at_source, std::string::npos);
    ASSERT_NE(at_derived, std::string::npos);
    bool found = false;
    for (const json& p : pair["passages"]) {
      found |= p["kind"] == "rewrite" && p["source_start"] <= at_source &&
               at_source + std::strlen(from) <= p["source_end"] &&
               p["derived_start"] <= at_derived && at_derived + std::strlen(to) <= p["derived_end"];
    }
    EXPECT_TRUE(found) << from << " -> " << to << ": " << pair["passages"].dump();
  }
}

TEST_F(ReuseReport, ValidatesAgainstTheJsonSchema) {
  if (!HasJsonSchema())
    GTEST_SKIP() << "python3-jsonschema is not installed (scripts/install-deps.sh --test)";
  testing::CommandOutput run = ValidateReport(*dir_ + "/out");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "valid\n");
}

TEST_F(ReuseReport, WireAndRewriteAreOneSourceWithTheWireAsOrigin) {
  const json& fire = ClusterWith("Flames lit up the sky");
  EXPECT_EQ(fire["documents"], json::array({"b_daily", "a_wire", "c_herald"}));
  EXPECT_EQ(fire["independent_sources"], 2);
  EXPECT_EQ(fire["origin"], "a_wire");
  const json& blaze = ClusterWith("battled the blaze");
  EXPECT_EQ(blaze["label"], "copied");
  EXPECT_EQ(blaze["independent_sources"], 1);
  EXPECT_EQ(blaze["origin"], "a_wire");
}

// The <mark>ed texts of `html` from `from` on.
std::vector<std::string> Marks(const std::string& html, size_t from) {
  std::vector<std::string> marks;
  for (size_t at = html.find("<mark>", from); at != std::string::npos;
       at = html.find("<mark>", at + 1)) {
    size_t end = html.find("</mark>", at);
    if (end == std::string::npos) break;
    marks.push_back(html.substr(at + 6, end - at - 6));
  }
  return marks;
}

TEST_F(ReuseReport, HtmlShowsWhoTookTextFromWhomInHeadlessChromium) {
  if (RunCommand("command -v chromium").exit_code != 0) {
    GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh --test)";
  }
  testing::CommandOutput dom =
      RunCommand(ChromiumCommand() + " --dump-dom file://" + *dir_ + "/out/report.html");
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  const std::string& html = dom.out;
  size_t section = html.find("<section id=\"reuse\"><h2>Who took text from whom</h2>");
  ASSERT_NE(section, std::string::npos) << html;
  size_t end = html.find("</section>", section);
  std::string reuse = html.substr(section, end - section);
  EXPECT_NE(reuse.find("Wire Agency a_wire</b> → <b>Daily Paper b_daily"), std::string::npos)
      << reuse;
  // The aligned passage side by side, the reused words marked in each text.
  bool source_marked = false, derived_marked = false;
  for (const std::string& m : Marks(reuse, 0)) {
    source_marked |= m.find("firefighters fought the blaze") != std::string::npos;
    derived_marked |= m.find("firefighters battled the blaze") != std::string::npos;
  }
  EXPECT_TRUE(source_marked) << reuse;
  EXPECT_TRUE(derived_marked) << reuse;
}

// A feed of four events: the rewritten-copy fire (three articles) and three unrelated
// one-article stories. By default only the fire gets a folder; the index lists the others,
// with their outlet and date; `--event-folders all` gives every event its folder.
class ReportFeed : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::ScratchDir("report-feed"));
    std::vector<Document> feed = testing::RewrittenCopyEvent();
    feed.push_back(testing::MakeDocument(
        "lone_chess", "Board Weekly", "2024-05-17",
        "A fourteen-year-old pupil won the city chess open on Sunday after beating the "
        "defending champion in the final round. The tournament drew 212 players."));
    feed.push_back(testing::MakeDocument(
        "lone_orchard", "Valley Courier", "2023-09-02",
        "The apple harvest in the northern orchards was the smallest in a decade, growers "
        "said, after a late frost in April killed most of the blossom."));
    feed.push_back(testing::MakeDocument(
        "lone_library", "Corner Post", "",
        "The public library will open on Sundays from next month, the council announced, "
        "funded by a bequest from a retired teacher."));
    testing::WriteFile(*dir_ + "/in.jsonl", testing::JsonLinesOf(feed));
    multi_ = new testing::CommandOutput(RunCommand(testing::CrossclaimBin() + " report " + *dir_ +
                                                   "/in.jsonl -o " + *dir_ + "/multi"));
    all_ = new testing::CommandOutput(RunCommand(testing::CrossclaimBin() +
                                                 " report --event-folders all " + *dir_ +
                                                 "/in.jsonl -o " + *dir_ + "/all"));
  }

  static json Index(const std::string& layout) {
    return json::parse(testing::ReadFile(*dir_ + "/" + layout + "/index.json"));
  }

  // The index entry of the event holding document `id`.
  static json EventOf(const json& index, const std::string& id) {
    for (const json& e : index["events"]) {
      for (const json& d : e["documents"]) {
        if (d == id) return e;
      }
    }
    ADD_FAILURE() << "no event holds " << id;
    return json::object();
  }

  static std::string* dir_;
  static testing::CommandOutput* multi_;
  static testing::CommandOutput* all_;
};

std::string* ReportFeed::dir_ = nullptr;
testing::CommandOutput* ReportFeed::multi_ = nullptr;
testing::CommandOutput* ReportFeed::all_ = nullptr;

TEST_F(ReportFeed, OneArticleEventsGetNoFolderButAreInTheIndex) {
  ASSERT_EQ(multi_->exit_code, 0) << multi_->err;
  const json index = Index("multi");
  EXPECT_EQ(index["event_folders"], "multi");
  ASSERT_EQ(index["events"].size(), 4u) << index.dump(1);
  const json fire = EventOf(index, "a_wire");
  EXPECT_EQ(fire["documents"], json({"b_daily", "a_wire", "c_herald"}));
  EXPECT_EQ(fire["folder"], fire["event"]);
  EXPECT_EQ(fire["outlets"], json({"Daily Paper", "Wire Agency", "Herald"}));
  EXPECT_EQ(fire["published"], "2024-03-05");
  const std::string folder = *dir_ + "/multi/" + fire["folder"].get<std::string>();
  EXPECT_EQ(json::parse(testing::ReadFile(folder + "/report.json"))["documents"].size(), 3u);
  const std::map<std::string, std::pair<std::string, json>> expected = {
      {"lone_chess", {"Board Weekly", "2024-05-17"}},
      {"lone_orchard", {"Valley Courier", "2023-09-02"}},
      {"lone_library", {"Corner Post", nullptr}}};
  for (const auto& [id, outlet_date] : expected) {
    const json event = EventOf(index, id);
    EXPECT_EQ(event["documents"], json({id}));
    EXPECT_TRUE(event["folder"].is_null()) << event.dump();
    EXPECT_EQ(event["outlets"], json({outlet_date.first}));
    EXPECT_EQ(event["published"], outlet_date.second);
    EXPECT_GT(event["claims"].get<int>(), 0);
    EXPECT_FALSE(std::filesystem::exists(*dir_ + "/multi/" + event["event"].get<std::string>()));
  }
  size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*dir_ + "/multi")) {
    entries += entry.is_directory() ? 1 : 0;
  }
  EXPECT_EQ(entries, 1u) << "one folder: the fire's";
  EXPECT_NE(multi_->err.find("4 events (1 of several articles, in 1 folder; 3 of one article"),
            std::string::npos)
      << multi_->err;
}

TEST_F(ReportFeed, AllKeepsAFolderForEveryEvent) {
  ASSERT_EQ(all_->exit_code, 0) << all_->err;
  const json index = Index("all");
  EXPECT_EQ(index["event_folders"], "all");
  ASSERT_EQ(index["events"].size(), 4u);
  for (const json& event : index["events"]) {
    ASSERT_TRUE(event["folder"].is_string()) << event.dump();
    const std::string folder = *dir_ + "/all/" + event["folder"].get<std::string>();
    json report = json::parse(testing::ReadFile(folder + "/report.json"));
    EXPECT_EQ(report["documents"].size(), event["documents"].size());
    for (const char* name : {"report.html", "report.md"})
      EXPECT_TRUE(std::filesystem::exists(folder + "/" + name)) << folder << "/" << name;
    // The claim graph only on request (--graphs).
    EXPECT_FALSE(std::filesystem::exists(folder + "/claims.graphml")) << folder;
    EXPECT_FALSE(report.contains("edges")) << folder;
  }
  // The same events either way: only the folders differ.
  const json multi = Index("multi");
  for (size_t e = 0; e < index["events"].size(); ++e)
    EXPECT_EQ(index["events"][e]["documents"], multi["events"][e]["documents"]);
  EXPECT_NE(all_->err.find("4 events, one folder each"), std::string::npos) << all_->err;
  EXPECT_EQ(testing::ReadFile(*dir_ + "/all/index.html").find("One-article events"),
            std::string::npos);
}

TEST_F(ReportFeed, BadEventFoldersIsAUsageError) {
  testing::CommandOutput run =
      RunCommand(testing::CrossclaimBin() + " report --event-folders some " + *dir_ +
                 "/in.jsonl -o " + *dir_ + "/bad");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_FALSE(std::filesystem::exists(*dir_ + "/bad"));
}

// index.html in a real browser: the fire in the first table, linked to its report; the three
// one-article events in the second, each with its document, outlet and date.
TEST_F(ReportFeed, IndexHtmlListsOneArticleEventsInHeadlessChromium) {
  if (RunCommand("command -v chromium").exit_code != 0) {
    GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh --test)";
  }
  ASSERT_EQ(multi_->exit_code, 0) << multi_->err;
  testing::CommandOutput dom =
      RunCommand(ChromiumCommand() + " --dump-dom file://" + *dir_ + "/multi/index.html");
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  const std::string& html = dom.out;
  const std::string fire = EventOf(Index("multi"), "a_wire")["event"];
  EXPECT_NE(html.find("<h1>4 events</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"" + fire + "/report.html\">" + fire + "</a>"), std::string::npos);
  const size_t second = html.find("<h2>One-article events (3)</h2>");
  ASSERT_NE(second, std::string::npos) << html;
  EXPECT_EQ(html.find("/report.html", second), std::string::npos) << "no link without a folder";
  for (const char* row : {"<td>lone_chess</td><td>Board Weekly</td><td>2024-05-17</td>",
                          "<td>lone_orchard</td><td>Valley Courier</td><td>2023-09-02</td>",
                          "<td>lone_library</td><td>Corner Post</td><td>unknown</td>"}) {
    EXPECT_NE(html.find(row, second), std::string::npos) << row;
  }
  size_t rows = 0;
  for (size_t at = html.find("<tr><td>", second); at != std::string::npos;
       at = html.find("<tr><td>", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, 3u);
}

}  // namespace
}  // namespace crossclaim
