#include "datasets/generator/corpus_generator.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string_view>

namespace crossclaim {
namespace {

// Word lists. Order matters: the first entries are the most frequent (Zipf rank 1, 2, ...).
constexpr std::string_view kNouns[] = {
    "government",
    "minister",
    "president",
    "officials",
    "talks",
    "trade",
    "economy",
    "forces",
    "region",
    "agreement",
    "sanctions",
    "country",
    "city",
    "week",
    "report",
    "statement",
    "meeting",
    "leaders",
    "security",
    "troops",
    "border",
    "market",
    "prices",
    "energy",
    "gas",
    "oil",
    "exports",
    "imports",
    "investment",
    "budget",
    "parliament",
    "election",
    "vote",
    "campaign",
    "court",
    "judge",
    "police",
    "residents",
    "villages",
    "attack",
    "strike",
    "missile",
    "drones",
    "air",
    "defence",
    "ministry",
    "spokesman",
    "analysts",
    "experts",
    "company",
    "bank",
    "inflation",
    "growth",
    "rates",
    "currency",
    "debt",
    "deal",
    "summit",
    "delegation",
    "visit",
    "call",
    "conversation",
    "relations",
    "partnership",
    "cooperation",
    "alliance",
    "treaty",
    "negotiations",
    "ceasefire",
    "offensive",
    "front",
    "positions",
    "infrastructure",
    "power",
    "grid",
    "railway",
    "port",
    "harbour",
    "shipping",
    "grain",
    "farmers",
    "workers",
    "unions",
    "protest",
    "crowd",
    "streets",
    "capital",
    "province",
    "district",
    "council",
    "mayor",
    "governor",
    "army",
    "navy",
    "brigade",
    "unit",
    "commander",
    "soldiers",
    "casualties",
    "victims",
    "hospital",
    "doctors",
    "aid",
    "refugees",
    "camp",
    "shelter",
    "winter",
    "summer",
    "morning",
    "evening",
    "night",
    "decade",
    "year",
    "month",
    "quarter",
    "figures",
    "data",
    "survey",
    "poll",
    "study",
    "scientists",
    "climate",
    "emissions",
    "technology",
    "chips",
    "factory",
    "plant",
    "production",
    "supply",
    "chain",
    "demand",
    "consumers",
    "households",
    "wages",
    "pensions",
    "taxes",
    "reform",
    "law",
    "bill",
    "proposal",
    "plan",
    "strategy",
    "policy",
    "decision",
    "response",
    "warning",
    "threat",
    "risk",
    "crisis",
    "conflict",
    "war",
    "peace",
    "dialogue",
    "channel",
    "network",
    "platform",
    "media",
    "newspaper",
    "agency",
    "broadcaster",
    "journalists",
    "interview",
    "briefing",
    "document",
    "letter",
    "memo",
    "source",
    "witness",
    "evidence",
    "investigation",
    "inquiry",
    "charges",
    "trial",
    "verdict",
    "appeal",
    "prison",
    "sentence",
    "fine",
    "penalty",
    "contract",
    "tender",
    "project",
    "pipeline",
    "reactor",
    "station",
    "airport",
    "flights",
    "passengers",
    "tourists",
    "hotel",
    "schools",
    "students",
    "teachers",
    "university",
    "church",
    "community",
    "family",
    "children",
    "women",
    "men",
    "voters",
    "party",
    "opposition",
    "coalition",
    "cabinet",
    "premier",
    "envoy",
    "ambassador",
    "embassy",
    "consulate",
    "visa",
    "passport",
    "migrants",
    "asylum",
    "detention",
    "exchange",
    "prisoners",
    "hostages",
    "negotiators",
    "mediators",
    "partners",
    "neighbours",
    "rivals",
    "allies",
};
constexpr std::string_view kVerbs[] = {
    "said",         "announced",   "confirmed",  "denied",       "reported",   "warned",
    "agreed",       "rejected",    "discussed",  "signed",       "approved",   "launched",
    "expanded",     "reduced",     "increased",  "cut",          "raised",     "blocked",
    "opened",       "closed",      "criticised", "welcomed",     "proposed",   "demanded",
    "urged",        "promised",    "accused",    "praised",      "questioned", "suspended",
    "resumed",      "delayed",     "extended",   "backed",       "opposed",    "hosted",
    "visited",      "met",         "called",     "described",    "estimated",  "projected",
    "recorded",     "cited",       "noted",      "stressed",     "insisted",   "claimed",
    "acknowledged", "revealed",    "published",  "released",     "ordered",    "deployed",
    "withdrew",     "captured",    "destroyed",  "repaired",     "restored",   "secured",
    "targeted",     "intercepted", "evacuated",  "investigated", "arrested",   "charged",
};
constexpr std::string_view kAdjectives[] = {
    "new",           "former",      "senior",     "local",         "national",      "foreign",
    "economic",      "military",    "political",  "strategic",     "bilateral",     "regional",
    "international", "official",    "unnamed",    "key",           "major",         "large",
    "small",         "significant", "sharp",      "steady",        "record",        "annual",
    "monthly",       "early",       "late",       "recent",        "final",         "initial",
    "joint",         "direct",      "indirect",   "private",       "public",        "state",
    "federal",       "western",     "eastern",    "northern",      "southern",      "central",
    "critical",      "heavy",       "limited",    "broad",         "fresh",         "further",
    "possible",      "likely",      "unexpected", "unprecedented", "controversial", "urgent",
    "temporary",
};
constexpr std::string_view kAdverbs[] = {
    "also",       "again",      "later",      "earlier",  "recently",
    "quickly",    "sharply",    "slowly",     "publicly", "privately",
    "reportedly", "officially", "repeatedly", "firmly",   "briefly",
};
constexpr std::string_view kFirstNames[] = {
    "Vladimir", "Xi",    "Olena",   "Sergei", "Maria",  "John",     "Anna",  "Dmitry",
    "Li",       "Wang",  "Fatima",  "Ahmed",  "Elena",  "Pierre",   "Hans",  "Carlos",
    "Sofia",    "James", "Yuki",    "Ivan",   "Oksana", "Mohammed", "Chen",  "Laura",
    "Peter",    "Amir",  "Natalia", "Thomas", "Ingrid", "Paolo",    "Kwame", "Priya",
    "Rahul",    "Leila", "Marek",   "Zofia",  "Andrei",
};
constexpr std::string_view kLastNames[] = {
    "Putin",   "Jinping",   "Kovalenko", "Lavrov",  "Petrova",    "Smith",      "Schmidt",
    "Peskov",  "Zhang",     "Yi",        "Hassan",  "Ivanova",    "Dubois",     "Muller",
    "Garcia",  "Rossi",     "Brown",     "Tanaka",  "Shevchenko", "Novak",      "Kowalski",
    "Haddad",  "Liu",       "Martin",    "Johnson", "Okafor",     "Sharma",     "Nasser",
    "Horvath", "Lindqvist", "Bianchi",   "Mensah",  "Volkov",     "Bondarenko", "Ortiz",
    "Kim",     "Park",      "Nguyen",    "Silva",   "Costa",      "Weber",      "Fischer",
};
constexpr std::string_view kPlaces[] = {
    "Moscow",   "Beijing",   "Kyiv",     "Washington", "Brussels",  "Berlin", "Paris",
    "London",   "Warsaw",    "Ankara",   "Tehran",     "Delhi",     "Tokyo",  "Seoul",
    "Geneva",   "Vienna",    "Kharkiv",  "Odesa",      "Donetsk",   "Crimea", "Siberia",
    "Shanghai", "Hong Kong", "Istanbul", "Cairo",      "Riyadh",    "Doha",   "Minsk",
    "Vilnius",  "Riga",      "Tallinn",  "Helsinki",   "Stockholm",
};
constexpr std::string_view kOrganisations[] = {
    "the Kremlin",
    "the White House",
    "the European Union",
    "the United Nations",
    "NATO",
    "the IMF",
    "the World Bank",
    "Gazprom",
    "the central bank",
    "the foreign ministry",
    "the defence ministry",
    "the Institute for the Study of War",
    "Reuters",
    "Xinhua",
    "TASS",
    "the Associated Press",
    "the finance ministry",
    "the security council",
};
constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
constexpr std::string_view kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
constexpr std::string_view kUnits[] = {
    "percent", "billion dollars", "million euros",   "kilometres", "tonnes",
    "people",  "minutes",         "million barrels", "soldiers",   "drones"};
constexpr std::string_view kQualifiers[] = {"about",  "nearly", "more than", "at least",
                                            "almost", "up to",  "around",    "over"};

// Sentence templates. Slots: N noun, V verb, A adjective, D adverb, P person, L place,
// O organisation, Q quantity, T date, W weekday.
constexpr std::string_view kTemplates[] = {
    "P V on W that the A N would V the N of L.",
    "O D V the A N with L, according to P.",
    "The A N in L V Q N since T, P said.",
    "According to O, A N V Q over the past N.",
    "P, the A N of O, V the N and V that the N remained A.",
    "In L, N V the A N after the N on T.",
    "The N of L V by Q, O V in a A N.",
    "P told the N that O would not V the A N without A N.",
    "Officials in L D V A N, while P V the N as A.",
    "The A N between L and L V A N for the N, O said on W.",
    "Q N were V near L, P told reporters.",
    "O V that A N in L had V Q, the A level since T.",
    "\"We will V the N,\" P said, adding that the N of L was A.",
    "P and P V the A N in a N on T.",
    "A N V the N, and O V Q N to L.",
    "The N was V D after N in L V the A N.",
    "Analysts at O V that the A N could V N by Q.",
    "P V the N of L as \"A and A\".",
};

// Zipf(s = 1) sampler over ranks 0..n-1 by inverse CDF.
class Zipf {
 public:
  explicit Zipf(size_t n) : cdf_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cdf_[i] = (sum += 1.0 / static_cast<double>(i + 1));
    for (double& c : cdf_) c /= sum;
  }
  size_t operator()(double u) const {
    auto it = std::lower_bound(cdf_.begin(), cdf_.end(), u);
    return std::min<size_t>(static_cast<size_t>(it - cdf_.begin()), cdf_.size() - 1);
  }

