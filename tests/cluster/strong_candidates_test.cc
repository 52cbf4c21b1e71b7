// internal::StrongCandidates against a brute-force oracle: every pair of small random
// day-stamped feeds (some documents undated) scored with PairCosine and the damping of its
// own gap.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "cluster/events.h"
#include "similarity/cosine.h"

namespace crossclaim {
namespace {

using internal::PublicationDays;

// Unit rows over a small vocabulary, so that many pairs fall near any threshold.
TfidfMatrix RandomUnitRows(int32_t n, std::mt19937& rng) {
  constexpr int32_t kTerms = 10;
  std::uniform_int_distribution<int32_t> term(0, kTerms - 1), count(1, 4);
  std::uniform_real_distribution<float> weight(0.1f, 1.0f);
  TfidfMatrix rows(n, kTerms);
  for (int32_t r = 0; r < n; ++r) {
    std::set<int32_t> terms;
    for (int32_t k = count(rng); k > 0; --k) terms.insert(term(rng));
    std::vector<std::pair<int32_t, float>> entries;
    double norm = 0;
    for (int32_t t : terms) {
      entries.emplace_back(t, weight(rng));
      norm += entries.back().second * entries.back().second;
    }
    for (auto [t, w] : entries) rows.insert(r, t) = static_cast<float>(w / std::sqrt(norm));
  }
  rows.makeCompressed();
  return rows;
}

PublicationDays RandomDays(int32_t n, int32_t span, double undated_share, std::mt19937& rng) {
  std::uniform_int_distribution<int32_t> day(0, span);
  std::bernoulli_distribution undated(undated_share);
  PublicationDays days;
  for (int32_t i = 0; i < n; ++i) {
    days.push_back(undated(rng) ? std::nullopt : std::optional<int64_t>(20000 + day(rng)));
  }
  return days;
}

// The damped weight of a pair, as the event clustering scores it.
double DampedWeight(const PairCosine& cosine, const PublicationDays& days, double days_scale,
                    int32_t a, int32_t b) {
  double w = cosine(a, b);
  const auto& da = days[static_cast<size_t>(a)];
  const auto& db = days[static_cast<size_t>(b)];
  if (days_scale > 0 && da && db) w *= std::exp(-std::abs(*da - *db) / days_scale);
  return w;
}

void ExpectCandidatesCoverOracle(int32_t n, int32_t span, double undated_share, double strong,
                                 double days_scale, uint32_t seed) {
  std::mt19937 rng(seed);
  const TfidfMatrix rows = RandomUnitRows(n, rng);
  const PublicationDays days = RandomDays(n, span, undated_share, rng);
  EventOptions options;
  options.days_scale = days_scale;
  options.threads = 1;
  Result<internal::RowPairs> candidates = internal::StrongCandidates(rows, days, strong, options);
  ASSERT_TRUE(candidates.ok());
  std::set<std::pair<int32_t, int32_t>> listed;
  const PairCosine cosine(rows);
  for (auto [a, b] : *candidates) {
    ASSERT_NE(a, b);
    EXPECT_TRUE(listed.insert({std::min(a, b), std::max(a, b)}).second) << "listed twice";
    // Tight: a candidate is within float rounding of the strong weight.
    EXPECT_GE(DampedWeight(cosine, days, days_scale, a, b), strong * (1 - 1e-3));
  }
  int strong_pairs = 0;
  for (int32_t a = 0; a < n; ++a) {
    for (int32_t b = a + 1; b < n; ++b) {
      if (DampedWeight(cosine, days, days_scale, a, b) < strong) continue;
      ++strong_pairs;
      EXPECT_TRUE(listed.count({a, b})) << "seed " << seed << " missed " << a << "-" << b;
    }
  }
  EXPECT_GT(strong_pairs, 0);  // the case tests something
}

TEST(StrongCandidatesTest, CoverEveryStrongPairOfDatedAndUndatedDocuments) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    ExpectCandidatesCoverOracle(80, 15, 0.2, 0.5, 3.0, seed);   // reach: 2 days
    ExpectCandidatesCoverOracle(80, 40, 0.1, 0.3, 10.0, seed);  // reach: 12 days
  }
}

TEST(StrongCandidatesTest, AllDatedAllUndatedAndUndamped) {
  for (uint32_t seed = 1; seed <= 10; ++seed) {
    ExpectCandidatesCoverOracle(60, 10, 0.0, 0.4, 3.0, seed);
    ExpectCandidatesCoverOracle(60, 10, 1.0, 0.4, 3.0, seed);
    ExpectCandidatesCoverOracle(60, 10, 0.3, 0.4, 0.0, seed);
    ExpectCandidatesCoverOracle(60, 3, 0.2, 0.95, 3.0, seed);  // reach: 0 days, same day only
  }
}

}  // namespace
}  // namespace crossclaim
