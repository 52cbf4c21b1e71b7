// MinHash signatures: K small values per shingle set such that the fraction of equal
// positions in two signatures estimates the Jaccard similarity of the two sets.
//
// Example:
//   Result<MinHasher> hasher = MinHasher::Create({.num_hashes = 128});
//   std::vector<uint32_t> sa = hasher->Compute(shingles_a);
//   std::vector<uint32_t> sb = hasher->Compute(shingles_b);
//   double estimate = EstimateJaccard(sa, sb);  // ~ Jaccard(shingles_a, shingles_b)
//
// Two modes:
//  * kClassic: K hash functions h_k(x) = ((a_k * x + b_k) mod 2^64) >> 32 over the 32-bit key
//    x = the low 32 bits of the shingle hash, with a_k, b_k uniform 64-bit values derived from
//    the seed (XXH3 of (k, 0) and (k, 1)); signature[k] = min over the set of h_k.
//    This is Dietzfelbinger's multiply-add-shift family, strongly universal (pairwise
//    independent) for 32-bit keys and 32-bit outputs. Two distinct shingles share a key with
//    probability 2^-32 (then they are one element for every h_k): negligible next to the
//    estimator's error for sets of any size this tool sees.
//    Cost: with a = 2^32 a_hi + a_lo, h_k(x) = ((a_lo x + b) >> 32) + a_hi x mod 2^32, i.e. one
//    32 x 32 -> 64 multiply per function plus one 32-bit multiply per 16 (AVX-512: vpmuludq,
//    vpmulld), or on AMD processors one 64-bit multiply per function (vpmullq, as fast as
//    vpmuludq there); up to 128 signature positions stay in registers while all shingles pass.
//    A portable loop gives the same values where the build has no AVX-512.
//    Estimator: each position matches with probability J (up to 2^-32 collisions), so the
//    estimate is Binomial(K, J) / K: unbiased, standard error sqrt(J (1 - J) / K)
//    (0.044 at J = 0.5, K = 128; 0.035 at J = 0.8).
//  * kOnePermutation: one pass, one hash per shingle: the top bits of x pick one of K bins,
//    the low 32 bits are the value, each bin keeps its minimum ("one permutation hashing",
//    Li, Owen, Zhang 2012). Empty bins are filled by optimal densification (Shrivastava
//    2017): bin i copies the value of the first non-empty bin along a pseudo-random probe
//    sequence that depends only on (seed, i), so two documents fill the same way. Cost: one
//    multiply and one min per shingle, ~10x cheaper than classic at K = 128. Estimator:
//    unbiased. Measured RMSE / sqrt(J (1 - J) / K) at K = 128 (2000 pairs each, docs/dedup.md):
//    0.97 for sets of 2000 (sampling without replacement), 0.85-0.98 for 128-400, and
//    1.05-1.16 for sets of 20-64 elements, where most bins are filled by densification.
//    Classic measured 0.98-1.02 at every size (with 64-bit keys; the unit test's bounds hold
//    for the 32-bit-key family).
//
// Duplicated or unsorted shingle hashes give the same signature as the set (min ignores
// both), so a caller may pass raw appended hashes.
//
// Thread safety: MinHasher is immutable after Create(); Compute() is const and may be
// called concurrently with different outputs.
#ifndef CROSSCLAIM_SIMILARITY_MINHASH_H_
#define CROSSCLAIM_SIMILARITY_MINHASH_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"

namespace crossclaim {

enum class MinHashMode {
  kClassic,         // K independent multiply-add-shift hash functions
  kOnePermutation,  // one hash, K bins, densified
};

struct MinHashOptions {
  size_t num_hashes = 128;  // K, signature length; 1..4096
  MinHashMode mode = MinHashMode::kClassic;
  uint64_t seed = 1;  // signatures built with different seeds are not comparable

  bool operator==(const MinHashOptions&) const = default;
};

// Value of every position in the signature of an empty set.
inline constexpr uint32_t kEmptySlot = 0xFFFFFFFFu;

class MinHasher {
 public:
  // Errors: InvalidArgument if num_hashes is 0 or above 4096.
  static Result<MinHasher> Create(const MinHashOptions& options);

  const MinHashOptions& options() const { return options_; }
  size_t num_hashes() const { return options_.num_hashes; }

  // Writes the signature of the shingle hashes into `signature`.
  // Precondition: signature.size() == num_hashes(). An empty input gives all kEmptySlot.
  // Complexity: classic O(m K), one-permutation O(m + K) for m hashes.
  void Compute(std::span<const uint64_t> shingle_hashes, std::span<uint32_t> signature) const;

  std::vector<uint32_t> Compute(std::span<const uint64_t> shingle_hashes) const;

 private:
  explicit MinHasher(const MinHashOptions& options);
  void ComputeClassic(std::span<const uint64_t> x, uint32_t* signature) const;
  void ComputeOnePermutation(std::span<const uint64_t> x, uint32_t* signature) const;
  void Densify(uint32_t* signature) const;
  uint32_t Probe(uint64_t bin, uint64_t attempt) const;

  static constexpr size_t kStoredProbes = 4;  // per bin, one-permutation mode

  MinHashOptions options_;
  std::vector<uint64_t> multipliers_;  // a_k (classic)
  std::vector<uint64_t> increments_;   // b_k (classic)
  std::vector<uint64_t> lanes_;        // a_k, b_k laid out for the AVX-512 update (classic)
  std::vector<uint16_t> probes_;       // first kStoredProbes probes of every bin (OPH)
};

// Fraction of positions where the two signatures agree, in [0, 1]: the MinHash estimate of
// the Jaccard similarity. Precondition: equal, non-zero sizes and the same MinHasher.
// Note: two empty-set signatures agree everywhere (1.0); callers that must treat empty
// sets as dissimilar check for them first (SignatureIsEmpty).
double EstimateJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b);

// True if the signature is the one of an empty set.
bool SignatureIsEmpty(std::span<const uint32_t> signature);

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_MINHASH_H_
