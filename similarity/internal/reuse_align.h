// Word-level alignment behind FindReuse (similarity/reuse.h), exposed for its tests: the
// seed-and-extend aligner and the exact dynamic programme that checks it. Not a stable
// interface.
//
// Words are 64-bit hashes. Scores: match +1, substitution -1, insertion or deletion -1
// (Smith-Waterman local alignment, linear gaps).
#ifndef CROSSCLAIM_SIMILARITY_INTERNAL_REUSE_ALIGN_H_
#define CROSSCLAIM_SIMILARITY_INTERNAL_REUSE_ALIGN_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace crossclaim::reuse_internal {

inline constexpr int kMatchScore = 1;
inline constexpr int kMismatchScore = -1;
inline constexpr int kGapScore = -1;

// One column of an alignment: word s of the source and word d of the derived text, either
// of them -1 for an insertion (s == -1: a derived word with no source word) or a deletion.
struct Column {
  int32_t s = -1;
  int32_t d = -1;
  bool match = false;
};

// A local alignment of source words [s_begin, s_end) with derived words [d_begin, d_end).
struct Alignment {
  uint32_t s_begin = 0;
  uint32_t s_end = 0;
  uint32_t d_begin = 0;
  uint32_t d_end = 0;
  int score = 0;
  uint32_t matches = 0;
  std::vector<Column> columns;  // in text order
};

struct AlignOptions {
  size_t seed_words = 3;
  size_t max_gap_words = 12;
  size_t band_words = 8;
  size_t min_matches = 5;
  size_t margin_words = 12;  // a region's box is widened by this many words on each side
};

// Seed and extend: the local alignments of `source` with `derived`, one per region of
// chained seeds, each with at least options.min_matches matches, sorted by score (highest
// first, then by d_begin), not yet de-overlapped. Deterministic.
std::vector<Alignment> AlignWords(std::span<const uint64_t> source,
                                  std::span<const uint64_t> derived, const AlignOptions& options);

// The exact answer: the best Smith-Waterman score over all local alignments of the two
// sequences (full O(|source| * |derived|) table). The oracle for AlignWords in tests.
int BestLocalScore(std::span<const uint64_t> source, std::span<const uint64_t> derived);

}  // namespace crossclaim::reuse_internal

#endif  // CROSSCLAIM_SIMILARITY_INTERNAL_REUSE_ALIGN_H_
