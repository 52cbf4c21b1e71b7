// Internal to similarity/minhash.cc: the classic MinHash update, K hash functions
//   h_k(x) = ((a_k * x + b_k) mod 2^64) >> 32,  x = the low 32 bits of a shingle hash,
// with signature[k] = min over the shingles of h_k(x). Two implementations with equal
// results: a portable loop, and an AVX-512 one that keeps up to 128 signature positions in
// registers while it runs through all the shingles.
#ifndef CROSSCLAIM_SIMILARITY_INTERNAL_CLASSIC_MINHASH_H_
#define CROSSCLAIM_SIMILARITY_INTERNAL_CLASSIC_MINHASH_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#if defined(__AVX512F__)
#define CROSSCLAIM_MINHASH_AVX512 1
#endif

namespace crossclaim::internal {

// Portable: signature[k] = min over x of h_k(x), kEmptySlot for no x.
// Precondition: a.size() == b.size() == the signature's length.
void ClassicSignatureScalar(std::span<const uint64_t> a, std::span<const uint64_t> b,
                            std::span<const uint64_t> x, uint32_t* signature);

// The coefficients rearranged for ClassicSignatureAvx512: per group of 16 hash functions,
// the 64-bit a and b of the even ones, of the odd ones, and the high halves of a (K padded
// to a multiple of 16). Empty where the build has no AVX-512.
std::vector<uint64_t> ClassicLanes(std::span<const uint64_t> a, std::span<const uint64_t> b);

#ifdef CROSSCLAIM_MINHASH_AVX512
// As ClassicSignatureScalar, from ClassicLanes(a, b); `k` hash functions.
void ClassicSignatureAvx512(std::span<const uint64_t> lanes, std::span<const uint64_t> x, size_t k,
                            uint32_t* signature);
#endif

}  // namespace crossclaim::internal

#endif  // CROSSCLAIM_SIMILARITY_INTERNAL_CLASSIC_MINHASH_H_
