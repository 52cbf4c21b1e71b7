#include "similarity/pair_features.h"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <memory>

#include "core/text.h"
#include "similarity/shingle.h"

namespace crossclaim {
namespace {

// Sparse dot product of two rows with sorted columns.
double RowDot(const TfidfMatrix& x, int32_t i, const TfidfMatrix& y, int32_t j) {
  TfidfMatrix::InnerIterator a(x, i);
  TfidfMatrix::InnerIterator b(y, j);
  double dot = 0;
  while (a && b) {
    if (a.index() < b.index()) {
      ++a;
    } else if (b.index() < a.index()) {
      ++b;
    } else {
      dot += static_cast<double>(a.value()) * b.value();
      ++a;
      ++b;
    }
  }
  return std::clamp(dot, 0.0, 1.0);
}

std::vector<std::string> SortedUnique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::unique_ptr<tbb::global_control> Limit(int threads) {
  if (threads <= 0) return nullptr;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               threads);
}

}  // namespace

std::vector<std::string> TokenCharGrams(std::string_view token, int n_min, int n_max) {
  const std::string padded = fmt::format(" {} ", token);
  std::vector<size_t> starts;  // byte offset of each code point, plus the end
  for (size_t i = 0; i < padded.size(); ++i) {
    if ((static_cast<unsigned char>(padded[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  const int points = static_cast<int>(starts.size());
  starts.push_back(padded.size());
  std::vector<std::string> grams;
  if (points < n_min) {
    grams.push_back(padded);
    return grams;
  }
  for (int n = n_min; n <= n_max && n <= points; ++n) {
    for (int i = 0; i + n <= points; ++i) {
      grams.emplace_back(padded.substr(starts[i], starts[i + n] - starts[i]));
    }
  }
  return grams;
}

double WordJaccard(std::string_view a, std::string_view b) {
  const std::vector<std::string> sa = SortedUnique(NormalizedTokens(a));
  const std::vector<std::string> sb = SortedUnique(NormalizedTokens(b));
  if (sa.empty() || sb.empty()) return 0;
  std::vector<std::string> common;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(common));
  const double inter = static_cast<double>(common.size());
  return inter / (static_cast<double>(sa.size() + sb.size()) - inter);
}

Result<PairScorer> PairScorer::Create(const PairScorerOptions& options) {
  if (!(options.char_weight >= 0 && options.char_weight <= 1)) {
    return InvalidArgument(fmt::format("PairScorerOptions.char_weight must be in [0, 1] (got {})",
                                       options.char_weight));
  }
  if (options.char_n_min < 1 || options.char_n_max < options.char_n_min || options.char_n_max > 8) {
    return InvalidArgument(
        fmt::format("PairScorerOptions needs 1 <= char_n_min <= char_n_max <= 8 (got {} and {})",
                    options.char_n_min, options.char_n_max));
  }
  if (options.threads < 0) {
    return InvalidArgument(
        fmt::format("PairScorerOptions.threads must be >= 0 (got {})", options.threads));
  }
  TfidfOptions word;
  word.bigrams = options.word_bigrams;
  word.threads = options.threads;
  TfidfOptions chars = word;
  chars.bigrams = false;
  chars.stop_words = false;
  chars.strip_possessive = false;
  Result<TfidfVectorizer> w = TfidfVectorizer::Create(word);
  if (!w.ok()) return w.status();
  Result<TfidfVectorizer> c = TfidfVectorizer::Create(chars);
  if (!c.ok()) return c.status();
  return PairScorer(options, std::move(*w), std::move(*c));
}

TokenLists PairScorer::WordTokens(const std::vector<std::string>& texts) const {
  TokenLists out(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) out[i] = NormalizedTokens(texts[i]);
  return out;
}

TokenLists PairScorer::CharTokens(const std::vector<std::string>& texts) const {
  TokenLists out(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    for (const std::string& token : NormalizedTokens(texts[i])) {
      std::vector<std::string> grams =
          TokenCharGrams(token, options_.char_n_min, options_.char_n_max);
      out[i].insert(out[i].end(), std::make_move_iterator(grams.begin()),
                    std::make_move_iterator(grams.end()));
    }
  }
  return out;
}

void PairScorer::Fit(const std::vector<std::string>& texts) {
  word_.Fit(WordTokens(texts));
  chars_.Fit(CharTokens(texts));
}

Status PairScorer::LoadIdf(const std::string& path) { return word_.LoadIdf(path); }

PairVectors PairScorer::Transform(const std::vector<std::string>& texts) const {
  return PairVectors{word_.Transform(WordTokens(texts)), chars_.Transform(CharTokens(texts))};
}

PairFeatures PairScorer::Score(std::string_view a, std::string_view b, const PairVectors& va,
                               const PairVectors& vb, int32_t row_a, int32_t row_b) const {
  static const Shingler kChar5 = *Shingler::Create({.kind = ShingleKind::kChar, .n = 5});
  PairFeatures f;
  f.jaccard_word = WordJaccard(a, b);
  f.jaccard_char = Jaccard(kChar5.Shingles(a), kChar5.Shingles(b));
  f.cosine_word = RowDot(va.word, row_a, vb.word, row_b);
  f.cosine_char = RowDot(va.chars, row_a, vb.chars, row_b);
  f.cosine = (1 - options_.char_weight) * f.cosine_word + options_.char_weight * f.cosine_char;
  return f;
}

std::vector<std::vector<RankedHit>> PairScorer::Rank(const PairVectors& queries,
                                                     const PairVectors& collection,
                                                     int top_k) const {
  using ColMatrix = Eigen::SparseMatrix<float, Eigen::ColMajor, int32_t>;
  const int32_t n = static_cast<int32_t>(collection.word.rows());
  // Column-major copies are inverted indexes: feature -> (row, weight).
  const ColMatrix word_index(collection.word);
  const ColMatrix char_index(collection.chars);
  const double w_char = options_.char_weight;
  const double w_word = 1 - w_char;
  std::vector<std::vector<RankedHit>> out(queries.word.rows());
  tbb::enumerable_thread_specific<std::vector<double>> scratch(
      [n] { return std::vector<double>(n, 0.0); });
  const auto limit = Limit(options_.threads);
  tbb::parallel_for(tbb::blocked_range<int64_t>(0, queries.word.rows()), [&](const auto& range) {
    std::vector<double>& acc = scratch.local();
    std::vector<int32_t> touched;
    for (int64_t q = range.begin(); q < range.end(); ++q) {
      touched.clear();
      auto add = [&](const TfidfMatrix& query, const ColMatrix& index, double weight) {
        for (TfidfMatrix::InnerIterator t(query, q); t; ++t) {
          if (t.index() >= index.cols()) continue;
          for (ColMatrix::InnerIterator p(index, t.index()); p; ++p) {
            if (acc[p.index()] == 0) touched.push_back(p.index());
            acc[p.index()] += weight * t.value() * p.value();
          }
        }
      };
      add(queries.word, word_index, w_word);
      add(queries.chars, char_index, w_char);
      std::vector<RankedHit> hits;
      hits.reserve(touched.size());
      for (int32_t r : touched) {
        if (acc[r] > 0) hits.push_back({r, acc[r]});
        acc[r] = 0;
      }
      auto better = [](const RankedHit& x, const RankedHit& y) {
        return x.score != y.score ? x.score > y.score : x.row < y.row;
      };
      const size_t k = std::min<size_t>(top_k, hits.size());
      std::partial_sort(hits.begin(), hits.begin() + k, hits.end(), better);
      hits.resize(k);
      out[q] = std::move(hits);
    }
  });
  return out;
}

}  // namespace crossclaim
