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

int RunDedup(const DedupFlags& flags) {
  DedupOptions options = flags.ToOptions();
  options.show_progress = true;
  // Options first: a typo in a flag should not wait for the input to be read.
  if (Status status = ValidateDedupOptions(options); !status.ok()) return Fail(status);
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  Result<DedupResult> result = FindCopies(corpus->documents, options);
  if (!result.ok()) return Fail(result.status());
  const bool passages = options.level == DedupLevel::kPassage;
  const std::string out = flags.format == "jsonl"
                              ? DedupJsonLines(corpus->documents, *result, passages)
                              : DedupText(corpus->documents, *result, passages);
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
