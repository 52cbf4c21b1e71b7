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
// How the AVX-512 update forms (a x + b) mod 2^64 for the 32-bit key x: kSplit32 with
// 32 x 32 -> 64 multiplies of the low halves of a (vpmuludq) and one 32-bit multiply per 16
// functions for the high halves (vpmulld); kFull64 with one 64-bit multiply per function
// (vpmullq; kSplit32 is used where the build has no AVX-512 DQ). Same values.
enum class Avx512Multiply { kSplit32, kFull64 };

// The faster multiply on this machine: kFull64 on AMD processors (Zen 4 runs vpmullq as
// one instruction, as fast as vpmuludq: measured 25-30% faster on 128 functions), kSplit32
// elsewhere (Intel splits vpmullq into three micro-ops) or without AVX-512 DQ.
Avx512Multiply PreferredAvx512Multiply();

// As ClassicSignatureScalar, from ClassicLanes(a, b); `k` hash functions.
void ClassicSignatureAvx512(std::span<const uint64_t> lanes, std::span<const uint64_t> x, size_t k,
                            uint32_t* signature, Avx512Multiply multiply);
#endif

}  // namespace crossclaim::internal

#endif  // CROSSCLAIM_SIMILARITY_INTERNAL_CLASSIC_MINHASH_H_
