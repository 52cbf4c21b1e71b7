#include "core/claims.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/quotes.h"
#include "core/wire.h"

namespace crossclaim {
namespace {

using std::string_view;

constexpr std::array<string_view, 12> kMonths = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
constexpr std::array<string_view, 12> kMonthAbbrev = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<string_view, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};
constexpr std::array<string_view, 13> kNumberWords = {"zero", "one",    "two",   "three", "four",
                                                      "five", "six",    "seven", "eight", "nine",
                                                      "ten",  "eleven", "twelve"};

constexpr auto kNegations = std::to_array<string_view>(
    {"not",     "no",      "never",   "nor",       "neither",   "none",   "nobody",  "nothing",
     "without", "deny",    "denies",  "denied",    "denying",   "reject", "rejects", "rejected",
     "refuse",  "refuses", "refused", "dismissed", "dismisses", "false",  "cannot"});
constexpr auto kModals = std::to_array<string_view>({"may", "might", "could", "would", "should",
                                                     "will", "reportedly", "allegedly", "possibly",
                                                     "probably", "likely", "unlikely", "perhaps"});
// Verbs that attribute a statement, strongest first: "X reported" outranks "Y declared" in
// "Y declared readiness ..., X reported".
constexpr auto kReportingVerbs = std::to_array<string_view>(
    {"said", "says", "stated", "states", "reported", "reports", "told", "wrote", "quoted"});
constexpr auto kSpeechVerbs = std::to_array<string_view>(
    {"noted", "added", "announced", "claimed", "asserted", "declared", "warned", "stressed",
     "insisted", "confirmed", "emphasised", "emphasized", "explained", "argued"});
// Words before a speech verb that make it passive or adjectival ("as reported", "was said").
constexpr auto kNotSpeakerBefore = std::to_array<string_view>(
    {"as", "was", "were", "been", "be", "being", "is", "are", "widely", "and", "or", "but"});
constexpr auto kQualifiers = std::to_array<string_view>(
    {"more than", "over", "nearly", "almost", "about", "around", "approximately", "roughly",
     "at least", "up to", "less than", "fewer than", "some", "under", "just over", "just under"});
constexpr auto kUnitWords = std::to_array<string_view>(
    {"minute",     "minutes", "hour",     "hours",     "day",    "days",   "week",
     "weeks",      "month",   "months",   "year",      "years",  "km",     "kilometres",
     "kilometers", "miles",   "people",   "percent",   "tonnes", "tons",   "barrels",
     "dollars",    "euros",   "yuan",     "roubles",   "rubles", "times",  "troops",
     "soldiers",   "drones",  "missiles", "countries", "rounds", "meters", "metres"});
// Capitalised words that start sentences without being names.
constexpr auto kNotNames = std::to_array<string_view>(
    {"the",       "a",       "an",        "in",         "on",          "at",        "as",
     "it",        "he",      "she",       "they",       "we",          "i",         "this",
     "that",      "these",   "those",     "but",        "and",         "or",        "if",
     "while",     "when",    "after",     "before",     "since",       "during",    "although",
     "however",   "both",    "from",      "to",         "for",         "with",      "by",
     "of",        "his",     "her",       "their",      "its",         "our",       "there",
     "here",      "what",    "who",       "how",        "why",         "such",      "quote",
     "details",   "source",  "having",    "addressing", "cooperation", "officials", "sources",
     "analysts",  "experts", "meanwhile", "also",       "among",       "even",      "than",
     "then",      "so",      "yet",       "according",  "since",       "until",     "despite",
     "following", "amid"});
// Sentence openers and titles that are capitalised without being names by themselves
// ("Let me be clear", "Mr" before a name, "Dear" opening a letter).
constexpr auto kNotNamesAlone = std::to_array<string_view>(
    {"let",     "let's",  "mr",    "mrs",     "ms",      "dr",        "sir",     "now",
     "still",   "just",   "yes",   "well",    "today",   "yesterday", "tonight", "last",
     "next",    "some",   "many",  "most",    "all",     "every",     "each",    "another",
     "other",   "one",    "asked", "instead", "because", "though",    "where",   "whether",
     "maybe",   "indeed", "thus",  "once",    "again",   "later",     "earlier", "first",
     "finally", "under",  "over",  "about",   "against", "without",   "within",  "through",
     "not",     "look",   "no",    "so",      "my",      "you",       "your",    "do",
     "does",    "did",    "is",    "are",     "was",     "were",      "can",     "will",
     "would",   "should", "could", "may",     "might",   "must",      "please",  "thank",
     "thanks",  "okay",   "ok",    "oh",      "sure",    "yeah",      "even",    "only",
     "much",    "more",   "less",  "dear"});
// Titles written before a name, joined to it across their full stop ("Mr. Obama").
constexpr auto kHonorifics = std::to_array<string_view>(
    {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "prof", "st", "rev"});
// "and" is not a connector: "Putin and Xi" is two names, not one.
constexpr auto kNameConnectors = std::to_array<string_view>({"of", "for", "the", "de"});
constexpr auto kGenericSources = std::to_array<string_view>(
    {"officials", "police", "authorities", "analysts", "experts", "witnesses", "sources",
     "prosecutors", "diplomats", "investigators", "residents", "observers"});
constexpr auto kPronouns =
    std::to_array<string_view>({"he", "she", "they", "it", "we", "i", "you", "who", "which"});
constexpr auto kAdverbs = std::to_array<string_view>(
    {"also", "previously", "later", "further", "reportedly", "then", "again", "earlier", "recently",
     "separately", "had", "has", "have", "was", "is", "were"});

template <size_t N>
bool In(const std::array<string_view, N>& list, string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

template <size_t N>
int IndexIn(const std::array<string_view, N>& list, string_view word) {
  auto it = std::find(list.begin(), list.end(), word);
  return it == list.end() ? -1 : static_cast<int>(it - list.begin());
}

// Token view of one sentence with helpers over original and normalised forms.
class SentenceTokens {
 public:
  explicit SentenceTokens(string_view text) : text_(text) { Tokenize(text, &tokens_); }

  size_t size() const { return tokens_.size(); }
  string_view norm(size_t i) const { return tokens_.norm(i); }
  string_view orig(size_t i) const {
    const Span& s = tokens_.tokens[i].orig;
    return text_.substr(s.begin, s.size());
  }
  Span span(size_t i) const { return tokens_.tokens[i].orig; }
  Span span(size_t first, size_t last) const { return {span(first).begin, span(last).end}; }
  // Characters between token i-1 and token i (or before token 0).
  string_view gap_before(size_t i) const {
    uint32_t from = i == 0 ? 0 : span(i - 1).end;
    return text_.substr(from, span(i).begin - from);
  }
  string_view gap_after(size_t i) const {
    uint32_t to = i + 1 < size() ? span(i + 1).begin : static_cast<uint32_t>(text_.size());
    return text_.substr(span(i).end, to - span(i).end);
  }
  bool capitalised(size_t i) const {
    string_view o = orig(i);
    return !o.empty() && std::isupper(static_cast<unsigned char>(o[0]));
  }
  bool is_digits(size_t i) const {
    string_view n = norm(i);
    return !n.empty() && std::isdigit(static_cast<unsigned char>(n[0]));
  }
  string_view text() const { return text_; }

 private:
  string_view text_;
  TokenizedText tokens_;
};

bool ParseNumber(string_view token, double* value, std::string* suffix) {
  std::string digits;
  size_t i = 0;
  for (; i < token.size(); ++i) {
    char c = token[i];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      digits.push_back(c);
    } else if (c != ',') {
      break;
    }
  }
  if (digits.empty()) return false;
  *value = std::strtod(digits.c_str(), nullptr);
  *suffix = std::string(token.substr(i));
  return true;
}

int MonthOf(string_view norm) {
  int m = IndexIn(kMonths, norm);
  if (m < 0) m = IndexIn(kMonthAbbrev, norm);
  if (m < 0 && norm == "sept") m = 8;
  return m + 1;  // 0 when not a month
}

int DayValue(const SentenceTokens& t, size_t i) {
  if (i >= t.size() || !t.is_digits(i) || t.norm(i).size() > 2) return 0;
  int day = std::atoi(std::string(t.norm(i)).c_str());
  return day >= 1 && day <= 31 ? day : 0;
}

int YearValue(const SentenceTokens& t, size_t i) {
  if (i >= t.size() || !t.is_digits(i) || t.norm(i).size() != 4) return 0;
  int year = std::atoi(std::string(t.norm(i)).c_str());
  return year >= 1900 && year <= 2100 ? year : 0;
}

// 1 (Monday) .. 7 (Sunday) for a weekday, possessive too ("next Tuesday's debate"); 0 for
// other words.
int WeekdayNamed(string_view norm) {
  for (string_view suffix : {string_view("'s"), string_view("\xE2\x80\x99s")}) {
    if (norm.size() > suffix.size() && norm.ends_with(suffix)) {
      norm.remove_suffix(suffix.size());
      break;
    }
  }
  return IndexIn(kWeekdays, norm) + 1;
}

// "May" is a month only next to a day or a year ("in May 2024", "May 21").
bool AmbiguousMonth(const SentenceTokens& t, size_t i) { return t.norm(i) == "may"; }

// Dates; marks the tokens they use in `used`.
std::vector<DateMention> FindDates(const SentenceTokens& t, std::vector<bool>* used) {
  std::vector<DateMention> dates;
  for (size_t i = 0; i < t.size(); ++i) {
    if ((*used)[i]) continue;
    int weekday = WeekdayNamed(t.norm(i));
    if (weekday > 0) {
      DateMention d;
      d.span = t.span(i);
      d.weekday = weekday;
      dates.push_back(d);
      (*used)[i] = true;
      continue;
    }
    int month = MonthOf(t.norm(i));
    if (month > 0 && (t.capitalised(i))) {
      size_t first = i, last = i;
      DateMention d;
      d.month = month;
      if (int day = DayValue(t, i + 1); day > 0) {  // January 21[, 2025]
        d.day = day;
        last = i + 1;
        if (int year = YearValue(t, i + 2); year > 0) d.year = year, last = i + 2;
      } else if (int year = YearValue(t, i + 1); year > 0) {  // February 2022
        d.year = year;
        last = i + 1;
      }
      if (i > 0 && !(*used)[i - 1] && DayValue(t, i - 1) > 0 && d.day == 0) {  // 21 January
        d.day = DayValue(t, i - 1);
        first = i - 1;
        if (int year = YearValue(t, i + 1); year > 0) d.year = year, last = i + 1;
        if (first >= 1 && t.gap_before(first) == "-" && DayValue(t, first - 1) > 0) {
          --first;  // "20-21 January"
        }
      }
      if (AmbiguousMonth(t, i) && first == last) continue;
      d.span = t.span(first, last);
      for (size_t k = first; k <= last; ++k) (*used)[k] = true;
      dates.push_back(d);
      continue;
    }
  }
  // Bare years ("in 2022", "since 2020"), not parts of a larger date.
  for (size_t i = 0; i < t.size(); ++i) {
    if ((*used)[i] || YearValue(t, i) == 0) continue;
    string_view gap = t.gap_after(i);
    if (!gap.empty() && (gap[0] == '%' || gap[0] == '-')) continue;
    DateMention d;
    d.span = t.span(i);
    d.year = YearValue(t, i);
    dates.push_back(d);
    (*used)[i] = true;
  }
  std::sort(dates.begin(), dates.end(),
            [](const DateMention& a, const DateMention& b) { return a.span.begin < b.span.begin; });
  return dates;
}

double ScaleOf(string_view word) {
  if (word == "thousand" || word == "k") return 1e3;
  if (word == "million" || word == "m" || word == "mln") return 1e6;
  if (word == "billion" || word == "bn" || word == "b") return 1e9;
  if (word == "trillion" || word == "tn") return 1e12;
  return 0;
}

std::string CurrencyBefore(string_view gap) {
  while (!gap.empty() && gap.back() == ' ') gap.remove_suffix(1);
  if (gap.ends_with("$")) return "$";
  if (gap.ends_with("\xE2\x82\xAC")) return "\xE2\x82\xAC";  // €
  if (gap.ends_with("\xC2\xA3")) return "\xC2\xA3";          // £
  return "";
}

std::string Singular(string_view word) {
  std::string w(word);
  if (w.size() > 3 && w.back() == 's' && w != "times") w.pop_back();
  return w;
}

std::string QualifierBefore(const SentenceTokens& t, size_t i) {
  for (string_view q : kQualifiers) {
    size_t words = static_cast<size_t>(std::count(q.begin(), q.end(), ' ')) + 1;
    if (i < words) continue;
    std::string joined;
    for (size_t k = i - words; k < i; ++k) {
      if (!joined.empty()) joined += ' ';
      joined += t.norm(k);
    }
    if (joined == q) return joined;
  }
  return "";
}

std::vector<NumberMention> FindNumbers(const SentenceTokens& t, const std::vector<bool>& used) {
  std::vector<NumberMention> numbers;
  for (size_t i = 0; i < t.size(); ++i) {
    if (used[i]) continue;
    NumberMention n;
    std::string suffix;
    bool digits = t.is_digits(i) && ParseNumber(t.norm(i), &n.value, &suffix);
    int word_value = IndexIn(kNumberWords, t.norm(i));
    if (!digits && word_value < 2) continue;  // "one" and "zero" are too often not counts
    if (!digits) n.value = word_value;
    // A clock time "1:32" is not a quantity.
    if (digits && (t.gap_after(i) == ":" || t.gap_before(i).ends_with(":"))) continue;
    size_t last = i;
    if (double scale = ScaleOf(suffix); scale > 0) {
      n.value *= scale;
    } else if (suffix == "th" || suffix == "st" || suffix == "nd" || suffix == "rd") {
      n.unit = "ordinal";  // "47th"
    } else if (!suffix.empty()) {
      n.unit = Singular(suffix);  // "100km"
    }
    if (i + 1 < t.size() && ScaleOf(t.norm(i + 1)) > 0 && t.gap_after(i) == " ") {
      n.value *= ScaleOf(t.norm(i + 1));
      last = i + 1;
    }
    n.unit = n.unit.empty() ? CurrencyBefore(t.gap_before(i)) : n.unit;
    string_view after = t.gap_after(last);
    if (after.starts_with("%")) {
      n.unit.assign(1, '%');  // not = "%": GCC 12 warns falsely (-Wrestrict) there
    } else if (last + 1 < t.size() && (after == " " || after == "-") &&
               In(kUnitWords, t.norm(last + 1))) {
      n.unit = t.norm(last + 1) == "percent" ? std::string(1, '%') : Singular(t.norm(last + 1));
      last = last + 1;
    }
    n.qualifier = QualifierBefore(t, i);
    n.span = t.span(i, last);
    if (n.unit == "$" || n.unit == "\xE2\x82\xAC" || n.unit == "\xC2\xA3") {
      n.span.begin -= static_cast<uint32_t>(n.unit.size());  // include the currency sign
    }
    if (after.starts_with("%")) n.span.end += 1;
    numbers.push_back(n);
    i = last;
  }
  return numbers;
}

bool IsNameToken(const SentenceTokens& t, size_t i) {
  return t.capitalised(i) && MonthOf(t.norm(i)) == 0 && WeekdayNamed(t.norm(i)) == 0 &&
         IndexIn(kNumberWords, t.norm(i)) < 0;
}

// First word of the sentence, or of a labelled part ("Details: According to ...").
bool StartsClause(const SentenceTokens& t, size_t i) {
  if (i == 0) return true;
  string_view gap = t.gap_before(i);
  return gap.find(':') != string_view::npos || gap.find('"') != string_view::npos ||
         gap.find("\xE2\x80\x9C") != string_view::npos;
}

// Names: runs of capitalised words, joined by "of", "for", "the", "and" when a capitalised
// word follows ("Institute for the Study of War"). A lone capitalised word that starts the
// sentence is a name only if it is not a common sentence opener.
std::vector<std::pair<size_t, size_t>> FindNameRuns(const SentenceTokens& t) {
  std::vector<std::pair<size_t, size_t>> runs;
  size_t i = 0;
  while (i < t.size()) {
    if (!IsNameToken(t, i) || In(kNotNames, t.norm(i))) {
      ++i;
      continue;
    }
    size_t first = i, last = i;
    size_t j = i + 1;
    while (j < t.size()) {
      string_view gap = t.gap_before(j);
      bool plain_gap = gap == " " || gap == "-" || gap == "\xC2\xA0" ||
                       (gap == ". " && In(kHonorifics, t.norm(j - 1)));
      if (plain_gap && IsNameToken(t, j)) {
        last = j++;
        continue;
      }
      // Up to two connectors between capitalised words: "Institute for the Study of War".
      size_t k = j;
      while (k < t.size() && k - j < 2 && t.gap_before(k) == " " &&
             In(kNameConnectors, t.norm(k))) {
        ++k;
      }
      if (plain_gap && k > j && k < t.size() && t.gap_before(k) == " " && IsNameToken(t, k)) {
        j = k;
        continue;
      }
      break;
    }
    bool sentence_initial = StartsClause(t, first);
    bool single = first == last;
    bool opener = sentence_initial && single &&
                  (In(kNotNames, t.norm(first)) || In(kNotNamesAlone, t.norm(first)));
    bool title_alone = single && In(kHonorifics, t.norm(first));
    if (!opener && !title_alone && t.norm(first) != "i") {
      runs.emplace_back(first, last);
    }
    i = last + 1;
  }
  return runs;
}

std::string NameText(const SentenceTokens& t, size_t first, size_t last) {
  Span s = t.span(first, last);
  std::string name(t.text().substr(s.begin, s.size()));
  for (string_view suffix : {string_view("'s"), string_view("\xE2\x80\x99s")}) {
    if (name.ends_with(suffix)) name.resize(name.size() - suffix.size());
  }
  return name;
}

std::vector<Cue> FindCues(const SentenceTokens& t, const std::vector<bool>& used) {
  std::vector<Cue> cues;
  for (size_t i = 0; i < t.size(); ++i) {
    if (used[i] || (i > 0 && t.capitalised(i))) continue;  // "in May 2024" is a date
    string_view w = t.norm(i);
    const char* kind = nullptr;
    if (In(kNegations, w) || w.ends_with("n't")) kind = "negation";
    if (In(kModals, w)) kind = "modality";
    if (kind != nullptr) cues.push_back({t.span(i), std::string(w), kind});
  }
  return cues;
}

string_view Trim(string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == ',')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '.')) s.remove_suffix(1);
  return s;
}

