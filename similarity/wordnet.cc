#include "similarity/wordnet.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace crossclaim {
namespace {

constexpr std::array<std::string_view, 4> kPosFiles = {"noun", "verb", "adj", "adv"};

// Morphy's detachment rules per part of speech (suffix, replacement).
using Rule = std::pair<std::string_view, std::string_view>;
constexpr std::array<Rule, 8> kNounRules = {{{"s", ""},
                                             {"ses", "s"},
                                             {"xes", "x"},
                                             {"zes", "z"},
                                             {"ches", "ch"},
                                             {"shes", "sh"},
                                             {"men", "man"},
                                             {"ies", "y"}}};
constexpr std::array<Rule, 8> kVerbRules = {{{"s", ""},
                                             {"ies", "y"},
                                             {"es", "e"},
                                             {"es", ""},
                                             {"ed", "e"},
                                             {"ed", ""},
                                             {"ing", "e"},
                                             {"ing", ""}}};
constexpr std::array<Rule, 4> kAdjRules = {{{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}};

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\r' || line[i] == '\n')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\r' && line[i] != '\n') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

bool ParseNumber(std::string_view s, uint32_t* out, int base = 10) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out, base);
  return ec == std::errc() && end == s.data() + s.size();
}

Status Malformed(std::string_view where, std::string_view rule) {
  return DataLoss(fmt::format("{}: malformed WordNet line: {}", where, rule));
}

int PosIndex(std::string_view pos) {
  if (pos == "n") return 0;
  if (pos == "v") return 1;
  if (pos == "a" || pos == "s") return 2;  // "s": satellite adjective, in data.adj
  if (pos == "r") return 3;
  return -1;
}

template <typename T>
void SortUnique(std::vector<T>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

bool Intersects(const std::vector<SynsetId>& a, const std::vector<SynsetId>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return true;
    *i < *j ? ++i : ++j;
  }
  return false;
}

}  // namespace

Result<WordNetIndexEntry> ParseWordNetIndexLine(std::string_view line, std::string_view where) {
  const std::vector<std::string_view> f = Fields(line);
  uint32_t synsets = 0, pointers = 0;
  if (f.size() < 6) return Malformed(where, "an index line has at least 6 fields");
  if (!ParseNumber(f[2], &synsets) || !ParseNumber(f[3], &pointers)) {
    return Malformed(where, "synset_cnt and p_cnt must be numbers");
  }
  // lemma pos synset_cnt p_cnt [pointers] sense_cnt tagsense_cnt [offsets]
  if (f.size() != 6 + static_cast<size_t>(pointers) + synsets) {
    return Malformed(where, "the field count disagrees with synset_cnt and p_cnt");
  }
  WordNetIndexEntry entry{std::string(f[0]), {}};
  for (size_t i = f.size() - synsets; i < f.size(); ++i) {
    uint32_t offset = 0;
    if (!ParseNumber(f[i], &offset) || offset >= (1u << 24)) {
      return Malformed(where, "a synset offset must be a number below 2^24");
    }
    entry.offsets.push_back(offset);
  }
  return entry;
}

Result<WordNetDataEntry> ParseWordNetDataLine(std::string_view line, std::string_view where) {
  const std::vector<std::string_view> f = Fields(line.substr(0, line.find(" | ")));
  WordNetDataEntry entry;
  uint32_t words = 0;
  if (f.size() < 5 || !ParseNumber(f[0], &entry.offset) || !ParseNumber(f[3], &words, 16)) {
    return Malformed(where, "a data line starts `offset lex_filenum ss_type w_cnt(hex)`");
  }
  size_t i = 4 + 2 * static_cast<size_t>(words);  // word lex_id pairs
  uint32_t pointers = 0;
  if (i >= f.size() || !ParseNumber(f[i], &pointers)) {
    return Malformed(where, "p_cnt must follow the words");
  }
  ++i;
  if (f.size() < i + 4 * static_cast<size_t>(pointers)) {
    return Malformed(where, "fewer pointer fields than p_cnt says");
  }
  for (uint32_t p = 0; p < pointers; ++p, i += 4) {
    if (f[i] != "+") continue;
    uint32_t target = 0;
    const int pos = PosIndex(f[i + 2]);
    if (!ParseNumber(f[i + 1], &target) || pos < 0 || target >= (1u << 24)) {
      return Malformed(where, "a pointer is `symbol offset pos source/target`");
    }
    entry.derivations.push_back((static_cast<uint32_t>(pos) << 24) | target);
  }
  return entry;
}

