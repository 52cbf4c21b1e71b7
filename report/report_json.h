// report.json: the versioned, machine-readable report of one news event, described in
// docs/report-format.md. BuildReportJson gives schema crossclaim.report/1
// (docs/report-v1.schema.json), which the HTML and Markdown renderers read, so all three formats
// show the same findings; report.json is written from it in the compact crossclaim.report/2
// (CompactReportJson, docs/report.schema.json) unless --full-output.
//
// Example:
//   ReportInputs in{corpus, claims, event, parameters};
//   nlohmann::json report = BuildReportJson(in);
//   WriteFile(dir / "report.json", DumpJson(CompactReportJson(report, false)));
#ifndef CROSSCLAIM_REPORT_REPORT_JSON_H_
#define CROSSCLAIM_REPORT_REPORT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cluster/event_analysis.h"
#include "core/claims.h"
#include "core/ingest.h"

namespace crossclaim {

// The report as BuildReportJson builds it (and `--full-output` writes it), and as report.json
// holds it by default (CompactReportJson).
inline constexpr const char* kReportSchema = "crossclaim.report/1";
inline constexpr const char* kCompactReportSchema = "crossclaim.report/2";

struct ReportInputs {
  const Corpus& corpus;
  const ClaimSet& claims;
  const EventAnalysis& event;
  const AnalysisOptions& options;
  std::string event_id = "event-1";
  std::string event_title;   // empty: the origin document's title or first claim
  std::string generated_at;  // ISO 8601 UTC; empty: now
};

// The whole report. Arrays are in a fixed order (documents in input order, claims and
// clusters by id, divergences by cluster), so equal inputs give equal reports apart from
// `generated_at` and `stats.timings`.
nlohmann::json BuildReportJson(const ReportInputs& in);

// The report of one event as `crossclaim report` builds it: the corpus's claims (default
// options), AnalyzeEvent (taking `precomputed` stages where given), then BuildReportJson
// with `event_id`. Errors: AnalyzeEvent's.
Result<nlohmann::json> BuildEventReport(const Corpus& corpus, const AnalysisOptions& options,
                                        const std::string& event_id,
                                        const PrecomputedStages& precomputed = {});

// The same from the event's claims, as ExtractCorpusClaims (default options) gives them.
Result<nlohmann::json> BuildEventReport(const Corpus& corpus, const ClaimSet& claims,
                                        const AnalysisOptions& options, const std::string& event_id,
                                        const PrecomputedStages& precomputed = {});

// A feed's claims (ExtractCorpusClaims of the whole feed, default options), to take its
// events' claims from instead of extracting them again.
class FeedClaims {
 public:
  explicit FeedClaims(ClaimSet claims);

  // ExtractCorpusClaims(event) with default options, for `event` =
  // SubCorpus(feed, record_of, documents). A document's claims depend only on its text and its
  // boilerplate report; where the event's boilerplate report of a document equals the feed's
  // (lines repeated across documents may differ), its feed claims are copied, renumbered.
  ClaimSet EventClaims(const Corpus& event, const std::vector<int32_t>& documents) const;

 private:
  ClaimSet claims_;
  std::vector<size_t> first_;  // first_[d]: the first claim of feed document d; then the end
};

// `report` (crossclaim.report/1) as report.json holds it by default, crossclaim.report/2:
// nothing left out that cannot be told from what stays (docs/report-format.md). A cluster of one
// claim becomes a `single_claim_clusters` entry {id, claim, upstream name}; claims lose their
// document's outlet and their false, null and empty fields; divergences their claims' documents
// and outlets; documents their default fields; scores and timings keep 4 significant digits.
// `edges` only with `with_edges`.
nlohmann::json CompactReportJson(const nlohmann::json& report, bool with_edges);

// Every threshold and size used, as report.json's `parameters`.
nlohmann::json ParametersJson(const AnalysisOptions& options);

// The current time as "2025-01-21T13:32:00Z".
std::string UtcNow();

}  // namespace crossclaim

#endif  // CROSSCLAIM_REPORT_REPORT_JSON_H_
