// End to end: `crossclaim similar` and `crossclaim idf` on the bundled demo event.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/text.h"
#include "similarity/stopwords.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using json = nlohmann::ordered_json;
using ::testing::HasSubstr;

// Claim id of the demo claim whose text starts with `prefix` (via `crossclaim claims`).
int ClaimId(const std::string& prefix) {
  testing::CommandOutput run = testing::RunCrossclaim("claims --format json");
  EXPECT_EQ(run.exit_code, 0);
  const json doc = json::parse(run.out);
  for (const json& claim : doc["claims"]) {
    if (claim["text"].get<std::string>().starts_with(prefix)) return claim["id"].get<int>();
  }
  ADD_FAILURE() << "no claim starts with " << prefix;
  return -1;
}

TEST(SimilarCli, JsonLinesPairsAreCrossDocumentAndAboveThreshold) {
  testing::CommandOutput run = testing::RunCrossclaim("similar --threshold 0.2");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<json> pairs = testing::ParseJsonLines(run.out);
  ASSERT_GT(pairs.size(), 5u);
  std::set<std::pair<int, int>> seen;
  for (const json& p : pairs) {
    std::vector<std::string> keys;
    for (const auto& [key, unused] : p.items()) keys.push_back(key);
    EXPECT_THAT(keys, ::testing::ElementsAre("a", "b", "doc_a", "doc_b", "cosine", "terms"));
    EXPECT_GE(p["cosine"].get<double>(), 0.2);
    EXPECT_LE(p["cosine"].get<double>(), 1.0 + 1e-6);
    EXPECT_NE(p["doc_a"], p["doc_b"]);
    EXPECT_LT(p["a"].get<int>(), p["b"].get<int>());
    EXPECT_TRUE(seen.insert({p["a"].get<int>(), p["b"].get<int>()}).second) << "duplicate";
    // Contributions: largest first, positive, and they cannot add up to more than the score.
    double sum = 0, previous = 2;
    ASSERT_FALSE(p["terms"].empty());
    for (const json& t : p["terms"]) {
      const double c = t[1].get<double>();
      EXPECT_GT(c, 0);
      EXPECT_LE(c, previous + 1e-9);
      previous = c;
      sum += c;
    }
    EXPECT_LE(sum, p["cosine"].get<double>() + 1e-4);
  }
}

// The two ISW sentences about the call are in the same document (000_afc1db8ac4998597):
// they must never pair, however low the threshold, while both pair with other outlets'
// reports of the call (003 and 004 write "held a pivotal video call on January 21" and
// "held a video call on January 21, 2025").
TEST(SimilarCli, SameDocumentClaimsNeverPair) {
  const int telephone = ClaimId(
      "Russian leader Vladimir Putin and Chinese President Xi Jinping held a telephone "
      "conversation on 21 January");
  const int phone =
      ClaimId("Russian [leader] Vladimir Putin and People's Republic of China (PRC) President");
  ASSERT_GE(telephone, 0);
  ASSERT_GE(phone, 0);
  testing::CommandOutput run = testing::RunCrossclaim("similar --threshold 0.05");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::map<int, std::set<std::string>> partner_docs;
  for (const json& p : testing::ParseJsonLines(run.out)) {
    const int a = p["a"].get<int>(), b = p["b"].get<int>();
    EXPECT_FALSE((a == telephone && b == phone) || (a == phone && b == telephone));
    EXPECT_NE(p["doc_a"], p["doc_b"]);
    partner_docs[a].insert(p["doc_b"].get<std::string>());
    partner_docs[b].insert(p["doc_a"].get<std::string>());
  }
  for (int claim : {telephone, phone}) {
    EXPECT_TRUE(partner_docs[claim].count("003_13d9be2aa1a7efac")) << claim;
    EXPECT_TRUE(partner_docs[claim].count("004_8ac6ed61b80c7570")) << claim;
    EXPECT_FALSE(partner_docs[claim].count("000_afc1db8ac4998597")) << claim;
  }
}

// 001 (Kyiv Independent): `Xi visited Russia in March 2023, where he was welcomed by his
// "dear friend" Putin.`; 002: `Xi also referred to Putin as his "dear friend."`. Four
// shared content words out of few: a strong pair explained by "dear" and "friend".
TEST(SimilarCli, DearFriendPairIsFoundAndExplained) {
  const int visited = ClaimId("Xi visited Russia in March 2023");
  const int referred = ClaimId("Xi also referred to Putin as his");
  testing::CommandOutput run = testing::RunCrossclaim("similar --threshold 0.4");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  bool found = false;
  for (const json& p : testing::ParseJsonLines(run.out)) {
    if (p["a"] != visited || p["b"] != referred) continue;
    found = true;
    EXPECT_EQ(p["doc_a"], "001_cc1c81bd957d81a1");
    EXPECT_EQ(p["doc_b"], "002_3983572c49da6df2");
    std::set<std::string> words;
    for (const json& t : p["terms"]) words.insert(t[0].get<std::string>());
    EXPECT_THAT(words, ::testing::IsSupersetOf({"dear", "friend", "xi", "putin"}));
    EXPECT_EQ(words.size(), 4u);  // no other content word is shared
  }
  EXPECT_TRUE(found) << run.out;
}

