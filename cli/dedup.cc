// `crossclaim dedup`: copied documents or passages, verified by exact Jaccard, with who
// copied whom and the copy groups.
#include "similarity/dedup.h"

#include <fmt/format.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "cli/dedup_flags.h"
#include "cli/input.h"
#include "report/dedup_output.h"

namespace crossclaim::cli {
namespace {

// Documents per streamed batch: enough for both cores to share (64 tasks of 16), little
// text at a time: 1024 generated articles are ~3 MB, and 10k of them peaked at 24 MB
// against 34 MB with 4096 a batch (fewer page faults, the same output).
constexpr size_t kDedupBatchDocuments = 1024;

// Text the first read keeps by default for a second pass that cannot fetch documents by
// their place (inputs other than JSON Lines files): 10k articles (28 MB) fit and save ~20%
// of the CPU time; at 100k (268 MB) holding saved nothing measurable and tripled the peak
// (133 -> 420 MB), so larger inputs are read twice.
constexpr size_t kDefaultHeldTextBytes = size_t{64} << 20;

// True when every input is a JSON Lines file, whose records the second pass can read again
// by their places.
bool AllJsonLinesFiles(const std::vector<std::string>& inputs) {
  return std::all_of(inputs.begin(), inputs.end(), [](const std::string& input) {
    const std::filesystem::path path(input);
    const std::string ext = path.extension().string();
    return (ext == ".jsonl" || ext == ".ndjson") && std::filesystem::is_regular_file(path);
  });
}

// The input as FindCopiesStreamed reads it. The first read streams the files (skips
// reported there). From JSON Lines files it notes where each document's record is, and the
// second pass fetches only the documents in candidate pairs, seeking to them. Otherwise the
// first read keeps the documents while their text fits `max_held_bytes` and the second
// replays those instead of reading and parsing the files again, or, when the corpus did not
// fit, streams the files once more.
class DedupInput {
 public:
  DedupInput(const InputFlags& input, size_t max_held_bytes)
      : input_(input),
        fetching_(AllJsonLinesFiles(InputsOrDemo(input))),
        max_held_bytes_(max_held_bytes),
        holding_(max_held_bytes > 0 && !fetching_) {}

  // Whether the second pass should call Fetch rather than operator() again.
  bool fetching() const { return fetching_; }

  Status operator()(const DocumentBatchVisitor& visit) {
    const bool first_read = reads_++ == 0;
    if (!first_read && holding_) return Replay(visit);
    return StreamInputs(
        input_, kDedupBatchDocuments,
        [&](Corpus& batch) {
          if (first_read && fetching_) NotePlaces(batch);
          Status status = visit(batch.documents);
          if (first_read && status.ok()) Hold(&batch.documents);
          return status;
        },
        first_read);
  }

  // The documents at `wanted` (ascending indices), read again from their places, in
  // batches; all of them again, filtered, when a document has no place.
  Status Fetch(std::span<const uint32_t> wanted, const DocumentBatchVisitor& visit) {
    if (!all_placed_) return StreamWanted(wanted, visit);
    const IngestOptions options = ToIngestOptions(input_);
    for (size_t begin = 0; begin < wanted.size();) {
      const uint32_t file = places_[wanted[begin]].file;
      std::vector<RecordPlace> batch;
      size_t end = begin;
      for (; end < wanted.size() && places_[wanted[end]].file == file &&
             batch.size() < kDedupBatchDocuments;
           ++end) {
        batch.push_back(places_[wanted[end]].place);
      }
      Corpus corpus;
      ReadJsonLinesRecords(files_[file], batch, options, &corpus);
      if (Status status = visit(corpus.documents); !status.ok()) return status;
      begin = end;
    }
    return Status::Ok();
  }

 private:
  struct Place {
    uint32_t file = 0;  // index into files_
    RecordPlace place;
  };

  void NotePlaces(const Corpus& batch) {
    for (const InputRecord& record : batch.records) {
      if (record.status != InputStatus::kUsed) continue;
      all_placed_ = all_placed_ && record.place.length > 0;
      const std::string_view file = RecordFile(record);
      if (files_.empty() || files_.back() != file) files_.emplace_back(file);
      places_.push_back({static_cast<uint32_t>(files_.size() - 1), record.place});
    }
  }

