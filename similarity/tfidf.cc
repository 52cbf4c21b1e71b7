#include "similarity/tfidf.h"

#include <fmt/format.h>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <span>
#include <unordered_map>

#include "core/text.h"
#include "core/utf8.h"
#include "similarity/internal/term_table.h"
#include "similarity/stopwords.h"

namespace crossclaim {
namespace {

struct TermHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return XXH3_64bits(s.data(), s.size()); }
};
using TermMap = std::unordered_map<std::string, int64_t, TermHash, std::equal_to<>>;

// Calls sink(term) for every term of `tokens` (see the banner of tfidf.h).
template <typename Sink>
void ForEachTerm(const std::vector<std::string>& tokens, const TfidfOptions& options,
                 std::string* scratch, Sink&& sink) {
  std::string_view previous;
  bool has_previous = false;
  for (const std::string& token : tokens) {
    std::string_view term = token;
    if (options.strip_possessive && term.size() > 2 && term.ends_with("'s")) {
      term.remove_suffix(2);
    }
    if (term.empty() || (options.stop_words && IsEnglishStopWord(term))) continue;
    sink(term);
    if (options.bigrams) {
      if (has_previous) {
        scratch->assign(previous);
        scratch->push_back(' ');
        scratch->append(term);
        sink(std::string_view(*scratch));
      }
      previous = term;
      has_previous = true;
    }
  }
}

int64_t BucketOf(std::string_view term, int64_t buckets) {
  return static_cast<int64_t>(XXH3_64bits(term.data(), term.size()) %
                              static_cast<uint64_t>(buckets));
}

double IdfValue(int64_t n, int64_t df, bool smooth) {
  if (smooth) return std::log((1.0 + n) / (1.0 + df)) + 1.0;
  return std::log(static_cast<double>(n) / df) + 1.0;
}

template <typename F>
void RunParallel(int threads, F&& f) {
  if (threads > 0) {
    tbb::task_arena arena(threads);
    arena.execute(f);
  } else {
    f();
  }
}

// Blocks of the fit hold at least this many documents (fewer only when there are fewer).
constexpr size_t kMinBlockDocs = 256;

std::string_view WithoutPossessive(std::string_view term, const TfidfOptions& options) {
  if (options.strip_possessive && term.size() > 2 && term.ends_with("'s")) term.remove_suffix(2);
  return term;
}

// The terms of documents [first_doc, first_doc + ends.size()): ids of `table` per term
// occurrence (stop words left out), the end of each document's ids, and per id the number
// of the block's documents holding it.
struct TermBlock {
  size_t first_doc = 0;
  internal::TermTable table;
  std::vector<uint32_t> ids;
  std::vector<int64_t> ends;
  std::vector<int64_t> df;
};

// The terms of documents [begin, end) into `block`, analysed as ForEachTerm does: the
// stop-word test runs once per distinct term (the table's flag), not once per token.
// tokens_of(d, sink) calls sink(token) for each token of document d.
template <typename TokensOf>
void CountTerms(const TokensOf& tokens_of, size_t begin, size_t end, const TfidfOptions& options,
                TermBlock* block) {
  block->first_doc = begin;
  block->ends.reserve(end - begin);
  std::vector<size_t> last_doc;  // per id: 1 + the last document counted in df
  auto add = [&](uint32_t id, size_t d) {
    block->ids.push_back(id);
    if (id >= last_doc.size()) {
      last_doc.resize(block->table.size(), 0);
      block->df.resize(block->table.size(), 0);
    }
    if (last_doc[id] != d + 1) {
      last_doc[id] = d + 1;
      ++block->df[id];
    }
  };
  auto is_stop = [&](std::string_view t) { return options.stop_words && IsEnglishStopWord(t); };
  auto never_stop = [](std::string_view) { return false; };
  std::string scratch;
  for (size_t d = begin; d < end; ++d) {
    bool has_previous = false;
    uint32_t previous = 0;
    tokens_of(d, [&](std::string_view token) {
      const std::string_view term = WithoutPossessive(token, options);
      if (term.empty()) return;
      const uint32_t id = block->table.Intern(term, internal::TermTable::Hash(term), is_stop);
      if (block->table.flag(id)) return;
      add(id, d);
      if (!options.bigrams) return;
      if (has_previous) {
        scratch.assign(block->table.Term(previous));
        scratch.push_back(' ');
        scratch.append(term);
        add(block->table.Intern(scratch, internal::TermTable::Hash(scratch), never_stop), d);
      }
      previous = id;
      has_previous = true;
    });
    block->ends.push_back(static_cast<int64_t>(block->ids.size()));
  }
  block->df.resize(block->table.size(), 0);
}

