// Reading JSON Lines: ReadInputsInBatches over a generated corpus file, the way `crossclaim
// dedup` streams its input (batches of 4096 documents), without any analysis.
//
//   BM_ReadJsonLines/N   N generated documents (GenerateCorpus, seed 1) written once to a
//                        temporary file, then read; bytes/s is the file size per second.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "core/ingest.h"
#include "datasets/generator/corpus_generator.h"

namespace crossclaim {
namespace {

constexpr size_t kBatchDocuments = 4096;

// The file of `count` generated documents, written on first use (kept for the process).
const std::string& CorpusFile(size_t count) {
  static std::mutex mutex;
  static std::map<size_t, std::string> files;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = files.find(count);
  if (it != files.end()) return it->second;
  GeneratorOptions options;
  options.num_documents = count;
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("crossclaim_ingest_benchmark_" + std::to_string(count) + ".jsonl"))
                               .string();
  WriteJsonLines(GenerateCorpus(options).documents, path);
  return files.emplace(count, path).first->second;
}

void BM_ReadJsonLines(benchmark::State& state) {
  const std::string& path = CorpusFile(static_cast<size_t>(state.range(0)));
  size_t documents = 0;
  for (auto _ : state) {
    documents = 0;
    Status status = ReadInputsInBatches({path}, {}, kBatchDocuments, [&](Corpus& batch) {
      documents += batch.documents.size();
      benchmark::DoNotOptimize(batch.documents.data());
      return Status::Ok();
    });
    if (!status.ok()) state.SkipWithError(status.message().c_str());
  }
  state.counters["documents"] = static_cast<double>(documents);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(std::filesystem::file_size(path)));
}
BENCHMARK(BM_ReadJsonLines)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace crossclaim
