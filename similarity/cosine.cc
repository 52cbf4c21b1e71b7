#include "similarity/cosine.h"

#include <fmt/format.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>
#include <optional>
#include <type_traits>

#include "core/progress.h"

namespace crossclaim {
namespace {

struct Entry {
  int32_t rank;  // column rank: 0 is the most frequent column
  float weight;
};

// Exact dot product of two rows sorted by rank.
double Dot(std::span<const Entry> x, std::span<const Entry> y) {
  double sum = 0;
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].rank < y[j].rank) {
      ++i;
    } else if (x[i].rank > y[j].rank) {
      ++j;
    } else {
      sum += static_cast<double>(x[i].weight) * y[j].weight;
      ++i;
      ++j;
    }
  }
  return sum;
}

Status Validate(const TfidfMatrix& rows, std::span<const int32_t> groups,
                const AllPairsOptions& options) {
  if (!(options.threshold > 0 && options.threshold <= 1)) {
    return InvalidArgument(
        fmt::format("AllPairsOptions.threshold must be in (0, 1] (got {})", options.threshold));
  }
  if (options.top_k < 0) {
    return InvalidArgument(
        fmt::format("AllPairsOptions.top_k must be >= 0 (got {})", options.top_k));
  }
  if (options.threads < 0) {
    return InvalidArgument(
        fmt::format("AllPairsOptions.threads must be >= 0 (got {})", options.threads));
  }
  if (!groups.empty() && static_cast<Eigen::Index>(groups.size()) != rows.rows()) {
    return InvalidArgument(
        fmt::format("AllPairsCosine: {} groups given for {} rows", groups.size(), rows.rows()));
  }
  for (Eigen::Index r = 0; r < rows.rows(); ++r) {
    double norm2 = 0;
    for (TfidfMatrix::InnerIterator it(rows, r); it; ++it) {
      if (!(it.value() >= 0)) {
        return InvalidArgument(
            fmt::format("AllPairsCosine needs non-negative weights (row {} column {} is {})", r,
                        it.col(), it.value()));
      }
      norm2 += static_cast<double>(it.value()) * it.value();
    }
    if (norm2 != 0 && std::abs(std::sqrt(norm2) - 1) > 1e-4) {
      return InvalidArgument(fmt::format(
          "AllPairsCosine needs unit rows (TfidfOptions.l2_normalize); row {} has L2 norm {}", r,
          std::sqrt(norm2)));
    }
  }
  return Status::Ok();
}

// Columns ranked by decreasing frequency (ties: smaller column first), and each rank's
// largest weight. Dot products sum in this order, so equal inputs give equal cosines.
struct ColumnRanks {
  std::vector<int32_t> rank;    // per column
  std::vector<float> rank_max;  // per rank
};

ColumnRanks RankColumns(const TfidfMatrix& m) {
  const int32_t cols = static_cast<int32_t>(m.cols());
  std::vector<int32_t> df(cols, 0);
  std::vector<float> max_weight(cols, 0);
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (TfidfMatrix::InnerIterator it(m, r); it; ++it) {
      ++df[it.col()];
      max_weight[it.col()] = std::max(max_weight[it.col()], it.value());
    }
  }
  std::vector<int32_t> by_rank(cols);
  std::iota(by_rank.begin(), by_rank.end(), 0);
  std::sort(by_rank.begin(), by_rank.end(),
            [&](int32_t a, int32_t b) { return df[a] != df[b] ? df[a] > df[b] : a < b; });
  ColumnRanks out{std::vector<int32_t>(cols), std::vector<float>(cols)};
  for (int32_t r = 0; r < cols; ++r) {
    out.rank[by_rank[r]] = r;
    out.rank_max[r] = max_weight[by_rank[r]];
  }
  return out;
}

}  // namespace

// Every row's entries in rank order, row r at [offsets[r], offsets[r + 1]).
struct PairCosine::RankedRows {
  std::vector<int64_t> offsets;
  std::vector<Entry> entries;
};

