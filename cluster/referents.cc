#include "cluster/referents.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

#include "core/text.h"
#include "similarity/stopwords.h"

namespace crossclaim {

std::vector<DateMention> TimeAnchors(const Claim& claim, const std::optional<Date>& published) {
  std::vector<DateMention> out;
  if (!published) return out;
  for (const DateMention& d : claim.dates) {
    if (d.year == 0) continue;
    bool far = d.month == 0
                   ? d.year != published->year
                   : std::abs((d.year - published->year) * 12 + d.month - published->month) >= 2;
    if (far) out.push_back(d);
  }
  return out;
}

namespace {

bool States(const Claim& other, const DateMention& anchor) {
  for (const DateMention& d : other.dates) {
    if (d.year != anchor.year) continue;
    if (d.month != 0 && anchor.month != 0 && d.month != anchor.month) continue;
    return true;
  }
  return false;
}

bool AnchorsShared(const Claim& from, const std::optional<Date>& published, const Claim& other) {
  for (const DateMention& anchor : TimeAnchors(from, published)) {
    if (!States(other, anchor)) return false;
  }
  return true;
}

// A year alone between a determiner and a noun names an event, not a date of it: "the 2012
// election cycle" is in every story of the campaign ("the selection of a chairman for the 2012
// election cycle" / "lead the party into the 2012 election cycle" are two facts); "won the
// House in 2010 partly by ..." dates an action.
bool IsYearLabel(const Claim& c, const DateMention& d) {
  if (d.month != 0 || d.day != 0 || d.span.begin < c.span.begin) return false;
  size_t begin = d.span.begin - c.span.begin, end = d.span.end - c.span.begin;
  bool noun_after = end + 1 < c.text.size() && c.text[end] == ' ' &&
                    std::islower(static_cast<unsigned char>(c.text[end + 1]));
  std::vector<std::string> before = NormalizedTokens(std::string_view(c.text).substr(0, begin));
  static constexpr std::string_view kDeterminers[] = {"the", "a",   "an",   "its",
                                                      "his", "her", "their"};
  return noun_after && !before.empty() &&
         std::find(std::begin(kDeterminers), std::end(kDeterminers), before.back()) !=
             std::end(kDeterminers);
}

// Whether `other` states the year (and month) of `anchor`, of claim `c`; a year both claims
// use as a label only is no shared detail ("in the 2010 congressional elections" and "won
// the House in 2010" are).
bool StatesDetail(const Claim& c, const DateMention& anchor, const Claim& other) {
  return std::any_of(other.dates.begin(), other.dates.end(), [&](const DateMention& d) {
    return !(IsYearLabel(c, anchor) && IsYearLabel(other, d)) && d.year == anchor.year &&
           (d.month == 0 || anchor.month == 0 || d.month == anchor.month);
  });
}

// Words that point at a referent outside their sentence ("that argument", "the same
// argument").
constexpr std::string_view kPointers[] = {"that", "this", "these", "those", "same", "such"};

// The content words of a claim, and those of them that follow a pointer, cut to their first
// `kStemBytes` letters so that inflections match: "Holder told the students he understands
// the mistrust" and "I understand that mistrust" share "understand" said outright, not only
// the pointed "mistrust".
struct ContentWords {
  std::set<std::string> all, pointed;
};

constexpr size_t kStemBytes = 5;

ContentWords ContentWordsOf(const Claim& c) {
  std::set<std::string> names;
  for (const std::string& n : c.names) {
    for (std::string& w : NormalizedTokens(n)) names.insert(std::move(w));
  }
  ContentWords out;
  for (size_t i = 0; i < c.tokens.size(); ++i) {
    const std::string& w = c.tokens[i];
    if (IsEnglishStopWord(w) || names.count(w)) continue;
    std::string stem = w.substr(0, kStemBytes);
    out.all.insert(stem);
    bool after_pointer = i > 0 && std::find(std::begin(kPointers), std::end(kPointers),
                                            c.tokens[i - 1]) != std::end(kPointers);
    if (after_pointer) out.pointed.insert(std::move(stem));
  }
  return out;
}

}  // namespace

bool SharedWordsPointElsewhere(const Claim& a, const Claim& b) {
  ContentWords wa = ContentWordsOf(a), wb = ContentWordsOf(b);
  bool shared = false;
  for (const std::string& w : wa.all) {
    if (!wb.all.count(w)) continue;
    if (!wa.pointed.count(w) && !wb.pointed.count(w)) return false;
    shared = true;
  }
  return shared;
}

namespace {

// The stems of the words that name who speaks: the claims' attributions (sentence and
// paragraph, with titles: "NAACP President Benjamin Todd Jealous") and the words that say
// someone spoke ("said", "told", "statement").
std::set<std::string> SpeakerStems(const Claim& a, const Claim& b) {
  std::set<std::string> out = {"said",  "says",  "say",   "told", "tells",
                               "added", "state", "wrote", "accor"};
  for (const Claim* c : {&a, &b}) {
    for (const std::optional<std::string>* s : {&c->attribution, &c->context_attribution}) {
      if (!*s) continue;
      for (const std::string& w : NormalizedTokens(**s)) out.insert(w.substr(0, kStemBytes));
    }
  }
  return out;
}

}  // namespace

namespace {

// The stems of a claim's words that are not stop words, name words included: a name both
// claims give beside their one speaker ("Christian" in "He says he is a Christian." / "I
// believe the president's Christian") is something they say alike.
std::set<std::string> WordStems(const Claim& c) {
  std::set<std::string> out;
  for (const std::string& w : c.tokens) {
    if (!IsEnglishStopWord(w)) out.insert(w.substr(0, kStemBytes));
  }
  return out;
}

}  // namespace

bool OnlyTheSpeakerInCommon(const Claim& a, const Claim& b) {
  std::set<std::string> wa = WordStems(a), wb = WordStems(b);
  std::set<std::string> speaker = SpeakerStems(a, b);
  return std::none_of(wa.begin(), wa.end(),
                      [&](const std::string& w) { return wb.count(w) && !speaker.count(w); });
}

namespace {

bool IsOneOf(std::string_view w, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

bool AnyTokenOf(const Claim& c, std::initializer_list<std::string_view> words) {
  return std::any_of(c.tokens.begin(), c.tokens.end(),
                     [&](const std::string& t) { return IsOneOf(t, words); });
}

// The week a weekday of `c` is in, from the word before it: +1 "next Tuesday", -1 "last
// Tuesday", 0 when that word says nothing ("on Tuesday"), 2 when it points at this week ("this
// Tuesday"), which may be either.
int WeekOf(const Claim& c, const DateMention& d) {
  if (d.span.begin < c.span.begin) return 0;
  std::vector<std::string> before =
      NormalizedTokens(std::string_view(c.text).substr(0, d.span.begin - c.span.begin));
  if (before.empty()) return 0;
  if (before.back() == "next" || before.back() == "coming") return 1;
  if (before.back() == "last" || before.back() == "past") return -1;
  return before.back() == "this" ? 2 : 0;
}

// Whether a claim speaks of the past only: a past form of "be", "have" or "do" and no word of
// the future.
bool PastOnly(const Claim& c) {
  return AnyTokenOf(c, {"was", "were", "had", "did"}) &&
         !AnyTokenOf(c, {"will", "would", "shall", "going", "scheduled", "expected", "plans"});
}

bool FutureOnly(const Claim& c) {
  return AnyTokenOf(c, {"will", "shall", "scheduled"}) && !AnyTokenOf(c, {"was", "were", "had"});
}

// Whether the weekday `x` of `a`, said of the week to come, is the same weekday of `b` said of
// a past week.
bool NextAgainstPast(const Claim& a, const DateMention& x, const Claim& b, const DateMention& y) {
  int wa = WeekOf(a, x), wb = WeekOf(b, y);
  if (wa == 1) return wb == -1 || (wb == 0 && PastOnly(b));
  if (wa == -1) return wb == 0 && FutureOnly(b);
  return false;
}

}  // namespace

bool WeekdaysOfTwoWeeks(const Claim& a, const Claim& b) {
  for (const DateMention& x : a.dates) {
    if (x.weekday == 0) continue;
    for (const DateMention& y : b.dates) {
      if (y.weekday != x.weekday) continue;
      if (NextAgainstPast(a, x, b, y) || NextAgainstPast(b, y, a, x)) return true;
    }
  }
  return false;
}

namespace {

// Verbs of reacting to something: said of what another did or made, never of the thing itself.
bool ReactsTo(const Claim& c) {
  return AnyTokenOf(
      c, {"defended", "defends", "declined", "declines", "decried", "decries", "criticized",
          "criticizes", "condemned", "condemns", "denounced", "denounces", "slammed", "blasted",
          "responded", "reacted", "mocked", "ridiculed"});
}

// A claim that describes what a picture, cover or advertisement shows ("The cover shows ...",
// "... is a picture of ..."), with no speaker (in its sentence or paragraph), no quotation, no
// word of saying and no reaction: the thing itself. Other sentences without a speaker report
// events, which a reaction may report too ("Obama condemns the murder" / "Barbaric murder
// shocks the world", Emergent headlines).
bool Describes(const Claim& c) {
  return !c.attribution && !c.context_attribution && !c.has_quote && !ReactsTo(c) &&
         AnyTokenOf(c, {"shows", "showed", "depicts", "depicted", "pictured", "picture", "portrays",
                        "portrayed"}) &&
         !AnyTokenOf(c, {"said", "says", "say", "told", "according", "statement", "saying"});
}

}  // namespace

bool ReactionBesideDescription(const Claim& a, const Claim& b) {
  return (ReactsTo(a) && Describes(b)) || (ReactsTo(b) && Describes(a));
}

namespace {

// A name of a claim with the tokens it covers.
struct NamePlace {
  std::string last;  // its last word: "Smith" of "Senator Jane Smith"
  size_t first_token, end_token;
};

// The names of `c` in token order, found by their words in `c.tokens`.
std::vector<NamePlace> NamePlaces(const Claim& c) {
  std::vector<NamePlace> out;
  for (const std::string& name : c.names) {
    std::vector<std::string> words = NormalizedTokens(name);
    if (words.empty()) continue;
    for (size_t i = 0; i + words.size() <= c.tokens.size(); ++i) {
      if (std::equal(words.begin(), words.end(), c.tokens.begin() + static_cast<long>(i))) {
        out.push_back({words.back(), i, i + words.size()});
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const NamePlace& x, const NamePlace& y) { return x.first_token < y.first_token; });
  return out;
}

// The names nearest before and after token `i` ("" when none), the doer first: a passive
// ("... followed by Smith") gives the name after the word as the doer. None when a word
// between them makes the two one party ("Smith and Jones met", "Smith met with Jones", "the
// call between Smith and Jones"): then the order says nothing about roles.
std::pair<std::string, std::string> RolesAround(const Claim& c, const std::vector<NamePlace>& names,
                                                size_t i) {
  const NamePlace *before = nullptr, *after = nullptr;
  for (const NamePlace& n : names) {
    if (n.end_token <= i) before = &n;
    if (n.first_token > i && !after) after = &n;
  }
  if (!before || !after) return {};
  for (size_t k = before->end_token; k < after->first_token; ++k) {
    if (IsOneOf(c.tokens[k], {"and", "with", "between", "together", "each", "both"})) return {};
  }
  if (c.tokens[after->first_token - 1] == "by") return {after->last, before->last};
  return {before->last, after->last};
}

// A word that reads as a past action: it ends in "ed" and no article comes before it ("the
// proposed plan"). Nouns between two names ("Obama campaign spokeswoman Lis Smith" / "Lis Smith,
// a spokeswoman for the Obama campaign") give no roles.
bool ActionWord(const Claim& c, size_t i) {
  return c.tokens[i].size() > 4 && c.tokens[i].ends_with("ed") &&
         (i == 0 || !IsOneOf(c.tokens[i - 1], {"the", "a", "an"}));
}

}  // namespace

bool RolesSwapped(const Claim& a, const Claim& b) {
  std::vector<NamePlace> na = NamePlaces(a), nb = NamePlaces(b);
  if (na.size() < 2 || nb.size() < 2) return false;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const std::string& w = a.tokens[i];
    if (IsEnglishStopWord(w) || !ActionWord(a, i)) continue;
    auto [doer_a, done_to_a] = RolesAround(a, na, i);
    if (doer_a.empty() || done_to_a.empty() || doer_a == done_to_a) continue;
    for (size_t j = 0; j < b.tokens.size(); ++j) {
      if (b.tokens[j].substr(0, kStemBytes) != w.substr(0, kStemBytes) || !ActionWord(b, j)) {
        continue;
      }
      auto [doer_b, done_to_b] = RolesAround(b, nb, j);
      if (doer_a == done_to_b && done_to_a == doer_b) return true;
    }
  }
  return false;
}

bool SameTimeFrame(const Claim& a, const std::optional<Date>& published_a, const Claim& b,
                   const std::optional<Date>& published_b) {
  const std::optional<Date>& pa = published_a ? published_a : published_b;
  const std::optional<Date>& pb = published_b ? published_b : published_a;
  return AnchorsShared(a, pa, b) && AnchorsShared(b, pb, a);
}

bool SharesSpecifics(const Claim& a, const Claim& b) {
  for (const NumberMention& x : a.numbers) {
    if (x.unit.empty() && x.value < 10) continue;
    for (const NumberMention& y : b.numbers) {
      if (x.value == y.value && x.unit == y.unit) return true;
    }
  }
  for (const DateMention& x : a.dates) {
    if (x.year != 0 && StatesDetail(a, x, b)) return true;
  }
  return false;
}

}  // namespace crossclaim
