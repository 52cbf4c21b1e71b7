#include "similarity/tfidf.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "core/text.h"
#include "similarity/stopwords.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using ::testing::HasSubstr;

TfidfVectorizer Make(const TfidfOptions& options) {
  Result<TfidfVectorizer> v = TfidfVectorizer::Create(options);
  EXPECT_TRUE(v.ok()) << v.status().message();
  return std::move(v).value();
}

// The fixed corpus: every sentence of the demo event, as normalised tokens, plus an empty
// document and a document of stop words only.
TokenLists DemoCorpus() {
  TokenLists docs;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(testing::DemoEventDir())) {
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    const std::string text = testing::ReadFile(file);
    for (Span s : SplitSentences(text)) {
      docs.push_back(NormalizedTokens(std::string_view(text).substr(s.begin, s.size())));
    }
  }
  docs.push_back({});
  docs.push_back({"the", "of", "and"});
  return docs;
}

TEST(StopWords, SortedUniqueAndKeepsNegations) {
  std::span<const std::string_view> words = EnglishStopWords();
  EXPECT_GE(words.size(), 150u);
  EXPECT_TRUE(std::is_sorted(words.begin(), words.end()));
  EXPECT_EQ(std::adjacent_find(words.begin(), words.end()), words.end());
  EXPECT_TRUE(IsEnglishStopWord("the"));
  EXPECT_TRUE(IsEnglishStopWord("during"));
  for (const char* kept : {"not", "no", "never", "may", "will", "putin", "january", "7"}) {
    EXPECT_FALSE(IsEnglishStopWord(kept)) << kept;
  }
}

TEST(TfidfVectorizer, RejectsBadOptions) {
  TfidfOptions o;
  o.min_df = 0;
  Result<TfidfVectorizer> v = TfidfVectorizer::Create(o);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(v.status().message(), "TfidfOptions.min_df must be >= 1 (got 0)");
  o = {};
  o.hash_buckets = -5;
  v = TfidfVectorizer::Create(o);
  ASSERT_FALSE(v.ok());
  EXPECT_THAT(v.status().message(), HasSubstr("TfidfOptions.hash_buckets must be in"));
  EXPECT_THAT(v.status().message(), HasSubstr("(got -5)"));
  o = {};
  o.threads = -1;
  v = TfidfVectorizer::Create(o);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "TfidfOptions.threads must be >= 0 (got -1)");
}

TEST(TfidfVectorizer, AnalyzeStripsPossessivesDropsStopWordsAddsBigrams) {
  TfidfOptions o;
  o.bigrams = true;
  TfidfVectorizer v = Make(o);
  EXPECT_THAT(v.Analyze({"putin's", "aide", "and", "the", "kremlin", "'s"}),
              ::testing::ElementsAre("putin", "aide", "putin aide", "kremlin", "aide kremlin", "'s",
                                     "kremlin 's"));
}

// Hand-computed: two documents {a a b}, {b c}, sublinear tf, smooth idf, L2.
TEST(TfidfVectorizer, MatchesHandComputedWeights) {
  TfidfVectorizer v = Make({});
  TfidfMatrix x = v.FitTransform({{"alpha", "alpha", "beta"}, {"beta", "gamma"}});
  ASSERT_EQ(v.num_features(), 3);
  EXPECT_EQ(v.Term(0), "alpha");
  EXPECT_EQ(v.Term(2), "gamma");
  const double idf_rare = std::log(3.0 / 2.0) + 1, idf_common = 1.0;
  EXPECT_NEAR(v.Idf(0), idf_rare, 1e-12);
  EXPECT_NEAR(v.Idf(1), idf_common, 1e-12);
  const double a = (1 + std::log(2.0)) * idf_rare, b = idf_common;
  EXPECT_NEAR(x.coeff(0, 0), a / std::hypot(a, b), 1e-6);
  EXPECT_NEAR(x.coeff(0, 1), b / std::hypot(a, b), 1e-6);
  EXPECT_NEAR(x.coeff(1, 2), idf_rare / std::hypot(idf_rare, 1.0), 1e-6);
  EXPECT_EQ(x.coeff(1, 0), 0.0f);
}