// The distinct columns of a row and how often each occurs. Up to kDenseColumns columns a
// count per column replaces sorting every occurrence (a row's tokens repeat; its distinct
// columns are fewer); beyond that, sort and run-length count.
class TermCounter {
 public:
  static constexpr size_t kDenseColumns = size_t{1} << 24;

  // The counts live in one zeroed buffer per thread, reused by every row of every call
  // (Take() leaves it zeroed again).
  explicit TermCounter(size_t columns) : dense_(columns <= kDenseColumns) {
    thread_local std::vector<uint32_t> storage;
    if (dense_ && storage.size() < columns) storage.resize(columns, 0);
    counts_ = storage.data();
  }

  // Replaces `ids` by its distinct values in ascending order; Take(id) then gives each count.
  void Count(std::vector<int32_t>* ids) {
    if (!dense_) {
      std::sort(ids->begin(), ids->end());
      runs_.clear();
      size_t out = 0;
      for (size_t i = 0; i < ids->size();) {
        size_t j = i;
        while (j < ids->size() && (*ids)[j] == (*ids)[i]) ++j;
        (*ids)[out++] = (*ids)[i];
        runs_.push_back(static_cast<uint32_t>(j - i));
        i = j;
      }
      ids->resize(out);
      next_run_ = 0;
      return;
    }
    size_t out = 0;
    for (int32_t id : *ids) {
      if (counts_[static_cast<size_t>(id)]++ == 0) (*ids)[out++] = id;
    }
    ids->resize(out);
    std::sort(ids->begin(), ids->end());
  }

  // The count of `id`; ids must be taken in the order Count() left them. Resets it.
  uint32_t Take(int32_t id) {
    if (!dense_) return runs_[next_run_++];
    const uint32_t n = counts_[static_cast<size_t>(id)];
    counts_[static_cast<size_t>(id)] = 0;
    return n;
  }

 private:
  bool dense_;
  uint32_t* counts_ = nullptr;
  std::vector<uint32_t> runs_;
  size_t next_run_ = 0;
};

}  // namespace

struct TfidfVectorizer::State {
  TfidfOptions options;
  // Exact vocabulary: terms in byte order, index term -> column.
  std::vector<std::string> terms;
  TermMap index;
  // Hashing: column of each bucket (-1 dropped). Empty for the exact vocabulary.
  std::vector<int32_t> bucket_column;
  std::vector<int64_t> df;  // per column, background included
  std::vector<double> idf;  // per column
  int64_t num_documents = 0;
  // Background counts from LoadIdf().
  std::unordered_map<std::string, int64_t, TermHash, std::equal_to<>> background;
  std::vector<int64_t> background_buckets;
  int64_t background_documents = 0;

  bool hashing() const { return options.hash_buckets > 0; }
  int64_t BackgroundDf(std::string_view term) const {
    auto it = background.find(term);
    return it == background.end() ? 0 : it->second;
  }
  // Column of one analysed term, or -1.
  int64_t Column(std::string_view term) const {
    if (hashing()) return bucket_column[BucketOf(term, options.hash_buckets)];
    auto it = index.find(term);
    return it == index.end() ? -1 : it->second;
  }
  void ComputeIdf() {
    idf.resize(df.size());
    for (size_t i = 0; i < df.size(); ++i) {
      idf[i] = IdfValue(num_documents, df[i], options.smooth_idf);
    }
  }
  // Sets the columns from provisional counts: `prov_df[i]` event documents hold term
  // `prov_terms[i]` (or bucket i when hashing). Returns the column of each provisional id.
  std::vector<int32_t> SetVocabulary(const std::vector<std::string_view>& prov_terms,
                                     const std::vector<int64_t>& prov_df, int64_t event_docs);
  TfidfMatrix Assemble(size_t rows,
                       const std::function<void(size_t, std::vector<int32_t>*)>& columns_of) const;
};

