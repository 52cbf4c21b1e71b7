// Signature throughput per core on news-like text: tokenisation + word 5-gram shingle
// hashes + MinHash K = 128, for both modes, against two references measured in the same
// run: the path before the fused one (`x_previous`, and BM_PreviousSignature) and a
// straightforward scalar baseline (`x_baseline`).
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

// The signature path as it was before tokens were hashed as they are found (commit 7cda2c5),
// kept to measure against in the same run: byte-by-byte tokenizer into a token list, XXH3 of
// every token and of every shingle's n token hashes, the classic update with 64-bit
// multiplies (vpmullq), one-permutation densification with a vector per call.
class PreviousPath {
 public:
  explicit PreviousPath(MinHashMode mode) : mode_(mode), a_(kHashes), b_(kHashes) {
    for (uint64_t k = 0; k < kHashes; ++k) {
      uint64_t key[2] = {k, 0};
      a_[k] = XXH3_64bits_withSeed(key, sizeof(key), 1) | 1u;
      key[1] = 1;
      b_[k] = XXH3_64bits_withSeed(key, sizeof(key), 1);
    }
  }

  void Signature(std::string_view text, uint32_t* sig) {
    TokenizeScalar(text, &tokens_);
    ShingleHashes();
    std::fill(sig, sig + kHashes, kEmptySlot);
    if (mode_ == MinHashMode::kClassic) return Classic(sig);
    OnePermutation(sig);
  }

 private:
  void ShingleHashes() {
    const size_t count = tokens_.size();
    token_hashes_.resize(count);
    for (size_t i = 0; i < count; ++i) {
      const std::string_view norm = tokens_.norm(i);
      token_hashes_[i] = XXH3_64bits_withSeed(norm.data(), norm.size(), 0);
    }
    shingles_.clear();
    const size_t n = std::min<size_t>(5, count);
    for (size_t i = 0; n > 0 && i + n <= count; ++i) {
      shingles_.push_back(XXH3_64bits_withSeed(&token_hashes_[i], n * 8, 0));
    }
  }

  void Classic(uint32_t* __restrict sig) const {
    const uint64_t* __restrict a = a_.data();
    const uint64_t* __restrict b = b_.data();
    size_t i = 0;
    for (; i + 2 <= shingles_.size(); i += 2) {
      const uint64_t x0 = shingles_[i], x1 = shingles_[i + 1];
      for (size_t k = 0; k < kHashes; ++k) {
        const uint32_t v0 = static_cast<uint32_t>((a[k] * x0 + b[k]) >> 32);
        const uint32_t v1 = static_cast<uint32_t>((a[k] * x1 + b[k]) >> 32);
        const uint32_t v = v0 < v1 ? v0 : v1;
        sig[k] = sig[k] < v ? sig[k] : v;
      }
    }
    for (; i < shingles_.size(); ++i) {
      for (size_t k = 0; k < kHashes; ++k) {
        const uint32_t v = static_cast<uint32_t>((a[k] * shingles_[i] + b[k]) >> 32);
        sig[k] = sig[k] < v ? sig[k] : v;
      }
    }
  }

  void OnePermutation(uint32_t* sig) const {
    const uint64_t mix = 1 * 0x9E3779B97F4A7C15ULL | 1u;
    for (uint64_t h : shingles_) {
      const uint64_t y = h * mix;
      const uint32_t bin = Bin(y);
      sig[bin] = std::min(sig[bin], static_cast<uint32_t>(y));
    }
    if (shingles_.empty()) return;
    std::vector<char> empty(kHashes);
    bool any_empty = false, any_full = false;
    for (size_t i = 0; i < kHashes; ++i) {
      empty[i] = sig[i] == kEmptySlot;
      any_empty |= empty[i] != 0;
      any_full |= empty[i] == 0;
    }
    if (!any_empty || !any_full) return;
    for (uint64_t i = 0; i < kHashes; ++i) {
      for (uint64_t attempt = 0; empty[i]; ++attempt) {
        const uint64_t key[2] = {i, attempt};
        const uint32_t j = Bin(XXH3_64bits_withSeed(key, sizeof(key), 1));
        if (!empty[j]) {
          sig[i] = sig[j];
          break;
        }
      }
    }
  }

  static uint32_t Bin(uint64_t y) {
    __extension__ using Uint128 = unsigned __int128;
    return static_cast<uint32_t>((static_cast<Uint128>(y) * kHashes) >> 64);
  }

  MinHashMode mode_;
  std::vector<uint64_t> a_, b_;
  TokenizedText tokens_;
  std::vector<uint64_t> token_hashes_, shingles_;
};

// Throughput in MB/s (thread CPU time) of `pass` over the corpus, best of three, measured
// before the timed benchmarks so that ratios compare runs under the same machine load.
template <typename Pass>
double BestMBps(const Pass& pass) {
  const Data& data = Corpus();
  double best = 0;
  for (int rep = 0; rep < 3; ++rep) {
    const double start = ThreadCpuSeconds();
    pass();
    const double s = ThreadCpuSeconds() - start;
    best = std::max(best, static_cast<double>(data.bytes) / s / 1e6);
  }
  return best;
}

double BaselineMBps() {
  static const double mbps =
      BestMBps([] { benchmark::DoNotOptimize(BaselineSignatures(Corpus())); });
  return mbps;
}

