// The code's calibrated defaults equal datasets/calibration.json ("applied" entries), so a
// re-calibration cannot change one without the other.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "similarity/pair_features.h"
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
  EXPECT_DOUBLE_EQ(applied.at("paraphrase_threshold").at("value").get<double>(),
                   kParaphraseThreshold);
}

}  // namespace
}  // namespace crossclaim
