#include "similarity/shingle.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "datasets/generator/corpus_generator.h"
#include "tests/testing/text_samples.h"

namespace crossclaim {
namespace {

// Oracle: the word n-grams as strings, each window hashed on its own by the documented
// definition (core HashToken per word, then the window's polynomial), collected in a
// std::set. Independent of the tokenizer and of how the shingler slides its windows.
std::vector<uint64_t> OracleWordSet(const std::vector<std::string>& words, size_t n,
                                    uint64_t seed = 0) {
  std::set<uint64_t> set;
  size_t width = std::min(n, words.size());
  for (size_t i = 0; i + width <= words.size() && width > 0; ++i) {
    std::vector<uint64_t> h;
    for (size_t j = i; j < i + width; ++j) h.push_back(HashToken(words[j], seed));
    std::vector<uint64_t> one;
    AppendShingleHashesOfTokenHashes(h, width, seed, &one);
    EXPECT_EQ(one.size(), 1u);
    set.insert(one[0]);
  }
  return {set.begin(), set.end()};
}

double OracleJaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<uint64_t> common, all;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(all));
  return all.empty() ? 0.0 : static_cast<double>(common.size()) / static_cast<double>(all.size());
}

TEST(Shingler, RejectsBadN) {
  Result<Shingler> zero = Shingler::Create({ShingleKind::kWord, 0, 0});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(zero.status().message(), "ShingleOptions.n must be in 1..64 (got 0)");
  EXPECT_FALSE(Shingler::Create({ShingleKind::kChar, 65, 0}).ok());
}

TEST(Shingler, WordShinglesMatchHandBuiltNgrams) {
  Shingler s = *Shingler::Create({ShingleKind::kWord, 3, 0});
  ShingleSet got = s.Shingles("The Kremlin said, the Kremlin SAID: talks resumed.");
  std::vector<std::string> words = {"the",     "kremlin", "said",  "the",
                                    "kremlin", "said",    "talks", "resumed"};
  EXPECT_EQ(got, OracleWordSet(words, 3));
  EXPECT_EQ(got.size(), 5u);  // "the kremlin said" repeats: 6 windows, 5 distinct
  EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
}

// The fused path (hashes straight from the text) and the general path (a token list from
// Tokenize, or from ICU alone) give the same hashes in the same order, on random and
// real text, for several n and seeds.
TEST(Shingler, TextPathMatchesTokenPath) {
  std::vector<std::string> texts = testing::TokenizerSampleTexts();
  GeneratorOptions g;
  g.num_documents = 50;
  g.seed = 3;
  for (const Document& d : GenerateCorpus(g).documents) texts.push_back(d.text);
  std::vector<uint64_t> scratch, fused, general, icu;
  TokenizedText tokens, icu_tokens;
  for (size_t n : {1u, 2u, 3u, 5u, 9u}) {
    for (uint64_t seed : {0u, 11u}) {
      Shingler s = *Shingler::Create({ShingleKind::kWord, n, seed});
      for (const std::string& text : texts) {
        SCOPED_TRACE(::testing::Message() << "n " << n << " seed " << seed << " text: " << text);
        fused.clear();
        general.clear();
        icu.clear();
        s.AppendTextWordShingleHashes(text, &scratch, &fused);
        Tokenize(text, &tokens);
        s.AppendWordShingleHashes(tokens, 0, tokens.size(), &scratch, &general);
        TokenizeWithIcu(text, &icu_tokens);
        s.AppendWordShingleHashes(icu_tokens, 0, icu_tokens.size(), &scratch, &icu);
        EXPECT_EQ(fused, general);
        EXPECT_EQ(fused, icu);
        ShingleSet set = general;
        MakeShingleSet(&set);
        EXPECT_EQ(s.Shingles(text), set);
      }
    }
  }
}

