#include "core/wire.h"

namespace crossclaim {
namespace {

constexpr char kParagraphMark = '\x19';

bool IsLineSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// The physical line [begin, end) trimmed of spaces (and of the wire paragraph mark).
Span Trimmed(std::string_view text, size_t begin, size_t end) {
  while (begin < end && (IsLineSpace(text[begin]) || text[begin] == kParagraphMark)) ++begin;
  while (end > begin && IsLineSpace(text[end - 1])) --end;
  return {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
}

bool IsRule(std::string_view line) {
  if (line.size() < 3) return false;
  for (char c : line) {
    if (c != '-' && c != '_' && c != '=' && c != '*' && !IsLineSpace(c)) return false;
  }
  return true;
}

bool StartsParagraph(std::string_view text, size_t begin, size_t end) {
  while (begin < end && IsLineSpace(text[begin])) ++begin;
  return begin < end && text[begin] == kParagraphMark;
}

// The wire paragraphs of `text`, as ReadingLines describes.
std::vector<Span> WireParagraphs(std::string_view text) {
  std::vector<Span> out;
  Span open{0, 0};
  bool is_open = false;
  auto close = [&]() {
    if (is_open) out.push_back(open);
    is_open = false;
  };
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    Span line = Trimmed(text, begin, end);
    const std::string_view words = text.substr(line.begin, line.size());
    const bool ends_paragraph = words.ends_with('<');
    if (ends_paragraph) line = Trimmed(text, line.begin, line.end - 1);
    if (line.size() == 0 || IsRule(words) || StartsParagraph(text, begin, end)) close();
    if (line.size() > 0) {
      if (!is_open) open = line;
      open.end = line.end;
      is_open = true;
      if (ends_paragraph || IsRule(words)) close();
    } else if (ends_paragraph) {
      close();
    }
    begin = end + 1;
  }
  close();
  return out;
}

}  // namespace

bool IsWireText(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const Span line = Trimmed(text, begin, end);
    if (line.size() > 0 && text[line.end - 1] == '<') return true;
    begin = end + 1;
  }
  return false;
}

std::vector<Span> ReadingLines(std::string_view text) {
  if (IsWireText(text)) return WireParagraphs(text);
  std::vector<Span> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const Span line = Trimmed(text, begin, end);
    if (line.size() > 0) out.push_back(line);
    begin = end + 1;
  }
  return out;
}

std::string JoinHardWraps(std::string_view line) {
  std::string out(line);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace crossclaim
