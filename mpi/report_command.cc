// `crossclaim-mpi report`: `crossclaim report` over MPI ranks. For a feed of several events
// (rank 0 clusters them), the events are handed to the ranks, each runs the single-process
// analysis of its own events, and rank 0 gathers the reports and writes the files
// (mpi/distributed_reports.h). For one event (or --one-event), the copy detection and the
// claims' document frequencies are computed over the ranks, and rank 0 runs the claim
// analysis (edges, clustering, divergences) and writes the files.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/analysis_flags.h"
#include "cluster/event_analysis.h"
#include "cluster/events.h"
#include "core/claims.h"
#include "core/json_text.h"
#include "mpi/commands.h"
#include "mpi/distributed_dedup.h"
#include "mpi/distributed_reports.h"
#include "mpi/distributed_tfidf.h"
#include "mpi/sharded_input.h"
#include "report/render.h"
#include "report/report_files.h"
#include "report/report_json.h"

namespace crossclaim::mpi {
namespace {
namespace fs = std::filesystem;

// The flags of `crossclaim report` (cli/report.cc), with the same names and defaults.
struct ReportFlags {
  cli::InputFlags input;
  cli::AnalysisFlags analysis;
  std::string output_dir = "crossclaim-report";
  std::string format = "text";
  int top_divergences = 5;
  bool one_event = false;
  EventOptions events;
  std::string event_folders = "multi";
  ReportFileOptions files;
  bool full_output = false;
  bool stats = false;