std::vector<int32_t> TfidfVectorizer::State::SetVocabulary(
    const std::vector<std::string_view>& prov_terms, const std::vector<int64_t>& prov_df,
    int64_t event_docs) {
  num_documents = background_documents + event_docs;
  std::vector<int32_t> column(prov_df.size(), -1);
  terms.clear();
  index.clear();
  df.clear();
  if (hashing()) {
    bucket_column.assign(options.hash_buckets, -1);
    for (int64_t b = 0; b < options.hash_buckets; ++b) {
      int64_t total = prov_df[b] + (background_buckets.empty() ? 0 : background_buckets[b]);
      if (total >= options.min_df && total > 0) {
        bucket_column[b] = static_cast<int32_t>(b);
        column[b] = static_cast<int32_t>(b);
      }
      df.push_back(total);
    }
  } else {
    std::vector<int32_t> order;
    for (size_t i = 0; i < prov_terms.size(); ++i) {
      if (prov_df[i] + BackgroundDf(prov_terms[i]) >= options.min_df) {
        order.push_back(static_cast<int32_t>(i));
      }
    }
    std::sort(order.begin(), order.end(),
              [&](int32_t a, int32_t b) { return prov_terms[a] < prov_terms[b]; });
    terms.reserve(order.size());
    index.reserve(order.size());
    for (int32_t p : order) {
      column[p] = static_cast<int32_t>(terms.size());
      index.emplace(std::string(prov_terms[p]), static_cast<int64_t>(terms.size()));
      terms.emplace_back(prov_terms[p]);
      df.push_back(prov_df[p] + BackgroundDf(prov_terms[p]));
    }
  }
  ComputeIdf();
  return column;
}

TfidfMatrix TfidfVectorizer::State::Assemble(
    size_t rows, const std::function<void(size_t, std::vector<int32_t>*)>& columns_of) const {
  // Each block of rows builds its own CSR piece; pieces are then concatenated in order.
  constexpr size_t kBlock = 2048;
  const size_t blocks = (rows + kBlock - 1) / kBlock;
  struct Piece {
    std::vector<int32_t> row_nnz, columns;
    std::vector<float> values;
  };
  std::vector<Piece> pieces(blocks);
  const TfidfOptions& opt = options;
  RunParallel(opt.threads, [&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, blocks), [&](const auto& range) {
      std::vector<int32_t> ids;
      std::vector<double> weights;
      TermCounter counter(df.size());
      for (size_t block = range.begin(); block != range.end(); ++block) {
        Piece& piece = pieces[block];
        const size_t end = std::min(rows, (block + 1) * kBlock);
        for (size_t row = block * kBlock; row < end; ++row) {
          ids.clear();
          columns_of(row, &ids);
          counter.Count(&ids);
          weights.clear();
          double norm2 = 0;
          for (int32_t id : ids) {
            const double count = static_cast<double>(counter.Take(id));
            const double w = (opt.sublinear_tf ? 1.0 + std::log(count) : count) * idf[id];
            norm2 += w * w;
            piece.columns.push_back(id);
            weights.push_back(w);
          }
          // Divide in double, as scikit-learn does, before rounding to float.
          const double scale = opt.l2_normalize && norm2 > 0 ? 1.0 / std::sqrt(norm2) : 1.0;
          for (double w : weights) piece.values.push_back(static_cast<float>(w * scale));
          piece.row_nnz.push_back(static_cast<int32_t>(weights.size()));
        }
      }
    });
  });
  size_t nnz = 0;
  for (const Piece& p : pieces) nnz += p.values.size();
  TfidfMatrix m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(df.size()));
  m.resizeNonZeros(static_cast<Eigen::Index>(nnz));
  int32_t* outer = m.outerIndexPtr();
  size_t row = 0, at = 0;
  outer[0] = 0;
  for (const Piece& p : pieces) {
    for (int32_t k : p.row_nnz) {
      outer[row + 1] = outer[row] + k;
      ++row;
    }
    std::copy(p.columns.begin(), p.columns.end(), m.innerIndexPtr() + at);
    std::copy(p.values.begin(), p.values.end(), m.valuePtr() + at);
    at += p.values.size();
  }
  return m;
}

