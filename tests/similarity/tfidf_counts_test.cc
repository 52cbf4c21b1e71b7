// Document frequencies counted outside the vectorizer (CountDocumentFrequencies, FitCounts):
// the hook the MPI run uses to sum per-shard counts. Counts of disjoint parts must add up to
// the whole, and fitting from them must give exactly FitTransform's matrix.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "similarity/tfidf.h"

namespace crossclaim {
namespace {

const TokenLists kDocs = {{"putin", "and", "xi", "held", "a", "video", "call"},
                          {"xi", "and", "putin", "spoke", "by", "phone", "phone"},
                          {"trade", "rose", "7%", "putin's", "aide", "said"},
                          {"the", "call", "lasted", "nearly", "100", "minutes"}};

// Sums two counts of the same options, as the ranks' reduction does.
DocumentFrequencies Sum(const DocumentFrequencies& x, const DocumentFrequencies& y) {
  DocumentFrequencies total;
  total.documents = x.documents + y.documents;
  if (x.terms.empty() && y.terms.empty()) {  // hashed: bucket by bucket
    total.df = x.df;
    for (size_t i = 0; i < y.df.size(); ++i) total.df[i] += y.df[i];
    return total;
  }
  size_t i = 0, j = 0;
  while (i < x.terms.size() || j < y.terms.size()) {
    if (j == y.terms.size() || (i < x.terms.size() && x.terms[i] < y.terms[j])) {
      total.terms.push_back(x.terms[i]);
      total.df.push_back(x.df[i++]);
    } else if (i == x.terms.size() || y.terms[j] < x.terms[i]) {
      total.terms.push_back(y.terms[j]);
      total.df.push_back(y.df[j++]);
    } else {
      total.terms.push_back(x.terms[i]);
      total.df.push_back(x.df[i++] + y.df[j++]);
    }
  }
  return total;
}

void ExpectSameMatrix(const TfidfMatrix& x, const TfidfMatrix& y) {
  ASSERT_EQ(x.rows(), y.rows());
  ASSERT_EQ(x.cols(), y.cols());
  ASSERT_EQ(x.nonZeros(), y.nonZeros());
  for (int32_t r = 0; r < x.rows(); ++r) {
    TfidfMatrix::InnerIterator a(x, r), b(y, r);
    for (; a && b; ++a, ++b) {
      EXPECT_EQ(a.col(), b.col()) << "row " << r;
      EXPECT_EQ(a.value(), b.value()) << "row " << r;  // bit for bit, not approximately
    }
    EXPECT_FALSE(a || b) << "row " << r;
  }
}

TEST(TfidfCounts, CountsOneDocumentOncePerTerm) {
  TfidfVectorizer v = *TfidfVectorizer::Create({});
  DocumentFrequencies df = v.CountDocumentFrequencies(kDocs);
  EXPECT_EQ(df.documents, 4);
  ASSERT_TRUE(std::is_sorted(df.terms.begin(), df.terms.end()));
  auto at = [&](const std::string& term) {
    auto it = std::find(df.terms.begin(), df.terms.end(), term);
    return it == df.terms.end() ? -1 : df.df[static_cast<size_t>(it - df.terms.begin())];
  };
  EXPECT_EQ(at("putin"), 3);  // "putin's" counts as putin (possessive stripped)
  EXPECT_EQ(at("phone"), 1);  // twice in one document: once
  EXPECT_EQ(at("and"), -1);   // a stop word
}

TEST(TfidfCounts, PartsAddUpAndFitCountsMatchesFitTransform) {
  for (int64_t buckets : {int64_t{0}, int64_t{16}}) {
    SCOPED_TRACE(buckets);
    TfidfOptions options;
    options.hash_buckets = buckets;
    options.min_df = 1;
    TfidfVectorizer whole = *TfidfVectorizer::Create(options);
    const TfidfMatrix expected = whole.FitTransform(kDocs);
    TfidfVectorizer parts = *TfidfVectorizer::Create(options);
    const TokenLists first(kDocs.begin(), kDocs.begin() + 1), rest(kDocs.begin() + 1, kDocs.end());
    const DocumentFrequencies sum =
        Sum(parts.CountDocumentFrequencies(first), parts.CountDocumentFrequencies(rest));
    EXPECT_EQ(sum, parts.CountDocumentFrequencies(kDocs));
    parts.FitCounts(sum);
    ExpectSameMatrix(expected, parts.Transform(kDocs));
    EXPECT_EQ(parts.num_documents(), whole.num_documents());
  }
}

TEST(TfidfCounts, FitCountsAppliesMinDf) {
  TfidfOptions options;
  options.min_df = 2;
  TfidfVectorizer fitted = *TfidfVectorizer::Create(options);
  const TfidfMatrix expected = fitted.FitTransform(kDocs);
  TfidfVectorizer counted = *TfidfVectorizer::Create(options);
  counted.FitCounts(counted.CountDocumentFrequencies(kDocs));
  EXPECT_EQ(counted.num_features(), fitted.num_features());
  EXPECT_LT(counted.num_features(), 10);  // only the terms in two or more documents
  ExpectSameMatrix(expected, counted.Transform(kDocs));
}

}  // namespace
}  // namespace crossclaim
