#include "cluster/clustering.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <map>
#include <numeric>
#include <queue>
#include <unordered_map>
#include <tuple>
#include <utility>

namespace crossclaim {
namespace {

bool ValidEdge(const WeightedEdge& e, int32_t n) {
  return e.a != e.b && e.a >= 0 && e.b >= 0 && e.a < n && e.b < n;
}

// Renumbers labels so that ids follow the order of each label's smallest member.
std::vector<int32_t> Canonical(const std::vector<int32_t>& labels) {
  std::map<int32_t, int32_t> renumber;
  std::vector<int32_t> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    auto [it, inserted] = renumber.emplace(labels[i], static_cast<int32_t>(renumber.size()));
    out[i] = it->second;
  }
  return out;
}

// Average-link agglomeration over a sparse graph. Only clusters joined by an edge can have
// a positive average, so each cluster keeps the similarity sums to its neighbours only, and
// a histogram of its members' groups to count the cross-group pairs between two clusters:
// |A||B| - sum_g |A_g||B_g|.
class Agglomerator {
 public:
  Agglomerator(std::vector<int32_t> groups, double threshold)
      : threshold_(threshold), groups_(std::move(groups)) {
    size_t n = groups_.size();
    members_.resize(n);
    neighbours_.resize(n);
    histogram_.resize(n);
    versions_.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
      members_[i] = {static_cast<int32_t>(i)};
      histogram_[i][groups_[i]] = 1;
    }
  }

  void AddEdge(int32_t a, int32_t b, double w) {
    if (groups_[Index(a)] == groups_[Index(b)]) return;  // same group: not evidence
    // Several edges between one pair (copy and overlap) count once, at the strongest.
    double& s = neighbours_[Index(a)][b];
    s = std::max(s, w);
    neighbours_[Index(b)][a] = s;
  }

  std::vector<int32_t> Run() {
    for (size_t a = 0; a < members_.size(); ++a) {
      for (const auto& [b, sum] : neighbours_[a]) {
        if (static_cast<int32_t>(a) < b) Push(static_cast<int32_t>(a), b);
      }
    }
    while (!heap_.empty()) {
      auto [average, neg_a, neg_b, version] = heap_.top();
      heap_.pop();
      int32_t a = -neg_a, b = -neg_b;
      if (members_[Index(a)].empty() || members_[Index(b)].empty()) continue;
      if (version != Version(a, b)) continue;  // stale: one side has merged since
      Merge(a, b);
    }
    std::vector<int32_t> label(members_.size());
    for (size_t c = 0; c < members_.size(); ++c) {
      for (int32_t m : members_[c]) label[Index(m)] = static_cast<int32_t>(c);
    }
    return label;
  }

 private:
  static size_t Index(int32_t i) { return static_cast<size_t>(i); }

  double CrossGroupPairs(int32_t a, int32_t b) const {
    const auto& ha = histogram_[Index(a)];
    const auto& hb = histogram_[Index(b)];
    const auto& small = ha.size() <= hb.size() ? ha : hb;
    const auto& large = ha.size() <= hb.size() ? hb : ha;
    double same = 0;
    for (const auto& [group, count] : small) {
      auto it = large.find(group);
      if (it != large.end()) same += static_cast<double>(count) * it->second;
    }
    double all = static_cast<double>(members_[Index(a)].size()) * members_[Index(b)].size();
    return all - same;
  }

  uint64_t Version(int32_t a, int32_t b) const {
    return (versions_[Index(a)] << 32) ^ versions_[Index(b)];
  }

  void Push(int32_t a, int32_t b) {
    if (a > b) std::swap(a, b);
    auto it = neighbours_[Index(a)].find(b);
    if (it == neighbours_[Index(a)].end() || it->second <= 0) return;
    double pairs = CrossGroupPairs(a, b);
    if (pairs <= 0) return;  // only same-group pairs: no evidence to merge on
    double average = it->second / pairs;
    if (average + 1e-12 < threshold_) return;
    heap_.emplace(average, -a, -b, Version(a, b));
  }

  // The larger cluster absorbs the smaller; similarity sums add (missing edges are 0).
  void Merge(int32_t a, int32_t b) {
    if (members_[Index(a)].size() < members_[Index(b)].size()) std::swap(a, b);
    for (const auto& [c, sum] : neighbours_[Index(b)]) {
      auto& back = neighbours_[Index(c)];
      back.erase(b);
      if (c == a) continue;
      neighbours_[Index(a)][c] += sum;
      back[a] = neighbours_[Index(a)][c];
    }
    neighbours_[Index(a)].erase(b);
    neighbours_[Index(b)].clear();
    for (const auto& [group, count] : histogram_[Index(b)]) histogram_[Index(a)][group] += count;
    histogram_[Index(b)].clear();
    auto& into = members_[Index(a)];
    auto& from = members_[Index(b)];
    into.insert(into.end(), from.begin(), from.end());
    from.clear();
    ++versions_[Index(a)];
    ++versions_[Index(b)];
    for (const auto& [c, sum] : neighbours_[Index(a)]) Push(a, c);
  }

  double threshold_;
  std::vector<int32_t> groups_;
  std::vector<std::vector<int32_t>> members_;
  std::vector<std::unordered_map<int32_t, double>> neighbours_;
  std::vector<std::unordered_map<int32_t, int64_t>> histogram_;
  std::vector<uint64_t> versions_;
  // (average, -a, -b, version): the highest average first, ties by the smallest ids.
  std::priority_queue<std::tuple<double, int32_t, int32_t, uint64_t>> heap_;
};

}  // namespace

std::vector<int32_t> ConnectedComponents(int32_t num_items, std::span<const WeightedEdge> edges) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph graph(static_cast<size_t>(std::max(num_items, 0)));
  for (const WeightedEdge& e : edges) {
    if (ValidEdge(e, num_items)) boost::add_edge(static_cast<size_t>(e.a), static_cast<size_t>(e.b), graph);
  }
  std::vector<int32_t> component(static_cast<size_t>(std::max(num_items, 0)));
  boost::connected_components(graph, component.data());
  return Canonical(component);
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
  Agglomerator agglomerator(std::move(item_groups), options.threshold);
  for (const WeightedEdge& e : edges) {
    if (ValidEdge(e, num_items)) agglomerator.AddEdge(e.a, e.b, e.weight);
  }
  return Canonical(agglomerator.Run());
}

}  // namespace crossclaim
