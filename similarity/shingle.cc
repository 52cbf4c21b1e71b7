#include "similarity/shingle.h"

#include <xxhash.h>

#include <algorithm>
#include <string>

namespace crossclaim {
namespace {

constexpr size_t kMaxN = 64;

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
  const size_t count = token_end - token_begin;
  if (count == 0) return;
  const char* norm = tokens.norm_buffer.data();
  token_hashes->resize(count);
  uint64_t* h = token_hashes->data();
  for (size_t i = 0; i < count; ++i) {
    const Span s = tokens.tokens[token_begin + i].norm;
    h[i] = XXH3_64bits_withSeed(norm + s.begin, s.size(), options_.seed);
  }
  // A shingle hashes the hashes of its tokens: no separator ambiguity ("ab c" vs "a bc").
  const size_t n = std::min(options_.n, count);
  const size_t bytes = n * sizeof(uint64_t);
  const size_t first = out->size();
  out->resize(first + count - n + 1);
  uint64_t* dst = out->data() + first;
  for (size_t i = 0; i + n <= count; ++i)
    dst[i] = XXH3_64bits_withSeed(h + i, bytes, options_.seed);
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
  TokenizedText tokens;
  Tokenize(text, &tokens);
  return WordShingles(tokens, 0, tokens.size());
}

void MakeShingleSet(std::vector<uint64_t>* hashes) {
  std::sort(hashes->begin(), hashes->end());
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