TfidfVectorizer::TfidfVectorizer(std::unique_ptr<State> state) : state_(std::move(state)) {}
TfidfVectorizer::TfidfVectorizer(TfidfVectorizer&&) noexcept = default;
TfidfVectorizer& TfidfVectorizer::operator=(TfidfVectorizer&&) noexcept = default;
TfidfVectorizer::~TfidfVectorizer() = default;

Result<TfidfVectorizer> TfidfVectorizer::Create(const TfidfOptions& options) {
  if (options.min_df < 1) {
    return InvalidArgument(
        fmt::format("TfidfOptions.min_df must be >= 1 (got {})", options.min_df));
  }
  if (options.hash_buckets < 0 || options.hash_buckets > INT32_MAX) {
    return InvalidArgument(fmt::format(
        "TfidfOptions.hash_buckets must be in [0, 2147483647] (got {})", options.hash_buckets));
  }
  if (options.threads < 0) {
    return InvalidArgument(
        fmt::format("TfidfOptions.threads must be >= 0 (got {})", options.threads));
  }
  auto state = std::make_unique<State>();
  state->options = options;
  if (state->hashing()) state->bucket_column.assign(options.hash_buckets, -1);
  return TfidfVectorizer(std::move(state));
}

void TfidfVectorizer::Fit(const TokenLists& docs) { FitTransform(docs); }

TfidfMatrix TfidfVectorizer::FitTransform(const TokenLists& docs) {
  if (state_->hashing()) return FitTransformHashed(docs);
  return FitTransformVocabulary(docs.size(), [&](size_t d, auto&& sink) {
    for (const std::string& token : docs[d]) sink(std::string_view(token));
  });
}

TfidfMatrix TfidfVectorizer::FitTransformTexts(const std::vector<std::string_view>& texts) {
  if (state_->hashing()) {
    TokenLists docs(texts.size());
    RunParallel(state_->options.threads, [&] {
      tbb::parallel_for(size_t{0}, texts.size(),
                        [&](size_t d) { docs[d] = NormalizedTokens(texts[d]); });
    });
    return FitTransformHashed(docs);
  }
  return FitTransformVocabulary(texts.size(), [&](size_t d, auto&& sink) {
    thread_local TokenizedText tokens;
    Tokenize(texts[d], &tokens);
    for (size_t i = 0; i < tokens.size(); ++i) sink(tokens.norm(i));
  });
}

