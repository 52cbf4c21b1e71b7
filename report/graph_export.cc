#include "report/graph_export.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace crossclaim {
namespace {

struct VertexData {
  std::string id;  // "c17"
  std::string doc;
  std::string outlet;
  std::string text;
  int cluster = -1;
  bool off_event = false;
};

struct EdgeData {
  std::string kind;
  double cosine = 0;
  double jaccard = 0;
};

using ClaimGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, VertexData, EdgeData>;

// The text of a string attribute: what XML 1.0 accepts (valid UTF-8, no forbidden control
// characters; Boost escapes the markup characters). For DOT, also each backslash doubled:
// Boost escapes only quotes, so a text ending in a backslash would escape the closing
// quote; Graphviz reads "\\" as one backslash in labels.
using Clean = std::string (*)(std::string_view);

std::string GraphMlText(std::string_view text) { return XmlSafeText(text); }

std::string DotText(std::string_view text) {
  std::string out;
  // DOT files are also read as text: control characters (C0 but tab and newline, DEL, C1)
  // become U+FFFD rather than reaching a terminal.
  for (char c : XmlSafeText(PrintableText(text))) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

ClaimGraph BuildGraph(const nlohmann::json& report, Clean clean) {
  ClaimGraph graph;
  for (const nlohmann::json& c : report["claims"]) {
    VertexData v;
    v.id = "c" + std::to_string(c["id"].get<int64_t>());
    v.doc = clean(c["doc"].get<std::string>());
    v.outlet = clean(c["outlet"].get<std::string>());
    v.text = clean(c["text"].get<std::string>());
    v.cluster = c["cluster"].is_null() ? -1 : c["cluster"].get<int>();
    v.off_event = c["off_event"];
    boost::add_vertex(v, graph);
  }
  for (const nlohmann::json& e : report["edges"]) {
    EdgeData data{clean(e["kind"].get<std::string>()), e["cosine"], e["jaccard"]};
    boost::add_edge(e["a"].get<size_t>(), e["b"].get<size_t>(), data, graph);
  }
  return graph;
}

boost::dynamic_properties Properties(ClaimGraph& graph) {
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("doc", boost::get(&VertexData::doc, graph));
  dp.property("outlet", boost::get(&VertexData::outlet, graph));
  dp.property("text", boost::get(&VertexData::text, graph));
  dp.property("cluster", boost::get(&VertexData::cluster, graph));
  dp.property("off_event", boost::get(&VertexData::off_event, graph));
  dp.property("kind", boost::get(&EdgeData::kind, graph));
  dp.property("cosine", boost::get(&EdgeData::cosine, graph));
  dp.property("jaccard", boost::get(&EdgeData::jaccard, graph));
  return dp;
}

// Boost's write_graphviz_dp writes the same bytes, but its escape_dot_string runs a regex per
// attribute (6% of a feed's report). As there: an ID Graphviz reads unquoted (a letter or '_'
// then word characters, or a numeral) stays bare; anything else is quoted, quotes escaped.
bool IsBareDotId(std::string_view s) {
  auto ascii_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.empty()) return false;
  if (ascii_alpha(s[0]) || s[0] == '_') {
    return std::all_of(s.begin() + 1, s.end(),
                       [&](char c) { return ascii_alpha(c) || digit(c) || c == '_'; });
  }
  size_t i = s[0] == '-' ? 1 : 0;  // a numeral: -?(.\d*|\d+(.\d*)?)
  if (i < s.size() && s[i] == '.') return std::all_of(s.begin() + i + 1, s.end(), digit);
  const size_t digits_start = i;
  while (i < s.size() && digit(s[i])) ++i;
  if (i == digits_start) return false;
  if (i < s.size() && s[i] == '.') ++i;
  return std::all_of(s.begin() + i, s.end(), digit);
}

void AppendDotId(std::string_view s, std::string* out) {
  if (IsBareDotId(s)) {
    *out += s;
    return;
  }
  *out += '"';
  for (char c : s) {
    if (c == '"') *out += '\\';
    *out += c;
  }
  *out += '"';
}

// A value as Boost's dynamic properties print it (an ostream's default format).
std::string StreamText(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// `head` (a vertex id, or "a--b " for an edge), then the attributes in name order.
void AppendDotLine(std::string_view head,
                   std::initializer_list<std::pair<std::string_view, std::string>> attributes,
                   std::string* out) {
  *out += head;
  const char* separator = " [";
  for (const auto& [name, value] : attributes) {
    *out += separator;
    *out += name;
    *out += '=';
    AppendDotId(value, out);
    separator = ", ";
  }
  *out += "];\n";
}

}  // namespace

void WriteGraphMl(const nlohmann::json& report, std::ostream& out) {
  ClaimGraph graph = BuildGraph(report, GraphMlText);
  boost::dynamic_properties dp = Properties(graph);
  boost::write_graphml(out, graph, boost::get(boost::vertex_index, graph), dp,
                       /*ordered_vertices=*/true);
}

void WriteDot(const nlohmann::json& report, std::ostream& out) {
  std::string text = "graph G {\n";
  std::vector<std::string> ids;  // by vertex index, as the edges name them
  for (const nlohmann::json& c : report["claims"]) {
    const std::string& id = ids.emplace_back("c" + std::to_string(c["id"].get<int64_t>()));
    const int cluster = c["cluster"].is_null() ? -1 : c["cluster"].get<int>();
    AppendDotLine(id,
                  {{"cluster", std::to_string(cluster)},
                   {"doc", DotText(c["doc"].get<std::string>())},
                   {"off_event", c["off_event"].get<bool>() ? "1" : "0"},
                   {"outlet", DotText(c["outlet"].get<std::string>())},
                   {"text", DotText(c["text"].get<std::string>())}},
                  &text);
  }
  for (const nlohmann::json& e : report["edges"]) {
    std::string ends;
    AppendDotId(ids.at(e["a"].get<size_t>()), &ends);
    ends += "--";
    AppendDotId(ids.at(e["b"].get<size_t>()), &ends);
    ends += ' ';
    AppendDotLine(ends,
                  {{"cosine", StreamText(e["cosine"].get<double>())},
                   {"jaccard", StreamText(e["jaccard"].get<double>())},
                   {"kind", DotText(e["kind"].get<std::string>())}},
                  &text);
  }
  text += "}\n";
  out << text;
}

}  // namespace crossclaim
