#include "cluster/events.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>
#include <utility>

#include "cluster/clustering.h"
#include "cluster/strong_edge_clustering.h"
#include "similarity/cosine.h"
#include "similarity/latent.h"
#include "similarity/tfidf.h"

namespace crossclaim {
namespace {

using internal::PublicationDays;
using internal::RowPairs;

// Days since 1970-01-01, for publication distances.
int64_t DaysSinceEpoch(const Date& d) {
  std::chrono::year_month_day day{std::chrono::year(d.year),
                                  std::chrono::month(static_cast<unsigned>(d.month)),
                                  std::chrono::day(static_cast<unsigned>(d.day))};
  return std::chrono::sys_days(day).time_since_epoch().count();
}

std::string FeatureToken(std::string_view prefix, std::string_view text) {
  std::string token(prefix);
  for (char c : NormalizeForMatching(text)) token.push_back(c == ' ' ? '_' : c);
  return token;
}

// The words of each document (all of its text when whole_document, else its title and lead),
// plus one feature per name, date and number its lead states: specifics are what tell two
// similar events apart.
TokenLists DocumentFeatures(const Corpus& corpus, const ClaimSet& set, size_t lead_claims,
                            bool whole_document) {
  TokenLists docs(corpus.documents.size());
  std::vector<size_t> taken(corpus.documents.size(), 0);
  for (size_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& doc = corpus.documents[d];
    docs[d] = NormalizedTokens(doc.title);
    if (!whole_document) continue;
    for (std::string& token : NormalizedTokens(doc.text)) docs[d].push_back(std::move(token));
  }
  for (const Claim& claim : set.claims) {
    size_t d = static_cast<size_t>(claim.doc);
    if (taken[d]++ >= lead_claims) continue;
    auto& tokens = docs[d];
    if (!whole_document) tokens.insert(tokens.end(), claim.tokens.begin(), claim.tokens.end());
    for (const std::string& name : claim.names) tokens.push_back(FeatureToken("name:", name));
    for (const DateMention& date : claim.dates) {
      if (date.month > 0 && date.day > 0)
        tokens.push_back(fmt::format("date:{}-{}", date.month, date.day));
      if (date.year > 0) tokens.push_back(fmt::format("year:{}", date.year));
    }
    for (const NumberMention& n : claim.numbers)
      tokens.push_back(fmt::format("num:{}{}", n.value, n.unit));
  }
  return docs;
}

// Each document's first claim, or null.
std::vector<const Claim*> FirstClaims(int32_t num_documents, const ClaimSet& set) {
  std::vector<const Claim*> first(static_cast<size_t>(num_documents), nullptr);
  for (const Claim& claim : set.claims) {
    const Claim*& slot = first[static_cast<size_t>(claim.doc)];
    if (!slot) slot = &claim;
  }
  return first;
}

std::string EventTitle(const Corpus& corpus, const std::vector<const Claim*>& first_claims,
                       int32_t doc) {
  const Document& d = corpus.documents[static_cast<size_t>(doc)];
  if (!d.title.empty()) return d.title;
  if (const Claim* claim = first_claims[static_cast<size_t>(doc)]) return claim->text;
  return d.id;
}

// TF-IDF rows of the documents' feature tokens.
Result<TfidfMatrix> DocumentRows(const TokenLists& docs, bool bigrams, int min_df, int threads) {
  TfidfOptions tfidf;
  tfidf.threads = threads;
  tfidf.bigrams = bigrams;
  tfidf.min_df = min_df;
  Result<TfidfVectorizer> vectorizer = TfidfVectorizer::Create(tfidf);
  if (!vectorizer.ok()) return vectorizer.status();
  return vectorizer->FitTransform(docs);
}

PublicationDays DaysOf(const Corpus& corpus) {
  PublicationDays days;
  for (const Document& doc : corpus.documents) {
    days.push_back(doc.published ? std::optional(DaysSinceEpoch(*doc.published)) : std::nullopt);
  }
  return days;
}

// A pair's similarity damped by the distance between the documents' publication days.
WeightedEdge DampedEdge(const CosinePair& p, const PublicationDays& days, double days_scale) {
  double weight = p.cosine;
  const auto& a = days[static_cast<size_t>(p.a)];
  const auto& b = days[static_cast<size_t>(p.b)];
  if (days_scale > 0 && a && b) weight *= std::exp(-std::abs(*a - *b) / days_scale);
  return {p.a, p.b, static_cast<float>(weight)};
}

// With latent_dims: every pair at or above edge_threshold in the TF-IDF view, its cosine
// blended with the cosine of the documents' latent semantic vectors.
Result<std::vector<WeightedEdge>> BlendedEdges(const TokenLists& docs, const TfidfMatrix& rows,
                                               const PublicationDays& days,
                                               const EventOptions& options) {
  AllPairsOptions pair_options;
  pair_options.threshold = options.edge_threshold;
  pair_options.threads = options.threads;
  Result<std::vector<CosinePair>> pairs = AllPairsCosine(rows, {}, pair_options);
  if (!pairs.ok()) return pairs.status();
  // Words only (no pairs, every document frequency): the topic space of the whole feed.
  Result<TfidfMatrix> words = DocumentRows(docs, false, 1, options.threads);
  if (!words.ok()) return words.status();
  const Eigen::MatrixXf latent = LatentRows(*words, TruncatedSvdMap(*words, options.latent_dims));
  const double w = options.latent_weight;
  std::vector<WeightedEdge> edges;
  for (CosinePair& p : *pairs) {
    const double lsa = latent.row(p.a).dot(latent.row(p.b));
    p.cosine = static_cast<float>((1 - w) * p.cosine + w * std::max(lsa, 0.0));
    edges.push_back(DampedEdge(p, days, options.days_scale));
  }
  return edges;
}

// The rows `members` of `rows`, in that order.
TfidfMatrix SubRows(const TfidfMatrix& rows, std::span<const int32_t> members) {
  TfidfMatrix out(static_cast<Eigen::Index>(members.size()), rows.cols());
  Eigen::Index nnz = 0;
  for (int32_t r : members) nnz += rows.row(r).nonZeros();
  out.reserve(nnz);
  for (size_t i = 0; i < members.size(); ++i) {
    out.startVec(static_cast<Eigen::Index>(i));
    for (TfidfMatrix::InnerIterator it(rows, members[i]); it; ++it)
      out.insertBack(static_cast<Eigen::Index>(i), it.col()) = it.value();
  }
  out.finalize();
  return out;
}

// Appends the pairs of `members` (rows of `rows`) whose cosine may reach `threshold`: a
// superset, since the sub-matrix sums its dot products in its own order (PairCosines gives
// the exact values). `groups`: as for AllPairsCosine, one per member, or empty.
Status AppendCandidates(const TfidfMatrix& rows, std::span<const int32_t> members,
                        std::span<const int32_t> groups, double threshold, int threads,
                        RowPairs* out) {
  AllPairsOptions options;
  options.threshold = std::min(1.0, threshold * (1 - 1e-4));
  options.threads = threads;
  Result<std::vector<CosinePair>> pairs = AllPairsCosine(SubRows(rows, members), groups, options);
  if (!pairs.ok()) return pairs.status();
  for (const CosinePair& p : *pairs) {
    out->emplace_back(members[static_cast<size_t>(p.a)], members[static_cast<size_t>(p.b)]);
  }
  return Status::Ok();
}

// Appends the pairs of dated documents whose damped weight may reach `strong` (a superset, as
// AppendCandidates), in the order of the earlier per-day-pair all-pairs: by the earlier
// document's day, then the gap, then the pair; average-link's ties depend on it.
Status AppendDatedCandidates(const TfidfMatrix& rows, const PublicationDays& days,
                             const std::vector<int32_t>& dated, double strong,
                             const EventOptions& options, RowPairs* out) {
  std::vector<double> gap_thresholds;
  for (int64_t gap = 0;; ++gap) {
    const double needed = strong * std::exp(static_cast<double>(gap) / options.days_scale);
    if (needed > 1.001) break;  // unit rows: no cosine reaches it
    gap_thresholds.push_back(std::min(1.0, needed * (1 - 1e-4)));
  }
  if (dated.empty() || gap_thresholds.empty()) return Status::Ok();
  std::vector<int64_t> positions;
  for (int32_t d : dated) positions.push_back(*days[static_cast<size_t>(d)]);
  TfidfMatrix some;  // the dated rows, unless all are
  const bool all_dated = dated.size() == days.size();
  if (!all_dated) some = SubRows(rows, dated);
  Result<std::vector<CosinePair>> pairs =
      AllPairsCosineWithinGaps(all_dated ? rows : some, positions, gap_thresholds, options.threads);
  if (!pairs.ok()) return pairs.status();
  // (earlier, later) by (day, index); a < b, so a is the earlier unless b has an earlier day.
  for (CosinePair& p : *pairs) {
    if (positions[static_cast<size_t>(p.b)] < positions[static_cast<size_t>(p.a)])
      std::swap(p.a, p.b);
  }
  const auto pos = [&](int32_t r) { return positions[static_cast<size_t>(r)]; };
  std::sort(pairs->begin(), pairs->end(), [&](const CosinePair& p, const CosinePair& q) {
    return std::tuple(pos(p.a), pos(p.b), p.a, p.b) < std::tuple(pos(q.a), pos(q.b), q.a, q.b);
  });
  for (const CosinePair& p : *pairs) {
    out->emplace_back(dated[static_cast<size_t>(p.a)], dated[static_cast<size_t>(p.b)]);
  }
  return Status::Ok();
}

}  // namespace

namespace internal {

// Candidates for the strong pairs, whose damped weight may reach `strong`. A pair d days
// apart weighs at most exp(-d / days_scale) times its cosine, so dated documents are compared
// in one all-pairs in day order, each pair at the cosine its gap needs; a pair with an undated
// document is not damped and needs the cosine itself.
Result<RowPairs> StrongCandidates(const TfidfMatrix& rows, const PublicationDays& days,
                                  double strong, const EventOptions& options) {
  RowPairs out;
  std::vector<int32_t> all(days.size());
  std::iota(all.begin(), all.end(), 0);
  if (options.days_scale == 0) {
    if (Status s = AppendCandidates(rows, all, {}, strong, options.threads, &out); !s.ok())
      return s;
    return out;
  }
  std::vector<int32_t> dated, undated, dated_or_not(days.size());
  for (size_t d = 0; d < days.size(); ++d) {
    (days[d] ? dated : undated).push_back(static_cast<int32_t>(d));
    dated_or_not[d] = days[d] ? 1 : 0;
  }
  if (Status s = AppendDatedCandidates(rows, days, dated, strong, options, &out); !s.ok()) return s;
  if (undated.empty()) return out;
  Status s = AppendCandidates(rows, undated, {}, strong, options.threads, &out);
  if (s.ok() && undated.size() < days.size())
    s = AppendCandidates(rows, all, dated_or_not, strong, options.threads, &out);
  if (!s.ok()) return s;
  return out;
}

}  // namespace internal

namespace {

// The pairs of members of each group that may reach `threshold`: all of them in a small group,
// the sub-matrix's all-pairs candidates in a large one.
Result<RowPairs> PairsWithin(const TfidfMatrix& rows,
                             const std::vector<std::vector<int32_t>>& groups, double threshold,
                             int threads) {
  constexpr size_t kAllPairsAbove = 64;
  RowPairs out;
  for (const std::vector<int32_t>& members : groups) {
    if (members.size() > kAllPairsAbove) {
      if (Status s = AppendCandidates(rows, members, {}, threshold, threads, &out); !s.ok())
        return s;
      continue;
    }
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) out.emplace_back(members[i], members[j]);
    }
  }
  return out;
}

