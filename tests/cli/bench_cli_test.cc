// End-to-end tests of `crossclaim bench`: the JSON names every stage, and its counts agree
// with independent computations on the same generated corpus (other subcommands on the
// written file, brute-force exact Jaccard, a full sparse product for the cosine pairs).
// Nothing here depends on timing.
#include <gtest/gtest.h>

#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/claims.h"
#include "core/text.h"
#include "datasets/generator/corpus_generator.h"
#include "similarity/tfidf.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using nlohmann::json;
using testing::CrossclaimBin;
using testing::RunCommand;

constexpr size_t kDocs = 200;
constexpr uint64_t kSeed = 7;

std::vector<Document> Generated() {
  GeneratorOptions options;
  options.num_documents = kDocs;
  options.seed = kSeed;
  return GenerateCorpus(options).documents;
}

// The bench JSON of one run with all stages, shared by the tests below.
const json& BenchJson() {
  static const json out = [] {
    testing::CommandOutput run =
        RunCommand(CrossclaimBin() + " bench --docs " + std::to_string(kDocs) + " --seed " +
                   std::to_string(kSeed) + " --event-docs 60 --threads 2 --format json");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.exit_code == 0 ? json::parse(run.out) : json::object();
  }();
  return out;
}

const json& Stage(const std::string& name) {
  static const json missing = json::object();
  for (const json& s : BenchJson()["stages"]) {
    if (s["stage"] == name) return s;
  }
  ADD_FAILURE() << "stage " << name << " missing";
  return missing;
}

// The generated corpus written by `crossclaim generate` with the same size and seed.
std::string GeneratedFile() {
  static const std::string path = [] {
    std::string file = testing::ScratchDir("bench_cli") + "/corpus.jsonl";
    testing::CommandOutput run =
        RunCommand(CrossclaimBin() + " generate --docs " + std::to_string(kDocs) + " --seed " +
                   std::to_string(kSeed) + " -o " + file);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return file;
  }();
  return path;
}

TEST(BenchCli, EveryStageHasPositiveInputAndConsistentRates) {
  const json& out = BenchJson();
  size_t bytes = 0;
  for (const Document& d : Generated()) bytes += d.text.size();
  EXPECT_EQ(out["corpus"]["documents"], kDocs);
  EXPECT_EQ(out["corpus"]["bytes"], bytes);
  std::vector<std::string> names;
  for (const json& s : out["stages"]) {
    names.push_back(s["stage"]);
    SCOPED_TRACE(s["stage"].get<std::string>());
    EXPECT_GT(s["bytes"].get<double>(), 0);
    EXPECT_EQ(s["documents"], s["stage"] == "event" ? 60 : kDocs);
    EXPECT_GE(s["wall_seconds"].get<double>(), 0);
    EXPECT_GE(s["cpu_seconds"].get<double>(), 0);
    EXPECT_GT(s["peak_rss_mb"].get<double>(), 0);
    EXPECT_GE(s["peak_growth_mb"].get<double>(), 0);
    const double wall = s["wall_seconds"];
    if (wall > 0) {
      EXPECT_NEAR(s["mb_per_second"].get<double>(), s["bytes"].get<double>() / 1e6 / wall,
                  1e-6 * s["mb_per_second"].get<double>());
      EXPECT_NEAR(s["documents_per_second"].get<double>(), s["documents"].get<double>() / wall,
                  1e-6 * s["documents_per_second"].get<double>());
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"tokenise", "claims", "dedup", "dedup-oph", "tfidf",
                                             "cosine", "event"}));
  for (const char* paired : {"dedup", "dedup-oph", "cosine", "event"}) {
    EXPECT_TRUE(Stage(paired).contains("pairs_per_second")) << paired;
  }
  EXPECT_FALSE(Stage("tokenise").contains("pairs"));
}

TEST(BenchCli, TokenCountMatchesTokenizeOverTheSameCorpus) {
  size_t tokens = 0;
  TokenizedText out;
  for (const Document& d : Generated()) {
    Tokenize(d.text, &out);
    tokens += out.size();
  }
  EXPECT_EQ(Stage("tokenise")["items"], tokens);
}

TEST(BenchCli, ClaimCountMatchesTheClaimsSubcommandOnTheWrittenCorpus) {
  testing::CommandOutput run =
      RunCommand(CrossclaimBin() + " claims --format json " + GeneratedFile());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const size_t claims = json::parse(run.out)["claims"].size();
  ASSERT_GT(claims, kDocs);
  EXPECT_EQ(Stage("claims")["items"], claims);
  EXPECT_EQ(Stage("tfidf")["items"], claims);
  EXPECT_EQ(Stage("cosine")["items"], claims);
  // The TF-IDF and cosine stages read the claims' text.
  EXPECT_LT(Stage("tfidf")["bytes"].get<size_t>(), Stage("claims")["bytes"].get<size_t>());
}

// Word 5-gram sets of normalised tokens, as strings (no hashing), for brute-force Jaccard.
std::set<std::string> WordGrams(const std::string& text) {
  TokenizedText t;
  Tokenize(text, &t);
  std::set<std::string> grams;
  const size_t n = 5;
  for (size_t i = 0; i + n <= t.size() || (i == 0 && t.size() > 0); ++i) {
    std::string gram;
    for (size_t k = i; k < std::min(t.size(), i + n); ++k) gram += std::string(t.norm(k)) + " ";
    grams.insert(gram);
  }
  return grams;
}

