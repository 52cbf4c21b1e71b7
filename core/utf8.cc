#include <unicode/utf8.h>

#include "core/ingest.h"

namespace crossclaim {

size_t RepairUtf8(std::string* text) {
  const char* s = text->data();
  const int32_t length = static_cast<int32_t>(text->size());
  // Fast check first: most input is valid and needs no copy.
  int32_t i = 0;
  bool valid = true;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      valid = false;
      break;
    }
  }
  if (valid) return 0;
  std::string repaired;
  repaired.reserve(text->size() + 16);
  size_t repairs = 0;
  i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      repaired += "\xEF\xBF\xBD";  // U+FFFD for each maximal ill-formed subsequence
      ++repairs;
    } else {
      repaired.append(s + start, static_cast<size_t>(i - start));
    }
  }
  text->swap(repaired);
  return repairs;
}

}  // namespace crossclaim
