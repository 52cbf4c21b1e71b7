// `crossclaim dedup`: copied documents or passages, verified by exact Jaccard, with who
// copied whom and the copy groups.
#include "similarity/dedup.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
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

// Documents per streamed batch: enough for both cores to share, little text at a time.
constexpr size_t kDedupBatchDocuments = 4096;

// Text the first read keeps by default for the second pass: 10k articles (28 MB) fit and
// save ~20% of the CPU time; at 100k (268 MB) holding saved nothing measurable and tripled
// the peak (133 -> 420 MB), so larger inputs are read twice.
constexpr size_t kDefaultHeldTextBytes = size_t{64} << 20;

// The input as FindCopiesStreamed reads it, twice. The first read streams the files
// (skips reported there) and keeps the documents while their text fits `max_held_bytes`;
// the second replays those instead of reading and parsing the files again, or, when the
// corpus did not fit, streams the files once more.
class DedupInput {
 public:
  DedupInput(const InputFlags& input, size_t max_held_bytes)
      : input_(input), max_held_bytes_(max_held_bytes), holding_(max_held_bytes > 0) {}

  Status operator()(const DocumentBatchVisitor& visit) {
    const bool first_read = reads_++ == 0;
    if (!first_read && holding_) return Replay(visit);
    return StreamInputs(
        input_, kDedupBatchDocuments,
        [&](Corpus& batch) {
          Status status = visit(batch.documents);
          if (first_read && status.ok()) Hold(&batch.documents);
          return status;
        },
        first_read);
  }

 private:
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
  const size_t max_held_bytes_;
  int reads_ = 0;
  bool holding_;
  size_t held_bytes_ = 0;
  std::vector<std::vector<Document>> held_;
};

int RunDedup(const DedupFlags& flags, size_t max_held_text_bytes) {
  DedupOptions options = flags.ToOptions();
  options.show_progress = true;
  // Options first: a typo in a flag should not wait for the input to be read.
  if (Status status = ValidateDedupOptions(options); !status.ok()) return Fail(status);
  // Two passes over the input (band keys, then the shingle sets of candidates); a million
  // articles do not fit in memory, their band keys and headers do.
  DedupInput input(flags.input, max_held_text_bytes);
  std::vector<Document> documents;
  Result<DedupResult> result = FindCopiesStreamed(std::ref(input), options, &documents);
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
                     "Keep up to this much text from the first read for the second pass "
                     "instead of reading the input again (0: always read twice)")
          ->capture_default_str();
      return [flags, held] { return RunDedup(*flags, *held); };
    }};

}  // namespace
}  // namespace crossclaim::cli
