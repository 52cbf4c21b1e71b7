// `crossclaim generate`: a seeded news-like corpus with planted near-duplicates and pasted
// passages, as JSON Lines, with the planted copies as ground truth.
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "core/json_text.h"
#include "datasets/generator/corpus_generator.h"

namespace crossclaim::cli {
namespace {

struct GenerateFlags {
  size_t docs = 0;
  uint64_t seed = 1;
  double near_duplicates = GeneratorOptions().near_duplicate_fraction;
  double copied_passages = GeneratorOptions().copied_passage_fraction;
  double edit_rate = GeneratorOptions().edit_rate;
  std::string output;
  std::string truth;
};

Status WriteTruth(const GeneratedCorpus& corpus, const std::string& path) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return NotFound(path + ": cannot open for writing");
  for (const PlantedCopy& c : corpus.planted) {
    nlohmann::ordered_json line = {{"source", corpus.documents[c.source].id},
                                   {"copy", corpus.documents[c.copy].id},
                                   {"kind", c.whole_document ? "document" : "passage"}};
    file << DumpJson(line) << '\n';
  }
  file.flush();
  if (!file) return DataLoss(path + ": write failed");
  return Status::Ok();
}

int RunGenerate(const GenerateFlags& flags) {
  auto fraction = [](const char* name, double value) -> Status {
    if (value >= 0.0 && value <= 1.0) return Status::Ok();
    return InvalidArgument(std::string(name) + " must be in [0, 1] (got " + std::to_string(value) +
                           ")");
  };
  for (Status s : {fraction("--near-duplicates", flags.near_duplicates),
                   fraction("--copied-passages", flags.copied_passages),
                   fraction("--edit-rate", flags.edit_rate)}) {
    if (!s.ok()) return Fail(s);
  }
  if (flags.near_duplicates + flags.copied_passages > 1.0) {
    return Fail(InvalidArgument("--near-duplicates + --copied-passages must be <= 1"));
  }
  GeneratorOptions options;
  options.num_documents = flags.docs;
  options.seed = flags.seed;
  options.near_duplicate_fraction = flags.near_duplicates;
  options.copied_passage_fraction = flags.copied_passages;
  options.edit_rate = flags.edit_rate;
  GeneratedCorpus corpus = GenerateCorpus(options);
  if (Status s = SaveJsonLines(corpus.documents, flags.output); !s.ok()) return Fail(s);
  if (!flags.truth.empty()) {
    if (Status s = WriteTruth(corpus, flags.truth); !s.ok()) return Fail(s);
  }
  std::fprintf(stderr, "crossclaim: wrote %zu documents (%zu planted copies) to %s\n",
               corpus.documents.size(), corpus.planted.size(), flags.output.c_str());
  return kExitOk;
}

const CommandRegistration kGenerate{
    "generate", "Write a seeded news-like corpus with planted copies (for tests and benchmarks)",
    90, [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<GenerateFlags>();
      app.add_option("--docs", flags->docs, "Number of documents")->required();
      app.add_option("--seed", flags->seed, "Random seed")->capture_default_str();
      app.add_option("--near-duplicates", flags->near_duplicates,
                     "Fraction of documents that are lightly edited copies of an earlier one")
          ->capture_default_str();
      app.add_option("--copied-passages", flags->copied_passages,
                     "Fraction of documents that paste 1-3 sentences of an earlier one")
          ->capture_default_str();
      app.add_option("--edit-rate", flags->edit_rate,
                     "Per-word edit probability in near-duplicates")
          ->capture_default_str();
      app.add_option("-o,--output", flags->output, "Output JSON Lines file")->required();
      app.add_option("--truth", flags->truth, "Also write the planted copies as JSON Lines");
      return [flags] { return RunGenerate(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
