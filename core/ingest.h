// Reading articles: JSON Lines, a folder of .txt/.json/.jsonl files, or a CSV manifest.
//
// Example:
//   Result<Corpus> corpus = ReadInputs({"datasets/events/2025-01-21-putin-xi-call"}, {});
//   for (const InputRecord& r : corpus->records) ... // every input: used or skipped, why
//
// Input formats (documented for users in docs/input.md):
//  * JSON Lines (`.jsonl`): one object per line with fields `id`, `outlet`, `url`,
//    `published` (ISO date, optionally with a time), `title`, `author`, `source`, `text`.
//    Only `text` is required, or instead `html`: a saved page, read as below; unknown
//    fields are ignored; a missing id becomes `<file stem>:<line>`.
//  * Pages (`.html`, `.htm`, `.xhtml`, optionally `.gz`), alone or in a folder: read by
//    core/page.h (article body, page metadata); the id is the file name without its
//    extensions. Explicit fields (JSON, manifest) win over the page's; metadata_source says
//    where each field came from.
//  * A folder: every `.txt` file is one document whose id is the file name without its
//    extension; `.json` files hold one object and `.jsonl` files many, as above. A
//    `manifest.csv` or `manifest.json` beside them adds outlet/url/published/title/author/
//    source by id.
//    A leading ` date YYYY-MM-DD` header line (as in the demo event) sets `published`
//    and is removed from the text.
//  * A CSV manifest (`.csv`): header row with `path` (relative to the manifest) and any of
//    `id`, `outlet`, `url`, `published`, `title`, `author`, `source`.
//
// Bad input never crashes and is never silently lost: a malformed line, empty text, a
// duplicate id, an unreadable file or an oversized document becomes an InputRecord with
// status kSkipped and a reason naming the file and line, quoting at most kMaxQuotedBytes
// of the input; invalid UTF-8 is repaired with U+FFFD and counted (in the text), and
// every string of a Document or InputRecord is valid UTF-8. ReadInputs fails only when an
// input path itself is unusable (missing, not a supported kind).
#ifndef CROSSCLAIM_CORE_INGEST_H_
#define CROSSCLAIM_CORE_INGEST_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "core/utf8.h"  // RepairUtf8

namespace crossclaim {

// How JSON records are parsed. Both give the same documents and skips; kReference exists so
// that tests can check that.
enum class JsonParser {
  kFast,       // simdjson for well-formed records, nlohmann for the rest (and its messages)
  kReference,  // nlohmann only
};

struct IngestOptions {
  // Documents with more text than this are skipped (not truncated: a truncated article
  // would yield claims the outlet never published). 0 means no limit.
  size_t max_document_bytes = 16u << 20;
  // Saved pages (.html, .html.gz, a JSON `html` field) larger than this, once decompressed,
  // are skipped. 0 means no limit.
  size_t max_page_bytes = 32u << 20;
  // False reads a page's whole visible text instead of its article (the baseline of
  // bench/extract_eval.sh).
  bool page_article_only = true;
  JsonParser json_parser = JsonParser::kFast;
  // False leaves duplicate ids to the caller: a reader of one part of the input (a rank of
  // a distributed run) cannot tell which occurrence came first.
  bool unique_ids = true;
};

enum class InputStatus { kUsed, kSkipped };

// Where a used document's JSON Lines record is in its file, so that it can be read again
// alone (ReadJsonLinesRecords): bytes [offset, offset + length) are line `line` (without
// its newline). length 0: skipped, not from a JSON Lines file, or not to be found again by
// its location (a file name that is not valid UTF-8).
struct RecordPlace {
  uint64_t offset = 0;
  uint64_t length = 0;
  size_t line = 0;

