// `crossclaim-mpi dedup`: `crossclaim dedup` with the work spread over MPI ranks.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/dedup_flags.h"
#include "mpi/commands.h"
#include "mpi/distributed_dedup.h"
#include "mpi/sharded_input.h"
#include "report/dedup_output.h"

namespace crossclaim::mpi {
namespace {

// The flags of `crossclaim dedup`, plus --stats.
struct DedupFlags : cli::DedupFlags {
  bool stats = false;
  uint64_t shuffle_round_bytes = kShuffleRoundBytes;
};

void AddFlags(CLI::App& app, DedupFlags* flags) {
  cli::AddDedupFlags(app, flags, "Ignored: each rank runs one thread");
  app.add_flag("--stats", flags->stats,
               "Print seconds and bytes sent per stage (all ranks) to stderr");
  app.add_option("--shuffle-round-bytes", flags->shuffle_round_bytes,
                 "Band entries a rank sends per shuffle round; more go in rounds of whole bands")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

// The pairs and groups renumbered to index `fetched.documents` (ascending, like the
// originals, so the order of the output does not change).
DedupResult Renumber(DedupResult result, const PairDocuments& fetched) {
  auto number = [&](uint32_t d) { return PositionIn(fetched.ids, d); };
  for (CopyPair& p : result.pairs) {
    p.a = number(p.a);
    p.b = number(p.b);
  }
  for (CopyGroup& g : result.groups) {
    for (uint32_t& m : g.members) m = number(m);
    g.origin = number(g.origin);
  }
  return result;
}

// The collective part; returns this rank's status. Each rank reads and holds only its part
// of the input; rank 0 prints from the pairs' documents, fetched from their ranks.
Status Dedup(Comm& comm, const DedupFlags& flags) {
  const DedupOptions options = flags.ToOptions();
  // Options first: a typo in a flag should not wait for the input to be read.
  if (Status valid = ValidateDedupOptions(options); !valid.ok()) return valid;  // alike on all
  Result<DocumentShards> shards = LoadShardedInputs(comm, flags.input);
  if (!shards.ok()) return shards.status();
  const bool passages = options.level == DedupLevel::kPassage;
  PairDocuments fetched;
  fetched.with_text = passages && flags.format == "text";  // the excerpts
  Result<DedupResult> copies =
      DistributedFindCopies(comm, *shards, options, &fetched, flags.shuffle_round_bytes);
  if (!copies.ok() || !comm.root()) return copies.ok() ? Status::Ok() : copies.status();
  comm.BeginStage("output");
  const DedupResult renumbered = Renumber(std::move(*copies), fetched);
  const std::string out = flags.format == "jsonl"
                              ? DedupJsonLines(fetched.documents, renumbered, passages)
                              : DedupText(fetched.documents, renumbered, passages, shards->size());
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (renumbered.stats.empty_units > 0) {
    std::fprintf(stderr,
                 "crossclaim-mpi: dedup: %zu %s without any shingle (no words) were not compared\n",
                 renumbered.stats.empty_units, passages ? "passages" : "documents");
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
