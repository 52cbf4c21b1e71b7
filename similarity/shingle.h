// Shingles: the overlapping pieces of a text that near-duplicate detection compares.
// A word shingle is n consecutive normalised tokens (core Tokenize()); a character shingle
// is n consecutive code points of NormalizeForMatching(text) with white space runs folded
// to one space. Each shingle is reduced to a 64-bit hash; a ShingleSet is the sorted,
// de-duplicated vector of those hashes, so Jaccard similarity is a linear merge.
//
// Word shingle hash (defined once, in AppendShingleHashesOfTokenHashes(); every path below
// goes through it): with t_j = HashToken(norm(j), seed) (core/text.h) and a window of w
// tokens t_i .. t_{i+w-1} (w = n, or all tokens when there are fewer),
//   hash = Finish(sum_{j<w} t_{i+j} * B^(w-1-j) mod 2^64, w, seed),
// B a fixed odd constant and Finish a bijective xor-shift-multiply mix: n multiply-adds per
// shingle, vectorised across shingles, instead of hashing the shingle's bytes. Two distinct
// windows collide only if their sums do: about 2^-64 for random token hashes (up to a
// factor 2^7 at n = 64). Character shingles are XXH3-64 of the shingle's bytes.
//
// Two ways to the same word shingle hashes: from a TokenizedText (when the caller needs
// the tokens anyway, e.g. sentence windows), or straight from the text
// (AppendTextWordShingleHashes: tokens hashed as the scanner finds them, no token list).
// tests/similarity/shingle_test.cc checks that they agree on generated and real text.
//
// Example:
//   Result<Shingler> shingler = Shingler::Create({.kind = ShingleKind::kWord, .n = 5});
//   ShingleSet a = shingler->Shingles(doc_a.text);
//   ShingleSet b = shingler->Shingles(doc_b.text);
//   double j = Jaccard(a, b);  // exact, in [0, 1]
//
// Short texts: a text with at least one token (code point) but fewer than n gives exactly
// one shingle, made of all of them, so two identical short passages still match. An empty
// text (no tokens) gives an empty set, and an empty set has Jaccard 0 with everything,
// itself included: there is nothing to copy.
//
// Hashes are deterministic across runs and machines for a given seed. With 64-bit hashes
// the chance that two distinct shingles collide is about m^2 / 2^65 for m distinct
// shingles: negligible at any corpus size this tool handles.
//
// Thread safety: Shingler is immutable after Create(); all methods are const and may be
// called concurrently. Each call allocates only its own output.
#ifndef CROSSCLAIM_SIMILARITY_SHINGLE_H_
#define CROSSCLAIM_SIMILARITY_SHINGLE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/text.h"

namespace crossclaim {

enum class ShingleKind {
  kWord,  // n consecutive tokens (for articles and paragraphs)
  kChar,  // n consecutive code points (for short passages, scripts without spaces)
};

struct ShingleOptions {
  ShingleKind kind = ShingleKind::kWord;
  size_t n = 5;       // tokens or code points per shingle; 1..64
  uint64_t seed = 0;  // hash seed; sets built with different seeds are not comparable

  bool operator==(const ShingleOptions&) const = default;
};

// Sorted ascending, no duplicates.
using ShingleSet = std::vector<uint64_t>;

class Shingler {
 public:
  // Errors: InvalidArgument if options.n is 0 or above 64.
  static Result<Shingler> Create(const ShingleOptions& options);

  const ShingleOptions& options() const { return options_; }

  // The shingle set of `text` (valid UTF-8). O(bytes + m log m) for m shingles.
  ShingleSet Shingles(std::string_view text) const;

  // Word shingles of tokens [token_begin, token_end) of an already tokenised text, as a
  // set. Lets a caller tokenise a document once and shingle many passages of it.
  // Precondition: token_begin <= token_end <= tokens.size(); kind is kWord.
  ShingleSet WordShingles(const TokenizedText& tokens, size_t token_begin, size_t token_end) const;

  // Appends the word-shingle hashes of tokens [token_begin, token_end) to `out` in text
  // order, unsorted and possibly repeated: enough for MinHash, which ignores order and
  // repeats, and cheaper than a set. `token_hashes` is scratch space (reused, resized).
  // Precondition as WordShingles().
  void AppendWordShingleHashes(const TokenizedText& tokens, size_t token_begin, size_t token_end,
                               std::vector<uint64_t>* token_hashes,
                               std::vector<uint64_t>* out) const;

  // Appends the word-shingle hashes of the whole `text` to `out`, in text order (unsorted,
  // possibly repeated): the same hashes as Tokenize() + AppendWordShingleHashes() over all
  // tokens, about twice as fast (core HashTokens()). `token_hashes` is scratch space.
  // Precondition: kind is kWord. O(bytes).
  void AppendTextWordShingleHashes(std::string_view text, std::vector<uint64_t>* token_hashes,
                                   std::vector<uint64_t>* out) const;

  // Appends the character-shingle hashes of `text` (unsorted, possibly repeated).
  void AppendCharShingleHashes(std::string_view text, std::vector<uint64_t>* out) const;

 private:
  explicit Shingler(const ShingleOptions& options) : options_(options) {}
  ShingleOptions options_;
};

// Appends the hashes of the word shingles of width n over a text's token hashes (the
// definition in the banner above): max(1, size - n + 1) hashes, none for no tokens.
// O(size * n).
void AppendShingleHashesOfTokenHashes(std::span<const uint64_t> token_hashes, size_t n,
                                      uint64_t seed, std::vector<uint64_t>* out);

// Sorts and removes duplicates in place, turning appended hashes into a ShingleSet.
void MakeShingleSet(std::vector<uint64_t>* hashes);

// Exact Jaccard |a ∩ b| / |a ∪ b| of two ShingleSets; 0 when either is empty.
// O(|a| + |b|).
double Jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

// |a ∩ b| of two ShingleSets. O(|a| + |b|).
size_t IntersectionSize(std::span<const uint64_t> a, std::span<const uint64_t> b);

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_SHINGLE_H_