TEST(TfidfVectorizer, TransformIgnoresUnknownTermsAndKeepsEmptyRows) {
  TfidfVectorizer v = Make({});
  v.Fit({{"putin", "xi", "call"}, {"xi", "trade"}});
  TfidfMatrix x = v.Transform({{}, {"unknown", "words"}, {"xi", "unknown"}});
  ASSERT_EQ(x.rows(), 3);
  EXPECT_EQ(x.row(0).nonZeros(), 0);
  EXPECT_EQ(x.row(1).nonZeros(), 0);
  ASSERT_EQ(x.row(2).nonZeros(), 1);
  EXPECT_NEAR(x.coeff(2, *v.Feature("xi")), 1.0, 1e-6);
  EXPECT_FALSE(v.Feature("unknown").has_value());
}

struct OracleCase {
  std::string name;
  TfidfOptions options;
  std::string flags;
};

// Writes `docs` (one line of space-separated tokens each) and the stop list into `dir` for
// tests/similarity/sklearn_tfidf_oracle.py.
void WriteOracleInput(const std::string& dir, const TokenLists& docs) {
  std::ofstream tokens(dir + "/tokens.txt"), stop(dir + "/stop.txt");
  for (const auto& d : docs) {
    for (size_t i = 0; i < d.size(); ++i) tokens << (i ? " " : "") << d[i];
    tokens << "\n";
  }
  for (std::string_view w : EnglishStopWords()) stop << w << "\n";
}

// Runs the scikit-learn oracle for `c` on the input in `dir`; sets *skip when scikit-learn
// is missing. Returns the oracle's output file.
std::string RunOracle(const std::string& dir, const OracleCase& c, std::string* skip) {
  const std::string out = dir + "/" + c.name + ".txt";
  testing::CommandOutput run = testing::RunCommand(
      "/usr/bin/python3 " + testing::SourceDir() + "/tests/similarity/sklearn_tfidf_oracle.py " +
      dir + "/tokens.txt " + dir + "/stop.txt " + out + " " + c.flags + " 2>&1");
  if (run.exit_code == 3) *skip = run.out;
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 3) << run.out;
  return out;
}

// The fitted vectorizer `v` and its matrix `x` have the oracle's vocabulary, idf and
// entries (to 1e-5).
void ExpectEqualsOracle(const std::string& oracle_file, const TfidfVectorizer& v,
                        const TfidfMatrix& x, size_t rows) {
  std::istringstream in(testing::ReadFile(oracle_file));
  std::string word;
  int64_t n = 0;
  in >> word >> n;
  ASSERT_EQ(word, "vocab");
  ASSERT_EQ(v.num_features(), n);
  std::string line;
  std::getline(in, line);
  for (int64_t i = 0; i < n; ++i) {
    std::getline(in, line);
    const size_t tab = line.find('\t');
    ASSERT_EQ(v.Term(i), line.substr(0, tab)) << "column " << i;
    ASSERT_NEAR(v.Idf(i), std::stod(line.substr(tab + 1)), 1e-9) << line;
  }
  int64_t entries = 0;
  in >> word >> entries;
  ASSERT_EQ(word, "entries");
  EXPECT_EQ(x.nonZeros(), entries);
  ASSERT_EQ(x.rows(), static_cast<Eigen::Index>(rows));
  for (int64_t k = 0; k < entries; ++k) {
    int r = 0, col = 0;
    double value = 0;
    in >> r >> col >> value;
    ASSERT_NEAR(x.coeff(r, col), value, 1e-5) << "row " << r << " term " << v.Term(col);
  }
}

// TF-IDF weights equal scikit-learn's TfidfVectorizer to 1e-5, same vocabulary and idf.
TEST(TfidfVectorizer, EqualsScikitLearn) {
  const std::string dir = testing::ScratchDir("tfidf_sklearn");
  const TokenLists docs = DemoCorpus();
  ASSERT_GT(docs.size(), 40u);
  WriteOracleInput(dir, docs);
  std::vector<OracleCase> cases;
  cases.push_back({"defaults", {}, ""});
  TfidfOptions o;
  o.bigrams = true;
  o.min_df = 2;
  cases.push_back({"bigrams_min_df2", o, "--bigrams --min-df 2"});
  o = {};
  o.sublinear_tf = false;
  o.smooth_idf = false;
  o.stop_words = false;
  o.strip_possessive = false;
  cases.push_back(
      {"raw_tf_plain_idf", o, "--no-sublinear --no-smooth --no-stop-words --no-possessive"});
  for (const OracleCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::string skip;
    const std::string out = RunOracle(dir, c, &skip);
    if (!skip.empty()) GTEST_SKIP() << "scikit-learn is missing for /usr/bin/python3: " << skip;
    TfidfVectorizer v = Make(c.options);
    ExpectEqualsOracle(out, v, v.FitTransform(docs), docs.size());
  }
}

