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
#include <unordered_map>

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
  std::vector<int32_t> SetVocabulary(const std::vector<const std::string*>& prov_terms,
                                     const std::vector<int64_t>& prov_df, int64_t event_docs);
  TfidfMatrix Assemble(size_t rows,
                       const std::function<void(size_t, std::vector<int32_t>*)>& columns_of) const;
};

std::vector<int32_t> TfidfVectorizer::State::SetVocabulary(
    const std::vector<const std::string*>& prov_terms, const std::vector<int64_t>& prov_df,
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
      if (prov_df[i] + BackgroundDf(*prov_terms[i]) >= options.min_df) {
        order.push_back(static_cast<int32_t>(i));
      }
    }
    std::sort(order.begin(), order.end(),
              [&](int32_t a, int32_t b) { return *prov_terms[a] < *prov_terms[b]; });
    terms.reserve(order.size());
    index.reserve(order.size());
    for (int32_t p : order) {
      column[p] = static_cast<int32_t>(terms.size());
      index.emplace(*prov_terms[p], static_cast<int64_t>(terms.size()));
      terms.push_back(*prov_terms[p]);
      df.push_back(prov_df[p] + BackgroundDf(*prov_terms[p]));
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
      for (size_t block = range.begin(); block != range.end(); ++block) {
        Piece& piece = pieces[block];
        const size_t end = std::min(rows, (block + 1) * kBlock);
        for (size_t row = block * kBlock; row < end; ++row) {
          ids.clear();
          columns_of(row, &ids);
          std::sort(ids.begin(), ids.end());
          weights.clear();
          double norm2 = 0;
          for (size_t i = 0; i < ids.size();) {
            size_t j = i;
            while (j < ids.size() && ids[j] == ids[i]) ++j;
            const double count = static_cast<double>(j - i);
            const double w = (opt.sublinear_tf ? 1.0 + std::log(count) : count) * idf[ids[i]];
            norm2 += w * w;
            piece.columns.push_back(ids[i]);
            weights.push_back(w);
            i = j;
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
  State& s = *state_;
  // Provisional ids in first-seen order, one pass over the tokens.
  TermMap prov;
  std::vector<const std::string*> prov_terms;
  std::vector<int64_t> offsets(docs.size() + 1, 0);
  std::vector<int32_t> ids;
  std::string scratch;
  const int64_t buckets = s.options.hash_buckets;
  for (size_t d = 0; d < docs.size(); ++d) {
    ForEachTerm(docs[d], s.options, &scratch, [&](std::string_view term) {
      if (buckets > 0) {
        ids.push_back(static_cast<int32_t>(BucketOf(term, buckets)));
        return;
      }
      auto it = prov.find(term);
      if (it == prov.end()) {
        it = prov.emplace(std::string(term), static_cast<int64_t>(prov_terms.size())).first;
        prov_terms.push_back(&it->first);
      }
      ids.push_back(static_cast<int32_t>(it->second));
    });
    offsets[d + 1] = static_cast<int64_t>(ids.size());
  }
  std::vector<int64_t> prov_df(buckets > 0 ? buckets : prov_terms.size(), 0);
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
      s.SetVocabulary(prov_terms, prov_df, static_cast<int64_t>(docs.size()));
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
  std::vector<const std::string*> prov_terms;
  prov_terms.reserve(counts.terms.size());
  for (const std::string& term : counts.terms) prov_terms.push_back(&term);
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
      return bad(fmt::format("duplicate term \"{}\"", term));
    }
  }
  s.background = std::move(background);
  s.background_buckets = std::move(background_buckets);
  s.background_documents = documents;
  // Usable on its own: the background vocabulary with no event documents.
  std::vector<const std::string*> terms;
  std::vector<int64_t> zero;
  for (const auto& [term, df] : s.background) terms.push_back(&term);
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