PairCosine::PairCosine(const TfidfMatrix& rows) {
  auto ranked = std::make_unique<RankedRows>();
  const std::vector<int32_t> rank = RankColumns(rows).rank;
  ranked->offsets.push_back(0);
  for (Eigen::Index r = 0; r < rows.rows(); ++r) {
    const auto begin = static_cast<std::ptrdiff_t>(ranked->entries.size());
    for (TfidfMatrix::InnerIterator it(rows, r); it; ++it)
      ranked->entries.push_back({rank[it.col()], it.value()});
    std::sort(ranked->entries.begin() + begin, ranked->entries.end(),
              [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
    ranked->offsets.push_back(static_cast<int64_t>(ranked->entries.size()));
  }
  rows_ = std::move(ranked);
}

PairCosine::~PairCosine() = default;

double PairCosine::operator()(int32_t a, int32_t b) const {
  auto row = [this](int32_t r) {
    const int64_t begin = rows_->offsets[static_cast<size_t>(r)];
    const int64_t end = rows_->offsets[static_cast<size_t>(r) + 1];
    return std::span<const Entry>(rows_->entries.data() + begin, static_cast<size_t>(end - begin));
  };
  return Dot(row(a), row(b));
}

namespace {

// A row's un-indexed prefix (at one threshold): its entries with ranks below split_rank.
struct PrefixFigures {
  int32_t split_rank = 0;  // rank of the first indexed entry (the row's columns if none)
  float norm = 0;          // L2 norm of the prefix
  float bound = 0;         // min(sum w * column max, norm) < the threshold
};

// Each posting repeats its row's prefix figures (at level 0): a partner's bounds are then
// read from the list being scanned instead of from a random address (that cache miss took
// a third of the probe time on 100k one-sentence documents).
struct Posting {
  int32_t row;
  float weight;
  float norm_upto;  // L2 norm of the row's entries up to and including this one
  PrefixFigures prefix;
};

// A posting without the prefix figures, for lists whose partner's figures depend on the pair
// (half the bytes streamed).
struct ShortPosting {
  int32_t row;
  float weight;
  float norm_upto;
};

// The inverted lists of some rows' suffixes: list `key` at [start[key], start[key + 1]), by
// ascending row.
template <typename Posting>
struct PostingLists {
  std::vector<int32_t> start;
  std::vector<Posting> postings;

  std::span<const Posting> List(int32_t key) const {
    return {postings.data() + start[key], static_cast<size_t>(start[key + 1] - start[key])};
  }
  // The postings of list `key` whose row is after `x`.
  std::span<const Posting> ListAfter(int32_t key, int32_t x) const {
    const std::span<const Posting> list = List(key);
    const auto first = std::upper_bound(list.begin(), list.end(), x,
                                        [](int32_t row, const Posting& p) { return row < p.row; });
    return list.subspan(static_cast<size_t>(first - list.begin()));
  }
};

// Rows re-expressed in rank order (row r at [offsets[r], offsets[r + 1]) of `entries`) and their
// suffixes at `levels` nested thresholds, the loosest first: an entry belongs to the strictest
// level whose suffix holds it (-1: none), and is indexed in list rank * levels + level. The
// lists of one rank are adjacent, so the suffixes at levels >= l are one range of postings.
struct PrefixIndex {
  std::vector<int32_t> offsets;
  int32_t cols = 0;
  int32_t levels = 1;
  std::vector<Entry> entries;
  std::vector<int8_t> entry_level;
  std::vector<PrefixFigures> prefix;  // row r at level l: prefix[r * levels + l]

  std::span<const Entry> Row(int32_t r) const {
    return {entries.data() + offsets[r], static_cast<size_t>(offsets[r + 1] - offsets[r])};
  }
  const PrefixFigures& Prefix(int32_t r, int32_t level) const {
    return prefix[static_cast<size_t>(r) * levels + level];
  }
  int32_t Key(int32_t rank, int32_t level) const { return rank * levels + level; }

  // The lists of the suffixes of rows [begin, end).
  template <typename P>
  PostingLists<P> Lists(int32_t begin, int32_t end) const {
    PostingLists<P> out;
    std::vector<int32_t>& size = out.start;
    size.assign(static_cast<size_t>(cols) * levels + 1, 0);
    for (int32_t j = offsets[begin]; j < offsets[end]; ++j) {
      if (entry_level[j] >= 0) ++size[Key(entries[j].rank, entry_level[j]) + 1];
    }
    std::partial_sum(size.begin(), size.end(), size.begin());
    out.postings.resize(size.back());
    std::vector<int32_t> fill(size.begin(), size.end() - 1);
    for (int32_t r = begin; r < end; ++r) {
      double norm2 = 0;
      for (int32_t j = offsets[r]; j < offsets[r + 1]; ++j) {
        const Entry& e = entries[j];
        norm2 += static_cast<double>(e.weight) * e.weight;
        if (entry_level[j] < 0) continue;
        P& posting = out.postings[fill[Key(e.rank, entry_level[j])]++];
        posting.row = r;
        posting.weight = e.weight;
        posting.norm_upto = static_cast<float>(std::sqrt(norm2));
        if constexpr (std::is_same_v<P, Posting>) posting.prefix = Prefix(r, 0);
      }
    }
    return out;
  }
};

// Stores row `source` of `m` as row r, its entries sorted by rank, and cuts, at each level l,
// the longest prefix through which no row can reach threshold_of(r, l) (non-decreasing in l).
template <typename RowThreshold>
void CutPrefixes(const TfidfMatrix& m, const ColumnRanks& ranks, int32_t source, int32_t r,
                 RowThreshold threshold_of, PrefixIndex* index) {
  const int32_t* outer = m.outerIndexPtr();
  Entry* row = index->entries.data() + index->offsets[r];
  int8_t* level_of = index->entry_level.data() + index->offsets[r];
  const int32_t len = index->offsets[r + 1] - index->offsets[r];
  for (int32_t k = 0; k < len; ++k) {
    row[k] = {ranks.rank[m.innerIndexPtr()[outer[source] + k]], m.valuePtr()[outer[source] + k]};
  }
  std::sort(row, row + len, [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
  std::fill(level_of, level_of + len, -1);
  double by_max = 0, norm2 = 0, bound = 0, prefix_norm2 = 0;
  int32_t k = 0;
  for (int32_t level = 0; level < index->levels; ++level) {
    const double theta = threshold_of(r, level);
    for (; k < len; ++k) {
      const double next_by_max =
          by_max + static_cast<double>(row[k].weight) * ranks.rank_max[row[k].rank];
      const double next_norm2 = norm2 + static_cast<double>(row[k].weight) * row[k].weight;
      const double next = std::min(next_by_max, std::sqrt(next_norm2));
      if (next >= theta) break;
      by_max = next_by_max;
      norm2 = next_norm2;
      bound = next;
      prefix_norm2 = norm2;
    }
    index->prefix[static_cast<size_t>(r) * index->levels + level] = {
        k < len ? row[k].rank : static_cast<int32_t>(m.cols()),
        static_cast<float>(std::sqrt(prefix_norm2)), static_cast<float>(bound)};
    for (int32_t j = k; j < len; ++j) level_of[j] = static_cast<int8_t>(level);
  }
}

// The rows of `m` (compressed) in the order `order` (row r is m's row order[r]; empty: m's
// order), cut at `levels` thresholds (threshold_of(r, level), non-decreasing in level);
// `levels` <= 127.
template <typename RowThreshold>
PrefixIndex CutAllPrefixes(const TfidfMatrix& m, std::span<const int32_t> order,
                           const ColumnRanks& ranks, int32_t levels, RowThreshold threshold_of) {
  const int32_t n = static_cast<int32_t>(m.rows());
  const auto source = [&](int32_t r) { return order.empty() ? r : order[r]; };
  PrefixIndex index;
  index.offsets.assign(1, 0);
  for (int32_t r = 0; r < n; ++r) {
    const int32_t len = m.outerIndexPtr()[source(r) + 1] - m.outerIndexPtr()[source(r)];
    index.offsets.push_back(index.offsets.back() + len);
  }
  index.cols = static_cast<int32_t>(m.cols());
  index.levels = levels;
  index.entries.resize(index.offsets[n]);
  index.entry_level.resize(index.offsets[n]);
  index.prefix.resize(static_cast<size_t>(n) * levels);
  for (int32_t r = 0; r < n; ++r) CutPrefixes(m, ranks, source(r), r, threshold_of, &index);
  return index;
}

// Per probing row: norm_below[k] is the L2 norm of its entries [0, k), max_below[k] their
// sum of weight * column max; both bound the dot product of those entries with any unit row.
struct ProbeBounds {
  std::vector<float> norm_below;
  std::vector<float> max_below;

  void Compute(std::span<const Entry> xs, const std::vector<float>& rank_max) {
    norm_below.assign(xs.size() + 1, 0.0f);
    max_below.assign(xs.size() + 1, 0.0f);
    double norm2 = 0, by_max = 0;
    for (size_t k = 0; k < xs.size(); ++k) {
      norm2 += static_cast<double>(xs[k].weight) * xs[k].weight;
      by_max += static_cast<double>(xs[k].weight) * rank_max[xs[k].rank];
      norm_below[k + 1] = static_cast<float>(std::sqrt(norm2));
      max_below[k + 1] = static_cast<float>(by_max);
    }
  }
  // Bound on the dot product of entries [0, k) with any unit row.
  float Upto(size_t k) const { return std::min(norm_below[k], max_below[k]); }
  // Bound on dot(x, un-indexed prefix of y): y's own prefix bound, and the norm of x's
  // entries with smaller ranks than y's first indexed rank times y's prefix norm.
  float RestBound(std::span<const Entry> xs, const PrefixFigures& y) const {
    const size_t below = std::lower_bound(xs.begin(), xs.end(), y.split_rank,
                                          [](const Entry& a, int32_t r) { return a.rank < r; }) -
                         xs.begin();
    return std::min(y.bound, norm_below[below] * y.norm);
  }
};

// The pairs probe_row(x, scratch, out) appends for every row x in [begin, end), over blocks
// of rows on `threads` workers (0: all), concatenated in row order.
template <typename Scratch, typename ProbeRow>
std::vector<CosinePair> ProbeRows(int32_t begin, int32_t end, int threads,
                                  tbb::enumerable_thread_specific<Scratch>& scratch,
                                  const ProbeRow& probe_row) {
  constexpr int32_t kBlock = 256;
  const int32_t blocks = (end - begin + kBlock - 1) / kBlock;
  std::vector<std::vector<CosinePair>> found(blocks);
  // A bar (on a terminal only) for runs long enough to wait for.
  std::optional<Progress> progress;
  if (end - begin >= 200'000) progress.emplace("all-pairs cosine", uint64_t(end - begin));
  auto probe = [&] {
    tbb::parallel_for(0, blocks, [&](int32_t block) {
      Scratch& s = scratch.local();
      const int32_t first = begin + block * kBlock;
      const int32_t last = std::min(end, first + kBlock);
      for (int32_t x = first; x < last; ++x) {
        const size_t first_out = found[block].size();
        probe_row(x, s, found[block]);
        std::sort(found[block].begin() + first_out, found[block].end(),
                  [](const CosinePair& p, const CosinePair& q) { return p.b < q.b; });
      }
      if (progress) progress->Add(static_cast<uint64_t>(last - first));
    });
  };
  if (threads > 0) {
    tbb::task_arena arena(threads);
    arena.execute(probe);
  } else {
    probe();
  }
  if (progress) progress->Finish();
  size_t total = 0;
  for (const auto& f : found) total += f.size();
  std::vector<CosinePair> pairs;
  pairs.reserve(total);
  for (auto& f : found) {
    pairs.insert(pairs.end(), f.begin(), f.end());
    f = {};
  }
  return pairs;
}

// `input` itself when compressed, else its compressed copy in `owned`.
const TfidfMatrix& Compressed(const TfidfMatrix& input, TfidfMatrix* owned) {
  if (input.isCompressed()) return input;
  *owned = input;
  owned->makeCompressed();
  return *owned;
}

// Slack for float accumulation and rows whose norm is 1 within the validated 1e-4.
float PruneBar(double threshold) { return static_cast<float>(threshold - 1e-3); }

}  // namespace

Result<std::vector<CosinePair>> AllPairsCosine(const TfidfMatrix& input,
                                               std::span<const int32_t> groups,
                                               const AllPairsOptions& options) {
  if (Status s = Validate(input, groups, options); !s.ok()) return s;
  TfidfMatrix owned;
  const TfidfMatrix& m = Compressed(input, &owned);
  const int32_t n = static_cast<int32_t>(m.rows());
  const double theta = options.threshold;
  const ColumnRanks ranks = RankColumns(m);
  const PrefixIndex index =
      CutAllPrefixes(m, {}, ranks, 1, [theta](int32_t, int32_t) { return theta; });
  const PostingLists<Posting> lists = index.Lists<Posting>(0, n);

  struct Scratch {
    struct Slot {
      int32_t seen_by = -1;  // last probing row that touched this row
      // dot(probing row, indexed part of this row) + a bound on the rest (see below)
      float acc = 0;
    };
    std::vector<Slot> slots;
    std::vector<int32_t> touched;
    ProbeBounds bounds;
  };
  const float prune = PruneBar(theta);
  auto probe_row = [&](int32_t x, Scratch& s, std::vector<CosinePair>& out) {
    if (s.slots.empty()) s.slots.resize(n);
    const std::span<const Entry> xs = index.Row(x);
    s.bounds.Compute(xs, ranks.rank_max);
    const std::vector<float>& norm_below = s.bounds.norm_below;
    // Rarest feature first. A row y not met before list k shares no rarer feature with x
    // (its prefix holds only ranks below its first indexed rank <= this one), so its
    // cosine is at most |x[0..k]| * |y up to this rank| and sum x[0..k] * column max:
    // below the threshold, y is not admitted; below it for every y, stop admitting.
    // acc starts at a bound on dot(x, un-indexed prefix of y).
    for (size_t k = xs.size(); k-- > 0;) {
      const Entry& e = xs[k];
      const bool admit = s.bounds.Upto(k + 1) >= prune;
      for (const Posting& p : lists.ListAfter(e.rank, x)) {
        Scratch::Slot& slot = s.slots[p.row];
        if (slot.seen_by != x) {
          if (!admit || norm_below[k + 1] * p.norm_upto < prune ||
              (!groups.empty() && groups[p.row] == groups[x])) {
            continue;
          }
          slot.seen_by = x;
          slot.acc = s.bounds.RestBound(xs, p.prefix);
          s.touched.push_back(p.row);
        }
        slot.acc += e.weight * p.weight;
      }
    }
    for (int32_t y : s.touched) {
      if (s.slots[y].acc >= prune) {
        const double dot = Dot(xs, index.Row(y));
        if (dot >= theta) out.push_back({x, y, static_cast<float>(dot)});
      }
    }
    s.touched.clear();
  };
  tbb::enumerable_thread_specific<Scratch> scratch;
  std::vector<CosinePair> pairs = ProbeRows(0, n, options.threads, scratch, probe_row);
  if (options.top_k > 0) return SelectTopK(pairs, options.top_k);
  return pairs;
}

namespace {

Status ValidateGaps(const TfidfMatrix& rows, std::span<const int64_t> positions,
                    std::span<const double> gap_thresholds, int threads) {
  if (gap_thresholds.empty() || gap_thresholds.size() > 127) {
    return InvalidArgument(fmt::format(
        "AllPairsCosineWithinGaps needs 1 to 127 gap thresholds (got {})", gap_thresholds.size()));
  }
  for (size_t g = 0; g < gap_thresholds.size(); ++g) {
    if (!(gap_thresholds[g] > 0 && gap_thresholds[g] <= 1)) {
      return InvalidArgument(
          fmt::format("AllPairsCosineWithinGaps: gap {} threshold must be in (0, 1] (got {})", g,
                      gap_thresholds[g]));
    }
    if (g > 0 && gap_thresholds[g] < gap_thresholds[g - 1]) {
      return InvalidArgument(fmt::format(
          "AllPairsCosineWithinGaps: thresholds must not decrease with the gap (gap {}: {} < {})",
          g, gap_thresholds[g], gap_thresholds[g - 1]));
    }
  }
  if (static_cast<Eigen::Index>(positions.size()) != rows.rows()) {
    return InvalidArgument(fmt::format("AllPairsCosineWithinGaps: {} positions given for {} rows",
                                       positions.size(), rows.rows()));
  }
  AllPairsOptions options;
  options.threads = threads;
  return Validate(rows, {}, options);
}

// The loosest gap threshold each row can meet: that of the smallest gap to another row
// (`positions` ascending, so a neighbour), or 2 (no cosine reaches it) when none is in reach.
std::vector<double> LoosestThresholds(std::span<const int64_t> positions,
                                      std::span<const double> gap_thresholds) {
  const size_t n = positions.size();
  std::vector<double> out(n, 2.0);
  for (size_t r = 0; r < n; ++r) {
    int64_t gap = std::numeric_limits<int64_t>::max();
    if (r > 0) gap = positions[r] - positions[r - 1];
    if (r + 1 < n) gap = std::min(gap, positions[r + 1] - positions[r]);
    if (gap < static_cast<int64_t>(gap_thresholds.size())) out[r] = gap_thresholds[gap];
  }
  return out;
}

}  // namespace

Result<std::vector<CosinePair>> AllPairsCosineWithinGaps(const TfidfMatrix& input,
                                                         std::span<const int64_t> row_positions,
                                                         std::span<const double> gap_thresholds,
                                                         int threads) {
  if (Status s = ValidateGaps(input, row_positions, gap_thresholds, threads); !s.ok()) return s;
  TfidfMatrix owned;
  const TfidfMatrix& m = Compressed(input, &owned);
  const int32_t n = static_cast<int32_t>(m.rows());
  const int32_t gaps = static_cast<int32_t>(gap_thresholds.size());
  const ColumnRanks ranks = RankColumns(m);
  // Probed in position order: row r here is the input's row order[r].
  std::vector<int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t a, int32_t b) { return row_positions[a] < row_positions[b]; });
  std::vector<int64_t> positions(n);
  for (int32_t r = 0; r < n; ++r) positions[r] = row_positions[order[r]];
  const std::vector<double> loosest = LoosestThresholds(positions, gap_thresholds);
  // Level g holds the suffixes at gap g's threshold (no looser than the row can meet).
  const PrefixIndex index = CutAllPrefixes(m, order, ranks, gaps, [&](int32_t r, int32_t g) {
    return std::max(gap_thresholds[g], loosest[r]);
  });
  std::vector<float> prune(gaps);
  for (int32_t g = 0; g < gaps; ++g) prune[g] = PruneBar(gap_thresholds[g]);

  struct Scratch {
    struct Slot {
      int32_t seen_by = -1;  // last probing row that touched this row
      int32_t gap = 0;       // its distance from the probing row
      float acc = 0;         // as in AllPairsCosine, over its suffix at its gap's level
    };
    std::vector<Slot> slots;
    std::vector<int32_t> touched;
    std::vector<int32_t> touched_at;  // per gap: rows touched
    ProbeBounds bounds;
  };
  // The rows of one position, and the lists of their suffixes.
  struct Group {
    int64_t position;
    PostingLists<ShortPosting> lists;
  };
  std::deque<Group> window;  // the groups within reach of the probed one, by position
  // lists_at[g]: the lists of the rows g after the probed position, or null.
  std::vector<const PostingLists<ShortPosting>*> lists_at(gaps);
  // As AllPairsCosine, with each partner y g apart met only through its suffix at level g
  // (the lists of levels >= g of y's position): the very candidates of an all-pairs at gap g's
  // threshold between the rows g apart, without scanning rows at other gaps.
  auto probe_row = [&](int32_t x, Scratch& s, std::vector<CosinePair>& out) {
    if (s.slots.empty()) s.slots.resize(n);
    const std::span<const Entry> xs = index.Row(x);
    s.bounds.Compute(xs, ranks.rank_max);
    s.touched_at.assign(gaps, 0);
    const auto visit = [&](const Entry& e, const ShortPosting& p, int32_t g, float x_bound,
                           float x_norm) {
      Scratch::Slot& slot = s.slots[p.row];
      if (slot.seen_by != x) {
        if (x_bound < prune[g] || x_norm * p.norm_upto < prune[g]) return;
        slot = {x, g, s.bounds.RestBound(xs, index.Prefix(p.row, g))};
        s.touched.push_back(p.row);
        ++s.touched_at[g];
      }
      slot.acc += e.weight * p.weight;
    };
    for (size_t k = xs.size(); k-- > 0;) {
      const Entry& e = xs[k];
      const float x_bound = s.bounds.Upto(k + 1);
      const float x_norm = s.bounds.norm_below[k + 1];
      for (int32_t g = 0; g < gaps; ++g) {
        // Nothing there, or nothing to admit or add to.
        if (!lists_at[g] || (x_bound < prune[g] && s.touched_at[g] == 0)) continue;
        const PostingLists<ShortPosting>& lists = *lists_at[g];
        const ShortPosting* const first = lists.postings.data() + lists.start[index.Key(e.rank, g)];
        const ShortPosting* const last =
            lists.postings.data() + lists.start[index.Key(e.rank, gaps - 1) + 1];
        if (g > 0) {
          for (const ShortPosting* p = first; p != last; ++p) visit(e, *p, g, x_bound, x_norm);
          continue;
        }
        // The same position: the rows after x, at the end of each level's list.
        for (int32_t level = 0; level < gaps; ++level) {
          const std::span<const ShortPosting> list = lists.List(index.Key(e.rank, level));
          for (size_t i = list.size(); i-- > 0 && list[i].row > x;)
            visit(e, list[i], 0, x_bound, x_norm);
        }
      }
    }
    for (int32_t y : s.touched) {
      const Scratch::Slot& slot = s.slots[y];
      if (slot.acc >= prune[slot.gap]) {
        const double dot = Dot(xs, index.Row(y));
        if (dot >= gap_thresholds[slot.gap]) {
          out.push_back({std::min(order[x], order[y]), std::max(order[x], order[y]),
                         static_cast<float>(dot)});
        }
      }
    }
    s.touched.clear();
  };
  tbb::enumerable_thread_specific<Scratch> scratch;
  std::vector<CosinePair> pairs;
  int32_t next = 0;  // first row of the next group to index
  for (int32_t begin = 0; begin < n;) {
    const int64_t at = positions[begin];
    const int32_t end = static_cast<int32_t>(
        std::upper_bound(positions.begin() + begin, positions.end(), at) - positions.begin());
    while (!window.empty() && window.front().position < at) window.pop_front();
    while (next < n && positions[next] - at < gaps) {
      const int32_t group_end = static_cast<int32_t>(
          std::upper_bound(positions.begin() + next, positions.end(), positions[next]) -
          positions.begin());
      window.push_back({positions[next], index.Lists<ShortPosting>(next, group_end)});
      next = group_end;
    }
    std::fill(lists_at.begin(), lists_at.end(), nullptr);
    for (const Group& group : window) lists_at[group.position - at] = &group.lists;
    std::vector<CosinePair> found = ProbeRows(begin, end, threads, scratch, probe_row);
    pairs.insert(pairs.end(), found.begin(), found.end());
    begin = end;
  }
  std::sort(pairs.begin(), pairs.end(), [](const CosinePair& p, const CosinePair& q) {
    return std::pair(p.a, p.b) < std::pair(q.a, q.b);
  });
  return pairs;
}

std::vector<CosinePair> SelectTopK(const std::vector<CosinePair>& pairs, int top_k) {
  // Each pair is a candidate for both of its rows; keep it if either keeps it.
  struct Half {
    int32_t row, other;
    float cosine;
    size_t pair;
  };
  std::vector<Half> halves;
  halves.reserve(2 * pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    halves.push_back({pairs[i].a, pairs[i].b, pairs[i].cosine, i});
    halves.push_back({pairs[i].b, pairs[i].a, pairs[i].cosine, i});
  }
  std::sort(halves.begin(), halves.end(), [](const Half& p, const Half& q) {
    if (p.row != q.row) return p.row < q.row;
    if (p.cosine != q.cosine) return p.cosine > q.cosine;
    return p.other < q.other;
  });
  std::vector<char> keep(pairs.size(), 0);
  for (size_t i = 0; i < halves.size();) {
    size_t j = i;
    while (j < halves.size() && halves[j].row == halves[i].row) {
      if (j - i < static_cast<size_t>(top_k)) keep[halves[j].pair] = 1;
      ++j;
    }
    i = j;
  }
  std::vector<CosinePair> out;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (keep[i]) out.push_back(pairs[i]);
  }
  return out;
}

std::vector<TermContribution> TopContributions(const TfidfMatrix& rows, int32_t a, int32_t b,
                                               int k) {
  std::vector<TermContribution> out;
  TfidfMatrix::InnerIterator x(rows, a), y(rows, b);
  while (x && y) {
    if (x.col() < y.col()) {
      ++x;
    } else if (x.col() > y.col()) {
      ++y;
    } else {
      out.push_back({x.col(), x.value() * y.value()});
      ++x;
      ++y;
    }
  }
  std::sort(out.begin(), out.end(), [](const TermContribution& p, const TermContribution& q) {
    return p.contribution != q.contribution ? p.contribution > q.contribution
                                            : p.feature < q.feature;
  });
  if (out.size() > static_cast<size_t>(std::max(k, 0))) out.resize(std::max(k, 0));
  return out;
}

}  // namespace crossclaim
