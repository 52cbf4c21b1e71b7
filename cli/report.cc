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
#include "cluster/events.h"
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
  bool one_event = false;
  EventOptions events;
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
  const std::pair<const char*, std::string> files[] = {{"report.json", report.dump(2) + "\n"},
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

// The documents of one event as a corpus of their own (records of used documents only:
// skipped inputs are listed in the index, where they belong to no event).
// `record_of[d]`: the index in corpus.records of document d's record.
Corpus SubCorpus(const Corpus& corpus, const std::vector<size_t>& record_of,
                 const std::vector<int32_t>& documents) {
  Corpus sub;
  for (int32_t d : documents) {
    InputRecord record = corpus.records[record_of[static_cast<size_t>(d)]];
    record.document = static_cast<int>(sub.documents.size());
    sub.records.push_back(std::move(record));
    sub.documents.push_back(corpus.documents[static_cast<size_t>(d)]);
  }
  return sub;
}

Result<nlohmann::json> AnalyzeAndWrite(const Corpus& corpus, const AnalysisOptions& options,
                                       const std::string& event_id, const fs::path& dir) {
  ClaimSet claims = ExtractCorpusClaims(corpus, BoilerplateOptions(), ClaimOptions());
  Result<EventAnalysis> event = AnalyzeEvent(corpus, claims, options);
  if (!event.ok()) return event.status();
  ReportInputs inputs{corpus, claims, *event, options, event_id, "", ""};
  nlohmann::json report = BuildReportJson(inputs);
  Status written = WriteReportFiles(report, dir);
  if (!written.ok()) return written;
  return report;
}

// index.json / index.html for a feed of several events.
Status WriteIndex(const Corpus& corpus, const std::vector<nlohmann::json>& reports,
                  const fs::path& dir) {
  nlohmann::json index = {{"schema", "crossclaim.index/1"}, {"generated_at", UtcNow()}};
  nlohmann::json events = nlohmann::json::array();
  for (const nlohmann::json& report : reports) {
    size_t divergences = 0;
    for (const nlohmann::json& c : report["clusters"]) divergences += c["divergences"].size();
    nlohmann::json docs = nlohmann::json::array();
    for (const nlohmann::json& d : report["documents"]) docs.push_back(d["id"]);
    events.push_back({{"event", report["event"]["id"]},
                      {"title", report["event"]["title"]},
                      {"folder", report["event"]["id"]},
                      {"documents", docs},
                      {"claims", report["stats"]["claims"]},
                      {"clusters_by_label", report["stats"]["clusters_by_label"]},
                      {"divergences", divergences}});
  }
  nlohmann::json skipped = nlohmann::json::array();
  for (const InputRecord& r : corpus.records) {
    if (r.status == InputStatus::kSkipped) skipped.push_back({{"id", r.id}, {"reason", r.reason}});
  }
  index["events"] = events;
  index["skipped"] = skipped;
  Status s = WriteText(dir / "index.json", index.dump(2) + "\n");
  if (!s.ok()) return s;
  return WriteText(dir / "index.html", RenderIndexHtml(index));
}

int RunReport(const ReportFlags& flags) {
  Result<AnalysisOptions> options = flags.analysis.ToOptions();
  if (!options.ok()) return Fail(options.status());
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  if (corpus->documents.empty()) {
    return Fail(DataLoss("no usable document in the input (every one was skipped; see above)"));
  }
  std::vector<NewsEvent> events;
  if (!flags.one_event) {
    ClaimSet all_claims = ExtractCorpusClaims(*corpus, BoilerplateOptions(), ClaimOptions());
    Result<std::vector<NewsEvent>> found = ClusterEvents(*corpus, all_claims, flags.events);
    if (!found.ok()) return Fail(found.status());
    events = std::move(*found);
  }
  fs::path dir = flags.output_dir;
  if (events.size() <= 1) {
    Result<nlohmann::json> report = AnalyzeAndWrite(*corpus, *options, "event-1", dir);
    if (!report.ok()) return Fail(report.status());
    std::cout << (flags.format == "json" ? report->dump(2) + "\n"
                                         : RenderSummary(*report, flags.top_divergences));
    std::cerr << fmt::format(
        "crossclaim: report written to {}/ (report.json, report.html, report.md, "
        "claims.graphml, claims.dot)\n",
        fs::absolute(dir).lexically_normal().string());
    return kExitOk;
  }
  std::vector<size_t> record_of(corpus->documents.size());
  for (size_t r = 0; r < corpus->records.size(); ++r) {
    if (corpus->records[r].status == InputStatus::kUsed) {
      record_of[static_cast<size_t>(corpus->records[r].document)] = r;
    }
  }
  std::vector<nlohmann::json> reports;
  for (const NewsEvent& event : events) {
    std::string id = fmt::format("event-{}", event.id + 1);
    Result<nlohmann::json> report =
        AnalyzeAndWrite(SubCorpus(*corpus, record_of, event.documents), *options, id, dir / id);
    if (!report.ok()) return Fail(report.status());
    if (flags.format == "text")
      std::cout << "== " << id << "\n" << RenderSummary(*report, flags.top_divergences);
    reports.push_back(std::move(*report));
  }
  Status index = WriteIndex(*corpus, reports, dir);
  if (!index.ok()) return Fail(index);
  if (flags.format == "json") std::cout << nlohmann::json(reports).dump(2) << "\n";
  std::cerr << fmt::format(
      "crossclaim: {} events; index written to {}/index.html, one folder per event\n",
      events.size(), fs::absolute(dir).lexically_normal().string());
  return kExitOk;
}

const CommandRegistration kReport{
    "report",
    "Run the whole pipeline and write the report files (one folder per event for a mixed feed)", 1,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<ReportFlags>();
      AddInputFlags(app, &flags->input);
      AddAnalysisFlags(app, &flags->analysis);
      app.add_option("-o,--output", flags->output_dir, "Folder for the report files")
          ->capture_default_str();
      app.add_option("--format", flags->format, "What to print: a summary, or report.json")
          ->check(CLI::IsMember({"text", "json"}))
          ->capture_default_str();
      app.add_flag("--one-event", flags->one_event,
                   "Treat the input as one event (no event clustering)");
      app.add_option("--event-threshold", flags->events.event_threshold,
                     "Average-link similarity for documents to form one event")
          ->capture_default_str();
      app.add_option("--top-divergences", flags->top_divergences, "Divergences in the summary")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      return [flags] { return RunReport(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
