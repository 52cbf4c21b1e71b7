#include "similarity/cosine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "core/text.h"
#include "datasets/generator/corpus_generator.h"

namespace crossclaim {
namespace {

using ::testing::HasSubstr;

// A random sparse matrix with unit rows; columns drawn with Zipf-like skew so that some
// columns are in most rows (the case prefix filtering is built for). Some rows are empty.
TfidfMatrix RandomUnitRows(uint32_t seed, int rows, int cols) {
  std::mt19937 rng(seed);
  std::vector<double> col_weights(cols);
  for (int c = 0; c < cols; ++c) col_weights[c] = 1.0 / (c + 1);
  std::discrete_distribution<int> pick_col(col_weights.begin(), col_weights.end());
  std::uniform_int_distribution<int> pick_len(0, 9);
  std::uniform_real_distribution<double> pick_value(0.05, 1.0);
  std::vector<Eigen::Triplet<float>> triplets;
  for (int r = 0; r < rows; ++r) {
    std::map<int, double> row;
    const int len = pick_len(rng);
    for (int k = 0; k < len; ++k) row[pick_col(rng)] = pick_value(rng);
    double norm = 0;
    for (const auto& [c, v] : row) norm += v * v;
    for (const auto& [c, v] : row) triplets.emplace_back(r, c, v / std::sqrt(norm));
  }
  TfidfMatrix m(rows, cols);
  m.setFromTriplets(triplets.begin(), triplets.end());
  return m;
}

// The oracle: every pair, dot product in double over a dense copy of row i.
std::vector<std::vector<double>> DenseCosines(const TfidfMatrix& m) {
  const int n = static_cast<int>(m.rows());
  std::vector<std::vector<double>> out(n, std::vector<double>(n, 0.0));
  std::vector<double> row(m.cols(), 0.0);
  for (int i = 0; i < n; ++i) {
    for (TfidfMatrix::InnerIterator it(m, i); it; ++it) row[it.col()] = it.value();
    for (int j = 0; j < n; ++j) {
      for (TfidfMatrix::InnerIterator it(m, j); it; ++it) out[i][j] += row[it.col()] * it.value();
    }
    for (TfidfMatrix::InnerIterator it(m, i); it; ++it) row[it.col()] = 0;
  }
  return out;
}

std::vector<CosinePair> AllPairs(const TfidfMatrix& m, std::span<const int32_t> groups,
                                 const AllPairsOptions& options) {
  Result<std::vector<CosinePair>> pairs = AllPairsCosine(m, groups, options);
  EXPECT_TRUE(pairs.ok()) << pairs.status().message();
  return pairs.ok() ? *pairs : std::vector<CosinePair>{};
}

// None missing (outside a 1e-6 band under the threshold), none extra, values right,
// sorted by (a, b) without duplicates.
void ExpectSameAsBruteForce(const std::vector<CosinePair>& got,
                            const std::vector<std::vector<double>>& dense,
                            std::span<const int32_t> groups, double threshold) {
  constexpr double kBand = 1e-6;
  for (size_t i = 0; i < got.size(); ++i) {
    const CosinePair& p = got[i];
    ASSERT_LT(p.a, p.b);
    if (i > 0) {
      ASSERT_TRUE(std::pair(got[i - 1].a, got[i - 1].b) < std::pair(p.a, p.b)) << "order";
    }
    EXPECT_GE(dense[p.a][p.b], threshold - kBand) << p.a << "," << p.b;
    EXPECT_NEAR(p.cosine, dense[p.a][p.b], 1e-5);
    if (!groups.empty()) {
      EXPECT_NE(groups[p.a], groups[p.b]);
    }
  }
  std::map<std::pair<int, int>, bool> reported;
  for (const CosinePair& p : got) reported[{p.a, p.b}] = true;
  const int n = static_cast<int>(dense.size());
  for (int a = 0; a < n; ++a) {
    for (int b = a + 1; b < n; ++b) {
      if (!groups.empty() && groups[a] == groups[b]) continue;
      if (dense[a][b] >= threshold + kBand) {
        EXPECT_TRUE(reported.count({a, b})) << "missing " << a << "," << b << " " << dense[a][b];
      }
    }
  }
}

TEST(AllPairsCosine, EqualsDenseBruteForce) {
  for (uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
    SCOPED_TRACE(seed);
    const TfidfMatrix m = RandomUnitRows(seed, 400, 50);
    const auto dense = DenseCosines(m);
    std::vector<int32_t> groups(m.rows());
    for (size_t i = 0; i < groups.size(); ++i) groups[i] = static_cast<int32_t>(i / 7);
    for (double threshold : {0.05, 0.3, 0.5, 0.8, 0.95, 1.0}) {
      SCOPED_TRACE(threshold);
      AllPairsOptions o;
      o.threshold = threshold;
      ExpectSameAsBruteForce(AllPairs(m, {}, o), dense, {}, threshold);
      ExpectSameAsBruteForce(AllPairs(m, groups, o), dense, groups, threshold);
    }
  }
}

// Real TF-IDF rows: generated news-like sentences share a vocabulary, so many pairs overlap
// on a few words; grouped and ungrouped, against the dense oracle.
TEST(AllPairsCosine, EqualsDenseBruteForceOnTfidfOfGeneratedSentences) {
  TokenLists docs;
  for (const std::string& s : GenerateSentences(5, 2500)) docs.push_back(NormalizedTokens(s));
  Result<TfidfVectorizer> v = TfidfVectorizer::Create({});
  ASSERT_TRUE(v.ok());
  const TfidfMatrix m = v->FitTransform(docs);
  const auto dense = DenseCosines(m);
  std::vector<int32_t> groups(m.rows());
  for (size_t i = 0; i < groups.size(); ++i) groups[i] = static_cast<int32_t>(i % 13);
  for (double threshold : {0.2, 0.35, 0.5, 0.65}) {
    SCOPED_TRACE(threshold);
    AllPairsOptions o;
    o.threshold = threshold;
    const std::vector<CosinePair> all = AllPairs(m, {}, o);
    if (threshold <= 0.5) {
      EXPECT_FALSE(all.empty());
    }
    ExpectSameAsBruteForce(all, dense, {}, threshold);
    ExpectSameAsBruteForce(AllPairs(m, groups, o), dense, groups, threshold);
  }
}

// The pairs AllPairsCosine reports get the very same float from PairCosine, grouped or
// not; the other pairs' cosines match the dense oracle.
TEST(PairCosine, EqualsAllPairsBitForBitAndTheOracleElsewhere) {
  TokenLists docs;
  for (const std::string& s : GenerateSentences(7, 800)) docs.push_back(NormalizedTokens(s));
  Result<TfidfVectorizer> v = TfidfVectorizer::Create({});
  ASSERT_TRUE(v.ok());
  const TfidfMatrix m = v->FitTransform(docs);
  const auto dense = DenseCosines(m);
  AllPairsOptions o;
  o.threshold = 0.2;
  const std::vector<CosinePair> all = AllPairs(m, {}, o);
  ASSERT_GT(all.size(), 100u);
  const PairCosine cosine(m);
  for (const CosinePair& p : all) {
    ASSERT_EQ(static_cast<float>(cosine(p.a, p.b)), p.cosine) << p.a << "," << p.b;
    ASSERT_EQ(cosine(p.b, p.a), cosine(p.a, p.b));
  }
  for (int32_t a = 0; a < 100; ++a) {
    for (int32_t b = 0; b < 100; ++b) ASSERT_NEAR(cosine(a, b), dense[a][b], 1e-5);
  }
}

TEST(AllPairsCosine, FindsAllPairsOfIdenticalRows) {
  // Many identical rows: cosine 1 for each pair, and no pair lost at threshold 1.
  std::vector<Eigen::Triplet<float>> t;
  for (int r = 0; r < 20; ++r) {
    t.emplace_back(r, 0, 0.6f);
    t.emplace_back(r, 1, 0.8f);
  }
  TfidfMatrix m(20, 2);
  m.setFromTriplets(t.begin(), t.end());
  AllPairsOptions o;
  o.threshold = 0.999;
  EXPECT_EQ(AllPairs(m, {}, o).size(), 20u * 19u / 2u);
}

TEST(AllPairsCosine, SameOutputForAnyThreadCount) {
  const TfidfMatrix m = RandomUnitRows(11, 3000, 80);
  AllPairsOptions o;
  o.threshold = 0.4;
  o.threads = 1;
  const std::vector<CosinePair> one = AllPairs(m, {}, o);
  o.threads = 2;
  EXPECT_EQ(AllPairs(m, {}, o), one);
  EXPECT_FALSE(one.empty());
}

TEST(AllPairsCosine, TopKEqualsBruteForce) {
  for (uint32_t seed : {7u, 8u, 9u}) {
    SCOPED_TRACE(seed);
    const TfidfMatrix m = RandomUnitRows(seed, 300, 40);
    const auto dense = DenseCosines(m);
    for (int k : {1, 2, 5}) {
      SCOPED_TRACE(k);
      AllPairsOptions o;
      o.threshold = 0.3;
      o.top_k = k;
      const std::vector<CosinePair> got = AllPairs(m, {}, o);
      // Oracle: for each row, its partners at or above the threshold sorted by cosine
      // (ties by index) in double; a pair is kept if in the first k of either row. Pairs
      // whose rank depends on float rounding (near-equal cosines) are not asserted.
      const int n = static_cast<int>(m.rows());
      std::map<std::pair<int, int>, bool> expected;
      std::map<std::pair<int, int>, bool> ambiguous;
      for (int a = 0; a < n; ++a) {
        std::vector<std::pair<double, int>> partners;
        for (int b = 0; b < n; ++b) {
          if (b != a && dense[a][b] >= o.threshold) partners.push_back({-dense[a][b], b});
        }
        std::sort(partners.begin(), partners.end());
        for (size_t i = 0; i < partners.size(); ++i) {
          const int b = partners[i].second;
          const std::pair<int, int> key(std::min(a, b), std::max(a, b));
          if (i < static_cast<size_t>(k)) expected[key] = true;
          const bool near_cut = partners.size() > static_cast<size_t>(k) &&
                                std::abs(partners[i].first - partners[k - 1].first) < 1e-6;
          if (near_cut) ambiguous[key] = true;
        }
      }
      std::map<std::pair<int, int>, bool> reported;
      for (const CosinePair& p : got) {
        reported[{p.a, p.b}] = true;
        if (!ambiguous.count({p.a, p.b})) {
          EXPECT_TRUE(expected.count({p.a, p.b})) << "extra " << p.a << "," << p.b;
        }
      }
      for (const auto& [key, unused] : expected) {
        if (!ambiguous.count(key)) {
          EXPECT_TRUE(reported.count(key)) << "missing " << key.first << "," << key.second;
        }
      }
      EXPECT_FALSE(got.empty());
    }
  }
}

TEST(AllPairsCosine, RejectsBadOptionsAndInput) {
  const TfidfMatrix m = RandomUnitRows(3, 10, 5);
  AllPairsOptions o;
  o.threshold = 0;
  Result<std::vector<CosinePair>> r = AllPairsCosine(m, {}, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "AllPairsOptions.threshold must be in (0, 1] (got 0)");
  o.threshold = 1.5;
  EXPECT_THAT(AllPairsCosine(m, {}, o).status().message(), HasSubstr("(got 1.5)"));
  o = {};
  o.top_k = -1;
  EXPECT_EQ(AllPairsCosine(m, {}, o).status().message(),
            "AllPairsOptions.top_k must be >= 0 (got -1)");
  o = {};
  o.threads = -2;
  EXPECT_EQ(AllPairsCosine(m, {}, o).status().message(),
            "AllPairsOptions.threads must be >= 0 (got -2)");
  std::vector<int32_t> groups(3, 0);
  EXPECT_EQ(AllPairsCosine(m, groups, {}).status().message(),
            "AllPairsCosine: 3 groups given for 10 rows");
  TfidfMatrix scaled = m * 2.0f;
  EXPECT_THAT(AllPairsCosine(scaled, {}, {}).status().message(),
              HasSubstr("AllPairsCosine needs unit rows"));
  TfidfMatrix negative(1, 2);
  negative.insert(0, 0) = -1.0f;
  EXPECT_THAT(AllPairsCosine(negative, {}, {}).status().message(),
              HasSubstr("needs non-negative weights (row 0 column 0 is -1)"));
}

// Positions in [1000, 1000 + span], in no order, several rows per position.
std::vector<int64_t> RandomPositions(uint32_t seed, int rows, int span) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> day(0, span);
  std::vector<int64_t> out(rows);
  for (int64_t& p : out) p = 1000 + day(rng);
  return out;
}

std::vector<CosinePair> WithinGaps(const TfidfMatrix& m, std::span<const int64_t> positions,
                                   std::span<const double> thresholds, int threads) {
  Result<std::vector<CosinePair>> pairs =
      AllPairsCosineWithinGaps(m, positions, thresholds, threads);
  EXPECT_TRUE(pairs.ok()) << pairs.status().message();
  return pairs.ok() ? *pairs : std::vector<CosinePair>{};
}

// Against the dense oracle: a pair g apart is reported iff g is in reach and its cosine
// reaches thresholds[g] (outside a 1e-6 band); sorted by (a, b).
void ExpectWithinGapsSameAsBruteForce(const std::vector<CosinePair>& got,
                                      const std::vector<std::vector<double>>& dense,
                                      std::span<const int64_t> positions,
                                      std::span<const double> thresholds) {
  constexpr double kBand = 1e-6;
  const auto gap = [&](int a, int b) { return std::abs(positions[b] - positions[a]); };
  std::map<std::pair<int, int>, bool> reported;
  for (size_t i = 0; i < got.size(); ++i) {
    const CosinePair& p = got[i];
    ASSERT_LT(p.a, p.b);
    if (i > 0) {
      ASSERT_TRUE(std::pair(got[i - 1].a, got[i - 1].b) < std::pair(p.a, p.b)) << "order";
    }
    ASSERT_LT(gap(p.a, p.b), static_cast<int64_t>(thresholds.size())) << p.a << "," << p.b;
    EXPECT_GE(dense[p.a][p.b], thresholds[gap(p.a, p.b)] - kBand) << p.a << "," << p.b;
    EXPECT_NEAR(p.cosine, dense[p.a][p.b], 1e-5);
    reported[{p.a, p.b}] = true;
  }
  const int n = static_cast<int>(dense.size());
  int expected = 0;
  for (int a = 0; a < n; ++a) {
    for (int b = a + 1; b < n; ++b) {
      if (gap(a, b) >= static_cast<int64_t>(thresholds.size())) continue;
      if (dense[a][b] < thresholds[gap(a, b)] + kBand) continue;
      ++expected;
      EXPECT_TRUE(reported.count({a, b})) << "missing " << a << "," << b << " gap " << gap(a, b);
    }
  }
  EXPECT_GT(expected, 0);  // the case tests something
}

TEST(AllPairsCosineWithinGaps, EqualsDenseBruteForce) {
  const std::vector<std::vector<double>> threshold_sets = {
      {0.3}, {0.16, 0.22, 0.31, 0.44, 0.61, 0.85}, {0.2, 0.2, 0.5, 0.9, 1.0}, {0.05, 0.6}};
  for (uint32_t seed : {1u, 2u, 3u, 4u}) {
    SCOPED_TRACE(seed);
    const TfidfMatrix m = RandomUnitRows(seed, 400, 50);
    const auto dense = DenseCosines(m);
    for (int span : {0, 3, 12, 60}) {
      SCOPED_TRACE(span);
      const std::vector<int64_t> positions = RandomPositions(seed, 400, span);
      for (const std::vector<double>& thresholds : threshold_sets) {
        ExpectWithinGapsSameAsBruteForce(WithinGaps(m, positions, thresholds, 0), dense, positions,
                                         thresholds);
      }
    }
  }
}

TEST(AllPairsCosineWithinGaps, EqualsDenseBruteForceOnTfidfOfGeneratedSentences) {
  TokenLists docs;
  for (const std::string& s : GenerateSentences(5, 1500)) docs.push_back(NormalizedTokens(s));
  Result<TfidfVectorizer> v = TfidfVectorizer::Create({});
  ASSERT_TRUE(v.ok());
  const TfidfMatrix m = v->FitTransform(docs);
  const auto dense = DenseCosines(m);
  const std::vector<int64_t> positions = RandomPositions(9, 1500, 30);
  const std::vector<double> thresholds = {0.16, 0.22, 0.31, 0.44, 0.61, 0.85};
  ExpectWithinGapsSameAsBruteForce(WithinGaps(m, positions, thresholds, 0), dense, positions,
                                   thresholds);
}

// All rows at one position: the very pairs (and floats) of AllPairsCosine at that threshold.
TEST(AllPairsCosineWithinGaps, OnePositionEqualsAllPairsCosine) {
  const TfidfMatrix m = RandomUnitRows(5, 1000, 60);
  const std::vector<int64_t> positions(1000, 7);
  AllPairsOptions o;
  o.threshold = 0.35;
  const std::vector<double> thresholds = {0.35, 0.9};
  const std::vector<CosinePair> expected = AllPairs(m, {}, o);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(WithinGaps(m, positions, thresholds, 0), expected);
}

TEST(AllPairsCosineWithinGaps, SameOutputForAnyThreadCount) {
  const TfidfMatrix m = RandomUnitRows(11, 3000, 80);
  const std::vector<int64_t> positions = RandomPositions(11, 3000, 20);
  const std::vector<double> thresholds = {0.3, 0.4, 0.6, 0.8};
  const std::vector<CosinePair> one = WithinGaps(m, positions, thresholds, 1);
  EXPECT_EQ(WithinGaps(m, positions, thresholds, 2), one);
  EXPECT_FALSE(one.empty());
}

TEST(AllPairsCosineWithinGaps, RejectsBadInput) {
  const TfidfMatrix m = RandomUnitRows(3, 4, 5);
  const std::vector<int64_t> positions = {1, 2, 2, 3};
  const auto message = [&](std::span<const int64_t> p, std::vector<double> t, int threads) {
    return AllPairsCosineWithinGaps(m, p, t, threads).status().message();
  };
  EXPECT_EQ(message(positions, {}, 0),
            "AllPairsCosineWithinGaps needs 1 to 127 gap thresholds (got 0)");
  EXPECT_EQ(message(positions, {0.5, 0}, 0),
            "AllPairsCosineWithinGaps: gap 1 threshold must be in (0, 1] (got 0)");
  EXPECT_EQ(message(positions, {0.5, 0.4}, 0),
            "AllPairsCosineWithinGaps: thresholds must not decrease with the gap (gap 1: 0.4 < "
            "0.5)");
  EXPECT_EQ(message(std::vector<int64_t>{1, 2}, {0.5}, 0),
            "AllPairsCosineWithinGaps: 2 positions given for 4 rows");
  EXPECT_EQ(message(positions, {0.5}, -1), "AllPairsOptions.threads must be >= 0 (got -1)");
  EXPECT_TRUE(AllPairsCosineWithinGaps(m, positions, std::vector<double>{0.5}, 0).ok());
}

TEST(TopContributions, HandComputed) {
  TfidfMatrix m(2, 4);
  m.insert(0, 0) = 0.6f;
  m.insert(0, 2) = 0.8f;
  m.insert(1, 0) = 0.8f;
  m.insert(1, 2) = 0.36f;
  m.insert(1, 3) = 0.48f;
  m.makeCompressed();
  const std::vector<TermContribution> all = TopContributions(m, 0, 1, 10);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].feature, 0);
  EXPECT_FLOAT_EQ(all[0].contribution, 0.48f);
  EXPECT_EQ(all[1].feature, 2);
  EXPECT_FLOAT_EQ(all[1].contribution, 0.288f);
  EXPECT_EQ(TopContributions(m, 0, 1, 1).size(), 1u);
}

}  // namespace
}  // namespace crossclaim
