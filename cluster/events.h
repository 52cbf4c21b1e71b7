// Event clustering: groups the documents of a mixed feed into news events, so that each
// event gets its own report. Two similar events (two earthquakes, two summits) must stay
// apart, which is why documents are compared on their specifics: TF-IDF over the lead
// (title and first claims) plus the names, dates and numbers they mention, damped by the
// distance between publication dates where both are known.
//
// Example:
//   std::vector<NewsEvent> events = ClusterEvents(corpus, claims, EventOptions());
//   for (const NewsEvent& e : events) ...  // e.title, e.documents (indices, ascending)
//
// Every used document is in exactly one event. Deterministic. Cost: one TF-IDF fit over the
// documents, thresholded all-pairs cosine (similarity/cosine.h) and average-link clustering
// (cluster/clustering.h).
#ifndef CROSSCLAIM_CLUSTER_EVENTS_H_
#define CROSSCLAIM_CLUSTER_EVENTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/claims.h"
#include "core/ingest.h"
#include "core/status.h"
#include "similarity/tfidf.h"

namespace crossclaim {

struct EventOptions {
  size_t lead_claims = 8;  // claims per document whose names, dates, numbers count
  // Words of the whole text, not only of the title and lead: on ECB+ the body's vocabulary
  // tells two similar events apart better (event B3 F1 0.886 vs 0.802, docs/quality.md). Off
  // by default: on the 5-document demo event it splits the untitled readout from the four
  // reports (idf over so few documents), and `crossclaim report` must keep them together.
  bool whole_document = false;
  // Word-pair features and the minimum document frequency of a term (TfidfOptions bigrams,
  // min_df). On ECB+ with the whole text, bigrams and min_df 2 tell similar events apart
  // better (docs/quality.md); off by default: a 5-document feed has too few documents for
  // min_df to keep its words.
  bool bigrams = false;
  int min_df = 1;
  // Latent semantic vectors (similarity/latent.h, a truncated SVD of the documents' word
  // TF-IDF): a related pair's similarity becomes (1 - latent_weight) * cosine +
  // latent_weight * max(0, latent cosine). 0 dimensions: off (the default).
  int latent_dims = 0;
  double latent_weight = 0.3;
  double edge_threshold = 0.08;   // document cosine below which two documents are unrelated
  double event_threshold = 0.16;  // average-link merge threshold
  double days_scale = 3.0;        // similarity *= exp(-|days apart| / days_scale); 0: off
  int threads = 0;

  Status Validate() const;
};

struct NewsEvent {
  int32_t id = 0;
  std::string title;               // the most central document's title, or its first claim
  std::vector<int32_t> documents;  // ascending indices into Corpus::documents
  int32_t central_document = 0;

  bool operator==(const NewsEvent&) const = default;
};

// Events ordered by their first document. Errors: invalid options.
Result<std::vector<NewsEvent>> ClusterEvents(const Corpus& corpus, const ClaimSet& claims,
                                             const EventOptions& options);

namespace internal {

// Publication day of each document; nullopt where unknown.
using PublicationDays = std::vector<std::optional<int64_t>>;
using RowPairs = std::vector<std::pair<int32_t, int32_t>>;

// Pairs of rows (unit TF-IDF rows, one per document) among which are all whose damped weight
// (cosine * exp(-|days apart| / days_scale) where both days are known) reaches `strong`;
// exposed for tests.
Result<RowPairs> StrongCandidates(const TfidfMatrix& rows, const PublicationDays& days,
                                  double strong, const EventOptions& options);

}  // namespace internal

}  // namespace crossclaim

#endif  // CROSSCLAIM_CLUSTER_EVENTS_H_
