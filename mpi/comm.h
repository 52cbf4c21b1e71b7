// A thin layer over the MPI calls crossclaim-mpi makes: typed all-to-all, gather, reduce and
// broadcast of plain value vectors, each counted per pipeline stage (bytes this rank sends
// to other ranks, calls) so that `--stats` can print the communication volume of each stage.
//
// Example:
//   Comm comm(MPI_COMM_WORLD);
//   comm.BeginStage("shuffle");
//   std::vector<std::vector<Entry>> out(comm.size());   // out[r]: entries for rank r
//   Result<std::vector<Entry>> in = comm.Alltoallv(out);  // everything sent to this rank
//
// Values travel as raw bytes (MPI_BYTE), so T must be trivially copyable and every rank must
// share one ABI: one binary on machines of one architecture, as a cluster run has.
// MPI counts are `int`: a message of 2^31 bytes or more is an error (split the input), not
// a silent overflow.
//
// Thread safety: none; one Comm per rank, used from the rank's main thread.
#ifndef CROSSCLAIM_MPI_COMM_H_
#define CROSSCLAIM_MPI_COMM_H_

#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "core/status.h"

namespace crossclaim::mpi {

// One stage of the pipeline on this rank: wall time from BeginStage to the next one, and the
// bytes this rank sent to other ranks in that time (its own share is not counted).
struct StageStats {
  std::string stage;
  double seconds = 0;
  uint64_t bytes_sent = 0;
  uint64_t calls = 0;  // collective calls
};

class Comm {
 public:
  explicit Comm(MPI_Comm comm);

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }

  // Closes the current stage and opens `name`; later traffic is counted under it.
  void BeginStage(const std::string& name);
  // Closes the current stage; returns every stage of this rank, in order.
  const std::vector<StageStats>& Finish();

  // Sends out[r] to rank r (out.size() == size()); returns what each rank sent here, by
  // source rank. Errors: a message of 2^31 bytes or more (on every rank alike).
  template <typename T>
  Result<std::vector<std::vector<T>>> Alltoallv(const std::vector<std::vector<T>>& out);

  // Rank 0 gets every rank's `part` concatenated in rank order; other ranks get nothing.
  template <typename T>
  Result<std::vector<T>> Gatherv(const std::vector<T>& part);

  // Every rank gets every rank's `part` concatenated in rank order.
  template <typename T>
  Result<std::vector<T>> Allgatherv(const std::vector<T>& part);

  // Element-wise sum over ranks, in place, on every rank (integers: exact, order-free).
  void AllreduceSum(std::vector<int64_t>* values);

  // The largest value of `value` over ranks, on every rank.
  int64_t AllreduceMax(int64_t value);

  // Rank 0's `values` on every rank.
  template <typename T>
  void Broadcast(std::vector<T>* values);

  // Every rank learns whether any rank failed, so that no rank waits in a collective that
  // a failed rank will not join. Returns Ok when none failed; on the lowest failed rank its
  // own status; on every other rank a kInternal status with an empty message (the lowest
  // failed rank is the one to explain).
  Status Agree(const Status& status);

  // Collective: this rank's stages (Finish()) reduced over ranks, on rank 0 only: per stage
  // name, in first-run order, the slowest rank's seconds and the sum of bytes and calls.
  std::vector<StageStats> ReduceStats();

 private:
  // What one all-to-all brought: every source's bytes, one after the other.
  struct Received {
    std::vector<char> bytes;
    std::vector<size_t> offsets;  // of each source rank's bytes; one more: the end
  };
  // Sends the bytes out[r] to rank r, straight from the callers' buffers.
  Result<Received> AlltoallvBytes(const std::vector<std::span<const char>>& out);
  Result<std::vector<char>> GathervBytes(const std::vector<char>& part, bool to_all);
  void CountSent(uint64_t bytes);

  MPI_Comm comm_;
  int rank_ = 0;
  int size_ = 1;
  std::vector<StageStats> stages_;
  std::chrono::steady_clock::time_point stage_start_;
};

// Bytes of a vector of trivially copyable values, and back.
template <typename T>
std::vector<char> ToBytes(const std::vector<T>& values) {
  static_assert(std::is_trivially_copyable_v<T>);
  std::vector<char> bytes(values.size() * sizeof(T));
  if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

template <typename T>
std::vector<T> FromBytes(const std::vector<char>& bytes) {
  static_assert(std::is_trivially_copyable_v<T>);
  std::vector<T> values(bytes.size() / sizeof(T));
  if (!values.empty()) std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
  return values;
}

template <typename T>
Result<std::vector<std::vector<T>>> Comm::Alltoallv(const std::vector<std::vector<T>>& out) {
  static_assert(std::is_trivially_copyable_v<T>);
  // No copies beyond MPI's own send and receive buffers: band entries run to 100s of MB.
  std::vector<std::span<const char>> bytes(out.size());
  for (size_t r = 0; r < out.size(); ++r) {
    bytes[r] = {reinterpret_cast<const char*>(out[r].data()), out[r].size() * sizeof(T)};
  }
  Result<Received> in = AlltoallvBytes(bytes);
  if (!in.ok()) return in.status();
  std::vector<std::vector<T>> parts(out.size());
  for (size_t r = 0; r < parts.size(); ++r) {
    const size_t size = in->offsets[r + 1] - in->offsets[r];
    parts[r].resize(size / sizeof(T));
    if (size > 0) std::memcpy(parts[r].data(), in->bytes.data() + in->offsets[r], size);
  }
  return parts;
}

// The parts one after the other.
template <typename T>
std::vector<T> Concatenate(std::vector<std::vector<T>> parts) {
  std::vector<T> all;
  for (std::vector<T>& part : parts) {
    all.insert(all.end(), part.begin(), part.end());
    std::vector<T>().swap(part);
  }
  return all;
}

template <typename T>
Result<std::vector<T>> Comm::Gatherv(const std::vector<T>& part) {
  Result<std::vector<char>> all = GathervBytes(ToBytes(part), false);
  if (!all.ok()) return all.status();
  return FromBytes<T>(*all);
}

template <typename T>
Result<std::vector<T>> Comm::Allgatherv(const std::vector<T>& part) {
  Result<std::vector<char>> all = GathervBytes(ToBytes(part), true);
  if (!all.ok()) return all.status();
  return FromBytes<T>(*all);
}

template <typename T>
void Comm::Broadcast(std::vector<T>* values) {
  static_assert(std::is_trivially_copyable_v<T>);
  int64_t count = static_cast<int64_t>(values->size());
  MPI_Bcast(&count, 1, MPI_INT64_T, 0, comm_);
  values->resize(static_cast<size_t>(count));
  const uint64_t bytes = static_cast<uint64_t>(count) * sizeof(T);
  if (root()) CountSent(bytes * static_cast<uint64_t>(size_ - 1));
  MPI_Bcast(values->data(), static_cast<int>(bytes), MPI_BYTE, 0, comm_);
}

}  // namespace crossclaim::mpi

#endif  // CROSSCLAIM_MPI_COMM_H_
