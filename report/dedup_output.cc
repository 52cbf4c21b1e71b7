#include "report/dedup_output.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "core/utf8.h"

namespace crossclaim {
namespace {

// The text of `span` on one line, cut at `max_bytes` on a UTF-8 boundary.
std::string Excerpt(const Document& doc, Span span, size_t max_bytes = 160) {
  std::string text = doc.text.substr(span.begin, span.size());
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

}  // namespace

std::string DedupJsonLines(const std::vector<Document>& docs, const DedupResult& result,
                           bool passages) {
  std::string out;
  for (const CopyPair& p : result.pairs) {
    nlohmann::ordered_json line = {{"type", "pair"},
                                   {"a", docs[p.a].id},
                                   {"b", docs[p.b].id},
                                   {"jaccard", p.jaccard},
                                   {"estimate", p.estimate}};
    if (passages) {
      line["span_a"] = {p.span_a.begin, p.span_a.end};
      line["span_b"] = {p.span_b.begin, p.span_b.end};
    }
    out += DumpJson(line) + '\n';
  }
  for (const CopyGroup& g : result.groups) {
    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    for (uint32_t m : g.members) members.push_back(docs[m].id);
    nlohmann::ordered_json line = {
        {"type", "group"}, {"members", members}, {"origin", docs[g.origin].id}};
    out += DumpJson(line) + '\n';
  }
  return out;
}

std::string DedupText(const std::vector<Document>& docs, const DedupResult& result, bool passages,
                      size_t document_count) {
  auto date = [&](uint32_t d) {
    return docs[d].published ? docs[d].published->ToIso() : std::string("undated");
  };
  std::string out;
  for (const CopyPair& p : result.pairs) {
    out += fmt::format("{} ({}, {}) copied from {} ({}, {}): jaccard {:.3f}, estimate {:.3f}\n",
                       docs[p.b].id, docs[p.b].outlet, date(p.b), docs[p.a].id, docs[p.a].outlet,
                       date(p.a), p.jaccard, p.estimate);
    if (!passages) continue;
    for (auto [d, span] : {std::pair{p.a, p.span_a}, std::pair{p.b, p.span_b}}) {
      out += fmt::format("  {} [{}-{}]: {}\n", docs[d].id, span.begin, span.end,
                         Excerpt(docs[d], span));
    }
  }
  for (size_t i = 0; i < result.groups.size(); ++i) {
    const CopyGroup& g = result.groups[i];
    std::vector<std::string> members;
    for (uint32_t m : g.members) members.push_back(docs[m].id);
    out += fmt::format("group {}: origin {} ({}); members {}\n", i + 1, docs[g.origin].id,
                       docs[g.origin].outlet, fmt::join(members, ", "));
  }
  if (document_count == 0) document_count = docs.size();
  out += fmt::format("{} documents, {} copy pairs, {} groups\n", document_count,
                     result.pairs.size(), result.groups.size());
  return PrintableText(out);  // ids and excerpts are input: no control sequences, valid UTF-8
}

}  // namespace crossclaim
