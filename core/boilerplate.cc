#include "core/boilerplate.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "core/wire.h"

namespace crossclaim {
namespace {

// Whole lines that are page furniture on news sites (matched after normalisation).
constexpr std::array kChromeLines = std::to_array<std::string_view>({
    "skip to content",
    "subscribe",
    "sign up",
    "sign in",
    "log in",
    "menu",
    "search",
    "close",
    "loading...",
    "loading",
    "newsletters",
    "edit post",
    "comments",
    "most popular",
    "news feed",
    "more news",
    "editors' picks",
    "featured",
    "sections",
    "more",
    "follow us",
    "store",
    "share",
    "share this",
    "advertisement",
    "read more",
    "see also",
    "related",
    "top stories",
    "* indicates required",
    "enter your email to subscribe",
    "please, enter correct email address",
    "successfuly subscribed",
    "successfully subscribed",
    "weekly newsletter",
    "published:",
    "this audio is created with ai assistance",
    "listen to this article",
    "print",
    "email",
});

// Phrases that mark a short line as furniture wherever they occur in it.
constexpr std::array kChromePhrases = std::to_array<std::string_view>({
    "arrow right",
    "subscribe",
    "newsletter",
    "sign up for",
    "signing up for",
    "confirmation email",
    "indicates required",
    "ai assistance",
    "cookie",
    "all rights reserved",
    "shop now",
    "learn more",
    "click here",
    "follow us on",
});

// Phrases strong enough to mark even a full sentence as furniture.
constexpr std::array kStrongChromePhrases = std::to_array<std::string_view>({
    "signing up for this newsletter",
    "sent you a confirmation email",
    "indicates required",
    "created with ai assistance",
    "all rights reserved",
    "enter your email",
});

constexpr std::array kCreditWords = std::to_array<std::string_view>({
    "afp",
    "reuters",
    "getty",
    "ap",
    "pool",
    "photo",
    "epa",
    "tass",
    "xinhua",
    "sputnik",
    "anadolu",
    "bloomberg",
    "shutterstock",
    "images",
});

struct Line {
  Span span;        // trimmed
  std::string key;  // normalised, single-spaced
  size_t tokens = 0;
};

std::string CollapseSpaces(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The document's lines as ReadingLines (core/wire.h) gives them: wire paragraphs are one
// line each, their hard wraps read as spaces.
std::vector<Line> SplitLines(const std::string& text) {
  std::vector<Line> lines;
  TokenizedText tokens;
  for (const Span& span : ReadingLines(text)) {
    Line line;
    line.span = span;
    const std::string raw = JoinHardWraps(std::string_view(text).substr(span.begin, span.size()));
    line.key = CollapseSpaces(NormalizeForMatching(raw));
    Tokenize(raw, &tokens);
    line.tokens = tokens.size();
    lines.push_back(std::move(line));
  }
  return lines;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

template <size_t N>
bool ContainsAny(std::string_view key, const std::array<std::string_view, N>& phrases) {
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](std::string_view p) { return Contains(key, p); });
}

// Ends like a sentence: terminal punctuation, possibly inside closing quotes or brackets.
bool EndsLikeSentence(std::string_view key) {
  size_t i = key.size();
  while (i > 0 && (key[i - 1] == '"' || key[i - 1] == '\'' || key[i - 1] == ')')) --i;
  if (i == 0) return false;
  char c = key[i - 1];
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
  return key.size() >= 3 && i >= 3 && key.substr(i - 3, 3) == "\xE2\x80\xA6";  // ellipsis
}

bool IsClockTime(std::string_view key) {
  // "11:04 am", "9:25 pm (updated: )"
  size_t colon = key.find(':');
  if (colon == 0 || colon > 2 || colon + 3 > key.size()) return false;
  for (size_t i = 0; i < colon; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(key[i]))) return false;
  }
  std::string_view rest = key.substr(colon + 3);
  return rest.starts_with(" am") || rest.starts_with(" pm") || rest.empty();
}

