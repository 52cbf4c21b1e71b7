#include "similarity/minhash.h"

#include <xxhash.h>

#include <algorithm>
#include <string>

#include "similarity/internal/classic_minhash.h"

namespace crossclaim {
namespace {

constexpr size_t kMaxHashes = 4096;
__extension__ using Uint128 = unsigned __int128;

// Bin of a 64-bit hash among k bins, from its high bits (Lemire's multiply-shift range map).
inline uint32_t BinOf(uint64_t x, uint64_t k) {
  return static_cast<uint32_t>((static_cast<Uint128>(x) * k) >> 64);
}

}  // namespace

Result<MinHasher> MinHasher::Create(const MinHashOptions& options) {
  if (options.num_hashes == 0 || options.num_hashes > kMaxHashes) {
    return InvalidArgument("MinHashOptions.num_hashes must be in 1.." + std::to_string(kMaxHashes) +
                           " (got " + std::to_string(options.num_hashes) + ")");
  }
  return MinHasher(options);
}

MinHasher::MinHasher(const MinHashOptions& options) : options_(options) {
  if (options.mode == MinHashMode::kOnePermutation) {
    // A signature of a few hundred shingles leaves a few bins empty; their first probes are
    // looked up instead of hashed per signature.
    probes_.resize(options.num_hashes * kStoredProbes);
    for (uint64_t i = 0; i < options.num_hashes; ++i) {
      for (uint64_t a = 0; a < kStoredProbes; ++a) {
        probes_[i * kStoredProbes + a] = static_cast<uint16_t>(Probe(i, a));
      }
    }
    return;
  }
  multipliers_.resize(options.num_hashes);
  increments_.resize(options.num_hashes);
  for (uint64_t k = 0; k < options.num_hashes; ++k) {
    uint64_t key[2] = {k, 0};
    multipliers_[k] = XXH3_64bits_withSeed(key, sizeof(key), options.seed);
    key[1] = 1;
    increments_[k] = XXH3_64bits_withSeed(key, sizeof(key), options.seed);
  }
  lanes_ = internal::ClassicLanes(multipliers_, increments_);
}

void MinHasher::ComputeClassic(std::span<const uint64_t> x, uint32_t* signature) const {
#ifdef CROSSCLAIM_MINHASH_AVX512
  static const internal::Avx512Multiply kMultiply = internal::PreferredAvx512Multiply();
  internal::ClassicSignatureAvx512(lanes_, x, options_.num_hashes, signature, kMultiply);
#else
  internal::ClassicSignatureScalar(multipliers_, increments_, x, signature);
#endif
}

void MinHasher::ComputeOnePermutation(std::span<const uint64_t> x, uint32_t* signature) const {
  const uint64_t k_count = options_.num_hashes;
  std::fill(signature, signature + k_count, kEmptySlot);
  // Re-mix with the seed so that different seeds give different bin assignments.
  const uint64_t mix = options_.seed * 0x9E3779B97F4A7C15ULL | 1u;
  for (uint64_t h : x) {
    const uint64_t y = h * mix;
    const uint32_t bin = BinOf(y, k_count);
    const uint32_t value = static_cast<uint32_t>(y);
    signature[bin] = signature[bin] < value ? signature[bin] : value;
  }
  if (!x.empty()) Densify(signature);
}

// Attempt `attempt` of bin i's probe sequence: a bin drawn from XXH3 of (i, attempt).
uint32_t MinHasher::Probe(uint64_t i, uint64_t attempt) const {
  const uint64_t key[2] = {i, attempt};
  return BinOf(XXH3_64bits_withSeed(key, sizeof(key), options_.seed), options_.num_hashes);
}

// Optimal densification: an empty bin copies the first originally non-empty bin on its own
// probe sequence. Values are < kEmptySlot with overwhelming probability; a genuine
// kEmptySlot minimum is treated as empty, which only changes which bin is copied.
void MinHasher::Densify(uint32_t* signature) const {
  const size_t k_count = options_.num_hashes;
  // On the stack (no allocation per signature), filled without branches: a few hundred
  // shingles leave a few bins of 128 empty, at unpredictable places.
  uint64_t empty[kMaxHashes / 64] = {};  // bit i: bin i was empty
  uint16_t empty_bins[kMaxHashes];
  size_t empties = 0;
  for (size_t i = 0; i < k_count; ++i) {
    const bool is_empty = signature[i] == kEmptySlot;
    empty[i / 64] |= uint64_t{is_empty} << (i % 64);
    empty_bins[empties] = static_cast<uint16_t>(i);
    empties += is_empty;
  }
  if (empties == 0 || empties == k_count) return;
  for (size_t e = 0; e < empties; ++e) {
    const size_t i = empty_bins[e];
    uint64_t attempt = 0;
    uint32_t j = 0;
    do {
      j = attempt < kStoredProbes ? probes_[i * kStoredProbes + attempt] : Probe(i, attempt);
      ++attempt;
    } while (empty[j / 64] >> (j % 64) & 1);
    signature[i] = signature[j];
  }
}

void MinHasher::Compute(std::span<const uint64_t> shingle_hashes,
                        std::span<uint32_t> signature) const {
  if (options_.mode == MinHashMode::kClassic) {
    ComputeClassic(shingle_hashes, signature.data());
  } else {
    ComputeOnePermutation(shingle_hashes, signature.data());
  }
}

std::vector<uint32_t> MinHasher::Compute(std::span<const uint64_t> shingle_hashes) const {
  std::vector<uint32_t> signature(options_.num_hashes);
  Compute(shingle_hashes, signature);
  return signature;
}

double EstimateJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  size_t equal = 0;
  for (size_t k = 0; k < a.size(); ++k) equal += a[k] == b[k];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

bool SignatureIsEmpty(std::span<const uint32_t> signature) {
  return std::all_of(signature.begin(), signature.end(),
                     [](uint32_t v) { return v == kEmptySlot; });
}

}  // namespace crossclaim
