#include "cluster/upstream.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <numeric>
#include <set>
#include <string_view>

#include "cluster/event_analysis.h"
#include "core/text.h"
#include "core/wire.h"

namespace crossclaim {
namespace {

// Words of an introducing line that name a reprinted statement (ReprintIntroduction), and
// the verbs after which the line names its author (ReprintAuthor).
constexpr auto kReprintCues = std::to_array<std::string_view>(
    {"wrote", "writes", "posted", "post", "posting", "tweeted", "tweet", "statement", "said",
     "says", "reads", "read", "letter", "message", "facebook", "twitter", "rant", "email"});
constexpr auto kAuthorVerbs = std::to_array<std::string_view>(
    {"wrote", "writes", "posted", "posts", "tweeted", "tweets", "said", "says", "added"});

bool IsCapitalised(std::string_view word) {
  return !word.empty() && std::isupper(static_cast<unsigned char>(word.front()));
}

size_t Find(std::vector<size_t>& parent, size_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Whether `head` ends with a slug line's date, "27/01/00" (day/month/year of 2-4 digits).
bool EndsWithSlugDate(std::string_view head) {
  int slashes = 0;
  size_t digits = 0;
  while (!head.empty() && (IsDigit(head.back()) || head.back() == '/')) {
    slashes += head.back() == '/';
    digits += IsDigit(head.back());
    head.remove_suffix(1);
  }
  return slashes == 2 && digits >= 4;
}

// After a slug line's ": Page ": "2 (HHH) COURTS Pinochet Substitute<" -> the words after the
// desk code, up to the line's end; nullopt when the rest is not of that form.
std::optional<std::string_view> SlugWords(std::string_view rest) {
  size_t i = 0;
  while (i < rest.size() && IsDigit(rest[i])) ++i;
  if (i == 0 || !rest.substr(i).starts_with(" (")) return std::nullopt;
  size_t close = rest.find(") ", i);
  if (close == std::string_view::npos || close == i + 2) return std::nullopt;
  for (size_t k = i + 2; k < close; ++k) {
    if (!std::isupper(static_cast<unsigned char>(rest[k]))) return std::nullopt;
  }
  rest.remove_prefix(close + 2);
  return rest.substr(0, std::min(rest.find_first_of("<\n"), rest.size()));
}

// Lower-case words of letters and digits, one space apart: "PA News." -> "pa news".
std::string NameKey(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!key.empty() && key.back() != ' ') {
      key += ' ';
    }
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

}  // namespace

std::string WireStoryKey(std::string_view text) {
  if (!IsWireText(text)) return {};
  std::string_view head = text.substr(0, std::min<size_t>(text.size(), 2000));
  constexpr std::string_view kPage = ": Page ";
  for (size_t at = head.find(kPage); at != std::string_view::npos; at = head.find(kPage, at + 1)) {
    if (!EndsWithSlugDate(head.substr(0, at))) continue;
    std::optional<std::string_view> words = SlugWords(head.substr(at + kPage.size()));
    if (!words) continue;
    std::vector<std::string> tokens = NormalizedTokens(*words);
    if (tokens.size() < 2) continue;  // a category without a catchline names no story
    return tokens[0] + " " + tokens[1];
  }
  return {};
}

std::vector<std::string> NamedSourceKeys(const Document& document) {
  std::vector<std::string> keys;
  for (const std::string* name : {&document.source, &document.outlet}) {
    if (name->empty() || *name == kUnknownOutlet) continue;
    if (std::string key = NameKey(*name); !key.empty()) keys.push_back("name:" + key);
  }
  if (std::string story = WireStoryKey(document.text); !story.empty()) {
    keys.push_back("wire:" + story);
  }
  return keys;
}

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

std::optional<std::string_view> ReprintIntroduction(const Claim& claim, const Document& document) {
  std::string_view text(document.text);
  if (claim.span.begin > text.size()) return std::nullopt;
  size_t para = text.rfind('\n', claim.span.begin == 0 ? 0 : claim.span.begin - 1);
  size_t para_begin = para == std::string_view::npos ? 0 : para + 1;
  size_t colon = text.substr(para_begin, claim.span.begin - para_begin).rfind(':');
  size_t intro_end = colon == std::string_view::npos ? std::string_view::npos : para_begin + colon;
  if (intro_end == std::string_view::npos && para_begin > 0) {  // the paragraph before ends in ':'
    size_t end = text.find_last_not_of(" \t\r\n", para_begin - 1);
    if (end != std::string_view::npos && text[end] == ':') intro_end = end;
  }
  if (intro_end == std::string_view::npos) return std::nullopt;
  size_t sentence = text.find_last_of(".!?\n", intro_end == 0 ? 0 : intro_end - 1);
  size_t intro_begin = sentence == std::string_view::npos ? 0 : sentence + 1;
  std::string_view intro = text.substr(intro_begin, intro_end - intro_begin);
  for (const std::string& w : NormalizedTokens(intro)) {
    if (std::find(kReprintCues.begin(), kReprintCues.end(), w) != kReprintCues.end()) return intro;
  }
  return std::nullopt;
}

std::optional<std::string> ReprintAuthor(std::string_view introduction) {
  std::vector<std::string_view> words;
  for (size_t at = 0; at < introduction.size();) {
    size_t begin = introduction.find_first_not_of(" \t\r\n", at);
    if (begin == std::string_view::npos) break;
    size_t end = std::min(introduction.find_first_of(" \t\r\n", begin), introduction.size());
    words.push_back(introduction.substr(begin, end - begin));
    at = end;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (std::find(kAuthorVerbs.begin(), kAuthorVerbs.end(), words[i]) == kAuthorVerbs.end()) {
      continue;
    }
    size_t first = i;
    while (first > 0 && IsCapitalised(words[first - 1])) --first;
    if (first == i) return std::nullopt;  // "Read the post", "the mayor wrote"
    std::string name;
    for (size_t k = first; k < i; ++k) name += std::string(words[k]) + (k + 1 < i ? " " : "");
    if (!NamesSomeone(name)) return std::nullopt;
    return name;
  }
  return std::nullopt;
}

std::optional<std::string> UpstreamOf(const Claim& claim, const Document& document) {
  for (const std::optional<std::string>* s : {&claim.attribution, &claim.context_attribution}) {
    if (*s && NamesSomeone(**s)) return **s;
  }
  if (std::optional<std::string_view> intro = ReprintIntroduction(claim, document)) {
    if (std::optional<std::string> author = ReprintAuthor(*intro)) return author;
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