  ReportFileOptions FileOptions() const { return full_output ? ReportFileOptions::Full() : files; }
};

void AddFlags(CLI::App& app, ReportFlags* flags) {
  cli::AddInputFlags(app, &flags->input);
  cli::AddAnalysisFlags(app, &flags->analysis);
  app.add_option("-o,--output", flags->output_dir, "Folder for the report files")
      ->capture_default_str();
  app.add_option("--format", flags->format, "What to print: a summary, or report.json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_flag("--one-event", flags->one_event, "Treat the input as one event");
  app.add_option("--event-threshold", flags->events.event_threshold,
                 "Average-link similarity for documents to form one event")
      ->capture_default_str();
  app.add_option("--top-divergences", flags->top_divergences, "Divergences in the summary")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--event-folders", flags->event_folders,
                 "For a feed: a folder for each event of several articles (one-article events "
                 "are listed in the index), or for every event")
      ->check(CLI::IsMember({"multi", "all"}))
      ->capture_default_str();
  app.add_flag("--graphs", flags->files.graphs,
               "Also write the claim graph: claims.graphml, claims.dot and report.json's edges");
  app.add_flag("--pretty-json", flags->files.pretty_json,
               "Indent report.json and index.json (default: one line each)");
  app.add_flag("--full-output", flags->full_output,
               "Write every file and field as before the lean default: --graphs --pretty-json");
  app.add_flag("--stats", flags->stats,
               "Print seconds and bytes sent per stage (all ranks) to stderr");
}

// The events' documents on every rank: rank 0 clusters (the whole corpus's claims), then
// broadcasts them as [count, then per event: size, documents...]. Empty: one event.
Result<std::vector<std::vector<int32_t>>> ShareEvents(Comm& comm, const Corpus& corpus,
                                                      const ReportFlags& flags) {
  comm.BeginStage("events");
  std::vector<int32_t> flat;
  Status status;
  if (comm.root() && !flags.one_event) {
    ClaimSet claims = ExtractCorpusClaims(corpus, BoilerplateOptions(), ClaimOptions());
    Result<std::vector<NewsEvent>> found = ClusterEvents(corpus, claims, flags.events);
    if (found.ok() && found->size() > 1) {
      flat.push_back(static_cast<int32_t>(found->size()));
      for (const NewsEvent& e : *found) {
        flat.push_back(static_cast<int32_t>(e.documents.size()));
        flat.insert(flat.end(), e.documents.begin(), e.documents.end());
      }
    }
    if (!found.ok()) status = found.status();
  }
  if (Status agreed = comm.Agree(status); !agreed.ok()) return agreed;
  comm.Broadcast(&flat);
  std::vector<std::vector<int32_t>> events(flat.empty() ? 0 : static_cast<size_t>(flat[0]));
  for (size_t e = 0, at = 1; e < events.size(); ++e) {
    const size_t size = static_cast<size_t>(flat[at++]);
    events[e].assign(flat.begin() + static_cast<ptrdiff_t>(at),
                     flat.begin() + static_cast<ptrdiff_t>(at + size));
    at += size;
  }
  return events;
}

// One event, collectively: copies and frequencies over the ranks, then the analysis and the
// files on rank 0, which returns the report (other ranks return an empty object).
Result<nlohmann::json> AnalyzeEvent(Comm& comm, const Corpus& corpus,
                                    const AnalysisOptions& options, const std::string& event_id,
                                    const fs::path& dir, const ReportFileOptions& files) {
  Result<DedupResult> copies = DistributedFindCopies(comm, corpus.documents, options.dedup);
  if (!copies.ok()) return copies.status();
  Result<DocumentFrequencies> frequencies = DocumentFrequencies();
  if (options.background_idf.empty()) {  // a background idf replaces the event's counts
    frequencies = DistributedClaimFrequencies(comm, corpus, options.tfidf);
    if (!frequencies.ok()) return frequencies.status();
  }
  if (!comm.root()) return nlohmann::json::object();
  comm.BeginStage("analysis");
  Result<nlohmann::json> report =
      BuildEventReport(corpus, options, event_id, {&*copies, &*frequencies});
  if (!report.ok()) return report;
  if (Status written = WriteReportFiles(*report, dir, files); !written.ok()) return written;
  return report;
}

// Rank 0, for a feed of several events: writes the events' folders and the index, and prints
// what `crossclaim report` prints, in event order.
Status WriteEvents(const Corpus& corpus, const std::vector<nlohmann::json>& reports,
                   const ReportFlags& flags) {
  const fs::path dir = flags.output_dir;
  const EventFolders folders = *EventFoldersFromName(flags.event_folders);
  nlohmann::json entries = nlohmann::json::array();
  for (const nlohmann::json& report : reports) {
    if (Status written = WriteEventFolder(report, folders, dir, flags.FileOptions()); !written.ok())
      return written;
    entries.push_back(IndexEntry(report, folders));
    if (flags.format == "text") {
      std::cout << "== " << report["event"]["id"].get<std::string>() << "\n"
                << RenderSummary(report, flags.top_divergences);
    }
  }
  if (Status index = WriteIndex(corpus, entries, dir, folders, flags.FileOptions()); !index.ok())
    return index;
  if (flags.format == "json") std::cout << DumpJson(nlohmann::json(reports), 2) << "\n";
  std::cerr << "crossclaim-mpi: " << FeedWrittenMessage(entries, dir) << "\n";
  return Status::Ok();
}

// The collective part; returns this rank's status. Prints what `crossclaim report` prints.
Status Report(Comm& comm, const ReportFlags& flags) {
  Result<AnalysisOptions> options = flags.analysis.ToOptions();
  if (!options.ok()) return options.status();  // alike on every rank
  Result<Corpus> corpus = LoadInputsOnEveryRank(comm, flags.input);
  if (!corpus.ok()) return corpus.status();
  if (corpus->documents.empty()) {
    return DataLoss("no usable document in the input (every one was skipped; see above)");
  }
  Result<std::vector<std::vector<int32_t>>> events = ShareEvents(comm, *corpus, flags);
  if (!events.ok()) return events.status();
  const fs::path dir = flags.output_dir;
  if (events->empty()) {
    Result<nlohmann::json> report =
        AnalyzeEvent(comm, *corpus, *options, "event-1", dir, flags.FileOptions());
    if (Status agreed = comm.Agree(report.ok() ? Status::Ok() : report.status()); !agreed.ok())
      return agreed;
    if (!comm.root()) return Status::Ok();
    std::cout << (flags.format == "json" ? DumpJson(*report, 2) + "\n"
                                         : RenderSummary(*report, flags.top_divergences));
    std::cerr << fmt::format("crossclaim-mpi: report written to {}/ ({})\n",
                             fs::absolute(dir).lexically_normal().string(),
                             fmt::join(ReportFileNames(flags.FileOptions()), ", "));
    return Status::Ok();
  }
  Result<std::vector<nlohmann::json>> reports =
      DistributedEventReports(comm, *corpus, *events, *options);
  if (!reports.ok()) return reports.status();  // alike on every rank
  comm.BeginStage("write");  // on every rank, so the others' wait is not counted as gather
  if (!comm.root()) return Status::Ok();
  return WriteEvents(*corpus, *reports, flags);
}

}  // namespace

CommandRunner AddReportCommand(CLI::App& app) {
  auto flags = std::make_shared<ReportFlags>();
  AddFlags(app, flags.get());
  return [flags] {
    return RunCollective([&](Comm& comm) { return Report(comm, *flags); }, flags->stats);
  };
}

}  // namespace crossclaim::mpi