 private:
  std::vector<double> cdf_;
};

template <typename T, size_t N>
constexpr size_t Size(const T (&)[N]) {
  return N;
}

__extension__ using Uint128 = unsigned __int128;

// Deterministic across platforms: only std::mt19937_64 itself, no std distributions
// (their output is implementation-defined).
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t Next() { return engine_(); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  size_t Below(size_t n) { return static_cast<size_t>((static_cast<Uint128>(Next()) * n) >> 64); }
  bool Chance(double p) { return Uniform() < p; }

 private:
  std::mt19937_64 engine_;
};

struct Lexicon {
  Zipf nouns{Size(kNouns)};
  Zipf verbs{Size(kVerbs)};
  Zipf adjectives{Size(kAdjectives)};
  Zipf persons{Size(kLastNames)};
  Zipf places{Size(kPlaces)};
  Zipf organisations{Size(kOrganisations)};
};

const Lexicon& Lex() {
  static const Lexicon lexicon;
  return lexicon;
}

void AppendNumber(Rng& rng, std::string* out) {
  char buffer[32];
  int kind = static_cast<int>(rng.Below(3));
  if (kind == 0) {
    std::snprintf(buffer, sizeof(buffer), "%zu", 2 + rng.Below(998));
  } else if (kind == 1) {
    std::snprintf(buffer, sizeof(buffer), "%zu.%zu", 1 + rng.Below(99), rng.Below(10));
  } else {
    std::snprintf(buffer, sizeof(buffer), "%zu,%03zu", 1 + rng.Below(99), rng.Below(1000));
  }
  out->append(buffer);
}

void AppendSlot(char slot, Rng& rng, std::string* out) {
  const Lexicon& lex = Lex();
  switch (slot) {
    case 'N':
      out->append(kNouns[lex.nouns(rng.Uniform())]);
      break;
    case 'V':
      out->append(kVerbs[lex.verbs(rng.Uniform())]);
      break;
    case 'A':
      out->append(kAdjectives[lex.adjectives(rng.Uniform())]);
      break;
    case 'D':
      out->append(kAdverbs[rng.Below(Size(kAdverbs))]);
      break;
    case 'P':
      out->append(kFirstNames[rng.Below(Size(kFirstNames))]);
      out->push_back(' ');
      out->append(kLastNames[lex.persons(rng.Uniform())]);
      break;
    case 'L':
      out->append(kPlaces[lex.places(rng.Uniform())]);
      break;
    case 'O':
      out->append(kOrganisations[lex.organisations(rng.Uniform())]);
      break;
    case 'Q':
      if (rng.Chance(0.4)) {
        out->append(kQualifiers[rng.Below(Size(kQualifiers))]);
        out->push_back(' ');
      }
      AppendNumber(rng, out);
      out->push_back(' ');
      out->append(kUnits[rng.Below(Size(kUnits))]);
      break;
    case 'T': {
      char buffer[40];
      std::snprintf(buffer, sizeof(buffer), "%zu %s %zu", 1 + rng.Below(28),
                    std::string(kMonths[rng.Below(12)]).c_str(), 2015 + rng.Below(11));
      out->append(buffer);
      break;
    }
    case 'W':
      out->append(kWeekdays[rng.Below(7)]);
      break;
    default:
      out->push_back(slot);
  }
}

// One sentence from a template; a sentence-initial lower-case word is capitalised.
// Returns true when the sentence starts with a proper name (must keep its capital).
bool AppendSentence(Rng& rng, std::string* out) {
  std::string_view tmpl = kTemplates[rng.Below(Size(kTemplates))];
  size_t start = out->size();
  bool proper_start = false;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    char c = tmpl[i];
    bool slot = std::string_view("NVADPLOQTW").find(c) != std::string_view::npos &&
                (i + 1 == tmpl.size() || !std::isalpha(static_cast<unsigned char>(tmpl[i + 1]))) &&
                (i == 0 || !std::isalpha(static_cast<unsigned char>(tmpl[i - 1])));
    if (slot) {
      size_t at = out->size();
      AppendSlot(c, rng, out);
      if (i == 0) {
        proper_start =
            c == 'P' || c == 'L' || (c == 'O' && std::string_view(*out).substr(at, 4) != "the ");
      }
    } else {
      out->push_back(c);
    }
  }
  if (start < out->size()) {
    char& first =
        (*out)[start] == '"' && start + 1 < out->size() ? (*out)[start + 1] : (*out)[start];
    first = static_cast<char>(std::toupper(static_cast<unsigned char>(first)));
  }
  return proper_start || tmpl[0] == '"';
}

