// End to end: `crossclaim pairs` on a small TSV written here. The word features are checked
// against brute force on the normalised tokens (core NormalizedTokens) and a dense TF-IDF
// computed in the test from the documented formula.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/text.h"
#include "similarity/shingle.h"
#include "similarity/stopwords.h"
#include "similarity/wordnet.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using json = nlohmann::ordered_json;
using ::testing::HasSubstr;

// No possessives in these texts: the dense oracle below does not strip "'s".
const std::vector<std::array<std::string, 3>> kRows = {
    {"p1", "Putin and Xi held a video call on Tuesday.", "Xi and Putin spoke by video on Tuesday."},
    {"p2", "The death toll rose to 7 people.", "The death toll rose to 5 people."},
    {"p3", "Shares fell sharply in Tokyo.", "Shares fell sharply in Tokyo."},
    {"p4", "The ministry denied the report.", "Rain is expected across the north tomorrow."},
};

std::string WriteRows(const std::string& dir, const std::string& extra) {
  std::string tsv = "# comment lines and blank lines are ignored\n\n";
  for (const auto& r : kRows) tsv += r[0] + "\t" + r[1] + "\t" + r[2] + "\tignored column\n";
  tsv += extra;
  const std::string path = dir + "/pairs.tsv";
  testing::WriteFile(path, tsv);
  return path;
}

double BruteJaccard(const std::string& a, const std::string& b) {
  const std::vector<std::string> ta = NormalizedTokens(a), tb = NormalizedTokens(b);
  const std::set<std::string> sa(ta.begin(), ta.end()), sb(tb.begin(), tb.end());
  int inter = 0;
  for (const std::string& t : sa) inter += sb.count(t);
  return static_cast<double>(inter) / static_cast<double>(sa.size() + sb.size() - inter);
}

// Dense word TF-IDF over all texts of the file: tf = 1 + ln(count), idf = ln((1+n)/(1+df)) + 1,
// stop words dropped, rows L2-normalised; returns the cosine of texts i and j.
double DenseWordCosine(const std::vector<std::string>& texts, size_t i, size_t j) {
  std::vector<std::map<std::string, double>> counts(texts.size());
  std::map<std::string, double> df;
  for (size_t d = 0; d < texts.size(); ++d) {
    for (const std::string& t : NormalizedTokens(texts[d])) {
      if (!IsEnglishStopWord(t)) counts[d][t] += 1;
    }
    for (const auto& [t, c] : counts[d]) df[t] += 1;
  }
  const double n = static_cast<double>(texts.size());
  auto vec = [&](size_t d) {
    std::map<std::string, double> v;
    double norm = 0;
    for (const auto& [t, c] : counts[d]) {
      v[t] = (1 + std::log(c)) * (std::log((1 + n) / (1 + df[t])) + 1);
      norm += v[t] * v[t];
    }
    for (auto& [t, w] : v) w /= std::sqrt(norm);
    return v;
  };
  const auto a = vec(i), b = vec(j);
  double dot = 0;
  for (const auto& [t, w] : a) {
    if (b.contains(t)) dot += w * b.at(t);
  }
  return dot;
}

TEST(PairsCli, FieldsAndBruteForceFeatures) {
  const std::string dir = testing::ScratchDir("pairs_cli");
  const testing::CommandOutput run = testing::RunCrossclaim("pairs " + WriteRows(dir, ""));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<json> lines = testing::ParseJsonLines(run.out);
  ASSERT_EQ(lines.size(), kRows.size());
  std::vector<std::string> texts;
  for (const auto& r : kRows) {
    texts.push_back(r[1]);
    texts.push_back(r[2]);
  }
  const Shingler char5 = *Shingler::Create({.kind = ShingleKind::kChar, .n = 5});
  for (size_t i = 0; i < lines.size(); ++i) {
    const json& p = lines[i];
    std::vector<std::string> keys;
    for (const auto& [key, unused] : p.items()) keys.push_back(key);
    EXPECT_THAT(keys, ::testing::ElementsAre(
                          "id", "jaccard_word", "jaccard_char", "cosine", "divergent",
                          "divergence_kinds", "divergence_confidence", "cosine_word", "cosine_char",
                          "score", "dice_word1", "dice_word2", "dice_word3", "dice_content",
                          "wordnet_min", "wordnet_max", "number_mismatch", "number_distance",
                          "length_log_ratio2", "cosine_lsa", "document_pair", "stance",
                          "refutes_confidence", "stance_cues", "stance_evidence"));
    EXPECT_EQ(p["id"], kRows[i][0]);
    EXPECT_NEAR(p["jaccard_word"].get<double>(), BruteJaccard(kRows[i][1], kRows[i][2]), 1e-6);
    EXPECT_NEAR(p["jaccard_char"].get<double>(),
                Jaccard(char5.Shingles(kRows[i][1]), char5.Shingles(kRows[i][2])), 1e-6);
    EXPECT_NEAR(p["cosine_word"].get<double>(), DenseWordCosine(texts, 2 * i, 2 * i + 1), 1e-5);
    // Fewer texts than the 100 latent dimensions: the truncated SVD keeps every direction of
    // the fitted rows, so the latent cosine is the word cosine.
    EXPECT_NEAR(p["cosine_lsa"].get<double>(), DenseWordCosine(texts, 2 * i, 2 * i + 1), 1e-5);
    // The documented combination with the default weight 1/2.
    EXPECT_NEAR(p["cosine"].get<double>(),
                0.5 * p["cosine_word"].get<double>() + 0.5 * p["cosine_char"].get<double>(), 2e-6);
    EXPECT_EQ(p["divergent"].get<bool>(), !p["divergence_kinds"].empty());
  }
  // Identical texts: every feature is 1. Disjoint content words: word cosine 0.
  EXPECT_NEAR(lines[2]["cosine"].get<double>(), 1.0, 1e-5);
  EXPECT_NEAR(lines[2]["jaccard_char"].get<double>(), 1.0, 1e-9);
  EXPECT_FALSE(lines[2]["divergent"].get<bool>());
  EXPECT_NEAR(lines[3]["cosine_word"].get<double>(), 0.0, 1e-9);
  // 7 vs 5 people: a number divergence.
  EXPECT_TRUE(lines[1]["divergent"].get<bool>());
  EXPECT_THAT(lines[1]["divergence_kinds"].get<std::vector<std::string>>(),
              ::testing::Contains("number"));
}