TEST(SimilarCli, TopKKeepsOnlyEachClaimsBestPairs) {
  testing::CommandOutput all = testing::RunCrossclaim("similar --threshold 0.1");
  testing::CommandOutput top = testing::RunCrossclaim("similar --threshold 0.1 --top-k 1");
  ASSERT_EQ(top.exit_code, 0) << top.err;
  // Oracle: from the full list, each claim's best partner (ties by smaller id).
  std::map<int, std::pair<double, int>> best;
  for (const json& p : testing::ParseJsonLines(all.out)) {
    const int a = p["a"].get<int>(), b = p["b"].get<int>();
    const double c = p["cosine"].get<double>();
    for (auto [x, y] : {std::pair(a, b), std::pair(b, a)}) {
      auto it = best.find(x);
      if (it == best.end() || c > it->second.first ||
          (c == it->second.first && y < it->second.second)) {
        best[x] = {c, y};
      }
    }
  }
  std::set<std::pair<int, int>> expected;
  for (const auto& [x, cy] : best)
    expected.insert({std::min(x, cy.second), std::max(x, cy.second)});
  std::set<std::pair<int, int>> got;
  for (const json& p : testing::ParseJsonLines(top.out))
    got.insert({p["a"].get<int>(), p["b"].get<int>()});
  EXPECT_EQ(got, expected);
}

TEST(SimilarCli, DocumentUnitPairsDocumentIds) {
  testing::CommandOutput run = testing::RunCrossclaim("similar --unit doc --threshold 0.05");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<json> pairs = testing::ParseJsonLines(run.out);
  // All five reports are about the Putin-Xi call: every pair of documents overlaps.
  EXPECT_EQ(pairs.size(), 10u);
  for (const json& p : pairs) {
    EXPECT_EQ(p["a"], p["doc_a"]);
    EXPECT_EQ(p["b"], p["doc_b"]);
    EXPECT_LT(p["a"].get<std::string>(), p["b"].get<std::string>());
  }
}

TEST(SimilarCli, TextFormatShowsBothClaimsAndScore) {
  testing::CommandOutput run = testing::RunCrossclaim("similar --threshold 0.4 --format text");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("  A: Xi visited Russia in March 2023"));
  EXPECT_THAT(run.out, HasSubstr("  B: Xi also referred to Putin as his \"dear friend.\""));
  EXPECT_THAT(run.out, HasSubstr("shared: "));
  EXPECT_THAT(run.out, ::testing::ContainsRegex("0\\.[4-9][0-9][0-9]  #"));
}

TEST(SimilarCli, RejectsBadOptions) {
  testing::CommandOutput run = testing::RunCrossclaim("similar --threshold 0");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("crossclaim: error: --threshold must be in (0, 1] (got 0)"));
  run = testing::RunCrossclaim("similar --threshold 1.5");
  EXPECT_EQ(run.exit_code, 2);
  run = testing::RunCrossclaim("similar --format xml");
  EXPECT_EQ(run.exit_code, 2);
  run = testing::RunCrossclaim("similar --unit sentence");
  EXPECT_EQ(run.exit_code, 2);
  run = testing::RunCrossclaim("similar /no/such/input");
  EXPECT_EQ(run.exit_code, 1);
}

TEST(SimilarCli, BackgroundIdfRoundTripAndBadFile) {
  const std::string dir = testing::ScratchDir("similar_idf");
  testing::CommandOutput run = testing::RunCrossclaim("idf -o " + dir + "/idf.txt");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string idf = testing::ReadFile(dir + "/idf.txt");
  EXPECT_TRUE(idf.starts_with("crossclaim-idf 1\ndocuments "));
  EXPECT_THAT(idf, HasSubstr("\tputin\n"));
  run = testing::RunCrossclaim("similar --threshold 0.4 --idf " + dir + "/idf.txt");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(testing::ParseJsonLines(run.out).empty());

  testing::WriteFile(dir + "/bad.txt", "not an idf file\n");
  run = testing::RunCrossclaim("similar --idf " + dir + "/bad.txt");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("bad.txt:1: expected `crossclaim-idf 1`"));
}

TEST(SimilarCli, ReportsSkippedInputs) {
  const std::string dir = testing::ScratchDir("similar_skips");
  testing::WriteFile(dir + "/in.jsonl",
                     "{\"id\": \"x\", \"text\": \"Putin and Xi held a video call on Tuesday.\"}\n"
                     "{\"id\": \"y\", \"text\": \"\"}\n"
                     "not json\n");
  testing::CommandOutput run = testing::RunCrossclaim("similar " + dir + "/in.jsonl");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("2 of 3 input documents skipped"));
}