TEST(Shingler, PinnedWordShingleHash) {
  // Signatures in a persistent index are built from these values: changing them is a format
  // change (bump the index format version).
  Shingler s = *Shingler::Create({});
  EXPECT_EQ(s.Shingles("The Kremlin said talks resumed."), ShingleSet{0xabc567d80c902530ULL});
}

TEST(Shingler, TokenBoundariesMatter) {
  Shingler s = *Shingler::Create({ShingleKind::kWord, 2, 0});
  EXPECT_NE(s.Shingles("ab c"), s.Shingles("a bc"));
}

TEST(Shingler, EmptyAndShortTexts) {
  Shingler s = *Shingler::Create({ShingleKind::kWord, 5, 0});
  EXPECT_TRUE(s.Shingles("").empty());
  EXPECT_TRUE(s.Shingles("  ... -- !!").empty());
  ShingleSet short_text = s.Shingles("Talks resumed today");
  EXPECT_EQ(short_text, OracleWordSet({"talks", "resumed", "today"}, 5));
  EXPECT_EQ(short_text.size(), 1u);
  EXPECT_EQ(Jaccard(short_text, s.Shingles("talks  RESUMED today.")), 1.0);
  EXPECT_EQ(Jaccard({}, {}), 0.0);
  EXPECT_EQ(Jaccard(short_text, {}), 0.0);
}

TEST(Shingler, NonLatinScripts) {
  Shingler words = *Shingler::Create({ShingleKind::kWord, 2, 0});
  ShingleSet ru = words.Shingles("Путин провёл переговоры с Си Цзиньпином");
  EXPECT_EQ(ru, OracleWordSet({"путин", "провёл", "переговоры", "с", "си", "цзиньпином"}, 2));
  EXPECT_EQ(Jaccard(ru, words.Shingles("ПУТИН провёл переговоры с Си Цзиньпином")), 1.0);

  Shingler chars = *Shingler::Create({ShingleKind::kChar, 3, 0});
  ShingleSet zh = chars.Shingles("普京与习近平通电话");
  EXPECT_EQ(zh.size(), 7u);  // 9 code points, 7 windows of 3, all distinct
  std::vector<uint64_t> oracle;
  const std::string text = "普京与习近平通电话";  // 3 bytes per code point
  for (size_t i = 0; i + 9 <= text.size(); i += 3)
    oracle.push_back(XXH3_64bits_withSeed(text.data() + i, 9, 0));
  std::sort(oracle.begin(), oracle.end());
  EXPECT_EQ(zh, oracle);
  EXPECT_EQ(Jaccard(zh, chars.Shingles("普京与习近平通电话")), 1.0);
  EXPECT_LT(Jaccard(zh, chars.Shingles("普京与莫迪通电话")), 0.5);
}

TEST(Shingler, CharShinglesFoldCaseAndSpace) {
  Shingler s = *Shingler::Create({ShingleKind::kChar, 4, 0});
  EXPECT_EQ(s.Shingles("Video  CALL\n today"), s.Shingles("video call today"));
  ShingleSet ab = s.Shingles("ab");  // shorter than n: one shingle of everything
  ASSERT_EQ(ab.size(), 1u);
  EXPECT_EQ(ab[0], XXH3_64bits_withSeed("ab", 2, 0));
}

TEST(Jaccard, MatchesSetAlgorithmsOnRandomSets) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE(seed);
    std::vector<uint64_t> a, b;
    uint64_t x = seed;
    for (int i = 0; i < 500; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      if (x % 3 != 0) a.push_back(x % 700);
      if (x % 5 != 0) b.push_back((x >> 20) % 700);
    }
    MakeShingleSet(&a);
    MakeShingleSet(&b);
    EXPECT_DOUBLE_EQ(Jaccard(a, b), OracleJaccard(a, b));
    EXPECT_DOUBLE_EQ(Jaccard(a, a), 1.0);
  }
}

}  // namespace
}  // namespace crossclaim
