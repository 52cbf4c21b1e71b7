// Signature throughput per core on news-like text: tokenisation + word 5-gram shingles
// (XXH3) + MinHash K = 128, for both modes, against a straightforward scalar baseline
// measured in the same run (counter `x_baseline` = speed-up over it).
//
//   build/bench/minhash_benchmark --benchmark_repetitions=5 --benchmark_report_aggregates_only
#include <benchmark/benchmark.h>
#include <xxhash.h>

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include "core/text.h"
#include "datasets/generator/corpus_generator.h"
#include "similarity/minhash.h"
#include "similarity/shingle.h"

namespace crossclaim {
namespace {

constexpr size_t kHashes = 128;

struct Data {
  std::vector<Document> docs;
  size_t bytes = 0;
};

const Data& Corpus() {
  static const Data data = [] {
    GeneratorOptions options;
    options.num_documents = 2000;  // ~5 MB
    options.seed = 17;
    Data d;
    d.docs = GenerateCorpus(options).documents;
    for (const Document& doc : d.docs) d.bytes += doc.text.size();
    return d;
  }();
  return data;
}

// The baseline: token strings, shingle strings joined by spaces, XXH3 per shingle, then K
// multiply-shift updates in a plain scalar loop (vectorisation disabled).
__attribute__((optimize("no-tree-vectorize"))) void ScalarUpdate(const uint64_t* a,
                                                                 const uint64_t* b, uint64_t x,
                                                                 uint32_t* sig) {
  for (size_t k = 0; k < kHashes; ++k) {
    uint32_t v = static_cast<uint32_t>((a[k] * x + b[k]) >> 32);
    if (v < sig[k]) sig[k] = v;
  }
}

uint64_t BaselineSignatures(const Data& data) {
  std::vector<uint64_t> a(kHashes), b(kHashes);
  for (size_t k = 0; k < kHashes; ++k) {
    a[k] = XXH3_64bits_withSeed(&k, sizeof(k), 1) | 1;
    b[k] = XXH3_64bits_withSeed(&k, sizeof(k), 2);
  }
  uint64_t check = 0;
  std::vector<uint32_t> sig(kHashes);
  for (const Document& doc : data.docs) {
    std::vector<std::string> tokens = NormalizedTokens(doc.text);
    std::fill(sig.begin(), sig.end(), kEmptySlot);
    for (size_t i = 0; i + 5 <= tokens.size(); ++i) {
      std::string shingle = tokens[i];
      for (size_t j = i + 1; j < i + 5; ++j) shingle += " " + tokens[j];
      ScalarUpdate(a.data(), b.data(), XXH3_64bits(shingle.data(), shingle.size()), sig.data());
    }
    check += sig[0];
  }
  return check;
}

// CPU time of this thread: like the benchmark's own rates, immune to other load on the machine.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Baseline throughput in MB/s (thread CPU time), best of three passes, once per process.
double BaselineMBps() {
  static const double mbps = [] {
    const Data& data = Corpus();
    double best = 0;
    for (int rep = 0; rep < 3; ++rep) {
      const double start = ThreadCpuSeconds();
      benchmark::DoNotOptimize(BaselineSignatures(data));
      const double s = ThreadCpuSeconds() - start;
      best = std::max(best, static_cast<double>(data.bytes) / s / 1e6);
    }
    return best;
  }();
  return mbps;
}

void Report(benchmark::State& state, size_t bytes_per_iteration, bool with_ratio) {
  const double total = static_cast<double>(bytes_per_iteration) * state.iterations();
  state.SetBytesProcessed(static_cast<int64_t>(total));
  state.counters["MBps"] = benchmark::Counter(total / 1e6, benchmark::Counter::kIsRate);
  if (with_ratio) {
    // Counter::kIsRate divides by the run time; the ratio divides that rate by the baseline.
    state.counters["x_baseline"] =
        benchmark::Counter(total / 1e6 / BaselineMBps(), benchmark::Counter::kIsRate);
    state.counters["baseline_MBps"] = BaselineMBps();
  }
}

void BM_Signature(benchmark::State& state, MinHashMode mode) {
  const Data& data = Corpus();
  BaselineMBps();  // measured before the timed loop
  Shingler shingler = *Shingler::Create({});
  MinHasher hasher = *MinHasher::Create({kHashes, mode, 1});
  TokenizedText tokens;
  std::vector<uint64_t> token_hashes, hashes;
  std::vector<uint32_t> sig(kHashes);
  for (auto _ : state) {
    for (const Document& doc : data.docs) {
      Tokenize(doc.text, &tokens);
      hashes.clear();
      shingler.AppendWordShingleHashes(tokens, 0, tokens.size(), &token_hashes, &hashes);
      hasher.Compute(hashes, sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  Report(state, data.bytes, true);
}
BENCHMARK_CAPTURE(BM_Signature, classic, MinHashMode::kClassic)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Signature, one_permutation, MinHashMode::kOnePermutation)
    ->Unit(benchmark::kMillisecond);

void BM_ScalarBaseline(benchmark::State& state) {
  const Data& data = Corpus();
  for (auto _ : state) benchmark::DoNotOptimize(BaselineSignatures(data));
  Report(state, data.bytes, false);
}
BENCHMARK(BM_ScalarBaseline)->Unit(benchmark::kMillisecond);

// Where the time goes: the tokenizer alone, and the hash + update work alone.
void BM_TokenizeOnly(benchmark::State& state) {
  const Data& data = Corpus();
  TokenizedText tokens;
  for (auto _ : state) {
    for (const Document& doc : data.docs) {
      Tokenize(doc.text, &tokens);
      benchmark::DoNotOptimize(tokens.tokens.data());
    }
  }
  Report(state, data.bytes, false);
}
BENCHMARK(BM_TokenizeOnly)->Unit(benchmark::kMillisecond);

void BM_HashAndUpdateOnly(benchmark::State& state, MinHashMode mode) {
  const Data& data = Corpus();
  Shingler shingler = *Shingler::Create({});
  MinHasher hasher = *MinHasher::Create({kHashes, mode, 1});
  std::vector<TokenizedText> all(data.docs.size());
  for (size_t d = 0; d < data.docs.size(); ++d) Tokenize(data.docs[d].text, &all[d]);
  std::vector<uint64_t> token_hashes, hashes;
  std::vector<uint32_t> sig(kHashes);
  for (auto _ : state) {
    for (const TokenizedText& tokens : all) {
      hashes.clear();
      shingler.AppendWordShingleHashes(tokens, 0, tokens.size(), &token_hashes, &hashes);
      hasher.Compute(hashes, sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  Report(state, data.bytes, false);
}
BENCHMARK_CAPTURE(BM_HashAndUpdateOnly, classic, MinHashMode::kClassic)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_HashAndUpdateOnly, one_permutation, MinHashMode::kOnePermutation)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace crossclaim
