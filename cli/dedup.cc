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
#include "cli/input.h"
#include "report/dedup_output.h"

namespace crossclaim::cli {
namespace {

struct DedupFlags {
  InputFlags input;
  double threshold = 0.8;
  std::string level = "doc";
  std::string format = "jsonl";
  std::string shingle = "word";
  size_t ngram = 5;
  size_t num_hashes = 128;
  std::string mode = "classic";
  size_t threads = 0;
  uint64_t seed = 1;
};

int RunDedup(const DedupFlags& flags) {
  DedupOptions options;
  options.threshold = flags.threshold;
  options.level = flags.level == "passage" ? DedupLevel::kPassage : DedupLevel::kDocument;
  options.shingles.kind = flags.shingle == "char" ? ShingleKind::kChar : ShingleKind::kWord;
  options.shingles.n = flags.ngram;
  options.minhash.num_hashes = flags.num_hashes;
  options.minhash.mode = flags.mode == "oph" ? MinHashMode::kOnePermutation : MinHashMode::kClassic;
  options.minhash.seed = flags.seed;
  options.threads = flags.threads;
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
      AddInputFlags(app, &flags->input);
      app.add_option("--threshold", flags->threshold,
                     "Exact Jaccard similarity of shingle sets at or above which text is a copy")
          ->capture_default_str();
      app.add_option("--level", flags->level, "Compare whole documents or 1-3 sentence passages")
          ->check(CLI::IsMember({"doc", "passage"}))
          ->capture_default_str();
      app.add_option("--format", flags->format, "Output format")
          ->check(CLI::IsMember({"jsonl", "text"}))
          ->capture_default_str();
      app.add_option("--shingle", flags->shingle, "Word or character shingles")
          ->check(CLI::IsMember({"word", "char"}))
          ->capture_default_str();
      app.add_option("--ngram", flags->ngram, "Tokens (or characters) per shingle")
          ->capture_default_str();
      app.add_option("--num-hashes", flags->num_hashes, "MinHash signature length K")
          ->capture_default_str();
      app.add_option("--mode", flags->mode,
                     "MinHash mode: classic (K hash functions) or oph (one permutation, faster)")
          ->check(CLI::IsMember({"classic", "oph"}))
          ->capture_default_str();
      app.add_option("--seed", flags->seed, "Hash seed")->capture_default_str();
      app.add_option("--threads", flags->threads, "Worker threads (0: all cores)")
          ->capture_default_str();
      return [flags] { return RunDedup(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