  // Fetch's fallback: every document read again, the wanted ones handed on.
  Status StreamWanted(std::span<const uint32_t> wanted, const DocumentBatchVisitor& visit) {
    size_t next = 0;
    uint32_t index = 0;
    return StreamInputs(
        input_, kDedupBatchDocuments,
        [&](Corpus& batch) {
          std::vector<Document> kept;
          for (Document& doc : batch.documents) {
            if (next < wanted.size() && wanted[next] == index) {
              kept.push_back(std::move(doc));
              ++next;
            }
            ++index;
          }
          return visit(kept);
        },
        false);
  }

  void Hold(std::vector<Document>* documents) {
    if (!holding_) return;
    for (const Document& doc : *documents) held_bytes_ += sizeof(Document) + doc.text.size();
    if (held_bytes_ > max_held_bytes_) {
      holding_ = false;
      held_ = {};  // frees what was kept: the second pass reads the files
      return;
    }
    held_.push_back(std::move(*documents));
  }

  // Each batch is freed once visited: the verification keeps what it needs.
  Status Replay(const DocumentBatchVisitor& visit) {
    for (std::vector<Document>& batch : held_) {
      if (Status status = visit(batch); !status.ok()) return status;
      std::vector<Document>().swap(batch);
    }
    return Status::Ok();
  }

  const InputFlags& input_;
  const bool fetching_;
  const size_t max_held_bytes_;
  int reads_ = 0;
  bool holding_;
  size_t held_bytes_ = 0;
  std::vector<std::vector<Document>> held_;
  bool all_placed_ = true;
  std::vector<std::string> files_;  // the JSON Lines files, in read order
  std::vector<Place> places_;       // per document read
};

int RunDedup(const DedupFlags& flags, size_t max_held_text_bytes) {
  // Batches of texts are freed and reallocated many times; glibc would hand the memory back
  // to the kernel each time (mmap'd large blocks, heap trimming) and fault it in again.
  // Keeping freed memory in the process costs at most one batch of resident memory.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  DedupOptions options = flags.ToOptions();
  options.show_progress = true;
  // Options first: a typo in a flag should not wait for the input to be read.
  if (Status status = ValidateDedupOptions(options); !status.ok()) return Fail(status);
  // Two passes over the input (band keys, then the shingle sets of candidates); a million
  // articles do not fit in memory, their band keys and headers do.
  DedupInput input(flags.input, max_held_text_bytes);
  std::vector<Document> documents;
  DocumentFetcher fetch;
  if (input.fetching()) {
    fetch = [&input](std::span<const uint32_t> wanted, const DocumentBatchVisitor& visit) {
      return input.Fetch(wanted, visit);
    };
  }
  Result<DedupResult> result = FindCopiesStreamed(std::ref(input), options, &documents, fetch);
  if (!result.ok()) return Fail(result.status());
  const bool passages = options.level == DedupLevel::kPassage;
  const std::string out = flags.format == "jsonl" ? DedupJsonLines(documents, *result, passages)
                                                  : DedupText(documents, *result, passages);
  std::fwrite(out.data(), 1, out.size(), stdout);
  const DedupStats& stats = result->stats;
  if (stats.empty_units > 0) {
    std::fprintf(stderr,
                 "crossclaim: dedup: %zu %s without any shingle (no words) were not compared\n",
                 stats.empty_units, passages ? "passages" : "documents");
  }
  return kExitOk;
}

const CommandRegistration kDedup{
    "dedup", "Find copied documents or passages (MinHash + LSH, verified by exact Jaccard)", 30,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<DedupFlags>();
      AddDedupFlags(app, flags.get(), "Worker threads (0: all cores)");
      auto held = std::make_shared<size_t>(kDefaultHeldTextBytes);
      app.add_option("--max-held-text-bytes", *held,
                     "Inputs other than JSON Lines files: keep up to this much text from the "
                     "first read for the second pass instead of reading the input again (0: "
                     "always read twice)")
          ->capture_default_str();
      return [flags, held] { return RunDedup(*flags, *held); };
    }};

}  // namespace
}  // namespace crossclaim::cli
