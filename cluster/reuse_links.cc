#include "cluster/reuse_links.h"

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>
#include <map>
#include <string>

#include "cluster/upstream.h"
#include "similarity/dedup.h"
#include "similarity/stopwords.h"

namespace crossclaim {
namespace {

bool IsQuotation(const ReusePassage& p) { return p.kind == PassageKind::kQuotation; }

uint32_t OverlapBytes(const Span& a, const Span& b) {
  uint32_t begin = std::max(a.begin, b.begin), end = std::min(a.end, b.end);
  return end > begin ? end - begin : 0;
}

std::set<std::string> ContentWords(const Claim& c) {
  std::set<std::string> words;
  for (const std::string& t : c.tokens) {
    if (!IsEnglishStopWord(t)) words.insert(t);
  }
  return words;
}

// Share of `derived`'s content words that `source` holds.
double HeldShare(const std::set<std::string>& derived, const std::set<std::string>& source) {
  if (derived.empty()) return 0;
  size_t held = 0;
  for (const std::string& w : derived) held += source.count(w);
  return static_cast<double>(held) / static_cast<double>(derived.size());
}

}  // namespace

double NonQuotationContainment(const ReusePair& pair) {
  uint64_t all = 0, own = 0;
  for (const ReusePassage& p : pair.passages) {
    all += p.words;
    if (!IsQuotation(p)) own += p.words;
  }
  return all == 0 ? 0.0 : pair.containment * static_cast<double>(own) / static_cast<double>(all);
}

bool IsDerivation(const ReusePair& pair) {
  uint64_t own = 0;
  for (const ReusePassage& p : pair.passages) own += IsQuotation(p) ? 0 : p.words;
  const double share = NonQuotationContainment(pair);
  const bool short_wire_brief = pair.direction == ReuseDirection::kWire &&
                                own >= kMinShortDerivationWords && share >= kShortDerivationShare;
  const bool enough_words = own >= kMinDerivationWords || short_wire_brief;
  return pair.grade != ReuseGrade::kNon && enough_words && share >= kReusePartiallyThreshold;
}

int32_t ReuseLinks::Origin(const std::vector<Document>& documents,
                           const std::vector<int32_t>& members) const {
  std::set<int32_t> in(members.begin(), members.end());
  std::set<int32_t> derived;
  for (const auto& [source, target] : derivations) {
    if (in.count(static_cast<int32_t>(source)) && in.count(static_cast<int32_t>(target))) {
      derived.insert(static_cast<int32_t>(target));
    }
  }
  std::vector<int32_t> roots;
  for (int32_t d : members) {
    if (!derived.count(d)) roots.push_back(d);
  }
  if (roots.empty()) roots = members;  // a cycle of derivations: every member is a candidate
  int32_t origin = roots.front();
  for (int32_t d : roots) {
    if (PublishedBefore(documents, static_cast<uint32_t>(d), static_cast<uint32_t>(origin))) {
      origin = d;
    }
  }
  return origin;
}

ReuseLinks LinkReuse(const std::vector<Document>& documents, const std::vector<Claim>& claims,
                     const ReuseResult& reuse) {
  ReuseLinks links;
  const size_t n = documents.size();
  std::vector<size_t> rank(n, 0), parent(n);
  boost::disjoint_sets<size_t*, size_t*> sets(rank.data(), parent.data());
  for (size_t d = 0; d < n; ++d) sets.make_set(d);
  std::map<int32_t, std::vector<const Claim*>> by_doc;
  for (const Claim& c : claims) by_doc[c.doc].push_back(&c);
  std::map<int32_t, std::set<std::string>> words;
  auto content = [&](const Claim& c) -> const std::set<std::string>& {
    auto it = words.find(c.id);
    if (it == words.end()) it = words.emplace(c.id, ContentWords(c)).first;
    return it->second;
  };
  for (const ReusePair& pair : reuse.pairs) {
    if (!IsDerivation(pair)) continue;
    links.derivations.emplace_back(pair.source, pair.derived);
    sets.union_set(pair.source, pair.derived);
    const std::vector<const Claim*>& sources = by_doc[static_cast<int32_t>(pair.source)];
    for (const Claim* y : by_doc[static_cast<int32_t>(pair.derived)]) {
      for (const ReusePassage& p : pair.passages) {
        if (IsQuotation(p) || 2 * OverlapBytes(y->span, p.derived) < y->span.size()) continue;
        for (const Claim* x : sources) {
          if (OverlapBytes(x->span, p.source) == 0 || HeldShare(content(*y), content(*x)) < 0.5)
            continue;
          links.copied.emplace(std::min(x->id, y->id), std::max(x->id, y->id));
        }
      }
    }
  }
  std::map<std::string, size_t> first_named;  // NamedSourceKeys key -> first document
  for (size_t d = 0; d < n; ++d) {
    for (std::string& key : NamedSourceKeys(documents[d])) {
      auto [it, inserted] = first_named.emplace(std::move(key), d);
      if (!inserted) sets.union_set(it->second, d);
    }
  }
  links.source_set.resize(n);
  for (size_t d = 0; d < n; ++d) links.source_set[d] = static_cast<int32_t>(sets.find_set(d));
  return links;
}

}  // namespace crossclaim
