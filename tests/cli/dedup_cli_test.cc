// End to end: `crossclaim generate` then `crossclaim dedup`, checked against exact Jaccard
// computed here over every pair of the same documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/ingest.h"
#include "similarity/minhash.h"
#include "similarity/shingle.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using testing::CrossclaimBin;
using testing::RunCommand;
using testing::ScratchDir;

std::vector<nlohmann::json> ParseLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));  // throws if bad
  return lines;
}

double ExactJaccard(const ShingleSet& a, const ShingleSet& b) {
  std::vector<uint64_t> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  return static_cast<double>(common.size()) /
         static_cast<double>(a.size() + b.size() - common.size());
}

TEST(DedupCli, PairsMatchBruteForceOnGeneratedCorpus) {
  const std::string dir = ScratchDir("dedup_cli");
  const std::string corpus_path = dir + "/corpus.jsonl";
  testing::CommandOutput gen =
      RunCommand(CrossclaimBin() + " generate --docs 300 --seed 11 --near-duplicates 0.15 -o " +
                 corpus_path + " --truth " + dir + "/truth.jsonl");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  EXPECT_EQ(ParseLines(testing::ReadFile(dir + "/truth.jsonl")).empty(), false);

  Result<Corpus> corpus = ReadInputs({corpus_path}, {});
  ASSERT_TRUE(corpus.ok()) << corpus.status().message();
  const std::vector<Document>& docs = corpus->documents;
  ASSERT_EQ(docs.size(), 300u);
  Shingler shingler = *Shingler::Create({});
  std::vector<ShingleSet> sets;
  for (const Document& d : docs) sets.push_back(shingler.Shingles(d.text));
  const double threshold = 0.7;
  std::map<std::set<std::string>, double> truth;
  for (size_t i = 0; i < docs.size(); ++i) {
    for (size_t j = i + 1; j < docs.size(); ++j) {
      double jac = ExactJaccard(sets[i], sets[j]);
      if (jac >= threshold) truth[{docs[i].id, docs[j].id}] = jac;
    }
  }
  ASSERT_GE(truth.size(), 20u);

  for (std::string mode : {"classic", "oph"}) {
    SCOPED_TRACE(mode);
    testing::CommandOutput run = RunCommand(CrossclaimBin() + " dedup " + corpus_path +
                                            " --threshold 0.7 --format jsonl --mode " + mode);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    std::vector<nlohmann::json> lines = ParseLines(run.out);
    std::map<std::set<std::string>, double> reported;
    bool seen_group = false;
    for (const nlohmann::json& line : lines) {
      if (line["type"] == "group") {
        seen_group = true;
        EXPECT_GE(line["members"].size(), 2u);
        continue;
      }
      ASSERT_EQ(line["type"], "pair");
      EXPECT_FALSE(seen_group) << "pairs come before groups";
      reported[{line["a"].get<std::string>(), line["b"].get<std::string>()}] =
          line["jaccard"].get<double>();
      EXPECT_GE(line["estimate"].get<double>(), 0.0);
      EXPECT_FALSE(line.contains("span_a"));  // document level
    }
    EXPECT_TRUE(seen_group);
    // Every reported pair is a true pair with the same exact Jaccard; at this size LSH
    // misses none of the pairs 0.05 above the threshold.
    for (const auto& [pair, jac] : reported) {
      ASSERT_TRUE(truth.count(pair)) << *pair.begin();
      EXPECT_NEAR(jac, truth[pair], 1e-12);
    }
    for (const auto& [pair, jac] : truth) {
      if (jac >= threshold + 0.05) {
        EXPECT_TRUE(reported.count(pair)) << *pair.begin();
      }
    }
  }
}

