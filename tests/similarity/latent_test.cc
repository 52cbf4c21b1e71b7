// Truncated SVD and latent rows (similarity/latent.h) against singular vectors worked out by
// hand, and the pair scorer's cosine_lsa against properties that hold whatever the SVD.
#include "similarity/latent.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "similarity/pair_features.h"

namespace crossclaim {
namespace {

TfidfMatrix Sparse(int rows, int cols, const std::vector<Eigen::Triplet<float, int32_t>>& cells) {
  TfidfMatrix x(rows, cols);
  x.setFromTriplets(cells.begin(), cells.end());
  return x;
}

TEST(TruncatedSvdMap, DiagonalMatrixKeepsTheLargestAxes) {
  // diag(3, 2, 1): singular values 3, 2, 1 with right singular vectors e1, e2, e3.
  const Eigen::MatrixXf map = TruncatedSvdMap(Sparse(3, 3, {{0, 0, 3}, {1, 1, 2}, {2, 2, 1}}), 2);
  ASSERT_EQ(map.rows(), 3);
  ASSERT_EQ(map.cols(), 2);
  EXPECT_NEAR(std::abs(map(0, 0)), 1, 1e-5);
  EXPECT_NEAR(std::abs(map(1, 1)), 1, 1e-5);
  EXPECT_NEAR(map(2, 0), 0, 1e-5);
  EXPECT_NEAR(map(2, 1), 0, 1e-5);
}

TEST(TruncatedSvdMap, TwoByTwoByHand) {
  // x = [[3, 0], [4, 5]]: x^T x = [[25, 20], [20, 25]], eigenvalues 45 and 5 with vectors
  // (1, 1) / sqrt(2) and (1, -1) / sqrt(2): the first right singular vector is (1, 1) / sqrt(2).
  const Eigen::MatrixXf map = TruncatedSvdMap(Sparse(2, 2, {{0, 0, 3}, {1, 0, 4}, {1, 1, 5}}), 1);
  ASSERT_EQ(map.cols(), 1);
  EXPECT_NEAR(std::abs(map(0, 0)), std::sqrt(0.5), 1e-5);
  EXPECT_NEAR(map(0, 0), map(1, 0), 1e-5);
  // More dimensions than the rank: capped at min(rows, cols).
  EXPECT_EQ(TruncatedSvdMap(Sparse(2, 2, {{0, 0, 3}, {1, 0, 4}, {1, 1, 5}}), 100).cols(), 2);
}

TEST(TruncatedSvdMap, EmptyMatrix) {
  EXPECT_EQ(TruncatedSvdMap(TfidfMatrix(0, 4), 10).cols(), 0);
  EXPECT_EQ(TruncatedSvdMap(TfidfMatrix(3, 0), 10).rows(), 0);
}

TEST(LatentRows, ProjectsAndNormalises) {
  Eigen::MatrixXf map(3, 2);
  map << 1, 0, 0, 1, 0, 0;  // keeps the first two coordinates
  const Eigen::MatrixXf z = LatentRows(Sparse(3, 3, {{0, 0, 3}, {0, 1, 4}, {1, 2, 7}}), map);
  EXPECT_NEAR(z(0, 0), 0.6, 1e-6);  // (3, 4) / 5
  EXPECT_NEAR(z(0, 1), 0.8, 1e-6);
  EXPECT_EQ(z(1, 0), 0);  // only the dropped coordinate: stays zero
  EXPECT_EQ(z(1, 1), 0);
  EXPECT_EQ(z(2, 0), 0);  // an empty row
}

PairFeatures ScorePair(const std::vector<std::string>& texts, int latent_dims, int a, int b) {
  PairScorerOptions options;
  options.latent_dims = latent_dims;
  Result<PairScorer> scorer = PairScorer::Create(options);
  EXPECT_TRUE(scorer.ok());
  scorer->Fit(texts);
  return scorer->Score(texts[a], texts[b], scorer->Transform(texts), a, b);
}

TEST(PairScorer, LatentCosineEqualsWordCosineWhenNothingIsCut) {
  // With at least as many dimensions as fitted texts, the map spans every fitted row, so the
  // projection keeps their inner products: cosine_lsa = cosine_word.
  const std::vector<std::string> texts = {"Ebola spreads in Guinea and Liberia.",
                                          "Liberia closes schools as Ebola spreads.",
                                          "Apple prices its gold watch at 10,000 dollars."};
  for (int a = 0; a < 3; ++a) {
    for (int b = a + 1; b < 3; ++b) {
      const PairFeatures f = ScorePair(texts, 100, a, b);
      EXPECT_NEAR(f.cosine_lsa, f.cosine_word, 1e-5) << a << " " << b;
    }
  }
  EXPECT_NEAR(ScorePair(texts, 100, 0, 2).cosine_lsa, 0, 1e-5);  // no word in common
  EXPECT_EQ(ScorePair(texts, 0, 0, 1).cosine_lsa, 0);            // latent vectors off
}

TEST(PairScorer, OneLatentDimensionJoinsTextsOfOneTopic) {
  // "ebola"-"virus"-"outbreak"-"quarantine" are chained by co-occurrence, so the first
  // singular vector is positive on every word (Perron-Frobenius): projected on it, texts 0 and
  // 2 point the same way although they share no word.
  const std::vector<std::string> texts = {"ebola virus", "virus outbreak", "outbreak quarantine"};
  const PairFeatures f = ScorePair(texts, 1, 0, 2);
  EXPECT_EQ(f.cosine_word, 0);
  EXPECT_NEAR(f.cosine_lsa, 1, 1e-5);
}

TEST(PairScorerOptions, RejectsNegativeLatentDims) {
  PairScorerOptions options;
  options.latent_dims = -1;
  EXPECT_EQ(PairScorer::Create(options).status().message(),
            "PairScorerOptions.latent_dims must be >= 0 (got -1)");
}

}  // namespace
}  // namespace crossclaim