// Each block of documents interns its terms in its own table, in parallel; the blocks'
// distinct terms are then merged in block order. Columns are the terms in byte order and
// df is a sum, so the result does not depend on the blocking.
template <typename TokensOf>
TfidfMatrix TfidfVectorizer::FitTransformVocabulary(size_t num_docs, const TokensOf& tokens_of) {
  State& s = *state_;
  std::vector<TermBlock> blocks;
  RunParallel(s.options.threads, [&] {
    const size_t width = static_cast<size_t>(tbb::this_task_arena::max_concurrency());
    const size_t count = std::clamp<size_t>(num_docs / kMinBlockDocs, 1, 8 * width);
    blocks.resize(count);
    tbb::parallel_for(size_t{0}, count, [&](size_t b) {
      CountTerms(tokens_of, b * num_docs / count, (b + 1) * num_docs / count, s.options,
                 &blocks[b]);
    });
  });
  internal::TermTable merged;
  std::vector<int64_t> prov_df;
  std::vector<std::vector<int32_t>> to_merged(blocks.size());
  for (size_t b = 0; b < blocks.size(); ++b) {
    const internal::TermTable& table = blocks[b].table;
    to_merged[b].assign(table.size(), -1);
    for (uint32_t id = 0; id < table.size(); ++id) {
      if (table.flag(id)) continue;  // a stop word
      const uint32_t m = merged.Intern(table.Term(id), table.hash(id), [](auto) { return false; });
      if (m == prov_df.size()) prov_df.push_back(0);
      prov_df[m] += blocks[b].df[id];
      to_merged[b][id] = static_cast<int32_t>(m);
    }
  }
  std::vector<std::string_view> prov_terms(merged.size());
  for (uint32_t m = 0; m < merged.size(); ++m) prov_terms[m] = merged.Term(m);
  const std::vector<int32_t> column =
      s.SetVocabulary(prov_terms, prov_df, static_cast<int64_t>(num_docs));
  for (std::vector<int32_t>& map : to_merged) {
    for (int32_t& c : map) c = c < 0 ? -1 : column[static_cast<size_t>(c)];
  }
  std::vector<size_t> block_of(num_docs);
  for (size_t b = 0; b < blocks.size(); ++b) {
    std::fill(
        block_of.begin() + static_cast<ptrdiff_t>(blocks[b].first_doc),
        block_of.begin() + static_cast<ptrdiff_t>(blocks[b].first_doc + blocks[b].ends.size()), b);
  }
  return s.Assemble(num_docs, [&](size_t d, std::vector<int32_t>* out) {
    const TermBlock& block = blocks[block_of[d]];
    const size_t local = d - block.first_doc;
    const int64_t begin = local == 0 ? 0 : block.ends[local - 1];
    for (int64_t k = begin; k < block.ends[local]; ++k) {
      const int32_t c = to_merged[block_of[d]][block.ids[static_cast<size_t>(k)]];
      if (c >= 0) out->push_back(c);
    }
  });
}

TfidfMatrix TfidfVectorizer::FitTransformIds(const std::vector<std::string_view>& tokens,
                                             const std::vector<uint32_t>& ids,
                                             const std::vector<int64_t>& ends) {
  State& s = *state_;
  auto document = [&](size_t d) {
    return std::span(ids).subspan(static_cast<size_t>(d == 0 ? 0 : ends[d - 1]),
                                  static_cast<size_t>(ends[d] - (d == 0 ? 0 : ends[d - 1])));
  };
  if (s.options.bigrams || s.hashing()) {  // a term may span two tokens, or none is interned
    TokenLists docs(ends.size());
    for (size_t d = 0; d < ends.size(); ++d) {
      for (uint32_t id : document(d)) docs[d].emplace_back(tokens[id]);
    }
    return FitTransform(docs);
  }
  // Each token's term (possessive stripped, stop words dropped: -1), distinct terms interned.
  internal::TermTable table;
  std::vector<int32_t> term_of(tokens.size(), -1);
  for (size_t t = 0; t < tokens.size(); ++t) {
    const std::string_view term = WithoutPossessive(tokens[t], s.options);
    if (term.empty() || (s.options.stop_words && IsEnglishStopWord(term))) continue;
    term_of[t] = static_cast<int32_t>(
        table.Intern(term, internal::TermTable::Hash(term), [](auto) { return false; }));
  }
  std::vector<int64_t> df(table.size(), 0);
  std::vector<size_t> last_doc(table.size(), 0);  // 1 + the last document counted
  for (size_t d = 0; d < ends.size(); ++d) {
    for (uint32_t id : document(d)) {
      const int32_t term = term_of[id];
      if (term >= 0 && last_doc[static_cast<size_t>(term)] != d + 1) {
        last_doc[static_cast<size_t>(term)] = d + 1;
        ++df[static_cast<size_t>(term)];
      }
    }
  }
  std::vector<std::string_view> terms(table.size());
  for (uint32_t t = 0; t < table.size(); ++t) terms[t] = table.Term(t);
  const std::vector<int32_t> column = s.SetVocabulary(terms, df, static_cast<int64_t>(ends.size()));
  for (int32_t& c : term_of) c = c < 0 ? -1 : column[static_cast<size_t>(c)];
  return s.Assemble(ends.size(), [&](size_t d, std::vector<int32_t>* out) {
    for (uint32_t id : document(d)) {
      if (term_of[id] >= 0) out->push_back(term_of[id]);
    }
  });
}

