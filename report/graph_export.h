// The claim graph for graph tools: GraphML (yEd, Gephi, networkx) and Graphviz DOT, written
// with Boost.Graph's writers. Vertices are claims (id, document, outlet, text, cluster,
// off_event); edges carry kind (overlap | copy | conflict), cosine and jaccard.
#ifndef CROSSCLAIM_REPORT_GRAPH_EXPORT_H_
#define CROSSCLAIM_REPORT_GRAPH_EXPORT_H_

#include <nlohmann/json.hpp>
#include <ostream>

namespace crossclaim {

// Both take report.json (claims, edges). Vertex order is claim id order. Any bytes in the
// strings give well-formed output: invalid UTF-8 becomes U+FFFD and the control characters
// XML forbids are dropped (core/utf8.h XmlSafeText); in DOT each backslash is doubled and
// the other control characters become U+FFFD (PrintableText).
void WriteGraphMl(const nlohmann::json& report, std::ostream& out);
void WriteDot(const nlohmann::json& report, std::ostream& out);

}  // namespace crossclaim

#endif  // CROSSCLAIM_REPORT_GRAPH_EXPORT_H_
