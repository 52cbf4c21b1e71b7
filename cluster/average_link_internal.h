// The merge loop shared by AverageLinkClusters (cluster/clustering.h) and
// StrongEdgeAverageLink (cluster/strong_edge_clustering.h): average-link agglomeration over a
// sparse set of kept cluster pairs, the best pair taken from a lazy max-heap.
//
// Each cluster keeps similarity sums to some other clusters only (those an edge joins it to);
// a pair without a kept sum is never merged directly, nor a pair whose sum holds only edges
// that may not join (`Link::joining` 0): such edges count in averages but never start a
// merge. The two callers differ in two rules,
// given by `Linkage`:
//   double CrossPairs(const Members& members, int32_t a, int32_t b) const;
//     the number of pairs the sum of clusters a and b is averaged over (<= 0: never merge);
//   double UnkeptSum(const Members& members, int32_t a, int32_t c) const;
//     the sum between a and c when a merges with a cluster that keeps a sum to c and a keeps
//     none (0 when missing edges count as 0);
//   void Absorb(int32_t into, int32_t from);
//     called after cluster `into` took the members of `from`.
// Deterministic: ties merge the pair with the smallest (min id, max id) first.
#ifndef CROSSCLAIM_CLUSTER_AVERAGE_LINK_INTERNAL_H_
#define CROSSCLAIM_CLUSTER_AVERAGE_LINK_INTERNAL_H_

#include <cstdint>
#include <map>
#include <queue>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cluster/clustering.h"

namespace crossclaim::internal {

// An edge between two distinct items of [0, n).
inline bool ValidEdge(const WeightedEdge& e, int32_t n) {
  return e.a != e.b && e.a >= 0 && e.b >= 0 && e.a < n && e.b < n;
}

using Members = std::vector<std::vector<int32_t>>;

// What a cluster keeps towards another: the sum of their cross pairs' weights, and how many of
// the edges summed may start a merge.
struct Link {
  double sum = 0;
  int64_t joining = 0;
};

// Renumbers labels so that ids follow the order of each label's smallest member.
inline std::vector<int32_t> CanonicalLabels(const std::vector<int32_t>& labels) {
  std::map<int32_t, int32_t> renumber;
  std::vector<int32_t> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    auto [it, inserted] = renumber.emplace(labels[i], static_cast<int32_t>(renumber.size()));
    out[i] = it->second;
  }
  return out;
}

template <class Linkage>
class AverageLink {
 public:
  AverageLink(size_t n, double threshold, Linkage linkage)
      : threshold_(threshold), linkage_(std::move(linkage)) {
    members_.resize(n);
    sums_.resize(n);
    versions_.assign(n, 0);
    for (size_t i = 0; i < n; ++i) members_[i] = {static_cast<int32_t>(i)};
  }

  // The kept link of items a and b (sum 0, no joining edge when none is kept yet).
  Link Kept(int32_t a, int32_t b) const {
    auto it = sums_[Index(a)].find(b);
    return it == sums_[Index(a)].end() ? Link() : it->second;
  }

  // Keeps `link` for the pair of items a and b, both ways.
  void Keep(int32_t a, int32_t b, Link link) {
    sums_[Index(a)][b] = link;
    sums_[Index(b)][a] = link;
  }

  // Merges until no kept pair reaches the threshold; cluster ids by smallest member.
  std::vector<int32_t> Run() {
    for (size_t a = 0; a < sums_.size(); ++a) {
      for (const auto& [b, link] : sums_[a]) {
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
    return CanonicalLabels(label);
  }

 private:
  static size_t Index(int32_t i) { return static_cast<size_t>(i); }

  uint64_t Version(int32_t a, int32_t b) const {
    return (versions_[Index(a)] << 32) ^ versions_[Index(b)];
  }

  void Push(int32_t a, int32_t b) {
    if (a > b) std::swap(a, b);
    auto it = sums_[Index(a)].find(b);
    if (it == sums_[Index(a)].end() || it->second.sum <= 0 || it->second.joining == 0) return;
    const double pairs = linkage_.CrossPairs(members_, a, b);
    if (pairs <= 0) return;  // no pair that counts: no evidence to merge on
    const double average = it->second.sum / pairs;
    if (average + 1e-12 < threshold_) return;
    heap_.emplace(average, -a, -b, Version(a, b));
  }

  // The larger cluster absorbs the smaller; sums add, a side keeping no sum to a neighbour
  // of the other contributing its UnkeptSum.
  void Merge(int32_t a, int32_t b) {
    if (members_[Index(a)].size() < members_[Index(b)].size()) std::swap(a, b);
    auto& to_a = sums_[Index(a)];
    auto& to_b = sums_[Index(b)];
    std::vector<std::pair<int32_t, Link>> joined;
    for (const auto& [c, link] : to_b) {
      if (c == a) continue;
      auto it = to_a.find(c);
      Link from_a = it != to_a.end() ? it->second : Link{linkage_.UnkeptSum(members_, a, c), 0};
      joined.emplace_back(c, Link{from_a.sum + link.sum, from_a.joining + link.joining});
    }
    for (const auto& [c, link] : to_a) {
      if (c != b && !to_b.contains(c))
        joined.emplace_back(c, Link{link.sum + linkage_.UnkeptSum(members_, b, c), link.joining});
    }
    for (const auto& [c, link] : to_b) sums_[Index(c)].erase(b);
    to_b.clear();
    to_a.erase(b);
    for (const auto& [c, link] : joined) Keep(a, c, link);
    auto& into = members_[Index(a)];
    auto& from = members_[Index(b)];
    into.insert(into.end(), from.begin(), from.end());
    from = {};
    linkage_.Absorb(a, b);
    ++versions_[Index(a)];
    ++versions_[Index(b)];
    for (const auto& [c, link] : to_a) Push(a, c);
  }

  double threshold_;
  Linkage linkage_;
  Members members_;
  std::vector<std::unordered_map<int32_t, Link>> sums_;
  std::vector<uint64_t> versions_;
  // (average, -a, -b, version): the highest average first, ties by the smallest ids.
  std::priority_queue<std::tuple<double, int32_t, int32_t, uint64_t>> heap_;
};

}  // namespace crossclaim::internal

#endif  // CROSSCLAIM_CLUSTER_AVERAGE_LINK_INTERNAL_H_
