// Event analysis: from the claims of one news event to clusters of claims about the same
// fact, each labelled corroborated, single-source, copied or divergent, with its evidence.
//
// Example:
//   ClaimSet claims = ExtractCorpusClaims(corpus, {}, {});
//   Result<EventAnalysis> event = AnalyzeEvent(corpus, claims, AnalysisOptions());
//   for (const ClaimCluster& c : event->clusters)
//     if (c.label == ClusterLabel::kDivergent) ...  // c.divergences: both claims, spans
//
// Stages:
//  1. TF-IDF rows of the claims (fitted on the event's own claims, or a background idf).
//  2. Off-event claims, per block of a page (claims between two removed lines): the first
//     block of a document is its lead; a later block whose cosine to the centre of the other
//     documents' leads is below `off_event_threshold` is off-event (a sidebar, a "More
//     from..." list, a news feed), unless a claim of it is tied by a strong edge to an
//     on-event claim of another document. Off-event claims join no cluster.
//  3. Edges between claims of different documents (never within one document):
//     overlap (cosine >= overlap_threshold), copy (the two claims lie in one aligned verbatim
//     or rewrite passage of a text-reuse derivation: similarity/reuse.h, cluster/reuse_links.h;
//     or one is reprinted nearly word for word, word-3-gram Jaccard >= copy_threshold), conflict
//     (an overlap or copy edge whose claims diverge: FindDivergences).
//  4. Average-link clustering (cluster/clustering.h) over the edges, weight = cosine.
//  5. Per cluster: outlets, independent sources (documents with a named outlet count once
//     per outlet, unknown outlets once per document, and a derived document with its source
//     once: text reuse graded wholly or partially on evidence other than quotations), origin
//     (the earliest published member not derived from another member), speakers behind it
//     (attributions, "Yuri Ushakov" and "Ushakov" as one), divergences, and the label:
//     divergent (a conflict inside) > copied (several documents, one independent source, a
//     copy edge inside) > corroborated (>= 2 independent sources) > single_source.
//
// Deterministic: the same input gives the same analysis for any thread count.
#ifndef CROSSCLAIM_CLUSTER_EVENT_ANALYSIS_H_
#define CROSSCLAIM_CLUSTER_EVENT_ANALYSIS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cluster/divergence.h"
#include "cluster/upstream.h"
#include "core/claims.h"
#include "core/ingest.h"
#include "core/status.h"
#include "similarity/dedup.h"
#include "similarity/reuse.h"
#include "similarity/tfidf.h"

namespace crossclaim {

struct AnalysisOptions {
  TfidfOptions tfidf;
  std::string background_idf;      // a file written by `crossclaim idf`; empty: fit on the event
  double overlap_threshold = 0.1;  // cosine for an overlap edge
  double cluster_threshold = 0.2;  // average-link merge threshold
  // Cluster on max(cosine, jaccard, same-fact) with every on-event edge in the averages
  // (MergeWeight in event_analysis.cc) instead of max(cosine, jaccard) of the joining edges.
  // Recalls paraphrased headlines (Emergent test pairwise F1 0.66 -> 0.80) but joins more
  // sentences of one topic in full articles (BASIL dev corroborated precision 0.91 -> 0.83),
  // so it is off by default (docs/quality.md); between standalone documents it applies anyway.
  bool merge_on_same_fact = false;
  // Between the claims of two standalone documents, one line of at most this many claims
  // (headlines, feed items), the clustering is that of merge_on_same_fact whatever its value;
  // full articles are not affected. 0: never (docs/quality.md, Emergent).
  size_t standalone_max_claims = 3;
  // Same fact, not same words: an overlap edge joins claims into one cluster, and its
  // divergences count, only when its same-fact score (cluster/fact_scores.h, the learned pair
  // score) is at least this; copy edges always do. Chosen on the BASIL dev audit
  // (docs/quality.md).
  double fact_threshold = 0.42;
  // Lower bars where the claims are anchored to one fact otherwise: they name the same
  // specific detail (an amount, a dated year: cluster/referents.h SharesSpecifics) or relay
  // the same named speaker (cluster/upstream.h); or, lower still, both lead their articles
  // (the first `lead_claims` claims, which state the event itself). The learned score, fitted
  // on short sentence pairs, underrates long news sentences that say one thing and more.
  double fact_threshold_anchored = 0.3;
  double fact_threshold_leads = 0.2;
  // WordNet for the same-fact score; empty or "none": equal words only.
  std::string wordnet_dir = "/usr/share/wordnet";
  double copy_threshold = 0.7;       // claim word-3-gram Jaccard for a reprinted sentence (copy)
  double off_event_threshold = 0.1;  // cosine to the event's centre (the documents' leads)
  size_t lead_claims = 3;            // claims per document that make its lead
  double rescue_threshold = 0.4;     // an off-event claim this close to an on-event one stays
  // Each claim keeps at most this many overlap partners, its strongest (0: all). Bounds the
  // graph on large inputs; a fact is rarely restated by more outlets than this.
  int max_partners = 50;
  DedupOptions dedup;  // passage-level copies between documents
  DivergenceOptions divergence;
  // Divergences below this confidence (Divergence::confidence) stay in the analysis but do
  // not make a cluster divergent; the report shows them only when asked (--all-divergences).
  double min_divergence_confidence = 0.5;
  int threads = 0;  // 0: all cores

