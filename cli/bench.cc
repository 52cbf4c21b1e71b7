// `crossclaim bench`: times each pipeline stage on a seeded news-like corpus generated in
// memory, and prints throughput, wall and CPU time and peak memory per stage.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/command.h"
#include "cluster/event_analysis.h"
#include "core/claims.h"
#include "core/json_text.h"
#include "core/progress.h"
#include "core/text.h"
#include "core/utf8.h"
#include "datasets/generator/corpus_generator.h"
#include "similarity/cosine.h"
#include "similarity/dedup.h"
#include "similarity/tfidf.h"

namespace crossclaim::cli {
namespace {

// AnalyzeEvent is one event's machinery: its claim graph grows with the square of the
// documents on this generated corpus, where every claim shares vocabulary with many others.
constexpr size_t kMaxEventDocuments = 2000;
const std::vector<std::string> kStages = {"tokenise", "claims", "dedup", "dedup-oph",
                                          "tfidf",    "cosine", "event"};

struct BenchFlags {
  size_t docs = 10000;
  size_t event_docs = 500;
  int threads = 0;
  uint64_t seed = 1;
  std::string format = "text";
  std::string stages = "all";
};

// One timed stage. `documents` and `bytes` are its input; `items` what it produced.
struct StageResult {
  std::string stage = "";
  size_t documents = 0;
  size_t bytes = 0;
  size_t items = 0;
  std::string item_kind = "";
  size_t pairs = 0;  // pairs produced (0 and pairs_kind empty when the stage makes none)
  std::string pairs_kind = "";
  int threads = 1;
  double wall_seconds = 0;
  double cpu_seconds = 0;
  double peak_rss_mb = 0;     // ru_maxrss after the stage
  double peak_growth_mb = 0;  // how much the stage raised the process peak
  std::string note = "";
  std::vector<StageTime> parts = {};  // the stage's own breakdown, when it reports one
};

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

// Runs `work` under a one-step progress line and fills the timing and memory fields.
Status Timed(StageResult* result, const std::function<Status()>& work) {
  Progress progress(result->stage, 1);
  const double rss_before = PeakRssMb();
  const double cpu_before = CpuSeconds();
  const auto start = std::chrono::steady_clock::now();
  Status status = work();
  result->wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result->cpu_seconds = CpuSeconds() - cpu_before;
  result->peak_rss_mb = PeakRssMb();
  result->peak_growth_mb = std::max(0.0, result->peak_rss_mb - rss_before);
  progress.Add(1);
  progress.Finish();
  return status;
}

size_t TextBytes(const std::vector<Document>& documents) {
  size_t bytes = 0;
  for (const Document& d : documents) bytes += d.text.size();
  return bytes;
}

int Workers(int threads) {
  if (threads > 0) return threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Tokenize over every text, `threads` workers taking documents in turn.
size_t TokenizeAll(const std::vector<Document>& documents, int threads) {
  std::atomic<size_t> next{0};
  std::atomic<size_t> tokens{0};
  auto worker = [&] {
    TokenizedText out;
    size_t local = 0;
    for (size_t i = next++; i < documents.size(); i = next++) {
      Tokenize(documents[i].text, &out);
      local += out.size();
    }
    tokens += local;
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  return tokens.load();
}

Result<std::set<std::string>> ParseStages(const std::string& list) {
  std::set<std::string> chosen;
  std::stringstream in(list);
  for (std::string name; std::getline(in, name, ',');) {
    if (name.empty()) continue;
    if (name == "all") {
      chosen.insert(kStages.begin(), kStages.end());
    } else if (std::find(kStages.begin(), kStages.end(), name) != kStages.end()) {
      chosen.insert(name);
    } else {
      return InvalidArgument(
          fmt::format("--stages: unknown stage \"{}\" (expected all or a "
                      "comma-separated list of {})",
                      QuoteInput(name), fmt::join(kStages, ", ")));
    }
  }
  if (chosen.empty()) return InvalidArgument("--stages must name at least one stage");
  return chosen;
}

// Runs the chosen stages in pipeline order; stages that others need (claims, TF-IDF) run
// unreported when not chosen themselves.
Result<std::vector<StageResult>> RunStages(const Corpus& corpus,
                                           const std::set<std::string>& chosen, int threads,
                                           size_t event_docs) {
  std::vector<StageResult> results;
  const std::vector<Document>& docs = corpus.documents;
  const size_t bytes = TextBytes(docs);
  const int workers = Workers(threads);
  auto want = [&](const char* stage) { return chosen.count(stage) > 0; };

  if (want("tokenise")) {
    StageResult r{.stage = "tokenise",
                  .documents = docs.size(),
                  .bytes = bytes,
                  .item_kind = "tokens",
                  .threads = workers};
    Timed(&r, [&] {
      r.items = TokenizeAll(docs, workers);
      return Status::Ok();
    });
    results.push_back(r);
  }

  ClaimSet claims;
  const bool need_claims = want("claims") || want("tfidf") || want("cosine");
  if (need_claims) {
    StageResult r{.stage = "claims",
                  .documents = docs.size(),
                  .bytes = bytes,
                  .item_kind = "claims",
                  .note = "boilerplate removal + claim features; serial"};
    Timed(&r, [&] {
      claims = ExtractCorpusClaims(corpus, BoilerplateOptions(), ClaimOptions());
      r.items = claims.claims.size();
      return Status::Ok();
    });
    if (want("claims")) results.push_back(r);
  }

  for (const char* stage : {"dedup", "dedup-oph"}) {
    if (!want(stage)) continue;
    DedupOptions options;
    options.threads = static_cast<size_t>(threads);
    options.show_progress = true;
    const bool oph = std::string(stage) == "dedup-oph";
    if (oph) options.minhash.mode = MinHashMode::kOnePermutation;
    StageResult r{
        .stage = stage,
        .documents = docs.size(),
        .bytes = bytes,
        .item_kind = "candidates",
        .pairs_kind = "copies",
        .threads = workers,
        .note = fmt::format("document level, Jaccard >= {}, K = {} {}", options.threshold,
                            options.minhash.num_hashes, oph ? "one-permutation" : "classic")};
    Status status = Timed(&r, [&]() -> Status {
      Result<DedupResult> copies = FindCopies(docs, options);
      if (!copies.ok()) return copies.status();
      r.items = copies->stats.candidate_pairs;
      r.pairs = copies->pairs.size();
      return Status::Ok();
    });
    if (!status.ok()) return status;
    results.push_back(r);
  }

  size_t claim_bytes = 0;
  TokenLists tokens;
  std::vector<int32_t> groups;
  for (const Claim& c : claims.claims) {
    claim_bytes += c.text.size();
    tokens.push_back(c.tokens);
    groups.push_back(c.doc);
  }
  TfidfMatrix matrix;
  if (want("tfidf") || want("cosine")) {
    TfidfOptions options;
    options.threads = threads;
    Result<TfidfVectorizer> vectorizer = TfidfVectorizer::Create(options);
    if (!vectorizer.ok()) return vectorizer.status();
    StageResult r{.stage = "tfidf",
                  .documents = docs.size(),
                  .bytes = claim_bytes,
                  .item_kind = "claims",
                  .threads = workers,
                  .note = "fit + transform of the claims' tokens; bytes = claim text"};
    Timed(&r, [&] {
      matrix = vectorizer->FitTransform(tokens);
      r.items = static_cast<size_t>(matrix.rows());
      return Status::Ok();
    });
    if (want("tfidf")) results.push_back(r);
  }

  if (want("cosine")) {
    AllPairsOptions options;
    options.threshold = 0.5;
    options.threads = threads;
    StageResult r{.stage = "cosine",
                  .documents = docs.size(),
                  .bytes = claim_bytes,
                  .item_kind = "claims",
                  .pairs_kind = "claim pairs",
                  .threads = workers,
                  .note = "all pairs of claims of different documents, cosine >= 0.5"};
    Status status = Timed(&r, [&]() -> Status {
      Result<std::vector<CosinePair>> pairs = AllPairsCosine(matrix, groups, options);
      if (!pairs.ok()) return pairs.status();
      r.items = static_cast<size_t>(matrix.rows());
      r.pairs = pairs->size();
      return Status::Ok();
    });
    if (!status.ok()) return status;
    results.push_back(r);
  }

  if (want("event")) {
    Corpus subset;
    const size_t n = std::min(docs.size(), event_docs);
    subset.documents.assign(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(n));
    ClaimSet subset_claims = ExtractCorpusClaims(subset, BoilerplateOptions(), ClaimOptions());
    AnalysisOptions options;
    options.threads = threads;
    options.dedup.threads = static_cast<size_t>(threads);
    StageResult r{.stage = "event",
                  .documents = n,
                  .bytes = TextBytes(subset.documents),
                  .item_kind = "clusters",
                  .pairs_kind = "claim edges",
                  .threads = workers,
                  .note = fmt::format("AnalyzeEvent on the first {} documents as one event "
                                      "(one event's machinery, not a whole feed); claims "
                                      "extracted beforehand, untimed",
                                      n)};
    Status status = Timed(&r, [&]() -> Status {
      Result<EventAnalysis> event = AnalyzeEvent(subset, subset_claims, options);
      if (!event.ok()) return event.status();
      r.items = event->clusters.size();
      r.pairs = event->edges.size();
      r.parts = event->timings;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    results.push_back(r);
  }
  return results;
}

double PerSecond(double amount, double seconds) { return seconds > 0 ? amount / seconds : 0.0; }

nlohmann::ordered_json StageJson(const StageResult& r) {
  nlohmann::ordered_json j = {
      {"stage", r.stage},
      {"documents", r.documents},
      {"bytes", r.bytes},
      {"items", r.items},
      {"item_kind", r.item_kind},
      {"threads", r.threads},
      {"wall_seconds", r.wall_seconds},
      {"cpu_seconds", r.cpu_seconds},
      {"mb_per_second", PerSecond(static_cast<double>(r.bytes) / 1e6, r.wall_seconds)},
      {"documents_per_second", PerSecond(static_cast<double>(r.documents), r.wall_seconds)}};
  if (!r.pairs_kind.empty()) {
    j["pairs"] = r.pairs;
    j["pairs_kind"] = r.pairs_kind;
    j["pairs_per_second"] = PerSecond(static_cast<double>(r.pairs), r.wall_seconds);
  }
  j["peak_rss_mb"] = r.peak_rss_mb;
  j["peak_growth_mb"] = r.peak_growth_mb;
  j["note"] = r.note;
  if (!r.parts.empty()) {
    j["parts"] = nlohmann::ordered_json::array();
    for (const StageTime& t : r.parts)
      j["parts"].push_back({{"part", t.stage}, {"wall_seconds", t.seconds}});
  }
  return j;
}

void PrintText(const BenchFlags& flags, size_t bytes, double generate_seconds,
               const std::vector<StageResult>& results) {
  std::cout << fmt::format(
      "crossclaim bench: {} documents, {:.1f} MB (seed {}, generated in {:.2f} s), {} threads\n\n",
      flags.docs, static_cast<double>(bytes) / 1e6, flags.seed, generate_seconds,
      Workers(flags.threads));
  std::cout << fmt::format("{:<10} {:>8} {:>8} {:>8} {:>9} {:>10} {:>9} {:>8}  {}\n", "stage",
                           "wall s", "cpu s", "MB/s", "docs/s", "pairs/s", "peak MB", "+MB",
                           "output");
  for (const StageResult& r : results) {
    std::string pairs_per_s =
        r.pairs_kind.empty()
            ? "-"
            : fmt::format("{:.0f}", PerSecond(static_cast<double>(r.pairs), r.wall_seconds));
    std::string output = fmt::format("{} {}", r.items, r.item_kind);
    if (!r.pairs_kind.empty()) output += fmt::format(", {} {}", r.pairs, r.pairs_kind);
    std::cout << fmt::format(
        "{:<10} {:>8.3f} {:>8.3f} {:>8.1f} {:>9.0f} {:>10} {:>9.0f} {:>8.0f}  {}\n", r.stage,
        r.wall_seconds, r.cpu_seconds,
        PerSecond(static_cast<double>(r.bytes) / 1e6, r.wall_seconds),
        PerSecond(static_cast<double>(r.documents), r.wall_seconds), pairs_per_s, r.peak_rss_mb,
        r.peak_growth_mb, output);
  }
  std::cout << "\n";
  for (const StageResult& r : results) {
    if (!r.note.empty()) std::cout << fmt::format("{:<10} {}\n", r.stage, r.note);
    if (!r.parts.empty()) {
      std::vector<std::string> parts;
      for (const StageTime& t : r.parts)
        parts.push_back(fmt::format("{} {:.3f} s", t.stage, t.seconds));
      std::cout << fmt::format("{:<10} parts: {}\n", "", fmt::join(parts, ", "));
    }
  }
  std::cout << "MB/s = input bytes / wall time (1 MB = 10^6 bytes); peak MB = process ru_maxrss "
               "after the stage; +MB = how much the stage raised it.\n";
}

int RunBench(const BenchFlags& flags) {
  if (flags.docs == 0) return Fail(InvalidArgument("--docs must be > 0 (got 0)"));
  if (flags.threads < 0) {
    return Fail(InvalidArgument(fmt::format("--threads must be >= 0 (got {})", flags.threads)));
  }
  if (flags.event_docs == 0 || flags.event_docs > kMaxEventDocuments) {
    return Fail(InvalidArgument(fmt::format("--event-docs must be in [1, {}] (got {})",
                                            kMaxEventDocuments, flags.event_docs)));
  }
  Result<std::set<std::string>> chosen = ParseStages(flags.stages);
  if (!chosen.ok()) return Fail(chosen.status());

  GeneratorOptions generator;
  generator.num_documents = flags.docs;
  generator.seed = flags.seed;
  const auto start = std::chrono::steady_clock::now();
  Corpus corpus;
  corpus.documents = GenerateCorpus(generator).documents;
  const double generate_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const size_t bytes = TextBytes(corpus.documents);

  Result<std::vector<StageResult>> results =
      RunStages(corpus, *chosen, flags.threads, flags.event_docs);
  if (!results.ok()) return Fail(results.status());
  if (flags.format == "json") {
    nlohmann::ordered_json out = {{"corpus",
                                   {{"documents", corpus.documents.size()},
                                    {"bytes", bytes},
                                    {"seed", flags.seed},
                                    {"generate_seconds", generate_seconds}}},
                                  {"threads", Workers(flags.threads)},
                                  {"stages", nlohmann::ordered_json::array()}};
    for (const StageResult& r : *results) out["stages"].push_back(StageJson(r));
    std::cout << DumpJson(out, 2) << "\n";
  } else {
    PrintText(flags, bytes, generate_seconds, *results);
  }
  return kExitOk;
}

const CommandRegistration kBench{
    "bench", "Time each stage on a generated news-like corpus (throughput, CPU, memory)", 95,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<BenchFlags>();
      app.add_option("--docs", flags->docs, "Documents to generate (~3 kB each)")
          ->check(CLI::PositiveNumber)
          ->capture_default_str();
      app.add_option("--event-docs", flags->event_docs,
                     "Documents (the first ones) that the event stage analyses as one event; at "
                     "most 2000")
          ->capture_default_str();
      app.add_option("--threads", flags->threads, "Worker threads (0: all cores)")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      app.add_option("--seed", flags->seed, "Generator seed")->capture_default_str();
      app.add_option("--format", flags->format, "Output format")
          ->check(CLI::IsMember({"text", "json"}))
          ->capture_default_str();
      app.add_option("--stages", flags->stages,
                     "all, or a comma-separated list of: tokenise, claims, dedup, dedup-oph, "
                     "tfidf, cosine, event")
          ->capture_default_str();
      return [flags] { return RunBench(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
