#include "similarity/pair_features.h"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_set>

#include "core/text.h"
#include "similarity/internal/term_table.h"
#include "similarity/shingle.h"
#include "similarity/stopwords.h"

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

size_t CommonCount(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t common = 0;
  for (auto x = a.begin(), y = b.begin(); x != a.end() && y != b.end();) {
    if (*x < *y) {
      ++x;
    } else if (*y < *x) {
      ++y;
    } else {
      ++common, ++x, ++y;
    }
  }
  return common;
}

// |A ∩ B| / |A ∪ B| of two sorted distinct lists; 0 if either is empty.
double SetJaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  const double inter = static_cast<double>(CommonCount(a, b));
  return inter / (static_cast<double>(a.size() + b.size()) - inter);
}

std::unique_ptr<tbb::global_control> Limit(int threads) {
  if (threads <= 0) return nullptr;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               threads);
}

bool IsNumber(const std::string& token) {
  return !token.empty() && token[0] >= '0' && token[0] <= '9';
}

// 2|A ∩ B| / (|A| + |B|) of two sorted distinct lists; 1 when both are empty (nothing
// differs).
double Dice(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 1;
  const double common = static_cast<double>(CommonCount(a, b));
  return 2.0 * common / static_cast<double>(a.size() + b.size());
}

// The distinct word n-grams, each one string: every token prefixed by its length, so that two
// n-grams give equal strings exactly when their tokens are equal.
std::vector<std::string> NGrams(const std::vector<std::string>& tokens, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i + n <= tokens.size(); ++i) {
    std::string gram;
    for (size_t k = i; k < i + n; ++k) gram += fmt::format("{}:{}", tokens[k].size(), tokens[k]);
    out.push_back(std::move(gram));
  }
  return SortedUnique(std::move(out));
}

// Content words: no stop words, no numbers, possessive "'s" dropped (as the word TF-IDF).
std::vector<std::string> ContentWords(const std::vector<std::string>& tokens) {
  std::vector<std::string> out;
  for (std::string t : tokens) {
    if (t.ends_with("'s")) t.resize(t.size() - 2);
    if (!t.empty() && !IsNumber(t) && !IsEnglishStopWord(t)) out.push_back(std::move(t));
  }
  return out;
}

using CoverWord = AnalysedText::CoverWord;
using CoverTarget = AnalysedText::CoverTarget;

CoverTarget MakeTarget(const std::vector<std::string>& to, const WordNet* wordnet) {
  CoverTarget t;
  t.words.insert(to.begin(), to.end());
  if (wordnet == nullptr) return t;
  for (const std::string& w : t.words) {
    for (std::string& b : wordnet->BaseForms(w)) t.bases.insert(std::move(b));
    const std::vector<SynsetId> s = wordnet->Synsets(w);
    t.synsets.insert(t.synsets.end(), s.begin(), s.end());
    const std::vector<SynsetId> d = wordnet->DerivedSynsets(w);
    t.derived.insert(t.derived.end(), d.begin(), d.end());
  }
  for (auto* v : {&t.synsets, &t.derived}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return t;
}

std::vector<CoverWord> MakeCoverWords(const std::vector<std::string>& from, const WordNet* wordnet,
                                      const std::function<double(const std::string&)>& idf) {
  std::vector<CoverWord> out;
  out.reserve(from.size());
  for (const std::string& word : from) {
    CoverWord w;
    w.word = word;
    w.idf = idf(word);
    if (wordnet != nullptr) {
      w.bases = wordnet->BaseForms(word);
      w.synsets = wordnet->Synsets(word);
      w.derived = wordnet->DerivedSynsets(word);
    }
    out.push_back(std::move(w));
  }
  return out;
}

bool AnyIn(const std::vector<SynsetId>& ids, const std::vector<SynsetId>& sorted) {
  return std::any_of(ids.begin(), ids.end(), [&](SynsetId id) {
    return std::binary_search(sorted.begin(), sorted.end(), id);
  });
}

// How well `w` is covered by `t`: 1 equal or same base form, 0.9 synonym, 0.8 derivation.
double Cover(const CoverWord& w, const CoverTarget& t) {
  if (t.words.contains(w.word)) return 1;
  for (const std::string& b : w.bases) {
    if (t.bases.contains(b)) return 1;
  }
  if (AnyIn(w.synsets, t.synsets)) return 0.9;
  if (AnyIn(w.synsets, t.derived) || AnyIn(w.derived, t.synsets)) return 0.8;
  return 0;
}

double Coverage(const std::vector<CoverWord>& from, const CoverTarget& target) {
  if (from.empty()) return 1;
  double covered = 0, total = 0;
  for (const CoverWord& w : from) {
    total += w.idf;
    covered += w.idf * Cover(w, target);
  }
  return total > 0 ? covered / total : 1;
}

}  // namespace

