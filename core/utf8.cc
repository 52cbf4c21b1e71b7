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
  std::string text = ValidUtf8(bytes.substr(0, max_bytes + 4));
  if (text.size() <= max_bytes) return text;  // repairs never shorten, so this is all of it
  text.resize(Utf8PrefixLength(text, max_bytes));
  return text + "…";
}

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