// Seeded documents of 1-6 random demo sentences each, joined as one text: enough documents
// for the fit to split them into many blocks.
std::vector<std::string> ManyDocumentTexts(size_t count) {
  std::vector<std::string> sentences;
  for (const auto& entry : std::filesystem::directory_iterator(testing::DemoEventDir())) {
    const std::string text = testing::ReadFile(entry.path().string());
    for (Span s : SplitSentences(text)) sentences.emplace_back(text.substr(s.begin, s.size()));
  }
  std::sort(sentences.begin(), sentences.end());
  std::mt19937 rng(11);
  std::vector<std::string> texts(count);
  for (std::string& t : texts) {
    const size_t n = 1 + rng() % 6;
    for (size_t k = 0; k < n; ++k) t += sentences[rng() % sentences.size()] + " ";
  }
  return texts;
}

// The blocked, parallel fit over texts (FitTransformTexts) and over token lists both equal
// scikit-learn on 3,000 documents, for 1 and 2 threads.
TEST(TfidfVectorizer, ManyDocumentsFromTextsEqualScikitLearn) {
  const std::string dir = testing::ScratchDir("tfidf_sklearn_many");
  const std::vector<std::string> texts = ManyDocumentTexts(3000);
  std::vector<std::string_view> views(texts.begin(), texts.end());
  TokenLists docs;
  for (const std::string& t : texts) docs.push_back(NormalizedTokens(t));
  WriteOracleInput(dir, docs);
  TfidfOptions bigrams;
  bigrams.bigrams = true;
  for (const OracleCase& c :
       {OracleCase{"defaults", {}, ""}, OracleCase{"bigrams", bigrams, "--bigrams"}}) {
    SCOPED_TRACE(c.name);
    std::string skip;
    const std::string out = RunOracle(dir, c, &skip);
    if (!skip.empty()) GTEST_SKIP() << "scikit-learn is missing for /usr/bin/python3: " << skip;
    for (int threads : {1, 2}) {
      SCOPED_TRACE(threads);
      TfidfOptions o = c.options;
      o.threads = threads;
      TfidfVectorizer from_texts = Make(o);
      ExpectEqualsOracle(out, from_texts, from_texts.FitTransformTexts(views), texts.size());
      TfidfVectorizer from_tokens = Make(o);
      ExpectEqualsOracle(out, from_tokens, from_tokens.FitTransform(docs), docs.size());
    }
  }
}

TEST(TfidfVectorizer, BackgroundIdfAddsPriorCounts) {
  const TokenLists background = {{"putin", "xi", "call"}, {"putin", "trade"}, {"call", "war"}};
  const TokenLists event = {{"putin", "xi"}, {"xi", "summit"}};
  TfidfVectorizer bg = Make({});
  bg.Fit(background);
  const std::string path = testing::ScratchDir("tfidf_idf") + "/idf.txt";
  ASSERT_TRUE(bg.SaveIdf(path).ok());
  EXPECT_THAT(testing::ReadFile(path),
              HasSubstr("crossclaim-idf 1\ndocuments 3\nhash_buckets 0\n2\tcall\n"));

  TfidfVectorizer v = Make({});
  ASSERT_TRUE(v.LoadIdf(path).ok());
  EXPECT_EQ(v.num_documents(), 3);
  EXPECT_NEAR(v.Idf(*v.Feature("putin")), std::log(4.0 / 3.0) + 1, 1e-12);
  v.Fit(event);
  EXPECT_EQ(v.num_documents(), 5);
  // Vocabulary: the event's terms; df counts both corpora (hand-counted).
  EXPECT_EQ(v.num_features(), 3);
  EXPECT_FALSE(v.Feature("war").has_value());
  EXPECT_NEAR(v.Idf(*v.Feature("putin")), std::log(6.0 / 4.0) + 1, 1e-12);
  EXPECT_NEAR(v.Idf(*v.Feature("xi")), std::log(6.0 / 4.0) + 1, 1e-12);
  EXPECT_NEAR(v.Idf(*v.Feature("summit")), std::log(6.0 / 2.0) + 1, 1e-12);
}

