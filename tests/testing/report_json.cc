#include "tests/testing/report_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "report/compact_defaults.h"
#include "tests/testing/paths.h"

namespace crossclaim::testing {
namespace {

using nlohmann::json;

void SetDefaults(json& object, const json& defaults) {
  for (const auto& [key, value] : defaults.items()) {
    if (!object.contains(key)) object[key] = value;
  }
}

void ExpandDocuments(json& documents) {
  for (json& d : documents) {
    SetDefaults(d, {{"reason", nullptr},
                    {"warnings", json::array()},
                    {"utf8_repairs", 0},
                    {"boilerplate_removed", 0}});
    if (d["status"] == "used") SetDefaults(d, {{"author", ""}, {"source", ""}});
  }
}

void ExpandClaims(json& claims, const std::map<json, json>& outlet_of) {
  for (json& c : claims) {
    SetDefaults(c, CompactClaimDefaults());  // a table: equal either side by construction
    for (json& n : c["numbers"]) SetDefaults(n, {{"unit", nullptr}, {"qualifier", nullptr}});
    for (json& d : c["dates"]) {
      SetDefaults(d,
                  {{"year", nullptr}, {"month", nullptr}, {"day", nullptr}, {"weekday", nullptr}});
    }
    // A span without text: the claim's bytes at its offsets.
    const std::string text = c["text"];
    const size_t start = c["start"];
    for (const char* spans : {"numbers", "dates"}) {
      for (json& span : c[spans]) {
        const size_t from = span["start"].get<size_t>() - start;
        const size_t size = span["end"].get<size_t>() - span["start"].get<size_t>();
        if (!span.contains("text")) span["text"] = text.substr(from, size);
      }
    }
    c["outlet"] = outlet_of.at(c["doc"]);
  }
}

// `entry`: [cluster id, claim id] or [cluster id, claim id, upstream name].
json SingleClaimCluster(const json& entry, const json& claim) {
  const json& doc = claim["doc"];
  json upstream = json::array();
  if (entry.size() == 3) upstream.push_back({{"name", entry[2]}, {"documents", {doc}}});
  return {{"id", entry[0]},
          {"label", "single_source"},
          {"claims", {entry[1]}},
          {"documents", {doc}},
          {"outlets", {claim["outlet"]}},
          {"independent_sources", 1},
          {"upstream_sources", 1},
          {"upstream", upstream},
          {"quotation", nullptr},
          {"origin", doc},
          {"speakers", claim["attribution"].is_null() ? json::array() : json{claim["attribution"]}},
          {"divergences", json::array()},
          {"cards", json::array()}};
}

void ExpandClusters(json& report, const std::map<json, json>& outlet_of) {
  const json& claims = report["claims"];
  for (json& cluster : report["clusters"]) {
    if (!cluster.contains("outlets")) {
      json outlets = json::array();
      for (const json& d : cluster["documents"]) {
        const json& o = outlet_of.at(d);
        if (std::find(outlets.begin(), outlets.end(), o) == outlets.end()) outlets.push_back(o);
      }
      cluster["outlets"] = outlets;
    }
    for (json& d : cluster["divergences"]) {
      for (const std::string side : {"a", "b"}) {
        const json& claim = claims[d[side].get<size_t>()];
        d[side + "_doc"] = claim["doc"];
        d[side + "_outlet"] = claim["outlet"];
      }
    }
  }
  for (const json& entry : report["single_claim_clusters"])
    report["clusters"].push_back(SingleClaimCluster(entry, claims[entry[1].get<size_t>()]));
  report.erase("single_claim_clusters");
  std::sort(report["clusters"].begin(), report["clusters"].end(),
            [](const json& x, const json& y) { return x["id"] < y["id"]; });
}

}  // namespace

json ExpandReport(json report) {
  if (report.value("schema", "") != "crossclaim.report/2") return report;
  ExpandDocuments(report["documents"]);
  std::map<json, json> outlet_of;
  for (const json& d : report["documents"]) outlet_of[d["id"]] = d["outlet"];
  ExpandClaims(report["claims"], outlet_of);
  ExpandClusters(report, outlet_of);
  for (json& copy : report["copies"]) copy["origin"] = copy["a"];
  report["schema"] = "crossclaim.report/1";
  return report;
}

json ReadReport(const std::string& path) {
  json report = json::parse(ReadFile(path), nullptr, false);
  if (report.is_discarded()) {
    ADD_FAILURE() << path << " is not JSON";
    return nullptr;
  }
  return ExpandReport(std::move(report));
}

std::vector<std::string> ReportDifferences(const json& a, const json& b, const std::string& at) {
  if (a.is_number() && b.is_number()) {  // integers as equal as nlohmann's ==, signed or not
    if (!a.is_number_float() && !b.is_number_float())
      return a == b ? std::vector<std::string>() : std::vector<std::string>{at};
    const double x = a.get<double>(), y = b.get<double>();
    if (std::abs(x - y) <= 5e-4 * std::max(std::abs(x), std::abs(y))) return {};
    return {at};
  }
  if (a.type() != b.type() || a.size() != b.size()) return {at};
  std::vector<std::string> out;
  if (a.is_object()) {
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key)) {
        out.push_back(at + "/" + key);
        continue;
      }
      std::vector<std::string> inner = ReportDifferences(value, b[key], at + "/" + key);
      out.insert(out.end(), inner.begin(), inner.end());
    }
  } else if (a.is_array()) {
    for (size_t i = 0; i < a.size(); ++i) {
      std::vector<std::string> inner = ReportDifferences(a[i], b[i], at + "/" + std::to_string(i));
      out.insert(out.end(), inner.begin(), inner.end());
    }
  } else if (a != b) {
    out.push_back(at);
  }
  return out;
}

}  // namespace crossclaim::testing
