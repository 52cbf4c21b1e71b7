// Flags of the analysis pipeline, shared by `report` and `compare`: thresholds, n-gram
// sizes, the background idf and threads, with defaults from AnalysisOptions.
#ifndef CROSSCLAIM_CLI_ANALYSIS_FLAGS_H_
#define CROSSCLAIM_CLI_ANALYSIS_FLAGS_H_

#include <CLI/CLI.hpp>

#include "cluster/event_analysis.h"
#include "core/status.h"

namespace crossclaim::cli {

struct AnalysisFlags {
  AnalysisOptions options;
  size_t ngram = AnalysisOptions().dedup.shingles.n;
  int threads = 0;

  // The options with the flags applied; errors name the flag's option field.
  Result<AnalysisOptions> ToOptions() const;
};

void AddAnalysisFlags(CLI::App& app, AnalysisFlags* flags);

}  // namespace crossclaim::cli

#endif  // CROSSCLAIM_CLI_ANALYSIS_FLAGS_H_
