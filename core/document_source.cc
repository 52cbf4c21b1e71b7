#include "core/document_source.h"

#include <cctype>
#include <vector>

#include "core/wire.h"

namespace crossclaim {
namespace {

using std::string_view;

string_view Trim(string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<string_view> Words(string_view s) {
  std::vector<string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

bool Capitalised(string_view w) {
  while (!w.empty() && (w.front() == '(' || w.front() == '"')) w.remove_prefix(1);
  return !w.empty() && (std::isupper(static_cast<unsigned char>(w.front())) ||
                        static_cast<unsigned char>(w.front()) >= 0x80);
}

bool Connector(string_view w) { return w == "and" || w == "of" || w == "the" || w == "for"; }

std::string SourceLine(string_view line) {
  size_t colon = line.find(':');
  if (colon == string_view::npos) return "";
  std::string label;
  for (char c : line.substr(0, colon)) label.push_back(static_cast<char>(std::tolower(c)));
  if (label != "source" && label != "sources") return "";
  string_view rest = Trim(line.substr(colon + 1));
  std::vector<string_view> words = Words(rest);
  if (words.empty() || words.size() > 12 || !Capitalised(words[0])) return "";
  char last = rest.back();
  if (last == '!' || last == '?') return "";
  if (last == '.') {
    string_view w = words.back();
    bool abbreviation = w.size() >= 2 && std::isupper(static_cast<unsigned char>(w[w.size() - 2]));
    if (!abbreviation) return "";
  }
  return std::string(rest);
}

// Splits `s` at each comma, trimming the pieces.
std::vector<string_view> CommaSegments(string_view s) {
  std::vector<string_view> segments;
  for (size_t comma = s.find(','); comma != string_view::npos; comma = s.find(',')) {
    segments.push_back(Trim(s.substr(0, comma)));
    s.remove_prefix(comma + 1);
  }
  segments.push_back(Trim(s));
  return segments;
}

// Whether `s` has 1..max_words words, each capitalised or a connector, the first and last
// capitalised ("Jan Colley and Cathy Gordon", "Institute for the Study of War").
bool TitleWords(string_view s, size_t max_words) {
  std::vector<string_view> words = Words(s);
  if (words.empty() || words.size() > max_words) return false;
  if (!Capitalised(words.front()) || !Capitalised(words.back())) return false;
  for (string_view w : words) {
    if (!Capitalised(w) && !Connector(w)) return false;
  }
  return true;
}

// "PA News Reporters", "PA Reporter", "Reuters Staff": an agency's unnamed reporters. Returns
// the agency's words, or empty.
string_view UnnamedReporters(string_view rest) {
  for (string_view role : {" Reporters", " Reporter", " Staff", " Correspondents"}) {
    if (!rest.ends_with(role)) continue;
    string_view agency = rest.substr(0, rest.size() - role.size());
    if (agency.find(',') == string_view::npos && TitleWords(agency, 4)) return agency;
  }
  return {};
}

// "Staff Writer", "Chief Reporter": a title, not an agency ("By Jane Smith, Staff Writer").
bool IsRole(string_view title) {
  const std::vector<string_view> words = Words(title);
  for (string_view role : {"Writer", "Reporter", "Correspondent", "Editor", "Columnist"}) {
    if (words.back() == role) return true;
  }
  return false;
}

// A byline's place after the agency ("PA News, in Zeist, Netherlands", "PA News in
// Brussels and Alex Richardson") is dropped: the agency is what precedes " in ".
string_view WithoutPlace(string_view agency) {
  size_t in = agency.find(" in ");
  return in == string_view::npos ? agency : Trim(agency.substr(0, in));
}

// "By NAME[, TITLE], AGENCY" with NAME one or two people ("Jan Colley and Cathy Gordon"),
// TITLE a role ("Home Affairs Correspondent"), or "By NAME | AGENCY", "By NAME - AGENCY",
// or "By AGENCY Reporters". Every part is capitalised words, so "By Monday, officials
// said" is no byline.
std::string Byline(string_view line) {
  if (line.size() > 80 || !line.starts_with("By ")) return "";
  string_view rest = Trim(line.substr(3));
  if (rest.ends_with('.')) rest.remove_suffix(1);  // "By Jon Coates, PA News."
  if (string_view agency = UnnamedReporters(rest); !agency.empty()) return std::string(agency);
  std::vector<string_view> segments = CommaSegments(rest);
  for (size_t i = 2; i < segments.size(); ++i) {
    if (segments[i].starts_with("in ")) segments.resize(i);  // ", in Zeist, Netherlands"
  }
  if (segments.size() == 1) {
    for (string_view sep : {string_view(" | "), string_view(" - ")}) {
      size_t cut = rest.find(sep);
      if (cut == string_view::npos) continue;
      segments = {Trim(rest.substr(0, cut)), Trim(rest.substr(cut + sep.size()))};
      break;
    }
  }
  if (segments.size() < 2 || segments.size() > 3) return "";
  string_view agency = WithoutPlace(segments.back());
  if (!TitleWords(segments.front(), 7) || !TitleWords(agency, 6) || IsRole(agency)) return "";
  if (segments.size() == 3 && !TitleWords(segments[1], 4)) return "";
  return std::string(agency);
}

// Whether `line` (a reading line before JoinHardWraps, which only turns \n, \r and \t into
// spaces) can pass SourceLine or Byline: its label is "source" or "sources", or it starts
// with "By" and a space. Most lines cannot; they are never copied.
bool MayNameSource(string_view line) {
  if (line.starts_with("By") && line.size() > 2) {
    const char c = line[2];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return true;
  }
  const size_t colon = line.substr(0, 8).find(':');  // after "source" or "sources"
  if (colon != 6 && colon != 7) return false;
  for (size_t i = 0; i < colon; ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != "sources"[i]) return false;
  }
  return true;
}

// Whether any line of `text` can start a reading line that MayNameSource accepts. A reading
// line starts where a line does, after its spaces and paragraph mark (core/wire.h), and
// MayNameSource reads at most its first 8 bytes, so testing the text from each line start
// on is enough; most documents then need no ReadingLines at all.
bool AnyLineMayNameSource(string_view text) {
  for (size_t begin = 0; begin < text.size();) {
    size_t start = begin;
    while (start < text.size() &&
           (text[start] == ' ' || text[start] == '\t' || text[start] == '\r' ||
            text[start] == '\v' || text[start] == '\f' || text[start] == '\x19')) {
      ++start;
    }
    if (MayNameSource(text.substr(start))) return true;
    const size_t newline = text.find('\n', start);
    if (newline == string_view::npos) break;
    begin = newline + 1;
  }
  return false;
}

}  // namespace

std::string FindDocumentSource(string_view text) {
  if (!AnyLineMayNameSource(text)) return "";
  // Lines as a reader sees them: a wire paragraph ("By Jane Smith, PA News<") is one line.
  const std::vector<Span> spans = ReadingLines(text);
  auto line = [&](size_t i) { return JoinHardWraps(text.substr(spans[i].begin, spans[i].size())); };
  auto may_name_source = [&](size_t i) {
    return MayNameSource(text.substr(spans[i].begin, spans[i].size()));
  };
  for (size_t i = 0; i < spans.size(); ++i) {
    if (!may_name_source(i)) continue;
    if (std::string s = SourceLine(line(i)); !s.empty()) return s;
  }
  for (size_t i = 0; i < spans.size(); ++i) {
    if (i >= 15 && i + 5 < spans.size()) continue;
    if (!may_name_source(i)) continue;
    if (std::string s = Byline(line(i)); !s.empty()) return s;
  }
  return "";
}

}  // namespace crossclaim