// The shipped `score` is the documented combination of the printed features: recomputed here
// from the JSON fields and the model's terms and weights (datasets/calibration.json).
TEST(PairsCli, ScoreIsTheShippedModelOfThePrintedFeatures) {
  const std::string dir = testing::ScratchDir("pairs_cli_score");
  const testing::CommandOutput run = testing::RunCrossclaim("pairs " + WriteRows(dir, ""));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json model =
      nlohmann::json::parse(testing::ReadFile(testing::SourceDir() + "/datasets/calibration.json"))
          .at("applied")
          .at("pair_scorer.model")
          .at("value");
  for (const json& p : testing::ParseJsonLines(run.out)) {
    double z = model.at("bias").get<double>();
    for (size_t t = 0; t < model.at("terms").size(); ++t) {
      std::string term = model["terms"][t].get<std::string>();
      const bool squared = term.ends_with("^2");
      if (squared) term.resize(term.size() - 2);
      const double x = p.at(term).get<double>();
      z += model["weights"][t].get<double>() * (squared ? x * x : x);
    }
    // The features are printed rounded to 1e-6, so allow for that in the sum.
    EXPECT_NEAR(p["score"].get<double>(), std::clamp(z, 0.0, 1.0), 1e-4) << p["id"];
  }
}

// A model file replaces the shipped one: a logistic model of one term is sigmoid(w x + b).
TEST(PairsCli, ModelFileAndItsErrors) {
  const std::string dir = testing::ScratchDir("pairs_cli_model");
  const std::string rows = WriteRows(dir, "");
  testing::WriteFile(
      dir + "/m.json",
      R"({"terms": ["dice_word1^2"], "weights": [3], "bias": -1, "link": "logistic"})");
  testing::CommandOutput run =
      testing::RunCrossclaim("pairs " + rows + " --model " + dir + "/m.json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const json& p : testing::ParseJsonLines(run.out)) {
    const double x = p["dice_word1"].get<double>();
    EXPECT_NEAR(p["score"].get<double>(), 1 / (1 + std::exp(-(3 * x * x - 1))), 1e-5);
  }
  testing::WriteFile(dir + "/bad.json", R"({"terms": ["no_such"], "weights": [1], "bias": 0})");
  run = testing::RunCrossclaim("pairs " + rows + " --model " + dir + "/bad.json");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr(dir + "/bad.json: unknown feature 'no_such'"));
  run = testing::RunCrossclaim("pairs " + rows + " --model " + dir + "/missing.json");
  EXPECT_THAT(run.err, HasSubstr(dir + "/missing.json: cannot read the pair model file"));
}

// --fold-models: each pair scored by the model its row names (cross-validation in one run).
TEST(PairsCli, FoldModelsScoreEachPairWithItsOwnModel) {
  const std::string dir = testing::ScratchDir("pairs_cli_folds");
  const std::string rows = WriteRows(dir, "");
  testing::WriteFile(dir + "/a.json",
                     R"({"terms": [], "weights": [], "bias": 0.2, "link": "identity"})");
  testing::WriteFile(dir + "/b.json",
                     R"({"terms": [], "weights": [], "bias": 0.7, "link": "identity"})");
  testing::WriteFile(dir + "/folds.tsv", "p1\t" + dir + "/a.json\np2\t" + dir + "/b.json\np3\t" +
                                             dir + "/a.json\np4\t" + dir + "/b.json\n");
  testing::CommandOutput run =
      testing::RunCrossclaim("pairs " + rows + " --fold-models " + dir + "/folds.tsv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<json> lines = testing::ParseJsonLines(run.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["score"].get<double>(), 0.2);
  EXPECT_EQ(lines[1]["score"].get<double>(), 0.7);
  EXPECT_EQ(lines[2]["score"].get<double>(), 0.2);
  EXPECT_EQ(lines[3]["score"].get<double>(), 0.7);
  testing::WriteFile(dir + "/short.tsv", "p1\t" + dir + "/a.json\n");
  run = testing::RunCrossclaim("pairs " + rows + " --fold-models " + dir + "/short.tsv");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr(dir + "/short.tsv: no model for pair 'p2'"));
}

