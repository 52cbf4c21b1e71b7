// report.json as the tests read it: a file of either schema as crossclaim.report/1, the fields
// compact /2 leaves out put back by the rules of docs/report-format.md. Written from those rules,
// apart from CompactReportJson, so that a test comparing the expanded default file with the
// --full-output file checks that /2 loses nothing.
#ifndef CROSSCLAIM_TESTS_TESTING_REPORT_JSON_H_
#define CROSSCLAIM_TESTS_TESTING_REPORT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace crossclaim::testing {

// `report` as crossclaim.report/1 (returned unchanged when it is not /2).
nlohmann::json ExpandReport(nlohmann::json report);

// The report.json file at `path`, parsed and expanded; a failed test and null when unparsable.
nlohmann::json ReadReport(const std::string& path);

// Paths (JSON pointers) where `a` and `b` differ, numbers compared to 4 significant digits.
std::vector<std::string> ReportDifferences(const nlohmann::json& a, const nlohmann::json& b,
                                           const std::string& at = "");

}  // namespace crossclaim::testing

#endif  // CROSSCLAIM_TESTS_TESTING_REPORT_JSON_H_
