// `crossclaim-mpi dedup`: `crossclaim dedup` with the work spread over MPI ranks.
#include <cstdio>
#include <memory>

#include "mpi/commands.h"
#include "mpi/distributed_dedup.h"
#include "report/dedup_output.h"

namespace crossclaim::mpi {
namespace {

// The flags of `crossclaim dedup` (cli/dedup.cc), with the same names and defaults.
struct DedupFlags {
  cli::InputFlags input;
  double threshold = 0.8;
  std::string level = "doc";
  std::string format = "jsonl";
  std::string shingle = "word";
  size_t ngram = 5;
  size_t num_hashes = 128;
  std::string mode = "classic";
  size_t threads = 0;  // accepted for compatibility: each rank runs one thread
  uint64_t seed = 1;
  bool stats = false;

  DedupOptions ToOptions() const {
    DedupOptions o;
    o.threshold = threshold;
    o.level = level == "passage" ? DedupLevel::kPassage : DedupLevel::kDocument;
    o.shingles.kind = shingle == "char" ? ShingleKind::kChar : ShingleKind::kWord;
    o.shingles.n = ngram;
    o.minhash.num_hashes = num_hashes;
    o.minhash.mode = mode == "oph" ? MinHashMode::kOnePermutation : MinHashMode::kClassic;
    o.minhash.seed = seed;
    return o;
  }
};

void AddFlags(CLI::App& app, DedupFlags* flags) {
  cli::AddInputFlags(app, &flags->input);
  app.add_option("--threshold", flags->threshold, "Exact Jaccard at or above which text is a copy")
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
  app.add_option("--mode", flags->mode, "MinHash mode: classic or oph (one permutation)")
      ->check(CLI::IsMember({"classic", "oph"}))
      ->capture_default_str();
  app.add_option("--seed", flags->seed, "Hash seed")->capture_default_str();
  app.add_option("--threads", flags->threads, "Ignored: each rank runs one thread");
  app.add_flag("--stats", flags->stats,
               "Print seconds and bytes sent per stage (all ranks) to stderr");
}

// The collective part; returns this rank's status.
Status Dedup(Comm& comm, const DedupFlags& flags) {
  const DedupOptions options = flags.ToOptions();
  // Options first: a typo in a flag should not wait for the input to be read.
  if (Status valid = ValidateDedupOptions(options); !valid.ok()) return valid;  // alike on all
  Result<Corpus> corpus = LoadCorpus(comm, flags.input);
  if (!corpus.ok()) return corpus.status();
  Result<DedupResult> copies = DistributedFindCopies(comm, corpus->documents, options);
  if (!copies.ok() || !comm.root()) return copies.ok() ? Status::Ok() : copies.status();
  comm.BeginStage("output");
  const bool passages = options.level == DedupLevel::kPassage;
  const std::string out = flags.format == "jsonl"
                              ? DedupJsonLines(corpus->documents, *copies, passages)
                              : DedupText(corpus->documents, *copies, passages);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (copies->stats.empty_units > 0) {
    std::fprintf(stderr,
                 "crossclaim-mpi: dedup: %zu %s without any shingle (no words) were not compared\n",
                 copies->stats.empty_units, passages ? "passages" : "documents");
  }
  return Status::Ok();
}

}  // namespace

CommandRunner AddDedupCommand(CLI::App& app) {
  auto flags = std::make_shared<DedupFlags>();
  AddFlags(app, flags.get());
  return [flags] {
    return RunCollective([&](Comm& comm) { return Dedup(comm, *flags); }, flags->stats);
  };
}

}  // namespace crossclaim::mpi
