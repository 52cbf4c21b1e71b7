// The files `crossclaim report` writes: one folder per event (report.json, report.html,
// report.md; claims.graphml and claims.dot on request, ReportFileOptions) and, for a feed of
// several events, index.json and index.html beside the event folders. By default only an event of
// several articles gets a folder: a one-article event has nothing to compare, and a day's feed has
// thousands of them, so the index lists them instead (EventFolders::kAll keeps a folder for every
// event). Shared by `crossclaim report` and `crossclaim-mpi report`, which must write the same
// bytes.
//
// Example:
//   nlohmann::json report = BuildReportJson(inputs);
//   Status written = WriteReportFiles(report, "out/demo");
#ifndef CROSSCLAIM_REPORT_REPORT_FILES_H_
#define CROSSCLAIM_REPORT_REPORT_FILES_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ingest.h"
#include "core/status.h"

namespace crossclaim {

// Writes `content` to `path`. Errors: DataLoss naming the path.
Status WriteTextFile(const std::filesystem::path& path, const std::string& content);

// What the report files hold beyond the default. The defaults keep a feed's output in
// proportion to its input: the claim graph (every edge between two claims, with its terms)
// is most of a report's bytes and is read by graph tools only, and indentation doubles
// report.json. `Full()` writes what `crossclaim report` wrote before these options.
struct ReportFileOptions {
  bool graphs = false;       // claims.graphml, claims.dot and report.json's `edges`
  bool pretty_json = false;  // report.json and index.json indented by two spaces, not one line
  bool full_pages = false;   // report.html/md: a card and a matrix row per one-document fact
  bool full_json = false;    // report.json in schema crossclaim.report/1, not the compact /2

  static ReportFileOptions Full() {
    return {.graphs = true, .pretty_json = true, .full_pages = true, .full_json = true};
  }
};

// report.json's text: `report` as one line (indented with options.pretty_json), without
// `edges` unless options.graphs, as CompactReportJson gives it unless options.full_json; ends
// with a newline.
std::string ReportJsonText(const nlohmann::json& report, const ReportFileOptions& options);

// The names of the files WriteReportFiles writes with `options`, in writing order.
std::vector<std::string> ReportFileNames(const ReportFileOptions& options);

// Creates `dir` and writes one event's report files into it (ReportFileNames).
// Errors: DataLoss naming the folder or file that cannot be written.
Status WriteReportFiles(const nlohmann::json& report, const std::filesystem::path& dir,
                        const ReportFileOptions& options = {});

// Which events of a feed get a folder of their own: those of several articles, or all.
enum class EventFolders { kMulti, kAll };

// The names of `--event-folders`: "multi", "all".
std::string_view EventFoldersName(EventFolders mode);

// kMulti or kAll from their name; nullopt for any other text.
std::optional<EventFolders> EventFoldersFromName(std::string_view name);

// The folder of an event's report, relative to the output folder (its event id), or nullopt
// when `mode` gives it none (kMulti and a report of one used document).
std::optional<std::string> EventFolder(const nlohmann::json& report, EventFolders mode);

// WriteReportFiles into dir / EventFolder(report, mode) when the event gets a folder; else
// nothing.
Status WriteEventFolder(const nlohmann::json& report, EventFolders mode,
                        const std::filesystem::path& dir, const ReportFileOptions& options = {});

// One event's entry of index.json: what the index keeps of its report. A feed keeps these
// instead of the reports: a report held as JSON is hundreds of times its entry.
nlohmann::json IndexEntry(const nlohmann::json& report, EventFolders mode);

// index.json and index.html for a feed of several events from their IndexEntry values (a JSON
// array, in event order): each event's folder (or null), documents, outlets, claim and cluster
// counts, and the inputs that were skipped; index.html lists the events without a folder in a
// table of their own.
Status WriteIndex(const Corpus& corpus, nlohmann::json entries, const std::filesystem::path& dir,
                  EventFolders mode, const ReportFileOptions& options = {});

// What was written for a feed, from its IndexEntry values, for stderr after the program's name:
// the events (grammatical for 1 and N), which got a folder, and where the index is. No
// trailing newline.
std::string FeedWrittenMessage(const nlohmann::json& entries, const std::filesystem::path& dir);

// The documents of one event as a corpus of their own (records of used documents only:
// skipped inputs are listed in the index, where they belong to no event).
// `record_of[d]`: the index in corpus.records of document d's record.
Corpus SubCorpus(const Corpus& corpus, const std::vector<size_t>& record_of,
                 const std::vector<int32_t>& documents);

// record_of for SubCorpus: the record of each used document.
std::vector<size_t> RecordOfDocuments(const Corpus& corpus);

}  // namespace crossclaim

#endif  // CROSSCLAIM_REPORT_REPORT_FILES_H_
