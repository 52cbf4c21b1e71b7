#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

#include "core/utf8.h"
#include "report/render.h"

namespace crossclaim {
namespace {

using nlohmann::json;

std::map<int64_t, const json*> ClaimIndex(const json& report) {
  std::map<int64_t, const json*> index;
  for (const json& c : report["claims"]) index[c["id"].get<int64_t>()] = &c;
  return index;
}

std::string Where(const json& claim) {
  return fmt::format("{} ({}, bytes {}-{})", claim["outlet"].get<std::string>(),
                     claim["doc"].get<std::string>(), claim["start"].get<int64_t>(),
                     claim["end"].get<int64_t>());
}

// Input text as inline Markdown: one line (a line break would end a list item or a table
// row), no markup of its own (emphasis, links, code, table cells, HTML tags or entities).
std::string MdEscape(const std::string& raw) {
  const std::string text = PrintableText(raw);  // valid UTF-8, no controls but \t and \n
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\n':
      case '\t':
        out += ' ';
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '~':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The claim text, escaped, with the span [start, end) (document offsets) wrapped in
// `open`/`close`.
std::string Marked(const json& claim, int64_t start, int64_t end, std::string_view open,
                   std::string_view close) {
  std::string text = claim["text"];
  int64_t base = claim["start"];
  size_t b =
      static_cast<size_t>(std::clamp<int64_t>(start - base, 0, static_cast<int64_t>(text.size())));
  size_t e = static_cast<size_t>(
      std::clamp<int64_t>(end - base, static_cast<int64_t>(b), static_cast<int64_t>(text.size())));
  return fmt::format("{}{}{}{}{}", MdEscape(text.substr(0, b)), open,
                     MdEscape(text.substr(b, e - b)), close, MdEscape(text.substr(e)));
}

// "telephone conversation, phone call" for one side of a card, and who takes it.
std::string SideWho(const json& side) {
  return fmt::format("{}", fmt::join(side["labels"].get<std::vector<std::string>>(), ", "));
}
std::string SideTexts(const json& side) {
  return fmt::format("{}", fmt::join(side["texts"].get<std::vector<std::string>>(), ", "));
}

const json& ClusterById(const json& report, int64_t id) {
  for (const json& c : report["clusters"]) {
    if (c["id"].get<int64_t>() == id) return c;
  }
  return report["clusters"].at(0);  // ids come from the same report: not reached
}

// "2 outlets, 1 upstream source: Yuri Ushakov".
std::string SourcesLine(const json& cluster) {
  size_t outlets = cluster["documents"].size();
  int64_t upstream = cluster.value("upstream_sources", int64_t{0});
  std::string line =
      fmt::format("{} document{}, {} independent source{}", outlets, outlets == 1 ? "" : "s",
                  cluster["independent_sources"].get<int64_t>(),
                  cluster["independent_sources"] == 1 ? "" : "s");
  if (cluster.contains("upstream")) {
    std::vector<std::string> names;
    for (const json& u : cluster["upstream"]) names.push_back(u["name"]);
    line += fmt::format(", {} upstream source{}", upstream, upstream == 1 ? "" : "s");
    if (!names.empty()) line += fmt::format(": {}", fmt::join(names, ", "));
  }
  if (cluster.contains("quotation") && !cluster["quotation"].is_null()) {
    const json& q = cluster["quotation"];
    line += q["speaker"].is_null()
                ? std::string(" · a shared quotation")
                : fmt::format(" · a shared quotation of {}", q["speaker"].get<std::string>());
  }
  return line;
}

// Under kLean, the facts stated by one document only (nothing to compare), one line each under
// their document, in claim order: "- cluster 12, bytes 40-98: text".
std::string OneDocumentFacts(const json& report) {
  const std::set<int64_t> alone = OneDocumentClaimIds(report);
  if (alone.empty()) return "";
  std::string md = fmt::format("\n### Stated by one document only ({} fact{})\n\n", alone.size(),
                               alone.size() == 1 ? "" : "s");
  std::string current;
  for (const json& c : report["claims"]) {
    if (!alone.count(c["id"].get<int64_t>())) continue;
    if (c["doc"] != current) {
      current = c["doc"];
      md += fmt::format("- {} ({}):\n", MdEscape(current), MdEscape(c["outlet"]));
    }
    md += fmt::format("  - cluster {}, bytes {}-{}: {}\n", c["cluster"].get<int64_t>(),
                      c["start"].get<int64_t>(), c["end"].get<int64_t>(), MdEscape(c["text"]));
  }
  return md;
}

}  // namespace

bool StatedByOneDocument(const json& cluster) { return cluster["documents"].size() == 1; }

std::set<int64_t> OneDocumentClaimIds(const json& report) {
  std::set<int64_t> ids;
  for (const json& cluster : report["clusters"]) {
    if (!StatedByOneDocument(cluster)) continue;
    for (const json& id : cluster["claims"]) ids.insert(id.get<int64_t>());
  }
  return ids;
}

std::string RenderMarkdown(const json& report, PageDetail detail) {
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
  for (const json& card : report["cards"]) {
    if (!card["shown"].get<bool>()) continue;
    any = true;
    md += fmt::format("- **{}** (confidence {:.2f}): {}\n", card["kind"].get<std::string>(),
                      card["confidence"].get<double>(), MdEscape(card["explanation"]));
    for (size_t s = 0; s < card["sides"].size(); ++s) {
      const json& side = card["sides"][s];
      md += fmt::format("  - {}{}: {}\n", s == 0 ? "" : "vs ", MdEscape(SideWho(side)),
                        MdEscape(SideTexts(side)));
    }
    // The evidence: each claim once, its differing words in bold.
    std::set<int64_t> done;
    for (const json& m : card["divergences"]) {
      const json& d =
          ClusterById(report, m["cluster"].get<int64_t>())["divergences"][m["index"].get<size_t>()];
      for (const char* side : {"a", "b"}) {
        int64_t id = d[side].get<int64_t>();
        if (!done.insert(id).second) continue;
        const json& c = *claims.at(id);
        std::string start = std::string(side) + "_start", end = std::string(side) + "_end";
        md += fmt::format("    - {} (cluster {}): {}\n", MdEscape(Where(c)),
                          m["cluster"].get<int64_t>(), Marked(c, d[start], d[end], "**", "**"));
      }
    }
  }
  if (!any) md += "None found.\n";
  for (const char* label : {"corroborated", "copied", "single_source"}) {
    md += fmt::format("\n## {}\n\n", std::string(label) == "single_source" ? "Single source"
                                     : std::string(label) == "copied"      ? "Copied"
                                                                           : "Corroborated");
    for (const json& cluster : report["clusters"]) {
      if (cluster["label"] != label) continue;
      if (detail == PageDetail::kLean && StatedByOneDocument(cluster)) continue;
      md += fmt::format(
          "- cluster {} · {} · outlets: {} · origin: {}\n", cluster["id"].get<int64_t>(),
          MdEscape(SourcesLine(cluster)),
          MdEscape(fmt::format(
              "{}", fmt::join(cluster["outlets"].get<std::vector<std::string>>(), ", "))),
          MdEscape(cluster["origin"]));
      for (const json& id : cluster["claims"]) {
        const json& c = *claims.at(id.get<int64_t>());
        md += fmt::format("  - {}: {}\n", MdEscape(Where(c)), MdEscape(c["text"]));
      }
    }
  }
  if (detail == PageDetail::kLean) md += OneDocumentFacts(report);
  md +=
      "\n## Documents\n\n| id | outlet | published | status | claims | boilerplate removed "
      "|\n|---|---|---|---|---|---|\n";
  for (const json& d : report["documents"]) {
    md += fmt::format("| {} | {} | {} | {} | {} | {} |\n", MdEscape(d["id"]),
                      d["outlet"].is_null() ? "" : MdEscape(d["outlet"]),
                      d["published"].is_null() ? "unknown" : MdEscape(d["published"]),
                      d["status"] == "used" ? "used" : "skipped: " + MdEscape(d["reason"]),
                      d["claims"].get<int64_t>(), d["boilerplate_removed"].get<int64_t>());
  }
  return PrintableText(md);  // a guard: the fields above are escaped, the rest is ours
}

std::string RenderSummary(const json& report, int max_divergences) {
  const json& stats = report["stats"];
  const json& labels = stats["clusters_by_label"];
  std::string out = fmt::format("event: {}\n", report["event"]["title"].get<std::string>());
  out +=
      fmt::format("documents: {} used, {} skipped\nclaims: {} ({} off-event)\n",
                  stats["documents_used"].get<int64_t>(), stats["documents_skipped"].get<int64_t>(),
                  stats["claims"].get<int64_t>(), stats["off_event_claims"].get<int64_t>());
  out += fmt::format("clusters: {} divergent, {} corroborated, {} copied, {} single-source\n",
                     labels["divergent"].get<int64_t>(), labels["corroborated"].get<int64_t>(),
                     labels["copied"].get<int64_t>(), labels["single_source"].get<int64_t>());
  // One entry per card (one conflicting detail), its sides grouped, most confident first.
  std::vector<const json*> cards;
  for (const json& card : report["cards"]) {
    if (card["shown"].get<bool>()) cards.push_back(&card);
  }
  std::stable_sort(cards.begin(), cards.end(), [](const json* x, const json* y) {
    return (*x)["confidence"].get<double>() > (*y)["confidence"].get<double>();
  });
  if (!cards.empty()) out += "top divergences:\n";
  for (size_t i = 0; i < cards.size() && static_cast<int>(i) < max_divergences; ++i) {
    const json& card = *cards[i];
    out += fmt::format("  {:<8} {} · confidence {:.2f}\n", card["kind"].get<std::string>(),
                       card["explanation"].get<std::string>(), card["confidence"].get<double>());
    for (size_t s = 0; s < card["sides"].size(); ++s) {
      out += fmt::format("    {}{}: {}\n", s == 0 ? "" : "vs ", SideWho(card["sides"][s]),
                         SideTexts(card["sides"][s]));
    }
  }
  return PrintableText(out);  // for a terminal: no control sequences from the input
}

}  // namespace crossclaim
