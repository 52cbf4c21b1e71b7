// Metrics of `crossclaim eval` on tiny gold sets whose values are computed by hand in the
// comments (and cross-checked once with scikit-learn / scipy when written).
#include "eval/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace crossclaim::eval {
namespace {

TEST(ClassifyAt, CountsEachCell) {
  // Predicted positive: 0.9 (gold 1: tp), 0.7 (gold 0: fp); negative: 0.2 (tn), 0.4 (fn).
  const BinaryMetrics m = ClassifyAt({0.9, 0.2, 0.7, 0.4}, {1, 0, 0, 1}, 0.5);
  EXPECT_EQ(m.tp, 1);
  EXPECT_EQ(m.fp, 1);
  EXPECT_EQ(m.tn, 1);
  EXPECT_EQ(m.fn, 1);
  EXPECT_DOUBLE_EQ(m.accuracy, 0.5);
  EXPECT_DOUBLE_EQ(m.precision, 0.5);
  EXPECT_DOUBLE_EQ(m.recall, 0.5);
  EXPECT_DOUBLE_EQ(m.f1, 0.5);
}

TEST(ClassifyAt, ThresholdIsInclusiveAndEmptyRatiosAreZero) {
  // 0.5 >= 0.5 is positive (tp); nothing else. 0.1 < 0.5: tn.
  BinaryMetrics m = ClassifyAt({0.5, 0.1}, {1, 0}, 0.5);
  EXPECT_EQ(m.tp, 1);
  EXPECT_DOUBLE_EQ(m.accuracy, 1.0);
  // Nothing predicted positive: precision has no denominator -> 0, and so f1.
  m = ClassifyAt({0.1, 0.2}, {1, 0}, 0.9);
  EXPECT_DOUBLE_EQ(m.precision, 0.0);
  EXPECT_DOUBLE_EQ(m.f1, 0.0);
  EXPECT_DOUBLE_EQ(m.accuracy, 0.5);
}

TEST(BestThreshold, SweepsMidpoints) {
  // Sorted: 0.1 (0), 0.35 (1), 0.4 (0), 0.8 (1).
  //   t below all : acc 2/4, F1 2/3     t = 0.225: tp 2 fp 1 tn 1 -> acc 3/4, F1 0.8
  //   t = 0.375   : acc 2/4             t = 0.6  : tp 1 tn 2 fn 1 -> acc 3/4, F1 2/3
  //   t above all : acc 2/4
  // Accuracy ties between 0.225 and 0.6: the smaller wins.
  const std::vector<double> s = {0.1, 0.4, 0.35, 0.8};
  const std::vector<int> g = {0, 0, 1, 1};
  const ThresholdChoice acc = BestThreshold(s, g, Objective::kAccuracy);
  EXPECT_DOUBLE_EQ(acc.threshold, 0.225);
  EXPECT_DOUBLE_EQ(acc.metrics.accuracy, 0.75);
  const ThresholdChoice f1 = BestThreshold(s, g, Objective::kF1);
  EXPECT_DOUBLE_EQ(f1.threshold, 0.225);
  EXPECT_DOUBLE_EQ(f1.metrics.f1, 0.8);
}

TEST(BestThreshold, NothingPositiveCanWin) {
  // All gold 0: the best accuracy (1.0) needs a threshold above the largest score.
  const ThresholdChoice c = BestThreshold({0.3, 0.7}, {0, 0}, Objective::kAccuracy);
  EXPECT_GT(c.threshold, 0.7);
  EXPECT_DOUBLE_EQ(c.metrics.accuracy, 1.0);
}

TEST(RocAuc, CountsOrderedPairsAndHalfTies) {
  // Positives 0.35, 0.8; negatives 0.1, 0.4: 0.35>0.1, 0.8>0.1, 0.8>0.4 -> 3 of 4.
  EXPECT_DOUBLE_EQ(RocAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);
  // One tied pair counts 1/2.
  EXPECT_DOUBLE_EQ(RocAuc({0.5, 0.5}, {1, 0}), 0.5);
  // Positive 0.5 vs negatives 0.5 (tie, 1/2) and 0.2 (1): 1.5 / 2.
  EXPECT_DOUBLE_EQ(RocAuc({0.5, 0.5, 0.2}, {1, 0, 0}), 0.75);
  EXPECT_DOUBLE_EQ(RocAuc({0.5, 0.2}, {1, 1}), 0.5);  // one class only
}

TEST(Pearson, MatchesHandComputation) {
  // x = 1,2,3 (mean 2); y = 2,4,7 (mean 13/3). Sxy = 7/3 + 8/3 = 5, Sxx = 2,
  // Syy = (49 + 1 + 64) / 9 = 114/9. r = 5 / sqrt(228/9) = 15 / sqrt(228).
  EXPECT_NEAR(Pearson({1, 2, 3}, {2, 4, 7}), 15 / std::sqrt(228.0), 1e-12);
  EXPECT_DOUBLE_EQ(Pearson({1, 1, 1}, {1, 2, 3}), 0.0);  // zero variance
}

TEST(Spearman, AverageRanksForTies) {
  const std::vector<double> ranks = AverageRanks({10, 20, 20, 5});
  EXPECT_EQ(ranks, (std::vector<double>{2, 3.5, 3.5, 1}));
  // No ties: 1 - 6 * sum d^2 / (n (n^2 - 1)) = 1 - 6 * 2 / 60 = 0.8.
  EXPECT_NEAR(Spearman({1, 2, 3, 4}, {1, 3, 2, 4}), 0.8, 1e-12);
  // A monotone but non-linear relation has Spearman 1.
  EXPECT_NEAR(Spearman({1, 2, 3}, {1, 10, 1000}), 1.0, 1e-12);
}

TEST(RankingAt, MapRecallMrr) {
  // q1: b at rank 2 -> AP = (1/2) / 1; recall 1; RR 1/2.
  // q2: relevant {x, z}; x at rank 1, z at rank 3.
  //     k = 2: AP = 1 / 2; recall 1/2; RR 1.   k = 3: AP = (1 + 2/3) / 2 = 5/6.
  // q3: no ranking: 0 everywhere. "q4" has no relevant ids and is ignored.
  const std::map<std::string, std::vector<std::string>> ranked = {
      {"q1", {"a", "b", "c"}}, {"q2", {"x", "y", "z"}}, {"q4", {"a"}}};
  const std::map<std::string, std::set<std::string>> relevant = {
      {"q1", {"b"}}, {"q2", {"x", "z"}}, {"q3", {"m"}}};
  const RankingMetrics at2 = RankingAt(ranked, relevant, 2);
  EXPECT_EQ(at2.queries, 3);
  EXPECT_NEAR(at2.map_at_k, (0.5 + 0.5 + 0) / 3, 1e-12);
  EXPECT_NEAR(at2.recall_at_k, (1 + 0.5 + 0) / 3, 1e-12);
  EXPECT_NEAR(at2.mrr, (0.5 + 1 + 0) / 3, 1e-12);
  const RankingMetrics at3 = RankingAt(ranked, relevant, 3);
  EXPECT_NEAR(at3.map_at_k, (0.5 + 5.0 / 6 + 0) / 3, 1e-12);
  EXPECT_NEAR(at3.recall_at_k, (1 + 1 + 0) / 3.0, 1e-12);
}

TEST(CompareClusterings, HandComputedFigures) {
  // Items 1..5: gold A A A B B, predicted x x y y y.
  // Pairs: predicted {12, 34, 35, 45}, gold {12, 13, 23, 45}, both {12, 45}:
  //   P = 2/4, R = 2/4.
  // B-cubed per item (precision, recall): 1: (2/2, 2/3) 2: (1, 2/3) 3: (1/3, 1/3)
  //   4: (2/3, 2/2) 5: (2/3, 1) -> P = R = (11/3) / 5 = 11/15.
  // ARI: index 1 + 0 + 1 = 2, sums 4 and 4 over C(5,2) = 10 pairs, expected 1.6:
  //   (2 - 1.6) / (4 - 1.6) = 1/6.
  const ClusterMetrics m = CompareClusterings({"x", "x", "y", "y", "y"}, {"A", "A", "A", "B", "B"});
  EXPECT_EQ(m.items, 5);
  EXPECT_DOUBLE_EQ(m.pairwise_precision, 0.5);
  EXPECT_DOUBLE_EQ(m.pairwise_recall, 0.5);
  EXPECT_DOUBLE_EQ(m.pairwise_f1, 0.5);
  EXPECT_NEAR(m.bcubed_precision, 11.0 / 15, 1e-12);
  EXPECT_NEAR(m.bcubed_recall, 11.0 / 15, 1e-12);
  EXPECT_NEAR(m.bcubed_f1, 11.0 / 15, 1e-12);
  EXPECT_NEAR(m.ari, 1.0 / 6, 1e-12);
}

TEST(CompareClusterings, RelabelledIdentityIsPerfect) {
  const ClusterMetrics m = CompareClusterings({"p", "p", "q"}, {"B", "B", "A"});
  EXPECT_DOUBLE_EQ(m.pairwise_f1, 1.0);
  EXPECT_DOUBLE_EQ(m.bcubed_f1, 1.0);
  EXPECT_DOUBLE_EQ(m.ari, 1.0);
}

TEST(CompareClusterings, AllSingletonsAgainstOneCluster) {
  // Predicted singletons: no predicted pair (precision 1 by convention), recall 0 of 3 pairs.
  // B-cubed: precision 1, recall 1/3 per item -> F1 = 2 * (1/3) / (4/3) = 1/2. ARI 0.
  const ClusterMetrics m = CompareClusterings({"a", "b", "c"}, {"G", "G", "G"});
  EXPECT_DOUBLE_EQ(m.pairwise_precision, 1.0);
  EXPECT_DOUBLE_EQ(m.pairwise_recall, 0.0);
  EXPECT_NEAR(m.bcubed_recall, 1.0 / 3, 1e-12);
  EXPECT_NEAR(m.bcubed_f1, 0.5, 1e-12);
  EXPECT_NEAR(m.ari, 0.0, 1e-12);
}

}  // namespace
}  // namespace crossclaim::eval