// What the lookups return for one word, computed on its first lookup.
struct WordSenses {
  std::vector<std::string> bases;
  std::vector<SynsetId> synsets;
  std::vector<SynsetId> derived;
};

// Words remembered at most; past this, lookups are computed each time (a bound on memory for
// feeds of unbounded vocabulary; news repeats most of its words).
constexpr size_t kMaxCachedWords = size_t{1} << 20;

struct WordNet::State {
  std::unordered_map<std::string, std::vector<SynsetId>> synsets;       // lemma -> synsets
  std::unordered_map<std::string, std::vector<std::string>> irregular;  // inflected -> bases
  std::unordered_map<SynsetId, std::vector<SynsetId>> derivations;
  // Per-word results: the pair scorer looks each word of every claim up several times (base
  // forms, synsets and derived synsets, each recomputing the ones before), and a feed repeats
  // its words across thousands of events. Elements of an unordered_map keep their address.
  mutable std::shared_mutex cache_mutex;
  mutable std::unordered_map<std::string, WordSenses> cache;

  std::vector<std::string> ComputeBaseForms(const std::string& w) const;
  WordSenses Compute(const std::string& w) const;
  const WordSenses& Lookup(std::string_view word, WordSenses* uncached) const;
};

namespace {

// Calls `on_line(line, "path:n")` for each line not starting with a space (the licence).
template <typename F>
Status ForEachLine(const std::string& path, F on_line) {
  std::ifstream in(path);
  if (!in) {
    return NotFound(fmt::format(
        "{}: cannot read the WordNet file (install Debian's wordnet-base, or pass the folder "
        "holding index.noun, data.noun, ...)",
        path));
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == ' ') continue;
    if (Status s = on_line(line, fmt::format("{}:{}", path, n)); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Result<WordNet> WordNet::Load(const std::string& dir) {
  auto state = std::make_unique<State>();
  for (uint32_t pos = 0; pos < kPosFiles.size(); ++pos) {
    const std::string name(kPosFiles[pos]);
    Status s = ForEachLine(dir + "/index." + name, [&](std::string_view line, std::string where) {
      Result<WordNetIndexEntry> e = ParseWordNetIndexLine(line, where);
      if (!e.ok()) return e.status();
      std::vector<SynsetId>& ids = state->synsets[e->lemma];
      for (uint32_t offset : e->offsets) ids.push_back((pos << 24) | offset);
      return Status::Ok();
    });
    if (s.ok()) {
      s = ForEachLine(dir + "/" + name + ".exc", [&](std::string_view line, std::string) {
        const std::vector<std::string_view> f = Fields(line);
        for (size_t i = 1; i < f.size(); ++i)
          state->irregular[std::string(f[0])].emplace_back(f[i]);
        return Status::Ok();
      });
    }
    if (s.ok()) {
      s = ForEachLine(dir + "/data." + name, [&](std::string_view line, std::string where) {
        Result<WordNetDataEntry> e = ParseWordNetDataLine(line, where);
        if (!e.ok()) return e.status();
        if (!e->derivations.empty()) state->derivations[(pos << 24) | e->offset] = e->derivations;
        return Status::Ok();
      });
    }
    if (!s.ok()) return s;
  }
  for (auto& [lemma, ids] : state->synsets) SortUnique(&ids);
  return WordNet(std::move(state));
}

WordNet::WordNet(std::unique_ptr<State> state) : state_(std::move(state)) {}
WordNet::WordNet(WordNet&&) noexcept = default;
WordNet& WordNet::operator=(WordNet&&) noexcept = default;
WordNet::~WordNet() = default;

size_t WordNet::num_lemmas() const { return state_->synsets.size(); }

std::vector<std::string> WordNet::State::ComputeBaseForms(const std::string& w) const {
  std::vector<std::string> out;
  auto keep = [&](std::string candidate) {
    if (synsets.contains(candidate)) out.push_back(std::move(candidate));
  };
  keep(w);
  if (const auto it = irregular.find(w); it != irregular.end()) {
    for (const std::string& base : it->second) keep(base);
  }
  auto detach = [&](const auto& rules) {
    for (const auto& [suffix, replacement] : rules) {
      if (w.size() > suffix.size() && w.ends_with(suffix)) {
        keep(w.substr(0, w.size() - suffix.size()) + std::string(replacement));
      }
    }
  };
  detach(kNounRules);
  detach(kVerbRules);
  detach(kAdjRules);
  SortUnique(&out);
  return out;
}

WordSenses WordNet::State::Compute(const std::string& w) const {
  WordSenses senses;
  senses.bases = ComputeBaseForms(w);
  for (const std::string& base : senses.bases) {
    const std::vector<SynsetId>& ids = synsets.at(base);
    senses.synsets.insert(senses.synsets.end(), ids.begin(), ids.end());
  }
  SortUnique(&senses.synsets);
  senses.derived = senses.synsets;
  for (SynsetId id : senses.synsets) {
    if (const auto it = derivations.find(id); it != derivations.end()) {
      senses.derived.insert(senses.derived.end(), it->second.begin(), it->second.end());
    }
  }
  SortUnique(&senses.derived);
  return senses;
}

// The cached senses of `word`; when the cache is full, computed into `uncached`.
const WordSenses& WordNet::State::Lookup(std::string_view word, WordSenses* uncached) const {
  const std::string w(word);
  {
    std::shared_lock lock(cache_mutex);
    if (const auto it = cache.find(w); it != cache.end()) return it->second;
  }
  WordSenses senses = Compute(w);
  std::unique_lock lock(cache_mutex);
  if (cache.size() >= kMaxCachedWords) {
    *uncached = std::move(senses);
    return *uncached;
  }
  return cache.try_emplace(w, std::move(senses)).first->second;  // another thread's if first
}

std::vector<std::string> WordNet::BaseForms(std::string_view word) const {
  WordSenses uncached;
  return state_->Lookup(word, &uncached).bases;
}

std::vector<SynsetId> WordNet::Synsets(std::string_view word) const {
  WordSenses uncached;
  return state_->Lookup(word, &uncached).synsets;
}

std::vector<SynsetId> WordNet::DerivedSynsets(std::string_view word) const {
  WordSenses uncached;
  return state_->Lookup(word, &uncached).derived;
}

WordRelation WordNet::Relate(std::string_view a, std::string_view b) const {
  if (a == b) return WordRelation::kSame;
  const std::vector<std::string> ba = BaseForms(a);
  const std::vector<std::string> bb = BaseForms(b);
  std::vector<std::string> common;
  std::set_intersection(ba.begin(), ba.end(), bb.begin(), bb.end(), std::back_inserter(common));
  if (!common.empty()) return WordRelation::kBaseForm;
  const std::vector<SynsetId> sa = Synsets(a);
  const std::vector<SynsetId> sb = Synsets(b);
  if (Intersects(sa, sb)) return WordRelation::kSynonym;
  if (Intersects(DerivedSynsets(a), sb) || Intersects(sa, DerivedSynsets(b))) {
    return WordRelation::kDerivation;
  }
  return WordRelation::kNone;
}

}  // namespace crossclaim