// A document body as sentences.
std::vector<std::string> MakeSentences(Rng& rng, size_t mean_sentences) {
  size_t count = std::max<size_t>(1, mean_sentences / 2 + rng.Below(mean_sentences + 1));
  std::vector<std::string> sentences(count);
  for (std::string& s : sentences) {
    AppendSentence(rng, &s);
    // Longer news sentences: often two clauses.
    if (rng.Chance(0.8)) {
      s.pop_back();  // the final "."
      s.append(rng.Chance(0.5) ? ", while " : "; meanwhile ");
      size_t clause = s.size();
      if (!AppendSentence(rng, &s)) {
        s[clause] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[clause])));
      }
    }
  }
  return sentences;
}

// Paragraphs of 1-4 sentences separated by blank lines.
std::string JoinSentences(const std::vector<std::string>& sentences, uint64_t layout_seed) {
  Rng rng(layout_seed);
  std::string text;
  size_t in_paragraph = 0;
  size_t paragraph_size = 1 + rng.Below(4);
  for (const std::string& s : sentences) {
    if (!text.empty()) text.append(in_paragraph == 0 ? "\n\n" : " ");
    text.append(s);
    if (++in_paragraph == paragraph_size) {
      in_paragraph = 0;
      paragraph_size = 1 + rng.Below(4);
    }
  }
  return text;
}

