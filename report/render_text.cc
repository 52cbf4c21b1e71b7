#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

#include "report/render.h"

namespace crossclaim {
namespace {

using nlohmann::json;

std::map<int64_t, const json*> ClaimIndex(const json& report) {
  std::map<int64_t, const json*> index;
  for (const json& c : report["claims"]) index[c["id"].get<int64_t>()] = &c;
  return index;
}

// The claim text with the span [start, end) (document offsets) wrapped in `open`/`close`.
std::string Marked(const json& claim, int64_t start, int64_t end, std::string_view open,
                   std::string_view close) {
  std::string text = claim["text"];
  int64_t base = claim["start"];
  size_t b = static_cast<size_t>(std::clamp<int64_t>(start - base, 0, static_cast<int64_t>(text.size())));
  size_t e = static_cast<size_t>(std::clamp<int64_t>(end - base, static_cast<int64_t>(b), static_cast<int64_t>(text.size())));
  return fmt::format("{}{}{}{}{}", text.substr(0, b), open, text.substr(b, e - b), close, text.substr(e));
}

std::string Where(const json& claim) {
  return fmt::format("{} ({}, bytes {}-{})", claim["outlet"].get<std::string>(),
                     claim["doc"].get<std::string>(), claim["start"].get<int64_t>(),
                     claim["end"].get<int64_t>());
}

std::string MdEscape(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string RenderMarkdown(const json& report) {
  auto claims = ClaimIndex(report);
  const json& stats = report["stats"];
  const json& labels = stats["clusters_by_label"];
  std::string md = fmt::format("# crossclaim report: {}\n\n", MdEscape(report["event"]["title"]));
  md += fmt::format(
      "{} documents used, {} skipped; {} claims ({} off-event); clusters: {} divergent, {} "
      "corroborated, {} copied, {} single-source.\n\n",
      stats["documents_used"].get<int64_t>(), stats["documents_skipped"].get<int64_t>(),
      stats["claims"].get<int64_t>(), stats["off_event_claims"].get<int64_t>(),
      labels["divergent"].get<int64_t>(), labels["corroborated"].get<int64_t>(),
      labels["copied"].get<int64_t>(), labels["single_source"].get<int64_t>());
  md += "## Divergences\n\n";
  bool any = false;
  for (const json& cluster : report["clusters"]) {
    for (const json& d : cluster["divergences"]) {
      any = true;
      const json& a = *claims.at(d["a"].get<int64_t>());
      const json& b = *claims.at(d["b"].get<int64_t>());
      md += fmt::format("- **{}** (cluster {}): {}\n  - {}: {}\n  - {}: {}\n",
                        d["kind"].get<std::string>(), cluster["id"].get<int64_t>(),
                        MdEscape(d["explanation"]), MdEscape(Where(a)),
                        Marked(a, d["a_start"], d["a_end"], "**", "**"), MdEscape(Where(b)),
                        Marked(b, d["b_start"], d["b_end"], "**", "**"));
    }
  }
  if (!any) md += "None found.\n";
  for (const char* label : {"corroborated", "copied", "single_source"}) {
    md += fmt::format("\n## {}\n\n", std::string(label) == "single_source" ? "Single source"
                                     : std::string(label) == "copied"      ? "Copied"
                                                                           : "Corroborated");
    for (const json& cluster : report["clusters"]) {
      if (cluster["label"] != label) continue;
      md += fmt::format("- cluster {} · {} independent source(s) · outlets: {} · origin: {}\n",
                        cluster["id"].get<int64_t>(), cluster["independent_sources"].get<int64_t>(),
                        MdEscape(fmt::format("{}", fmt::join(cluster["outlets"].get<std::vector<std::string>>(), ", "))),
                        MdEscape(cluster["origin"]));
      for (const json& id : cluster["claims"]) {
        const json& c = *claims.at(id.get<int64_t>());
        md += fmt::format("  - {}: {}\n", MdEscape(Where(c)), MdEscape(c["text"]));
      }
    }
  }
  md += "\n## Documents\n\n| id | outlet | published | status | claims | boilerplate removed |\n|---|---|---|---|---|---|\n";
  for (const json& d : report["documents"]) {
    md += fmt::format("| {} | {} | {} | {} | {} | {} |\n", MdEscape(d["id"]),
                      d["outlet"].is_null() ? "" : MdEscape(d["outlet"]),
                      d["published"].is_null() ? "unknown" : d["published"].get<std::string>(),
                      d["status"] == "used" ? "used" : "skipped: " + MdEscape(d["reason"]),
                      d["claims"].get<int64_t>(), d["boilerplate_removed"].get<int64_t>());
  }
  return md;
}

std::string RenderSummary(const json& report, int max_divergences) {
  auto claims = ClaimIndex(report);
  const json& stats = report["stats"];
  const json& labels = stats["clusters_by_label"];
  std::string out = fmt::format("event: {}\n", report["event"]["title"].get<std::string>());
  out += fmt::format("documents: {} used, {} skipped\nclaims: {} ({} off-event)\n",
                     stats["documents_used"].get<int64_t>(), stats["documents_skipped"].get<int64_t>(),
                     stats["claims"].get<int64_t>(), stats["off_event_claims"].get<int64_t>());
  out += fmt::format("clusters: {} divergent, {} corroborated, {} copied, {} single-source\n",
                     labels["divergent"].get<int64_t>(), labels["corroborated"].get<int64_t>(),
                     labels["copied"].get<int64_t>(), labels["single_source"].get<int64_t>());
  // One line per distinct divergence (kind and wording), naming every outlet on each side.
  std::vector<std::string> order;
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> sides;
  for (const json& cluster : report["clusters"]) {
    for (const json& d : cluster["divergences"]) {
      std::string key = fmt::format("{:<8} {}", d["kind"].get<std::string>(), d["explanation"].get<std::string>());
      if (!sides.count(key)) order.push_back(key);
      for (const char* side : {"a", "b"}) {
        const json& claim = *claims.at(d[side].get<int64_t>());
        std::string who = claim["outlet"].get<std::string>() + " (" + claim["doc"].get<std::string>() + ")";
        (side[0] == 'a' ? sides[key].first : sides[key].second).insert(who);
      }
    }
  }
  if (!order.empty()) out += "top divergences:\n";
  for (size_t i = 0; i < order.size() && static_cast<int>(i) < max_divergences; ++i) {
    const auto& [a_side, b_side] = sides[order[i]];
    out += fmt::format("  {}\n    {}\n    vs {}\n", order[i], fmt::join(a_side, ", "), fmt::join(b_side, ", "));
  }
  return out;
}

}  // namespace crossclaim
