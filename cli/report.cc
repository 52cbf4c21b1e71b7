// `crossclaim report`: the whole pipeline over one event's articles, written as report.json,
// report.html, report.md and the claim graph (claims.graphml, claims.dot).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/analysis_flags.h"
#include "cli/command.h"
#include "cli/input.h"
#include "cluster/event_analysis.h"
#include "core/claims.h"
#include "report/graph_export.h"
#include "report/render.h"
#include "report/report_json.h"

namespace crossclaim::cli {
namespace {
namespace fs = std::filesystem;

struct ReportFlags {
  InputFlags input;
  AnalysisFlags analysis;
  std::string output_dir = "crossclaim-report";
  std::string format = "text";
  int top_divergences = 5;
};

Status WriteText(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  out.close();
  if (!out) return DataLoss(fmt::format("{}: cannot write file", path.string()));
  return Status::Ok();
}

Status WriteReportFiles(const nlohmann::json& report, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return DataLoss(fmt::format("{}: cannot create folder ({})", dir.string(), ec.message()));
  std::ostringstream graphml, dot;
  WriteGraphMl(report, graphml);
  WriteDot(report, dot);
  const std::pair<const char*, std::string> files[] = {
      {"report.json", report.dump(2) + "\n"},
      {"report.html", RenderHtml(report)},
      {"report.md", RenderMarkdown(report)},
      {"claims.graphml", graphml.str()},
      {"claims.dot", dot.str()}};
  for (const auto& [name, content] : files) {
    Status s = WriteText(dir / name, content);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

int RunReport(const ReportFlags& flags) {
  Result<AnalysisOptions> options = flags.analysis.ToOptions();
  if (!options.ok()) return Fail(options.status());
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  if (corpus->documents.empty()) {
    return Fail(DataLoss("no usable document in the input (every one was skipped; see above)"));
  }
  ClaimSet claims = ExtractCorpusClaims(*corpus, BoilerplateOptions(), ClaimOptions());
  Result<EventAnalysis> event = AnalyzeEvent(*corpus, claims, *options);
  if (!event.ok()) return Fail(event.status());
  ReportInputs inputs{*corpus, claims, *event, *options, "event-1", "", ""};
  nlohmann::json report = BuildReportJson(inputs);
  Status written = WriteReportFiles(report, flags.output_dir);
  if (!written.ok()) return Fail(written);
  if (flags.format == "json") {
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << RenderSummary(report, flags.top_divergences);
  }
  std::cerr << fmt::format("crossclaim: report written to {}/ (report.json, report.html, report.md, "
                           "claims.graphml, claims.dot)\n",
                           fs::absolute(flags.output_dir).lexically_normal().string());
  return kExitOk;
}

const CommandRegistration kReport{
    "report", "Run the whole pipeline over one event and write the report files", 1,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<ReportFlags>();
      AddInputFlags(app, &flags->input);
      AddAnalysisFlags(app, &flags->analysis);
      app.add_option("-o,--output", flags->output_dir, "Folder for the report files")
          ->capture_default_str();
      app.add_option("--format", flags->format, "What to print: a summary, or report.json")
          ->check(CLI::IsMember({"text", "json"}))
          ->capture_default_str();
      app.add_option("--top-divergences", flags->top_divergences, "Divergences in the summary")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      return [flags] { return RunReport(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