// The documents of each event (ascending), in the order of their first document.
std::vector<std::vector<int32_t>> Members(const std::vector<int32_t>& label) {
  std::map<int32_t, std::vector<int32_t>> members;
  for (size_t d = 0; d < label.size(); ++d) members[label[d]].push_back(static_cast<int32_t>(d));
  std::vector<std::vector<int32_t>> out;
  for (auto& [unused, docs] : members) out.push_back(std::move(docs));
  return out;
}

// The event of each document, and the edges (sorted by (a, b)) of which at least those
// inside one event are listed.
struct Grouping {
  std::vector<int32_t> label;
  std::vector<WeightedEdge> edges;
};

// The grouping from the strong edges (StrongEdgeAverageLink) and the other pairs' weights on
// demand: on 100k generated articles most pairs share a name or a number (cosine >=
// edge_threshold), too many to list, and average-link never merges along them alone.
Result<Grouping> GroupByStrongEdges(const TfidfMatrix& rows, const PublicationDays& days,
                                    const EventOptions& options) {
  const PairCosine cosine(rows);
  const PairWeight weight = [&](int32_t a, int32_t b) -> double {
    const double dot = cosine(a, b);
    if (dot < options.edge_threshold) return 0;
    CosinePair p{std::min(a, b), std::max(a, b), static_cast<float>(dot)};
    return DampedEdge(p, days, options.days_scale).weight;
  };
  // Slack below the threshold: the clustering admits a merge at event_threshold - 1e-12.
  const double strong = std::max(options.event_threshold, options.edge_threshold) - 1e-9;
  Result<RowPairs> candidates = internal::StrongCandidates(rows, days, strong, options);
  if (!candidates.ok()) return candidates.status();
  std::vector<WeightedEdge> strong_edges;
  for (auto [a, b] : *candidates) {
    const double w = weight(a, b);
    if (w >= strong) strong_edges.push_back({a, b, static_cast<float>(w)});
  }
  *candidates = {};
  const int32_t n = static_cast<int32_t>(days.size());
  Grouping out;
  out.label = StrongEdgeAverageLink(n, strong_edges, weight, {options.event_threshold});
  Result<RowPairs> inside =
      PairsWithin(rows, Members(out.label), options.edge_threshold, options.threads);
  if (!inside.ok()) return inside.status();
  std::sort(inside->begin(), inside->end());
  for (auto [a, b] : *inside) {
    const double w = weight(a, b);
    if (w > 0) out.edges.push_back({a, b, static_cast<float>(w)});
  }
  return out;
}

