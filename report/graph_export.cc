#include "report/graph_export.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <string>

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

}  // namespace

void WriteGraphMl(const nlohmann::json& report, std::ostream& out) {
  ClaimGraph graph = BuildGraph(report, GraphMlText);
  boost::dynamic_properties dp = Properties(graph);
  boost::write_graphml(out, graph, boost::get(boost::vertex_index, graph), dp,
                       /*ordered_vertices=*/true);
}

void WriteDot(const nlohmann::json& report, std::ostream& out) {
  ClaimGraph graph = BuildGraph(report, DotText);
  boost::dynamic_properties dp = Properties(graph);
  dp.property("node_id", boost::get(&VertexData::id, graph));
  boost::write_graphviz_dp(out, graph, dp, "node_id");
}

}  // namespace crossclaim
