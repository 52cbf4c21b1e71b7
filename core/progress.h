// A progress bar on stderr for long runs. It draws only when stderr is a terminal (and
// CROSSCLAIM_PROGRESS is not "0"), so logs and pipes stay clean; CROSSCLAIM_PROGRESS=1
// forces it on. Thread-safe: workers call Add() concurrently.
//
// Example:
//   Progress progress("signatures", documents.size());
//   ... progress.Add(1); ...   // from any thread
//   progress.Finish();
#ifndef CROSSCLAIM_CORE_PROGRESS_H_
#define CROSSCLAIM_CORE_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace crossclaim {

class Progress {
 public:
  // `total` 0: the length is unknown (a stream); the count and rate are drawn, no bar.
  Progress(std::string label, uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Add(uint64_t done);
  // Draws the final state and a line break (once).
  void Finish();

  // Whether bars are drawn in this process (terminal or forced).
  static bool Enabled();

 private:
  void Draw(uint64_t done, bool final);

  std::string label_;
  uint64_t total_;
  std::atomic<uint64_t> done_{0};
  std::atomic<int64_t> last_draw_ms_{-1000};
  std::chrono::steady_clock::time_point start_;
  std::mutex draw_mutex_;
  bool enabled_;
  bool finished_ = false;
};

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_PROGRESS_H_