// The default MinHash mode ("auto") is one-permutation hashing for documents: every
// estimate the default run prints is the one-permutation estimate of the pair's shingle
// sets, recomputed here with the library, and at least one of them is not what classic
// MinHash gives, so the check could tell the two modes apart. Passages stay classic.
TEST(DedupCli, DefaultModeIsOnePermutationForDocumentsClassicForPassages) {
  const std::string dir = ScratchDir("dedup_cli_default_mode");
  const std::string path = dir + "/corpus.jsonl";
  testing::CommandOutput gen = RunCommand(
      CrossclaimBin() + " generate --docs 300 --seed 11 --near-duplicates 0.15 -o " + path);
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  Result<Corpus> corpus = ReadInputs({path}, {});
  ASSERT_TRUE(corpus.ok()) << corpus.status().message();
  std::map<std::string, ShingleSet> sets;
  Shingler shingler = *Shingler::Create({});
  for (const Document& d : corpus->documents) sets[d.id] = shingler.Shingles(d.text);
  MinHasher oph = *MinHasher::Create({.mode = MinHashMode::kOnePermutation});
  MinHasher classic = *MinHasher::Create({.mode = MinHashMode::kClassic});
  auto estimate = [&](const MinHasher& hasher, const nlohmann::json& pair) {
    return EstimateJaccard(hasher.Compute(sets.at(pair["a"])), hasher.Compute(sets.at(pair["b"])));
  };

  testing::CommandOutput run = RunCommand(CrossclaimBin() + " dedup " + path + " --threshold 0.7");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  size_t pairs = 0, unlike_classic = 0;
  for (const nlohmann::json& line : ParseLines(run.out)) {
    if (line["type"] != "pair") continue;
    ++pairs;
    EXPECT_EQ(line["estimate"].get<double>(), estimate(oph, line)) << line.dump();
    unlike_classic += line["estimate"].get<double>() != estimate(classic, line);
  }
  EXPECT_GE(pairs, 20u);
  EXPECT_GT(unlike_classic, 0u);

  auto passages = [&](const std::string& mode) {
    testing::CommandOutput out =
        RunCommand(CrossclaimBin() + " dedup " + path + " --level passage " + mode);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    return out.out;
  };
  const std::string by_default = passages("");
  EXPECT_NE(by_default.find("\"span_a\""), std::string::npos);
  EXPECT_EQ(by_default, passages("--mode classic"));
  EXPECT_NE(by_default, passages("--mode oph"));
}

size_t CountOccurrences(const std::string& haystack, const std::string& needle) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

// Threads split each batch's documents and the candidates, and the second pass fetches the
// records of a JSON Lines file by their places, reads the files again or replays the texts
// kept from the first read; the output must not depend on either. 5000 documents are two
// streamed batches.
TEST(DedupCli, OutputIdenticalAcrossThreadCounts) {
  const std::string dir = ScratchDir("dedup_cli_threads");
  const std::string corpus = dir + "/corpus.jsonl";
  testing::CommandOutput gen =
      RunCommand(CrossclaimBin() + " generate --docs 5000 --seed 3 -o " + corpus);
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  // The same file in a folder (not fetched: held or read again), and under a name that is
  // not valid UTF-8 (no places: the fetch reads the whole file again).
  std::filesystem::create_directories(dir + "/folder");
  std::filesystem::copy_file(corpus, dir + "/folder/corpus.jsonl",
                             std::filesystem::copy_options::overwrite_existing);
  const std::string odd_name = dir + "/corpus-\xff.jsonl";
  std::filesystem::copy_file(corpus, odd_name, std::filesystem::copy_options::overwrite_existing);
  for (std::string flags : {"--mode classic", "--mode oph", "--level passage --threshold 0.9"}) {
    SCOPED_TRACE(flags);
    auto dedup = [&](const std::string& input, const std::string& more) {
      return RunCommand(CrossclaimBin() + " dedup '" + input + "' --format jsonl " + flags + " " +
                        more);
    };
    testing::CommandOutput one = dedup(corpus, "--threads 1");
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_GE(CountOccurrences(one.out, "\"type\":\"pair\""), 100u);
    // The folder's second pass from its three sources: the files again (0), the first
    // read's texts (default), and the files again after the first batch (4096 documents,
    // ~12.4 MB with their headers) was kept but the whole text (~15 MB) was over the limit.
    const std::pair<std::string, std::string> others[] = {
        {corpus, "--threads 2"},
        {corpus, "--threads 4"},
        {odd_name, "--threads 2"},
        {dir + "/folder", "--threads 1 --max-held-text-bytes 0"},
        {dir + "/folder", "--threads 1"},
        {dir + "/folder", "--threads 2 --max-held-text-bytes 13000000"}};
    for (const auto& [input, more] : others) {
      testing::CommandOutput run = dedup(input, more);
      ASSERT_EQ(run.exit_code, 0) << run.err;
      EXPECT_TRUE(run.out == one.out) << input << " " << more << " differs from --threads 1";
    }
  }
}