std::string StripDeterminer(string_view s) {
  for (string_view det : {string_view("the "), string_view("The "), string_view("a "),
                          string_view("A "), string_view("an ")}) {
    if (s.starts_with(det)) s.remove_prefix(det.size());
  }
  return std::string(s);
}

// The speaker in a span of tokens [first, last]: its last name run if the span ends with
// one ("Kremlin foreign policy aide Yuri Ushakov" -> "Yuri Ushakov"), else the span.
std::optional<std::string> SpeakerIn(const SentenceTokens& t, size_t first, size_t last,
                                     const std::vector<std::pair<size_t, size_t>>& names) {
  while (first <= last && In(kAdverbs, t.norm(last))) {
    if (last == 0) return std::nullopt;
    --last;
  }
  while (first <= last && In(kAdverbs, t.norm(first))) ++first;
  if (first > last) return std::nullopt;
  if (first == last && In(kPronouns, t.norm(first))) return std::nullopt;
  // "officials said": a generic source, vague but an attribution all the same.
  if (In(kGenericSources, t.norm(last)) && (first == last || t.norm(last - 1) == "the")) {
    return std::string(t.orig(last));
  }
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    if (it->second == last && it->first >= first) return NameText(t, it->first, it->second);
  }
  // Otherwise the noun phrase after the last determiner: "after a NATO statement" -> "a NATO
  // statement"; it must hold a capitalised word to name a speaker.
  for (size_t k = last; k > first; --k) {
    if (t.norm(k) == "the" || t.norm(k) == "a" || t.norm(k) == "an") {
      first = k;
      break;
    }
  }
  bool has_capital = false;
  for (size_t k = first + 1; k <= last; ++k) {
    has_capital |= IsNameToken(t, k) && !In(kPronouns, t.norm(k)) && !In(kNotNames, t.norm(k));
  }
  has_capital |= t.capitalised(first) && !In(kNotNames, t.norm(first));
  if (!has_capital) return std::nullopt;
  Span s = t.span(first, last);
  return StripDeterminer(Trim(t.text().substr(s.begin, s.size())));
}