// Without WordNet the run goes on, says so, and only equal words cover each other.
TEST(PairsCli, MissingWordNetFallsBackWithAWarning) {
  const std::string dir = testing::ScratchDir("pairs_cli_nownet");
  testing::WriteFile(dir + "/syn.tsv", "s1\tThe telephone rang.\tThe phone rang.\n");
  testing::CommandOutput run =
      testing::RunCrossclaim("pairs " + dir + "/syn.tsv --wordnet " + dir + "/no-wordnet");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr(dir + "/no-wordnet/index.noun: cannot read the WordNet file"));
  EXPECT_THAT(run.err, HasSubstr("fall back to equal words"));
  const double without = testing::ParseJsonLines(run.out)[0]["wordnet_min"].get<double>();
  EXPECT_LT(without, 1.0);
  run = testing::RunCrossclaim("pairs " + dir + "/syn.tsv --wordnet none");
  EXPECT_EQ(run.err.find("warning"), std::string::npos) << run.err;
  if (!std::ifstream(std::string(kDefaultWordNetDir) + "/index.noun")) {
    GTEST_SKIP() << "wordnet-base not installed (scripts/install-deps.sh)";
  }
  run = testing::RunCrossclaim("pairs " + dir + "/syn.tsv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // "telephone" ~ "phone" are WordNet synonyms (weight 0.9), "rang" ~ "rang" equal.
  EXPECT_GT(testing::ParseJsonLines(run.out)[0]["wordnet_min"].get<double>(), without);
}

TEST(PairsCli, StanceOfTheBodyTowardsTheHeadline) {
  const std::string dir = testing::ScratchDir("pairs_cli_stance");
  const std::string body_start =
      "The photo spread quickly on social media last week, shared by thousands of users who "
      "believed it showed a shark swimming down a flooded highway in Houston after the storm. "
      "Local television stations repeated the claim, and the picture was viewed millions of "
      "times before anyone checked where it came from. ";
  const std::string debunked = body_start +
                               "Experts said the shark photo was a hoax. The image had been "
                               "edited from a picture taken years ago off the coast of Africa.";
  const std::string confirmed = body_start +
                                "Police confirmed the shark was filmed on the highway. Officers "
                                "said the animal was returned to the sea by a rescue team.";
  const std::string tsv = "fake\tShark swims down flooded Houston highway\t" + debunked +
                          "\ntrue\tShark swims down flooded Houston highway\t" + confirmed + "\n";
  testing::WriteFile(dir + "/stance.tsv", tsv);
  const testing::CommandOutput run =
      testing::RunCrossclaim("pairs " + dir + "/stance.tsv --wordnet none --latent-dims 0");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<json> lines = testing::ParseJsonLines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["stance"], "refutes");
  EXPECT_EQ(lines[0]["stance_cues"], json::array({"hoax"}));
  EXPECT_EQ(lines[0]["stance_evidence"], "Experts said the shark photo was a hoax.");
  EXPECT_EQ(lines[1]["stance"], "none");
  EXPECT_EQ(lines[1]["stance_cues"], json::array());
  EXPECT_GT(lines[0]["refutes_confidence"].get<double>(),
            lines[1]["refutes_confidence"].get<double>());
  // Four sentences and more than 60 words: a document pair, scored 0.9 cosine (no latent).
  EXPECT_EQ(lines[0]["document_pair"], true);
  EXPECT_NEAR(lines[0]["score"].get<double>(), 0.9 * lines[0]["cosine"].get<double>(), 2e-6);
}

TEST(PairsCli, SkipsBadRowsNamingFileAndLine) {
  const std::string dir = testing::ScratchDir("pairs_cli_bad");
  // Lines 7 and 8 (after 2 header lines and 4 rows): too few fields, empty text_b.
  const std::string path = WriteRows(dir, "bad\tonly one text\nbad2\tsome text\t \n");
  const testing::CommandOutput run = testing::RunCrossclaim("pairs " + path);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 4);
  EXPECT_THAT(run.err, HasSubstr(path + ":7: skipped: 2 field(s), 3 needed"));
  EXPECT_THAT(run.err, HasSubstr(path + ":8: skipped: field 3 is empty"));
  EXPECT_THAT(run.err, HasSubstr("4 pairs scored, 2 row(s)"));
}

TEST(PairsCli, MissingFileAndBadWeightAreErrors) {
  testing::CommandOutput run = testing::RunCrossclaim("pairs /nonexistent/pairs.tsv");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("/nonexistent/pairs.tsv: cannot read the file"));
  const std::string dir = testing::ScratchDir("pairs_cli_weight");
  run = testing::RunCrossclaim("pairs " + WriteRows(dir, "") + " --char-weight 1.5");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("char_weight must be in [0, 1] (got 1.5)"));
}

}  // namespace
}  // namespace crossclaim
