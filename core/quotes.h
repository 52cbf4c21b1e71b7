// Quotations: the byte ranges of quoted material in a text, so that later stages can tell
// a speaker's words printed by several outlets (a shared quotation) from a copied sentence,
// and compare the words of one quotation across outlets (quote integrity).
//
// Example:
//   std::vector<Span> q = FindQuotations("He said \"we reject his visit\" on Monday.");
//   // q == {{9, 28}}: the words between the marks, "we reject his visit"
//
// Recognised marks: straight double quotes ("..."), curly double quotes (U+201C ... U+201D)
// and TeX quotes (``...''). Single quotes are not quotation marks here (they are far more
// often apostrophes). A quotation never crosses a paragraph (a line break) unless the
// newspaper convention for a multi-paragraph quote holds: a paragraph that opens a quote and
// does not close it, followed by a paragraph that opens with a quote mark, continues the
// quote; each paragraph's part is then its own span. A quote still open at the end of its
// paragraph otherwise ends there (a missing closing mark loses nothing).
#ifndef CROSSCLAIM_CORE_QUOTES_H_
#define CROSSCLAIM_CORE_QUOTES_H_

#include <string_view>
#include <vector>

#include "core/text.h"

namespace crossclaim {

// Byte ranges of quoted material in `text` (the marks excluded, surrounding spaces trimmed),
// in text order, non-overlapping and never empty. O(|text|). Thread-safe.
std::vector<Span> FindQuotations(std::string_view text);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_QUOTES_H_