TEST(DedupCli, PassageSpansAndSkippedInputOnStderr) {
  const std::string dir = ScratchDir("dedup_cli_passage");
  const std::string quote =
      "The ministry said on Tuesday that grain exports through the port of Odesa rose by "
      "nearly 40 percent in December.";
  std::string a = "Officials met in Geneva. " + quote + " Talks continue next week in Vienna.";
  std::string b = "Markets were calm on Monday in Tokyo and Seoul. " + quote;
  const std::string path = dir + "/in.jsonl";
  testing::WriteFile(
      path, nlohmann::json({{"id", "early"}, {"text", a}, {"published", "2025-01-02"}}).dump() +
                "\n" +
                nlohmann::json({{"id", "late"}, {"text", b}, {"published", "2025-01-03"}}).dump() +
                "\n{not json\n");
  testing::CommandOutput run =
      RunCommand(CrossclaimBin() + " dedup " + path + " --level passage --format jsonl");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The malformed line, named once although dedup reads its input twice.
  const size_t skip = run.err.find("skipped: " + path + ":3");
  EXPECT_NE(skip, std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("skipped: ", skip + 1), std::string::npos) << run.err;
  std::vector<nlohmann::json> lines = ParseLines(run.out);
  ASSERT_EQ(lines.size(), 2u) << run.out;
  EXPECT_EQ(lines[0]["a"], "early");
  EXPECT_EQ(lines[0]["b"], "late");
  EXPECT_EQ(lines[0]["jaccard"], 1.0);
  size_t qa = a.find(quote), qb = b.find(quote);
  EXPECT_EQ(lines[0]["span_a"], nlohmann::json({qa, qa + quote.size()}));
  EXPECT_EQ(lines[0]["span_b"], nlohmann::json({qb, qb + quote.size()}));
  EXPECT_EQ(
      lines[1],
      nlohmann::json({{"type", "group"}, {"members", {"early", "late"}}, {"origin", "early"}}));
  // The text listing quotes both passages: the streamed read kept the copies' text.
  run = RunCommand(CrossclaimBin() + " dedup " + path + " --level passage --format text");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_GE(CountOccurrences(run.out, quote.substr(0, 40)), 2u) << run.out;
}

TEST(DedupCli, BadFlagsAreUsageErrors) {
  testing::CommandOutput run = RunCommand(CrossclaimBin() + " dedup --threshold 0");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("threshold must be in (0, 1]"), std::string::npos) << run.err;
  run = RunCommand(CrossclaimBin() + " dedup --mode fast");
  EXPECT_EQ(run.exit_code, 2);
  run = RunCommand(CrossclaimBin() + " dedup /nonexistent/path.jsonl");
  EXPECT_EQ(run.exit_code, 1);
}

TEST(DedupCli, DemoEventTextFormat) {
  testing::CommandOutput run = RunCommand(CrossclaimBin() + " dedup --format text --level passage");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("documents,"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace crossclaim