// Start of the clause that ends just before token `i`: after a comma, quote or colon.
size_t ClauseStart(const SentenceTokens& t, size_t i, size_t max_tokens) {
  size_t start = i;
  while (start > 0 && i - start < max_tokens) {
    string_view gap = t.gap_before(start);
    if (gap.find_first_of(",\"\xE2:;(") != string_view::npos) break;
    if (t.norm(start - 1) == "that") break;
    --start;
  }
  return start;
}

bool IsSpeechVerb(const SentenceTokens& t, size_t i, bool strong) {
  if (t.capitalised(i)) return false;  // "United States"
  // "say" after a plural noun ("Tea Party groups say"); after a pronoun or "to" it names no
  // one ("they say", "declined to say").
  bool plural_say = strong && t.norm(i) == "say" && i > 0 && t.norm(i - 1).size() > 3 &&
                    t.norm(i - 1).ends_with('s') && !t.norm(i - 1).ends_with("ss");
  bool listed =
      plural_say || (strong ? In(kReportingVerbs, t.norm(i)) : In(kSpeechVerbs, t.norm(i)));
  if (!listed) return false;
  return i == 0 || !In(kNotSpeakerBefore, t.norm(i - 1));
}

// "John Rother, AARP's policy chief, said": the name that opens a clause and an appositive
// ending in a comma just before the speech verb at `verb` (at most 6 words between the
// commas). "In Paris, the capital, said to be ..." names no speaker.
std::optional<std::string> AppositiveSpeaker(const SentenceTokens& t, size_t verb,
                                             const std::vector<std::pair<size_t, size_t>>& names) {
  if (verb == 0 || t.gap_before(verb).find(',') == string_view::npos) return std::nullopt;
  for (const auto& [nf, nl] : names) {
    bool opens_clause =
        nf == 0 || t.gap_before(nf).find_first_of(",\":") != string_view::npos ||
        t.gap_before(nf).find("\xE2\x80") != string_view::npos;  // a curly quotation mark
    if (!opens_clause || nl + 1 >= verb || verb - nl > 7 ||
        t.gap_after(nl).find(',') == string_view::npos) {
      continue;
    }
    bool one_phrase = true;
    for (size_t k = nl + 2; k < verb; ++k) {
      one_phrase &= t.gap_before(k).find_first_of(",;:\"") == string_view::npos;
    }
    if (one_phrase) return NameText(t, nf, nl);
  }
  return std::nullopt;
}

