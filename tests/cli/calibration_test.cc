// The code's calibrated defaults equal datasets/calibration.json ("applied" entries), so a
// re-calibration cannot change one without the other.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cluster/event_analysis.h"
#include "cluster/events.h"
#include "similarity/dedup.h"
#include "similarity/pair_features.h"
#include "similarity/pair_model.h"
#include "similarity/stance.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

TEST(Calibration, DefaultsEqualCalibrationFile) {
  const nlohmann::json file =
      nlohmann::json::parse(testing::ReadFile(testing::SourceDir() + "/datasets/calibration.json"));
  const nlohmann::json& applied = file.at("applied");
  const PairScorerOptions options;
  EXPECT_DOUBLE_EQ(applied.at("pair_scorer.char_weight").at("value").get<double>(),
                   options.char_weight);
  EXPECT_EQ(applied.at("pair_scorer.char_n_min").at("value").get<int>(), options.char_n_min);
  EXPECT_EQ(applied.at("pair_scorer.char_n_max").at("value").get<int>(), options.char_n_max);
  const nlohmann::json& model = applied.at("pair_scorer.model").at("value");
  EXPECT_EQ(model.at("terms").get<std::vector<std::string>>(), DefaultPairModel().terms);
  EXPECT_EQ(model.at("weights").get<std::vector<double>>(), DefaultPairModel().weights);
  EXPECT_DOUBLE_EQ(model.at("bias").get<double>(), DefaultPairModel().bias);
  EXPECT_EQ(model.at("link").get<std::string>() == "logistic", DefaultPairModel().logistic);
  EXPECT_DOUBLE_EQ(applied.at("paraphrase_threshold").at("value").get<double>(),
                   kParaphraseThreshold);
  const AnalysisOptions analysis;
  EXPECT_DOUBLE_EQ(applied.at("AnalysisOptions.overlap_threshold").at("value").get<double>(),
                   analysis.overlap_threshold);
  EXPECT_DOUBLE_EQ(applied.at("AnalysisOptions.cluster_threshold").at("value").get<double>(),
                   analysis.cluster_threshold);
  EXPECT_DOUBLE_EQ(applied.at("DedupOptions.threshold").at("value").get<double>(),
                   DedupOptions().threshold);
  EXPECT_DOUBLE_EQ(applied.at("EventOptions.event_threshold").at("value").get<double>(),
                   EventOptions().event_threshold);
  EXPECT_DOUBLE_EQ(applied.at("pair_scorer.document_latent_weight").at("value").get<double>(),
                   kDocumentLatentWeight);
  EXPECT_DOUBLE_EQ(applied.at("stance.refutes_threshold").at("value").get<double>(),
                   StanceOptions().refutes_threshold);
}

}  // namespace
}  // namespace crossclaim
