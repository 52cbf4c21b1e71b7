// Quality metrics of `crossclaim eval`: scores against gold labels, for pairs (binary),
// graded similarity, ranked retrieval and clusterings. Plain functions over vectors; no I/O.
//
// Example:
//   std::vector<double> scores = {0.9, 0.2, 0.7};
//   std::vector<int> gold = {1, 0, 0};
//   BinaryMetrics m = ClassifyAt(scores, gold, 0.5);   // accuracy 2/3, precision 1/2
//   double auc = RocAuc(scores, gold);                    // 1.0
//
// Conventions: a score is predicted positive when score >= threshold. Labels are 0/1.
// Every function is O(n log n) or better unless said, pure and thread-safe. Preconditions
// (sizes equal, labels 0/1) are the caller's: `crossclaim eval` checks them on its inputs
// and reports file:line.
#ifndef CROSSCLAIM_EVAL_METRICS_H_
#define CROSSCLAIM_EVAL_METRICS_H_

#include <map>
#include <set>
#include <string>
#include <vector>

namespace crossclaim::eval {

// Confusion counts and the derived ratios. A ratio whose denominator is 0 is 0.
struct BinaryMetrics {
  int tp = 0, fp = 0, tn = 0, fn = 0;
  double accuracy = 0;   // (tp + tn) / n
  double precision = 0;  // tp / (tp + fp)
  double recall = 0;     // tp / (tp + fn)
  double f1 = 0;         // 2 p r / (p + r)

  bool operator==(const BinaryMetrics&) const = default;
};

// Metrics of predicting `scores[i] >= threshold` against `gold[i]` (0/1). Precondition:
// equal sizes.
BinaryMetrics ClassifyAt(const std::vector<double>& scores, const std::vector<int>& gold,
                         double threshold);

// Metrics of given 0/1 predictions.
BinaryMetrics Classify(const std::vector<int>& predicted, const std::vector<int>& gold);

enum class Objective { kAccuracy, kF1 };

struct ThresholdChoice {
  double threshold = 0;   // predict positive when score >= threshold
  BinaryMetrics metrics;  // at that threshold

  bool operator==(const ThresholdChoice&) const = default;
};

// The threshold maximising `objective` on (scores, gold). Candidates are the midpoints
// between consecutive distinct scores, plus one below the smallest score (everything
// positive) and one above the largest (nothing positive); on a tie the smaller threshold
// wins. Precondition: equal sizes, n >= 1. O(n log n).
ThresholdChoice BestThreshold(const std::vector<double>& scores, const std::vector<int>& gold,
                              Objective objective);

// Area under the ROC curve: the probability that a random positive scores above a random
// negative, ties counting 1/2 (Mann-Whitney U / (n_pos n_neg)). 0.5 when a class is empty.
double RocAuc(const std::vector<double>& scores, const std::vector<int>& gold);

// Pearson correlation; 0 when either side has zero variance. Precondition: equal sizes.
double Pearson(const std::vector<double>& x, const std::vector<double>& y);

// Ranks 1..n, ties getting the mean of the ranks they span (2.5 for two values tied at 2-3).
std::vector<double> AverageRanks(const std::vector<double>& x);

// Spearman correlation: Pearson of AverageRanks(x) and AverageRanks(y).
double Spearman(const std::vector<double>& x, const std::vector<double>& y);

// Retrieval: per query, the ranked ids (best first) and the set of relevant ids.
struct RankingMetrics {
  double map_at_k = 0;     // mean over queries of AP@k (below)
  double recall_at_k = 0;  // mean over queries of |relevant in top k| / |relevant|
  double mrr = 0;          // mean of 1 / rank of the first relevant id in the top k (0 if none)
  int queries = 0;

  bool operator==(const RankingMetrics&) const = default;
};

// AP@k of one query = sum over ranks i <= k holding a relevant id of precision@i, divided by
// the number of relevant ids (the CheckThat! 2020 scorer's definition). Queries are those
// of `relevant` (a query with no ranking scores 0); queries with no relevant ids are not
// in `relevant` and are ignored. Precondition: k >= 1.
RankingMetrics RankingAt(const std::map<std::string, std::vector<std::string>>& ranked,
                         const std::map<std::string, std::set<std::string>>& relevant, int k);

// Clustering of n items: predicted[i] and gold[i] are cluster labels of item i.
struct ClusterMetrics {
  double pairwise_precision = 0;  // same predicted cluster pairs that share a gold cluster
  double pairwise_recall = 0;     // same gold cluster pairs that share a predicted cluster
  double pairwise_f1 = 0;
  double bcubed_precision = 0;  // mean over items of |C(i) ∩ G(i)| / |C(i)|
  double bcubed_recall = 0;     // mean over items of |C(i) ∩ G(i)| / |G(i)|
  double bcubed_f1 = 0;
  double ari = 0;  // adjusted Rand index (Hubert & Arabie 1985); 1 when both are one cluster
                   // or both all singletons and equal
  int items = 0;
};

// Precondition: equal sizes. A pairwise ratio with no pairs in its denominator is 1 (no
// wrong link predicted / no link to miss). O(n log n).
ClusterMetrics CompareClusterings(const std::vector<std::string>& predicted,
                                  const std::vector<std::string>& gold);

}  // namespace crossclaim::eval

#endif  // CROSSCLAIM_EVAL_METRICS_H_
