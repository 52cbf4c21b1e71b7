// `crossclaim pairs FILE.tsv`: similarity features and divergence flags of text pairs
// (rows id<TAB>text_a<TAB>text_b), one JSON line per pair; `crossclaim eval` scores them.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "eval/io.h"
#include "cluster/divergence.h"
#include "core/claims.h"
#include "similarity/pair_features.h"

namespace crossclaim::cli {
namespace {

struct PairsFlags {
  std::string input;
  std::string idf_path;
  double char_weight = PairScorerOptions().char_weight;
  int threads = 0;
};

double Round6(double x) { return std::round(x * 1e6) / 1e6; }

int RunPairs(const PairsFlags& flags) {
  PairScorerOptions options;
  options.char_weight = flags.char_weight;
  options.threads = flags.threads;
  Result<PairScorer> scorer = PairScorer::Create(options);
  if (!scorer.ok()) return Fail(scorer.status());
  if (!flags.idf_path.empty()) {
    if (Status s = scorer->LoadIdf(flags.idf_path); !s.ok()) return Fail(s);
  }
  int skipped = 0;
  Result<std::vector<TsvRow>> rows = ReadTsv(flags.input, 3, &skipped);
  if (!rows.ok()) return Fail(rows.status());
  std::vector<std::string> texts;
  texts.reserve(2 * rows->size());
  for (const TsvRow& row : *rows) {
    texts.push_back(row.fields[1]);
    texts.push_back(row.fields[2]);
  }
  scorer->Fit(texts);
  const PairVectors vectors = scorer->Transform(texts);
  const DivergenceOptions divergence;
  for (size_t i = 0; i < rows->size(); ++i) {
    const int32_t a = static_cast<int32_t>(2 * i);
    const PairFeatures f = scorer->Score(texts[a], texts[a + 1], vectors, a, a + 1);
    std::vector<std::string> kinds;
    for (const Divergence& d :
         FindDivergences(AnalyzeSentence(texts[a]), AnalyzeSentence(texts[a + 1]), divergence)) {
      const std::string kind(KindName(d.kind));
      if (kinds.empty() || kinds.back() != kind) kinds.push_back(kind);
    }
    nlohmann::ordered_json line;
    line["id"] = (*rows)[i].fields[0];
    line["jaccard_word"] = Round6(f.jaccard_word);
    line["jaccard_char"] = Round6(f.jaccard_char);
    line["cosine"] = Round6(f.cosine);
    line["divergent"] = !kinds.empty();
    line["divergence_kinds"] = kinds;
    line["cosine_word"] = Round6(f.cosine_word);
    line["cosine_char"] = Round6(f.cosine_char);
    std::cout << line.dump() << "\n";
  }
  std::fprintf(stderr, "crossclaim: %zu pairs scored, %d row(s) of %s skipped\n", rows->size(),
               skipped, flags.input.c_str());
  return kExitOk;
}

const CommandRegistration kPairs{
    "pairs",
    "Similarity features and divergence flags of text pairs (TSV id, text_a, text_b) as JSON "
    "Lines",
    60, [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<PairsFlags>();
      app.add_option("input", flags->input,
                     "TSV rows id<TAB>text_a<TAB>text_b (more columns "
                     "ignored)")
          ->required();
      app.add_option("--idf", flags->idf_path,
                     "Background word idf from `crossclaim idf` (added to the file's counts)");
      app.add_option("--char-weight", flags->char_weight,
                     "Weight of the character n-gram cosine in `cosine`, in [0, 1]")
          ->capture_default_str();
      app.add_option("--threads", flags->threads, "Worker threads (0: all cores)")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      return [flags] { return RunPairs(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