// Documents grouped into events by average-link clustering of their pair similarities.
Result<Grouping> GroupDocuments(const Corpus& corpus, const ClaimSet& claims,
                                const EventOptions& options) {
  TokenLists docs = DocumentFeatures(corpus, claims, options.lead_claims, options.whole_document);
  Result<TfidfMatrix> rows = DocumentRows(docs, options.bigrams, options.min_df, options.threads);
  if (!rows.ok()) return rows.status();
  const PublicationDays days = DaysOf(corpus);
  if (options.latent_dims == 0) {
    // The feature strings are not needed past the rows: on 100k documents they are ~1 GB.
    TokenLists().swap(docs);
    return GroupByStrongEdges(*rows, days, options);
  }
  // The blend can lift a pair of low cosine to a merge: every pair is listed.
  Result<std::vector<WeightedEdge>> edges = BlendedEdges(docs, *rows, days, options);
  if (!edges.ok()) return edges.status();
  const int32_t n = static_cast<int32_t>(corpus.documents.size());
  std::vector<int32_t> label = AverageLinkClusters(n, *edges, {}, {options.event_threshold});
  return Grouping{std::move(label), std::move(*edges)};
}

}  // namespace

Status EventOptions::Validate() const {
  if (!(edge_threshold > 0 && edge_threshold <= 1)) {
    return InvalidArgument(
        fmt::format("EventOptions.edge_threshold must be in (0, 1] (got {})", edge_threshold));
  }
  if (!(event_threshold > 0 && event_threshold <= 1)) {
    return InvalidArgument(
        fmt::format("EventOptions.event_threshold must be in (0, 1] (got {})", event_threshold));
  }
  if (days_scale < 0)
    return InvalidArgument(
        fmt::format("EventOptions.days_scale must be >= 0 (got {})", days_scale));
  if (min_df < 1)
    return InvalidArgument(fmt::format("EventOptions.min_df must be >= 1 (got {})", min_df));
  if (latent_dims < 0) {
    return InvalidArgument(
        fmt::format("EventOptions.latent_dims must be >= 0 (got {})", latent_dims));
  }
  if (!(latent_weight >= 0 && latent_weight <= 1)) {
    return InvalidArgument(
        fmt::format("EventOptions.latent_weight must be in [0, 1] (got {})", latent_weight));
  }
  if (lead_claims == 0) return InvalidArgument("EventOptions.lead_claims must be > 0 (got 0)");
  return Status::Ok();
}

