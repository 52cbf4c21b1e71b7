// Internal to core/text.cc: the word scanners for pure-ASCII text behind Tokenize() and
// HashTokens(). Not part of core's public surface.
//
// ASCII text is cut into tokens by the UAX #29 word rules that apply to it (WB5-WB13b as ICU
// tailors them): letters, digits and '_' form words; '.' and '\'' join two letters or two
// digits, ',' and ';' join two digits. A white-space-free chunk holding a byte >= 0x80 goes
// to ICU whole (SplitAtNonAscii), so the scanners only ever see ASCII.
//
// Two scanners give the same tokens: a byte-by-byte one (portable, and the oracle in
// tests) and, where the compiler targets AVX-512 BW + VBMI, one that classifies 64 bytes
// per step and finds word boundaries with bit operations on the class masks.
#ifndef CROSSCLAIM_CORE_INTERNAL_ASCII_WORDS_H_
#define CROSSCLAIM_CORE_INTERNAL_ASCII_WORDS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__AVX512BW__) && defined(__AVX512VBMI__)
#include <immintrin.h>
#define CROSSCLAIM_ASCII_WORDS_AVX512 1
#endif

namespace crossclaim::internal {

// Word-break classes as bit flags, so that one table lookup per byte yields all the masks.
enum AsciiFlag : uint8_t {
  kLetter = 1,        // a-z A-Z, and '@' (ICU's word rules class it with letters)
  kDigit = 2,         // 0-9
  kExtendNumLet = 4,  // '_'
  kMidNumLet = 8,     // '.' '\'': join letters and digits
  kMidNum = 16,       // ',' ';': join digits
  kSpace = 32,        // ASCII white space: always a word boundary
};
inline constexpr uint8_t kWordFlags = kLetter | kDigit | kExtendNumLet;

constexpr uint8_t FlagsOf(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') return kLetter;
  if (c >= '0' && c <= '9') return kDigit;
  if (c == '_') return kExtendNumLet;
  if (c == '.' || c == '\'') return kMidNumLet;
  if (c == ',' || c == ';') return kMidNum;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return kSpace;
  return 0;
}

struct AsciiTable {
  alignas(64) uint8_t flags[256];
  constexpr AsciiTable() : flags() {
    for (int c = 0; c < 256; ++c) flags[c] = FlagsOf(static_cast<unsigned char>(c));
  }
};
inline constexpr AsciiTable kAsciiTable;

inline uint8_t Flags(char c) { return kAsciiTable.flags[static_cast<unsigned char>(c)]; }

// Position of the first byte >= 0x80 in text[from, size), or text.size(). This is the first
// pass over a document, so it meets the cache misses: 64 bytes per step (AVX-512) keeps
// more of them in flight than 8.
inline size_t FindNonAscii(std::string_view text, size_t from) {
  const char* p = text.data();
  size_t i = from;
#ifdef CROSSCLAIM_ASCII_WORDS_AVX512
  for (; i < text.size(); i += 64) {
    const size_t len = std::min<size_t>(64, text.size() - i);
    const __mmask64 valid = len >= 64 ? ~__mmask64{0} : (__mmask64{1} << len) - 1;
    const uint64_t high = _mm512_movepi8_mask(_mm512_maskz_loadu_epi8(valid, p + i));
    if (high) return i + static_cast<size_t>(__builtin_ctzll(high));
  }
#else
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ULL) break;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return i;
  }
#endif
  return text.size();
}

// Calls ascii(begin, end) for the pure-ASCII runs of `text` and icu(begin, end) for each
// maximal white-space-free chunk holding a non-ASCII byte, in text order. Both kinds of
// piece start and end at white space or at the ends of the text, so no word spans two.
template <typename Ascii, typename Icu>
void SplitAtNonAscii(std::string_view text, Ascii&& ascii, Icu&& icu) {
  const size_t n = text.size();
  size_t pos = 0;
  while (pos < n) {
    const size_t q = FindNonAscii(text, pos);
    if (q == n) return ascii(pos, n);
    size_t begin = q;
    while (begin > pos && !(Flags(text[begin - 1]) & kSpace)) --begin;
    size_t end = q + 1;
    while (end < n && !(Flags(text[end]) & kSpace)) ++end;
    if (begin > pos) ascii(pos, begin);
    icu(begin, end);
    pos = end;
  }
}

// ICU gives a lone "_" no word status, but any longer run ("__", "_a") one.
template <typename OnToken>
inline void Emit(const char* text, size_t begin, size_t end, OnToken& on_token) {
  // Tested in this order because tokens rarely start with '_' (a predictable branch) while
  // one-character tokens ("a", "5") are common.
  if (text[begin] == '_' && end - begin == 1) return;
  on_token(begin, end);
}

// A joiner stays inside a word only between two letters or two digits.
inline bool Joins(uint8_t prev, uint8_t joiner, uint8_t next) {
  return ((joiner & kMidNumLet) && (prev & next & kLetter)) ||
         ((joiner & (kMidNum | kMidNumLet)) && (prev & next & kDigit));
}

// Byte-by-byte scanner of the ASCII run text[begin, end): on_token(b, e) per word.
template <typename OnToken>
void ScanAsciiScalar(const char* text, size_t begin, size_t end, OnToken&& on_token) {
  size_t i = begin;
  while (i < end) {
    if (!(Flags(text[i]) & kWordFlags)) {
      ++i;
      continue;
    }
    const size_t start = i++;
    while (i < end) {
      const uint8_t cur = Flags(text[i]);
      if (cur & kWordFlags) {
        ++i;
      } else if (i + 1 < end && Joins(Flags(text[i - 1]), cur, Flags(text[i + 1]))) {
        i += 2;
      } else {
        break;
      }
    }
    Emit(text, start, i, on_token);
  }
}