double WordNetCoverage(const std::vector<std::string>& from, const std::vector<std::string>& to,
                       const WordNet* wordnet,
                       const std::function<double(const std::string&)>& idf) {
  if (from.empty()) return 1;
  return Coverage(MakeCoverWords(from, wordnet, idf), MakeTarget(to, wordnet));
}

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

bool IsDocumentText(std::string_view text) {
  // Cheap test first: a text without kDocumentMinSentences sentence ends cannot qualify.
  if (std::count_if(text.begin(), text.end(), [](char c) {
        return c == '.' || c == '!' || c == '?' || c == '\n';
      }) < kDocumentMinSentences - 1) {
    return false;
  }
  return NormalizedTokens(text).size() >= static_cast<size_t>(kDocumentMinWords) &&
         SplitSentences(text).size() >= static_cast<size_t>(kDocumentMinSentences);
}

double WordJaccard(std::string_view a, std::string_view b) {
  return SetJaccard(SortedUnique(NormalizedTokens(a)), SortedUnique(NormalizedTokens(b)));
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
  if (options.latent_dims < 0) {
    return InvalidArgument(
        fmt::format("PairScorerOptions.latent_dims must be >= 0 (got {})", options.latent_dims));
  }
  if (options.threads < 0) {
    return InvalidArgument(
        fmt::format("PairScorerOptions.threads must be >= 0 (got {})", options.threads));
  }
  if (Status s = ValidatePairModel(options.model, "PairScorerOptions.model"); !s.ok()) return s;
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

TokenLists PairScorer::CharTokens(const TokenLists& words) const {
  TokenLists out(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    for (const std::string& token : words[i]) {
      std::vector<std::string> grams =
          TokenCharGrams(token, options_.char_n_min, options_.char_n_max);
      out[i].insert(out[i].end(), std::make_move_iterator(grams.begin()),
                    std::make_move_iterator(grams.end()));
    }
  }
  return out;
}

void PairScorer::Fit(const std::vector<std::string>& texts) {
  TokenLists words;
  FitTransform(texts, &words);
}

PairVectors PairScorer::FitTransform(const std::vector<std::string>& texts, TokenLists* words) {
  *words = WordTokens(texts);
  return FitTransformTokens(
      std::vector<std::string_view>(texts.begin(), texts.end()),
      std::vector<std::span<const std::string>>(words->begin(), words->end()));
}

PairVectors PairScorer::FitTransformTokens(const std::vector<std::string_view>& texts,
                                           const std::vector<std::span<const std::string>>& words) {
  const auto never = [](std::string_view) { return false; };
  internal::TermTable tokens;
  std::vector<uint32_t> token_ids;
  std::vector<int64_t> token_ends;
  for (std::span<const std::string> text : words) {
    for (const std::string& token : text)
      token_ids.push_back(tokens.Intern(token, internal::TermTable::Hash(token), never));
    token_ends.push_back(static_cast<int64_t>(token_ids.size()));
  }
  // Each distinct token's character n-grams, interned; a text's are its tokens' in turn.
  internal::TermTable grams;
  std::vector<std::vector<uint32_t>> grams_of(tokens.size());
  std::vector<std::string_view> token_terms(tokens.size());
  for (uint32_t t = 0; t < tokens.size(); ++t) {
    token_terms[t] = tokens.Term(t);
    for (const std::string& gram :
         TokenCharGrams(token_terms[t], options_.char_n_min, options_.char_n_max)) {
      grams_of[t].push_back(grams.Intern(gram, internal::TermTable::Hash(gram), never));
    }
  }
  std::vector<uint32_t> gram_ids;
  std::vector<int64_t> gram_ends;
  for (size_t k = 0, d = 0; d < token_ends.size(); ++d) {
    for (; k < static_cast<size_t>(token_ends[d]); ++k) {
      const std::vector<uint32_t>& g = grams_of[token_ids[k]];
      gram_ids.insert(gram_ids.end(), g.begin(), g.end());
    }
    gram_ends.push_back(static_cast<int64_t>(gram_ids.size()));
  }
  std::vector<std::string_view> gram_terms(grams.size());
  for (uint32_t g = 0; g < grams.size(); ++g) gram_terms[g] = grams.Term(g);
  PairVectors v{word_.FitTransformIds(token_terms, token_ids, token_ends),
                chars_.FitTransformIds(gram_terms, gram_ids, gram_ends),
                {}};
  latent_map_ = Eigen::MatrixXf();
  if (options_.latent_dims > 0) {
    // Each distinct text once: a body repeated under many headlines would otherwise pull the
    // singular vectors towards itself.
    std::unordered_set<std::string_view> seen;
    TokenLists distinct;
    for (size_t i = 0; i < texts.size(); ++i) {
      if (seen.insert(texts[i]).second) distinct.emplace_back(words[i].begin(), words[i].end());
    }
    latent_map_ = TruncatedSvdMap(word_.Transform(distinct), options_.latent_dims);
  }
  v.latent =
      latent_map_.cols() > 0 ? LatentRows(v.word, latent_map_) : Eigen::MatrixXf(v.word.rows(), 0);
  return v;
}

Status PairScorer::LoadIdf(const std::string& path) { return word_.LoadIdf(path); }

PairVectors PairScorer::Transform(const std::vector<std::string>& texts) const {
  const TokenLists words = WordTokens(texts);
  return TransformTokens(words, CharTokens(words));
}

PairVectors PairScorer::TransformTokens(const TokenLists& words, const TokenLists& chars) const {
  PairVectors v{word_.Transform(words), chars_.Transform(chars), {}};
  v.latent =
      latent_map_.cols() > 0 ? LatentRows(v.word, latent_map_) : Eigen::MatrixXf(v.word.rows(), 0);
  return v;
}

PairFeatures PairScorer::Score(std::string_view a, std::string_view b, const PairVectors& va,
                               const PairVectors& vb, int32_t row_a, int32_t row_b) const {
  return Score(Analyze(a), Analyze(b), va, vb, row_a, row_b);
}

AnalysedText PairScorer::Analyze(std::string_view text) const {
  return Analyze(text, NormalizedTokens(text));
}

AnalysedText PairScorer::Analyze(std::string_view text,
                                 const std::vector<std::string>& tokens) const {
  static const Shingler kChar5 = *Shingler::Create({.kind = ShingleKind::kChar, .n = 5});
  AnalysedText t;
  t.num_tokens = tokens.size();
  for (size_t n = 1; n <= 3; ++n) t.ngrams[n - 1] = NGrams(tokens, n);
  for (const std::string& token : tokens)
    if (IsNumber(token)) t.numbers.push_back(token);
  t.numbers = SortedUnique(std::move(t.numbers));
  const std::vector<std::string> content = ContentWords(tokens);
  t.content = SortedUnique(content);
  const WordNet* wordnet = options_.wordnet.get();
  t.cover_words =
      MakeCoverWords(content, wordnet, [this](const std::string& w) { return WordIdf(w); });
  t.target = MakeTarget(content, wordnet);
  t.char5 = kChar5.Shingles(text);
  t.document = IsDocumentText(text);
  return t;
}

PairFeatures PairScorer::Score(const AnalysedText& a, const AnalysedText& b, const PairVectors& va,
                               const PairVectors& vb, int32_t row_a, int32_t row_b) const {
  PairFeatures f;
  f.jaccard_word = SetJaccard(a.ngrams[0], b.ngrams[0]);
  f.jaccard_char = Jaccard(a.char5, b.char5);
  f.cosine_word = RowDot(va.word, row_a, vb.word, row_b);
  f.cosine_char = RowDot(va.chars, row_a, vb.chars, row_b);
  f.cosine = (1 - options_.char_weight) * f.cosine_word + options_.char_weight * f.cosine_char;
  if (va.latent.cols() > 0 && va.latent.cols() == vb.latent.cols()) {
    f.cosine_lsa =
        std::clamp(static_cast<double>(va.latent.row(row_a).dot(vb.latent.row(row_b))), -1.0, 1.0);
  }
  AddOverlapFeatures(a, b, &f);
  f.document_pair = a.document || b.document ? 1 : 0;
  f.score = options_.document_score && f.document_pair == 1
                ? (1 - kDocumentLatentWeight) * f.cosine +
                      kDocumentLatentWeight * std::max(0.0, f.cosine_lsa)
                : options_.model.Apply(f);
  return f;
}

double PairScorer::WordIdf(const std::string& token) const {
  const std::optional<int64_t> feature = word_.Feature(token);
  // A word the fit never saw is as rare as a word can be: idf of a df of 1.
  if (!feature) return std::log((1.0 + word_.num_documents()) / 2.0) + 1;
  return word_.Idf(*feature);
}

void PairScorer::AddOverlapFeatures(const AnalysedText& a, const AnalysedText& b,
                                    PairFeatures* f) const {
  f->dice_word1 = Dice(a.ngrams[0], b.ngrams[0]);
  f->dice_word2 = Dice(a.ngrams[1], b.ngrams[1]);
  f->dice_word3 = Dice(a.ngrams[2], b.ngrams[2]);
  f->dice_content = Dice(a.content, b.content);
  const double ab = Coverage(a.cover_words, b.target);
  const double ba = Coverage(b.cover_words, a.target);
  f->wordnet_min = std::min(ab, ba);
  f->wordnet_max = std::max(ab, ba);
  const std::vector<std::string>& na = a.numbers;
  const std::vector<std::string>& nb = b.numbers;
  f->number_mismatch = na == nb ? 0 : 1;
  const double common = 0.5 * Dice(na, nb) * static_cast<double>(na.size() + nb.size());
  const double either = static_cast<double>(na.size() + nb.size()) - common;
  f->number_distance = either > 0 ? (either - common) / either : 0;
  const double ratio = std::log((1.0 + static_cast<double>(a.num_tokens)) / (1.0 + b.num_tokens));
  f->length_log_ratio2 = ratio * ratio;
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
