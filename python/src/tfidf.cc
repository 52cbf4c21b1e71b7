// TF-IDF, thresholded all-pairs cosine and tokens (similarity/tfidf.h, cosine.h,
// stopwords.h, core/text.h). The package's TfidfVectorizer wraps _Tfidf and builds the
// scipy.sparse matrix from the CSR arrays returned here.
#include "similarity/tfidf.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "python/src/common.h"
#include "similarity/cosine.h"
#include "similarity/stopwords.h"

namespace crossclaim::python {
namespace {

// The token lists of `docs`: each item a str (tokenised here, in parallel without the GIL)
// or a sequence of str (tokens given as they are).
// The documents as a list (read once: they may be an iterator). Errors: TypeError for a str.
py::list DocumentList(py::handle docs) {
  if (py::isinstance<py::str>(docs)) {
    throw py::type_error("documents must be a sequence of str or of token lists, not a str");
  }
  return py::list(py::reinterpret_borrow<py::object>(docs));
}

bool AllText(const py::list& items) {
  return std::all_of(items.begin(), items.end(),
                     [](py::handle item) { return py::isinstance<py::str>(item); });
}

TokenLists ToTokenLists(py::handle docs, int threads) {
  const int width = ArenaThreads(threads);
  const py::list items = DocumentList(docs);
  TokenLists lists(items.size());
  if (AllText(items)) {
    const TextViews in = GatherTexts(items, "documents");
    py::gil_scoped_release release;
    tbb::task_arena arena(width);
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, in.views.size(), 64),
                        [&](const tbb::blocked_range<size_t>& range) {
                          for (size_t i = range.begin(); i != range.end(); ++i) {
                            lists[i] = NormalizedTokens(in.views[i]);
                          }
                        });
    });
    return lists;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (py::isinstance<py::str>(items[i])) {
      throw py::type_error("documents mixes str and token lists (item " + std::to_string(i) +
                           " is a str)");
    }
    const TextViews tokens =
        GatherTexts(items[i], ("documents[" + std::to_string(i) + "]").c_str());
    lists[i].assign(tokens.views.begin(), tokens.views.end());
  }
  return lists;
}

// (data, indices, indptr, shape) of a row-major matrix, for scipy.sparse.csr_matrix. The
// arrays are views of the matrix's own buffers, which a capsule keeps alive (no copy).
py::tuple CsrArrays(TfidfMatrix matrix) {
  matrix.makeCompressed();
  auto* owned = new TfidfMatrix(std::move(matrix));
  const py::capsule owner(owned, [](void* p) { delete static_cast<TfidfMatrix*>(p); });
  const auto nnz = static_cast<py::ssize_t>(owned->nonZeros());
  const auto rows = static_cast<py::ssize_t>(owned->rows());
  py::array_t<float> data({nnz}, {sizeof(float)}, owned->valuePtr(), owner);
  py::array_t<int32_t> indices({nnz}, {sizeof(int32_t)}, owned->innerIndexPtr(), owner);
  py::array_t<int32_t> indptr({rows + 1}, {sizeof(int32_t)}, owned->outerIndexPtr(), owner);
  return py::make_tuple(data, indices, indptr, py::make_tuple(owned->rows(), owned->cols()));
}

// One vectorizer shared safely between Python threads: fits take the lock exclusively,
// everything else shared, always after releasing the GIL (so no thread waits for the lock
// while holding the GIL).
class Tfidf {
 public:
  explicit Tfidf(const TfidfOptions& options)
      : vectorizer_(ValueOrThrow(TfidfVectorizer::Create(options))) {}

  void Fit(py::handle docs) {
    TokenLists lists = ToTokenLists(docs, vectorizer_.options().threads);
    py::gil_scoped_release release;
    std::unique_lock lock(mutex_);
    vectorizer_.Fit(lists);
    fitted_ = true;
  }

  // Texts are tokenised inside the engine's fit (no token lists built); token lists as given.
  py::tuple FitTransform(py::handle docs) {
    const py::list items = DocumentList(docs);
    ArenaThreads(vectorizer_.options().threads);  // validates
    TfidfMatrix matrix;
    if (AllText(items)) {
      const TextViews texts = GatherTexts(items, "documents");
      py::gil_scoped_release release;
      std::unique_lock lock(mutex_);
      matrix = vectorizer_.FitTransformTexts(texts.views);
      fitted_ = true;
    } else {
      TokenLists lists = ToTokenLists(items, vectorizer_.options().threads);
      py::gil_scoped_release release;
      std::unique_lock lock(mutex_);
      matrix = vectorizer_.FitTransform(lists);
      fitted_ = true;
    }
    return CsrArrays(std::move(matrix));
  }

  py::tuple Transform(py::handle docs) const {
    TokenLists lists = ToTokenLists(docs, vectorizer_.options().threads);
    TfidfMatrix matrix;
    bool fitted = false;
    {
      py::gil_scoped_release release;
      std::shared_lock lock(mutex_);
      fitted = fitted_;
      if (fitted) matrix = vectorizer_.Transform(lists);
    }
    RequireFitted(fitted);
    return CsrArrays(std::move(matrix));
  }

