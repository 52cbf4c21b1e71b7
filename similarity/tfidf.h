// TF-IDF vectors of claims: which words two claims share, weighted by how rare the words are.
//
// Example:
//   TfidfOptions options;                      // sublinear tf, smoothed idf, L2, stop words
//   Result<TfidfVectorizer> v = TfidfVectorizer::Create(options);
//   std::vector<std::vector<std::string>> docs = {{"putin", "and", "xi", "held", "a", "call"},
//                                                 {"xi", "and", "putin", "spoke"}};
//   TfidfMatrix x = v->FitTransform(docs);     // 2 rows, one column per vocabulary term
//   v->Term(3);                                 // "putin": columns are terms in byte order
//
// The weights are exactly scikit-learn's TfidfVectorizer with the same settings fed the same
// tokens (tests/similarity/tfidf_test.cc compares to 1e-5):
//   tf(t, d)  = count of t in d, or 1 + ln(count) when sublinear_tf
//   idf(t)    = ln((1 + n) / (1 + df(t))) + 1 with smooth_idf, else ln(n / df(t)) + 1
//   w(t, d)   = tf * idf, then each row is divided by its L2 norm (when l2_normalize)
// where n is the number of fitted documents and df(t) the number containing t.
//
// Analysis of one token list, in this order (the same order as scikit-learn's word
// analyzer): strip a trailing possessive "'s" (option), drop stop words (option, see
// stopwords.h), then emit the unigrams and, with bigrams, each pair of adjacent remaining
// tokens joined by one space ("phone call"). Tokens are the normalised forms of
// core/text.h (Tokenize, Claim::tokens).
//
// Background idf: SaveIdf() writes the fitted document frequencies; LoadIdf() reads them
// back as prior counts, so a later Fit() over a small event uses df = df_background +
// df_event and n = n_background + n_event (words rare in the event but common in the
// background are not over-weighted). The file format is documented at SaveIdf().
//
// Hashing (hash_buckets > 0): terms are mapped to XXH3_64bits(term) % hash_buckets instead
// of a vocabulary, for streams whose vocabulary is unbounded; Term() then names the bucket.
//
// Thread safety: a fitted vectorizer is immutable; Transform() and the accessors may be
// called concurrently. Fit*, LoadIdf mutate.
#ifndef CROSSCLAIM_SIMILARITY_TFIDF_H_
#define CROSSCLAIM_SIMILARITY_TFIDF_H_

#include <Eigen/SparseCore>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace crossclaim {

// Rows are documents (claims), columns are features; rows are sorted by column.
using TfidfMatrix = Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t>;

struct TfidfOptions {
  bool sublinear_tf = true;      // tf = 1 + ln(count)
  bool smooth_idf = true;        // as if one extra document held every term once
  bool l2_normalize = true;      // unit rows, so a dot product is the cosine
  bool stop_words = true;        // drop EnglishStopWords()
  bool strip_possessive = true;  // "putin's" -> "putin"
  bool bigrams = false;          // add adjacent-pair features
  int min_df = 1;                // terms in fewer fitted documents are dropped; >= 1
  // 0: exact vocabulary. > 0: hash terms into this many buckets (at most 2^31 - 1).
  int64_t hash_buckets = 0;
  // Worker threads for Transform (0: all cores). Results do not depend on it.
  int threads = 0;

  bool operator==(const TfidfOptions&) const = default;
};

// Token lists: one list of normalised tokens per document.
using TokenLists = std::vector<std::vector<std::string>>;

// Document frequencies counted outside a vectorizer, e.g. per shard of a corpus and summed
// across shards (mpi/): exactly what Fit() learns from the same token lists.
struct DocumentFrequencies {
  // Exact vocabulary: analysed terms, ascending byte order, no duplicates; df[i] belongs to
  // terms[i]. Hashing: terms is empty and df has hash_buckets entries, one per bucket.
  std::vector<std::string> terms;
  std::vector<int64_t> df;
  int64_t documents = 0;  // token lists counted

  bool operator==(const DocumentFrequencies&) const = default;
};

class TfidfVectorizer {
 public:
  // Validates `options`: min_df >= 1, 0 <= hash_buckets <= 2^31 - 1, threads >= 0.
  // Errors: kInvalidArgument naming the field and the rule.
  static Result<TfidfVectorizer> Create(const TfidfOptions& options);

