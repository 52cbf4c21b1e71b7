#include "similarity/pair_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/utf8.h"
#include "similarity/pair_features.h"

namespace crossclaim {

std::optional<double> FeatureValue(const PairFeatures& f, std::string_view name) {
  if (const size_t times = name.find('*'); times != std::string_view::npos) {
    const std::optional<double> x = FeatureValue(f, name.substr(0, times));
    const std::optional<double> y = FeatureValue(f, name.substr(times + 1));
    if (!x || !y) return std::nullopt;
    return *x * *y;
  }
  if (name.ends_with("^2")) {
    const std::optional<double> v = FeatureValue(f, name.substr(0, name.size() - 2));
    if (!v) return std::nullopt;
    return *v * *v;
  }
  // Every numeric field of PairFeatures but `score` itself.
  const std::pair<std::string_view, double> fields[] = {
      {"jaccard_word", f.jaccard_word},
      {"jaccard_char", f.jaccard_char},
      {"cosine_word", f.cosine_word},
      {"cosine_char", f.cosine_char},
      {"cosine", f.cosine},
      {"dice_word1", f.dice_word1},
      {"dice_word2", f.dice_word2},
      {"dice_word3", f.dice_word3},
      {"dice_content", f.dice_content},
      {"wordnet_min", f.wordnet_min},
      {"wordnet_max", f.wordnet_max},
      {"number_mismatch", f.number_mismatch},
      {"number_distance", f.number_distance},
      {"length_log_ratio2", f.length_log_ratio2},
      {"cosine_lsa", f.cosine_lsa},
  };
  for (const auto& [field, value] : fields) {
    if (field == name) return value;
  }
  return std::nullopt;
}

double PairModel::Apply(const PairFeatures& f) const {
  double z = bias;
  for (size_t i = 0; i < terms.size(); ++i) z += weights[i] * FeatureValue(f, terms[i]).value();
  return logistic ? 1 / (1 + std::exp(-z)) : std::clamp(z, 0.0, 1.0);
}

Status ValidatePairModel(const PairModel& model, std::string_view source) {
  if (model.terms.size() != model.weights.size()) {
    return InvalidArgument(fmt::format("{}: {} terms but {} weights", source, model.terms.size(),
                                       model.weights.size()));
  }
  const PairFeatures probe;
  for (const std::string& term : model.terms) {
    if (!FeatureValue(probe, term)) {
      return InvalidArgument(fmt::format("{}: unknown feature '{}'", source, QuoteInput(term)));
    }
  }
  return Status::Ok();
}

Result<PairModel> ParsePairModel(std::string_view json_text, std::string_view source) {
  const nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return DataLoss(fmt::format("{}: a pair model is one JSON object", source));
  }
  PairModel model;
  try {
    model.terms = j.at("terms").get<std::vector<std::string>>();
    model.weights = j.at("weights").get<std::vector<double>>();
    model.bias = j.at("bias").get<double>();
    const std::string link = j.value("link", "logistic");
    if (link != "logistic" && link != "identity") {
      return DataLoss(fmt::format("{}: \"link\" must be \"logistic\" or \"identity\" (got '{}')",
                                  source, QuoteInput(link)));
    }
    model.logistic = link == "logistic";
  } catch (const nlohmann::json::exception&) {
    return DataLoss(fmt::format(
        "{}: needs \"terms\" (strings), \"weights\" (numbers) and \"bias\" (a number)", source));
  }
  if (Status s = ValidatePairModel(model, source); !s.ok()) return s;
  return model;
}

Result<PairModel> LoadPairModel(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(fmt::format("{}: cannot read the pair model file", path));
  std::stringstream text;
  text << in.rdbuf();
  return ParsePairModel(text.str(), path);
}

}  // namespace crossclaim

namespace crossclaim {

const PairModel& DefaultPairModel() {
  // Fitted by bench/eval/fit_pair_model.py (ridge regression of grade / 5 on STS-B train,
  // headlines and images rows; command in datasets/calibration.json "pair_scorer.model"),
  // which records the same numbers (tests/cli/calibration_test.cc).
  static const PairModel kModel{
      .terms = {"cosine_word",        "cosine_char",   "jaccard_word",    "jaccard_char",
                "dice_word1",         "dice_word2",    "dice_word3",      "dice_content",
                "wordnet_min",        "wordnet_max",   "number_mismatch", "number_distance",
                "length_log_ratio2",  "cosine_word^2", "cosine_char^2",   "jaccard_word^2",
                "jaccard_char^2",     "dice_word1^2",  "dice_word2^2",    "dice_word3^2",
                "dice_content^2",     "wordnet_min^2", "wordnet_max^2",   "number_distance^2",
                "length_log_ratio2^2"},
      .weights = {-0.222291, 0.844804,  0.095213, -0.643277, -0.259236, -0.008488, -0.062208,
                  0.399327,  0.494316,  0.225648, -0.122852, -0.175825, 0.172413,  0.363037,
                  -0.445201, -0.136975, 0.437458, 0.583492,  -0.1795,   0.128018,  -0.527175,
                  -0.060942, 0.001778,  0.203391, -0.169606},
      .bias = -0.043128,
      .logistic = false,
  };
  return kModel;
}

}  // namespace crossclaim
