// The claim fields report.json's compact schema (crossclaim.report/2, CompactReportJson in
// report_json.h) leaves out when they hold these values, and its readers put back. Header-only,
// so that the tests' reader (tests/testing/report_json.h) needs no more than nlohmann.
#ifndef CROSSCLAIM_REPORT_COMPACT_DEFAULTS_H_
#define CROSSCLAIM_REPORT_COMPACT_DEFAULTS_H_

#include <nlohmann/json.hpp>

namespace crossclaim {

// {"off_event": false, ..., "attribution": null, ..., "numbers": [], ...}
inline const nlohmann::json& CompactClaimDefaults() {
  static const nlohmann::json kDefaults = {{"off_event", false},
                                           {"question", false},
                                           {"quote", false},
                                           {"attribution", nullptr},
                                           {"context_attribution", nullptr},
                                           {"cluster", nullptr},
                                           {"numbers", nlohmann::json::array()},
                                           {"dates", nlohmann::json::array()},
                                           {"names", nlohmann::json::array()},
                                           {"negation", nlohmann::json::array()},
                                           {"modality", nlohmann::json::array()}};
  return kDefaults;
}

}  // namespace crossclaim

#endif  // CROSSCLAIM_REPORT_COMPACT_DEFAULTS_H_