  std::vector<std::string> Terms() const {
    std::vector<std::string> terms;
    bool fitted = false;
    {
      py::gil_scoped_release release;
      std::shared_lock lock(mutex_);
      fitted = fitted_;
      terms.resize(static_cast<size_t>(vectorizer_.num_features()));
      for (size_t f = 0; f < terms.size(); ++f)
        terms[f] = vectorizer_.Term(static_cast<int64_t>(f));
    }
    RequireFitted(fitted);
    return terms;
  }

  py::array_t<double> Idf() const {
    std::vector<double> idf;
    bool fitted = false;
    {
      py::gil_scoped_release release;
      std::shared_lock lock(mutex_);
      fitted = fitted_;
      for (int64_t f = 0; f < vectorizer_.num_features(); ++f) idf.push_back(vectorizer_.Idf(f));
    }
    RequireFitted(fitted);
    return py::array_t<double>(static_cast<py::ssize_t>(idf.size()), idf.data());
  }

  // Analysis depends only on the options, which never change.
  std::vector<std::string> Analyze(const std::vector<std::string>& tokens) const {
    return vectorizer_.Analyze(tokens);
  }

 private:
  static void RequireFitted(bool fitted) {
    if (!fitted) InvalidArgumentError("TfidfVectorizer: call fit() or fit_transform() first");
  }

  mutable std::shared_mutex mutex_;
  TfidfVectorizer vectorizer_;
  bool fitted_ = false;  // guarded by mutex_
};

// Pairs (a, b, cosine) of rows of the TF-IDF of `docs` with cosine >= threshold, a < b,
// sorted; with `groups`, only rows of different groups.
py::list Similar(py::handle docs, double threshold, py::object groups, int top_k, bool bigrams,
                 int threads) {
  TfidfOptions options;
  options.bigrams = bigrams;
  options.threads = threads;
  TfidfVectorizer vectorizer = ValueOrThrow(TfidfVectorizer::Create(options));
  AllPairsOptions pair_options;
  pair_options.threshold = threshold;
  pair_options.top_k = top_k;
  pair_options.threads = threads;
  std::vector<int32_t> group_ids;
  if (!groups.is_none()) {
    for (py::handle g : py::iter(groups)) group_ids.push_back(g.cast<int32_t>());
  }
  TokenLists lists = ToTokenLists(docs, threads);
  std::vector<CosinePair> pairs;
  {
    py::gil_scoped_release release;
    const TfidfMatrix x = vectorizer.FitTransform(lists);
    pairs = ValueOrThrow(AllPairsCosine(x, group_ids, pair_options));
  }
  py::list out;
  for (const CosinePair& p : pairs) out.append(py::make_tuple(p.a, p.b, p.cosine));
  return out;
}

}  // namespace

void RegisterTfidf(py::module_& module) {
  py::class_<Tfidf>(module, "_Tfidf", "similarity/tfidf.h; use crossclaim.TfidfVectorizer.")
      .def(py::init([](bool sublinear_tf, bool smooth_idf, bool l2_normalize, bool stop_words,
                       bool strip_possessive, bool bigrams, int min_df, int64_t hash_buckets,
                       int threads) {
             ArenaThreads(threads);
             return std::make_unique<Tfidf>(TfidfOptions{sublinear_tf, smooth_idf, l2_normalize,
                                                         stop_words, strip_possessive, bigrams,
                                                         min_df, hash_buckets, threads});
           }),
           py::arg("sublinear_tf"), py::arg("smooth_idf"), py::arg("l2_normalize"),
           py::arg("stop_words"), py::arg("strip_possessive"), py::arg("bigrams"),
           py::arg("min_df"), py::arg("hash_buckets"), py::arg("threads"))
      .def("fit", &Tfidf::Fit)
      .def("fit_transform", &Tfidf::FitTransform)
      .def("transform", &Tfidf::Transform)
      .def("terms", &Tfidf::Terms)
      .def("idf", &Tfidf::Idf)
      .def("analyze", &Tfidf::Analyze);
  module.def("_similar", &Similar, py::arg("docs"), py::arg("threshold"), py::arg("groups"),
             py::arg("top_k"), py::arg("bigrams"), py::arg("threads"),
             "AllPairsCosine over the TF-IDF of docs; use crossclaim.similar().");
  module.def(
      "tokenize", [](const std::string& text) { return NormalizedTokens(text); }, py::arg("text"),
      R"doc(tokenize(text) -> list[str]

The normalised word tokens of `text` as every crossclaim stage sees them: Unicode word
boundaries (UAX #29), NFKC case folding, curly quotes and dashes unified; punctuation and
symbols are not tokens. Example: tokenize("Putin’s 7% rise") == ["putin's", "7", "rise"].)doc");
  module.def(
      "stop_words",
      [] {
        std::vector<std::string> words;
        for (std::string_view w : EnglishStopWords()) words.emplace_back(w);
        return words;
      },
      R"doc(stop_words() -> list[str]

crossclaim's English stop-word list (similarity/stopwords.h), sorted: what
TfidfVectorizer(stop_words="english") drops. Negations and modal verbs are not in it.)doc");
}

}  // namespace crossclaim::python
