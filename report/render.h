// Human-readable renderings of report.json: a self-contained HTML page (no external
// assets; readable without JavaScript, which only adds filters), Markdown for a ticket or
// chat, and a short terminal summary. All take the report JSON of report/report_json.h,
// so every format shows the same findings.
//
// Example:
//   nlohmann::json report = BuildReportJson(inputs);
//   std::string html = RenderHtml(report);
#ifndef CROSSCLAIM_REPORT_RENDER_H_
#define CROSSCLAIM_REPORT_RENDER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace crossclaim {

// How the pages show a fact stated by one document only (a cluster of one claim: most of a
// generated feed's clusters, with nothing to compare). kLean: once, in its article's claim
// list, marked single source; the coverage matrix and the cluster cards hold the clusters of
// several documents. kFull (`--full-output`): also a card and a matrix row each, the pages
// earlier versions wrote (each such claim three times in report.html).
enum class PageDetail { kLean, kFull };

// Is `cluster` (of report.json) stated by one document only?
bool StatedByOneDocument(const nlohmann::json& cluster);

// The ids of the claims in clusters stated by one document only.
std::set<int64_t> OneDocumentClaimIds(const nlohmann::json& report);

// report.html: an outlet x cluster coverage matrix, divergence cards with both claims side
// by side and the differing spans highlighted, then corroborated, copied and single-source
// clusters, every claim linked to its place in its article; filters by label and outlet.
std::string RenderHtml(const nlohmann::json& report, PageDetail detail = PageDetail::kLean);

// report.md: the same findings in Markdown; under kLean the claims stated by one document
// only are listed per document, one line each.
std::string RenderMarkdown(const nlohmann::json& report, PageDetail detail = PageDetail::kLean);

// A few lines for the terminal: documents used and skipped, claims, clusters by label, the
// top `max_divergences` divergences.
std::string RenderSummary(const nlohmann::json& report, int max_divergences);

// index.html for a feed of several events: one row per event (title, documents, clusters by
// label, divergences) linking to its folder's report.html, and the skipped inputs. Takes
// index.json ({"events": [...], "skipped": [...]}).
std::string RenderIndexHtml(const nlohmann::json& index);

// Escapes &, <, >, " and ' for HTML text and attributes; any bytes give valid UTF-8
// (repaired with U+FFFD) without the control characters HTML forbids (core/utf8.h
// XmlSafeText).
std::string HtmlEscape(std::string_view text);

}  // namespace crossclaim

#endif  // CROSSCLAIM_REPORT_RENDER_H_
