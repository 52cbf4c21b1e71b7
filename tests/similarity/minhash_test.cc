#include "similarity/minhash.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "similarity/internal/classic_minhash.h"
#include "similarity/shingle.h"

namespace crossclaim {
namespace {

// Two sets of random 64-bit values with exactly `common` shared and `only` private to each:
// Jaccard = common / (common + 2 * only).
void MakePair(std::mt19937_64& rng, size_t common, size_t only, std::vector<uint64_t>* a,
              std::vector<uint64_t>* b) {
  a->clear();
  b->clear();
  for (size_t i = 0; i < common; ++i) {
    uint64_t v = rng();
    a->push_back(v);
    b->push_back(v);
  }
  for (size_t i = 0; i < only; ++i) a->push_back(rng());
  for (size_t i = 0; i < only; ++i) b->push_back(rng());
}

TEST(MinHasher, RejectsBadNumHashes) {
  Result<MinHasher> zero = MinHasher::Create({0, MinHashMode::kClassic, 1});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(zero.status().message(), "MinHashOptions.num_hashes must be in 1..4096 (got 0)");
  EXPECT_FALSE(MinHasher::Create({4097, MinHashMode::kOnePermutation, 1}).ok());
}

TEST(MinHasher, EmptyIdenticalAndOrderInsensitive) {
  for (MinHashMode mode : {MinHashMode::kClassic, MinHashMode::kOnePermutation}) {
    SCOPED_TRACE(static_cast<int>(mode));
    MinHasher h = *MinHasher::Create({128, mode, 7});
    EXPECT_TRUE(SignatureIsEmpty(h.Compute(std::vector<uint64_t>{})));
    std::vector<uint64_t> a = {5, 1, 99, 12345678901234ULL, 42};
    std::vector<uint64_t> shuffled = {42, 99, 5, 5, 1, 12345678901234ULL, 1};
    EXPECT_EQ(h.Compute(a), h.Compute(shuffled));
    EXPECT_FALSE(SignatureIsEmpty(h.Compute(a)));
    EXPECT_EQ(EstimateJaccard(h.Compute(a), h.Compute(a)), 1.0);
    // A single element: every position is defined (densified in OPH mode).
    std::vector<uint32_t> one = h.Compute(std::vector<uint64_t>{77});
    for (uint32_t v : one) EXPECT_NE(v, kEmptySlot);
  }
}

// dedup's verification signs a unit from its sorted, duplicate-free shingle set where the
// first pass signed the raw shingle hashes: the two must agree, for an odd and an even count.
TEST(MinHasher, SignatureOfRawHashesEqualsSignatureOfTheirShingleSet) {
  std::mt19937_64 rng(11);
  for (MinHashMode mode : {MinHashMode::kClassic, MinHashMode::kOnePermutation}) {
    MinHasher h = *MinHasher::Create({128, mode, 1});
    for (size_t n : {999u, 1000u}) {
      SCOPED_TRACE(n);
      std::vector<uint64_t> raw;
      for (size_t i = 0; i < n; ++i) raw.push_back(i % 3 == 0 && i > 0 ? raw[i / 2] : rng());
      std::vector<uint64_t> set = raw;
      MakeShingleSet(&set);
      ASSERT_LT(set.size(), raw.size());
      EXPECT_EQ(h.Compute(raw), h.Compute(set));
    }
  }
}

TEST(MinHasher, ClassicSlotIsMinOfMultiplyShift) {
  // Hand check of the documented family: position k is min over x of (a_k x + b_k) >> 32.
  // With one element the signature values are (a_k x + b_k) >> 32 themselves; with a second
  // element, each position is the min of the two single-element signatures.
  MinHasher h = *MinHasher::Create({16, MinHashMode::kClassic, 3});
  std::vector<uint32_t> s1 = h.Compute(std::vector<uint64_t>{1000});
  std::vector<uint32_t> s2 = h.Compute(std::vector<uint64_t>{2000});
  std::vector<uint32_t> both = h.Compute(std::vector<uint64_t>{1000, 2000});
  for (size_t k = 0; k < 16; ++k) EXPECT_EQ(both[k], std::min(s1[k], s2[k]));
}

// The classic signature with coefficients a, b by plain 64-bit arithmetic: position i is
// the min over x of ((a_i x32 + b_i) mod 2^64) >> 32, x32 the low 32 bits of x.
std::vector<uint32_t> PlainClassicSignature(const std::vector<uint64_t>& a,
                                            const std::vector<uint64_t>& b,
                                            const std::vector<uint64_t>& x) {
  std::vector<uint32_t> signature(a.size(), kEmptySlot);
  for (size_t i = 0; i < a.size(); ++i) {
    for (uint64_t v : x) {
      const uint64_t key32 = static_cast<uint32_t>(v);
      signature[i] = std::min(signature[i], static_cast<uint32_t>((a[i] * key32 + b[i]) >> 32));
    }
  }
  return signature;
}

// Every slot equals the documented family computed directly: a_k, b_k = XXH3-64 of the
// 16-byte keys (k, 0) and (k, 1) under the seed, h_k(x) = ((a_k x + b_k) mod 2^64) >> 32 on
// the low 32 bits of each hash. Checks the vectorised update (K not a multiple of 16
// included) against plain 64-bit arithmetic.
TEST(MinHasher, ClassicMatchesDocumentedFamily) {
  std::mt19937_64 rng(5);
  for (size_t k : {1u, 15u, 16u, 17u, 128u, 130u, 300u}) {
    MinHasher h = *MinHasher::Create({k, MinHashMode::kClassic, 9});
    for (size_t m : {1u, 2u, 3u, 100u}) {
      SCOPED_TRACE(testing::Message() << "K " << k << " m " << m);
      std::vector<uint64_t> x(m);
      for (uint64_t& v : x) v = rng();
      std::vector<uint64_t> a(k), b(k);
      for (uint64_t i = 0; i < k; ++i) {
        uint64_t key[2] = {i, 0};
        a[i] = XXH3_64bits_withSeed(key, sizeof(key), 9);
        key[1] = 1;
        b[i] = XXH3_64bits_withSeed(key, sizeof(key), 9);
      }
      EXPECT_EQ(h.Compute(x), PlainClassicSignature(a, b, x));
    }
  }
}

#ifdef CROSSCLAIM_MINHASH_AVX512
// Both ways the AVX-512 update can multiply give the family's values computed with plain
// 64-bit arithmetic (MinHasher runs only the one this machine prefers).
TEST(MinHasher, BothAvx512MultipliesMatchPlainArithmetic) {
  std::mt19937_64 rng(13);
  for (size_t k : {1u, 16u, 17u, 128u, 300u}) {
    std::vector<uint64_t> a(k), b(k);
    for (size_t i = 0; i < k; ++i) a[i] = rng(), b[i] = rng();
    const std::vector<uint64_t> lanes = internal::ClassicLanes(a, b);
    for (size_t m : {1u, 2u, 3u, 257u}) {
      SCOPED_TRACE(testing::Message() << "K " << k << " m " << m);
      std::vector<uint64_t> x(m);
      for (uint64_t& v : x) v = rng();
      const std::vector<uint32_t> want = PlainClassicSignature(a, b, x);
      for (internal::Avx512Multiply multiply :
           {internal::Avx512Multiply::kSplit32, internal::Avx512Multiply::kFull64}) {
        std::vector<uint32_t> got(k);
        internal::ClassicSignatureAvx512(lanes, x, k, got.data(), multiply);
        EXPECT_EQ(got, want) << static_cast<int>(multiply);
      }
    }
  }
}
#endif

struct ErrorCase {
  MinHashMode mode;
  size_t set_size;       // |A| = |B|
  double max_mse_ratio;  // measured MSE / (J(1-J)/K) bound
};

// The estimate lies within 5 standard errors of J for every pair, and the mean squared error
// over many pairs is close to the theoretical variance J(1-J)/K.
TEST(MinHasher, EstimatorErrorWithinTheory) {
  const size_t k = 128;
  const ErrorCase cases[] = {
      {MinHashMode::kClassic, 400, 1.35},         {MinHashMode::kClassic, 40, 1.35},
      {MinHashMode::kOnePermutation, 2000, 1.35}, {MinHashMode::kOnePermutation, 400, 1.35},
      {MinHashMode::kOnePermutation, 40, 1.7},
  };
  for (const ErrorCase& c : cases) {
    for (double j : {0.2, 0.5, 0.8, 0.9}) {
      for (uint64_t seed : {11u, 12u}) {
        SCOPED_TRACE(testing::Message() << "mode " << static_cast<int>(c.mode) << " size "
                                        << c.set_size << " J " << j << " seed " << seed);
        MinHasher h = *MinHasher::Create({k, c.mode, seed});
        std::mt19937_64 rng(seed);
        // |A| = common + only, J = common / (common + 2 only).
        size_t only = static_cast<size_t>(std::round(c.set_size * (1 - j) / (1 + j)));
        size_t common = c.set_size - only;
        double exact = static_cast<double>(common) / static_cast<double>(common + 2 * only);
        double sigma = std::sqrt(exact * (1 - exact) / k);
        double squared = 0, sum = 0;
        const int trials = 200;
        std::vector<uint64_t> a, b;
        for (int t = 0; t < trials; ++t) {
          MakePair(rng, common, only, &a, &b);
          double estimate = EstimateJaccard(h.Compute(a), h.Compute(b));
          EXPECT_LE(std::abs(estimate - exact), 5 * sigma * std::sqrt(c.max_mse_ratio) + 1.0 / k);
          squared += (estimate - exact) * (estimate - exact);
          sum += estimate - exact;
        }
        // Unbiased: the mean error is within 4 standard errors of the mean.
        EXPECT_LE(std::abs(sum / trials), 4 * sigma * std::sqrt(c.max_mse_ratio / trials));
        EXPECT_LE(squared / trials, c.max_mse_ratio * sigma * sigma);
      }
    }
  }
}

}  // namespace
}  // namespace crossclaim
