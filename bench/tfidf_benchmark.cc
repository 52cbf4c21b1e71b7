// TF-IDF and thresholded all-pairs cosine on generated sentence claims
// (GenerateSentences, datasets/generator/corpus_generator.h).
//
//   BM_Vectorize/N       Tokenize + analyse + fit + transform from raw text (bytes/s = MB/s).
//   BM_AllPairs/N        AllPairsCosine at threshold 0.5 on the fitted matrix.
//   BM_EndToEnd/N        both, from raw text to sorted pairs (what bench/tfidf_peers.sh
//                        compares with scikit-learn).
// Counters: pairs, nnz, peak_rss_mb (getrusage: the process's peak so far, so run one size
// per process with --benchmark_filter for a per-size figure). N = 10k and 100k by default;
// CROSSCLAIM_BENCH_1M=1 adds 1M.
//
// Side-by-side mode (used by bench/tfidf_peers.sh): with CROSSCLAIM_TFIDF_PEER_DIR=DIR and
// CROSSCLAIM_TFIDF_PEER_COUNT=N, BM_PeerEndToEnd writes DIR/terms.txt (each sentence's
// analysed terms, space separated, one sentence per line: scikit-learn's input) before
// timing, times the end-to-end run from raw text, and writes DIR/pairs.tsv (`a b cosine`).
// It runs on CROSSCLAIM_TFIDF_PEER_THREADS worker threads (default 1, as scikit-learn's
// sparse product runs on one core) and reports the process's CPU time beside the wall time.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <string>

#include "core/text.h"
#include "datasets/generator/corpus_generator.h"
#include "similarity/cosine.h"
#include "similarity/tfidf.h"

namespace crossclaim {
namespace {

constexpr uint64_t kSeed = 42;
constexpr double kThreshold = 0.5;

const std::vector<std::string>& Sentences(size_t count) {
  static std::mutex mutex;
  static std::map<size_t, std::vector<std::string>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(count);
  if (it == cache.end()) it = cache.emplace(count, GenerateSentences(kSeed, count)).first;
  return it->second;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

size_t TotalBytes(const std::vector<std::string>& sentences) {
  size_t bytes = 0;
  for (const std::string& s : sentences) bytes += s.size();
  return bytes;
}

TokenLists TokenizeAll(const std::vector<std::string>& sentences) {
  TokenLists docs(sentences.size());
  TokenizedText t;
  for (size_t i = 0; i < sentences.size(); ++i) {
    Tokenize(sentences[i], &t);
    docs[i].reserve(t.size());
    for (size_t k = 0; k < t.size(); ++k) docs[i].emplace_back(t.norm(k));
  }
  return docs;
}

TfidfMatrix Vectorize(const std::vector<std::string>& sentences, TfidfVectorizer* vectorizer) {
  return vectorizer->FitTransform(TokenizeAll(sentences));
}

std::vector<CosinePair> AllPairs(const TfidfMatrix& x, int threads = 0) {
  AllPairsOptions options;
  options.threshold = kThreshold;
  options.threads = threads;
  Result<std::vector<CosinePair>> pairs = AllPairsCosine(x, {}, options);
  if (!pairs.ok()) std::abort();
  return std::move(pairs).value();
}

TfidfVectorizer NewVectorizer() { return std::move(TfidfVectorizer::Create({})).value(); }

void BM_Vectorize(benchmark::State& state) {
  const auto& sentences = Sentences(state.range(0));
  int64_t nnz = 0;
  for (auto _ : state) {
    TfidfVectorizer v = NewVectorizer();
    TfidfMatrix x = Vectorize(sentences, &v);
    nnz = x.nonZeros();
    benchmark::DoNotOptimize(x.valuePtr());
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(sentences));
  state.counters["nnz"] = static_cast<double>(nnz);
  state.counters["peak_rss_mb"] = PeakRssMb();
}

void BM_AllPairs(benchmark::State& state) {
  const auto& sentences = Sentences(state.range(0));
  TfidfVectorizer v = NewVectorizer();
  const TfidfMatrix x = Vectorize(sentences, &v);
  size_t pairs = 0;
  for (auto _ : state) pairs = AllPairs(x).size();
  state.counters["pairs"] = static_cast<double>(pairs);
  state.counters["nnz"] = static_cast<double>(x.nonZeros());
  state.counters["peak_rss_mb"] = PeakRssMb();
}

void BM_EndToEnd(benchmark::State& state) {
  const auto& sentences = Sentences(state.range(0));
  size_t pairs = 0;
  for (auto _ : state) {
    TfidfVectorizer v = NewVectorizer();
    pairs = AllPairs(Vectorize(sentences, &v)).size();
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes(sentences));
  state.counters["pairs"] = static_cast<double>(pairs);
  state.counters["peak_rss_mb"] = PeakRssMb();
}

void BM_PeerEndToEnd(benchmark::State& state, std::string dir, size_t count, int threads) {
  const auto& sentences = Sentences(count);
  {
    TfidfVectorizer v = NewVectorizer();
    std::ofstream out(dir + "/terms.txt");
    for (const auto& tokens : TokenizeAll(sentences)) {
      const std::vector<std::string> terms = v.Analyze(tokens);
      for (size_t i = 0; i < terms.size(); ++i) out << (i ? " " : "") << terms[i];
      out << "\n";
    }
  }
  std::vector<CosinePair> pairs;
  for (auto _ : state) {
    TfidfVectorizer v = NewVectorizer();
    pairs = AllPairs(Vectorize(sentences, &v), threads);
  }
  std::ofstream out(dir + "/pairs.tsv");
  for (const CosinePair& p : pairs) out << p.a << ' ' << p.b << ' ' << p.cosine << '\n';
  state.counters["pairs"] = static_cast<double>(pairs.size());
  state.counters["peak_rss_mb"] = PeakRssMb();
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->Arg(10'000)->Arg(100'000);
  const char* big = std::getenv("CROSSCLAIM_BENCH_1M");
  if (big != nullptr && std::string(big) == "1") b->Arg(1'000'000);
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_Vectorize)->Apply(Sizes);
BENCHMARK(BM_AllPairs)->Apply(Sizes);
BENCHMARK(BM_EndToEnd)->Apply(Sizes);

const bool kPeerRegistered = [] {
  const char* dir = std::getenv("CROSSCLAIM_TFIDF_PEER_DIR");
  if (dir == nullptr) return false;
  const char* count = std::getenv("CROSSCLAIM_TFIDF_PEER_COUNT");
  const size_t n = count != nullptr ? std::strtoull(count, nullptr, 10) : 100'000;
  const char* threads = std::getenv("CROSSCLAIM_TFIDF_PEER_THREADS");
  const int t = threads != nullptr ? std::atoi(threads) : 1;
  benchmark::RegisterBenchmark("BM_PeerEndToEnd", BM_PeerEndToEnd, std::string(dir), n, t)
      ->Unit(benchmark::kMillisecond)
      ->MeasureProcessCPUTime()
      ->UseRealTime();
  return true;
}();

}  // namespace
}  // namespace crossclaim
