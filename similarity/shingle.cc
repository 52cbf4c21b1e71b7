#include "similarity/shingle.h"

#include <xxhash.h>

#include <algorithm>
#include <string>

#include "similarity/internal/sort_integers.h"

namespace crossclaim {
namespace {

constexpr size_t kMaxN = 64;

// Shingle hashes are polynomials in kBase over the token hashes. kBase is odd and 3 mod 4: two
// windows holding the same tokens in another order differ by (t_i - t_j) (kBase^a - kBase^b), which
// vanishes mod 2^64 only if the token hashes agree in their low 64 - O(log n) bits.
constexpr uint64_t kBase = 0xC2B2AE3D27D4EB4FULL;

// Finishes a window's polynomial: a bijective xor-shift-multiply mix (of the sum, for a given
// width and seed), so distinct sums never collide and every output bit depends on every input
// bit (MinHash uses the low 32 bits, one-permutation hashing the high ones for the bin).
inline uint64_t FinishShingle(uint64_t sum, uint64_t width, uint64_t seed) {
  uint64_t x = sum ^ (seed + width * 0x9E3779B97F4A7C15ULL);
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ULL;
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ULL;
  return x ^ (x >> 32);
}

bool IsSpaceByte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

Result<Shingler> Shingler::Create(const ShingleOptions& options) {
  if (options.n == 0 || options.n > kMaxN) {
    return InvalidArgument("ShingleOptions.n must be in 1.." + std::to_string(kMaxN) + " (got " +
                           std::to_string(options.n) + ")");
  }
  return Shingler(options);
}

void Shingler::AppendWordShingleHashes(const TokenizedText& tokens, size_t token_begin,
                                       size_t token_end, std::vector<uint64_t>* token_hashes,
                                       std::vector<uint64_t>* out) const {
  token_hashes->resize(token_end - token_begin);
  for (size_t i = token_begin; i < token_end; ++i) {
    (*token_hashes)[i - token_begin] = HashToken(tokens.norm(i), options_.seed);
  }
  AppendShingleHashesOfTokenHashes(*token_hashes, options_.n, options_.seed, out);
}

void Shingler::AppendTextWordShingleHashes(std::string_view text,
                                           std::vector<uint64_t>* token_hashes,
                                           std::vector<uint64_t>* out) const {
  HashTokens(text, options_.seed, token_hashes);
  AppendShingleHashesOfTokenHashes(*token_hashes, options_.n, options_.seed, out);
}

void Shingler::AppendCharShingleHashes(std::string_view text, std::vector<uint64_t>* out) const {
  std::string normalized = NormalizeForMatching(text);
  // Fold white space runs to one space and trim, so layout does not change shingles.
  std::string folded;
  folded.reserve(normalized.size());
  for (char c : normalized) {
    if (IsSpaceByte(c)) {
      if (!folded.empty() && folded.back() != ' ') folded.push_back(' ');
    } else {
      folded.push_back(c);
    }
  }
  if (!folded.empty() && folded.back() == ' ') folded.pop_back();
  if (folded.empty()) return;
  std::vector<uint32_t> starts;  // byte offset of every code point, then the end
  starts.reserve(folded.size() + 1);
  for (size_t i = 0; i < folded.size(); ++i) {
    if ((static_cast<unsigned char>(folded[i]) & 0xC0) != 0x80) {
      starts.push_back(static_cast<uint32_t>(i));
    }
  }
  const size_t points = starts.size();
  starts.push_back(static_cast<uint32_t>(folded.size()));
  const size_t n = std::min(options_.n, points);
  for (size_t i = 0; i + n <= points; ++i) {
    out->push_back(
        XXH3_64bits_withSeed(folded.data() + starts[i], starts[i + n] - starts[i], options_.seed));
  }
}

ShingleSet Shingler::WordShingles(const TokenizedText& tokens, size_t token_begin,
                                  size_t token_end) const {
  ShingleSet set;
  std::vector<uint64_t> scratch;
  AppendWordShingleHashes(tokens, token_begin, token_end, &scratch, &set);
  MakeShingleSet(&set);
  return set;
}

ShingleSet Shingler::Shingles(std::string_view text) const {
  ShingleSet set;
  if (options_.kind == ShingleKind::kChar) {
    AppendCharShingleHashes(text, &set);
    MakeShingleSet(&set);
    return set;
  }
  std::vector<uint64_t> token_hashes;
  AppendTextWordShingleHashes(text, &token_hashes, &set);
  MakeShingleSet(&set);
  return set;
}

namespace {

// dst[i] = Finish(t[i] B^(width-1) + ... + t[i+width-1]) for i < count, by Horner's rule.
// With the width a compile-time constant the loop over i vectorises with every term in
// registers (one store per shingle).
template <size_t kWidth>
void FixedWidthShingles(const uint64_t* t, size_t count, uint64_t seed, uint64_t* dst) {
  for (size_t i = 0; i < count; ++i) {
    uint64_t sum = t[i];
    for (size_t j = 1; j < kWidth; ++j) sum = sum * kBase + t[i + j];
    dst[i] = FinishShingle(sum, kWidth, seed);
  }
}

// Any width: one element-wise (vectorised) pass per token of the window, since sliding one
// sum along the text would be a chain of dependent multiplies.
void AnyWidthShingles(const uint64_t* t, size_t count, size_t width, uint64_t seed,
                      uint64_t* __restrict dst) {
  std::copy(t, t + count, dst);
  for (size_t j = 1; j < width; ++j) {
    const uint64_t* __restrict next = t + j;
    for (size_t i = 0; i < count; ++i) dst[i] = dst[i] * kBase + next[i];
  }
  for (size_t i = 0; i < count; ++i) dst[i] = FinishShingle(dst[i], width, seed);
}

}  // namespace

void AppendShingleHashesOfTokenHashes(std::span<const uint64_t> token_hashes, size_t n,
                                      uint64_t seed, std::vector<uint64_t>* out) {
  const size_t count = token_hashes.size();
  if (count == 0) return;
  const size_t width = std::min(n, count);
  const size_t shingles = count - width + 1;
  const size_t first = out->size();
  out->resize(first + shingles);
  const uint64_t* t = token_hashes.data();
  uint64_t* dst = out->data() + first;
  switch (width) {
    case 3:
      return FixedWidthShingles<3>(t, shingles, seed, dst);
    case 4:
      return FixedWidthShingles<4>(t, shingles, seed, dst);
    case 5:
      return FixedWidthShingles<5>(t, shingles, seed, dst);
    default:
      return AnyWidthShingles(t, shingles, width, seed, dst);
  }
}

void MakeShingleSet(std::vector<uint64_t>* hashes) {
  internal::SortIntegers(hashes);
  hashes->erase(std::unique(hashes->begin(), hashes->end()), hashes->end());
}

size_t IntersectionSize(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return common;
}

double Jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  if (a.empty() || b.empty()) return 0.0;
  const size_t common = IntersectionSize(a, b);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace crossclaim