TEST(TfidfVectorizer, LoadIdfReportsBadFiles) {
  const std::string dir = testing::ScratchDir("tfidf_bad_idf");
  TfidfVectorizer v = Make({});
  Status s = v.LoadIdf(dir + "/missing.txt");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_THAT(s.message(), HasSubstr("missing.txt: cannot open idf file"));

  testing::WriteFile(dir + "/a.txt", "crossclaim-idf 1\ndocuments 2\nhash_buckets 0\n3\tputin\n");
  s = v.LoadIdf(dir + "/a.txt");
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_THAT(s.message(), HasSubstr("a.txt:4: df must be an integer in [1, 2]"));

  testing::WriteFile(dir + "/b.txt", "hello\n");
  s = v.LoadIdf(dir + "/b.txt");
  EXPECT_THAT(s.message(), HasSubstr("b.txt:1: expected `crossclaim-idf 1`"));

  testing::WriteFile(dir + "/c.txt", "crossclaim-idf 1\ndocuments 2\nhash_buckets 0\nputin\n");
  s = v.LoadIdf(dir + "/c.txt");
  EXPECT_THAT(s.message(), HasSubstr("c.txt:4: expected `<df>\\t<term>`"));

  testing::WriteFile(dir + "/d.txt", "crossclaim-idf 1\ndocuments 2\nhash_buckets 64\n");
  s = v.LoadIdf(dir + "/d.txt");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("hash_buckets 64 but TfidfOptions.hash_buckets is 0"));
}

// With enough buckets that no two terms collide, hashing gives the exact rows, columns
// permuted: compare each row's sorted weights and the idf of each term.
TEST(TfidfVectorizer, HashingMatchesExactVocabularyWithoutCollisions) {
  const TokenLists docs = DemoCorpus();
  TfidfVectorizer exact = Make({});
  TfidfOptions o;
  o.hash_buckets = 1 << 24;
  TfidfVectorizer hashed = Make(o);
  const TfidfMatrix x = exact.FitTransform(docs);
  const TfidfMatrix h = hashed.FitTransform(docs);
  ASSERT_EQ(h.cols(), 1 << 24);
  std::set<int64_t> buckets;
  for (int64_t c = 0; c < exact.num_features(); ++c) {
    const std::optional<int64_t> b = hashed.Feature(exact.Term(c));
    ASSERT_TRUE(b.has_value());
    buckets.insert(*b);
    EXPECT_NEAR(hashed.Idf(*b), exact.Idf(c), 1e-12);
  }
  ASSERT_EQ(buckets.size(), static_cast<size_t>(exact.num_features())) << "collision";
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    for (TfidfMatrix::InnerIterator it(x, r); it; ++it) {
      EXPECT_EQ(h.coeff(r, *hashed.Feature(exact.Term(it.col()))), it.value());
    }
    EXPECT_EQ(x.row(r).nonZeros(), h.row(r).nonZeros());
  }
  EXPECT_EQ(hashed.Term(5), "#5");
}

TEST(TfidfVectorizer, TransformEqualsFitTransformForAnyThreadCount) {
  const TokenLists docs = DemoCorpus();
  TfidfOptions o;
  o.bigrams = true;
  TfidfVectorizer a = Make(o);
  const TfidfMatrix fitted = a.FitTransform(docs);
  for (int threads : {1, 2}) {
    o.threads = threads;
    TfidfVectorizer b = Make(o);
    b.Fit(docs);
    const TfidfMatrix t = b.Transform(docs);
    EXPECT_EQ(Eigen::MatrixXf(t), Eigen::MatrixXf(fitted)) << threads;
  }
}

}  // namespace
}  // namespace crossclaim
