// Quotations: the byte ranges of quoted material in a text, so that later stages can tell
// a speaker's words printed by several outlets (a shared quotation) from a copied sentence,
// and compare the words of one quotation across outlets (quote integrity).
//
// Example:
//   std::vector<Span> q = FindQuotations("He said \"we reject his visit\" on Monday.");
//   // q == {{9, 28}}: the words between the marks, "we reject his visit"
//
// Recognised marks: straight double quotes ("..."), curly double quotes (U+201C ... U+201D),
// TeX quotes (``...''), and single quotes as British papers and agency copy write them:
// '...' (straight), U+2018 ... U+2019 (curly) and `...' (TeX). A single mark opens a quote
// only at the start of a word (after a space, a bracket, a dash or a double mark) and closes
// one only at the end of a word, so apostrophes inside words (don't, Smith's, o'clock,
// ma'am) are never marks, nor are elisions ('em, 'tis, 'n' in rock 'n' roll, '90s). A closing
// single mark after a letter and before a space may be a plural possessive (the students'
// union): an open single quote closes at the first closing mark with punctuation beside it
// ('It was wrong,' he said / 'a disgrace'.) before the next opening single mark, and only
// without one at such a possessive-like mark. Quotes do not nest: inside a double quote single
// marks are part of the quoted words ("He said 'no'"), and the other way round.
//
// A quotation never crosses a paragraph (a line break) unless the newspaper convention for a
// multi-paragraph quote holds: a paragraph that opens a quote and does not close it, followed
// by a paragraph that opens with a mark of the same kind (UK style reopens each paragraph),
// continues the quote; each paragraph's part is then its own span. A double quote still open
// at the end of its paragraph otherwise ends there (a missing closing mark loses nothing)
// unless it opened more than 1000 bytes before (a stray mark); an unclosed single mark was an
// apostrophe and quotes nothing. So an unmatched mark never quotes past its paragraph. Hard
// wrapped text (agency copy) must have its wraps joined first (core/wire.h): a line break here
// is a paragraph end. A quote opening with a two-digit number ('20 years') reads as an elision.
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
