// Similarity features of a pair of short texts (two sentences, a headline and an article, a
// tweet and a fact-checked claim), as used by `crossclaim pairs` and `crossclaim retrieve`
// and measured on labelled data by bench/eval.sh (docs/quality.md).
//
// Example:
//   Result<PairScorer> scorer = PairScorer::Create(PairScorerOptions());
//   std::vector<std::string> texts = {"Putin spoke to Xi by phone.", "Xi and Putin held a call."};
//   scorer->Fit(texts);                                  // idf of words and character n-grams
//   PairVectors v = scorer->Transform(texts);
//   PairFeatures f = scorer->Score(texts[0], texts[1], v, 0, 1);
//   // f.jaccard_word, f.jaccard_char, f.cosine_word, f.cosine_char, f.cosine
//
// The features:
//   jaccard_word  |A ∩ B| / |A ∪ B| over the SETS of normalised tokens (core/text.h
//                 NormalizedTokens, stop words kept); 0 when either text has no token.
//   jaccard_char  exact Jaccard of the character 5-gram shingle sets (similarity/shingle.h,
//                 ShingleKind::kChar, n = 5, seed 0).
//   cosine_word   TF-IDF cosine over words (TfidfVectorizer defaults: sublinear tf, smoothed
//                 idf, stop words dropped, possessive stripped, plus bigrams when set).
//   cosine_char   TF-IDF cosine over character n-grams taken inside each normalised token
//                 padded with one space on each side ("call" -> " ca", "cal", "all", "ll ",
//                 " cal", ...), lengths char_n_min..char_n_max: catches inflections
//                 ("arrested" ~ "arrest") and compounds that word tokens miss.
//   cosine        the score used for ranking (`crossclaim retrieve`):
//                 (1 - char_weight) * cosine_word + char_weight * cosine_char.
//   dice_word1..3 Dice coefficient 2|A ∩ B| / (|A| + |B|) of the sets of word 1-, 2- and
//                 3-grams (normalised tokens, stop words kept: word order and function
//                 words tell paraphrases from mere topic overlap); 1 when both are empty.
//   dice_content  Dice of the sets of content words (no stop words, no numbers).
//   wordnet_min/_max  how much of each text's content words the other covers, idf-weighted,
//                 taking the smaller / larger of the two directions. A word is covered by an
//                 equal word or a common base form (weight 1), a WordNet synonym (0.9) or a
//                 derivation (0.8) in the other text (similarity/wordnet.h). Without a
//                 WordNet only equal words count. 1 when a text has no content word.
//   cosine_lsa    cosine of the two texts' latent semantic vectors (similarity/latent.h): the
//                 word TF-IDF rows projected on the top latent_dims right singular vectors of
//                 the word TF-IDF matrix of the fitted texts (each distinct text once). Texts
//                 on one topic come close without sharing words. In [-1, 1]; 0 when
//                 latent_dims is 0 or a text has no known word.
//   number_mismatch    1 if the sets of number tokens differ, else 0 ("7%" vs "5%").
//   number_distance    |A Δ B| / |A ∪ B| over the number tokens; 0 when neither has one.
//   length_log_ratio2  ln((1 + tokens a) / (1 + tokens b))^2: paraphrases have similar
//                 lengths. Not bounded by 1.
//   score         the learned combination of the features above (similarity/pair_model.h),
//                 in [0, 1]: what `crossclaim pairs` reports for thresholds and `eval`.
//                 A document pair (either text has kDocumentMinSentences sentences and
//                 kDocumentMinWords words or more, e.g. a headline and an article body) is not a
//                 sentence pair: with document_score on, its score is the document similarity (1 -
//                 kDocumentLatentWeight) * cosine + kDocumentLatentWeight * max(0, cosine_lsa)
//                 instead, because the sentence model penalises a long text for saying more (length
//                 ratio, Dice) and ranks headline-body pairs worse than plain cosine
//                 (docs/quality.md).
//   document_pair 1 for such a pair, else 0 (not a model input).
// All features but length_log_ratio2 and cosine_lsa are in [0, 1].
//
// Thread safety: a fitted scorer is immutable; Transform, Score and Rank may be called
// concurrently. Fit and LoadIdf mutate.
#ifndef CROSSCLAIM_SIMILARITY_PAIR_FEATURES_H_
#define CROSSCLAIM_SIMILARITY_PAIR_FEATURES_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "similarity/latent.h"
#include "similarity/pair_model.h"
#include "similarity/shingle.h"
#include "similarity/tfidf.h"
#include "similarity/wordnet.h"

