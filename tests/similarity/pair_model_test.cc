// The pair model (a linear combination of named features with a link) and the overlap
// features it combines, against values computed by hand.
#include "similarity/pair_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "similarity/pair_features.h"

namespace crossclaim {
namespace {

using ::testing::HasSubstr;

TEST(PairModel, AppliesLogisticAndIdentityLinks) {
  PairFeatures f;
  f.cosine_word = 0.5;
  f.dice_word2 = 0.2;
  Result<PairModel> m = ParsePairModel(
      R"({"terms": ["cosine_word", "dice_word2^2"], "weights": [2, -5], "bias": -0.25})", "m");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_TRUE(m->logistic);                     // the default link
  const double z = -0.25 + 2 * 0.5 - 5 * 0.04;  // 0.55: inside [0, 1]
  EXPECT_NEAR(m->Apply(f), 1 / (1 + std::exp(-z)), 1e-12);
  m->logistic = false;
  EXPECT_NEAR(m->Apply(f), z, 1e-12);
  m->bias = 3;  // identity scores are clipped to [0, 1]
  EXPECT_EQ(m->Apply(f), 1.0);
  m->bias = -3;
  EXPECT_EQ(m->Apply(f), 0.0);
}

TEST(PairModel, FeatureNames) {
  PairFeatures f;
  f.wordnet_min = 0.3;
  f.length_log_ratio2 = 2;
  EXPECT_EQ(FeatureValue(f, "wordnet_min"), 0.3);
  EXPECT_EQ(FeatureValue(f, "length_log_ratio2^2"), 4.0);
  EXPECT_EQ(FeatureValue(f, "score"), std::nullopt);  // never an input of itself
  EXPECT_EQ(FeatureValue(f, "cosine^3"), std::nullopt);
  // Products of two terms, each possibly squared.
  EXPECT_NEAR(FeatureValue(f, "wordnet_min*length_log_ratio2").value(), 0.6, 1e-12);
  EXPECT_NEAR(FeatureValue(f, "wordnet_min^2*length_log_ratio2").value(), 0.18, 1e-12);
  EXPECT_NEAR(FeatureValue(f, "wordnet_min*length_log_ratio2^2").value(), 1.2, 1e-12);
  EXPECT_EQ(FeatureValue(f, "wordnet_min*nope"), std::nullopt);
  EXPECT_EQ(FeatureValue(f, "cosine_lsa"), 0.0);
}

TEST(PairModel, ErrorsNameTheSource) {
  Result<PairModel> m = ParsePairModel("{not json", "a.json");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(m.status().message(), HasSubstr("a.json: a pair model is one JSON object"));
  m = ParsePairModel(R"({"terms": ["cosine"], "weights": [1, 2], "bias": 0})", "b.json");
  EXPECT_THAT(m.status().message(), HasSubstr("b.json: 1 terms but 2 weights"));
  m = ParsePairModel(R"({"terms": ["cosine"], "weights": [1]})", "c.json");
  EXPECT_THAT(m.status().message(), HasSubstr("c.json: needs \"terms\""));
  m = ParsePairModel(R"({"terms": [], "weights": [], "bias": 0, "link": "probit"})", "d.json");
  EXPECT_THAT(m.status().message(), HasSubstr("\"link\" must be"));
  EXPECT_EQ(LoadPairModel("/nonexistent/m.json").status().code(), StatusCode::kNotFound);
  PairScorerOptions options;
  options.model.terms = {"nope"};
  options.model.weights = {1};
  EXPECT_THAT(PairScorer::Create(options).status().message(),
              HasSubstr("PairScorerOptions.model: unknown feature 'nope'"));
}

TEST(PairModel, ShippedModelIsValid) {
  EXPECT_TRUE(ValidatePairModel(DefaultPairModel(), "default").ok());
  EXPECT_FALSE(DefaultPairModel().terms.empty());
}

TEST(WordNetCoverage, ExactMatchesWeightedByIdf) {
  const auto idf = [](const std::string& w) { return w == "putin" ? 3.0 : 1.0; };
  // putin (3) and call (1) covered, visit (1) not: 4 / 5.
  EXPECT_NEAR(WordNetCoverage({"putin", "call", "visit"}, {"call", "putin"}, nullptr, idf), 0.8,
              1e-12);
  EXPECT_EQ(WordNetCoverage({}, {"call"}, nullptr, idf), 1.0);
  EXPECT_EQ(WordNetCoverage({"call"}, {}, nullptr, idf), 0.0);
}

// Overlap features of one pair, counted by hand from the normalised tokens.
TEST(PairScorer, OverlapFeaturesByHand) {
  Result<PairScorer> scorer = PairScorer::Create(PairScorerOptions());
  ASSERT_TRUE(scorer.ok());
  const std::vector<std::string> texts = {"Seven people died in the fire in 2020.",
                                          "Five people died in the fire in 2021 ."};
  scorer->Fit(texts);
  const PairFeatures f = scorer->Score(texts[0], texts[1], scorer->Transform(texts), 0, 1);
  // Unigram sets {seven|five, people, died, in, the, fire, 2020|2021}: 5 of 7 shared.
  EXPECT_NEAR(f.dice_word1, 2.0 * 5 / 14, 1e-12);
  // Bigrams: 7 each (8 tokens), shared: people died, died in, in the, the fire, fire in.
  EXPECT_NEAR(f.dice_word2, 2.0 * 5 / 14, 1e-12);
  // Trigrams: 6 each, 4 shared (all but those with seven/five and 2020/2021).
  EXPECT_NEAR(f.dice_word3, 2.0 * 4 / 12, 1e-12);
  // Content words {seven|five, people, died, fire}: "seven"/"five" are words, not digits.
  EXPECT_NEAR(f.dice_content, 2.0 * 3 / 8, 1e-12);
  EXPECT_EQ(f.number_mismatch, 1.0);
  EXPECT_EQ(f.number_distance, 1.0);             // {2020} vs {2021}: nothing shared
  EXPECT_NEAR(f.length_log_ratio2, 0.0, 1e-12);  // 8 tokens each
  EXPECT_LT(f.wordnet_min, 1.0);
  EXPECT_LE(f.wordnet_min, f.wordnet_max);
}

TEST(PairScorer, DocumentPairsAreScoredByDocumentSimilarity) {
  Result<PairScorer> scorer = PairScorer::Create(PairScorerOptions());  // no latent vectors
  ASSERT_TRUE(scorer.ok());
  const std::vector<std::string> texts = {
      "Rebels seize the airport",
      "Rebels seized the airport on Monday after a night of fighting in the northern suburbs of "
      "the capital, witnesses and officials said. All flights were cancelled until further "
      "notice, and travellers were told to stay at home. The army said it would respond to the "
      "attack within days, and called on the rebels to leave the airport peacefully and without "
      "delay.",
      "Rebels seized the airport on Monday."};
  scorer->Fit(texts);
  const PairVectors v = scorer->Transform(texts);
  const PairFeatures doc = scorer->Score(texts[0], texts[1], v, 0, 1);
  EXPECT_EQ(doc.document_pair, 1);  // three sentences, 62 words
  // No latent vectors: cosine_lsa is 0, so the score is (1 - 0.1) * cosine.
  EXPECT_NEAR(doc.score, 0.9 * doc.cosine, 1e-12);
  EXPECT_NE(doc.score, DefaultPairModel().Apply(doc));
  const PairFeatures sentence = scorer->Score(texts[0], texts[2], v, 0, 2);
  EXPECT_EQ(sentence.document_pair, 0);
  EXPECT_EQ(sentence.score, DefaultPairModel().Apply(sentence));

  PairScorerOptions model_everywhere;
  model_everywhere.document_score = false;
  Result<PairScorer> plain = PairScorer::Create(model_everywhere);
  ASSERT_TRUE(plain.ok());
  plain->Fit(texts);
  const PairFeatures modelled = plain->Score(texts[0], texts[1], plain->Transform(texts), 0, 1);
  EXPECT_EQ(modelled.score, DefaultPairModel().Apply(modelled));
}

TEST(PairScorer, DocumentTextNeedsThreeSentencesAndSixtyWords) {
  std::string twenty;  // 20 words
  for (int i = 0; i < 20; ++i) twenty += " word";
  EXPECT_FALSE(IsDocumentText("One. Two. Three."));  // three sentences, three words
  EXPECT_FALSE(IsDocumentText("One" + twenty + ". Two" + twenty + "."));  // two sentences
  EXPECT_TRUE(IsDocumentText("One" + twenty + ". Two" + twenty + ". Three" + twenty + "."));
  EXPECT_TRUE(IsDocumentText("A" + twenty + "\nB" + twenty + "\nC" + twenty));
  // Abbreviations do not end a sentence: one sentence of 63 words.
  EXPECT_FALSE(IsDocumentText("Mr." + twenty + " Dr." + twenty + " U.S." + twenty));
}

}  // namespace
}  // namespace crossclaim
