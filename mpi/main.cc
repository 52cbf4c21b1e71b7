// crossclaim-mpi: the distributed stages of crossclaim over MPI ranks. Subcommands mirror the
// single-process ones and print the same output (see docs/mpi.md):
//   mpirun -np 4 crossclaim-mpi dedup corpus.jsonl > pairs.jsonl
//   mpirun -np 4 crossclaim-mpi report corpus.jsonl -o out/
// Every rank parses the command line and runs the same collective steps; rank 0 prints.
#include <mpi.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "cli/command.h"
#include "core/utf8.h"
#include "mpi/commands.h"

namespace crossclaim::cli {

// The cli/ helpers compiled into this program (cli/input.cc) report errors through these.
int Fail(const Status& status) {
  std::fprintf(stderr, "crossclaim-mpi: error: %s\n", PrintableText(status.message()).c_str());
  return status.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitBadInput;
}

std::string DemoEventPath() {
  namespace fs = std::filesystem;
  const char* data = std::getenv("CROSSCLAIM_DATA");
  const std::string relative = "events/2025-01-21-putin-xi-call";
  if (data != nullptr) return (fs::path(data) / relative).string();
  return (fs::path(CROSSCLAIM_SOURCE_DIR) / "datasets" / relative).string();
}

}  // namespace crossclaim::cli

namespace {

// Parses and runs; returns this rank's exit code.
int Run(int argc, char** argv, int rank) {
  CLI::App app{"crossclaim-mpi: crossclaim's distributed stages over MPI ranks."};
  app.require_subcommand(1);
  crossclaim::mpi::CommandRunner dedup = crossclaim::mpi::AddDedupCommand(
      *app.add_subcommand("dedup", "Copies, as `crossclaim dedup`"));
  crossclaim::mpi::CommandRunner report = crossclaim::mpi::AddReportCommand(
      *app.add_subcommand("report", "The event report, as `crossclaim report`"));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Every rank parses the same arguments and fails alike; only rank 0 explains.
    if (rank != 0) return e.get_exit_code() == 0 ? 0 : crossclaim::cli::kExitUsage;
    const int code = app.exit(e);
    return code == 0 ? crossclaim::cli::kExitOk : crossclaim::cli::kExitUsage;
  }
  return app.got_subcommand("dedup") ? dedup() : report();
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  const int code = Run(argc, argv, rank);
  MPI_Finalize();
  return code;
}
