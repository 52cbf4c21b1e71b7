#include "core/quotes.h"

#include <array>

namespace crossclaim {
namespace {

using std::string_view;

enum class Kind {
  kDoubleOpen,      // “ ``
  kDoubleClose,     // ” ''
  kDoubleStraight,  // "
  kSingleOpen,      // ' ‘ ` before a word
  kSingleClose,     // ' ’ after punctuation or before punctuation: 'Yes,' / 'a disgrace'.
  kSingleWeakClose  // ' ’ after a letter, before a space: a closing mark or a plural possessive
};

struct Mark {
  size_t pos = 0;
  size_t length = 0;
  Kind kind = Kind::kDoubleOpen;
  bool single() const { return kind >= Kind::kSingleOpen; }
};

// Unclosed double quotes longer than this are not taken for quotations: a stray mark in a
// long paragraph must not turn the rest of it into quoted material.
constexpr size_t kMaxUnclosedQuoteBytes = 1000;

// Words that start with an apostrophe standing for left-out letters ('em, 'tis, rock 'n' roll).
constexpr auto kElisions =
    std::to_array<string_view>({"em", "tis", "twas", "til", "cos", "cause", "bout", "n"});

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool At(string_view text, size_t i, string_view s) { return text.substr(i, s.size()) == s; }

constexpr string_view kLeftSingle = "\xE2\x80\x98";   // ‘
constexpr string_view kRightSingle = "\xE2\x80\x99";  // ’
constexpr string_view kLeftDouble = "\xE2\x80\x9C";   // “
constexpr string_view kRightDouble = "\xE2\x80\x9D";  // ”
constexpr string_view kEmDash = "\xE2\x80\x94";
constexpr string_view kEnDash = "\xE2\x80\x93";
constexpr string_view kEllipsis = "\xE2\x80\xA6";

// May a quote open after the byte before `i`: start of text, a space, a bracket, a dash or a
// double quote mark (a single quote nested in a double one).
bool OpensAfter(string_view text, size_t i) {
  if (i == 0) return true;
  char c = text[i - 1];
  if (IsSpace(c) || c == '(' || c == '[' || c == '{' || c == '"' || c == '/' || c == '`') {
    return true;
  }
  return (i >= 3 &&
          (At(text, i - 3, kLeftDouble) || At(text, i - 3, kEmDash) || At(text, i - 3, kEnDash)));
}

// Does the text after a closing single mark at [i, end) end the word: the end, a space or
// punctuation?
bool ClosesBefore(string_view text, size_t end) {
  if (end >= text.size()) return true;
  char c = text[end];
  if (IsSpace(c) || c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') return true;
  if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '-') return true;
  return At(text, end, kRightDouble) || At(text, end, kEmDash) || At(text, end, kEnDash);
}

// A closing single mark at `i` that only a quotation explains: punctuation before it
// ('Yes,' he said) or after it ('a disgrace'.). A letter before and a space after it is as
// likely a plural possessive (the students' union).
bool StrongClose(string_view text, size_t i, size_t end) {
  char before = text[i - 1];
  if (before == '.' || before == ',' || before == '!' || before == '?' || before == ';' ||
      before == ':' || before == '-' || (i >= 3 && At(text, i - 3, kEllipsis))) {
    return true;
  }
  if (end >= text.size()) return true;
  char after = text[end];
  return after == '.' || after == ',' || after == ';' || after == ':' || after == '!' ||
         after == '?' || after == ')';
}

// The length of an elision that starts at `i` (just after an apostrophe): "'em", "'90s",
// "'n'" (its closing apostrophe included), or 0.
size_t ElisionLength(string_view text, size_t i) {
  if (i + 1 < text.size() && IsDigit(text[i]) && IsDigit(text[i + 1])) {
    size_t e = i + 2;
    if (e < text.size() && text[e] == 's') ++e;
    if (e >= text.size() || !(IsLetter(text[e]) || IsDigit(text[e]))) return e - i;
    return 0;
  }
  size_t e = i;
  while (e < text.size() && IsLetter(text[e])) ++e;
  if (e == i || (e < text.size() && IsDigit(text[e]))) return 0;
  std::string word;
  for (size_t k = i; k < e; ++k) word.push_back(Lower(text[k]));
  bool capitalised = text[i] != word[0];
  bool known = false;
  for (string_view w : kElisions) known = known || w == word;
  // 'Tis and 'Twas start sentences; a capitalised 'Cause or 'N is more likely a quote.
  if (!known || (capitalised && word != "tis" && word != "twas")) return 0;
  if (word == "n") {  // rock 'n' roll: both apostrophes, or "'n " alone
    if (At(text, e, "'")) return e + 1 - i;
    if (At(text, e, kRightSingle)) return e + 3 - i;
  }
  return e - i;
}

// The quotation mark at `i`, if any: its kind and length. *skip is set to the bytes to pass
// over when `i` starts an elision instead ('90s, 'n').
bool MarkAt(string_view text, size_t i, Mark* mark, size_t* skip) {
  *skip = 0;
  mark->pos = i;
  auto set = [&](Kind kind, size_t length) {
    mark->kind = kind;
    mark->length = length;
    return true;
  };
  const char c = text[i];
  // Every mark begins with one of these bytes; most bytes of a text are none (and this is
  // called on each byte).
  if (c != '"' && c != '`' && c != '\'' && c != '\xE2') return false;
  if (c == '"') return set(Kind::kDoubleStraight, 1);
  if (At(text, i, "``")) return set(Kind::kDoubleOpen, 2);
  // "'''" is a single closing mark followed by a TeX closing double one.
  if (At(text, i, "''") && !At(text, i, "'''")) return set(Kind::kDoubleClose, 2);
  if (At(text, i, kLeftDouble)) return set(Kind::kDoubleOpen, 3);
  if (At(text, i, kRightDouble)) return set(Kind::kDoubleClose, 3);
  size_t length = 0;
  if (c == '\'' || c == '`') length = 1;
  if (At(text, i, kLeftSingle) || At(text, i, kRightSingle)) length = 3;
  if (length == 0) return false;
  const size_t end = i + length;
  const bool can_open = !At(text, i, kRightSingle);              // ’ never opens
  const bool can_close = c != '`' && !At(text, i, kLeftSingle);  // ‘ and ` never close
  if (can_open && OpensAfter(text, i) && end < text.size() && !IsSpace(text[end])) {
    if (size_t n = ElisionLength(text, end); n > 0) {
      *skip = length + n;
      return false;
    }
    return set(Kind::kSingleOpen, length);
  }
  if (can_close && i > 0 && !IsSpace(text[i - 1]) && ClosesBefore(text, end)) {
    return set(StrongClose(text, i, end) ? Kind::kSingleClose : Kind::kSingleWeakClose, length);
  }
  return false;  // an apostrophe inside a word: don't, Smith's, o'clock
}

// The quotation marks of the paragraph [begin, end), in order.
std::vector<Mark> MarksIn(string_view text, size_t begin, size_t end) {
  std::vector<Mark> marks;
  string_view paragraph = text.substr(0, end);
  size_t i = begin;
  while (i < end) {
    Mark mark;
    size_t skip = 0;
    if (MarkAt(paragraph, i, &mark, &skip)) {
      marks.push_back(mark);
      i += mark.length;
    } else {
      i += skip > 0 ? skip : 1;
    }
  }
  return marks;
}

constexpr size_t kNone = static_cast<size_t>(-1);

// For every single opening mark, the index of the mark that closes it: the first strong
// closing mark before the next single opening mark, else the first weak one, else kNone.
std::vector<size_t> MatchSingles(const std::vector<Mark>& marks) {
  std::vector<size_t> match(marks.size(), kNone);
  size_t next_strong = kNone, next_weak = kNone;
  for (size_t k = marks.size(); k-- > 0;) {
    switch (marks[k].kind) {
      case Kind::kSingleOpen:
        match[k] = next_strong != kNone ? next_strong : next_weak;
        next_strong = next_weak = kNone;
        break;
      case Kind::kSingleClose:
        next_strong = k;
        break;
      case Kind::kSingleWeakClose:
        next_weak = k;
        break;
      default:
        break;
    }
  }
  return match;
}

void Push(string_view text, size_t begin, size_t end, std::vector<Span>* out) {
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  if (end > begin) out->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
}

enum class Open { kNone, kDouble, kSingle };

// The first quotation mark of the next paragraph with text after `from`, if it opens one.
Open ReopenedAfter(string_view text, size_t from) {
  size_t i = from;
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i >= text.size()) return Open::kNone;
  Mark mark;
  size_t skip = 0;
  if (!MarkAt(text, i, &mark, &skip)) return Open::kNone;
  if (mark.kind == Kind::kDoubleOpen || mark.kind == Kind::kDoubleStraight) return Open::kDouble;
  return mark.kind == Kind::kSingleOpen ? Open::kSingle : Open::kNone;
}

// Finds the quotations of the paragraph [begin, end) and appends them to *out. A quote the
// paragraph before left open is reopened by this paragraph's first mark, so every paragraph
// starts outside quotes.
void ScanParagraph(string_view text, size_t begin, size_t end, std::vector<Span>* out) {
  const std::vector<Mark> marks = MarksIn(text, begin, end);
  const std::vector<size_t> match = MatchSingles(marks);
  size_t last_single = kNone;
  for (size_t k = 0; k < marks.size(); ++k) last_single = marks[k].single() ? k : last_single;
  Open open = Open::kNone;
  size_t start = 0, closer = kNone;
  auto open_single = [&](size_t k) {
    if (match[k] == kNone) {
      // Unclosed: a quotation only when it is the paragraph's last and the next reopens it.
      if (k != last_single || ReopenedAfter(text, end + 1) != Open::kSingle) return;
    }
    open = Open::kSingle;
    start = marks[k].pos + marks[k].length;
    closer = match[k];
  };
  for (size_t k = 0; k < marks.size(); ++k) {
    const Mark& m = marks[k];
    if (open == Open::kNone) {
      if (m.kind == Kind::kDoubleOpen || m.kind == Kind::kDoubleStraight) {
        open = Open::kDouble;
        start = m.pos + m.length;
      } else if (m.kind == Kind::kSingleOpen) {
        open_single(k);
      }
    } else if (open == Open::kDouble && !m.single()) {
      if (m.kind == Kind::kDoubleOpen) {
        start = m.pos + m.length;  // a stray reopening: the quote starts again here
      } else {
        Push(text, start, m.pos, out);
        open = Open::kNone;
      }
    } else if (open == Open::kSingle && k == closer) {
      Push(text, start, m.pos, out);
      open = Open::kNone;
    }
  }
  if (open == Open::kNone) return;
  // Still open: the quote goes on where the next paragraph reopens it; else a double one ends
  // with its paragraph unless that is far (a stray mark), and a single one was an apostrophe.
  const bool continues = ReopenedAfter(text, end + 1) == open;
  if (continues || (open == Open::kDouble && end - start <= kMaxUnclosedQuoteBytes)) {
    Push(text, start, end, out);
  }
}

}  // namespace

std::vector<Span> FindQuotations(std::string_view text) {
  std::vector<Span> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == string_view::npos) end = text.size();
    bool blank = true;
    for (size_t i = begin; i < end && blank; ++i) blank = IsSpace(text[i]);
    if (!blank) ScanParagraph(text, begin, end, &out);
    begin = end + 1;
  }
  return out;
}

}  // namespace crossclaim