// Which tokens lie inside one of the quotations `quotes` of the sentence.
std::vector<bool> QuotedTokens(const SentenceTokens& t, const std::vector<Span>& quotes) {
  std::vector<bool> quoted(t.size(), false);
  for (size_t k = 0; k < t.size(); ++k) {
    for (const Span& q : quotes)
      quoted[k] = quoted[k] || (t.span(k).begin >= q.begin && t.span(k).begin < q.end);
  }
  return quoted;
}

// The name runs with no word inside a quotation: the quoted words are the speaker's, so a
// capitalised word there (He added, "Needless to say, ...") is never who speaks.
std::vector<std::pair<size_t, size_t>> UnquotedNames(
    const std::vector<std::pair<size_t, size_t>>& names, const std::vector<bool>& quoted) {
  std::vector<std::pair<size_t, size_t>> out;
  for (const auto& run : names) {
    bool inside = false;
    for (size_t k = run.first; k <= run.second; ++k) inside = inside || quoted[k];
    if (!inside) out.push_back(run);
  }
  return out;
}

// The speaker of the sentence. Words inside quotations (`quoted`) neither name a speaker nor
// attribute: "said" in "\"I said no,\" he added" is the quoted speaker's word.
std::optional<std::string> FindAttribution(const SentenceTokens& t,
                                           const std::vector<std::pair<size_t, size_t>>& runs,
                                           const std::vector<bool>& quoted) {
  const std::vector<std::pair<size_t, size_t>> names = UnquotedNames(runs, quoted);
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (quoted[i] || t.norm(i) != "according" || t.norm(i + 1) != "to") continue;
    size_t first = i + 2, last = first;
    while (last + 1 < t.size() && t.gap_after(last).find_first_of(",.;") == string_view::npos) {
      ++last;
    }
    if (first >= t.size()) break;
    // "according to Putin's aide, Yuriy Ushakov, ...": prefer the appositive name.
    for (const auto& [nf, nl] : names) {
      if (nf == last + 1 && t.gap_before(nf).find(',') != string_view::npos && nl - nf < 4) {
        return NameText(t, nf, nl);
      }
    }
    return SpeakerIn(t, first, last, names);
  }
  for (bool strong : {true, false}) {
    for (size_t i = 0; i < t.size(); ++i) {
      if (quoted[i] || !IsSpeechVerb(t, i, strong)) continue;
      // "..., Putin said" / "the Kremlin's press service reported"
      if (i > 0) {
        size_t start = ClauseStart(t, i, 8);
        if (start < i) {
          std::optional<std::string> speaker = SpeakerIn(t, start, i - 1, names);
          if (speaker) return speaker;
        }
      }
      if (t.norm(i) == "say") continue;  // "aides say Mr. Romney has ...": no inversion
      // "..., said Putin"
      for (const auto& [nf, nl] : names) {
        if (nf == i + 1) return NameText(t, nf, nl);
      }
      std::optional<std::string> appositive = AppositiveSpeaker(t, i, names);
      if (appositive) return appositive;
    }
  }
  return std::nullopt;
}

