// The flags of `crossclaim dedup`, shared with `crossclaim-mpi dedup` so that both programs
// accept the same options with the same defaults and help.
#ifndef CROSSCLAIM_CLI_DEDUP_FLAGS_H_
#define CROSSCLAIM_CLI_DEDUP_FLAGS_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/input.h"
#include "similarity/dedup.h"

namespace crossclaim::cli {

struct DedupFlags {
  InputFlags input;
  double threshold = 0.8;
  std::string level = "doc";
  std::string format = "jsonl";
  std::string shingle = "word";
  size_t ngram = 5;
  size_t num_hashes = 128;
  // "auto": one-permutation hashing for whole documents (~20% less CPU end to end than
  // classic, the same pairs and estimates as close on real text), classic for passages,
  // whose small shingle sets it estimates better (docs/dedup.md, "Choosing the default
  // mode"). Only this command's default: MinHashOptions and `crossclaim index` keep classic.
  std::string mode = "auto";
  size_t threads = 0;
  uint64_t seed = 1;

  // The library options these flags name (threads included; no progress bar).
  DedupOptions ToOptions() const;
};

// Adds INPUT... and every dedup flag; `threads_help` says what --threads means here.
void AddDedupFlags(CLI::App& app, DedupFlags* flags, const std::string& threads_help);

}  // namespace crossclaim::cli

#endif  // CROSSCLAIM_CLI_DEDUP_FLAGS_H_
