#include "cluster/events.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "cluster/clustering.h"
#include "similarity/cosine.h"
#include "similarity/latent.h"
#include "similarity/tfidf.h"

namespace crossclaim {
namespace {

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

std::string EventTitle(const Corpus& corpus, const ClaimSet& set, int32_t doc) {
  const Document& d = corpus.documents[static_cast<size_t>(doc)];
  if (!d.title.empty()) return d.title;
  for (const Claim& claim : set.claims) {
    if (claim.doc == doc) return claim.text;
  }
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

// Document pairs at or above edge_threshold in the TF-IDF view; with latent_dims, each pair's
// cosine is blended with the cosine of the documents' latent semantic vectors.
Result<std::vector<CosinePair>> DocumentCosines(const Corpus& corpus, const ClaimSet& claims,
                                                const EventOptions& options) {
  const TokenLists docs =
      DocumentFeatures(corpus, claims, options.lead_claims, options.whole_document);
  Result<TfidfMatrix> rows = DocumentRows(docs, options.bigrams, options.min_df, options.threads);
  if (!rows.ok()) return rows.status();
  AllPairsOptions pair_options;
  pair_options.threshold = options.edge_threshold;
  pair_options.threads = options.threads;
  Result<std::vector<CosinePair>> pairs = AllPairsCosine(*rows, {}, pair_options);
  if (!pairs.ok() || options.latent_dims == 0) return pairs;
  // Words only (no pairs, every document frequency): the topic space of the whole feed.
  Result<TfidfMatrix> words = DocumentRows(docs, false, 1, options.threads);
  if (!words.ok()) return words.status();
  const Eigen::MatrixXf latent = LatentRows(*words, TruncatedSvdMap(*words, options.latent_dims));
  const double w = options.latent_weight;
  for (CosinePair& p : *pairs) {
    const double lsa = latent.row(p.a).dot(latent.row(p.b));
    p.cosine = static_cast<float>((1 - w) * p.cosine + w * std::max(lsa, 0.0));
  }
  return pairs;
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
  Result<std::vector<CosinePair>> pairs = DocumentCosines(corpus, claims, options);
  if (!pairs.ok()) return pairs.status();

  std::vector<WeightedEdge> edges;
  for (const CosinePair& p : *pairs) {
    double weight = p.cosine;
    const auto& a = corpus.documents[static_cast<size_t>(p.a)].published;
    const auto& b = corpus.documents[static_cast<size_t>(p.b)].published;
    if (options.days_scale > 0 && a && b) {
      weight *= std::exp(-std::abs(DaysSinceEpoch(*a) - DaysSinceEpoch(*b)) / options.days_scale);
    }
    edges.push_back({p.a, p.b, static_cast<float>(weight)});
  }
  int32_t n = static_cast<int32_t>(corpus.documents.size());
  std::vector<int32_t> label = AverageLinkClusters(n, edges, {}, {options.event_threshold});

  std::map<int32_t, std::vector<int32_t>> members;
  for (int32_t d = 0; d < n; ++d) members[label[static_cast<size_t>(d)]].push_back(d);
  std::vector<double> centrality(static_cast<size_t>(n), 0.0);
  for (const WeightedEdge& e : edges) {
    if (label[static_cast<size_t>(e.a)] != label[static_cast<size_t>(e.b)]) continue;
    centrality[static_cast<size_t>(e.a)] += e.weight;
    centrality[static_cast<size_t>(e.b)] += e.weight;
  }
  std::vector<NewsEvent> events;
  for (auto& [unused, docs] : members) {
    NewsEvent event;
    event.id = static_cast<int32_t>(events.size());
    event.documents = docs;
    event.central_document = *std::max_element(docs.begin(), docs.end(), [&](int32_t x, int32_t y) {
      double cx = centrality[static_cast<size_t>(x)], cy = centrality[static_cast<size_t>(y)];
      return cx < cy || (cx == cy && x > y);  // ties: the earlier document
    });
    event.title = EventTitle(corpus, claims, event.central_document);
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace crossclaim