// A question: the sentence ends with '?' (before closing quotes), or its last quotation
// does ("What is this? A circus?" he said).
bool IsQuestion(string_view text, const std::vector<Span>& quotes) {
  auto ends_with_mark = [](string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\'' ||
                          s.back() == ')' || s.back() == '\n')) {
      s.remove_suffix(1);
    }
    if (s.ends_with("\xE2\x80\x9D")) s.remove_suffix(3);
    return s.ends_with("?");
  };
  if (ends_with_mark(text)) return true;
  return !quotes.empty() && ends_with_mark(text.substr(quotes.back().begin, quotes.back().size()));
}

// "he said", "she told reporters", "said she": a speech verb next to a pronoun.
bool PronounSpeaker(const SentenceTokens& t) {
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    bool pronoun = t.norm(i) == "he" || t.norm(i) == "she";
    bool verb_after = In(kReportingVerbs, t.norm(i + 1)) || In(kSpeechVerbs, t.norm(i + 1));
    bool verb_before =
        i > 0 && (In(kReportingVerbs, t.norm(i - 1)) || In(kSpeechVerbs, t.norm(i - 1)));
    if (pronoun && (verb_after || verb_before)) return true;
  }
  return false;
}

bool HasQuote(string_view text) {
  return text.find('"') != string_view::npos || text.find("\xE2\x80\x9C") != string_view::npos ||
         text.find("\xE2\x80\x9D") != string_view::npos;
}