TfidfMatrix TfidfVectorizer::FitTransformHashed(const TokenLists& docs) {
  State& s = *state_;
  const int64_t buckets = s.options.hash_buckets;
  std::vector<int64_t> offsets(docs.size() + 1, 0);
  std::vector<int32_t> ids;
  std::string scratch;
  for (size_t d = 0; d < docs.size(); ++d) {
    ForEachTerm(docs[d], s.options, &scratch, [&](std::string_view term) {
      ids.push_back(static_cast<int32_t>(BucketOf(term, buckets)));
    });
    offsets[d + 1] = static_cast<int64_t>(ids.size());
  }
  std::vector<int64_t> prov_df(static_cast<size_t>(buckets), 0);
  std::vector<int32_t> seen(prov_df.size(), -1);
  for (size_t d = 0; d < docs.size(); ++d) {
    for (int64_t k = offsets[d]; k < offsets[d + 1]; ++k) {
      if (seen[ids[k]] != static_cast<int32_t>(d)) {
        seen[ids[k]] = static_cast<int32_t>(d);
        ++prov_df[ids[k]];
      }
    }
  }
  seen = {};
  const std::vector<int32_t> column =
      s.SetVocabulary({}, prov_df, static_cast<int64_t>(docs.size()));
  return s.Assemble(docs.size(), [&](size_t d, std::vector<int32_t>* out) {
    for (int64_t k = offsets[d]; k < offsets[d + 1]; ++k) {
      if (column[ids[k]] >= 0) out->push_back(column[ids[k]]);
    }
  });
}

DocumentFrequencies TfidfVectorizer::CountDocumentFrequencies(const TokenLists& docs) const {
  const TfidfOptions& options = state_->options;
  const bool hashing = options.hash_buckets > 0;
  DocumentFrequencies counts;
  counts.documents = static_cast<int64_t>(docs.size());
  if (hashing) counts.df.assign(static_cast<size_t>(options.hash_buckets), 0);
  std::map<std::string, int64_t, std::less<>> df;  // ordered: terms come out in byte order
  std::vector<std::string> terms;
  std::vector<int64_t> buckets;
  std::string scratch;
  for (const std::vector<std::string>& tokens : docs) {
    terms.clear();
    buckets.clear();
    ForEachTerm(tokens, options, &scratch, [&](std::string_view t) {
      if (hashing) {
        buckets.push_back(BucketOf(t, options.hash_buckets));
      } else {
        terms.emplace_back(t);
      }
    });
    // A document counts once per term (or bucket), however often it holds it.
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    for (const std::string& term : terms) ++df[term];
    std::sort(buckets.begin(), buckets.end());
    buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
    for (int64_t bucket : buckets) ++counts.df[static_cast<size_t>(bucket)];
  }
  for (auto& [term, n] : df) {
    counts.terms.push_back(term);
    counts.df.push_back(n);
  }
  return counts;
}

void TfidfVectorizer::FitCounts(const DocumentFrequencies& counts) {
  const std::vector<std::string_view> prov_terms(counts.terms.begin(), counts.terms.end());
  state_->SetVocabulary(prov_terms, counts.df, counts.documents);
}

TfidfMatrix TfidfVectorizer::Transform(const TokenLists& docs) const {
  const State& s = *state_;
  return s.Assemble(docs.size(), [&](size_t d, std::vector<int32_t>* out) {
    thread_local std::string scratch;
    ForEachTerm(docs[d], s.options, &scratch, [&](std::string_view term) {
      const int64_t c = s.Column(term);
      if (c >= 0) out->push_back(static_cast<int32_t>(c));
    });
  });
}

std::vector<std::string> TfidfVectorizer::Analyze(const std::vector<std::string>& tokens) const {
  std::vector<std::string> out;
  std::string scratch;
  ForEachTerm(tokens, state_->options, &scratch,
              [&](std::string_view term) { out.emplace_back(term); });
  return out;
}

