// Clustering of a weighted similarity graph by average-link agglomeration within connected
// components, so that a bridge (A~B, B~C, A not~ C) does not chain unrelated items: two
// clusters merge only while the mean similarity over all their cross pairs, missing edges
// counting as 0, stays at or above a threshold.
//
// Example:
//   std::vector<WeightedEdge> edges = {{0, 1, 0.9f}, {1, 2, 0.9f}};  // 0 and 2 unrelated
//   ClusteringOptions options;
//   options.threshold = 0.5;
//   std::vector<int> cluster_of = AverageLinkClusters(3, edges, {}, options);
//   // {0, 0, 1}: {0,1} merge (0.9); {0,1}+{2} has mean (0 + 0.9) / 2 = 0.45 < 0.5
//
// Items may carry a group (the document of a claim): pairs within one group, and edges
// between them, carry no
// evidence either way and are left out of the average ("a document restating its own
// claim" neither supports nor weakens a merge).
//
// Deterministic: ties merge the pair with the smallest (min id, max id) first; cluster ids
// are numbered by their smallest member. Complexity: O(m log m + sum over components of
// c^2 log c) time and O(m + c^2) memory for the largest component of size c.
#ifndef CROSSCLAIM_CLUSTER_CLUSTERING_H_
#define CROSSCLAIM_CLUSTER_CLUSTERING_H_

#include <cstdint>
#include <span>
#include <vector>

namespace crossclaim {

struct WeightedEdge {
  int32_t a = 0;
  int32_t b = 0;
  float weight = 0;  // similarity in [0, 1]
  // Whether the edge may start a merge. An edge that may not still counts in the averages of
  // the clusters it lies between (its pair is no longer a missing 0), so it can keep a merge
  // that joining edges start, never start one.
  bool joins = true;

  bool operator==(const WeightedEdge&) const = default;
};

struct ClusteringOptions {
  double threshold = 0.5;  // minimum average-link similarity for a merge
};

// Connected components of the graph (Boost.Graph); component ids numbered by smallest member.
std::vector<int32_t> ConnectedComponents(int32_t num_items, std::span<const WeightedEdge> edges);

// Cluster id per item. `groups`: empty, or one group per item (pairs in one group excluded
// from averages). Edges with a == b, or out of range, are ignored.
std::vector<int32_t> AverageLinkClusters(int32_t num_items, std::span<const WeightedEdge> edges,
                                         std::span<const int32_t> groups,
                                         const ClusteringOptions& options);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CLUSTER_CLUSTERING_H_