// AnalyzeSentence, with `speech_quotes` the quotations of the sentence as its paragraph
// reads them (sentence offsets): a sentence that ends a quote opened in an earlier one
// ("... to China," Putin said.) is quoted up to its closing mark, which the sentence alone
// cannot tell from an opening one.
Claim AnalyzeInParagraph(std::string_view sentence, const std::vector<Span>& speech_quotes) {
  SentenceTokens t(sentence);
  Claim claim;
  claim.text = std::string(sentence);
  claim.span = {0, static_cast<uint32_t>(sentence.size())};
  claim.tokens.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) claim.tokens.emplace_back(t.norm(i));
  std::vector<bool> used(t.size(), false);
  claim.dates = FindDates(t, &used);
  claim.numbers = FindNumbers(t, used);
  std::vector<std::pair<size_t, size_t>> runs = FindNameRuns(t);
  for (const auto& [first, last] : runs) {
    std::string name = NameText(t, first, last);
    if (std::find(claim.names.begin(), claim.names.end(), name) == claim.names.end()) {
      claim.names.push_back(std::move(name));
    }
  }
  claim.cues = FindCues(t, used);
  claim.quotes = FindQuotations(sentence);
  claim.attribution = FindAttribution(t, runs, QuotedTokens(t, speech_quotes));
  claim.has_quote = HasQuote(sentence) || !claim.quotes.empty();
  claim.question = IsQuestion(sentence, claim.quotes);
  // Conditions and hypotheticals: "if", "unless", "suppose", "imagine", "let's say".
  claim.conditional = false;
  for (size_t i = 0; i < t.size(); ++i) {
    string_view w = t.norm(i);
    bool lets_say = (w == "let's" || w == "lets") && i + 1 < t.size() && t.norm(i + 1) == "say";
    if (w == "if" || w == "unless" || w == "suppose" || w == "supposing" || w == "imagine" ||
        w == "assuming" || lets_say) {
      claim.conditional = true;
    }
  }
  claim.pronoun_speaker = PronounSpeaker(t);
  return claim;
}

}  // namespace