Status TfidfVectorizer::SaveIdf(const std::string& path) const {
  const State& s = *state_;
  std::ofstream out(path, std::ios::binary);
  if (!out) return NotFound(fmt::format("{}: cannot open for writing", path));
  out << "crossclaim-idf 1\n"
      << "documents " << s.num_documents << "\n"
      << "hash_buckets " << s.options.hash_buckets << "\n";
  for (size_t c = 0; c < s.df.size(); ++c) {
    if (s.hashing()) {
      if (s.df[c] > 0) out << s.df[c] << '\t' << c << '\n';
    } else {
      out << s.df[c] << '\t' << s.terms[c] << '\n';
    }
  }
  out.flush();
  if (!out) return DataLoss(fmt::format("{}: write failed", path));
  return Status::Ok();
}

Status TfidfVectorizer::LoadIdf(const std::string& path) {
  State& s = *state_;
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open idf file", path));
  std::string line;
  int line_no = 0;
  auto bad = [&](std::string_view rule) {
    return DataLoss(fmt::format("{}:{}: {}", path, line_no, rule));
  };
  auto header = [&](std::string_view key, int64_t* value) -> bool {
    ++line_no;
    if (!std::getline(in, line) || !line.starts_with(key) || line.size() <= key.size() + 1 ||
        line[key.size()] != ' ') {
      return false;
    }
    const char* begin = line.data() + key.size() + 1;
    const char* end = line.data() + line.size();
    auto [ptr, ec] = std::from_chars(begin, end, *value);
    return ec == std::errc() && ptr == end && *value >= 0;
  };
  int64_t version = 0, documents = 0, buckets = 0;
  if (!header("crossclaim-idf", &version) || version != 1) {
    return bad("expected `crossclaim-idf 1`");
  }
  if (!header("documents", &documents)) return bad("expected `documents <n>` with n >= 0");
  if (!header("hash_buckets", &buckets)) return bad("expected `hash_buckets <b>` with b >= 0");
  if (buckets != s.options.hash_buckets) {
    return InvalidArgument(
        fmt::format("{}: idf file has hash_buckets {} but TfidfOptions.hash_buckets is {}", path,
                    buckets, s.options.hash_buckets));
  }
  decltype(s.background) background;
  std::vector<int64_t> background_buckets(buckets, 0);
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab + 1 == line.size()) {
      return bad("expected `<df>\\t<term>`");
    }
    int64_t df = 0;
    auto [ptr, ec] = std::from_chars(line.data(), line.data() + tab, df);
    if (ec != std::errc() || ptr != line.data() + tab || df < 1 || df > documents) {
      return bad(fmt::format("df must be an integer in [1, {}]", documents));
    }
    std::string_view term(line.data() + tab + 1, line.size() - tab - 1);
    if (buckets > 0) {
      int64_t b = -1;
      auto [p2, e2] = std::from_chars(term.data(), term.data() + term.size(), b);
      if (e2 != std::errc() || p2 != term.data() + term.size() || b < 0 || b >= buckets) {
        return bad(fmt::format("bucket must be an integer in [0, {})", buckets));
      }
      background_buckets[b] += df;
    } else if (!background.emplace(std::string(term), df).second) {
      return bad(fmt::format("duplicate term \"{}\"", QuoteInput(term)));
    }
  }
  s.background = std::move(background);
  s.background_buckets = std::move(background_buckets);
  s.background_documents = documents;
  // Usable on its own: the background vocabulary with no event documents.
  std::vector<std::string_view> terms;
  std::vector<int64_t> zero;
  for (const auto& [term, df] : s.background) terms.emplace_back(term);
  zero.assign(s.hashing() ? buckets : terms.size(), 0);
  s.SetVocabulary(terms, zero, 0);
  return Status::Ok();
}

const TfidfOptions& TfidfVectorizer::options() const { return state_->options; }
int64_t TfidfVectorizer::num_features() const { return static_cast<int64_t>(state_->df.size()); }
int64_t TfidfVectorizer::num_documents() const { return state_->num_documents; }

std::string TfidfVectorizer::Term(int64_t feature) const {
  if (state_->hashing()) return fmt::format("#{}", feature);
  return state_->terms[feature];
}

std::optional<int64_t> TfidfVectorizer::Feature(std::string_view term) const {
  const int64_t c = state_->Column(term);
  if (c < 0) return std::nullopt;
  return c;
}

double TfidfVectorizer::Idf(int64_t feature) const {
  const State& s = *state_;
  return s.idf[feature];
}

}  // namespace crossclaim
