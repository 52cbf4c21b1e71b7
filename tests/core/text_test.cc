#include "core/text.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/testing/paths.h"
#include "tests/testing/text_samples.h"

namespace crossclaim {
namespace {

std::vector<std::string> Norms(const TokenizedText& t) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.size(); ++i) out.emplace_back(t.norm(i));
  return out;
}

std::vector<Span> Origs(const TokenizedText& t) {
  std::vector<Span> out;
  for (const Token& token : t.tokens) out.push_back(token.orig);
  return out;
}

void ExpectSameAsIcu(const std::string& text) {
  TokenizedText fast, icu;
  Tokenize(text, &fast);
  TokenizeWithIcu(text, &icu);
  EXPECT_EQ(Norms(fast), Norms(icu)) << "text: " << text;
  EXPECT_EQ(Origs(fast), Origs(icu)) << "text: " << text;
}

TEST(Tokenize, FastPathMatchesIcuOnDemoArticles) {
  for (const auto& entry : std::filesystem::directory_iterator(testing::DemoEventDir())) {
    if (entry.path().extension() != ".txt") continue;
    SCOPED_TRACE(entry.path().string());
    ExpectSameAsIcu(testing::ReadFile(entry.path().string()));
  }
}

TEST(Tokenize, FastPathMatchesIcuOnRandomAscii) {
  std::string alphabet = "abcXYZ019 \n\t";
  for (char c = '!'; c <= '~'; ++c) {
    if (!std::isalnum(static_cast<unsigned char>(c))) alphabet.push_back(c);
  }
  for (uint32_t seed = 0; seed < 1000; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
    std::string text;
    for (int i = 0; i < 80; ++i) text.push_back(alphabet[pick(rng)]);
    ExpectSameAsIcu(text);
  }
}

TEST(Tokenize, FastPathMatchesIcuOnMixedScripts) {
  const std::vector<std::string> pieces = {"Putin", "’s",   " ",     "Путин", "习近平",
                                           "café",  ".",    "7,5",   "—",     "“",
                                           "”",     "U.S.", "naïve", "1.5",   "\xC2\xA0"};
  for (uint32_t seed = 0; seed < 200; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
    std::string text;
    for (int i = 0; i < 20; ++i) text += pieces[pick(rng)];
    ExpectSameAsIcu(text);
  }
}

TEST(Tokenize, SpansPointAtOriginalWords) {
  std::string text = "Putin’s 7.5% rise, the U.S. said.";
  TokenizedText t;
  Tokenize(text, &t);
  std::vector<std::string> originals;
  for (const Token& token : t.tokens)
    originals.push_back(text.substr(token.orig.begin, token.orig.size()));
  EXPECT_EQ(originals, (std::vector<std::string>{"Putin’s", "7.5", "rise", "the", "U.S", "said"}));
  EXPECT_EQ(Norms(t), (std::vector<std::string>{"putin's", "7.5", "rise", "the", "u.s", "said"}));
}

TEST(Tokenize, SimdScannerMatchesScalarScannerAndIcu) {
  for (const std::string& text : testing::TokenizerSampleTexts()) {
    TokenizedText fast, scalar;
    Tokenize(text, &fast);
    TokenizeScalar(text, &scalar);
    EXPECT_EQ(Norms(fast), Norms(scalar)) << "text: " << text;
    EXPECT_EQ(Origs(fast), Origs(scalar)) << "text: " << text;
    ExpectSameAsIcu(text);
  }
}

TEST(HashTokens, EqualsHashTokenOfEveryToken) {
  std::vector<uint64_t> got = {42};  // cleared by HashTokens
  for (uint64_t seed : {0u, 7u}) {
    for (const std::string& text : testing::TokenizerSampleTexts()) {
      TokenizedText tokens;
      Tokenize(text, &tokens);
      std::vector<uint64_t> want;
      for (size_t i = 0; i < tokens.size(); ++i) want.push_back(HashToken(tokens.norm(i), seed));
      HashTokens(text, seed, &got);
      EXPECT_EQ(got, want) << "seed " << seed << " text: " << text;
    }
  }
}

TEST(HashToken, PinnedDistinctAndSeeded) {
  // Signatures in a persistent index are built from these values: changing them is a format
  // change (bump the index format version).
  EXPECT_EQ(HashToken("putin", 0), 0x7b9738f6a2bc09bbULL);
  EXPECT_EQ(HashToken("telephone-conversation's", 0), 0x1c73e0c568fdbad0ULL);
  std::vector<std::string> tokens = {"a",        "b",         "ab",  "ba",  "abc",  "abcdefg",
                                     "abcdefgh", "abcdefghi", "7.5", "u.s", "путин"};
  for (size_t length : {15u, 16u, 17u, 32u, 33u}) tokens.push_back(std::string(length, 'x'));
  std::set<uint64_t> distinct;
  for (const std::string& t : tokens) distinct.insert(HashToken(t, 0));
  EXPECT_EQ(distinct.size(), tokens.size());
  EXPECT_NE(HashToken("putin", 0), HashToken("putin", 1));
  EXPECT_NE(HashToken(std::string(40, 'x'), 0), HashToken(std::string(40, 'x'), 1));
}