Claim AnalyzeSentence(std::string_view sentence) {
  return AnalyzeInParagraph(sentence, FindQuotations(sentence));
}

namespace {

void ShiftSpans(uint32_t offset, Claim* claim) {
  auto shift = [offset](Span& s) {
    s.begin += offset;
    s.end += offset;
  };
  shift(claim->span);
  for (NumberMention& n : claim->numbers) shift(n.span);
  for (DateMention& d : claim->dates) shift(d.span);
  for (Cue& c : claim->cues) shift(c.span);
  for (Span& q : claim->quotes) shift(q);
}

// Quotations of the whole paragraph, cut to the claim: a quote that spans two sentences
// ("What is this? A circus?") is quoted material in both.
std::vector<Span> QuotesWithin(const std::vector<Span>& paragraph_quotes, Span claim) {
  std::vector<Span> out;
  for (const Span& q : paragraph_quotes) {
    uint32_t begin = std::max(q.begin, claim.begin), end = std::min(q.end, claim.end);
    if (begin < end) out.push_back({begin, end});
  }
  return out;
}

// A claim that names no speaker takes the one of its paragraph: the attribution of the
// nearest earlier sentence of the same paragraph, else of the next; a claim whose speaker
// is a pronoun ("he said") takes the nearest earlier attribution of the document within
// the two paragraphs before.
void AttributeFromContext(std::vector<Claim>* claims, const std::vector<size_t>& paragraph) {
  for (size_t i = 0; i < claims->size(); ++i) {
    Claim& c = (*claims)[i];
    if (c.attribution) continue;
    std::optional<std::string> found;
    for (size_t k = i; k-- > 0 && !found;) {
      const Claim& o = (*claims)[k];
      bool same = paragraph[k] == paragraph[i];
      bool near = c.pronoun_speaker && paragraph[i] - paragraph[k] <= 2;
      if (!same && !near) break;
      if (o.attribution) found = o.attribution;
    }
    for (size_t k = i + 1; k < claims->size() && !found && paragraph[k] == paragraph[i]; ++k) {
      if ((*claims)[k].attribution) found = (*claims)[k].attribution;
    }
    c.context_attribution = found;
  }
}

// Agency wire copy writes the pound sign as '#' (a 7-bit legacy): "#386,000" is £386,000.
void ReadWirePoundSigns(std::string_view text, Claim* claim) {
  for (NumberMention& n : claim->numbers) {
    if (n.unit.empty() && n.span.begin > claim->span.begin && text[n.span.begin - 1] == '#') {
      n.unit = "\xC2\xA3";
      --n.span.begin;
    }
  }
}

// A document that is one headline and nothing else (a feed of headlines, one per outlet)
// states its claim in that line. Boilerplate removal drops such a line when other outlets
// print the same headline (furniture shared across pages) or when it reads as a title, which
// in an article is right but here leaves the document without its only claim. Captions,
// bylines and chrome stay removed.
bool IsLoneHeadline(const BoilerplateReport& boilerplate) {
  if (!boilerplate.kept.empty() || boilerplate.removed.size() != 1) return false;
  BoilerplateReason reason = boilerplate.removed.front().reason;
  return reason == BoilerplateReason::kRepeatedAcrossDocuments ||
         reason == BoilerplateReason::kHeading;
}

std::vector<Span> LinesToRead(const BoilerplateReport& boilerplate) {
  if (IsLoneHeadline(boilerplate)) return {boilerplate.removed.front().span};
  return boilerplate.kept;
}

}  // namespace

