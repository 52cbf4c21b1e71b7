// `crossclaim-mpi dedup`: `crossclaim dedup` with the work spread over MPI ranks.
#include <cstdio>
#include <memory>

#include "cli/dedup_flags.h"
#include "mpi/commands.h"
#include "mpi/distributed_dedup.h"
#include "report/dedup_output.h"

namespace crossclaim::mpi {
namespace {

// The flags of `crossclaim dedup`, plus --stats.
struct DedupFlags : cli::DedupFlags {
  bool stats = false;
};

void AddFlags(CLI::App& app, DedupFlags* flags) {
  cli::AddDedupFlags(app, flags, "Ignored: each rank runs one thread");
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
