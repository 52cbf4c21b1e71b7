#include "report/reuse_output.h"

#include <fmt/format.h>

#include <cmath>
#include <string_view>

#include "core/json_text.h"
#include "core/utf8.h"

namespace crossclaim {
namespace {

double Round4(double x) { return std::round(x * 1e4) / 1e4; }

std::string Describe(const Document& d) {
  std::string out = d.id + " (" + d.outlet;
  if (d.published) out += ", " + d.published->ToIso();
  return out + ")";
}

// The passage's text on one line, shortened in the middle when long.
std::string Excerpt(std::string_view text, Span span) {
  std::string s(text.substr(span.begin, span.size()));
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t' || c == '\x19') c = ' ';
  }
  constexpr size_t kMax = 160;
  if (s.size() <= kMax) return s;
  size_t head = kMax / 2, tail = s.size() - kMax / 2;
  while (head > 0 && (static_cast<unsigned char>(s[head]) & 0xC0) == 0x80) --head;
  while (tail < s.size() && (static_cast<unsigned char>(s[tail]) & 0xC0) == 0x80) ++tail;
  return s.substr(0, head) + " ... " + s.substr(tail);
}

}  // namespace

nlohmann::json ReusePairJson(const std::vector<Document>& docs, const ReusePair& pair) {
  nlohmann::json passages = nlohmann::json::array();
  for (const ReusePassage& p : pair.passages) {
    passages.push_back({{"source_start", p.source.begin},
                        {"source_end", p.source.end},
                        {"derived_start", p.derived.begin},
                        {"derived_end", p.derived.end},
                        {"words", p.words},
                        {"kind", PassageKindName(p.kind)}});
  }
  nlohmann::json out{{"source", docs[pair.source].id},
                     {"derived", docs[pair.derived].id},
                     {"containment", Round4(pair.containment)},
                     {"source_containment", Round4(pair.source_containment)},
                     {"grade", GradeName(pair.grade)},
                     {"direction", DirectionName(pair.direction)},
                     {"passages", std::move(passages)}};
  if (pair.explained_by) out["explained_by"] = docs[*pair.explained_by].id;
  return out;
}

std::string ReuseJsonLines(const std::vector<Document>& docs, const ReuseResult& result) {
  std::string out;
  for (const ReusePair& pair : result.pairs) {
    out += DumpJson(ReusePairJson(docs, pair));
    out += '\n';
  }
  return out;
}

std::string ReuseText(const std::vector<Document>& docs, const ReuseResult& result) {
  std::string out;
  for (const ReusePair& pair : result.pairs) {
    const Document& s = docs[pair.source];
    const Document& d = docs[pair.derived];
    out += fmt::format("{} took text from {}: containment {:.3f}, {} (direction: {})\n",
                       Describe(d), Describe(s), pair.containment, GradeName(pair.grade),
                       DirectionName(pair.direction));
    if (pair.explained_by) {
      out += fmt::format("  explained by the nearer source {}\n", docs[*pair.explained_by].id);
    }
    for (const ReusePassage& p : pair.passages) {
      out += fmt::format("  {} ({} words)\n    {} [{}-{}]: {}\n    {} [{}-{}]: {}\n",
                         PassageKindName(p.kind), p.words, s.id, p.source.begin, p.source.end,
                         Excerpt(s.text, p.source), d.id, p.derived.begin, p.derived.end,
                         Excerpt(d.text, p.derived));
    }
  }
  out += fmt::format("{} reuse pairs among {} documents ({} candidate pairs aligned)\n",
                     result.pairs.size(), result.stats.documents, result.stats.candidate_pairs);
  return PrintableText(out);  // ids and excerpts are input: no control sequences, valid UTF-8
}

}  // namespace crossclaim
