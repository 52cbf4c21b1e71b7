// Reuse links of one event: which documents took text from which (similarity/reuse.h), turned
// into what event analysis needs — which documents count as one source, which claim pairs are
// copies, and which member of a cluster is its origin.
//
// Example:
//   Result<ReuseResult> reuse = FindReuse(corpus.documents, options);
//   ReuseLinks links = LinkReuse(corpus.documents, claims, *reuse);
//   links.SameSource(a, b);        // a derived document and its source: one source
//   links.copied.count({x, y});    // claims x < y lie in one aligned passage
//   links.Origin(corpus.documents, cluster.documents);
//
// Rules:
//  - Derivation: a reuse pair graded wholly or partially whose evidence without quotation
//    passages still reaches the partially threshold (kReusePartiallyThreshold), on at least
//    kMinDerivationWords words (fewer for a short text taken from wire copy,
//    kShortDerivationShare):
//    two outlets printing one speaker's words are not one outlet
//    copying the other. The derived document
//    and its source count as one source; derivations chain (union-find).
//  - Named sources: documents sharing a key of cluster/upstream.h NamedSourceKeys (one named
//    source or outlet, "PA News"; takes of one wire story) count as one source too, whether or
//    not `reuse` pairs them: an agency's first take and its substitute share few words, and
//    two texts of one agency are never independent corroboration. Sets chain with derivations.
//  - Copied claims: a claim of the derived document at least half of whose bytes lie in a
//    verbatim or rewrite passage of a derivation, and a claim of the source document that
//    overlaps the same passage's source span and holds at least half of the derived claim's
//    content words (a cut or reworded sentence keeps most of them; another sentence of the same
//    passage does not).
//  - Origin of a set of documents: among those not derived from another member, the earliest
//    published (similarity/dedup.h PublishedBefore; input order breaks ties).
//
// Thread safety: LinkReuse is a pure function; a ReuseLinks is immutable after it.
#ifndef CROSSCLAIM_CLUSTER_REUSE_LINKS_H_
#define CROSSCLAIM_CLUSTER_REUSE_LINKS_H_

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "core/claims.h"
#include "core/document.h"
#include "similarity/reuse.h"

namespace crossclaim {

// Words of verbatim and rewrite passages a derivation needs: two short reports sharing a lead
// sentence and a stock phrase are not one story copied.
inline constexpr uint64_t kMinDerivationWords = 25;
// A short text taken from agency wire copy (a newspaper's brief of a wire story; the pair's
// direction is kWire) is derived on fewer words when its verbatim and rewrite passages hold at
// least this share of it, and at least kMinShortDerivationWords (one sentence). Fitted on
// METER courts' tuning dates (docs/quality.md): more wholly-derived briefs linked to their PA
// text, no more non-derived papers. Two outlets' short reports sharing a lead sentence stay
// two sources: neither is wire copy.
inline constexpr double kShortDerivationShare = 0.30;
inline constexpr uint64_t kMinShortDerivationWords = 8;

// Whether `pair` makes its derived document one source with its source (the rule above):
// containment counting only verbatim and rewrite passages >= kReusePartiallyThreshold, and
// at least kMinDerivationWords words in them, or, taken from wire copy, at least
// kMinShortDerivationWords words holding kShortDerivationShare of the derived text.
bool IsDerivation(const ReusePair& pair);

// The containment of `pair` counting only its verbatim and rewrite passages (ReuseOptions
// count_quotations true, as FindReuse's default, is assumed: containment counts every passage).
double NonQuotationContainment(const ReusePair& pair);

struct ReuseLinks {
  // Per document index: a representative of its source set (derivations and named sources).
  std::vector<int32_t> source_set;
  // (source, derived) document pairs that are derivations.
  std::vector<std::pair<uint32_t, uint32_t>> derivations;
  std::set<std::pair<int32_t, int32_t>> copied;  // claim id pairs (a < b)

  bool SameSource(int32_t a, int32_t b) const {
    return source_set[static_cast<size_t>(a)] == source_set[static_cast<size_t>(b)];
  }

  // The origin of `members` (ascending document indices, non-empty): the rule above.
  int32_t Origin(const std::vector<Document>& documents, const std::vector<int32_t>& members) const;
};

// Links from `reuse` (FindReuse over `documents`); `claims` sorted by id with valid document
// indices. O(claims * passages of their document pairs).
ReuseLinks LinkReuse(const std::vector<Document>& documents, const std::vector<Claim>& claims,
                     const ReuseResult& reuse);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CLUSTER_REUSE_LINKS_H_