bool IsCaption(std::string_view key) {
  // A trailing photo credit: "... (grigory sysoyev/pool/afp)".
  if (key.empty() || key.back() != ')') return false;
  size_t open = key.rfind('(');
  if (open == std::string_view::npos) return false;
  std::string_view credit = key.substr(open + 1, key.size() - open - 2);
  if (Contains(credit, "/")) return true;
  // A credit names an agency as one of its words: "ap photo", "reuters".
  size_t start = 0;
  while (start <= credit.size()) {
    size_t end = std::min(credit.find(' ', start), credit.size());
    std::string_view word = credit.substr(start, end - start);
    if (std::find(kCreditWords.begin(), kCreditWords.end(), word) != kCreditWords.end()) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

bool IsByline(const Line& line) {
  std::string_view key = line.key;
  if (line.tokens > 16) return false;
  return key.starts_with("by ") || key.starts_with("author:") || key.starts_with("written by") ||
         Contains(key, " min read") || Contains(key, "news summary by") ||
         key.starts_with("published:") || key.starts_with("updated:");
}

// A list of tags or a menu: several short comma-separated items and no sentence end.
bool IsTagList(std::string_view key) {
  if (EndsLikeSentence(key)) return false;
  size_t items = 1, words = 0, max_words = 0;
  for (char c : key) {
    if (c == ',') {
      ++items;
      max_words = std::max(max_words, words);
      words = 0;
    } else if (c == ' ') {
      ++words;
    }
  }
  return items >= 4 && std::max(max_words, words) <= 3;
}

bool IsChrome(const Line& line, int max_tokens) {
  std::string_view key = line.key;
  if (std::find(kChromeLines.begin(), kChromeLines.end(), key) != kChromeLines.end()) return true;
  if (IsClockTime(key) || IsTagList(key)) return true;
  if (ContainsAny(key, kStrongChromePhrases)) return true;
  if (static_cast<int>(line.tokens) > max_tokens || EndsLikeSentence(key)) return false;
  // Short non-sentences: menu items, "X image" thumbnails, section labels, country tags.
  return line.tokens <= 3 || ContainsAny(key, kChromePhrases);
}

}  // namespace

std::string_view ReasonName(BoilerplateReason reason) {
  switch (reason) {
    case BoilerplateReason::kRepeatedInDocument:
      return "repeated_in_document";
    case BoilerplateReason::kRepeatedAcrossDocuments:
      return "repeated_across_documents";
    case BoilerplateReason::kChrome:
      return "chrome";
    case BoilerplateReason::kByline:
      return "byline";
    case BoilerplateReason::kCaption:
      return "caption";
    case BoilerplateReason::kHeading:
      return "heading";
  }
  return "unknown";
}

size_t BoilerplateReport::boilerplate_count() const {
  return static_cast<size_t>(
      std::count_if(removed.begin(), removed.end(),
                    [](const RemovedLine& r) { return r.reason != BoilerplateReason::kHeading; }));
}

std::vector<BoilerplateReport> FindBoilerplate(const std::vector<Document>& documents,
                                               const BoilerplateOptions& options) {
  std::vector<std::vector<Line>> lines(documents.size());
  // Number of documents in which each short line occurs.
  std::unordered_map<std::string, int> doc_frequency;
  for (size_t d = 0; d < documents.size(); ++d) {
    lines[d] = SplitLines(documents[d].text);
    std::set<std::string_view> seen;
    for (const Line& line : lines[d]) {
      if (static_cast<int>(line.tokens) <= options.max_furniture_tokens &&
          seen.insert(line.key).second) {
        ++doc_frequency[line.key];
      }
    }
  }
  std::vector<BoilerplateReport> reports(documents.size());
  for (size_t d = 0; d < documents.size(); ++d) {
    std::unordered_map<std::string_view, int> count_in_doc, seen_in_doc;
    for (const Line& line : lines[d]) ++count_in_doc[line.key];
    for (const Line& line : lines[d]) {
      bool short_line = static_cast<int>(line.tokens) <= options.max_furniture_tokens;
      int occurrence = ++seen_in_doc[line.key];
      std::optional<BoilerplateReason> reason;
      if (IsCaption(line.key)) {
        reason = BoilerplateReason::kCaption;
      } else if (IsByline(line)) {
        reason = BoilerplateReason::kByline;
      } else if (IsChrome(line, options.max_furniture_tokens)) {
        reason = BoilerplateReason::kChrome;
      } else if (count_in_doc[line.key] > 1 && (short_line || occurrence > 1)) {
        // Short repeated lines are furniture; a long repeated line keeps its first copy.
        reason = BoilerplateReason::kRepeatedInDocument;
      } else if (short_line && doc_frequency[line.key] > 1) {
        reason = BoilerplateReason::kRepeatedAcrossDocuments;
      } else if (!EndsLikeSentence(line.key)) {
        reason = BoilerplateReason::kHeading;
      }
      if (reason) {
        reports[d].removed.push_back({line.span, *reason});
      } else {
        reports[d].kept.push_back(line.span);
      }
    }
  }
  return reports;
}

}  // namespace crossclaim
