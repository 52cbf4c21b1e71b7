// JSON for documents and claims: the `documents` and `claims` arrays shared by
// `crossclaim claims --format json` and report.json (docs/report-format.md).
//
// Example:
//   nlohmann::json out = {{"documents", DocumentsJson(corpus, claims)},
//                         {"claims", ClaimsJson(corpus, claims.claims)}};
#ifndef CROSSCLAIM_REPORT_CLAIMS_JSON_H_
#define CROSSCLAIM_REPORT_CLAIMS_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "core/claims.h"
#include "core/ingest.h"

namespace crossclaim {

// One entry per input record, in input order: id, outlet, published (ISO or null), status
// ("used" | "skipped"), reason (null when used), claims, boilerplate_removed, location,
// utf8_repairs, warnings; used documents also title, url, author, source, metadata_source.
nlohmann::json DocumentsJson(const Corpus& corpus, const ClaimSet& claims);

// {"outlet": "meta:og:site_name", ...}: the fields of `from` that have an origin, by name.
nlohmann::json MetadataSourceJson(const MetadataSource& from);

// A document as the pipeline reads it: id, outlet, url, published (ISO or null), title,
// author, source, text, metadata_source (`crossclaim extract --format jsonl`).
nlohmann::json DocumentJson(const Document& doc);

// One entry per claim: id, doc (document id), outlet, text, start, end, numbers, dates,
// names, negation, modality, attribution (string or null), quote (bool).
nlohmann::json ClaimJson(const Corpus& corpus, const Claim& claim);
nlohmann::json ClaimsJson(const Corpus& corpus, const std::vector<Claim>& claims);

// Removed boilerplate lines of every used document: {doc, start, end, reason, text}.
nlohmann::json RemovedLinesJson(const Corpus& corpus, const ClaimSet& claims);

}  // namespace crossclaim

#endif  // CROSSCLAIM_REPORT_CLAIMS_JSON_H_