// scikit-learn's TfidfVectorizer(sublinear_tf=True) weights written out plainly over
// analysed terms (a trailing "'s" stripped, stop words dropped): unit rows as term -> weight.
std::vector<std::map<std::string, double>> BruteForceTfidf(
    const std::vector<std::vector<std::string>>& token_lists) {
  std::vector<std::map<std::string, double>> rows;
  std::map<std::string, double> df;
  for (const auto& tokens : token_lists) {
    std::map<std::string, double> counts;
    for (std::string t : tokens) {
      if (t.size() > 2 && t.ends_with("'s")) t.resize(t.size() - 2);
      if (!IsEnglishStopWord(t)) counts[t] += 1;
    }
    for (const auto& [term, unused] : counts) df[term] += 1;
    rows.push_back(std::move(counts));
  }
  const double n = static_cast<double>(rows.size());
  for (auto& row : rows) {
    double norm = 0;
    for (auto& [term, w] : row) {
      w = (1 + std::log(w)) * (std::log((1 + n) / (1 + df[term])) + 1);
      norm += w * w;
    }
    for (auto& [term, w] : row) w /= std::sqrt(norm);
  }
  return rows;
}

double Dot(const std::map<std::string, double>& a, const std::map<std::string, double>& b) {
  double sum = 0;
  for (const auto& [term, w] : a) {
    if (auto it = b.find(term); it != b.end()) sum += w * it->second;
  }
  return sum;
}

// `--tokens-out` is what bench/similar_peers.sh gives scikit-learn: each row's tokens must be
// its claims' NormalizedTokens, and an independent TF-IDF of exactly those tokens must find
// exactly the pairs `similar` prints (pairs within 1e-6 of the threshold aside).
void ExpectTokensOutReproducesPairs(const std::string& unit, double threshold) {
  const std::string dir = testing::ScratchDir("similar_tokens_out_" + unit);
  testing::CommandOutput run = testing::RunCrossclaim(fmt::format(
      "similar --unit {} --threshold {} --tokens-out {}/rows.jsonl", unit, threshold, dir));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<json> rows = testing::ParseJsonLines(testing::ReadFile(dir + "/rows.jsonl"));
  const json claims = json::parse(testing::RunCrossclaim("claims --format json").out)["claims"];
  std::map<std::string, std::vector<std::string>> doc_tokens;
  for (const json& c : claims) {
    for (const std::string& t : NormalizedTokens(c["text"].get<std::string>())) {
      doc_tokens[c["doc"].get<std::string>()].push_back(t);
    }
  }
  std::vector<std::vector<std::string>> token_lists;
  std::map<std::string, size_t> row_of;
  for (const json& row : rows) {
    token_lists.push_back(row["tokens"].get<std::vector<std::string>>());
    const std::string id = row["id"].dump();
    row_of[unit == "doc" ? row["id"].get<std::string>() : id] = token_lists.size() - 1;
    if (unit == "doc") {
      EXPECT_EQ(token_lists.back(), doc_tokens[row["id"].get<std::string>()]) << id;
    } else {
      EXPECT_EQ(token_lists.back(),
                NormalizedTokens(claims[row["id"].get<size_t>()]["text"].get<std::string>()));
    }
  }
  ASSERT_EQ(rows.size(), unit == "doc" ? 5u : claims.size());
  const auto x = BruteForceTfidf(token_lists);
  std::map<std::pair<size_t, size_t>, double> printed;
  for (const json& p : testing::ParseJsonLines(run.out)) {
    const std::string a = unit == "doc" ? p["a"].get<std::string>() : p["a"].dump();
    const std::string b = unit == "doc" ? p["b"].get<std::string>() : p["b"].dump();
    printed[{row_of.at(a), row_of.at(b)}] = p["cosine"].get<double>();
  }
  size_t expected = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t j = i + 1; j < rows.size(); ++j) {
      if (rows[i]["group"] == rows[j]["group"]) continue;
      const double cosine = Dot(x[i], x[j]);
      const auto it = printed.find({i, j});
      if (std::abs(cosine - threshold) < 1e-6) continue;
      if (cosine < threshold) {
        EXPECT_EQ(it, printed.end()) << i << " " << j << " " << cosine;
        continue;
      }
      ++expected;
      ASSERT_NE(it, printed.end()) << i << " " << j << " " << cosine;
      EXPECT_NEAR(it->second, cosine, 2e-6);
    }
  }
  EXPECT_EQ(printed.size(), expected);
  EXPECT_GT(expected, 3u);
}

TEST(SimilarCli, TokensOutGivesAnIndependentTfidfTheSameDocumentPairs) {
  ExpectTokensOutReproducesPairs("doc", 0.16);
}

TEST(SimilarCli, TokensOutGivesAnIndependentTfidfTheSameClaimPairs) {
  ExpectTokensOutReproducesPairs("claim", 0.2);
}

}  // namespace
}  // namespace crossclaim
