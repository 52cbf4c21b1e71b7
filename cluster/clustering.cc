#include "cluster/clustering.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <unordered_map>

#include "cluster/average_link_internal.h"

namespace crossclaim {
namespace {

size_t Index(int32_t i) { return static_cast<size_t>(i); }

// Average-link over a sparse graph: only clusters joined by an edge can have a positive
// average. A histogram of each cluster's members' groups counts the cross-group pairs between
// two clusters, |A||B| - sum_g |A_g||B_g|; missing edges count as 0.
class GroupLinkage {
 public:
  explicit GroupLinkage(const std::vector<int32_t>& groups) : histogram_(groups.size()) {
    for (size_t i = 0; i < groups.size(); ++i) histogram_[i][groups[i]] = 1;
  }

  double CrossPairs(const internal::Members& members, int32_t a, int32_t b) const {
    const auto& ha = histogram_[Index(a)];
    const auto& hb = histogram_[Index(b)];
    const auto& small = ha.size() <= hb.size() ? ha : hb;
    const auto& large = ha.size() <= hb.size() ? hb : ha;
    double same = 0;
    for (const auto& [group, count] : small) {
      auto it = large.find(group);
      if (it != large.end()) same += static_cast<double>(count) * it->second;
    }
    double all = static_cast<double>(members[Index(a)].size()) * members[Index(b)].size();
    return all - same;
  }

  double UnkeptSum(const internal::Members&, int32_t, int32_t) const { return 0; }

  void Absorb(int32_t into, int32_t from) {
    for (const auto& [group, count] : histogram_[Index(from)])
      histogram_[Index(into)][group] += count;
    histogram_[Index(from)].clear();
  }

 private:
  std::vector<std::unordered_map<int32_t, int64_t>> histogram_;
};

}  // namespace

std::vector<int32_t> ConnectedComponents(int32_t num_items, std::span<const WeightedEdge> edges) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph graph(static_cast<size_t>(std::max(num_items, 0)));
  for (const WeightedEdge& e : edges) {
    if (internal::ValidEdge(e, num_items))
      boost::add_edge(static_cast<size_t>(e.a), static_cast<size_t>(e.b), graph);
  }
  std::vector<int32_t> component(static_cast<size_t>(std::max(num_items, 0)));
  boost::connected_components(graph, component.data());
  return internal::CanonicalLabels(component);
}

std::vector<int32_t> AverageLinkClusters(int32_t num_items, std::span<const WeightedEdge> edges,
                                         std::span<const int32_t> groups,
                                         const ClusteringOptions& options) {
  const size_t n = static_cast<size_t>(std::max(num_items, 0));
  std::vector<int32_t> item_groups(n);
  for (size_t i = 0; i < n; ++i) {
    item_groups[i] = groups.empty() ? static_cast<int32_t>(i) : groups[i];
  }
  // Merges never cross components: a cluster's neighbours are its component's members.
  internal::AverageLink clusters(n, options.threshold, GroupLinkage(item_groups));
  for (const WeightedEdge& e : edges) {
    if (!internal::ValidEdge(e, num_items)) continue;
    if (item_groups[Index(e.a)] == item_groups[Index(e.b)]) continue;  // not evidence
    // Several edges between one pair (copy and overlap) count once, at the strongest; the
    // pair may start a merge when any of them joins.
    internal::Link kept = clusters.Kept(e.a, e.b);
    clusters.Keep(e.a, e.b,
                  {std::max(kept.sum, static_cast<double>(e.weight)), kept.joining + e.joins});
  }
  return clusters.Run();
}

}  // namespace crossclaim
