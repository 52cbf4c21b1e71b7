// LSH build + candidate query over MinHash signatures (K = 128, threshold 0.8, the default
// recall-weighted banding): 100k items, and 1M items when CROSSCLAIM_BENCH_1M=1.
// Signatures are synthetic: random values, with 5% of items near-duplicates of an earlier
// one (each position re-drawn with probability 0.1, so Jaccard estimate ~0.9). Reports the
// candidate pairs found, the index memory and the process peak RSS (getrusage).
//
//   build/bench/lsh_benchmark
//   CROSSCLAIM_BENCH_1M=1 build/bench/lsh_benchmark --benchmark_filter=1000000
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <random>
#include <string_view>
#include <vector>

#include "similarity/lsh.h"

namespace crossclaim {
namespace {

constexpr size_t kHashes = 128;

std::vector<uint32_t> Signatures(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> sigs(n * kHashes);
  for (size_t i = 0; i < n; ++i) {
    uint32_t* sig = sigs.data() + i * kHashes;
    if (i > 0 && rng() % 20 == 0) {
      const uint32_t* source = sigs.data() + (rng() % i) * kHashes;
      for (size_t k = 0; k < kHashes; ++k)
        sig[k] = rng() % 10 == 0 ? static_cast<uint32_t>(rng()) : source[k];
    } else {
      for (size_t k = 0; k < kHashes; ++k) sig[k] = static_cast<uint32_t>(rng());
    }
  }
  return sigs;
}

double PeakRssMB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void BM_LshBuildAndQuery(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const std::vector<uint32_t> sigs = Signatures(n, 7);
  size_t pairs = 0, bands = 0;
  for (auto _ : state) {
    LshIndex index = *LshIndex::Create({});
    bands = index.banding().bands;
    for (size_t i = 0; i < n; ++i) {
      index.Add(std::span<const uint32_t>(sigs).subspan(i * kHashes, kHashes));
    }
    index.Build();
    pairs = index.CandidatePairs().size();
    benchmark::DoNotOptimize(pairs);
  }
  state.counters["items"] = static_cast<double>(n);
  state.counters["candidate_pairs"] = static_cast<double>(pairs);
  state.counters["index_MB"] = static_cast<double>(n * bands * sizeof(uint64_t)) / 1e6;
  state.counters["signatures_MB"] = static_cast<double>(sigs.size() * sizeof(uint32_t)) / 1e6;
  state.counters["peak_rss_MB"] = PeakRssMB();
}
BENCHMARK(BM_LshBuildAndQuery)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

// Opt-in: a million items takes ~0.5 GB of signatures and several seconds per iteration.
const bool kRegistered1M = [] {
  const char* flag = std::getenv("CROSSCLAIM_BENCH_1M");
  if (flag != nullptr && std::string_view(flag) == "1") {
    benchmark::RegisterBenchmark("BM_LshBuildAndQuery/1000000", BM_LshBuildAndQuery)
        ->Arg(1000000)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return true;
}();

}  // namespace
}  // namespace crossclaim