  TfidfVectorizer(TfidfVectorizer&&) noexcept;
  TfidfVectorizer& operator=(TfidfVectorizer&&) noexcept;
  ~TfidfVectorizer();

  // Learns the vocabulary and document frequencies from `docs` (replacing any earlier fit,
  // but keeping a loaded background). O(total tokens) expected time.
  void Fit(const TokenLists& docs);

  // Fit(docs) then Transform(docs), sharing the work (each token is hashed once).
  TfidfMatrix FitTransform(const TokenLists& docs);

  // FitTransform of the texts' NormalizedTokens (core/text.h), tokenised in parallel without
  // materialising the token lists. The views must stay valid during the call.
  TfidfMatrix FitTransformTexts(const std::vector<std::string_view>& texts);

  // FitTransform of token lists given as ids into `tokens` (distinct tokens): document d holds
  // tokens[ids[k]] for k in [ends[d - 1], ends[d]) (from 0 for d = 0), so ends.size() is the
  // number of documents. Each distinct token is analysed and hashed once, not once per
  // occurrence: for callers that tokenise once and fit many times (one fit per event). Gives
  // exactly FitTransform of the token lists the ids spell. Without bigrams and hashing; with
  // either, it builds those token lists and calls FitTransform.
  TfidfMatrix FitTransformIds(const std::vector<std::string_view>& tokens,
                              const std::vector<uint32_t>& ids, const std::vector<int64_t>& ends);

  // The document frequencies of `docs` without fitting: counts of disjoint parts of a corpus
  // add up (per term, and `documents`) to the counts of the whole. O(total tokens).
  DocumentFrequencies CountDocumentFrequencies(const TokenLists& docs) const;

  // Fits from counts instead of token lists: FitCounts(CountDocumentFrequencies(docs)) then
  // Transform(docs) gives exactly FitTransform(docs) (a loaded background is kept, as in
  // Fit). Precondition: `counts` is shaped as documented at DocumentFrequencies for these
  // options (hashing: df.size() == hash_buckets).
  void FitCounts(const DocumentFrequencies& counts);

  // One row per document, num_features() columns. Terms not in the vocabulary are ignored;
  // a document with no known term is an all-zero row. Precondition: fitted (or idf loaded).
  // O(total tokens) expected time, parallel over documents.
  TfidfMatrix Transform(const TokenLists& docs) const;

  // Analysis only: the terms of one token list (see the banner), in order, for tests and
  // for explaining scores.
  std::vector<std::string> Analyze(const std::vector<std::string>& tokens) const;

  // Writes the fit to `path` as UTF-8 text:
  //   line 1: `crossclaim-idf 1`
  //   line 2: `documents <n>`            (n counts background documents too)
  //   line 3: `hash_buckets <b>`         (0 for an exact vocabulary)
  //   then one line per term in byte order: `<df>\t<term>` (for hashing: the bucket number).
  // Analysis options are not stored: the caller uses the same options when loading.
  // Errors: kNotFound / kDataLoss naming the path when it cannot be written.
  Status SaveIdf(const std::string& path) const;

  // Reads a file written by SaveIdf() as background counts, and makes this vectorizer
  // usable for Transform() with that vocabulary until the next Fit. Errors: kNotFound if
  // unreadable; kDataLoss naming `path:line` and the rule for malformed lines; a hash_buckets
  // mismatch with the options is kInvalidArgument.
  Status LoadIdf(const std::string& path);

  const TfidfOptions& options() const;
  int64_t num_features() const;
  int64_t num_documents() const;  // n in the idf formula
  // The term of column `feature` (for hashing, "#<bucket>"). Precondition: in range.
  std::string Term(int64_t feature) const;
  // Column of `term`, if in the vocabulary (hashing: always its bucket).
  std::optional<int64_t> Feature(std::string_view term) const;
  // idf of column `feature`. Precondition: in range.
  double Idf(int64_t feature) const;

 private:
  struct State;
  explicit TfidfVectorizer(std::unique_ptr<State> state);
  template <typename TokensOf>  // defined and used in tfidf.cc only
  TfidfMatrix FitTransformVocabulary(size_t num_docs, const TokensOf& tokens_of);
  TfidfMatrix FitTransformHashed(const TokenLists& docs);
  std::unique_ptr<State> state_;
};

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_TFIDF_H_
