// End to end: `crossclaim retrieve` on tiny query/collection TSVs written here, checked
// against an exhaustive ranking computed with PairScorer::Score over every pair, and
// `crossclaim eval retrieval` on its output against hand-computed MAP@k.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "similarity/pair_features.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;

const std::vector<std::pair<std::string, std::string>> kCollection = {
    {"c1", "Bill Gates wants to put microchips in vaccines."},
    {"c2", "Drinking hot water cures the coronavirus."},
    {"c3", "The president signed an executive order banning travel."},
    {"c4", "A shark was photographed swimming on a flooded highway."},
    {"c5", "Vaccines contain microchips for tracking people, a video claims."},
};
const std::vector<std::pair<std::string, std::string>> kQueries = {
    {"q1", "Gates is putting tracking microchips into vaccines!"},
    {"q2", "a shark swimming on the flooded highway after the hurricane"},
    {"q3", "zzzz qqqq"},
};

std::string Tsv(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string out;
  for (const auto& [id, text] : rows) out += id + "\t" + text + "\n";
  return out;
}

TEST(RetrieveCli, RankingMatchesExhaustiveScores) {
  const std::string dir = testing::ScratchDir("retrieve_cli");
  testing::WriteFile(dir + "/q.tsv", Tsv(kQueries));
  testing::WriteFile(dir + "/c.tsv", Tsv(kCollection) + "broken-row-without-text\n");
  const testing::CommandOutput run = testing::RunCrossclaim(
      "retrieve --queries " + dir + "/q.tsv --collection " + dir + "/c.tsv --top-k 3");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr(dir + "/c.tsv:6: skipped"));

  // Oracle: every (query, text) pair scored one by one, sorted by score then collection order.
  PairScorer scorer = *PairScorer::Create(PairScorerOptions());
  std::vector<std::string> collection, queries;
  for (const auto& [id, text] : kCollection) collection.push_back(text);
  for (const auto& [id, text] : kQueries) queries.push_back(text);
  scorer.Fit(collection);
  const PairVectors vc = scorer.Transform(collection);
  const PairVectors vq = scorer.Transform(queries);

  std::istringstream out(run.out);
  std::string line;
  for (size_t q = 0; q < kQueries.size(); ++q) {
    ASSERT_TRUE(std::getline(out, line));
    const json j = json::parse(line);
    EXPECT_EQ(j["query"], kQueries[q].first);
    std::vector<std::pair<double, int>> expected;
    for (size_t c = 0; c < collection.size(); ++c) {
      const double s = scorer.Score(queries[q], collection[c], vq, vc, q, c).cosine;
      if (s > 0) expected.push_back({-s, static_cast<int>(c)});
    }
    std::sort(expected.begin(), expected.end());
    if (expected.size() > 3) expected.resize(3);
    ASSERT_EQ(j["results"].size(), expected.size()) << line;
    for (size_t r = 0; r < expected.size(); ++r) {
      EXPECT_EQ(j["results"][r]["id"], kCollection[expected[r].second].first);
      EXPECT_NEAR(j["results"][r]["score"].get<double>(), -expected[r].first, 2e-6);
    }
  }
  // The obvious answers are first; a query sharing nothing gets no results.
  std::istringstream again(run.out);
  std::vector<json> lines;
  while (std::getline(again, line)) lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["results"][0]["id"], "c1");
  EXPECT_EQ(lines[1]["results"][0]["id"], "c4");
  EXPECT_TRUE(lines[2]["results"].empty());
}

TEST(RetrieveCli, EvalRetrievalOnHandMadeRanking) {
  // q1 relevant c1 (rank 2 in the file below), q2 relevant c4 (rank 1), q3 relevant c9 (absent).
  // MAP@5 = (1/2 + 1 + 0) / 3 = 0.5; recall@5 = 2/3; MRR = 0.5.
  const std::string dir = testing::ScratchDir("retrieve_eval");
  testing::WriteFile(dir + "/run.jsonl",
                     R"({"query":"q1","results":[{"id":"c5","score":0.9},{"id":"c1","score":0.8}]})"
                     "\n"
                     R"({"query":"q2","results":[{"id":"c4","score":0.7}]})"
                     "\n");
  testing::WriteFile(dir + "/qrels", "q1 0 c1 1\nq2 0 c4 1\nq2 0 c2 0\nq3\tc9\n");
  const testing::CommandOutput run = testing::RunCrossclaim(
      "eval retrieval --results " + dir + "/run.jsonl --qrels " + dir + "/qrels --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json j = json::parse(run.out);
  EXPECT_EQ(j["queries"], 3);
  EXPECT_NEAR(j["map_at_k"].get<double>(), 0.5, 1e-12);
  EXPECT_NEAR(j["recall_at_k"].get<double>(), 2.0 / 3, 1e-12);
  EXPECT_NEAR(j["mrr_at_k"].get<double>(), 0.5, 1e-12);
}

TEST(RetrieveCli, RejectsBadTopK) {
  const std::string dir = testing::ScratchDir("retrieve_topk");
  testing::WriteFile(dir + "/q.tsv", Tsv(kQueries));
  const testing::CommandOutput run = testing::RunCrossclaim(
      "retrieve --queries " + dir + "/q.tsv --collection " + dir + "/q.tsv --top-k 0");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--top-k must be >= 1 (got 0)"));
}

}  // namespace
}  // namespace crossclaim