#ifdef CROSSCLAIM_ASCII_WORDS_AVX512

// Class masks of one block of up to 64 bytes (bit i = byte i; bytes past the end count as
// "other").
struct BlockMasks {
  uint64_t letter, digit, word, mid_num_let, mid_num;
};

inline BlockMasks ClassifyBlock(__m512i bytes, __m512i table_lo, __m512i table_hi) {
  // 7-bit table lookup: every byte of an ASCII run is < 0x80.
  const __m512i flags = _mm512_permutex2var_epi8(table_lo, bytes, table_hi);
  auto mask = [&](uint8_t f) { return _mm512_test_epi8_mask(flags, _mm512_set1_epi8(f)); };
  return {mask(kLetter), mask(kDigit), mask(kWordFlags), mask(kMidNumLet), mask(kMidNum)};
}

inline __m512i LowerBlock(__m512i bytes) {
  const __mmask64 upper =
      _mm512_cmplt_epu8_mask(_mm512_sub_epi8(bytes, _mm512_set1_epi8('A')), _mm512_set1_epi8(26));
  return _mm512_mask_add_epi8(bytes, upper, bytes, _mm512_set1_epi8(32));
}

// Bits of `mask` moved one byte later / earlier, with the neighbouring blocks' bits.
inline uint64_t FromPrevious(uint64_t mask, uint64_t carry) { return (mask << 1) | carry; }
inline uint64_t FromNext(uint64_t mask, bool next) { return (mask >> 1) | (uint64_t{next} << 63); }

// Word boundaries from masks: a byte is inside a word if it is a word character, or a
// joiner with a letter (digit) on both sides. Pairs the starts and ends of the runs of
// inside bytes in text order; a word still open at the end of the block stays in *open.
class AsciiWordBlocks {
 public:
  // `lower`, if not null, receives the lower-cased bytes of the run at the same offsets.
  explicit AsciiWordBlocks(char* lower) : lower_(lower) {}

  template <typename OnToken>
  void Scan(const char* text, size_t begin, size_t end, OnToken& on_token) {
    const __m512i table_lo = _mm512_load_si512(kAsciiTable.flags);
    const __m512i table_hi = _mm512_load_si512(kAsciiTable.flags + 64);
    for (size_t o = begin; o < end; o += 64) {
      const size_t len = std::min<size_t>(64, end - o);
      const __mmask64 valid = len >= 64 ? ~__mmask64{0} : (__mmask64{1} << len) - 1;
      const __m512i bytes = _mm512_maskz_loadu_epi8(valid, text + o);
      if (lower_) _mm512_mask_storeu_epi8(lower_ + o, valid, LowerBlock(bytes));
      const uint8_t next = o + 64 < end ? Flags(text[o + 64]) : 0;
      const uint64_t inside = Inside(ClassifyBlock(bytes, table_lo, table_hi), next);
      const uint64_t before = FromPrevious(inside, carry_inside_);
      carry_inside_ = inside >> 63;
      Pair(text, o, inside & ~before, ~inside & before, on_token);
    }
    if (open_) Emit(text, open_start_, end, on_token);
  }

 private:
  uint64_t Inside(const BlockMasks& m, uint8_t next) {
    const uint64_t letters =
        FromPrevious(m.letter, carry_letter_) & FromNext(m.letter, next & kLetter);
    const uint64_t digits = FromPrevious(m.digit, carry_digit_) & FromNext(m.digit, next & kDigit);
    carry_letter_ = m.letter >> 63;
    carry_digit_ = m.digit >> 63;
    return m.word | (m.mid_num_let & letters) | ((m.mid_num | m.mid_num_let) & digits);
  }

  template <typename OnToken>
  void Pair(const char* text, size_t o, uint64_t starts, uint64_t ends, OnToken& on_token) {
    if (open_ && ends) {
      Emit(text, open_start_, o + Pop(&ends), on_token);
      open_ = false;
    }
    while (starts) {
      const size_t start = o + Pop(&starts);
      if (!ends) {
        open_ = true;
        open_start_ = start;
        return;
      }
      Emit(text, start, o + Pop(&ends), on_token);
    }
  }

  static size_t Pop(uint64_t* bits) {
    const size_t i = static_cast<size_t>(__builtin_ctzll(*bits));
    *bits &= *bits - 1;
    return i;
  }

  char* lower_;
  uint64_t carry_letter_ = 0, carry_digit_ = 0, carry_inside_ = 0;
  bool open_ = false;
  size_t open_start_ = 0;
};

#endif  // CROSSCLAIM_ASCII_WORDS_AVX512

// Writes text[begin, end) with ASCII letters lower-cased to lower[begin, end).
inline void LowerRun(const char* text, size_t begin, size_t end, char* lower) {
  for (size_t i = begin; i < end; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    lower[i] = static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c + 32 : c);
  }
}

// The fastest scanner this build has, on the ASCII run text[begin, end); also lower-cases
// the run into `lower` when that is not null (in the same pass where the build has SIMD).
template <typename OnToken>
void ScanAscii(const char* text, size_t begin, size_t end, char* lower, OnToken&& on_token) {
#ifdef CROSSCLAIM_ASCII_WORDS_AVX512
  AsciiWordBlocks(lower).Scan(text, begin, end, on_token);
#else
  if (lower) LowerRun(text, begin, end, lower);
  ScanAsciiScalar(text, begin, end, on_token);
#endif
}

}  // namespace crossclaim::internal

#endif  // CROSSCLAIM_CORE_INTERNAL_ASCII_WORDS_H_
