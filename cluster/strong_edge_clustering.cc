#include "cluster/strong_edge_clustering.h"

#include <algorithm>

#include "cluster/average_link_internal.h"

namespace crossclaim {
namespace {

// Clusters keep the weight sums to the clusters a strong edge joins them to; a sum to a
// cluster newly joined is computed from the members' pair weights when the join happens.
class PairWeightLinkage {
 public:
  explicit PairWeightLinkage(const PairWeight& weight) : weight_(weight) {}

  double CrossPairs(const internal::Members& members, int32_t a, int32_t b) const {
    return static_cast<double>(members[Index(a)].size()) * members[Index(b)].size();
  }

  // Sum of the weights between the members of clusters a and c.
  double UnkeptSum(const internal::Members& members, int32_t a, int32_t c) const {
    double sum = 0;
    for (int32_t x : members[Index(a)]) {
      for (int32_t y : members[Index(c)]) sum += weight_(x, y);
    }
    return sum;
  }

  void Absorb(int32_t, int32_t) {}

 private:
  static size_t Index(int32_t i) { return static_cast<size_t>(i); }

  const PairWeight& weight_;
};

}  // namespace

std::vector<int32_t> StrongEdgeAverageLink(int32_t num_items, std::span<const WeightedEdge> strong,
                                           const PairWeight& weight,
                                           const ClusteringOptions& options) {
  const int32_t n = std::max(num_items, 0);
  internal::AverageLink clusters(static_cast<size_t>(n), options.threshold,
                                 PairWeightLinkage(weight));
  for (const WeightedEdge& e : strong) {
    if (internal::ValidEdge(e, n)) clusters.Keep(e.a, e.b, {e.weight, 1});
  }
  return clusters.Run();
}

}  // namespace crossclaim