TEST(BenchCli, CopyPairsAgreeWithDedupAndBruteForceJaccard) {
  std::vector<std::set<std::string>> grams;
  for (const Document& d : Generated()) grams.push_back(WordGrams(d.text));
  size_t exact = 0;
  for (size_t i = 0; i < grams.size(); ++i) {
    for (size_t j = i + 1; j < grams.size(); ++j) {
      std::vector<std::string> common;
      std::set_intersection(grams[i].begin(), grams[i].end(), grams[j].begin(), grams[j].end(),
                            std::back_inserter(common));
      const double jaccard = static_cast<double>(common.size()) /
                             static_cast<double>(grams[i].size() + grams[j].size() - common.size());
      if (jaccard >= 0.8) ++exact;
    }
  }
  ASSERT_GT(exact, 0u);  // the generator plants near-duplicates
  // Every reported pair is verified, so none beyond the exact ones; LSH at K = 128 tuned for
  // recall finds (nearly) all.
  for (const char* stage : {"dedup", "dedup-oph"}) {
    SCOPED_TRACE(stage);
    const size_t pairs = Stage(stage)["pairs"];
    EXPECT_LE(pairs, exact);
    EXPECT_GE(pairs, exact * 9 / 10);
    EXPECT_GE(Stage(stage)["items"].get<size_t>(), pairs);  // candidates >= verified copies
  }
  testing::CommandOutput run =
      RunCommand(CrossclaimBin() + " dedup --mode classic " + GeneratedFile());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  size_t dedup_pairs = 0;
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && json::parse(line)["type"] == "pair") ++dedup_pairs;
  }
  EXPECT_EQ(Stage("dedup")["pairs"], dedup_pairs);
}

TEST(BenchCli, CosinePairsMatchAFullSparseProduct) {
  Corpus corpus;
  corpus.documents = Generated();
  ClaimSet set = ExtractCorpusClaims(corpus, BoilerplateOptions(), ClaimOptions());
  TokenLists tokens;
  for (const Claim& c : set.claims) tokens.push_back(c.tokens);
  Result<TfidfVectorizer> vectorizer = TfidfVectorizer::Create(TfidfOptions());
  ASSERT_TRUE(vectorizer.ok());
  TfidfMatrix x = vectorizer->FitTransform(tokens);
  Eigen::SparseMatrix<double> xd = x.cast<double>();
  Eigen::SparseMatrix<double> gram = xd * Eigen::SparseMatrix<double>(xd.transpose());
  size_t sure = 0;
  size_t borderline = 0;  // within float rounding of the threshold: either answer is right
  for (int col = 0; col < gram.outerSize(); ++col) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(gram, col); it; ++it) {
      const auto a = static_cast<size_t>(it.row());
      const auto b = static_cast<size_t>(it.col());
      if (a >= b || set.claims[a].doc == set.claims[b].doc) continue;
      if (std::abs(it.value() - 0.5) < 1e-5) {
        ++borderline;
      } else if (it.value() > 0.5) {
        ++sure;
      }
    }
  }
  ASSERT_GT(sure, 0u);
  const size_t pairs = Stage("cosine")["pairs"];
  EXPECT_GE(pairs, sure);
  EXPECT_LE(pairs, sure + borderline);
}

TEST(BenchCli, EventStageClustersTheSubset) {
  const json& event = Stage("event");
  EXPECT_GT(event["items"].get<size_t>(), 0u);
  EXPECT_NE(event["note"].get<std::string>().find("one event"), std::string::npos);
  ASSERT_TRUE(event.contains("parts"));
  EXPECT_FALSE(event["parts"].empty());
}

TEST(BenchCli, StagesFlagRunsOnlyTheChosenStages) {
  testing::CommandOutput run = RunCommand(
      CrossclaimBin() + " bench --docs 20 --stages cosine,tokenise --threads 1 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<std::string> names;
  const json out = json::parse(run.out);
  for (const json& s : out["stages"]) names.push_back(s["stage"]);
  EXPECT_EQ(names, (std::vector<std::string>{"tokenise", "cosine"}));
}

TEST(BenchCli, TextTableNamesEveryStage) {
  testing::CommandOutput run = RunCommand(CrossclaimBin() + " bench --docs 20 --threads 1");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* stage : {"tokenise", "claims", "dedup-oph", "tfidf", "cosine", "event"}) {
    EXPECT_NE(run.out.find(std::string("\n") + stage + " "), std::string::npos) << stage;
  }
  EXPECT_NE(run.out.find("MB/s"), std::string::npos);
}

TEST(BenchCli, BadFlagsAreUsageErrors) {
  struct Case {
    std::string args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"--docs 0", "--docs"},
           {"--threads -1", "--threads"},
           {"--format xml", "--format"},
           {"--stages tokenise,bogus", "unknown stage \"bogus\""},
           {"--stages ,", "--stages must name at least one stage"},
           {"--event-docs 0", "--event-docs must be in [1, 2000] (got 0)"},
           {"--event-docs 2001", "--event-docs must be in [1, 2000] (got 2001)"},
       }) {
    SCOPED_TRACE(c.args);
    testing::CommandOutput run = RunCommand(CrossclaimBin() + " bench " + c.args);
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty());
  }
}

}  // namespace
}  // namespace crossclaim
