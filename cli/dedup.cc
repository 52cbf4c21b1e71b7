// `crossclaim dedup`: copied documents or passages, verified by exact Jaccard, with who
// copied whom and the copy groups.
#include "similarity/dedup.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
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

int RunDedup(const DedupFlags& flags) {
  DedupOptions options = flags.ToOptions();
  options.show_progress = true;
  // Options first: a typo in a flag should not wait for the input to be read.
  if (Status status = ValidateDedupOptions(options); !status.ok()) return Fail(status);
  // Two streamed reads of the input (skips reported on the first) instead of one read
  // held in memory: a million articles do not fit, their band keys and headers do.
  bool first_read = true;
  auto read = [&](const DocumentBatchVisitor& visit) {
    Status status = StreamInputs(
        flags.input, kDedupBatchDocuments, [&](Corpus& batch) { return visit(batch.documents); },
        first_read);
    first_read = false;
    return status;
  };
  std::vector<Document> documents;
  Result<DedupResult> result = FindCopiesStreamed(read, options, &documents);
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
      return [flags] { return RunDedup(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
