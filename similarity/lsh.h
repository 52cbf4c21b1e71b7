// Locality-sensitive hashing over MinHash signatures: the signature is cut into b bands of
// r rows; two items whose signatures agree on every row of at least one band become a
// candidate pair. For Jaccard similarity s that happens with probability
//   P(s) = 1 - (1 - s^r)^b,
// an S-curve whose steep part sits near the threshold. Candidates are then verified
// exactly by the caller (see similarity/dedup.h): LSH only decides what to look at.
//
// Example:
//   Result<LshIndex> index = LshIndex::Create({.threshold = 0.8, .num_hashes = 128});
//   for (const auto& sig : signatures) index->Add(sig);   // ids 0, 1, 2, ...
//   index->Build();
//   std::vector<CandidatePair> pairs = index->CandidatePairs();
//
// Choosing b and r: for every b * r <= K, ChooseBanding integrates the false-positive mass
// FP = ∫_0^t P(s) ds and the false-negative mass FN = ∫_t^1 (1 - P(s)) ds numerically and
// keeps the (b, r) minimising w_fp * FP + w_fn * FN. Because every candidate is verified
// exactly, a false positive costs only a Jaccard computation while a false negative is a
// missed copy, so the default weights favour recall (0.02 / 0.98): at t = 0.8, K = 128
// this picks b = 17, r = 7, P(0.85) = 0.9986 and P(0.6) = 0.38.
//
// Memory: 8 bytes per item per band (a 32-bit band key and a 32-bit id), e.g. 136 MB for
// one million items with 17 bands. Band keys are 32 bits: unrelated items collide in a
// band with probability 2^-32, which only adds candidates that verification rejects.
//
// Thread safety: Add() and Build() are not thread-safe; after Build(), Query() and
// CandidatePairs() are const and may run concurrently. Build() and CandidatePairs() use
// TBB across bands.
#ifndef CROSSCLAIM_SIMILARITY_LSH_H_
#define CROSSCLAIM_SIMILARITY_LSH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/status.h"

namespace crossclaim {

struct LshOptions {
  double threshold = 0.8;   // Jaccard threshold t, in (0, 1]
  size_t num_hashes = 128;  // K, the signature length
  double false_positive_weight = 0.02;
  double false_negative_weight = 0.98;
  // Fixed banding instead of the optimised one: both 0 (choose) or both > 0 with
  // bands * rows <= num_hashes.
  size_t bands = 0;
  size_t rows = 0;

  bool operator==(const LshOptions&) const = default;
};

struct Banding {
  size_t bands = 0;
  size_t rows = 0;
  double false_positive = 0;  // ∫_0^t P(s) ds
  double false_negative = 0;  // ∫_t^1 (1 - P(s)) ds

  bool operator==(const Banding&) const = default;
};

// 1 - (1 - s^rows)^bands: the probability that a pair with Jaccard s becomes a candidate.
double CandidateProbability(double similarity, size_t bands, size_t rows);

// The banding for the options: the fixed one if given, else the weighted optimum above.
// Errors: InvalidArgument naming the field for a threshold outside (0, 1], num_hashes 0,
// negative weights or both zero, or an inconsistent fixed banding. Complexity: O(K log K)
// candidates times 200 integration intervals; 20-40 ms at K = 128 on the development box.
Result<Banding> ChooseBanding(const LshOptions& options);

// A candidate pair of item ids, first < second.
struct CandidatePair {
  uint32_t first = 0;
  uint32_t second = 0;

  auto operator<=>(const CandidatePair&) const = default;
};

class LshIndex {
 public:
  // Errors: as ChooseBanding.
  static Result<LshIndex> Create(const LshOptions& options);

  const Banding& banding() const { return banding_; }
  size_t size() const { return size_; }

  // The band keys of a signature, one per band. Lets a caller keep b keys instead of K
  // values per item. Precondition: signature.size() == num_hashes, keys.size() == bands.
  void BandKeys(std::span<const uint32_t> signature, std::span<uint32_t> keys) const;

  // Adds an item and returns its id (0, 1, 2, ... in insertion order).
  // Precondition: signature.size() == num_hashes; keys.size() == bands. Invalidates Build().
  uint32_t Add(std::span<const uint32_t> signature);
  uint32_t AddKeys(std::span<const uint32_t> keys);

  // Sorts the bucket tables. Must be called after the last Add() and before queries.
  void Build();

  // Ids of the items sharing at least one band with `signature`, sorted, without
  // duplicates. Precondition: Build() was called. O(b log n + result).
  std::vector<uint32_t> Query(std::span<const uint32_t> signature) const;

  // Every pair of items sharing at least one band, sorted, without duplicates, keeping
  // only pairs for which `accept(first, second)` is true (all when empty). `accept` may
  // be called concurrently. A bucket of m items yields m (m - 1) / 2 pairs.
  std::vector<CandidatePair> CandidatePairs(
      const std::function<bool(uint32_t, uint32_t)>& accept = {}) const;

 private:
  LshIndex(const LshOptions& options, const Banding& banding);

  LshOptions options_;
  Banding banding_;
  size_t size_ = 0;
  bool built_ = false;
  std::vector<std::vector<uint64_t>> tables_;  // per band: (key << 32 | id), sorted by Build
};

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_LSH_H_
