#include "core/progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace crossclaim {

bool Progress::Enabled() {
  const char* env = std::getenv("CROSSCLAIM_PROGRESS");
  if (env != nullptr) return std::strcmp(env, "0") != 0;
  return ::isatty(STDERR_FILENO) != 0;
}

Progress::Progress(std::string label, uint64_t total)
    : label_(std::move(label)),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      enabled_(Enabled()) {}

Progress::~Progress() { Finish(); }

void Progress::Add(uint64_t done) {
  uint64_t now_done = done_.fetch_add(done, std::memory_order_relaxed) + done;
  if (!enabled_) return;
  auto elapsed = std::chrono::steady_clock::now() - start_;
  int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  int64_t last = last_draw_ms_.load(std::memory_order_relaxed);
  // Redraw at most five times a second; the first 500 ms stay silent so short runs are quiet.
  if (ms < 500 || ms - last < 200) return;
  if (!last_draw_ms_.compare_exchange_strong(last, ms)) return;
  Draw(now_done, false);
}

void Progress::Finish() {
  std::lock_guard<std::mutex> lock(draw_mutex_);
  if (finished_) return;
  finished_ = true;
  // Only close a bar that was drawn at all.
  if (enabled_ && last_draw_ms_.load() >= 0) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }
}

void Progress::Draw(uint64_t done, bool final) {
  std::lock_guard<std::mutex> lock(draw_mutex_);
  if (finished_) return;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (total_ == 0) {  // a stream of unknown length: a count and a rate, no bar
    std::fprintf(stderr, "\r%-12s %llu done %.1fs (%.0f/s)%s", label_.c_str(),
                 static_cast<unsigned long long>(done), seconds,
                 seconds > 0 ? static_cast<double>(done) / seconds : 0.0, final ? "\n" : "");
    std::fflush(stderr);
    return;
  }
  constexpr int kWidth = 30;
  double fraction = total_ == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total_);
  if (fraction > 1.0) fraction = 1.0;
  int filled = static_cast<int>(fraction * kWidth);
  char bar[kWidth + 1];
  for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
  bar[kWidth] = '\0';
  std::fprintf(stderr, "\r%-12s [%s] %5.1f%% %llu/%llu %.1fs%s", label_.c_str(), bar,
               fraction * 100.0, static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total_), seconds, final ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace crossclaim
