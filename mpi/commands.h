// The subcommands of crossclaim-mpi. Each Add*Command adds its options to `app` and returns
// how to run it; running is collective (every rank runs it), and returns this rank's exit
// code: every rank returns non-zero when any rank failed, and rank 0 prints the error.
#ifndef CROSSCLAIM_MPI_COMMANDS_H_
#define CROSSCLAIM_MPI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

#include "cli/input.h"
#include "core/ingest.h"
#include "core/status.h"
#include "mpi/comm.h"

namespace crossclaim::mpi {

using CommandRunner = std::function<int()>;

// `dedup INPUT...`: the flags and output of `crossclaim dedup`, plus --stats.
CommandRunner AddDedupCommand(CLI::App& app);

// `report INPUT... -o DIR`: the flags and files of `crossclaim report`, plus --stats.
CommandRunner AddReportCommand(CLI::App& app);

// Collective: runs `run` on every rank of MPI_COMM_WORLD, agrees on its status (Finish) and,
// when it succeeded and `stats` is set, prints the stage statistics (PrintStats). Returns this
// rank's exit code.
int RunCollective(const std::function<Status(Comm&)>& run, bool stats);

// Collective: turns a status into this rank's exit code once every rank has agreed on it
// (Comm::Agree); rank 0 prints the message.
int Finish(Comm& comm, const Status& status);

// Collective: with `enabled`, rank 0 prints each stage's slowest rank's seconds and the bytes
// all ranks sent in it to stderr, one `crossclaim-mpi: stats:` line per stage.
void PrintStats(Comm& comm, bool enabled);

}  // namespace crossclaim::mpi

#endif  // CROSSCLAIM_MPI_COMMANDS_H_
