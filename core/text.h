// Text processing for matching: Unicode word tokens with a normalised form (NFKC + case
// fold, curly quotes and dashes unified), sentence segmentation, and normalisation of a
// whole string. Every token and sentence keeps its byte span into the original text, so
// reports always show the outlet's own words.
//
// Example:
//   TokenizedText t;
//   Tokenize("Putin’s 7% rise", &t);
//   // t.size() == 3: "putin's" [0,9), "7" [10,11), "rise" [13,17)
//   // t.norm(0) == "putin's"  (U+2019 became an ASCII apostrophe)
//
// Tokens follow Unicode word boundaries (UAX #29, as ICU's word BreakIterator finds them),
// keeping only segments that contain letters, digits or ideographs. Pure-ASCII stretches
// take a fast path that gives the same tokens as ICU (tests/core/text_test.cc checks it):
// 64 bytes per step with AVX-512 (BW + VBMI) where the build targets it, byte by byte
// otherwise; the rest goes through ICU. Punctuation and symbols such as "%" and "$" are not tokens.
//
// Thread safety: all functions are safe to call concurrently on different outputs.
#ifndef CROSSCLAIM_CORE_TEXT_H_
#define CROSSCLAIM_CORE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crossclaim {

// A byte range [begin, end) into some original text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

struct Token {
  Span orig;  // bytes of the original text
  Span norm;  // bytes of TokenizedText::norm_buffer
};

// Tokens of one text. Reusable: Tokenize() clears it first, keeping capacity, so a worker
// that tokenises many documents allocates only while its buffers grow.
struct TokenizedText {
  std::string norm_buffer;  // normalised token forms, back to back
  std::vector<Token> tokens;

  size_t size() const { return tokens.size(); }
  std::string_view norm(size_t i) const {
    return std::string_view(norm_buffer).substr(tokens[i].norm.begin, tokens[i].norm.size());
  }
};

// Tokenises `text` (valid UTF-8) into `out`. Offsets are relative to `text`.
void Tokenize(std::string_view text, TokenizedText* out);

// Reference tokenizer: ICU's word BreakIterator over the whole text, no fast path.
// Slower; used by tests as the oracle for Tokenize().
void TokenizeWithIcu(std::string_view text, TokenizedText* out);

// Tokenize() with the portable byte-by-byte scanner for ASCII runs, even where the build
// has the AVX-512 one. Same output; the oracle for the SIMD scanner in tests and the
// baseline in benchmarks.
void TokenizeScalar(std::string_view text, TokenizedText* out);

// The 64-bit hash of a normalised token (its bytes, e.g. TokenizedText::norm(i)), from which
// word shingles are built. Up to 16 bytes: the bytes as two little-endian words, zero
// padded, keyed with the seed, multiplied 64 x 64 -> 128 and folded, then XXH3's avalanche;
// longer tokens chain that over 16-byte pieces. Deterministic across runs and
// (little-endian) machines.
uint64_t HashToken(std::string_view norm, uint64_t seed);

// HashToken(norm(i), seed) for every token i that Tokenize(text) finds, in order, written to
// *out (cleared first), without building the tokens: ASCII runs are lower-cased and hashed
// as the scanner finds each word; chunks with non-ASCII bytes go through ICU as in
// Tokenize(). Allocates only while its per-thread buffers grow. About twice as fast as
// Tokenize() followed by HashToken() per token.
void HashTokens(std::string_view text, uint64_t seed, std::vector<uint64_t>* out);

// Convenience: the normalised token strings of `text`.
std::vector<std::string> NormalizedTokens(std::string_view text);

// The matching form of a string: NFKC + case fold, with curly quotes mapped to ASCII
// quotes, dashes to "-", and every Unicode space (NBSP included) to " ". Used for
// character shingles and line comparison, not for display.
std::string NormalizeForMatching(std::string_view text);

// Sentence spans of `text` (byte offsets), using ICU's sentence BreakIterator for English
// with the standard abbreviation suppressions ("Mr.", "Jan.", "U.S." do not end a
// sentence). Line breaks always end a sentence. Leading and trailing white space is
// trimmed from each span; empty spans are dropped.
std::vector<Span> SplitSentences(std::string_view text);

// True if every byte is < 0x80.
bool IsAscii(std::string_view text);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_TEXT_H_