struct NormalizeCase {
  const char* input;
  const char* expected;
};

TEST(NormalizeForMatching, UnifiesCaseWidthQuotesDashesAndSpaces) {
  const NormalizeCase cases[] = {
      {"Putin", "putin"},
      {"Putin’s", "putin's"},                // right single quote -> apostrophe
      {"“dear friend”", "\"dear friend\""},  // curly double quotes
      {"20–21 January", "20-21 january"},    // en dash
      {"China — Russia", "china - russia"},  // em dash
      {"no\xC2\xA0limits", "no limits"},     // no-break space
      {"ＡＢＣ１２", "abc12"},               // full width (NFKC)
      {"Straße", "strasse"},                 // case fold
      {"ﬁnal", "final"},                     // ligature (NFKC)
      {"ПУТИН", "путин"},
  };
  for (const NormalizeCase& c : cases) {
    EXPECT_EQ(NormalizeForMatching(c.input), c.expected) << c.input;
  }
}

TEST(NormalizedTokens, FoldsNonAsciiTokens) {
  std::vector<std::string> tokens = NormalizedTokens("ВЛАДИМИР Путин and 习近平");
  ASSERT_GE(tokens.size(), 4u);
  EXPECT_EQ(std::vector<std::string>(tokens.begin(), tokens.begin() + 3),
            (std::vector<std::string>{"владимир", "путин", "and"}));
  // ICU segments Chinese with its dictionary; the words still cover the whole name.
  std::string chinese;
  for (size_t i = 3; i < tokens.size(); ++i) chinese += tokens[i];
  EXPECT_EQ(chinese, "习近平");
  EXPECT_TRUE(NormalizedTokens("").empty());
  EXPECT_TRUE(NormalizedTokens(" -- !! ").empty());
}

std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  for (const Span& s : SplitSentences(text)) out.push_back(text.substr(s.begin, s.size()));
  return out;
}

TEST(SplitSentences, KeepsAbbreviationsDatesAndDecimalsInside) {
  // Sentences from the demo event, checked by hand.
  std::string kyiv =
      "Chinese President Xi Jinping declared readiness to lead China-Russian relations to \"a new "
      "height\" together with Russian President Vladimir Putin, the Kremlin's press service "
      "reported on Jan. 21 after a video call between the two leaders.";
  EXPECT_EQ(Sentences(kyiv), std::vector<std::string>{kyiv});
  std::string us = "China has criticized the U.S. and its allies for \"exacerbating\" the war.";
  EXPECT_EQ(Sentences(us), std::vector<std::string>{us});
  EXPECT_EQ(Sentences("The promo ended. U.S. President-elect Donald Trump is determined."),
            (std::vector<std::string>{"The promo ended.",
                                      "U.S. President-elect Donald Trump is determined."}));
  EXPECT_EQ(
      Sentences("Mr. Putin met Dr. Li. Trade rose 7.5% to $220.5 billion."),
      (std::vector<std::string>{"Mr. Putin met Dr. Li.", "Trade rose 7.5% to $220.5 billion."}));
  EXPECT_EQ(Sentences("The U.S. President spoke. Sanctions came from the U.S. The talks ended."),
            (std::vector<std::string>{"The U.S. President spoke.", "Sanctions came from the U.S.",
                                      "The talks ended."}));
}

TEST(SplitSentences, SplitsQuotesAndLines) {
  std::string quote =
      "\"China is the largest consumer of Russian energy resources. We hold the first place in "
      "terms of oil exports to China,\" Putin said.";
  EXPECT_EQ(Sentences(quote),
            (std::vector<std::string>{
                "\"China is the largest consumer of Russian energy resources.",
                "We hold the first place in terms of oil exports to China,\" Putin said."}));
  EXPECT_EQ(
      Sentences("Subscribe\n* indicates required\nThe call lasted long."),
      (std::vector<std::string>{"Subscribe", "* indicates required", "The call lasted long."}));
  EXPECT_EQ(Sentences("He said: \"Hi.\" Then he left."),
            (std::vector<std::string>{"He said: \"Hi.\"", "Then he left."}));
}

TEST(SplitSentences, SpansAreTrimmedAndOrdered) {
  std::string text = "  First one.   Second one!  \n\n  Third?  ";
  std::vector<Span> spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 3u);
  for (size_t i = 1; i < spans.size(); ++i) EXPECT_LE(spans[i - 1].end, spans[i].begin);
  EXPECT_EQ(text.substr(spans[2].begin, spans[2].size()), "Third?");
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences(" \n\t ").empty());
}

}  // namespace
}  // namespace crossclaim