// Light edits: each word is substituted or deleted with probability `rate`.
std::string EditSentence(const std::string& sentence, double rate, Rng& rng) {
  std::string out;
  out.reserve(sentence.size());
  size_t i = 0;
  while (i < sentence.size()) {
    size_t end = sentence.find(' ', i);
    if (end == std::string::npos) end = sentence.size();
    std::string_view word(sentence.data() + i, end - i);
    bool last = end == sentence.size();
    if (!last && rng.Chance(rate)) {
      if (rng.Chance(0.5)) {
        if (!out.empty()) out.push_back(' ');
        out.append(kNouns[Lex().nouns(rng.Uniform())]);
      }  // else: deleted
    } else {
      if (!out.empty()) out.push_back(' ');
      out.append(word);
    }
    i = end + 1;
  }
  return out;
}

Date DateForIndex(size_t index, size_t total, Rng& rng) {
  // Spread over 60 days starting 2025-01-01, increasing with the index plus jitter.
  size_t day = total == 0 ? 0 : (index * 60) / std::max<size_t>(total, 1);
  day = std::min<size_t>(59, day + rng.Below(3));
  static constexpr int kMonthDays[] = {31, 28, 31};
  int month = 1;
  int d = static_cast<int>(day);
  while (d >= kMonthDays[month - 1]) d -= kMonthDays[month++ - 1];
  return Date{2025, month, d + 1};
}

