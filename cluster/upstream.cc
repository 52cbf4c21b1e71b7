#include "cluster/upstream.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>
#include <set>
#include <string_view>

#include "cluster/event_analysis.h"

namespace crossclaim {
namespace {

size_t Find(std::vector<size_t>& parent, size_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

}  // namespace

bool NamesSomeone(std::string_view speaker) {
  static constexpr std::string_view kGeneric[] = {
      "officials", "official",  "police",    "authorities", "analysts",  "experts",
      "witnesses", "sources",   "source",    "prosecutors", "diplomats", "investigators",
      "residents", "observers", "critics",   "aides",       "aide",      "reports",
      "report",    "people",    "spokesman", "spokeswoman"};
  std::string last(
      speaker.substr(speaker.rfind(' ') == std::string_view::npos ? 0 : speaker.rfind(' ') + 1));
  for (char& c : last) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view g : kGeneric) {
    if (last == g) return false;
  }
  // Its first word (after "the") or its last is capitalised: "Kremlin's press service", "aide
  // Yuri Ushakov"; not "live Russian translation of his comments".
  std::string_view s = speaker;
  if (s.starts_with("the ") || s.starts_with("The ")) s.remove_prefix(4);
  size_t last_space = s.rfind(' ');
  auto capital = [](std::string_view w) {
    return !w.empty() && std::isupper(static_cast<unsigned char>(w.front()));
  };
  return capital(s) || capital(last_space == std::string_view::npos ? s : s.substr(last_space + 1));
}

std::optional<std::string> UpstreamOf(const Claim& claim, const Document& document) {
  for (const std::optional<std::string>* s : {&claim.attribution, &claim.context_attribution}) {
    if (*s && NamesSomeone(**s)) return **s;
  }
  if (!document.source.empty()) return document.source;
  return std::nullopt;
}

UpstreamSummary SummarizeUpstream(const Corpus& corpus, const std::vector<Claim>& claims,
                                  const std::vector<int32_t>& members,
                                  const std::vector<int32_t>& source_of) {
  UpstreamSummary out;
  std::map<int32_t, size_t> index;  // independent source id -> item
  for (int32_t s : source_of) index.emplace(s, index.size());
  std::vector<size_t> parent(index.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::map<std::string, size_t> first_item;  // speaker key -> item
  std::map<std::string, size_t> named;       // speaker key -> position in out.named
  for (size_t i = 0; i < members.size(); ++i) {
    const Claim& claim = claims[static_cast<size_t>(members[i])];
    std::optional<std::string> upstream =
        UpstreamOf(claim, corpus.documents[static_cast<size_t>(claim.doc)]);
    if (!upstream) continue;
    std::string key = SpeakerKey(*upstream);
    size_t item = index.at(source_of[i]);
    auto [it, inserted] = first_item.emplace(key, item);
    if (!inserted) parent[Find(parent, item)] = Find(parent, it->second);
    auto [pos, added] = named.emplace(key, out.named.size());
    if (added) out.named.push_back({*upstream, {}});
    UpstreamSource& source = out.named[pos->second];
    if (upstream->size() > source.name.size()) source.name = *upstream;
    source.documents.push_back(claim.doc);
  }
  for (UpstreamSource& s : out.named) {
    std::sort(s.documents.begin(), s.documents.end());
    s.documents.erase(std::unique(s.documents.begin(), s.documents.end()), s.documents.end());
  }
  std::stable_sort(out.named.begin(), out.named.end(),
                   [](const UpstreamSource& x, const UpstreamSource& y) {
                     return x.documents.front() < y.documents.front();
                   });
  std::set<size_t> roots;
  for (size_t i = 0; i < parent.size(); ++i) roots.insert(Find(parent, i));
  out.count = static_cast<int32_t>(roots.size());
  return out;
}

}  // namespace crossclaim
