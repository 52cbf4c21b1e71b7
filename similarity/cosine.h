// Thresholded all-pairs cosine over the rows of a sparse matrix, without a dense n x n
// product: every pair of rows whose cosine is at or above a threshold, optionally only
// pairs whose rows belong to different groups (claims of different documents), optionally
// only each row's k best partners.
//
// Example:
//   TfidfMatrix x = vectorizer.FitTransform(claim_tokens);   // unit rows
//   AllPairsOptions options;
//   options.threshold = 0.5;
//   Result<std::vector<CosinePair>> pairs = AllPairsCosine(x, claim_doc_ids, options);
//   for (const CosinePair& p : *pairs) ...   // p.a < p.b, sorted by (a, b)
//
// Algorithm (All-Pairs with prefix filtering, Bayardo et al. 2007, with the L2 bound of
// L2AP): columns are ranked by decreasing document frequency. Each row leaves its most
// frequent features out of the inverted index as long as no other row can reach the
// threshold through them alone (bounded by min(sum w * max column weight, prefix L2
// norm)), and indexes the rest, which are its rare features, so posting lists stay short.
// Each row then probes the index with all of its features, accumulates partial dot
// products for partners with a larger row index, prunes partners whose partial score plus
// their un-indexed bound is below the threshold, and verifies the survivors with an exact
// sparse dot product (in double). No pair at or above the threshold is missed.
//
// Cost: O(nnz) to build, then proportional to the candidates generated, far below n^2 for
// text; memory O(nnz + n * threads). Parallel over blocks of rows (TBB); the output is the
// same for any thread count.
#ifndef CROSSCLAIM_SIMILARITY_COSINE_H_
#define CROSSCLAIM_SIMILARITY_COSINE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/status.h"
#include "similarity/tfidf.h"

namespace crossclaim {

// Two rows and their cosine; a < b.
struct CosinePair {
  int32_t a = 0;
  int32_t b = 0;
  float cosine = 0;

  bool operator==(const CosinePair&) const = default;
};

struct AllPairsOptions {
  // Pairs with cosine >= threshold are reported; must be in (0, 1].
  double threshold = 0.5;
  // 0: every pair. k > 0: a pair is kept when it is among the k best of a or of b (by
  // cosine, ties by the partner's smaller index), among the pairs at or above threshold.
  int top_k = 0;
  // Worker threads (0: all cores).
  int threads = 0;

  bool operator==(const AllPairsOptions&) const = default;
};

// All pairs of rows of `rows` with cosine >= options.threshold, sorted by (a, b).
// `groups`: empty, or one group id per row; then only pairs with different groups are
// reported. Preconditions checked (kInvalidArgument, naming the rule): threshold in (0, 1],
// top_k >= 0, threads >= 0, groups empty or of size rows.rows(), every value >= 0 and every
// row of L2 norm 1 (within 1e-4) or all zero. Zero rows pair with nothing.
Result<std::vector<CosinePair>> AllPairsCosine(const TfidfMatrix& rows,
                                               std::span<const int32_t> groups,
                                               const AllPairsOptions& options);

// The pairs of rows a < b whose cosine reaches the threshold of their distance:
// gap = |positions[a] - positions[b]| < gap_thresholds.size() and cosine >= gap_thresholds[gap]
// (documents and their publication days, each pair at the cosine its day gap needs), sorted
// by (a, b). The rows are probed in position order, each position's rows indexed apart and
// kept while a later position is within reach: a row's suffix is cut at every gap's threshold
// (nested levels, the loosest it can meet first), and a partner g apart is met only through
// its suffix at gap g, so each pair is scored as an all-pairs at its own gap's threshold
// would, and rows at other gaps are not scanned. Preconditions checked (kInvalidArgument):
// rows valid as for AllPairsCosine, positions of size rows.rows(), gap_thresholds non-empty
// (at most 127), each in (0, 1] and none below the previous one, threads >= 0 (0: all cores).
// Same output for any thread count. Memory: O(nnz) plus the lists of the positions in reach.
Result<std::vector<CosinePair>> AllPairsCosineWithinGaps(const TfidfMatrix& rows,
                                                         std::span<const int64_t> positions,
                                                         std::span<const double> gap_thresholds,
                                                         int threads);

// Cosines of chosen pairs of rows, each summed exactly as AllPairsCosine sums it: a pair
// both give has the same cosine. For callers that know which pairs they need (the pairs
// between two groups of rows). Preconditions: rows valid as for AllPairsCosine, indices in
// range. O(nnz) to build; a pair O(nnz(a) + nnz(b)). Thread-safe.
class PairCosine {
 public:
  explicit PairCosine(const TfidfMatrix& rows);
  ~PairCosine();
  PairCosine(const PairCosine&) = delete;
  PairCosine& operator=(const PairCosine&) = delete;

  double operator()(int32_t a, int32_t b) const;

 private:
  struct RankedRows;
  std::unique_ptr<const RankedRows> rows_;
};

// Keeps the top-k pairs per row as defined at AllPairsOptions::top_k. `pairs` sorted by
// (a, b); returns them in the same order. O(p log p).
std::vector<CosinePair> SelectTopK(const std::vector<CosinePair>& pairs, int top_k);

// One term's share of a pair's cosine: w_a(feature) * w_b(feature).
struct TermContribution {
  int64_t feature = 0;
  float contribution = 0;

  bool operator==(const TermContribution&) const = default;
};

// The (at most) `k` features that contribute most to dot(row a, row b), largest first
// (ties by smaller feature). Their sum is the cosine when k covers every shared feature.
// Preconditions: 0 <= a, b < rows.rows(). O(nnz(a) + nnz(b)).
std::vector<TermContribution> TopContributions(const TfidfMatrix& rows, int32_t a, int32_t b,
                                               int k);

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_COSINE_H_