std::vector<Claim> ExtractClaims(const Document& doc, int doc_index,
                                 const BoilerplateReport& boilerplate, int first_id,
                                 const ClaimOptions& options) {
  std::vector<Claim> claims;
  std::vector<size_t> paragraph;  // per claim: index of its line among the kept lines
  std::string_view text = doc.text;
  const bool wire = IsWireText(text);
  const std::vector<Span> lines = LinesToRead(boilerplate);
  for (size_t l = 0; l < lines.size(); ++l) {
    const Span& line = lines[l];
    // A wire paragraph's hard wraps are spaces here (same length, so offsets still map).
    const std::string joined = JoinHardWraps(text.substr(line.begin, line.size()));
    std::string_view line_text = joined;
    const std::vector<Span> line_quotes = FindQuotations(line_text);
    std::vector<Span> quotes = line_quotes;
    for (Span& q : quotes) q = {q.begin + line.begin, q.end + line.begin};
    for (const Span& sentence : SplitSentences(line_text)) {
      std::string_view sentence_text = line_text.substr(sentence.begin, sentence.size());
      std::vector<Span> speech_quotes = QuotesWithin(line_quotes, sentence);
      for (Span& q : speech_quotes) q = {q.begin - sentence.begin, q.end - sentence.begin};
      Claim claim = AnalyzeInParagraph(sentence_text, speech_quotes);
      if (static_cast<int>(claim.tokens.size()) < options.min_tokens) continue;
      ShiftSpans(line.begin + sentence.begin, &claim);
      claim.quotes = QuotesWithin(quotes, claim.span);
      claim.has_quote = claim.has_quote || !claim.quotes.empty();
      if (wire) ReadWirePoundSigns(text, &claim);
      claim.doc = doc_index;
      claim.id = first_id + static_cast<int>(claims.size());
      claims.push_back(std::move(claim));
      paragraph.push_back(l);
    }
  }
  AttributeFromContext(&claims, paragraph);
  return claims;
}

ClaimSet ExtractCorpusClaims(const Corpus& corpus, const BoilerplateOptions& boilerplate,
                             const ClaimOptions& options) {
  ClaimSet set;
  set.boilerplate = FindBoilerplate(corpus.documents, boilerplate);
  for (size_t d = 0; d < corpus.documents.size(); ++d) {
    std::vector<Claim> claims =
        ExtractClaims(corpus.documents[d], static_cast<int>(d), set.boilerplate[d],
                      static_cast<int>(set.claims.size()), options);
    std::move(claims.begin(), claims.end(), std::back_inserter(set.claims));
  }
  return set;
}

}  // namespace crossclaim
