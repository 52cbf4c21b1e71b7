// End to end: `crossclaim eval` on tiny hand-made files; the expected figures are the
// hand-computed ones of eval_metrics_test.cc, reached through the file formats.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;

json EvalJson(const std::string& args) {
  const testing::CommandOutput run = testing::RunCrossclaim("eval " + args + " --json");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return json::accept(run.out) ? json::parse(run.out) : json();
}

TEST(EvalCli, PairsAucAndThresholds) {
  const std::string dir = testing::ScratchDir("eval_pairs");
  // Scores 0.1 (0), 0.4 (0), 0.35 (1), 0.8 (1): AUC 3/4; best accuracy 3/4 at 0.225.
  testing::WriteFile(dir + "/s.jsonl",
                     "{\"id\":\"a\",\"cosine\":0.1}\n{\"id\":\"b\",\"cosine\":0.4}\n"
                     "{\"id\":\"c\",\"cosine\":0.35}\n{\"id\":\"d\",\"cosine\":0.8}\n");
  testing::WriteFile(dir + "/g.tsv", "a\t0\nb\t0\nc\t1\nd\t1\ne\t1\n");
  const json j =
      EvalJson("pairs --scores " + dir + "/s.jsonl --gold " + dir + "/g.tsv --threshold 0.5");
  EXPECT_EQ(j["pairs"], 4);
  EXPECT_EQ(j["missing"], 1);  // "e" has gold but no score
  EXPECT_DOUBLE_EQ(j["auc"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(j["best_accuracy"]["threshold"].get<double>(), 0.225);
  EXPECT_DOUBLE_EQ(j["best_accuracy"]["accuracy"].get<double>(), 0.75);
  // At 0.5: only d is positive: tp 1, fn 1, tn 2 -> precision 1, recall 1/2.
  EXPECT_DOUBLE_EQ(j["at_threshold"]["precision"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["at_threshold"]["recall"].get<double>(), 0.5);
}

TEST(EvalCli, GradedPearsonAndSpearman) {
  const std::string dir = testing::ScratchDir("eval_graded");
  testing::WriteFile(dir + "/s.jsonl",
                     "{\"id\":\"x\",\"cosine\":1}\n{\"id\":\"y\",\"cosine\":2}\n"
                     "{\"id\":\"z\",\"cosine\":3}\n");
  testing::WriteFile(dir + "/g.tsv", "x\t2\ny\t4\nz\t7\n");
  const json j = EvalJson("graded --scores " + dir + "/s.jsonl --gold " + dir + "/g.tsv");
  EXPECT_NEAR(j["pearson"].get<double>(), 15 / std::sqrt(228.0), 1e-12);
  EXPECT_NEAR(j["spearman"].get<double>(), 1.0, 1e-12);
}

TEST(EvalCli, DivergenceFlagPrecisionRecall) {
  const std::string dir = testing::ScratchDir("eval_div");
  // Flags: p true (gold 1: tp), q true (gold 0: fp), r false (gold 1: fn), s false (0: tn).
  testing::WriteFile(dir + "/s.jsonl",
                     "{\"id\":\"p\",\"divergent\":true}\n{\"id\":\"q\",\"divergent\":true}\n"
                     "{\"id\":\"r\",\"divergent\":false}\n{\"id\":\"s\",\"divergent\":false}\n");
  testing::WriteFile(dir + "/g.tsv", "p\t1\nq\t0\nr\t1\ns\t0\n");
  const json j = EvalJson("divergence --scores " + dir + "/s.jsonl --gold " + dir + "/g.tsv");
  EXPECT_DOUBLE_EQ(j["flag"]["precision"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["flag"]["recall"].get<double>(), 0.5);
}

TEST(EvalCli, ClustersFromTsvAndEventsJsonLines) {
  const std::string dir = testing::ScratchDir("eval_clusters");
  // Gold A A A B B, predicted x x y y y: B-cubed F1 11/15, pairwise F1 1/2, ARI 1/6.
  testing::WriteFile(dir + "/gold.jsonl",
                     "{\"id\":\"1\",\"gold\":\"A\"}\n{\"id\":\"2\",\"gold\":\"A\"}\n"
                     "{\"id\":\"3\",\"gold\":\"A\"}\n{\"id\":\"4\",\"gold\":\"B\"}\n"
                     "{\"id\":\"5\",\"gold\":\"B\"}\n");
  testing::WriteFile(dir + "/pred.tsv", "1\tx\n2\tx\n3\ty\n4\ty\n5\ty\n");
  testing::WriteFile(dir + "/events.jsonl",
                     "{\"event\":0,\"title\":\"t\",\"documents\":[\"1\",\"2\"]}\n"
                     "{\"event\":1,\"title\":\"u\",\"documents\":[\"3\",\"4\",\"5\"]}\n");
  for (const std::string predicted : {"pred.tsv", "events.jsonl"}) {
    const json j = EvalJson("clusters --predicted " + dir + "/" + predicted + " --gold " + dir +
                            "/gold.jsonl");
    EXPECT_EQ(j["items"], 5);
    EXPECT_NEAR(j["bcubed_f1"].get<double>(), 11.0 / 15, 1e-12) << predicted;
    EXPECT_NEAR(j["pairwise_f1"].get<double>(), 0.5, 1e-12) << predicted;
    EXPECT_NEAR(j["ari"].get<double>(), 1.0 / 6, 1e-12) << predicted;
  }
}

TEST(EvalCli, ErrorsNameTheFileAndLine) {
  const std::string dir = testing::ScratchDir("eval_errors");
  testing::WriteFile(dir + "/s.jsonl",
                     "{\"id\":\"a\",\"cosine\":0.1}\n{\"id\":\"zz\",\"cosine\":1}\n");
  testing::WriteFile(dir + "/g.tsv", "a\t0\n");
  testing::CommandOutput run =
      testing::RunCrossclaim("eval pairs --scores " + dir + "/s.jsonl --gold " + dir + "/g.tsv");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr(dir + "/s.jsonl:2: id 'zz' has no gold label"));
  testing::WriteFile(dir + "/g2.tsv", "a\t0.5\nzz\t1\n");
  run = testing::RunCrossclaim("eval pairs --scores " + dir + "/s.jsonl --gold " + dir + "/g2.tsv");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("gold label '0.5' of id 'a' must be 0 or 1"));
  run = testing::RunCrossclaim("eval retrieval --results " + dir + "/s.jsonl");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("eval retrieval needs --qrels"));
}

}  // namespace
}  // namespace crossclaim