namespace crossclaim {

// The `cosine` at or above which two sentences are taken as the same statement
// (paraphrases): the threshold maximising accuracy on MSRP train (0.724 there), recorded in
// datasets/calibration.json. `crossclaim eval pairs` reports figures at it by default.
inline constexpr double kParaphraseThreshold = 0.51;

// A text of this many sentences and words or more makes its pair a document pair (see
// `score`). The words keep long single sentences out (MSRP, STS-B: at most about 40 words).
inline constexpr int kDocumentMinSentences = 3;
inline constexpr int kDocumentMinWords = 60;
// Weight of the latent cosine in a document pair's score: the smallest of the weights tried for
// `crossclaim events` on ECB+ (0.1, 0.2, 0.3) with which no shared document set scores below
// plain cosine (FNC-1 headline vs body 0.9824 vs 0.9802 accuracy; Clough-Stevenson 0.9475 AUROC,
// equal; 0.3 loses 0.0013 there). Chosen on those sets, see docs/quality.md.
inline constexpr double kDocumentLatentWeight = 0.1;

struct PairScorerOptions {
  // Weight of the character n-gram cosine in `cosine`, in [0, 1]. The default was chosen on
  // MSRP train and STS-B train (datasets/calibration.json).
  double char_weight = 0.5;
  // Character n-gram lengths, 1 <= char_n_min <= char_n_max <= 8.
  int char_n_min = 3;
  int char_n_max = 5;
  // Adds adjacent word pairs to the word vectors.
  bool word_bigrams = false;
  // Dimensions of the latent vectors of cosine_lsa, fitted by Fit(); 0: no latent vectors
  // (cosine_lsa is 0). `crossclaim pairs` uses 100 (docs/quality.md).
  int latent_dims = 0;
  // Worker threads for Transform and Rank (0: all cores). Results do not depend on it.
  int threads = 0;
  // WordNet for wordnet_min/_max; null: only equal words match (see the banner).
  std::shared_ptr<const WordNet> wordnet;
  // The combination reported as `score`.
  PairModel model = DefaultPairModel();
  // Document pairs get the document similarity as `score` (banner). Off: the model scores
  // every pair (a model fitted on document pairs, `crossclaim pairs --model`).
  bool document_score = true;

  bool operator==(const PairScorerOptions&) const = default;
};

struct PairFeatures {
  double jaccard_word = 0;
  double jaccard_char = 0;
  double cosine_word = 0;
  double cosine_char = 0;
  double cosine = 0;
  double dice_word1 = 0;
  double dice_word2 = 0;
  double dice_word3 = 0;
  double dice_content = 0;
  double wordnet_min = 0;
  double wordnet_max = 0;
  double number_mismatch = 0;
  double number_distance = 0;
  double length_log_ratio2 = 0;
  double cosine_lsa = 0;
  double score = 0;
  double document_pair = 0;

  bool operator==(const PairFeatures&) const = default;
};

// Unit-length TF-IDF rows of a list of texts, one row per text, in both feature spaces.
struct PairVectors {
  TfidfMatrix word;
  TfidfMatrix chars;
  Eigen::MatrixXf latent;  // unit rows of latent_dims columns; no columns when latent_dims is 0
};

// One ranked hit of Rank(): a row of the collection and its `cosine`.
struct RankedHit {
  int32_t row = 0;
  double score = 0;

  bool operator==(const RankedHit&) const = default;
};

// A text as the pair features read it, analysed once by PairScorer::Analyze and shared by
// every pair it is in (a claim of an event sits in up to max_partners pairs). Built with one
// scorer's fit (the idf weights); use it only with that scorer.
struct AnalysedText {
  // A content word with what WordNet knows of it (empty without a WordNet) and its idf.
  struct CoverWord {
    std::string word;
    std::vector<std::string> bases;
    std::vector<SynsetId> synsets;
    std::vector<SynsetId> derived;
    double idf = 0;
  };
  // What the text offers for covering the other text's content words.
  struct CoverTarget {
    std::set<std::string> words;
    std::set<std::string> bases;
    std::vector<SynsetId> synsets;  // sorted, distinct
    std::vector<SynsetId> derived;  // sorted, distinct
  };
  size_t num_tokens = 0;               // normalised tokens, stop words kept
  std::vector<std::string> ngrams[3];  // distinct word 1-, 2-, 3-grams, sorted
  std::vector<std::string> numbers;    // distinct number tokens, sorted
  std::vector<std::string> content;    // distinct content words, sorted
  std::vector<CoverWord> cover_words;  // the content words in text order, repeats kept
  CoverTarget target;
  ShingleSet char5;       // character 5-gram shingles (jaccard_char)
  bool document = false;  // IsDocumentText
};

class PairScorer {
 public:
  // Errors: kInvalidArgument naming the field and the rule (ranges above).
  static Result<PairScorer> Create(const PairScorerOptions& options);

  // Fits the word and character idf on `texts` (each text is one document). With a loaded
  // background idf, word document frequencies add to it. O(total bytes). With latent_dims,
  // also the latent map: a truncated SVD of the word TF-IDF rows of the distinct texts.
  void Fit(const std::vector<std::string>& texts);