  bool operator==(const RecordPlace&) const = default;
};

// One input item in input order: a document that was read, or one that was skipped.
struct InputRecord {
  std::string id;        // the document's id, or the id it would have had
  std::string location;  // "path" or "path:line"
  InputStatus status = InputStatus::kUsed;
  std::string reason;                 // why skipped; empty when used
  size_t utf8_repairs = 0;            // invalid UTF-8 sequences replaced with U+FFFD
  std::vector<std::string> warnings;  // e.g. an unparseable published date
  int document = -1;                  // index into Corpus::documents when used
  RecordPlace place;                  // JSON Lines records: where in the file

  bool operator==(const InputRecord&) const = default;
};

struct Corpus {
  std::vector<Document> documents;   // used documents, in input order
  std::vector<InputRecord> records;  // every input item, in input order

  size_t skipped() const;
};

// Reads every path (file or folder) in order into one corpus. Duplicate ids across all
// inputs are skipped after the first, with the first one's location in the reason.
Result<Corpus> ReadInputs(const std::vector<std::string>& paths, const IngestOptions& options);

// Receives one batch of a streamed read; may move the documents out. A non-OK status stops
// the read and is returned by ReadInputsInBatches.
using BatchSink = std::function<Status(Corpus& batch)>;

// Reads the inputs as ReadInputs does, in the same order with the same records, but hands
// them to `sink` in batches of `batch_documents` used documents (each with the records read
// since the previous batch; the last batch may be smaller or hold only skipped records), so
// memory stays within one batch whatever the input's size: JSON Lines files are read line
// by line. `InputRecord::document` indexes the batch's documents. Ids are unique across
// batches (the ids seen so far are kept, about 100 bytes each). Errors: as ReadInputs
// (an unusable path, after the batches before it were handed over), the sink's first
// error, or InvalidArgument when batch_documents is 0.
Status ReadInputsInBatches(const std::vector<std::string>& paths, const IngestOptions& options,
                           size_t batch_documents, const BatchSink& sink);

// Reads JSON Lines from memory; `name` is used in locations. Exposed for tests and fuzzing.
void ParseJsonLines(std::string_view content, std::string_view name, const IngestOptions& options,
                    Corpus* corpus);

// The lines of one part of a JSON Lines file, for reading a file on several workers: the
// lines that start in bytes [nominal_begin, nominal_end). Consecutive nominal parts give
// ranges that tile the file, so each line is read by exactly one worker.
struct LineRange {
  uint64_t begin = 0;  // the first line start at or after nominal_begin
  uint64_t end = 0;    // the first line start at or after nominal_end, or the file's size
  size_t lines = 0;    // lines starting in [begin, end), blank ones included

  bool operator==(const LineRange&) const = default;
};

// Finds and counts the lines of [nominal_begin, nominal_end) of `path` (reading about the
// range's bytes). Errors: DataLoss when the file cannot be opened or read.
Result<LineRange> FindLineRange(const std::string& path, uint64_t nominal_begin,
                                uint64_t nominal_end);

// Reads the records of `range` of the JSON Lines file `path` into `corpus` exactly as
// ReadInputs reads them from the whole file, numbering lines from `first_line` (one more
// than the lines before the range). A file that cannot be opened is one skipped record
// from the range that starts at byte 0 and nothing from the others.
void ReadJsonLinesRange(const std::string& path, const LineRange& range, size_t first_line,
                        const IngestOptions& options, Corpus* corpus);

// The file of a JSON Lines record with a place: `location` without its ":line".
std::string_view RecordFile(const InputRecord& record);

// Reads again the JSON Lines records of `path` at `places` (each a RecordPlace of a record
// an earlier read of the same file reported, in any order) into `corpus`, as that read
// made them, except that ids are not checked for uniqueness (that read did). A file that
// cannot be opened, or that is shorter than a place, gives one skipped record per place
// not read.
void ReadJsonLinesRecords(const std::string& path, std::span<const RecordPlace> places,
                          const IngestOptions& options, Corpus* corpus);

// The reason given for skipping a document at `location` whose id was first seen at
// `first_location`.
std::string DuplicateIdReason(std::string_view location, std::string_view id,
                              std::string_view first_location);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_INGEST_H_
