#include "similarity/internal/classic_minhash.h"

#include <algorithm>

#ifdef CROSSCLAIM_MINHASH_AVX512
#include <immintrin.h>
#endif

namespace crossclaim::internal {
namespace {

constexpr uint32_t kNoValue = 0xFFFFFFFFu;  // kEmptySlot of similarity/minhash.h

inline uint32_t Hash(uint64_t a, uint64_t b, uint64_t x32) {
  return static_cast<uint32_t>((a * x32 + b) >> 32);
}

}  // namespace

void ClassicSignatureScalar(std::span<const uint64_t> a, std::span<const uint64_t> b,
                            std::span<const uint64_t> x, uint32_t* __restrict signature) {
  const size_t k_count = a.size();
  std::fill(signature, signature + k_count, kNoValue);
  // Two shingles per pass halve the loads and stores of the signature.
  size_t i = 0;
  for (; i + 2 <= x.size(); i += 2) {
    const uint64_t x0 = static_cast<uint32_t>(x[i]), x1 = static_cast<uint32_t>(x[i + 1]);
    for (size_t k = 0; k < k_count; ++k) {
      const uint32_t v = std::min(Hash(a[k], b[k], x0), Hash(a[k], b[k], x1));
      signature[k] = std::min(signature[k], v);
    }
  }
  for (; i < x.size(); ++i) {
    const uint64_t x0 = static_cast<uint32_t>(x[i]);
    for (size_t k = 0; k < k_count; ++k) {
      signature[k] = std::min(signature[k], Hash(a[k], b[k], x0));
    }
  }
}

#ifdef CROSSCLAIM_MINHASH_AVX512

namespace {

// Per group of 16 hash functions: a (8 even, 8 odd), b (8 even, 8 odd), high halves of a.
constexpr size_t kGroupWords = 40;

struct Group {
  __m512i a_even, a_odd, b_even, b_odd, a_high;
};

// GCC 12 warns (-Wmaybe-uninitialized, GCC bug 105593) inside the plain forms of these two
// intrinsics, whose unused pass-through operand is undefined; the zero-masking forms with an
// all-ones mask compile to the same instructions without it.
inline __m512i MulLow32(__m512i a, __m512i b) { return _mm512_maskz_mul_epu32(0xFF, a, b); }
inline __m512i MinU32(__m512i a, __m512i b) { return _mm512_maskz_min_epu32(0xFFFF, a, b); }

inline Group LoadGroup(const uint64_t* p) {
  return {_mm512_loadu_si512(p), _mm512_loadu_si512(p + 8), _mm512_loadu_si512(p + 16),
          _mm512_loadu_si512(p + 24), _mm512_loadu_si512(p + 32)};
}

// h_k(x) of the 16 functions of a group; `x` holds the key in every 32-bit lane.
// With a = 2^32 a_hi + a_lo: (a x + b) mod 2^64 >> 32 = ((a_lo x + b) >> 32) + a_hi x mod 2^32,
// so one 32 x 32 -> 64 multiply per function (vpmuludq, even and odd functions apart) and one
// 32-bit multiply for sixteen.
inline __m512i Hash16(const Group& g, __m512i x) {
  const __m512i even = _mm512_add_epi64(MulLow32(g.a_even, x), g.b_even);
  const __m512i odd = _mm512_add_epi64(MulLow32(g.a_odd, x), g.b_odd);
  // 32-bit lane 2i takes the high half of even[i], lane 2i + 1 the high half of odd[i].
  const __m512i high = _mm512_mask_shuffle_epi32(odd, 0x5555, even, _MM_PERM_CDAB);
  return _mm512_add_epi32(high, _mm512_mullo_epi32(g.a_high, x));
}

// The key x in every 32-bit lane (kSplit32: vpmuludq and vpmulld read the lanes they
// need), or zero-extended in every 64-bit lane (kFull64).
template <Avx512Multiply kMultiply>
inline __m512i Key(uint64_t shingle_hash) {
  const uint32_t x = static_cast<uint32_t>(shingle_hash);
  if constexpr (kMultiply == Avx512Multiply::kFull64) {
    return _mm512_set1_epi64(static_cast<long long>(x));
  } else {
    return _mm512_set1_epi32(static_cast<int>(x));
  }
}

#ifdef __AVX512DQ__
// Hash16 with one 64-bit multiply per function (vpmullq); the high halves of a unused.
inline __m512i Hash16Full64(const Group& g, __m512i x) {
  const __m512i even = _mm512_add_epi64(_mm512_mullo_epi64(g.a_even, x), g.b_even);
  const __m512i odd = _mm512_add_epi64(_mm512_mullo_epi64(g.a_odd, x), g.b_odd);
  return _mm512_mask_shuffle_epi32(odd, 0x5555, even, _MM_PERM_CDAB);
}
#endif

template <Avx512Multiply kMultiply>
inline __m512i HashOf(const Group& g, __m512i x) {
#ifdef __AVX512DQ__
  if constexpr (kMultiply == Avx512Multiply::kFull64) return Hash16Full64(g, x);
#endif
  return Hash16(g, x);
}

// Signature positions [0, 16 kGroups) of `lanes` (clipped to `k`) held in registers while
// every shingle passes, two at a time so that each coefficient load serves two.
template <int kGroups, Avx512Multiply kMultiply>
void SignatureBlock(const uint64_t* lanes, std::span<const uint64_t> x, size_t k, uint32_t* out) {
  __m512i sig[kGroups];
  for (int g = 0; g < kGroups; ++g) sig[g] = _mm512_set1_epi32(-1);
  size_t i = 0;
  for (; i + 2 <= x.size(); i += 2) {
    const __m512i x0 = Key<kMultiply>(x[i]), x1 = Key<kMultiply>(x[i + 1]);
#pragma GCC unroll 8
    for (int g = 0; g < kGroups; ++g) {
      const Group c = LoadGroup(lanes + g * kGroupWords);
      sig[g] = MinU32(sig[g], MinU32(HashOf<kMultiply>(c, x0), HashOf<kMultiply>(c, x1)));
    }
  }
  if (i < x.size()) {
    const __m512i x0 = Key<kMultiply>(x[i]);
    for (int g = 0; g < kGroups; ++g) {
      sig[g] = MinU32(sig[g], HashOf<kMultiply>(LoadGroup(lanes + g * kGroupWords), x0));
    }
  }
  for (int g = 0; g < kGroups; ++g) {
    const size_t left = k - 16 * static_cast<size_t>(g);
    const __mmask16 keep = left >= 16 ? 0xFFFF : static_cast<__mmask16>((1u << left) - 1);
    _mm512_mask_storeu_epi32(out + 16 * g, keep, sig[g]);
  }
}

}  // namespace

namespace {

template <Avx512Multiply kMultiply>
void Signature(std::span<const uint64_t> lanes, std::span<const uint64_t> x, size_t k,
               uint32_t* signature) {
  const size_t groups = (k + 15) / 16;
  for (size_t g = 0; g < groups;) {
    const uint64_t* l = lanes.data() + g * kGroupWords;
    const size_t left = groups - g;
    const size_t k_left = k - 16 * g;
    uint32_t* out = signature + 16 * g;
    // Blocks of 8, 4, 2, 1 groups: 8 x 16 positions are 8 of the 32 vector registers.
    if (left >= 8) {
      SignatureBlock<8, kMultiply>(l, x, k_left, out);
      g += 8;
    } else if (left >= 4) {
      SignatureBlock<4, kMultiply>(l, x, k_left, out);
      g += 4;
    } else if (left >= 2) {
      SignatureBlock<2, kMultiply>(l, x, k_left, out);
      g += 2;
    } else {
      SignatureBlock<1, kMultiply>(l, x, k_left, out);
      g += 1;
    }
  }
}

}  // namespace

Avx512Multiply PreferredAvx512Multiply() {
#ifdef __AVX512DQ__
  __builtin_cpu_init();
  if (__builtin_cpu_is("amd")) return Avx512Multiply::kFull64;
#endif
  return Avx512Multiply::kSplit32;
}

void ClassicSignatureAvx512(std::span<const uint64_t> lanes, std::span<const uint64_t> x, size_t k,
                            uint32_t* signature, Avx512Multiply multiply) {
#ifdef __AVX512DQ__
  if (multiply == Avx512Multiply::kFull64)
    return Signature<Avx512Multiply::kFull64>(lanes, x, k, signature);
#else
  (void)multiply;
#endif
  Signature<Avx512Multiply::kSplit32>(lanes, x, k, signature);
}

std::vector<uint64_t> ClassicLanes(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  const size_t groups = (a.size() + 15) / 16;
  std::vector<uint64_t> lanes(groups * kGroupWords, 0);
  auto coefficient = [](std::span<const uint64_t> c, size_t k) { return k < c.size() ? c[k] : 0; };
  for (size_t g = 0; g < groups; ++g) {
    uint64_t* p = lanes.data() + g * kGroupWords;
    for (size_t i = 0; i < 8; ++i) {
      const size_t even = 16 * g + 2 * i, odd = even + 1;
      p[i] = coefficient(a, even);
      p[8 + i] = coefficient(a, odd);
      p[16 + i] = coefficient(b, even);
      p[24 + i] = coefficient(b, odd);
      p[32 + i] = (coefficient(a, even) >> 32) | (coefficient(a, odd) >> 32 << 32);
    }
  }
  return lanes;
}

#else

std::vector<uint64_t> ClassicLanes(std::span<const uint64_t>, std::span<const uint64_t>) {
  return {};
}

#endif  // CROSSCLAIM_MINHASH_AVX512

}  // namespace crossclaim::internal