  // Checks ranges; the message names the field and the rule.
  Status Validate() const;
};

enum class EdgeKind { kOverlap, kCopy, kConflict };
enum class ClusterLabel { kDivergent, kCopied, kCorroborated, kSingleSource };

std::string_view EdgeKindName(EdgeKind kind);           // "overlap", "copy", "conflict"
std::string_view ClusterLabelName(ClusterLabel label);  // "divergent", "copied", ...

// An edge between two claims of different documents; a < b (claim ids).
struct ClaimEdge {
  int32_t a = 0;
  int32_t b = 0;
  EdgeKind kind = EdgeKind::kOverlap;
  float cosine = 0;
  float jaccard = 0;                    // Jaccard of the two claims' word 3-gram sets
  float fact = 0;                       // same-fact score in [0, 1] (cluster/fact_scores.h)
  std::vector<Divergence> divergences;  // non-empty exactly when kind == kConflict
  std::vector<std::pair<std::string, float>> terms;  // words that carry the cosine, largest first

  bool operator==(const ClaimEdge&) const = default;
};

// A divergence between two claims of one cluster.
struct ClusterDivergence {
  int32_t a = 0;  // claim ids
  int32_t b = 0;
  Divergence detail;

  bool operator==(const ClusterDivergence&) const = default;
};

struct ClaimCluster {
  int32_t id = 0;
  ClusterLabel label = ClusterLabel::kSingleSource;
  std::vector<int32_t> claims;       // ascending claim ids
  std::vector<int32_t> documents;    // ascending document indices
  std::vector<std::string> outlets;  // distinct, in document order
  int32_t independent_sources = 0;
  // Independent sources after merging those relaying one upstream source (cluster/upstream.h):
  // 000 and 003 both quoting Yuri Ushakov are 2 independent sources, 1 upstream source.
  int32_t upstream_sources = 0;
  std::vector<UpstreamSource> upstream;  // the named upstream sources
  // A quotation printed by several of the cluster's documents (a shared quotation, not a
  // copy), as the first prints it, and its speaker; empty when none.
  std::string quotation;
  std::string quotation_speaker;
  // Document index of the earliest published member not derived (text reuse) from another.
  int32_t origin = 0;
  std::vector<std::string> speakers;  // distinct attributions behind the claims
  std::vector<ClusterDivergence> divergences;

  bool operator==(const ClaimCluster&) const = default;
};

struct StageTime {
  std::string stage;
  double seconds = 0;
};

struct EventAnalysis {
  std::vector<bool> off_event;    // per claim id
  std::vector<float> centrality;  // per claim id: its block's cosine to the event's centre
  std::vector<ClaimEdge> edges;   // sorted by (a, b)
  std::vector<ClaimCluster>
      clusters;        // every on-event claim in exactly one; ordered by first claim
  DedupResult copies;  // passage-level near-duplicates between documents (symmetric, dedup)
  // Text reuse between the documents (FindReuse, default options): the copy edges, the
  // derived documents counted with their sources, the origins come from it.
  ReuseResult reuse;
  std::vector<StageTime> timings;
};

// Runs stages 1-5. Errors: invalid options; an unreadable background idf file.
Result<EventAnalysis> AnalyzeEvent(const Corpus& corpus, const ClaimSet& claims,
                                   const AnalysisOptions& options);

// Results of stages that were computed elsewhere, e.g. on shards of the corpus by the MPI run
// (mpi/), which AnalyzeEvent then takes instead of computing them. Null: computed here.
struct PrecomputedStages {
  // What FindCopies(corpus.documents, options.dedup) returns.
  const DedupResult* copies = nullptr;
  // The claims' document frequencies, as TfidfVectorizer::CountDocumentFrequencies of their
  // token lists with options.tfidf (summed over shards). Unused with a background idf, which
  // replaces the event's own counts.
  const DocumentFrequencies* frequencies = nullptr;
};

// As above, with the given stages taken as computed. Same result as the overload above when
// `precomputed` holds what that one computes.
Result<EventAnalysis> AnalyzeEvent(const Corpus& corpus, const ClaimSet& claims,
                                   const AnalysisOptions& options,
                                   const PrecomputedStages& precomputed);

// The identity key of a speaker for merging spellings: the lower-cased last word with
// possessives and a trailing 'y' of transliterations folded ("Yuriy Ushakov" -> "ushakov").
std::string SpeakerKey(std::string_view speaker);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CLUSTER_EVENT_ANALYSIS_H_
