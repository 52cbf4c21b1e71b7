#include "mpi/commands.h"

#include <cstdio>

#include "cli/command.h"

namespace crossclaim::mpi {

int RunCollective(const std::function<Status(Comm&)>& run, bool stats) {
  Comm comm(MPI_COMM_WORLD);
  const int code = Finish(comm, run(comm));
  if (code == cli::kExitOk) PrintStats(comm, stats);
  return code;
}

int Finish(Comm& comm, const Status& status) {
  // A status with an empty message is a rank that only learnt of another's failure.
  const bool explains = !status.ok() && !status.message().empty();
  const Status lowest = comm.Agree(explains ? status : Status::Ok());
  const bool failed = comm.AllreduceMax(status.ok() ? 0 : 1) != 0;
  if (!failed) return cli::kExitOk;
  if (!lowest.message().empty()) return cli::Fail(lowest);  // the lowest explaining rank
  return status.code() == StatusCode::kInvalidArgument ? cli::kExitUsage : cli::kExitBadInput;
}

void PrintStats(Comm& comm, bool enabled) {
  if (!enabled) return;
  const std::vector<StageStats> stages = comm.ReduceStats();
  if (!comm.root()) return;
  std::fprintf(stderr, "crossclaim-mpi: stats: ranks %d\n", comm.size());
  for (const StageStats& s : stages) {
    std::fprintf(stderr, "crossclaim-mpi: stats: stage %s seconds %.3f bytes %llu calls %llu\n",
                 s.stage.c_str(), s.seconds, static_cast<unsigned long long>(s.bytes_sent),
                 static_cast<unsigned long long>(s.calls));
  }
}

}  // namespace crossclaim::mpi
