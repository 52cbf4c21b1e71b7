// UTF-8 checks and repairs for text that came from outside: every string crossclaim writes
// (JSON, HTML, Markdown, GraphML, DOT, messages) is valid UTF-8 whatever bytes were read.
//
// Example:
//   std::string text = ReadBytes();
//   size_t repairs = RepairUtf8(&text);            // now valid UTF-8
//   Skip(fmt::format("bad value \"{}\"", QuoteInput(value)));  // at most ~80 bytes quoted
//
// All functions are pure and thread-safe. Validation runs at several GB/s (simdjson's
// SIMD validator); repairs copy only when the input is invalid.
#ifndef CROSSCLAIM_CORE_UTF8_H_
#define CROSSCLAIM_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace crossclaim {

// Longest piece of input a message quotes, in bytes (before the ellipsis).
inline constexpr size_t kMaxQuotedBytes = 80;

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past
// U+10FFFF). O(n).
bool IsValidUtf8(std::string_view text);

// Replaces each maximal invalid UTF-8 subsequence in `text` with U+FFFD (U+FFFD per
// maximal subpart, as ICU and the Unicode standard recommend), in place. Returns how many
// replacements were made; 0 (and no copy) for valid text.
size_t RepairUtf8(std::string* text);

// `text` repaired as RepairUtf8 does, as a copy.
std::string ValidUtf8(std::string_view text);

// The length of the longest prefix of valid UTF-8 `text` that has at most `max_bytes`
// bytes and ends on a code point boundary.
size_t Utf8PrefixLength(std::string_view text, size_t max_bytes);

// A piece of input for a message, on one line: repaired to valid UTF-8, tab, line feed and
// carriage return shown as spaces, other control characters (C0, DEL, C1) as U+FFFD, and
// when longer than `max_bytes`, cut at a code point boundary and followed by "…". Reads at
// most `max_bytes` + 4 bytes of `bytes`, so quoting a huge input costs O(max_bytes).
std::string QuoteInput(std::string_view bytes, size_t max_bytes = kMaxQuotedBytes);

// Text for a terminal or a text file: `text` repaired to valid UTF-8, and each control
// character other than tab and line feed (the rest of C0, DEL, and C1 U+0080-U+009F, which
// terminals act on: ESC sequences, carriage return overwriting a line) replaced with
// U+FFFD. O(n); copies once.
std::string PrintableText(std::string_view text);

// Valid UTF-8 that XML 1.0 accepts as character data: `text` repaired, without the
// control characters XML forbids (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F) and
// without U+FFFE and U+FFFF. Tab, line feed and carriage return are kept.
std::string XmlSafeText(std::string_view text);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_UTF8_H_
