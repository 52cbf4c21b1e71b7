#include "similarity/internal/reuse_align.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <utility>

namespace crossclaim::reuse_internal {
namespace {

struct Seed {
  int32_t i = 0;  // source word
  int32_t j = 0;  // derived word
};

uint64_t GramHash(std::span<const uint64_t> words, size_t at, size_t n) {
  uint64_t h = 0x243F6A8885A308D3ULL;
  for (size_t t = 0; t < n; ++t) {
    h = (h ^ words[at + t]) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
  }
  return h;
}

// Seeds in derived order: every (i, j) where the n-grams at i and j are equal, skipping
// n-grams repeated more than kMaxRepeats times in the source (no anchor). The source's
// n-grams go in an open-addressing table (linear probing, at most half full) whose entries
// chain their positions in ascending order: sorting them and a binary search per derived
// n-gram cost a fifth of the alignment.
std::vector<Seed> FindSeeds(std::span<const uint64_t> source, std::span<const uint64_t> derived,
                            size_t n) {
  constexpr int32_t kMaxRepeats = 8;
  std::vector<Seed> seeds;
  if (source.size() < n || derived.size() < n) return seeds;
  struct Entry {
    uint64_t gram = 0;
    int32_t head = -1;  // first position of the chain; -1: an empty slot
    int32_t count = 0;
  };
  thread_local std::vector<Entry> table;
  thread_local std::vector<int32_t> next;  // next position with the same n-gram, or -1
  const size_t grams = source.size() - n + 1;
  int bits = 4;
  while ((size_t{1} << bits) < 2 * grams) ++bits;
  table.assign(size_t{1} << bits, Entry{});
  next.resize(grams);
  const size_t mask = (size_t{1} << bits) - 1;
  auto find = [&](uint64_t gram) -> Entry& {
    size_t slot = static_cast<size_t>((gram * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
    while (table[slot].head >= 0 && table[slot].gram != gram) slot = (slot + 1) & mask;
    return table[slot];
  };
  for (size_t i = grams; i-- > 0;) {  // backwards, so that chains ascend
    const uint64_t gram = GramHash(source, i, n);
    Entry& e = find(gram);
    e.gram = gram;
    next[i] = e.head;
    e.head = static_cast<int32_t>(i);
    ++e.count;
  }
  for (size_t j = 0; j + n <= derived.size(); ++j) {
    const Entry& e = find(GramHash(derived, j, n));
    if (e.head < 0 || e.count > kMaxRepeats) continue;
    for (int32_t i = e.head; i >= 0; i = next[i]) seeds.push_back({i, static_cast<int32_t>(j)});
  }
  return seeds;
}

// Chains seeds (in derived order) into regions: a seed joins the open region whose last seed
// is at most max_gap words before it in the derived text and whose diagonal is closest,
// within band words.
std::vector<std::vector<Seed>> ChainSeeds(const std::vector<Seed>& seeds, const AlignOptions& o) {
  std::vector<std::vector<Seed>> regions;
  std::vector<size_t> open;
  const int32_t gap = static_cast<int32_t>(o.max_gap_words);
  const int32_t band = static_cast<int32_t>(o.band_words);
  for (const Seed& seed : seeds) {
    size_t best = regions.size();
    int32_t best_drift = std::numeric_limits<int32_t>::max();
    size_t kept = 0;
    for (size_t r : open) {
      const Seed& last = regions[r].back();
      if (seed.j - last.j > gap) continue;  // closed for good: seeds come in derived order
      open[kept++] = r;
      const int32_t drift = std::abs((seed.j - seed.i) - (last.j - last.i));
      if (drift <= band && seed.i >= last.i - band && drift < best_drift) {
        best = r;
        best_drift = drift;
      }
    }
    open.resize(kept);
    if (best == regions.size()) {
      regions.emplace_back();
      open.push_back(best);
    }
    regions[best].push_back(seed);
  }
  return regions;
}

enum : uint8_t { kStop = 0, kDiag = 1, kUp = 2, kLeft = 3 };

// Banded Smith-Waterman over source [s_lo, s_hi) x derived [d_lo, d_hi), cells with
// diagonal j - i in [diag_lo, diag_hi]; the best local alignment, traced back.
Alignment BandedAlign(std::span<const uint64_t> source, std::span<const uint64_t> derived,
                      int32_t s_lo, int32_t s_hi, int32_t d_lo, int32_t d_hi, int32_t diag_lo,
                      int32_t diag_hi) {
  const int32_t width = diag_hi - diag_lo + 1;
  const int32_t rows = d_hi - d_lo;
  // Buffers kept by the thread (an alignment per candidate pair). The traceback reads only
  // cells the fill wrote, so `dirs` needs no clearing.
  thread_local std::vector<uint8_t> dirs;
  thread_local std::vector<int> prev, cur;
  dirs.resize(static_cast<size_t>(rows) * width);
  // Row buffers indexed by idx + 1 (idx = i - (j - diag_hi)); cells outside the band or the
  // box are never written and stay 0, which is what a local alignment starts from, so the
  // neighbours need no bounds tests.
  prev.assign(width + 2, 0);
  cur.assign(width + 2, 0);
  int best = 0;
  int32_t best_i = -1, best_j = -1;
  for (int32_t j = d_lo; j < d_hi; ++j) {
    std::fill(cur.begin(), cur.end(), 0);
    const int32_t i_lo = std::max(s_lo, j - diag_hi);
    const int32_t i_hi = std::min(s_hi - 1, j - diag_lo);
    uint8_t* const row_dirs = dirs.data() + static_cast<size_t>(j - d_lo) * width;
    const int* const up_row = prev.data();
    int* const row = cur.data();
    const uint64_t word = derived[j];
    // (i-1, j-1): previous row, same idx; (i, j-1): previous row, idx + 1; (i-1, j): this
    // row's previous cell. The two carried in registers: reading the cell just stored back
    // from memory made every cell wait for the one before. Walked by pointers, the best cell's
    // row set after the row, so that the loop's state fits in registers.
    const int32_t cells = i_hi - i_lo + 1;
    if (cells <= 0) {  // the band lies outside the box in this row
      std::swap(prev, cur);
      continue;
    }
    const int32_t idx0 = i_lo - (j - diag_hi);
    const uint64_t* const src = source.data() + i_lo;
    const int* const up_cells = up_row + idx0 + 2;
    int* const out = row + idx0 + 1;
    uint8_t* const out_dirs = row_dirs + idx0;
    int diag_h = up_row[idx0 + 1];
    int left_h = 0;
    const int best_before = best;
    for (int32_t k = 0; k < cells; ++k) {
      const int up_h = up_cells[k];
      const int diag = diag_h + (src[k] == word ? kMatchScore : kMismatchScore);
      const int up = up_h + kGapScore;
      const int left = left_h + kGapScore;
      int h = 0;
      uint8_t dir = kStop;
      if (diag > h) h = diag, dir = kDiag;
      if (up > h) h = up, dir = kUp;
      if (left > h) h = left, dir = kLeft;
      out[k] = h;
      out_dirs[k] = dir;
      if (h > best) best = h, best_i = i_lo + k;
      diag_h = up_h;
      left_h = h;
    }
    if (best > best_before) best_j = j;
    std::swap(prev, cur);
  }
  Alignment a;
  a.score = best;
  if (best_i < 0) return a;
  int32_t i = best_i, j = best_j;
  while (i >= s_lo && j >= d_lo) {
    const int32_t idx = i - (j - diag_hi);
    if (idx < 0 || idx >= width) break;
    const uint8_t dir = dirs[static_cast<size_t>(j - d_lo) * width + idx];
    if (dir == kStop) break;
    if (dir == kDiag) {
      const bool match = source[i] == derived[j];
      a.columns.push_back({i, j, match});
      a.matches += match;
      --i, --j;
    } else if (dir == kUp) {
      a.columns.push_back({-1, j, false});
      --j;
    } else {
      a.columns.push_back({i, -1, false});
      --i;
    }
  }
  std::reverse(a.columns.begin(), a.columns.end());
  a.s_begin = static_cast<uint32_t>(i + 1);
  a.s_end = static_cast<uint32_t>(best_i + 1);
  a.d_begin = static_cast<uint32_t>(j + 1);
  a.d_end = static_cast<uint32_t>(best_j + 1);
  return a;
}

}  // namespace

std::vector<Alignment> AlignWords(std::span<const uint64_t> source,
                                  std::span<const uint64_t> derived, const AlignOptions& options) {
  std::vector<Alignment> out;
  const size_t n = std::max<size_t>(1, options.seed_words);
  const int32_t margin = static_cast<int32_t>(options.margin_words);
  const int32_t band = static_cast<int32_t>(options.band_words);
  for (std::vector<Seed> region : ChainSeeds(FindSeeds(source, derived, n), options)) {
    while (!region.empty()) {
      int32_t min_i = region[0].i, max_i = min_i, min_j = region[0].j, max_j = min_j;
      int32_t min_diag = min_j - min_i, max_diag = min_diag;
      for (const Seed& s : region) {
        min_i = std::min(min_i, s.i), max_i = std::max(max_i, s.i);
        min_j = std::min(min_j, s.j), max_j = std::max(max_j, s.j);
        min_diag = std::min(min_diag, s.j - s.i), max_diag = std::max(max_diag, s.j - s.i);
      }
      const int32_t s_lo = std::max(0, min_i - margin);
      const int32_t s_hi =
          std::min(static_cast<int32_t>(source.size()), max_i + static_cast<int32_t>(n) + margin);
      const int32_t d_lo = std::max(0, min_j - margin);
      const int32_t d_hi =
          std::min(static_cast<int32_t>(derived.size()), max_j + static_cast<int32_t>(n) + margin);
      Alignment a =
          BandedAlign(source, derived, s_lo, s_hi, d_lo, d_hi, min_diag - band, max_diag + band);
      const Seed first = region[0];
      std::erase_if(region, [&](const Seed& s) {
        return (s.i == first.i && s.j == first.j) ||
               (!a.columns.empty() && s.j >= static_cast<int32_t>(a.d_begin) &&
                s.j < static_cast<int32_t>(a.d_end));
      });
      if (a.matches >= options.min_matches) out.push_back(std::move(a));
    }
  }
  std::sort(out.begin(), out.end(), [](const Alignment& x, const Alignment& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.d_begin != y.d_begin) return x.d_begin < y.d_begin;
    return x.s_begin < y.s_begin;
  });
  // The same passage can be found from two regions (seeds of one region left over): keep one.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Alignment& x, const Alignment& y) {
                          return x.s_begin == y.s_begin && x.d_begin == y.d_begin &&
                                 x.s_end == y.s_end && x.d_end == y.d_end;
                        }),
            out.end());
  return out;
}

int BestLocalScore(std::span<const uint64_t> source, std::span<const uint64_t> derived) {
  std::vector<int> prev(source.size() + 1, 0), cur(source.size() + 1, 0);
  int best = 0;
  for (size_t j = 1; j <= derived.size(); ++j) {
    cur[0] = 0;
    for (size_t i = 1; i <= source.size(); ++i) {
      const int diag =
          prev[i - 1] + (source[i - 1] == derived[j - 1] ? kMatchScore : kMismatchScore);
      cur[i] = std::max({0, diag, prev[i] + kGapScore, cur[i - 1] + kGapScore});
      best = std::max(best, cur[i]);
    }
    std::swap(prev, cur);
  }
  return best;
}

}  // namespace crossclaim::reuse_internal
