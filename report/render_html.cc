#include <fmt/format.h>

#include <cctype>
#include <map>
#include <set>

#include "core/utf8.h"
#include "report/render.h"

namespace crossclaim {
namespace {

using nlohmann::json;

constexpr const char* kStyle = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header,main{max-width:1180px;margin:0 auto;padding:0 20px}
header{padding-top:18px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 10px;border-bottom:2px solid #d8dde3;padding-bottom:4px}
.muted{color:#5b6672}.stats span{display:inline-block;margin-right:14px}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #d8dde3;padding:4px 7px;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600}
.matrix td.cell{text-align:center;font-weight:700;width:3.2em}
.matrix td.yes{background:#dff2e3;color:#1e6b34}.matrix td.conflict{background:#fde2e1;color:#a4221b}.matrix td.no{color:#b5bcc4}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff}
.divergent{background:#c0392b}.corroborated{background:#2e8b57}.single_source{background:#7f8c8d}.copied{background:#8e6c1f}
.card{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:10px 14px;margin:10px 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.sides{margin:6px 0}.side{background:#f4f4f4;padding:2px 6px;border-radius:4px}.vs{color:#c0392b;font-weight:bold}
.claim{border-left:4px solid #c8d0d8;padding:4px 10px;margin:4px 0;background:#fafbfc}
.claim .src{font-size:12px;color:#5b6672}
mark{background:#ffd54f;padding:0 2px;border-radius:3px}
.passage{margin:8px 0}.kind{font-weight:700;text-transform:uppercase;font-size:12px;color:#a4221b}
.filters{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:8px 12px;margin:12px 0;display:none}
.hidden{display:none!important}
details summary{cursor:pointer}
)";

// kLean only (kFull keeps the earlier bytes): the words after a claim stated by one document.
constexpr const char* kLeanStyle =
    "li.single::after{content:\" · single source\";font-size:12px;color:#5b6672}\n"
    "details li>span:first-child{color:#5b6672}\n";

constexpr const char* kScript = R"(
(function(){
  var f=document.getElementById('filters'); if(!f) return; f.style.display='block';
  function apply(){
    var labels={}; f.querySelectorAll('input[data-label]').forEach(function(b){labels[b.dataset.label]=b.checked;});
    var outlet=document.getElementById('outlet').value;
    document.querySelectorAll('[data-cluster-label]').forEach(function(el){
      var ok=labels[el.dataset.clusterLabel]!==false;
      if(outlet && (' '+el.dataset.outlets+' ').indexOf(' '+outlet+' ')<0) ok=false;
      el.classList.toggle('hidden',!ok);
    });
  }
  f.addEventListener('change',apply);
})();
)";

std::string Esc(const json& value) { return HtmlEscape(value.get<std::string>()); }

// Outlet tokens for filtering: spaces inside outlet names become underscores.
std::string OutletToken(const std::string& outlet) {
  std::string token = outlet;
  for (char& c : token) {
    if (c == ' ') c = '_';
  }
  return HtmlEscape(token);
}

struct Index {
  std::map<int64_t, const json*> claims;
  std::map<std::string, const json*> documents;
};

Index MakeIndex(const json& report) {
  Index index;
  for (const json& c : report["claims"]) index.claims[c["id"].get<int64_t>()] = &c;
  // Used documents only: a skipped one may carry a used one's id (a duplicate).
  for (const json& d : report["documents"]) {
    if (d["status"] == "used") index.documents[d["id"].get<std::string>()] = &d;
  }
  return index;
}

// A claim's text with [start, end) (document offsets) highlighted.
std::string ClaimWithMark(const json& claim, int64_t start, int64_t end) {
  std::string text = claim["text"];
  int64_t base = claim["start"];
  int64_t b = std::clamp<int64_t>(start - base, 0, static_cast<int64_t>(text.size()));
  int64_t e = std::clamp<int64_t>(end - base, b, static_cast<int64_t>(text.size()));
  return HtmlEscape(text.substr(0, static_cast<size_t>(b))) + "<mark>" +
         HtmlEscape(text.substr(static_cast<size_t>(b), static_cast<size_t>(e - b))) + "</mark>" +
         HtmlEscape(text.substr(static_cast<size_t>(e)));
}

// Only http(s) addresses become links: the url comes from the input, and a javascript: or
// data: address in an href would run when clicked.
bool IsWebUrl(std::string_view url) {
  auto starts = [&](std::string_view scheme) {
    if (url.size() < scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

std::string Source(const json& claim, const Index& index) {
  const json& doc = *index.documents.at(claim["doc"].get<std::string>());
  std::string link =
      fmt::format("<a href=\"#claim-{}\">{} · bytes {}–{}</a>", claim["id"].get<int64_t>(),
                  Esc(claim["doc"]), claim["start"].get<int64_t>(), claim["end"].get<int64_t>());
  std::string url = doc.value("url", "");
  if (IsWebUrl(url)) link += fmt::format(" · <a href=\"{}\">article</a>", HtmlEscape(url));
  std::string published = doc["published"].is_null() ? "date unknown" : Esc(doc["published"]);
  std::string source;
  if (doc.contains("source") && doc["source"].is_string() && !doc["source"].empty()) {
    source = " (source: " + HtmlEscape(doc["source"].get<std::string>()) + ")";
  }
  return fmt::format("<div class=\"src\"><b>{}</b>{} · {} · {}</div>", Esc(claim["outlet"]), source,
                     published, link);
}

std::string ClaimBlock(const json& claim, const Index& index, const std::string& body) {
  return fmt::format("<div class=\"claim\">{}<div>{}</div></div>", Source(claim, index), body);
}

std::string ClusterAttributes(const json& cluster) {
  std::string outlets;
  for (const json& o : cluster["outlets"]) {
    if (!outlets.empty()) outlets.push_back(' ');
    outlets.append(OutletToken(o));
  }
  return fmt::format("data-cluster-label=\"{}\" data-outlets=\"{}\" id=\"cluster-{}\"",
                     Esc(cluster["label"]), outlets, cluster["id"].get<int64_t>());
}

std::string Badge(const std::string& label) {
  std::string text = label == "single_source" ? "single source" : label;
  return fmt::format("<span class=\"badge {}\">{}</span>", label, text);
}

std::string SourcesText(const json& cluster) {
  std::string text =
      fmt::format("{} independent source(s)", cluster["independent_sources"].get<int64_t>());
  if (cluster.contains("upstream_sources")) {
    std::vector<std::string> names;
    for (const json& u : cluster["upstream"]) names.push_back(u["name"]);
    text += fmt::format(" · {} upstream source(s){}", cluster["upstream_sources"].get<int64_t>(),
                        names.empty() ? "" : ": " + fmt::format("{}", fmt::join(names, ", ")));
  }
  if (cluster.contains("quotation") && !cluster["quotation"].is_null()) {
    const json& q = cluster["quotation"];
    text += q["speaker"].is_null() ? std::string(" · shared quotation")
                                   : " · shared quotation of " + q["speaker"].get<std::string>();
  }
  return HtmlEscape(text);
}

// One card per conflicting detail (report.json `cards`), its sides grouped ("000 (ISW):
// telephone conversation, phone call — vs — 001, 003, 004: video call"), then the evidence:
// each claim once, with the differing words marked and its cluster linked.
std::string DivergenceCards(const json& report, const Index& index) {
  std::map<int64_t, const json*> clusters;
  for (const json& c : report["clusters"]) clusters[c["id"].get<int64_t>()] = &c;
  std::string out;
  for (const json& card : report["cards"]) {
    if (!card["shown"].get<bool>()) continue;
    std::set<std::string> outlet_tokens;
    std::string sides;
    for (size_t s = 0; s < card["sides"].size(); ++s) {
      const json& side = card["sides"][s];
      if (s > 0) sides += "<span class=\"vs\"> — vs — </span>";
      sides +=
          fmt::format("<span class=\"side\"><b>{}</b>: {}</span>",
                      HtmlEscape(fmt::format(
                          "{}", fmt::join(side["labels"].get<std::vector<std::string>>(), ", "))),
                      HtmlEscape(fmt::format(
                          "{}", fmt::join(side["texts"].get<std::vector<std::string>>(), ", "))));
    }
    std::string evidence, links;
    std::set<int64_t> done, linked;
    for (const json& m : card["divergences"]) {
      int64_t cluster_id = m["cluster"].get<int64_t>();
      const json& cluster = *clusters.at(cluster_id);
      for (const json& o : cluster["outlets"]) outlet_tokens.insert(OutletToken(o));
      if (linked.insert(cluster_id).second) {
        links += fmt::format(" <a href=\"#cluster-{}\">cluster {}</a>", cluster_id, cluster_id);
      }
      const json& d = cluster["divergences"][m["index"].get<size_t>()];
      for (const char* side : {"a", "b"}) {
        int64_t id = d[side].get<int64_t>();
        if (!done.insert(id).second) continue;
        const json& c = *index.claims.at(id);
        std::string start = std::string(side) + "_start", end = std::string(side) + "_end";
        evidence += ClaimBlock(c, index, ClaimWithMark(c, d[start], d[end]));
      }
    }
    std::string outlets;
    for (const std::string& t : outlet_tokens) outlets += (outlets.empty() ? "" : " ") + t;
    out += fmt::format(
        "<div class=\"card\" data-cluster-label=\"divergent\" data-outlets=\"{}\"><div>{} "
        "<span class=\"kind\">{}</span> {} <span class=\"muted\">confidence {:.2f} ·{}</span>"
        "</div><div class=\"divergence\"><div class=\"sides\">{}</div><div "
        "class=\"pair\">{}</div></div></div>\n",
        outlets, Badge("divergent"), Esc(card["kind"]), Esc(card["explanation"]),
        card["confidence"].get<double>(), links, sides, evidence);
  }
  return out.empty() ? "<p class=\"muted\">No divergences found.</p>" : out;
}

// A fact stated by one document only: nothing to compare. The lean page lists it once, in
// its article's claims, instead of a card and a matrix row of its own.
bool ShownAsCluster(const json& cluster, PageDetail detail) {
  return detail == PageDetail::kFull || !StatedByOneDocument(cluster);
}

std::string ClusterCards(const json& report, const Index& index, const std::string& label,
                         PageDetail detail) {
  std::string out;
  bool any = false;  // of this label, shown here or not
  for (const json& cluster : report["clusters"]) {
    if (cluster["label"] != label) continue;
    any = true;
    if (!ShownAsCluster(cluster, detail)) continue;
    std::string speakers;
    if (!cluster["speakers"].empty()) {
      speakers = " · speakers: " +
                 HtmlEscape(fmt::format(
                     "{}", fmt::join(cluster["speakers"].get<std::vector<std::string>>(), "; ")));
    }
    out += fmt::format("<div class=\"card\" {}><div>{} cluster {} · {} · origin {}{}</div>",
                       ClusterAttributes(cluster), Badge(label), cluster["id"].get<int64_t>(),
                       SourcesText(cluster), Esc(cluster["origin"]), speakers);
    for (const json& id : cluster["claims"]) {
      const json& claim = *index.claims.at(id.get<int64_t>());
      out += ClaimBlock(claim, index, HtmlEscape(claim["text"].get<std::string>()));
    }
    out += "</div>\n";
  }
  return out.empty() && !any ? "<p class=\"muted\">None.</p>" : out;
}

std::string DocumentName(const Index& index, const std::string& id) {
  auto it = index.documents.find(id);
  std::string outlet = it == index.documents.end() ? "" : (*it->second)["outlet"];
  return outlet.empty() || outlet == "unknown" ? HtmlEscape(id)
                                               : HtmlEscape(outlet) + " " + HtmlEscape(id);
}

// One side of an aligned passage: the claims of `doc` that overlap [start, end), each with its
// overlap marked, or the passage's own text marked when no claim does (a heading, a removed
// line).
std::string PassageSide(const json& report, const std::string& doc, int64_t start, int64_t end,
                        const std::string& text) {
  std::string out;
  for (const json& c : report["claims"]) {
    if (c["doc"] != doc || c["end"].get<int64_t>() <= start || c["start"].get<int64_t>() >= end)
      continue;
    if (!out.empty()) out += ' ';
    out += ClaimWithMark(c, start, end);
  }
  return out.empty() ? "<mark>" + HtmlEscape(text) + "</mark>" : out;
}

// Who took text from whom (report.json `reuse`): per pair, source -> derived with grade and
// containment, then each aligned passage side by side, the reused words marked on both sides.
std::string ReuseCards(const json& report, const Index& index) {
  std::string out;
  for (const json& pair : report["reuse"]) {
    const std::string source = pair["source"], derived = pair["derived"];
    out += fmt::format(
        "<div class=\"card reuse\"><div><b>{}</b> → <b>{}</b> · {} derived · containment {:.2f} "
        "<span class=\"muted\">(share of {}'s words in aligned passages) · direction: {}{}</span>"
        "</div>",
        DocumentName(index, source), DocumentName(index, derived), Esc(pair["grade"]),
        pair["containment"].get<double>(), HtmlEscape(derived), Esc(pair["direction"]),
        pair["one_source"].get<bool>()
            ? " · counted as one source"
            : " · not counted as one source (its evidence is quotations)");
    for (const json& p : pair["passages"]) {
      out += fmt::format(
          "<div class=\"passage\"><div class=\"kind\">{} · {} words</div><div class=\"pair\">"
          "<div class=\"claim\"><div class=\"src\">{} · bytes {}–{}</div><div>{}</div></div>"
          "<div class=\"claim\"><div class=\"src\">{} · bytes {}–{}</div><div>{}</div></div>"
          "</div></div>",
          Esc(p["kind"]), p["words"].get<int64_t>(), HtmlEscape(source),
          p["source_start"].get<int64_t>(), p["source_end"].get<int64_t>(),
          PassageSide(report, source, p["source_start"], p["source_end"], p["source_text"]),
          HtmlEscape(derived), p["derived_start"].get<int64_t>(), p["derived_end"].get<int64_t>(),
          PassageSide(report, derived, p["derived_start"], p["derived_end"], p["derived_text"]));
    }
    out += "</div>\n";
  }
  return out.empty() ? "<p class=\"muted\">No text reuse found between the documents.</p>" : out;
}

std::vector<std::string> UsedDocuments(const json& report) {
  std::vector<std::string> ids;
  for (const json& d : report["documents"]) {
    if (d["status"] == "used") ids.push_back(d["id"]);
  }
  return ids;
}

// Rows: clusters stated by two or more documents, then (kFull) the rest; columns: documents.
std::string CoverageMatrix(const json& report, const Index& index, PageDetail detail) {
  std::vector<std::string> docs = UsedDocuments(report);
  std::string out = "<table class=\"matrix\"><thead><tr><th>cluster</th><th>first claim</th>";
  for (const std::string& id : docs) {
    const json& doc = *index.documents.at(id);
    out +=
        fmt::format("<th title=\"{}\">{}<br><span class=\"muted\">{}</span></th>", HtmlEscape(id),
                    Esc(doc["outlet"]), HtmlEscape(id.substr(0, Utf8PrefixLength(id, 12))));
  }
  out += "</tr></thead><tbody>\n";
  const int passes = detail == PageDetail::kFull ? 2 : 1;
  for (int pass = 0; pass < passes; ++pass) {
    for (const json& cluster : report["clusters"]) {
      bool shared = cluster["documents"].size() > 1;
      if (shared != (pass == 0)) continue;
      std::set<std::string> in_cluster = cluster["documents"].get<std::set<std::string>>();
      std::set<std::string> conflicting;
      for (const json& d : cluster["divergences"]) {
        if (!d.value("shown", true)) continue;
        conflicting.insert(d["a_doc"].get<std::string>());
        conflicting.insert(d["b_doc"].get<std::string>());
      }
      const json& first = *index.claims.at(cluster["claims"][0].get<int64_t>());
      std::string text = first["text"];
      if (text.size() > 110) text = text.substr(0, Utf8PrefixLength(text, 107)) + "...";
      out +=
          fmt::format("<tr {}><td><a href=\"#cluster-{}\">{}</a> {}</td><td>{}</td>",
                      ClusterAttributes(cluster).substr(0, ClusterAttributes(cluster).find(" id=")),
                      cluster["id"].get<int64_t>(), cluster["id"].get<int64_t>(),
                      Badge(cluster["label"]), HtmlEscape(text));
      for (const std::string& id : docs) {
        if (conflicting.count(id)) {
          out += "<td class=\"cell conflict\" title=\"states it, with conflicting details\">≠</td>";
        } else if (in_cluster.count(id)) {
          out += "<td class=\"cell yes\" title=\"states it\">●</td>";
        } else {
          out += "<td class=\"cell no\" title=\"silent\">·</td>";
        }
      }
      out += "</tr>\n";
    }
  }
  return out + "</tbody></table>";
}

std::string DocumentsTable(const json& report) {
  std::string out =
      "<table><thead><tr><th>id</th><th>outlet</th><th>published</th><th>status</th><th>claims</th>"
      "<th>boilerplate removed</th></tr></thead><tbody>";
  for (const json& d : report["documents"]) {
    std::string status =
        d["status"] == "used" ? "used" : "skipped: " + d["reason"].get<std::string>();
    out +=
        fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    Esc(d["id"]), d["outlet"].is_null() ? "" : Esc(d["outlet"]),
                    d["published"].is_null() ? "unknown" : Esc(d["published"]), HtmlEscape(status),
                    d["claims"].get<int64_t>(), d["boilerplate_removed"].get<int64_t>());
  }
  return out + "</tbody></table>";
}

// Under kLean a claim in a cluster of several documents links to its card; one stated by its
// document only is marked (class `single`, CSS adds the words) and shown nowhere else.
std::string OffEventNote(const json& claim) {
  return claim["off_event"].get<bool>() ? " <span class=\"muted\">(off-event)</span>" : "";
}

std::string ClaimNote(const json& claim, const std::set<int64_t>& alone) {
  if (claim["off_event"].get<bool>()) return OffEventNote(claim);
  if (alone.count(claim["id"].get<int64_t>()) || claim["cluster"].is_null()) return "";
  return fmt::format(" <a href=\"#cluster-{0}\">cluster {0}</a>", claim["cluster"].get<int64_t>());
}

std::string ArticleClaims(const json& report, PageDetail detail) {
  const std::set<int64_t> alone =
      detail == PageDetail::kFull ? std::set<int64_t>{} : OneDocumentClaimIds(report);
  std::string out;
  std::string current;
  for (const json& c : report["claims"]) {
    if (c["doc"] != current) {
      if (!current.empty()) out += "</ol></details>";
      current = c["doc"];
      // Lean: numbered from the document's first claim id (a document's claims are consecutive),
      // not a value per item, and the byte range in a plain span: a page lists every claim once
      // here.
      const std::string start =
          detail == PageDetail::kFull ? "" : fmt::format(" start=\"{}\"", c["id"].get<int64_t>());
      out += fmt::format("<details id=\"doc-{0}\"><summary>{0} · {1}</summary><ol{2}>",
                         Esc(c["doc"]), Esc(c["outlet"]), start);
    }
    const int64_t id = c["id"].get<int64_t>();
    if (detail == PageDetail::kFull) {
      out += fmt::format(
          "<li id=\"claim-{0}\" value=\"{0}\"><span class=\"muted\">[{1}–{2}]</span> {3}{4}</li>",
          id, c["start"].get<int64_t>(), c["end"].get<int64_t>(), Esc(c["text"]), OffEventNote(c));
      continue;
    }
    out += fmt::format("<li id=\"claim-{}\"{}><span>[{}–{}]</span> {}{}</li>", id,
                       alone.count(id) ? " class=\"single\"" : "", c["start"].get<int64_t>(),
                       c["end"].get<int64_t>(), Esc(c["text"]), ClaimNote(c, alone));
  }
  if (!current.empty()) out += "</ol></details>";
  return out;
}

std::string Filters(const json& report, const Index& index) {
  std::string out = "<div class=\"filters\" id=\"filters\"><b>Show:</b> ";
  for (const char* label : {"divergent", "corroborated", "copied", "single_source"}) {
    out += fmt::format("<label><input type=\"checkbox\" data-label=\"{0}\" checked> {1}</label> ",
                       label, std::string(label) == "single_source" ? "single source" : label);
  }
  out += " <label>outlet <select id=\"outlet\"><option value=\"\">all</option>";
  std::set<std::string> outlets;
  for (const std::string& id : UsedDocuments(report))
    outlets.insert((*index.documents.at(id))["outlet"]);
  for (const std::string& o : outlets)
    out += fmt::format("<option value=\"{}\">{}</option>", OutletToken(o), HtmlEscape(o));
  return out + "</select></label></div>";
}

}  // namespace

std::string HtmlEscape(std::string_view raw) {
  // Valid UTF-8 without the control characters HTML forbids, whatever the input bytes.
  const std::string text = XmlSafeText(raw);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

namespace {

// The events with a folder: a linked row each, with their claim and cluster counts.
std::string EventsWithFolders(const json& events) {
  std::string html =
      "<table class=\"events\"><thead><tr><th>event</th><th>title</th><th>documents</th>"
      "<th>claims</th><th>divergent</th><th>corroborated</th><th>copied</th>"
      "<th>single source</th><th>divergences</th></tr></thead><tbody>";
  for (const json& e : events) {
    if (e["folder"].is_null()) continue;
    const json& labels = e["clusters_by_label"];
    html += fmt::format(
        "<tr><td><a "
        "href=\"{0}/report.html\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td>"
        "<td>{5}</td><td>{6}</td><td>{7}</td><td>{8}</td></tr>",
        Esc(e["folder"]), Esc(e["title"]), e["documents"].size(), e["claims"].get<int64_t>(),
        labels["divergent"].get<int64_t>(), labels["corroborated"].get<int64_t>(),
        labels["copied"].get<int64_t>(), labels["single_source"].get<int64_t>(),
        e["divergences"].get<int64_t>());
  }
  return html + "</tbody></table>";
}

// The events without a folder (one article each): what the article is, nothing to compare.
std::string OneArticleEvents(const json& events) {
  std::string rows;
  size_t count = 0;
  for (const json& e : events) {
    if (!e["folder"].is_null()) continue;
    ++count;
    const json& published = e["published"];
    rows +=
        fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    Esc(e["event"]), Esc(e["title"]), Esc(e["documents"][0]), Esc(e["outlets"][0]),
                    published.is_string() ? Esc(published) : std::string("unknown"),
                    e["claims"].get<int64_t>());
  }
  if (count == 0) return "";
  return fmt::format(
      "<h2>One-article events ({})</h2><table class=\"events one-article\"><thead><tr>"
      "<th>event</th><th>title</th><th>document</th><th>outlet</th><th>published</th>"
      "<th>claims</th></tr></thead><tbody>{}</tbody></table>",
      count, rows);
}

}  // namespace

std::string RenderIndexHtml(const json& index) {
  const size_t events = index["events"].size();
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>crossclaim: {0} "
      "{1}</title><style>{2}</style></head><body><header><div class=\"muted\">crossclaim · "
      "generated {3}</div><h1>{0} {1}</h1></header><main>",
      events, events == 1 ? "event" : "events", kStyle, Esc(index["generated_at"]));
  html += EventsWithFolders(index["events"]) + OneArticleEvents(index["events"]);
  if (!index["skipped"].empty()) {
    html += "<h2>Skipped inputs</h2><ul>";
    for (const json& s : index["skipped"])
      html += fmt::format("<li>{}: {}</li>", Esc(s["id"]), Esc(s["reason"]));
    html += "</ul>";
  }
  return html + "</main></body></html>\n";
}

// Under kLean: where the facts stated by one document only went.
std::string OneDocumentNote(const json& report, PageDetail detail) {
  if (detail == PageDetail::kFull) return "";
  size_t count = 0;
  for (const json& cluster : report["clusters"]) count += StatedByOneDocument(cluster) ? 1 : 0;
  if (count == 0) return "";
  return fmt::format(
      "<p class=\"muted\">{} fact{} stated by one document only: listed once, under <a "
      "href=\"#articles\">Claims by article</a>, marked single source.</p>",
      count, count == 1 ? "" : "s");
}

std::string RenderHtml(const json& report, PageDetail detail) {
  Index index = MakeIndex(report);
  const json& stats = report["stats"];
  const json& labels = stats["clusters_by_label"];
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>crossclaim report: {}</title><style>{}</style></head><body>\n"
      "<header><div class=\"muted\">crossclaim report · {} · generated {}</div><h1>{}</h1>"
      "<div class=\"stats\"><span><b>{}</b> documents used</span><span><b>{}</b> skipped</span>"
      "<span><b>{}</b> claims ({} off-event)</span><span>{} divergent</span><span>{} "
      "corroborated</span>"
      "<span>{} copied</span><span>{} single-source</span></div></header>\n<main>",
      Esc(report["event"]["title"]),
      std::string(kStyle) + (detail == PageDetail::kLean ? kLeanStyle : ""), Esc(report["schema"]),
      Esc(report["generated_at"]), Esc(report["event"]["title"]),
      stats["documents_used"].get<int64_t>(), stats["documents_skipped"].get<int64_t>(),
      stats["claims"].get<int64_t>(), stats["off_event_claims"].get<int64_t>(),
      labels["divergent"].get<int64_t>(), labels["corroborated"].get<int64_t>(),
      labels["copied"].get<int64_t>(), labels["single_source"].get<int64_t>());
  html += Filters(report, index);
  html += "<section id=\"divergences\"><h2>Divergences: where the outlets disagree</h2>" +
          DivergenceCards(report, index) + "</section>\n";
  html += "<section id=\"divergent\"><h2>Divergent clusters</h2>" +
          ClusterCards(report, index, "divergent", detail) + "</section>\n";
  html +=
      "<section id=\"coverage\"><h2>Who reported what</h2><p class=\"muted\">● states the fact · ≠ "
      "states it with conflicting details · · silent. Off-event claims (sidebars, feeds) are left "
      "out.</p>" +
      CoverageMatrix(report, index, detail) + OneDocumentNote(report, detail) + "</section>\n";
  html += "<section id=\"corroborated\"><h2>Corroborated</h2>" +
          ClusterCards(report, index, "corroborated", detail) + "</section>\n";
  html += "<section id=\"copied\"><h2>Copied (one source re-published)</h2>" +
          ClusterCards(report, index, "copied", detail) + "</section>\n";
  if (report.contains("reuse")) {
    html +=
        "<section id=\"reuse\"><h2>Who took text from whom</h2><p class=\"muted\">Text "
        "reuse: a derived document counts with its source as one source. Passages side by "
        "side, source left; the reused words <mark>marked</mark>.</p>" +
        ReuseCards(report, index) + "</section>\n";
  }
  html += "<section id=\"single-source\"><h2>Single source</h2>" +
          ClusterCards(report, index, "single_source", detail) + OneDocumentNote(report, detail) +
          "</section>\n";
  html += "<section id=\"documents\"><h2>Documents</h2>" + DocumentsTable(report) + "</section>\n";
  html += "<section id=\"articles\"><h2>Claims by article</h2>" + ArticleClaims(report, detail) +
          "</section>\n";
  html += fmt::format("</main><script>{}</script></body></html>\n", kScript);
  return html;
}

}  // namespace crossclaim
