#include "core/utf8.h"

#include <simdjson.h>
#include <unicode/utf8.h>

namespace crossclaim {
namespace {

// Appends `text` to `out`, each maximal ill-formed subsequence replaced with U+FFFD.
size_t AppendRepaired(std::string_view text, std::string* out) {
  const char* s = text.data();
  const int32_t length = static_cast<int32_t>(text.size());
  size_t repairs = 0;
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      *out += "\xEF\xBF\xBD";
      ++repairs;
    } else {
      out->append(s + start, static_cast<size_t>(i - start));
    }
  }
  return repairs;
}

// True for the control characters at valid[i]: C0, DEL, and C1 (C2 80 to C2 9F); `width`
// gets the sequence's length in bytes.
bool IsControlAt(std::string_view valid, size_t i, size_t* width) {
  const unsigned char c = static_cast<unsigned char>(valid[i]);
  *width = 1;
  if (c < 0x20 || c == 0x7F) return true;
  if (c == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xA0) {
    *width = 2;
    return true;
  }
  return false;
}

// Valid UTF-8 `valid` with each control character replaced: tab and line feed kept when
// `keep_layout`, otherwise they and carriage return become spaces; the rest U+FFFD.
std::string ReplaceControls(std::string_view valid, bool keep_layout) {
  std::string out;
  out.reserve(valid.size());
  for (size_t i = 0; i < valid.size();) {
    size_t width = 1;
    const char c = valid[i];
    if (!IsControlAt(valid, i, &width)) {
      out += c;
    } else if (c == '\t' || c == '\n') {
      out += keep_layout ? c : ' ';
    } else if (c == '\r' && !keep_layout) {
      out += ' ';
    } else {
      out += "\xEF\xBF\xBD";
    }
    i += width;
  }
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

size_t RepairUtf8(std::string* text) {
  if (IsValidUtf8(*text)) return 0;
  std::string repaired;
  repaired.reserve(text->size() + 16);
  const size_t repairs = AppendRepaired(*text, &repaired);
  text->swap(repaired);
  return repairs;
}

std::string ValidUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  std::string repaired;
  repaired.reserve(text.size() + 16);
  AppendRepaired(text, &repaired);
  return repaired;
}

size_t Utf8PrefixLength(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  size_t cut = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the cut code point.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

std::string QuoteInput(std::string_view bytes, size_t max_bytes) {
  // Repair only the part that can be quoted (a repair is at most 3 bytes per input byte).
  std::string text = ReplaceControls(ValidUtf8(bytes.substr(0, max_bytes + 4)), false);
  if (text.size() <= max_bytes) return text;  // replacements never shorten: this is all of it
  text.resize(Utf8PrefixLength(text, max_bytes));
  return text + "…";
}

std::string PrintableText(std::string_view text) { return ReplaceControls(ValidUtf8(text), true); }

std::string XmlSafeText(std::string_view text) {
  std::string valid = ValidUtf8(text);
  std::string out;
  out.reserve(valid.size());
  for (size_t i = 0; i < valid.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(valid[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    if (c == 0xEF && i + 2 < valid.size() && static_cast<unsigned char>(valid[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(valid[i + 2]) & 0xFE) == 0xBE) {
      i += 2;
      continue;
    }
    out += valid[i];
  }
  return out;
}

}  // namespace crossclaim