std::string IsoDate(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

}  // namespace

GeneratedCorpus GenerateCorpus(const GeneratorOptions& options) {
  GeneratedCorpus corpus;
  const size_t n = options.num_documents;
  corpus.documents.resize(n);
  std::vector<std::vector<std::string>> sentences(n);
  std::vector<bool> original(n, false);
  std::vector<size_t> originals;  // indices of documents that are not near-duplicates
  Rng rng(options.seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL);
  for (size_t i = 0; i < n; ++i) {
    Document& doc = corpus.documents[i];
    char id[32];
    std::snprintf(id, sizeof(id), "gen-%06zu", i);
    doc.id = id;
    doc.outlet = "outlet-" + std::to_string(rng.Below(50));
    doc.url = "https://news.example/" + doc.id;
    Date date = DateForIndex(i, n, rng);
    // Each document owns a sub-seed so its body does not depend on earlier documents.
    Rng body_rng(rng.Next());
    double u = rng.Uniform();
    if (!originals.empty() && u < options.near_duplicate_fraction) {
      size_t source = originals[rng.Below(originals.size())];
      for (const std::string& s : sentences[source]) {
        sentences[i].push_back(EditSentence(s, options.edit_rate, body_rng));
      }
      date = std::max(date, *corpus.documents[source].published);
      corpus.planted.push_back({source, i, true});
    } else {
      sentences[i] = MakeSentences(body_rng, options.mean_sentences);
      original[i] = true;
      if (!originals.empty() &&
          u < options.near_duplicate_fraction + options.copied_passage_fraction) {
        size_t source = originals[rng.Below(originals.size())];
        const std::vector<std::string>& from = sentences[source];
        size_t length = std::min<size_t>(from.size(), 1 + body_rng.Below(3));
        size_t begin = body_rng.Below(from.size() - length + 1);
        size_t at = body_rng.Below(sentences[i].size() + 1);
        sentences[i].insert(sentences[i].begin() + static_cast<ptrdiff_t>(at),
                            from.begin() + static_cast<ptrdiff_t>(begin),
                            from.begin() + static_cast<ptrdiff_t>(begin + length));
        date = std::max(date, *corpus.documents[source].published);
        corpus.planted.push_back({source, i, false});
      }
      originals.push_back(i);
    }
    doc.published = date;
    doc.title = sentences[i].empty() ? "" : sentences[i][0].substr(0, 80);
    doc.text = JoinSentences(sentences[i], body_rng.Next());
  }
  return corpus;
}

std::vector<std::string> GenerateSentences(uint64_t seed, size_t count) {
  Rng rng(seed * 0xD1B54A32D192ED03ULL + 0x9876543ULL);
  std::vector<std::string> out(count);
  for (std::string& s : out) AppendSentence(rng, &s);
  return out;
}

Status SaveJsonLines(const std::vector<Document>& documents, const std::string& path) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return NotFound(path + ": cannot open for writing");
  std::string line;
  for (const Document& doc : documents) {
    nlohmann::ordered_json object;
    object["id"] = doc.id;
    object["outlet"] = doc.outlet;
    object["url"] = doc.url;
    if (doc.published) object["published"] = IsoDate(*doc.published);
    object["title"] = doc.title;
    object["text"] = doc.text;
    line = object.dump();
    line.push_back('\n');
    file.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
  file.flush();
  if (!file) return DataLoss(path + ": write failed");
  return Status::Ok();
}

void WriteJsonLines(const std::vector<Document>& documents, const std::string& path) {
  Status status = SaveJsonLines(documents, path);
  if (!status.ok()) throw std::runtime_error(status.message());
}

}  // namespace crossclaim
