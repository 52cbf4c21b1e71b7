#include "similarity/lsh.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "similarity/internal/sort_integers.h"

namespace crossclaim {
namespace {

TEST(CandidateProbability, HandComputed) {
  EXPECT_DOUBLE_EQ(CandidateProbability(0.5, 2, 2), 1 - 0.75 * 0.75);
  EXPECT_DOUBLE_EQ(CandidateProbability(1.0, 17, 7), 1.0);
  EXPECT_DOUBLE_EQ(CandidateProbability(0.0, 17, 7), 0.0);
  EXPECT_NEAR(CandidateProbability(0.8, 1, 3), 0.512, 1e-12);
}

TEST(ChooseBanding, RejectsBadOptions) {
  LshOptions o;
  o.threshold = 0;
  Result<Banding> r = ChooseBanding(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "LshOptions.threshold must be in (0, 1] (got 0.000000)");
  o = LshOptions();
  o.num_hashes = 0;
  EXPECT_EQ(ChooseBanding(o).status().message(), "LshOptions.num_hashes must be > 0 (got 0)");
  o = LshOptions();
  o.bands = 20;
  o.rows = 7;
  EXPECT_EQ(ChooseBanding(o).status().message(),
            "LshOptions.bands * rows must be in 1..128 with both > 0 (got 20 x 7)");
  o = LshOptions();
  o.false_positive_weight = o.false_negative_weight = 0;
  EXPECT_FALSE(ChooseBanding(o).ok());
}

// The chosen banding beats every other (b, r) on the weighted error, where each candidate's
// FP and FN masses come from an independent fine Riemann sum.
TEST(ChooseBanding, MinimisesWeightedErrorAndMeetsRecallTarget) {
  for (double t : {0.5, 0.7, 0.8, 0.9}) {
    SCOPED_TRACE(t);
    LshOptions o;
    o.threshold = t;
    Banding chosen = *ChooseBanding(o);
    ASSERT_LE(chosen.bands * chosen.rows, 128u);
    auto weighted = [&](size_t b, size_t r) {
      const int steps = 1000;
      double fp = 0, fn = 0;
      for (int i = 0; i < steps; ++i) {
        double s = (i + 0.5) / steps;
        double p = 1 - std::pow(1 - std::pow(s, r), b);
        (s < t ? fp : fn) += (s < t ? p : 1 - p) / steps;
      }
      return o.false_positive_weight * fp + o.false_negative_weight * fn;
    };
    double best = weighted(chosen.bands, chosen.rows);
    for (size_t b = 1; b <= 128; ++b) {
      for (size_t r = 1; b * r <= 128; ++r) EXPECT_GE(weighted(b, r), best - 2e-4) << b << "x" << r;
    }
    // Recall-weighted defaults: pairs 0.05 above the threshold are found with >= 99%.
    EXPECT_GE(CandidateProbability(std::min(1.0, t + 0.05), chosen.bands, chosen.rows), 0.99);
  }
}

TEST(ChooseBanding, MoreFalseNegativeWeightNeverLowersRecall) {
  LshOptions low, high;
  low.false_positive_weight = 0.5;
  low.false_negative_weight = 0.5;
  Banding a = *ChooseBanding(low), b = *ChooseBanding(high);
  EXPECT_LE(b.false_negative, a.false_negative);
  EXPECT_GE(b.false_positive, a.false_positive);
}

// Candidate pairs equal the pairs whose signatures agree on all rows of some band,
// found by comparing every pair of signatures directly.
TEST(LshIndex, CandidatePairsMatchExhaustiveBandComparison) {
  for (uint64_t seed : {1u, 2u}) {
    SCOPED_TRACE(seed);
    LshOptions o;
    o.num_hashes = 24;
    o.bands = 6;
    o.rows = 4;
    LshIndex index = *LshIndex::Create(o);
    std::mt19937_64 rng(seed);
    // Values from a tiny alphabet so that bands collide often.
    const size_t n = 300;
    std::vector<std::vector<uint32_t>> sigs(n, std::vector<uint32_t>(24));
    for (auto& s : sigs) {
      for (auto& v : s) v = static_cast<uint32_t>(rng() % 3);
    }
    for (const auto& s : sigs) index.Add(s);
    index.Build();
    std::vector<CandidatePair> expected;
    for (uint32_t i = 0; i < n; ++i) {
      for (uint32_t j = i + 1; j < n; ++j) {
        bool any = false;
        for (size_t b = 0; b < 6 && !any; ++b) {
          any = std::equal(sigs[i].begin() + b * 4, sigs[i].begin() + b * 4 + 4,
                           sigs[j].begin() + b * 4);
        }
        if (any) expected.push_back({i, j});
      }
    }
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(index.CandidatePairs(), expected);
    // Filtered: only pairs with an even first id.
    std::vector<CandidatePair> even;
    for (const CandidatePair& p : expected) {
      if (p.first % 2 == 0) even.push_back(p);
    }
    EXPECT_EQ(index.CandidatePairs([](uint32_t a, uint32_t) { return a % 2 == 0; }), even);
    // Query of item 5 returns itself and its candidate partners.
    std::vector<uint32_t> partners = {5};
    for (const CandidatePair& p : expected) {
      if (p.first == 5) partners.push_back(p.second);
      if (p.second == 5) partners.push_back(p.first);
    }
    std::sort(partners.begin(), partners.end());
    EXPECT_EQ(index.Query(sigs[5]), partners);
  }
}

// The radix sort of freshly filled tables against std::sort: keys from a small alphabet
// (many equal high halves, so stability matters) and from the full range (every digit).
TEST(SortByHighHalves, EqualsStdSortWhenLowHalvesAscend) {
  std::mt19937_64 rng(7);
  for (size_t n : {0u, 1u, 2u, 1000u, 5000u}) {
    for (uint64_t alphabet : {uint64_t{3}, uint64_t{1} << 32}) {
      std::vector<uint64_t> keys(n);
      for (size_t i = 0; i < n; ++i) {
        const uint64_t high = alphabet == 3 ? rng() % 3 * 0x00100801u : rng() >> 32;
        keys[i] = high << 32 | static_cast<uint32_t>(2 * i + 1);
      }
      ASSERT_TRUE(internal::LowHalvesAscend(keys));
      std::vector<uint64_t> expected = keys, scratch;
      std::sort(expected.begin(), expected.end());
      internal::SortByHighHalves(&keys, &scratch);
      EXPECT_EQ(keys, expected) << n << " keys";
    }
  }
  EXPECT_FALSE(internal::LowHalvesAscend({uint64_t{1} << 32 | 5, 5}));
  EXPECT_FALSE(internal::LowHalvesAscend({7, 7}));
}

// A table large enough for the radix sort, built, then grown and built again (its ids no
// longer in insertion order: the comparison sort), against an exhaustive comparison.
TEST(LshIndex, LargeTablesBuiltTwiceMatchExhaustiveComparison) {
  LshOptions o;
  o.num_hashes = 8;
  o.bands = 4;
  o.rows = 2;
  LshIndex index = *LshIndex::Create(o);
  std::mt19937_64 rng(11);
  std::vector<std::vector<uint32_t>> sigs(3000, std::vector<uint32_t>(8));
  for (auto& s : sigs) {
    for (auto& v : s) v = static_cast<uint32_t>(rng() % 40);  // 1600 keys per band
  }
  auto expected_pairs = [&](uint32_t n) {
    std::vector<CandidatePair> expected;
    for (uint32_t i = 0; i < n; ++i) {
      for (uint32_t j = i + 1; j < n; ++j) {
        bool any = false;
        for (size_t b = 0; b < 4 && !any; ++b) {
          any = sigs[i][2 * b] == sigs[j][2 * b] && sigs[i][2 * b + 1] == sigs[j][2 * b + 1];
        }
        if (any) expected.push_back({i, j});
      }
    }
    return expected;
  };
  for (uint32_t i = 0; i < 2000; ++i) index.Add(sigs[i]);
  index.Build();
  EXPECT_EQ(index.CandidatePairs(), expected_pairs(2000));
  for (uint32_t i = 2000; i < 3000; ++i) index.Add(sigs[i]);
  index.Build();
  EXPECT_EQ(index.CandidatePairs(), expected_pairs(3000));
}

// The search builds (1 - s^r)^b by repeated multiplication; the plain search below, two
// pow() per Simpson node per candidate as the integrals are defined, must pick the same
// banding for every threshold and signature length.
TEST(ChooseBanding, SameChoiceAsThePlainSearch) {
  auto simpson = [](auto f, double lo, double hi) {
    if (hi <= lo) return 0.0;
    const int steps = 200;
    const double h = (hi - lo) / steps;
    double sum = f(lo) + f(hi);
    for (int i = 1; i < steps; ++i) sum += (i % 2 == 1 ? 4.0 : 2.0) * f(lo + i * h);
    return sum * h / 3.0;
  };
  for (size_t k : {16u, 64u, 128u, 256u}) {
    for (int step = 1; step <= 20; ++step) {
      LshOptions o;
      o.num_hashes = k;
      o.threshold = step * 0.05;
      SCOPED_TRACE(::testing::Message() << "K " << k << " threshold " << o.threshold);
      size_t best_b = 0, best_r = 0;
      double best = INFINITY;
      for (size_t b = 1; b <= k; ++b) {
        for (size_t r = 1; b * r <= k; ++r) {
          const double fp =
              simpson([&](double s) { return CandidateProbability(s, b, r); }, 0.0, o.threshold);
          const double fn = simpson([&](double s) { return 1.0 - CandidateProbability(s, b, r); },
                                    o.threshold, 1.0);
          const double error = o.false_positive_weight * fp + o.false_negative_weight * fn;
          if (error < best) {
            best = error;
            best_b = b;
            best_r = r;
          }
        }
      }
      const Banding chosen = *ChooseBanding(o);
      EXPECT_EQ(chosen.bands, best_b);
      EXPECT_EQ(chosen.rows, best_r);
    }
  }
}
}  // namespace
}  // namespace crossclaim
