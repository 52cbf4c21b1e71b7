// A small learned combination of the pair features (similarity/pair_features.h) into one
// score: `score` of `crossclaim pairs`. Linear in named terms, each a feature, its square or a
// product, with a logistic or identity link, clipped to [0, 1]:
//   z = bias + sum_i weights[i] * term_i(features),   score = sigmoid(z) or clamp(z, 0, 1)
//
// Example:
//   PairModel m = DefaultPairModel();            // shipped weights (datasets/calibration.json)
//   double s = m.Apply(features);                // in [0, 1]
//   Result<PairModel> cv = ParsePairModel(text, "fold3.json");   // a model file
//
// Model file (JSON, written by bench/eval/fit_pair_model.py):
//   {"terms": ["cosine_char", "wordnet_min", "cosine_char^2", ...],
//    "weights": [1.9, 2.4, -0.3, ...], "bias": -3.1, "link": "logistic" | "identity"}
// Term names are the PairFeatures field names (FeatureValue below); "^2" squares one, and
// "a*b" is the product of two (each may carry "^2").
// Standardisation used when fitting is folded into the weights, so terms are raw features.
//
// Thread safety: immutable after construction.
#ifndef CROSSCLAIM_SIMILARITY_PAIR_MODEL_H_
#define CROSSCLAIM_SIMILARITY_PAIR_MODEL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace crossclaim {

struct PairFeatures;

struct PairModel {
  std::vector<std::string> terms;
  std::vector<double> weights;  // one per term
  double bias = 0;
  bool logistic = true;  // false: identity link (a regression on a graded scale / 5)

  // The score of `f` in [0, 1]. Precondition: built by ParsePairModel / DefaultPairModel /
  // ValidatePairModel (every term names a feature).
  double Apply(const PairFeatures& f) const;

  bool operator==(const PairModel&) const = default;
};

// The value of the term called `name` (a PairFeatures field name, optionally with "^2", or
// two of them joined by "*": their product), or nullopt for an unknown name.
std::optional<double> FeatureValue(const PairFeatures& f, std::string_view name);

// Checks that terms and weights have the same length and every term names a feature.
// Errors: kInvalidArgument naming `source` and the offending term.
Status ValidatePairModel(const PairModel& model, std::string_view source);

// Parses the JSON model file format above. Errors: kDataLoss naming `source` for bad JSON
// or missing fields, and those of ValidatePairModel.
Result<PairModel> ParsePairModel(std::string_view json_text, std::string_view source);

// Reads and parses a model file. Errors: kNotFound if unreadable; those of ParsePairModel.
Result<PairModel> LoadPairModel(const std::string& path);

// The shipped model, for sentence pairs: ridge regression of the STS-B grade / 5 (identity
// link) on the STS-B train rows from the headlines and images files only (their texts are
// clearly licensed; the STS-B scores are CC BY-SA 4.0, so these weights are shared under it
// with attribution to Cer et al. 2017). MSRpar/MSRvid rows (Microsoft licence) and deft-*
// rows (terms not stated) are not used. The command that regenerates it is recorded in
// datasets/calibration.json ("pair_scorer.model", kept equal by tests/cli/calibration_test.cc).
// Headline vs article body (FNC-1) is a different task: fit a model for it (--model).
const PairModel& DefaultPairModel();

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_PAIR_MODEL_H_
