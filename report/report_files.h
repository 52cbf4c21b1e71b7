// The files `crossclaim report` writes: one folder per event (report.json, report.html,
// report.md, claims.graphml, claims.dot) and, for a feed of several events, index.json and
// index.html beside the event folders. Shared by `crossclaim report` and
// `crossclaim-mpi report`, which must write the same bytes.
//
// Example:
//   nlohmann::json report = BuildReportJson(inputs);
//   Status written = WriteReportFiles(report, "out/demo");
#ifndef CROSSCLAIM_REPORT_REPORT_FILES_H_
#define CROSSCLAIM_REPORT_REPORT_FILES_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/ingest.h"
#include "core/status.h"

namespace crossclaim {

// Writes `content` to `path`. Errors: DataLoss naming the path.
Status WriteTextFile(const std::filesystem::path& path, const std::string& content);

// Creates `dir` and writes the five files of one event's report into it.
// Errors: DataLoss naming the folder or file that cannot be written.
Status WriteReportFiles(const nlohmann::json& report, const std::filesystem::path& dir);

// index.json and index.html for a feed of several events: each event's folder, documents,
// claim and cluster counts, and the inputs that were skipped.
Status WriteIndex(const Corpus& corpus, const std::vector<nlohmann::json>& reports,
                  const std::filesystem::path& dir);

// The documents of one event as a corpus of their own (records of used documents only:
// skipped inputs are listed in the index, where they belong to no event).
// `record_of[d]`: the index in corpus.records of document d's record.
Corpus SubCorpus(const Corpus& corpus, const std::vector<size_t>& record_of,
                 const std::vector<int32_t>& documents);

// record_of for SubCorpus: the record of each used document.
std::vector<size_t> RecordOfDocuments(const Corpus& corpus);

}  // namespace crossclaim

#endif  // CROSSCLAIM_REPORT_REPORT_FILES_H_
