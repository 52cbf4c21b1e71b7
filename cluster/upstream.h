// Upstream sources of a cluster: who the claims come from before any outlet printed them.
// Two outlets that both relay Kremlin aide Yuri Ushakov are two independent outlets but one
// upstream source; an outlet whose text names its source ("Source: Institute for the Study
// of War (ISW)") relays that source. A claim's upstream source is, in order:
//   1. its speaker: the attribution of its sentence, else of its paragraph
//      (Claim::attribution, Claim::context_attribution), when it names a person or body
//      (capitalised: "Yuri Ushakov", "the Kremlin"; not "officials" or "sources"); or, for a
//      statement reprinted after an introducing line, the author that line names ("Ann Ross
//      wrote on Facebook:");
//   2. else its document's source named in the text (Document::source);
//   3. else none: the outlet's own reporting, an upstream source of its own.
// Spellings of one speaker merge as in SpeakerKey ("Yuriy Ushakov", "Ushakov").
//
// Example:
//   UpstreamSummary u = SummarizeUpstream(corpus, claims, cluster.claims, roots);
//   // u.count == 1, u.named[0].name == "Yuri Ushakov" for 000 and 003's Ushakov claims
//
// Documents of one named source count as one source before any text reuse (NamedSourceKeys,
// joined in cluster/reuse_links.h): two texts of one agency or outlet are never independent
// corroboration of each other, whoever printed them.
//
// Thread safety: pure functions.
#ifndef CROSSCLAIM_CLUSTER_UPSTREAM_H_
#define CROSSCLAIM_CLUSTER_UPSTREAM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/claims.h"
#include "core/ingest.h"

namespace crossclaim {

// Whether an attribution names a person or body (rule 1): its first word (after "the") or
// its last is capitalised, and it is not a generic source ("officials", "police").
bool NamesSomeone(std::string_view speaker);

// The sentence that introduces the statement a claim lies in, when the claim is reprinted
// without quotation marks after it ("She wrote on Facebook:", "Read the full post:", "said in
// a statement:"): the text after a colon whose sentence names a reprinted statement, to the
// end of its paragraph or through the next paragraph when the colon ends one, is the author's
// words. The view is into `document.text`, up to the colon.
std::optional<std::string_view> ReprintIntroduction(const Claim& claim, const Document& document);

// The author an introducing line names: the capitalised words just before its verb of
// writing or saying ("Ann Ross wrote on Facebook:" -> "Ann Ross"); nullopt when it names none
// ("Read the full post:").
std::optional<std::string> ReprintAuthor(std::string_view introduction);

// The upstream source of one claim (rules 1-2 above), or nullopt for the outlet's own
// reporting.
std::optional<std::string> UpstreamOf(const Claim& claim, const Document& document);

// The story of agency wire copy: the category and catchline of its slug line, lower case
// ("03:03 27/01/00: Page 1 (HHH) COURTS Pinochet" and "12:45 27/01/00: Page 2 (HHH) COURTS
// Pinochet Substitute" -> "courts pinochet"). The takes of one wire story (first take, new
// lead, substitute, night lead) carry one catchline; further slug words name the take.
// Empty when `text` is not wire copy (core/wire.h IsWireText) or its first 2,000 bytes hold
// no slug line.
std::string WireStoryKey(std::string_view text);

// The keys under which `document` shares a named source with others: its source
// (Document::source) and its known outlet, case and punctuation aside ("PA News", "pa news."),
// in one name space so that an outlet's text and another outlet's copy naming it as source
// share a key; and "wire:" + WireStoryKey for wire copy. Empty for a document of unknown
// outlet naming no source outside wire copy.
std::vector<std::string> NamedSourceKeys(const Document& document);

struct UpstreamSource {
  std::string name;                // fullest spelling seen ("Yuriy Ushakov")
  std::vector<int32_t> documents;  // ascending document indices whose claims relay it

  bool operator==(const UpstreamSource&) const = default;
};

struct UpstreamSummary {
  // Independent sources after merging those that relay one upstream source: never more than
  // the number of independent sources, at least 1 for a non-empty cluster.
  int32_t count = 0;
  std::vector<UpstreamSource> named;  // named upstream sources, by first document

  bool operator==(const UpstreamSummary&) const = default;
};

// `members`: the cluster's claim ids; `source_of`: per claim id in `members` order, the id of
// its independent source (documents joined by copies or one outlet share one id).
UpstreamSummary SummarizeUpstream(const Corpus& corpus, const std::vector<Claim>& claims,
                                  const std::vector<int32_t>& members,
                                  const std::vector<int32_t>& source_of);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CLUSTER_UPSTREAM_H_
