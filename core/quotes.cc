#include "core/quotes.h"

namespace crossclaim {
namespace {

enum class Mark { kNone, kOpen, kClose, kStraight };

// The quotation mark at `i`, and its length in bytes.
Mark MarkAt(std::string_view text, size_t i, size_t* length) {
  *length = 1;
  if (text[i] == '"') return Mark::kStraight;
  if (text.substr(i, 2) == "``") return *length = 2, Mark::kOpen;
  if (text.substr(i, 2) == "''") return *length = 2, Mark::kClose;
  if (text.substr(i, 3) == "\xE2\x80\x9C") return *length = 3, Mark::kOpen;   // “
  if (text.substr(i, 3) == "\xE2\x80\x9D") return *length = 3, Mark::kClose;  // ”
  return Mark::kNone;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

void Push(std::string_view text, size_t begin, size_t end, std::vector<Span>* out) {
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && (IsSpace(text[end - 1]) || text[end - 1] == '\n')) --end;
  if (end > begin) out->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
}

// Does the paragraph starting at `i` open with a quote mark (after spaces)?
bool OpensWithQuote(std::string_view text, size_t i) {
  while (i < text.size() && (IsSpace(text[i]) || text[i] == '\n')) ++i;
  if (i >= text.size()) return false;
  size_t length = 0;
  Mark m = MarkAt(text, i, &length);
  return m == Mark::kOpen || m == Mark::kStraight;
}

}  // namespace

std::vector<Span> FindQuotations(std::string_view text) {
  std::vector<Span> out;
  bool open = false;
  size_t start = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      if (open) {
        Push(text, start, i, &out);
        // A multi-paragraph quote goes on only where the next paragraph reopens it.
        open = false;
        if (OpensWithQuote(text, i + 1)) {
          size_t j = i + 1;
          while (IsSpace(text[j]) || text[j] == '\n') ++j;
          size_t length = 0;
          MarkAt(text, j, &length);
          open = true;
          start = j + length;
          i = start;
          continue;
        }
      }
      ++i;
      continue;
    }
    size_t length = 0;
    Mark m = MarkAt(text, i, &length);
    if (m == Mark::kNone) {
      ++i;
      continue;
    }
    if (!open && m != Mark::kClose) {
      open = true;
      start = i + length;
    } else if (open && m != Mark::kOpen) {
      Push(text, start, i, &out);
      open = false;
    } else if (open && m == Mark::kOpen) {
      start = i + length;  // a stray reopening: the quote starts again here
    }
    i += length;
  }
  if (open) Push(text, start, text.size(), &out);
  return out;
}

}  // namespace crossclaim
