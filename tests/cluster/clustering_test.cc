#include "cluster/clustering.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <vector>

namespace crossclaim {
namespace {

// Partition as a set of sorted member lists: label values do not matter.
std::set<std::vector<int32_t>> Partition(const std::vector<int32_t>& labels) {
  std::map<int32_t, std::vector<int32_t>> clusters;
  for (size_t i = 0; i < labels.size(); ++i) clusters[labels[i]].push_back(static_cast<int32_t>(i));
  std::set<std::vector<int32_t>> out;
  for (auto& [label, members] : clusters) out.insert(members);
  return out;
}

std::vector<int32_t> BfsComponents(int32_t n, const std::vector<WeightedEdge>& edges) {
  std::vector<std::vector<int32_t>> adjacency(static_cast<size_t>(n));
  for (const WeightedEdge& e : edges) {
    adjacency[static_cast<size_t>(e.a)].push_back(e.b);
    adjacency[static_cast<size_t>(e.b)].push_back(e.a);
  }
  std::vector<int32_t> label(static_cast<size_t>(n), -1);
  int32_t next = 0;
  for (int32_t s = 0; s < n; ++s) {
    if (label[static_cast<size_t>(s)] >= 0) continue;
    std::queue<int32_t> queue;
    queue.push(s);
    label[static_cast<size_t>(s)] = next;
    while (!queue.empty()) {
      int32_t v = queue.front();
      queue.pop();
      for (int32_t w : adjacency[static_cast<size_t>(v)]) {
        if (label[static_cast<size_t>(w)] < 0) {
          label[static_cast<size_t>(w)] = next;
          queue.push(w);
        }
      }
    }
    ++next;
  }
  return label;
}

// Reference: recompute every cluster pair's average from scratch at each step, O(n^4). A pair
// of clusters is a candidate when a cross pair of two groups has an edge that joins.
std::vector<int32_t> NaiveAverageLink(int32_t n, const std::vector<WeightedEdge>& edges,
                                      const std::vector<int32_t>& groups, double threshold) {
  std::vector<std::vector<double>> w(static_cast<size_t>(n),
                                     std::vector<double>(static_cast<size_t>(n), 0));
  std::vector<std::vector<char>> joins(static_cast<size_t>(n),
                                       std::vector<char>(static_cast<size_t>(n), 0));
  for (const WeightedEdge& e : edges) {
    double& x = w[static_cast<size_t>(e.a)][static_cast<size_t>(e.b)];
    x = std::max(x, static_cast<double>(e.weight));
    w[static_cast<size_t>(e.b)][static_cast<size_t>(e.a)] = x;
    char& j = joins[static_cast<size_t>(e.a)][static_cast<size_t>(e.b)];
    j = j || e.joins;
    joins[static_cast<size_t>(e.b)][static_cast<size_t>(e.a)] = j;
  }
  std::vector<std::vector<int32_t>> clusters;
  for (int32_t i = 0; i < n; ++i) clusters.push_back({i});
  while (true) {
    double best = -1;
    size_t best_a = 0, best_b = 0;
    for (size_t a = 0; a < clusters.size(); ++a) {
      for (size_t b = a + 1; b < clusters.size(); ++b) {
        double sum = 0, pairs = 0;
        bool joined = false;
        for (int32_t x : clusters[a]) {
          for (int32_t y : clusters[b]) {
            if (groups[static_cast<size_t>(x)] == groups[static_cast<size_t>(y)]) continue;
            sum += w[static_cast<size_t>(x)][static_cast<size_t>(y)];
            joined = joined || joins[static_cast<size_t>(x)][static_cast<size_t>(y)];
            pairs += 1;
          }
        }
        if (pairs == 0 || sum <= 0 || !joined) continue;
        if (sum / pairs > best) best = sum / pairs, best_a = a, best_b = b;
      }
    }
    if (best < threshold) break;
    clusters[best_a].insert(clusters[best_a].end(), clusters[best_b].begin(),
                            clusters[best_b].end());
    clusters.erase(clusters.begin() + static_cast<long>(best_b));
  }
  std::vector<int32_t> label(static_cast<size_t>(n));
  for (size_t c = 0; c < clusters.size(); ++c) {
    for (int32_t m : clusters[c]) label[static_cast<size_t>(m)] = static_cast<int32_t>(c);
  }
  return label;
}

std::vector<WeightedEdge> RandomEdges(std::mt19937& rng, int32_t n, double density) {
  std::uniform_real_distribution<double> coin(0, 1);
  std::uniform_real_distribution<float> weight(0.05f, 1.0f);
  std::vector<WeightedEdge> edges;
  for (int32_t a = 0; a < n; ++a) {
    for (int32_t b = a + 1; b < n; ++b) {
      if (coin(rng) < density) edges.push_back({a, b, weight(rng)});
    }
  }
  return edges;
}

TEST(ConnectedComponents, MatchesBreadthFirstSearch) {
  for (uint32_t seed = 0; seed < 50; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    std::vector<WeightedEdge> edges = RandomEdges(rng, 40, 0.04);
    EXPECT_EQ(Partition(ConnectedComponents(40, edges)), Partition(BfsComponents(40, edges)));
  }
}

TEST(AverageLinkClusters, DoesNotChainThroughABridge) {
  std::vector<WeightedEdge> edges = {{0, 1, 0.9f}, {1, 2, 0.9f}};
  std::vector<int32_t> labels = AverageLinkClusters(3, edges, {}, {0.5});
  EXPECT_EQ(Partition(labels), (std::set<std::vector<int32_t>>{{0, 1}, {2}}));
  // With the third side present the triangle is one cluster.
  edges.push_back({0, 2, 0.6f});
  EXPECT_EQ(Partition(AverageLinkClusters(3, edges, {}, {0.5})),
            (std::set<std::vector<int32_t>>{{0, 1, 2}}));
}

TEST(AverageLinkClusters, SameGroupPairsCarryNoEvidence) {
  // 0 and 1 are one document's two claims; both match claim 2 of another document.
  std::vector<WeightedEdge> edges = {{0, 2, 0.8f}, {1, 2, 0.7f}};
  std::vector<int32_t> groups = {5, 5, 6};
  EXPECT_EQ(Partition(AverageLinkClusters(3, edges, groups, {0.5})),
            (std::set<std::vector<int32_t>>{{0, 1, 2}}));
  // Without groups the missing 0-1 edge counts as 0 and blocks the merge.
  EXPECT_EQ(Partition(AverageLinkClusters(3, edges, {}, {0.5})),
            (std::set<std::vector<int32_t>>{{0, 2}, {1}}));
}

// 60 random graphs with random groups: the clusters equal NaiveAverageLink's; with
// `share_joining` < 1, each edge joins with that probability.
void ExpectNaiveClustersOnRandomGraphs(uint32_t first_seed, double density, double share_joining) {
  for (uint32_t seed = first_seed; seed < first_seed + 60; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    int32_t n = 12 + static_cast<int32_t>(seed % 10);
    std::vector<WeightedEdge> edges = RandomEdges(rng, n, density);
    if (share_joining < 1) {
      std::bernoulli_distribution joins(share_joining);
      for (WeightedEdge& e : edges) e.joins = joins(rng);
    }
    std::vector<int32_t> groups(static_cast<size_t>(n));
    std::uniform_int_distribution<int32_t> group(0, 4);
    for (auto& g : groups) g = group(rng);
    for (double threshold : {0.2, 0.4, 0.6}) {
      SCOPED_TRACE(threshold);
      EXPECT_EQ(Partition(AverageLinkClusters(n, edges, groups, {threshold})),
                Partition(NaiveAverageLink(n, edges, groups, threshold)));
    }
  }
}

TEST(AverageLinkClusters, MatchesNaiveReferenceOnRandomGraphs) {
  ExpectNaiveClustersOnRandomGraphs(0, 0.35, 1);
}

TEST(AverageLinkClusters, EdgesThatDoNotJoinCountButNeverStartAMerge) {
  // 0-1 may not join: alone it merges nothing, however strong.
  std::vector<WeightedEdge> edges = {{0, 1, 0.9f, false}};
  EXPECT_EQ(Partition(AverageLinkClusters(3, edges, {}, {0.4})),
            (std::set<std::vector<int32_t>>{{0}, {1}, {2}}));
  // 0-2 joins (0.9) and 1-2 joins (0.3): {0,2} forms, then {0,2}+{1} averages
  // (0.9 + 0.3) / 2 = 0.6 with the non-joining 0-1 counted (0.15 without it).
  edges.push_back({0, 2, 0.9f});
  edges.push_back({1, 2, 0.3f});
  EXPECT_EQ(Partition(AverageLinkClusters(3, edges, {}, {0.4})),
            (std::set<std::vector<int32_t>>{{0, 1, 2}}));
  edges[0].weight = 0;  // the same pair missing: no merge
  EXPECT_EQ(Partition(AverageLinkClusters(3, edges, {}, {0.4})),
            (std::set<std::vector<int32_t>>{{0, 2}, {1}}));
}

TEST(AverageLinkClusters, WithEdgesThatDoNotJoinMatchesNaiveReference) {
  ExpectNaiveClustersOnRandomGraphs(100, 0.4, 0.5);
}

TEST(AverageLinkClusters, IndependentOfEdgeOrderAndThresholdMonotone) {
  std::mt19937 rng(7);
  std::vector<WeightedEdge> edges = RandomEdges(rng, 30, 0.2);
  std::vector<int32_t> base = AverageLinkClusters(30, edges, {}, {0.4});
  std::shuffle(edges.begin(), edges.end(), rng);
  for (WeightedEdge& e : edges) std::swap(e.a, e.b);
  EXPECT_EQ(AverageLinkClusters(30, edges, {}, {0.4}), base);
  // A higher threshold never yields fewer clusters.
  size_t previous = 0;
  for (double t : {0.1, 0.3, 0.5, 0.7, 0.9}) {
    size_t clusters = Partition(AverageLinkClusters(30, edges, {}, {t})).size();
    EXPECT_GE(clusters, previous) << t;
    previous = clusters;
  }
}

TEST(AverageLinkClusters, IgnoresSelfLoopsAndOutOfRangeEdges) {
  std::vector<WeightedEdge> edges = {{0, 0, 1.0f}, {0, 7, 1.0f}, {-1, 1, 1.0f}};
  EXPECT_EQ(Partition(AverageLinkClusters(2, edges, {}, {0.5})),
            (std::set<std::vector<int32_t>>{{0}, {1}}));
  EXPECT_TRUE(AverageLinkClusters(0, {}, {}, {0.5}).empty());
}

}  // namespace
}  // namespace crossclaim
