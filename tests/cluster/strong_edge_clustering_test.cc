#include "cluster/strong_edge_clustering.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "cluster/clustering.h"

namespace crossclaim {
namespace {

// A dense random graph: every pair weighted, most of them weakly (the shape of a feed whose
// articles all share a few names), and a few strong pairs.
struct DenseGraph {
  int32_t n = 0;
  std::vector<std::vector<double>> weight;
  std::vector<WeightedEdge> all;
};

DenseGraph RandomDenseGraph(uint32_t seed, int32_t n, double strong_share) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> weak(0.0, 0.15), strong(0.15, 0.9), coin(0.0, 1.0);
  DenseGraph g;
  g.n = n;
  g.weight.assign(static_cast<size_t>(n), std::vector<double>(static_cast<size_t>(n), 0));
  for (int32_t a = 0; a < n; ++a) {
    for (int32_t b = a + 1; b < n; ++b) {
      const double draw = coin(rng);
      if (draw < 0.3) continue;  // unrelated: weight 0, no edge
      const float w = static_cast<float>(draw < 0.3 + strong_share ? strong(rng) : weak(rng));
      g.weight[static_cast<size_t>(a)][static_cast<size_t>(b)] = w;
      g.weight[static_cast<size_t>(b)][static_cast<size_t>(a)] = w;
      g.all.push_back({a, b, w});
    }
  }
  return g;
}

std::vector<WeightedEdge> AtLeast(const std::vector<WeightedEdge>& edges, double threshold) {
  std::vector<WeightedEdge> out;
  for (const WeightedEdge& e : edges) {
    if (e.weight >= threshold) out.push_back(e);
  }
  return out;
}

// The oracle is AverageLinkClusters over every edge; labels are comparable as both number
// clusters by their smallest member.
TEST(StrongEdgeAverageLink, SameClustersAsAverageLinkOverEveryEdge) {
  int merged_somewhere = 0;
  for (uint32_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    for (double strong_share : {0.01, 0.05, 0.2}) {
      const DenseGraph g = RandomDenseGraph(seed, 120, strong_share);
      const PairWeight weight = [&](int32_t a, int32_t b) {
        return g.weight[static_cast<size_t>(a)][static_cast<size_t>(b)];
      };
      for (double threshold : {0.16, 0.25, 0.4}) {
        SCOPED_TRACE(testing::Message() << seed << " " << strong_share << " " << threshold);
        const std::vector<int32_t> expected = AverageLinkClusters(g.n, g.all, {}, {threshold});
        const std::vector<int32_t> got =
            StrongEdgeAverageLink(g.n, AtLeast(g.all, threshold), weight, {threshold});
        EXPECT_EQ(got, expected);
        if (*std::max_element(expected.begin(), expected.end()) < g.n - 1) ++merged_somewhere;
      }
    }
  }
  EXPECT_GT(merged_somewhere, 30);  // the comparison is not between all-singleton results
}

TEST(StrongEdgeAverageLink, WeakPairsBlockAMergeTheStrongEdgeAloneWouldMake) {
  // 0-1 strong (0.9); 2 is strongly tied to 1 (0.5) but unrelated to 0: {0,1}+{2} averages
  // (0 + 0.5) / 2 = 0.25 < 0.3. With a weak 0-2 pair of 0.2 it reaches (0.2 + 0.5) / 2 = 0.35.
  const std::vector<WeightedEdge> strong = {{0, 1, 0.9f}, {1, 2, 0.5f}};
  for (double weak : {0.0, 0.2}) {
    const PairWeight weight = [&](int32_t a, int32_t b) {
      if (a > b) std::swap(a, b);
      if (a == 0 && b == 1) return 0.9;
      if (a == 1 && b == 2) return 0.5;
      return weak;
    };
    const std::vector<int32_t> got = StrongEdgeAverageLink(3, strong, weight, {0.3});
    EXPECT_EQ(got, (weak > 0 ? std::vector<int32_t>{0, 0, 0} : std::vector<int32_t>{0, 0, 1}));
  }
}

TEST(StrongEdgeAverageLink, IgnoresSelfLoopsAndOutOfRangeEdges) {
  const PairWeight weight = [](int32_t, int32_t) { return 0.9; };
  const std::vector<WeightedEdge> strong = {{0, 0, 0.9f}, {1, 5, 0.9f}, {-1, 2, 0.9f}};
  EXPECT_EQ(StrongEdgeAverageLink(3, strong, weight, {0.5}), (std::vector<int32_t>{0, 1, 2}));
}

}  // namespace
}  // namespace crossclaim
