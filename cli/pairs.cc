// `crossclaim pairs FILE.tsv`: similarity features and divergence flags of text pairs
// (rows id<TAB>text_a<TAB>text_b), one JSON line per pair; `crossclaim eval` scores them.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cluster/divergence.h"
#include "cluster/event_analysis.h"
#include "core/claims.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "eval/io.h"
#include "similarity/pair_features.h"
#include "similarity/pair_model.h"
#include "similarity/stance.h"
#include "similarity/wordnet.h"

namespace crossclaim::cli {
namespace {

struct PairsFlags {
  std::string input;
  std::string idf_path;
  std::string wordnet_dir{kDefaultWordNetDir};
  std::string model_path;
  std::string fold_models;
  double char_weight = PairScorerOptions().char_weight;
  int latent_dims = 100;
  int threads = 0;
};

double Round6(double x) { return std::round(x * 1e6) / 1e6; }

// WordNet from `dir`; when it cannot be read the features fall back to equal words, and the
// user is told why (the scores are then lower on paraphrases), rather than failing.
std::shared_ptr<const WordNet> LoadWordNetOrWarn(const std::string& dir) {
  if (dir.empty() || dir == "none") return nullptr;
  Result<WordNet> wordnet = WordNet::Load(dir);
  if (!wordnet.ok()) {
    std::fprintf(stderr,
                 "crossclaim: warning: %s; WordNet features fall back to equal words "
                 "(--wordnet none silences this)\n",
                 wordnet.status().message().c_str());
    return nullptr;
  }
  return std::make_shared<const WordNet>(std::move(*wordnet));
}

nlohmann::ordered_json PairLine(const std::string& id, const PairFeatures& f,
                                const std::vector<std::string>& kinds, double confidence,
                                const Stance& stance) {
  nlohmann::ordered_json line;
  line["id"] = id;
  line["jaccard_word"] = Round6(f.jaccard_word);
  line["jaccard_char"] = Round6(f.jaccard_char);
  line["cosine"] = Round6(f.cosine);
  line["divergent"] = !kinds.empty();
  line["divergence_kinds"] = kinds;
  line["divergence_confidence"] = Round6(confidence);
  line["cosine_word"] = Round6(f.cosine_word);
  line["cosine_char"] = Round6(f.cosine_char);
  line["score"] = Round6(f.score);
  for (const char* name :
       {"dice_word1", "dice_word2", "dice_word3", "dice_content", "wordnet_min", "wordnet_max",
        "number_mismatch", "number_distance", "length_log_ratio2", "cosine_lsa"}) {
    line[name] = Round6(FeatureValue(f, name).value());
  }
  line["document_pair"] = f.document_pair == 1;
  // Stance of text_b towards text_a (similarity/stance.h).
  line["stance"] = stance.refutes ? "refutes" : "none";
  line["refutes_confidence"] = Round6(stance.refutes_confidence);
  line["stance_cues"] = stance.cues;
  line["stance_evidence"] = stance.evidence;
  return line;
}

// Cross-validation in one run: TSV rows id<TAB>model_path name the model that scores each
// pair (bench/eval/fit_pair_model.py cv writes it), so the features are computed once.
Result<std::map<std::string, PairModel>> LoadFoldModels(const std::string& path) {
  int skipped = 0;
  Result<std::vector<TsvRow>> rows = ReadTsv(path, 2, &skipped);
  if (!rows.ok()) return rows.status();
  std::map<std::string, PairModel> models;  // model path -> model
  std::map<std::string, PairModel> by_id;
  for (const TsvRow& row : *rows) {
    const std::string& model_path = row.fields[1];
    if (!models.contains(model_path)) {
      Result<PairModel> model = LoadPairModel(model_path);
      if (!model.ok()) return model.status();
      models.emplace(model_path, std::move(*model));
    }
    by_id.emplace(row.fields[0], models.at(model_path));
  }
  if (skipped > 0) return DataLoss(fmt::format("{}: {} malformed row(s)", path, skipped));
  return by_id;
}

int RunPairs(const PairsFlags& flags) {
  PairScorerOptions options;
  options.char_weight = flags.char_weight;
  options.latent_dims = flags.latent_dims;
  options.threads = flags.threads;
  if (!flags.model_path.empty()) {
    Result<PairModel> model = LoadPairModel(flags.model_path);
    if (!model.ok()) return Fail(model.status());
    options.model = std::move(*model);
    options.document_score = false;  // a fitted model scores every pair as it was fitted
  }
  options.wordnet = LoadWordNetOrWarn(flags.wordnet_dir);
  Result<PairScorer> scorer = PairScorer::Create(options);
  if (!scorer.ok()) return Fail(scorer.status());
  if (!flags.idf_path.empty()) {
    if (Status s = scorer->LoadIdf(flags.idf_path); !s.ok()) return Fail(s);
  }
  std::map<std::string, PairModel> fold_models;
  if (!flags.fold_models.empty()) {
    Result<std::map<std::string, PairModel>> loaded = LoadFoldModels(flags.fold_models);
    if (!loaded.ok()) return Fail(loaded.status());
    fold_models = std::move(*loaded);
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
    PairFeatures f = scorer->Score(texts[a], texts[a + 1], vectors, a, a + 1);
    if (!flags.fold_models.empty()) {
      const auto model = fold_models.find((*rows)[i].fields[0]);
      if (model == fold_models.end()) {
        return Fail(InvalidArgument(fmt::format("{}: no model for pair '{}' (line {} of {})",
                                                flags.fold_models, QuoteInput((*rows)[i].fields[0]),
                                                (*rows)[i].line, flags.input)));
      }
      f.score = model->second.Apply(f);
    }
    // `divergent`: a divergence as confident as the report shows by default; the kinds of
    // those; `divergence_confidence`: the most confident one found (0: none).
    std::vector<std::string> kinds;
    double confidence = 0;
    for (const Divergence& d :
         FindDivergences(AnalyzeSentence(texts[a]), AnalyzeSentence(texts[a + 1]), divergence)) {
      confidence = std::max(confidence, d.confidence);
      if (d.confidence < AnalysisOptions().min_divergence_confidence) continue;
      const std::string kind(KindName(d.kind));
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
    }
    const Stance stance = FindStance(texts[a], texts[a + 1]);
    std::cout << DumpJson(PairLine((*rows)[i].fields[0], f, kinds, confidence, stance)) << "\n";
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
      app.add_option("--latent-dims", flags->latent_dims,
                     "Dimensions of the latent semantic vectors of `cosine_lsa` (truncated SVD of "
                     "the file's word TF-IDF); 0: off")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      app.add_option("--wordnet", flags->wordnet_dir,
                     "WordNet database folder (Debian's wordnet-base); `none`: equal words only")
          ->capture_default_str();
      app.add_option("--model", flags->model_path,
                     "Pair model JSON for `score` (bench/eval/fit_pair_model.py); default: the "
                     "shipped one");
      app.add_option("--fold-models", flags->fold_models,
                     "TSV id<TAB>model.json: score each pair with its own model (cross-validation; "
                     "overrides --model)");
      app.add_option("--threads", flags->threads, "Worker threads (0: all cores)")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      return [flags] { return RunPairs(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