  // Loads a background word idf written by `crossclaim idf` / TfidfVectorizer::SaveIdf
  // (fitted with default TfidfOptions, plus bigrams when word_bigrams). Call before Fit.
  // Errors: those of TfidfVectorizer::LoadIdf.
  Status LoadIdf(const std::string& path);

  // Vectors of `texts` with the fitted idf. Precondition: Fit() was called.
  PairVectors Transform(const std::vector<std::string>& texts) const;

  // Fit(texts) then Transform(texts), each text tokenised once; `words` receives the
  // normalised tokens of each text (core/text.h NormalizedTokens), for Analyze.
  PairVectors FitTransform(const std::vector<std::string>& texts, TokenLists* words);

  // The same given `words[i]` = NormalizedTokens(texts[i]) (e.g. Claim::tokens of a claim's
  // text): nothing is tokenised, and each distinct token's character n-grams are made and
  // hashed once however often it occurs. Equal to FitTransform of the same texts.
  PairVectors FitTransformTokens(const std::vector<std::string_view>& texts,
                                 const std::vector<std::span<const std::string>>& words);

  // Features of the pair (a, b) whose vectors are rows `row_a` of `va` and `row_b` of `vb`
  // (the same texts that were transformed). O(|a| + |b|).
  PairFeatures Score(std::string_view a, std::string_view b, const PairVectors& va,
                     const PairVectors& vb, int32_t row_a, int32_t row_b) const;
  // Same, both rows in one PairVectors.
  PairFeatures Score(std::string_view a, std::string_view b, const PairVectors& v, int32_t row_a,
                     int32_t row_b) const {
    return Score(a, b, v, v, row_a, row_b);
  }

  // `text` analysed for Score; costs what the text-based Score spends on one side, so that
  // scoring a text in many pairs analyses it once. Precondition: Fit() was called.
  AnalysedText Analyze(std::string_view text) const;
  // Same, given `tokens` = NormalizedTokens(text) (as FitTransform returns them).
  AnalysedText Analyze(std::string_view text, const std::vector<std::string>& tokens) const;
  // Score of two analysed texts; equal to the text-based Score of the same texts. O(|a| + |b|)
  // set merges, no tokenising.
  PairFeatures Score(const AnalysedText& a, const AnalysedText& b, const PairVectors& va,
                     const PairVectors& vb, int32_t row_a, int32_t row_b) const;

  // For each row of `queries`, the `top_k` rows of `collection` with the highest `cosine`,
  // best first, ties by smaller row; rows scoring 0 are not returned. Precondition:
  // top_k >= 1. Cost: proportional to the shared postings (an inverted index over the
  // collection), parallel over queries; memory O(collection rows) per thread.
  std::vector<std::vector<RankedHit>> Rank(const PairVectors& queries,
                                           const PairVectors& collection, int top_k) const;

  const PairScorerOptions& options() const { return options_; }

 private:
  PairScorer(const PairScorerOptions& options, TfidfVectorizer word, TfidfVectorizer chars)
      : options_(options), word_(std::move(word)), chars_(std::move(chars)) {}

  TokenLists WordTokens(const std::vector<std::string>& texts) const;
  void AddOverlapFeatures(const AnalysedText& a, const AnalysedText& b, PairFeatures* f) const;
  double WordIdf(const std::string& token) const;
  TokenLists CharTokens(const TokenLists& words) const;
  PairVectors TransformTokens(const TokenLists& words, const TokenLists& chars) const;

  PairScorerOptions options_;
  TfidfVectorizer word_;
  TfidfVectorizer chars_;
  Eigen::MatrixXf latent_map_;  // vocabulary x latent_dims; empty before Fit or when off
};

// The character n-grams of one normalised token as described in the banner, in order
// (exposed for tests). Lengths longer than the padded token are skipped; a padded token
// shorter than n_min gives itself once.
std::vector<std::string> TokenCharGrams(std::string_view token, int n_min, int n_max);

// True if `text` has at least kDocumentMinSentences sentences (core/text.h SplitSentences)
// and kDocumentMinWords normalised tokens.
bool IsDocumentText(std::string_view text);

// |A ∩ B| / |A ∪ B| over the sets of normalised tokens of `a` and `b`; 0 if either is empty.
double WordJaccard(std::string_view a, std::string_view b);

// The idf-weighted share of `from`'s tokens that `to` covers, as wordnet_min/_max describe
// (exposed for tests). `idf(token)` gives each token's weight; `wordnet` may be null.
// Returns 1 when `from` is empty.
double WordNetCoverage(const std::vector<std::string>& from, const std::vector<std::string>& to,
                       const WordNet* wordnet,
                       const std::function<double(const std::string&)>& idf);

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_PAIR_FEATURES_H_
