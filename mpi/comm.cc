#include "mpi/comm.h"

#include <algorithm>
#include <climits>
#include <numeric>

namespace crossclaim::mpi {
namespace {

constexpr int64_t kMaxMessageBytes = INT_MAX;

Status TooLarge(const char* call) {
  return InvalidArgument(std::string("an ") + call +
                         " message reached 2^31 bytes; run with more ranks or split the input");
}

// Displacements of `counts` as ints; false when one does not fit.
bool Displacements(const std::vector<int64_t>& counts, std::vector<int>* displs,
                   std::vector<int>* ints) {
  int64_t total = 0;
  displs->resize(counts.size());
  ints->resize(counts.size());
  for (size_t r = 0; r < counts.size(); ++r) {
    if (counts[r] > kMaxMessageBytes || total > kMaxMessageBytes) return false;
    (*displs)[r] = static_cast<int>(total);
    (*ints)[r] = static_cast<int>(counts[r]);
    total += counts[r];
  }
  return total <= kMaxMessageBytes;
}

}  // namespace

Comm::Comm(MPI_Comm comm) : comm_(comm), stage_start_(std::chrono::steady_clock::now()) {
  MPI_Comm_rank(comm_, &rank_);
  MPI_Comm_size(comm_, &size_);
}

void Comm::BeginStage(const std::string& name) {
  const auto now = std::chrono::steady_clock::now();
  if (!stages_.empty()) {
    stages_.back().seconds += std::chrono::duration<double>(now - stage_start_).count();
  }
  stage_start_ = now;
  stages_.push_back({name, 0, 0, 0});
}

const std::vector<StageStats>& Comm::Finish() {
  if (!stages_.empty()) {
    const auto now = std::chrono::steady_clock::now();
    stages_.back().seconds += std::chrono::duration<double>(now - stage_start_).count();
    stage_start_ = now;
    stages_.push_back({"(done)", 0, 0, 0});  // later traffic lands here, not in a real stage
  }
  return stages_;
}

void Comm::CountSent(uint64_t bytes) {
  if (stages_.empty()) stages_.push_back({"(setup)", 0, 0, 0});
  stages_.back().bytes_sent += bytes;
  stages_.back().calls += 1;
}

Result<Comm::Received> Comm::AlltoallvBytes(const std::vector<std::span<const char>>& out) {
  std::vector<int64_t> send_counts(static_cast<size_t>(size_)), recv_counts(send_counts.size());
  for (size_t r = 0; r < out.size(); ++r) send_counts[r] = static_cast<int64_t>(out[r].size());
  MPI_Alltoall(send_counts.data(), 1, MPI_INT64_T, recv_counts.data(), 1, MPI_INT64_T, comm_);
  std::vector<int> send_displs, send_ints, recv_displs, recv_ints;
  const bool fits = Displacements(send_counts, &send_displs, &send_ints) &&
                    Displacements(recv_counts, &recv_displs, &recv_ints);
  // Decided together: a rank that returned alone would leave the others waiting.
  if (AllreduceMax(fits ? 0 : 1) != 0) return TooLarge("all-to-all");
  // This rank's own share is copied directly, not through MPI (which copies it in chunks).
  const size_t self = static_cast<size_t>(rank_);
  send_ints[self] = 0;
  std::vector<char> send;
  send.reserve(static_cast<size_t>(
      std::accumulate(send_counts.begin(), send_counts.end(), int64_t{0}) - send_counts[self]));
  for (size_t r = 0; r < out.size(); ++r) {
    send_displs[r] = static_cast<int>(send.size());
    if (r != self) send.insert(send.end(), out[r].begin(), out[r].end());
  }
  const uint64_t remote = send.size();
  Received in;
  in.bytes.resize(
      static_cast<size_t>(std::accumulate(recv_counts.begin(), recv_counts.end(), int64_t{0})));
  std::copy(out[self].begin(), out[self].end(), in.bytes.begin() + recv_displs[self]);
  recv_ints[self] = 0;
  CountSent(remote + sizeof(int64_t) * static_cast<uint64_t>(size_ - 1));
  MPI_Alltoallv(send.data(), send_ints.data(), send_displs.data(), MPI_BYTE, in.bytes.data(),
                recv_ints.data(), recv_displs.data(), MPI_BYTE, comm_);
  in.offsets.assign(recv_displs.begin(), recv_displs.end());
  in.offsets.push_back(in.bytes.size());
  return in;
}

Result<std::vector<char>> Comm::GathervBytes(const std::vector<char>& part, bool to_all) {
  int64_t mine = static_cast<int64_t>(part.size());
  std::vector<int64_t> counts(static_cast<size_t>(size_));
  MPI_Allgather(&mine, 1, MPI_INT64_T, counts.data(), 1, MPI_INT64_T, comm_);
  std::vector<int> displs, ints;
  const bool fits = Displacements(counts, &displs, &ints);  // the same on every rank
  if (!fits) return TooLarge(to_all ? "all-gather" : "gather");
  const int64_t total = std::accumulate(counts.begin(), counts.end(), int64_t{0});
  std::vector<char> all(to_all || root() ? static_cast<size_t>(total) : 0);
  if (to_all) {
    CountSent(part.size() * static_cast<uint64_t>(size_ - 1));
    MPI_Allgatherv(part.data(), ints[static_cast<size_t>(rank_)], MPI_BYTE, all.data(), ints.data(),
                   displs.data(), MPI_BYTE, comm_);
  } else {
    CountSent(root() ? 0 : part.size());
    MPI_Gatherv(part.data(), ints[static_cast<size_t>(rank_)], MPI_BYTE, all.data(), ints.data(),
                displs.data(), MPI_BYTE, 0, comm_);
  }
  return all;
}

void Comm::AllreduceSum(std::vector<int64_t>* values) {
  // A reduction moves about twice the vector per rank whatever the algorithm; count that.
  CountSent(size_ > 1 ? 2 * values->size() * sizeof(int64_t) : 0);
  MPI_Allreduce(MPI_IN_PLACE, values->data(), static_cast<int>(values->size()), MPI_INT64_T,
                MPI_SUM, comm_);
}

int64_t Comm::AllreduceMax(int64_t value) {
  MPI_Allreduce(MPI_IN_PLACE, &value, 1, MPI_INT64_T, MPI_MAX, comm_);
  return value;
}

Status Comm::Agree(const Status& status) {
  const int64_t lowest = AllreduceMax(status.ok() ? -1 : size_ - rank_);  // max: lowest rank
  if (lowest < 0) return Status::Ok();
  if (size_ - lowest == rank_) return status;
  return Status(StatusCode::kInternal, "");
}

std::vector<StageStats> Comm::ReduceStats() {
  std::vector<StageStats> mine;  // by name, in first-run order
  for (const StageStats& s : Finish()) {
    auto it = std::find_if(mine.begin(), mine.end(),
                           [&](const StageStats& m) { return m.stage == s.stage; });
    if (it == mine.end()) {
      mine.push_back(s);
    } else {
      it->seconds += s.seconds;
      it->bytes_sent += s.bytes_sent;
      it->calls += s.calls;
    }
  }
  // Rank 0's stages name the rows: it runs every collective stage and the ones of its own
  // (output, analysis); a stage another rank ran alone would count under none.
  std::string names;
  for (const StageStats& s : mine) names += s.stage + '\n';
  std::vector<char> packed(names.begin(), names.end());
  Broadcast(&packed);
  std::vector<StageStats> rows;
  std::string name;
  for (char c : packed) {
    if (c != '\n') {
      name += c;
      continue;
    }
    rows.push_back({name, 0, 0, 0});
    name.clear();
  }
  std::vector<double> seconds(rows.size(), 0);
  std::vector<uint64_t> counts(2 * rows.size(), 0);
  for (size_t i = 0; i < rows.size(); ++i) {
    for (const StageStats& s : mine) {
      if (s.stage != rows[i].stage) continue;
      seconds[i] = s.seconds;
      counts[2 * i] = s.bytes_sent;
      counts[2 * i + 1] = s.calls;
    }
  }
  MPI_Reduce(root() ? MPI_IN_PLACE : seconds.data(), seconds.data(),
             static_cast<int>(seconds.size()), MPI_DOUBLE, MPI_MAX, 0, comm_);
  MPI_Reduce(root() ? MPI_IN_PLACE : counts.data(), counts.data(), static_cast<int>(counts.size()),
             MPI_UINT64_T, MPI_SUM, 0, comm_);
  if (!root()) return {};
  std::vector<StageStats> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].stage == "(done)") continue;
    out.push_back({rows[i].stage, seconds[i], counts[2 * i], counts[2 * i + 1]});
  }
  return out;
}

}  // namespace crossclaim::mpi
