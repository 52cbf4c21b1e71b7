#include "cluster/strong_edge_clustering.h"

#include <algorithm>
#include <queue>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace crossclaim {
namespace {

// Clusters keep the weight sums to the clusters a strong edge joins them to; a sum to a
// cluster newly joined is computed from the members' pair weights when the join happens.
class StrongEdgeAgglomerator {
 public:
  StrongEdgeAgglomerator(int32_t n, const PairWeight& weight, double threshold)
      : weight_(weight), threshold_(threshold) {
    members_.resize(static_cast<size_t>(n));
    sums_.resize(static_cast<size_t>(n));
    versions_.assign(static_cast<size_t>(n), 0);
    for (int32_t i = 0; i < n; ++i) members_[Index(i)] = {i};
  }

  void AddStrongEdge(const WeightedEdge& e) {
    sums_[Index(e.a)][e.b] = e.weight;
    sums_[Index(e.b)][e.a] = e.weight;
  }

  std::vector<int32_t> Run() {
    for (size_t a = 0; a < sums_.size(); ++a) {
      for (const auto& [b, sum] : sums_[a]) {
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
    return Labels();
  }

 private:
  static size_t Index(int32_t i) { return static_cast<size_t>(i); }

  uint64_t Version(int32_t a, int32_t b) const {
    return (versions_[Index(a)] << 32) ^ versions_[Index(b)];
  }

  // Sum of the weights between the members of clusters a and c.
  double CrossSum(int32_t a, int32_t c) const {
    double sum = 0;
    for (int32_t x : members_[Index(a)]) {
      for (int32_t y : members_[Index(c)]) sum += weight_(x, y);
    }
    return sum;
  }

  void Push(int32_t a, int32_t b) {
    if (a > b) std::swap(a, b);
    auto it = sums_[Index(a)].find(b);
    if (it == sums_[Index(a)].end() || it->second <= 0) return;
    double pairs = static_cast<double>(members_[Index(a)].size()) * members_[Index(b)].size();
    double average = it->second / pairs;
    if (average + 1e-12 < threshold_) return;
    heap_.emplace(average, -a, -b, Version(a, b));
  }

  // The larger cluster absorbs the smaller; sums add, a side without a strong edge to a
  // neighbour contributing its pair weights.
  void Merge(int32_t a, int32_t b) {
    if (members_[Index(a)].size() < members_[Index(b)].size()) std::swap(a, b);
    auto& to_a = sums_[Index(a)];
    auto& to_b = sums_[Index(b)];
    std::vector<std::pair<int32_t, double>> joined;
    for (const auto& [c, sum] : to_b) {
      if (c == a) continue;
      auto it = to_a.find(c);
      joined.emplace_back(c, (it != to_a.end() ? it->second : CrossSum(a, c)) + sum);
    }
    for (const auto& [c, sum] : to_a) {
      if (c != b && !to_b.contains(c)) joined.emplace_back(c, sum + CrossSum(b, c));
    }
    for (const auto& [c, sum] : to_b) sums_[Index(c)].erase(b);
    to_b.clear();
    to_a.erase(b);
    for (const auto& [c, sum] : joined) {
      to_a[c] = sum;
      sums_[Index(c)][a] = sum;
    }
    auto& into = members_[Index(a)];
    auto& from = members_[Index(b)];
    into.insert(into.end(), from.begin(), from.end());
    from = {};
    ++versions_[Index(a)];
    ++versions_[Index(b)];
    for (const auto& [c, sum] : to_a) Push(a, c);
  }

  // Ids numbered by each cluster's smallest member.
  std::vector<int32_t> Labels() const {
    std::vector<int32_t> cluster_of(members_.size());
    for (size_t c = 0; c < members_.size(); ++c) {
      for (int32_t m : members_[c]) cluster_of[Index(m)] = static_cast<int32_t>(c);
    }
    std::vector<int32_t> id(members_.size(), -1), label(members_.size());
    int32_t next = 0;
    for (size_t i = 0; i < members_.size(); ++i) {
      int32_t& cluster_id = id[Index(cluster_of[i])];
      if (cluster_id < 0) cluster_id = next++;
      label[i] = cluster_id;
    }
    return label;
  }

  const PairWeight& weight_;
  double threshold_;
  std::vector<std::vector<int32_t>> members_;
  std::vector<std::unordered_map<int32_t, double>> sums_;
  std::vector<uint64_t> versions_;
  // (average, -a, -b, version): the highest average first, ties by the smallest ids.
  std::priority_queue<std::tuple<double, int32_t, int32_t, uint64_t>> heap_;
};

}  // namespace

std::vector<int32_t> StrongEdgeAverageLink(int32_t num_items, std::span<const WeightedEdge> strong,
                                           const PairWeight& weight,
                                           const ClusteringOptions& options) {
  const int32_t n = std::max(num_items, 0);
  StrongEdgeAgglomerator agglomerator(n, weight, options.threshold);
  for (const WeightedEdge& e : strong) {
    if (e.a != e.b && e.a >= 0 && e.b >= 0 && e.a < n && e.b < n) agglomerator.AddStrongEdge(e);
  }
  return agglomerator.Run();
}

}  // namespace crossclaim