void PreviousSignatures(MinHashMode mode) {
  PreviousPath previous(mode);
  std::vector<uint32_t> sig(kHashes);
  for (const Document& doc : Corpus().docs) {
    previous.Signature(doc.text, sig.data());
    benchmark::DoNotOptimize(sig.data());
  }
}

double PreviousMBps(MinHashMode mode) {
  static const double classic = BestMBps([] { PreviousSignatures(MinHashMode::kClassic); });
  static const double oph = BestMBps([] { PreviousSignatures(MinHashMode::kOnePermutation); });
  return mode == MinHashMode::kClassic ? classic : oph;
}

void Report(benchmark::State& state, size_t bytes_per_iteration) {
  const double total = static_cast<double>(bytes_per_iteration) * state.iterations();
  state.SetBytesProcessed(static_cast<int64_t>(total));
  state.counters["MBps"] = benchmark::Counter(total / 1e6, benchmark::Counter::kIsRate);
}

// Counter::kIsRate divides by the run time, so a ratio counter divides this run's rate by a
// rate measured earlier in the same process.
void ReportRatio(benchmark::State& state, const char* name, double reference_mbps) {
  const double total = static_cast<double>(Corpus().bytes) * state.iterations();
  state.counters[name] =
      benchmark::Counter(total / 1e6 / reference_mbps, benchmark::Counter::kIsRate);
}

// The signature path: word 5-gram hashes straight from the text (Shingler's fused path),
// then the signature.
void BM_Signature(benchmark::State& state, MinHashMode mode) {
  const Data& data = Corpus();
  BaselineMBps();  // measured before the timed loop
  PreviousMBps(mode);
  Shingler shingler = *Shingler::Create({});
  MinHasher hasher = *MinHasher::Create({kHashes, mode, 1});
  std::vector<uint64_t> token_hashes, hashes;
  std::vector<uint32_t> sig(kHashes);
  for (auto _ : state) {
    for (const Document& doc : data.docs) {
      hashes.clear();
      shingler.AppendTextWordShingleHashes(doc.text, &token_hashes, &hashes);
      hasher.Compute(hashes, sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  Report(state, data.bytes);
  ReportRatio(state, "x_previous", PreviousMBps(mode));
  ReportRatio(state, "x_baseline", BaselineMBps());
  state.counters["previous_MBps"] = PreviousMBps(mode);
  state.counters["baseline_MBps"] = BaselineMBps();
}
BENCHMARK_CAPTURE(BM_Signature, classic, MinHashMode::kClassic)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Signature, one_permutation, MinHashMode::kOnePermutation)
    ->Unit(benchmark::kMillisecond);

// The same signatures through a token list (Tokenize + AppendWordShingleHashes), the path
// callers take when they need the tokens anyway (passage windows, the index).
void BM_SignatureViaTokens(benchmark::State& state, MinHashMode mode) {
  const Data& data = Corpus();
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
  Report(state, data.bytes);
}
BENCHMARK_CAPTURE(BM_SignatureViaTokens, classic, MinHashMode::kClassic)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SignatureViaTokens, one_permutation, MinHashMode::kOnePermutation)
    ->Unit(benchmark::kMillisecond);

void BM_PreviousSignature(benchmark::State& state, MinHashMode mode) {
  for (auto _ : state) PreviousSignatures(mode);
  Report(state, Corpus().bytes);
}
BENCHMARK_CAPTURE(BM_PreviousSignature, classic, MinHashMode::kClassic)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PreviousSignature, one_permutation, MinHashMode::kOnePermutation)
    ->Unit(benchmark::kMillisecond);

void BM_ScalarBaseline(benchmark::State& state) {
  const Data& data = Corpus();
  for (auto _ : state) benchmark::DoNotOptimize(BaselineSignatures(data));
  Report(state, data.bytes);
}
BENCHMARK(BM_ScalarBaseline)->Unit(benchmark::kMillisecond);

// Where the time goes: the tokenizer alone (SIMD scanner, and the byte-by-byte one it
// replaced), token hashes straight from the text, and the hash + update work alone.
void BM_TokenizeOnly(benchmark::State& state, void (*tokenize)(std::string_view, TokenizedText*)) {
  const Data& data = Corpus();
  TokenizedText tokens;
  for (auto _ : state) {
    for (const Document& doc : data.docs) {
      tokenize(doc.text, &tokens);
      benchmark::DoNotOptimize(tokens.tokens.data());
    }
  }
  Report(state, data.bytes);
}
BENCHMARK_CAPTURE(BM_TokenizeOnly, simd, &Tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TokenizeOnly, scalar, &TokenizeScalar)->Unit(benchmark::kMillisecond);

void BM_HashTokensOnly(benchmark::State& state) {
  const Data& data = Corpus();
  std::vector<uint64_t> hashes;
  for (auto _ : state) {
    for (const Document& doc : data.docs) {
      HashTokens(doc.text, 0, &hashes);
      benchmark::DoNotOptimize(hashes.data());
    }
  }
  Report(state, data.bytes);
}
BENCHMARK(BM_HashTokensOnly)->Unit(benchmark::kMillisecond);

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
  Report(state, data.bytes);
}
BENCHMARK_CAPTURE(BM_HashAndUpdateOnly, classic, MinHashMode::kClassic)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_HashAndUpdateOnly, one_permutation, MinHashMode::kOnePermutation)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace crossclaim
