// TfidfVectorizer::FitTransformIds and PairScorer::FitTransformTokens (the per-event fit of
// the same-fact scores, from tokens interned once) against the token-list fits they replace:
// every matrix entry bit for bit, and the fitted vocabulary and idf.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <span>

#include "core/text.h"
#include "similarity/pair_features.h"
#include "similarity/tfidf.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

// Every sentence of the demo event, plus an empty one and one of stop words only.
std::vector<std::string> DemoSentences() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(testing::DemoEventDir()))
    files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const std::string& file : files) {
    const std::string text = testing::ReadFile(file);
    for (Span s : SplitSentences(text)) out.push_back(text.substr(s.begin, s.size()));
  }
  out.push_back("");
  out.push_back("the and of it's");
  return out;
}

void ExpectSameMatrix(const TfidfMatrix& x, const TfidfMatrix& y) {
  ASSERT_EQ(x.rows(), y.rows());
  ASSERT_EQ(x.cols(), y.cols());
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    TfidfMatrix::InnerIterator a(x, r), b(y, r);
    for (; a && b; ++a, ++b) {
      ASSERT_EQ(a.col(), b.col()) << "row " << r;
      ASSERT_EQ(a.value(), b.value()) << "row " << r;  // bit for bit, not within a tolerance
    }
    EXPECT_FALSE(a || b) << "row " << r;
  }
}

TEST(FitTransformIds, EqualsFitTransformOfTheTokenListsTheIdsSpell) {
  const std::vector<std::string> sentences = DemoSentences();
  // Distinct tokens in a shuffled order (ids need not follow byte order), with a token
  // and its possessive both present ("putin" and "putin's" make one term).
  std::vector<std::string> vocabulary;
  TokenLists docs;
  for (const std::string& s : sentences) docs.push_back(NormalizedTokens(s));
  for (const auto& d : docs) vocabulary.insert(vocabulary.end(), d.begin(), d.end());
  vocabulary.push_back("putin's");
  std::sort(vocabulary.begin(), vocabulary.end());
  vocabulary.erase(std::unique(vocabulary.begin(), vocabulary.end()), vocabulary.end());
  std::shuffle(vocabulary.begin(), vocabulary.end(), std::mt19937(7));
  docs.push_back({"putin's", "call", "putin"});
  std::vector<uint32_t> ids;
  std::vector<int64_t> ends;
  for (const auto& d : docs) {
    for (const std::string& t : d) {
      ids.push_back(static_cast<uint32_t>(std::find(vocabulary.begin(), vocabulary.end(), t) -
                                          vocabulary.begin()));
    }
    ends.push_back(static_cast<int64_t>(ids.size()));
  }
  const std::vector<std::string_view> views(vocabulary.begin(), vocabulary.end());
  for (bool stop_words : {true, false}) {
    for (int min_df : {1, 2}) {
      for (bool bigrams : {false, true}) {
        TfidfOptions options;
        options.stop_words = stop_words;
        options.min_df = min_df;
        options.bigrams = bigrams;
        TfidfVectorizer by_tokens = *TfidfVectorizer::Create(options);
        TfidfVectorizer by_ids = *TfidfVectorizer::Create(options);
        ExpectSameMatrix(by_ids.FitTransformIds(views, ids, ends), by_tokens.FitTransform(docs));
        ASSERT_EQ(by_ids.num_features(), by_tokens.num_features());
        for (int64_t f = 0; f < by_ids.num_features(); ++f) {
          EXPECT_EQ(by_ids.Term(f), by_tokens.Term(f));
          EXPECT_EQ(by_ids.Idf(f), by_tokens.Idf(f));
        }
      }
    }
  }
}

TEST(PairScorerFitTransformTokens, EqualsFitTransformAndScoresEqually) {
  const std::vector<std::string> sentences = DemoSentences();
  PairScorer from_texts = *PairScorer::Create(PairScorerOptions());
  PairScorer from_tokens = *PairScorer::Create(PairScorerOptions());
  TokenLists words;
  const PairVectors expected = from_texts.FitTransform(sentences, &words);
  const std::vector<std::string_view> views(sentences.begin(), sentences.end());
  const std::vector<std::span<const std::string>> spans(words.begin(), words.end());
  const PairVectors got = from_tokens.FitTransformTokens(views, spans);
  ExpectSameMatrix(got.word, expected.word);
  ExpectSameMatrix(got.chars, expected.chars);
  // The fits agree beyond the matrices: later texts transform alike, and pairs score alike.
  const std::vector<std::string> later = {"Putin and Xi spoke by telephone.", "A new text."};
  ExpectSameMatrix(from_tokens.Transform(later).chars, from_texts.Transform(later).chars);
  for (int32_t a = 0; a + 1 < static_cast<int32_t>(sentences.size()); a += 7) {
    EXPECT_EQ(from_tokens.Score(sentences[a], sentences[a + 1], got, a, a + 1),
              from_texts.Score(sentences[a], sentences[a + 1], expected, a, a + 1));
  }
}

}  // namespace
}  // namespace crossclaim