Result<std::vector<NewsEvent>> ClusterEvents(const Corpus& corpus, const ClaimSet& claims,
                                             const EventOptions& options) {
  Status valid = options.Validate();
  if (!valid.ok()) return valid;
  Result<Grouping> grouping = GroupDocuments(corpus, claims, options);
  if (!grouping.ok()) return grouping.status();
  const std::vector<int32_t>& label = grouping->label;
  const int32_t n = static_cast<int32_t>(corpus.documents.size());
  std::vector<double> centrality(static_cast<size_t>(n), 0.0);
  for (const WeightedEdge& e : grouping->edges) {
    if (label[static_cast<size_t>(e.a)] != label[static_cast<size_t>(e.b)]) continue;
    centrality[static_cast<size_t>(e.a)] += e.weight;
    centrality[static_cast<size_t>(e.b)] += e.weight;
  }
  const std::vector<const Claim*> first_claims = FirstClaims(n, claims);
  std::vector<NewsEvent> events;
  for (std::vector<int32_t>& docs : Members(label)) {
    NewsEvent event;
    event.id = static_cast<int32_t>(events.size());
    event.documents = std::move(docs);
    event.central_document = *std::max_element(
        event.documents.begin(), event.documents.end(), [&](int32_t x, int32_t y) {
          double cx = centrality[static_cast<size_t>(x)], cy = centrality[static_cast<size_t>(y)];
          return cx < cy || (cx == cy && x > y);  // ties: the earlier document
        });
    event.title = EventTitle(corpus, first_claims, event.central_document);
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace crossclaim
