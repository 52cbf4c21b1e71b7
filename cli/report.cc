// `crossclaim report`: the whole pipeline over one event's articles, written as report.json,
// report.html, report.md and, with --graphs, the claim graph (claims.graphml, claims.dot).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "cli/analysis_flags.h"
#include "cli/command.h"
#include "cli/input.h"
#include "cluster/event_analysis.h"
#include "cluster/events.h"
#include "core/claims.h"
#include "core/json_text.h"
#include "core/text.h"
#include "core/utf8.h"
#include "index/store.h"
#include "report/graph_export.h"
#include "report/render.h"
#include "report/report_files.h"
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
  std::string index_dir;     // read the articles from a `crossclaim index` instead of INPUT
  std::string event_query;   // keep only the events whose articles contain these words
  std::string since, until;  // the index's window, YYYY-MM-DD
  std::string event_folders = "multi";  // which events of a feed get a folder
  ReportFileOptions files;
  bool full_output = false;  // --full-output: every file and field, JSON indented
};

ReportFileOptions FileOptions(const ReportFlags& flags) {
  return flags.full_output ? ReportFileOptions::Full() : flags.files;
}

Result<nlohmann::json> AnalyzeAndWrite(const Corpus& corpus, const AnalysisOptions& options,
                                       const std::string& event_id, const fs::path& dir,
                                       const ReportFileOptions& files) {
  Result<nlohmann::json> report = BuildEventReport(corpus, options, event_id);
  if (!report.ok()) return report;
  if (Status written = WriteReportFiles(*report, dir, files); !written.ok()) return written;
  return report;
}

Result<std::optional<Date>> ParseWindowDate(const std::string& text, const char* flag) {
  if (text.empty()) return std::optional<Date>();
  std::optional<Date> date = Date::ParseIso(text);
  if (!date) {
    return InvalidArgument(
        fmt::format("report: {} must be a date YYYY-MM-DD, got '{}'", flag, QuoteInput(text)));
  }
  return date;
}

// The index's documents in the window, as a corpus in the order they were added.
Result<Corpus> LoadFromIndex(const ReportFlags& flags) {
  Result<std::optional<Date>> since = ParseWindowDate(flags.since, "--since");
  if (!since.ok()) return since.status();
  Result<std::optional<Date>> until = ParseWindowDate(flags.until, "--until");
  if (!until.ok()) return until.status();
  Result<IndexStore> index = IndexStore::Create({.dir = flags.index_dir});
  if (!index.ok()) return index.status();
  std::vector<std::string> locations;
  Result<std::vector<Document>> documents = index->Documents({*since, *until}, &locations);
  if (!documents.ok()) return documents.status();
  Corpus corpus;
  corpus.documents = std::move(*documents);
  for (size_t d = 0; d < corpus.documents.size(); ++d) {
    InputRecord record;
    record.id = corpus.documents[d].id;
    // Where the article was read when it was indexed; else where it is now.
    record.location =
        locations[d].empty() ? fmt::format("{}#{}", flags.index_dir, record.id) : locations[d];
    record.document = static_cast<int>(d);
    corpus.records.push_back(std::move(record));
  }
  return corpus;
}

std::set<std::string> NormalizedWords(std::string_view text) {
  TokenizedText tokens;
  Tokenize(text, &tokens);
  std::set<std::string> words;
  for (size_t i = 0; i < tokens.size(); ++i) words.emplace(tokens.norm(i));
  return words;
}

// True if some document of the event holds every query word in its title or text.
bool EventMatches(const Corpus& corpus, const NewsEvent& event,
                  const std::set<std::string>& query) {
  for (int32_t d : event.documents) {
    const Document& doc = corpus.documents[static_cast<size_t>(d)];
    std::set<std::string> words = NormalizedWords(doc.title + "\n" + doc.text);
    if (std::includes(words.begin(), words.end(), query.begin(), query.end())) return true;
  }
  return false;
}

// The events matching `--event`; an error naming the events there are when none does.
Result<std::vector<NewsEvent>> SelectEvents(const Corpus& corpus, std::vector<NewsEvent> events,
                                            const std::string& query_text) {
  std::set<std::string> query = NormalizedWords(query_text);
  if (query.empty()) return InvalidArgument("report: --event has no words to match");
  std::vector<NewsEvent> kept;
  std::string titles;
  for (NewsEvent& event : events) {
    titles += fmt::format("\n  event-{}: {}", event.id + 1, QuoteInput(event.title));
    if (EventMatches(corpus, event, query)) kept.push_back(std::move(event));
  }
  if (kept.empty()) {
    return NotFound(
        fmt::format("report: no event has an article containing every word of '{}'; "
                    "the events are:{}",
                    QuoteInput(query_text), titles));
  }
  return kept;
}

// The input's events; with --one-event, none (the whole input is one) unless --event must
// check that one. `feed_claims`: the claims event clustering extracted, when it ran.
Result<std::vector<NewsEvent>> FindEvents(const ReportFlags& flags, const Corpus& corpus,
                                          std::optional<FeedClaims>* feed_claims) {
  std::vector<NewsEvent> events;
  if (flags.one_event && !flags.event_query.empty()) {
    NewsEvent all;
    all.title = corpus.documents.front().title;
    for (size_t d = 0; d < corpus.documents.size(); ++d)
      all.documents.push_back(static_cast<int32_t>(d));
    events.push_back(std::move(all));
  } else if (!flags.one_event) {
    ClaimSet all_claims = ExtractCorpusClaims(corpus, BoilerplateOptions(), ClaimOptions());
    Result<std::vector<NewsEvent>> found = ClusterEvents(corpus, all_claims, flags.events);
    if (!found.ok()) return found.status();
    events = std::move(*found);
    feed_claims->emplace(std::move(all_claims));
  }
  if (flags.event_query.empty()) return events;
  return SelectEvents(corpus, std::move(events), flags.event_query);
}

