// Average-link clustering (cluster/clustering.h, without groups) of a graph too dense to list:
// from its strong edges only (weight >= the merge threshold) and a function giving any pair's
// weight. Two clusters merge only when the mean weight over their cross pairs reaches the
// threshold, so some cross pair reaches it: clusters are compared only along strong edges,
// and the other pairs' weights are asked for only between clusters so compared.
//
// Example (the weight of every pair is known, few pairs are strong):
//   auto weight = [&](int32_t a, int32_t b) { return Similarity(a, b); };  // 0: unrelated
//   std::vector<int32_t> cluster_of = StrongEdgeAverageLink(n, strong, weight, {0.16});
//
// Same clusters as AverageLinkClusters over the edges of every pair of positive weight, up to
// the rounding of sums that add the same weights in another order. Deterministic: ties
// merge the pair with the smallest (min id, max id) first; cluster ids are numbered by their
// smallest member. Cost: O(s log s) for s strong edges, plus one weight per pair of members
// of two clusters compared along a strong edge that no strong edge joined before.
#ifndef CROSSCLAIM_CLUSTER_STRONG_EDGE_CLUSTERING_H_
#define CROSSCLAIM_CLUSTER_STRONG_EDGE_CLUSTERING_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "cluster/clustering.h"

namespace crossclaim {

// Weight of the pair of items (a, b), a != b, in [0, 1]; symmetric.
using PairWeight = std::function<double(int32_t a, int32_t b)>;

// Cluster id per item. `strong`: every pair whose weight is at least options.threshold (more
// pairs are allowed), each once, with its weight as `weight` gives it. Edges with a == b, or
// out of range, are ignored.
std::vector<int32_t> StrongEdgeAverageLink(int32_t num_items, std::span<const WeightedEdge> strong,
                                           const PairWeight& weight,
                                           const ClusteringOptions& options);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CLUSTER_STRONG_EDGE_CLUSTERING_H_
