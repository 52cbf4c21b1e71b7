// The report files' lean default (report_files.h ReportFileOptions): report.json in schema /2
// (compact_report_test.cc) or, with full_json, /1 written member by member without `edges`, on
// one line or indented. The oracle is nlohmann's own dump of a copy of the report with `edges`
// erased; Full() must give the old bytes (DumpJson(report, 2)) and the five files.
#include "report/report_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/json_text.h"
#include "report/render.h"
#include "report/report_json.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using nlohmann::json;

// Nested objects and arrays, empty ones, a string with a newline escape and invalid UTF-8.
json SampleReport() {
  json report = json::parse(R"({"schema": "crossclaim.report/1", "claims": [{"id": 0,
    "text": "a\nb", "numbers": [], "names": ["x", "y"]}], "edges": [{"a": 0, "b": 1,
    "terms": [["w", 0.5]]}], "stats": {"edges": 1, "timings": {}}, "zeta": [[1, [2, {}]], []]})");
  report["bytes"] = std::string("bad \xFF\xFE byte");
  return report;
}

json WithoutEdges(json report) {
  report.erase("edges");
  return report;
}

TEST(ReportJsonText, LeanIsOneLineWithoutEdges) {
  const json report = SampleReport();
  EXPECT_EQ(ReportJsonText(report, {.full_json = true}), DumpJson(WithoutEdges(report)) + "\n");
}

TEST(ReportJsonText, PrettyWithoutEdgesIsIndentedAsNlohmannIndents) {
  const json report = SampleReport();
  EXPECT_EQ(ReportJsonText(report, {.pretty_json = true, .full_json = true}),
            DumpJson(WithoutEdges(report), 2) + "\n");
}

TEST(ReportJsonText, FullKeepsEdgesAndTheOldBytes) {
  const json report = SampleReport();
  EXPECT_EQ(ReportJsonText(report, ReportFileOptions::Full()), DumpJson(report, 2) + "\n");
  EXPECT_EQ(ReportJsonText(report, {.graphs = true, .full_json = true}), DumpJson(report) + "\n");
}

TEST(ReportJsonText, ReportWithoutEdgesIsWrittenWhole) {
  const json report = WithoutEdges(SampleReport());
  EXPECT_EQ(ReportJsonText(report, {.full_json = true}), DumpJson(report) + "\n");
}

Corpus TwoArticles() {
  Corpus corpus;
  const char* texts[] = {
      "The mayor of Springfield said on Monday that 40 buses will be replaced by 2027.",
      "Springfield's mayor announced on Monday that 45 buses would be replaced by 2027."};
  for (int d = 0; d < 2; ++d) {
    Document doc;
    doc.id = "doc-" + std::to_string(d);
    doc.outlet = "outlet-" + std::to_string(d);
    doc.text = texts[d];
    InputRecord record;
    record.id = doc.id;
    record.document = d;
    corpus.records.push_back(record);
    corpus.documents.push_back(doc);
  }
  return corpus;
}

std::set<std::string> FilesIn(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.insert(entry.path().filename().string());
  return names;
}

TEST(WriteReportFiles, DefaultWritesThePagesAndFullAddsTheGraph) {
  Result<json> report = BuildEventReport(TwoArticles(), AnalysisOptions(), "event-1");
  ASSERT_TRUE(report.ok()) << report.status().message();
  const std::filesystem::path dir = testing::ScratchDir("report-files");
  ASSERT_TRUE(WriteReportFiles(*report, dir / "lean").ok());
  ASSERT_TRUE(WriteReportFiles(*report, dir / "full", ReportFileOptions::Full()).ok());
  const std::set<std::string> lean = FilesIn(dir / "lean"), full = FilesIn(dir / "full");
  EXPECT_EQ(lean, std::set<std::string>({"report.json", "report.html", "report.md"}));
  EXPECT_EQ(full, std::set<std::string>(
                      {"report.json", "report.html", "report.md", "claims.graphml", "claims.dot"}));
  // The pages: lean by default, the earlier ones (a card per one-document fact) with Full().
  EXPECT_EQ(testing::ReadFile((dir / "lean/report.html").string()), RenderHtml(*report));
  EXPECT_EQ(testing::ReadFile((dir / "lean/report.md").string()), RenderMarkdown(*report));
  EXPECT_EQ(testing::ReadFile((dir / "full/report.html").string()),
            RenderHtml(*report, PageDetail::kFull));
  EXPECT_EQ(testing::ReadFile((dir / "full/report.md").string()),
            RenderMarkdown(*report, PageDetail::kFull));
  EXPECT_EQ(json::parse(testing::ReadFile((dir / "lean/report.json").string())),
            CompactReportJson(*report, false));
  EXPECT_EQ(testing::ReadFile((dir / "full/report.json").string()), DumpJson(*report, 2) + "\n");
}

}  // namespace
}  // namespace crossclaim
