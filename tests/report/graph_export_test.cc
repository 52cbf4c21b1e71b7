// WriteDot writes its own DOT text instead of calling Boost's write_graphviz_dp (whose
// per-attribute regex was 6% of a feed's report); the oracle here is that Boost writer, run on
// the same cleaned strings, over hand-picked hostile strings and numbers and seeded random ones.
#include "report/graph_export.h"

#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace crossclaim {
namespace {

struct Vertex {
  std::string id, doc, outlet, text;
  int cluster = -1;
  bool off_event = false;
};
struct Edge {
  std::string kind;
  double cosine = 0, jaccard = 0;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, Vertex, Edge>;

// The cleaning graph_export.h documents for DOT: printable, XML-safe, backslashes doubled.
std::string DotClean(const std::string& text) {
  std::string out;
  for (char c : XmlSafeText(PrintableText(text))) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string BoostDot(const nlohmann::json& report) {
  Graph graph;
  for (const nlohmann::json& c : report["claims"]) {
    boost::add_vertex(
        Vertex{"c" + std::to_string(c["id"].get<int>()), DotClean(c["doc"]), DotClean(c["outlet"]),
               DotClean(c["text"]), c["cluster"].is_null() ? -1 : c["cluster"].get<int>(),
               c["off_event"].get<bool>()},
        graph);
  }
  for (const nlohmann::json& e : report["edges"]) {
    boost::add_edge(e["a"].get<size_t>(), e["b"].get<size_t>(),
                    Edge{DotClean(e["kind"]), e["cosine"], e["jaccard"]}, graph);
  }
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("node_id", boost::get(&Vertex::id, graph));
  dp.property("doc", boost::get(&Vertex::doc, graph));
  dp.property("outlet", boost::get(&Vertex::outlet, graph));
  dp.property("text", boost::get(&Vertex::text, graph));
  dp.property("cluster", boost::get(&Vertex::cluster, graph));
  dp.property("off_event", boost::get(&Vertex::off_event, graph));
  dp.property("kind", boost::get(&Edge::kind, graph));
  dp.property("cosine", boost::get(&Edge::cosine, graph));
  dp.property("jaccard", boost::get(&Edge::jaccard, graph));
  std::ostringstream out;
  boost::write_graphviz_dp(out, graph, dp, "node_id");
  return out.str();
}

std::string OurDot(const nlohmann::json& report) {
  std::ostringstream out;
  WriteDot(report, out);
  return out.str();
}

nlohmann::json Report(const std::vector<std::string>& strings, const std::vector<double>& numbers) {
  nlohmann::json claims = nlohmann::json::array(), edges = nlohmann::json::array();
  for (size_t i = 0; i < strings.size(); ++i) {
    claims.push_back({{"id", i},
                      {"doc", strings[i]},
                      {"outlet", strings[(i + 1) % strings.size()]},
                      {"text", strings[(i + 2) % strings.size()]},
                      {"cluster", i % 3 == 0 ? nlohmann::json(nullptr) : nlohmann::json(i)},
                      {"off_event", i % 2 == 0}});
  }
  for (size_t i = 0; i + 1 < strings.size(); ++i) {
    edges.push_back({{"a", i},
                     {"b", i + 1},
                     {"kind", strings[(i + 3) % strings.size()]},
                     {"cosine", numbers[i % numbers.size()]},
                     {"jaccard", numbers[(i + 1) % numbers.size()]}});
  }
  return {{"claims", claims}, {"edges", edges}};
}

TEST(WriteDotTest, SameBytesAsBoostOnHandPickedStrings) {
  // Bare identifiers and numerals (with sign, leading or trailing point) against near misses.
  const std::vector<std::string> strings = {
      "",         "overlap",   "_x9",         "9x",           "x-y",   "-",
      ".",        "-.",        "-.5",         "12.",          "12.5.", "-12",
      "1e-05",    "a b",       "\"quoted\"",  "back\\slash",  "end\\", "caf\xC3\xA9",
      "\xFF\xFE", "tab\there", "line\nbreak", "\x01\x1b[31m", "\x7f",  "{",
      "}",        "-- ->",     "\xE4\xB8\xAD"};
  const std::vector<double> numbers = {0, 1, 0.5, 0.127634218, 1e-05, 2.5e-7, 0.1 + 0.2, 123456789};
  const nlohmann::json report = Report(strings, numbers);
  EXPECT_EQ(OurDot(report), BoostDot(report));
}

TEST(WriteDotTest, SameBytesAsBoostOnRandomStrings) {
  std::mt19937 rng(17);
  const std::string alphabet = "aZ_09.-\" \\\t\n\x01\x7f\xC3\xA9\xFF{}";
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1), length(0, 6);
  std::uniform_real_distribution<double> value(0, 1);
  for (int round = 0; round < 50; ++round) {
    std::vector<std::string> strings(12);
    for (std::string& s : strings) {
      for (size_t n = length(rng); n > 0; --n) s += alphabet[pick(rng)];
    }
    std::vector<double> numbers(5);
    for (double& x : numbers) x = value(rng) * std::pow(10.0, -static_cast<int>(length(rng)));
    const nlohmann::json report = Report(strings, numbers);
    ASSERT_EQ(OurDot(report), BoostDot(report)) << "round " << round;
  }
}

}  // namespace
}  // namespace crossclaim