int RunReport(const ReportFlags& flags) {
  Result<AnalysisOptions> options = flags.analysis.ToOptions();
  if (!options.ok()) return Fail(options.status());
  Result<Corpus> corpus = flags.index_dir.empty() ? LoadInputs(flags.input) : LoadFromIndex(flags);
  if (!corpus.ok()) return Fail(corpus.status());
  if (corpus->documents.empty()) {
    return Fail(DataLoss(flags.index_dir.empty()
                             ? "no usable document in the input (every one was skipped; see above)"
                             : "no document in the index's window"));
  }
  std::optional<FeedClaims> feed_claims;
  Result<std::vector<NewsEvent>> found = FindEvents(flags, *corpus, &feed_claims);
  if (!found.ok()) return Fail(found.status());
  const std::vector<NewsEvent>& events = *found;
  const std::vector<size_t> record_of = RecordOfDocuments(*corpus);
  fs::path dir = flags.output_dir;
  if (events.size() <= 1) {
    // A selected event is reported alone; otherwise the whole input is the one event.
    const Corpus single = flags.event_query.empty()
                              ? *corpus
                              : SubCorpus(*corpus, record_of, events.front().documents);
    Result<nlohmann::json> report =
        AnalyzeAndWrite(single, *options, "event-1", dir, FileOptions(flags));
    if (!report.ok()) return Fail(report.status());
    std::cout << (flags.format == "json" ? DumpJson(*report, 2) + "\n"
                                         : RenderSummary(*report, flags.top_divergences));
    std::cerr << fmt::format("crossclaim: report written to {}/ ({})\n",
                             fs::absolute(dir).lexically_normal().string(),
                             fmt::join(ReportFileNames(FileOptions(flags)), ", "));
    return kExitOk;
  }
  const EventFolders folders = *EventFoldersFromName(flags.event_folders);
  // Only each event's index entry is kept (a feed's reports held as JSON would take gigabytes),
  // unless --format json prints them all.
  nlohmann::json entries = nlohmann::json::array();
  std::vector<nlohmann::json> reports;
  for (const NewsEvent& event : events) {
    std::string id = fmt::format("event-{}", event.id + 1);
    const Corpus event_corpus = SubCorpus(*corpus, record_of, event.documents);
    const ClaimSet claims =
        feed_claims ? feed_claims->EventClaims(event_corpus, event.documents)
                    : ExtractCorpusClaims(event_corpus, BoilerplateOptions(), ClaimOptions());
    Result<nlohmann::json> report = BuildEventReport(event_corpus, claims, *options, id);
    if (!report.ok()) return Fail(report.status());
    if (Status written = WriteEventFolder(*report, folders, dir, FileOptions(flags)); !written.ok())
      return Fail(written);
    if (flags.format == "text")
      std::cout << "== " << id << "\n" << RenderSummary(*report, flags.top_divergences);
    entries.push_back(IndexEntry(*report, folders));
    if (flags.format == "json") reports.push_back(std::move(*report));
  }
  Status index = WriteIndex(*corpus, entries, dir, folders, FileOptions(flags));
  if (!index.ok()) return Fail(index);
  if (flags.format == "json") std::cout << DumpJson(nlohmann::json(reports), 2) << "\n";
  std::cerr << "crossclaim: " << FeedWrittenMessage(entries, dir) << "\n";
  return kExitOk;
}

const CommandRegistration kReport{
    "report",
    "Run the whole pipeline and write the report files (a folder per event of several articles "
    "for a mixed feed)",
    1, [](CLI::App& app) -> CommandRunner {
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
      CLI::Option* index = app.add_option(
          "--index", flags->index_dir, "Report from a `crossclaim index` folder instead of INPUT");
      app.add_option("--event", flags->event_query,
                     "Only the events with an article containing all these words");
      app.add_option("--since", flags->since, "With --index: articles dated from YYYY-MM-DD")
          ->needs(index);
      app.add_option("--until", flags->until, "With --index: articles dated until YYYY-MM-DD")
          ->needs(index);
      app.add_option("--top-divergences", flags->top_divergences, "Divergences in the summary")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      app.add_option("--event-folders", flags->event_folders,
                     "For a feed: a folder for each event of several articles (one-article "
                     "events are listed in the index), or for every event")
          ->check(CLI::IsMember({"multi", "all"}))
          ->capture_default_str();
      app.add_flag("--graphs", flags->files.graphs,
                   "Also write the claim graph: claims.graphml, claims.dot and report.json's "
                   "edges (most of a report's bytes; off by default)");
      app.add_flag("--pretty-json", flags->files.pretty_json,
                   "Indent report.json and index.json (default: one line each)");
      app.add_flag("--full-output", flags->full_output,
                   "Write every file and field as before the lean default: --graphs "
                   "--pretty-json");
      return [flags] { return RunReport(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
