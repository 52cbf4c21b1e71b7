// Agency wire copy (the Press Association format of the METER corpus): a paragraph starts
// with the control character U+0019 and ends with `<` at the end of a line; inside it the
// lines are hard wrapped at about 80 columns. Read line by line, such a text has no sentence
// that ends on its own line, so boilerplate removal and claim extraction read its paragraphs
// instead, with the wraps read as spaces.
//
// Example:
//   std::string_view t = "HEADLINE<\n\x19The jury heard the man\nwas innocent.<\n\x19end\n";
//   std::vector<Span> lines = ReadingLines(t);
//   // {"HEADLINE"}, {"The jury heard the man\nwas innocent."}, {"end"}
//   JoinHardWraps(t.substr(lines[1].begin, lines[1].size()))
//   // == "The jury heard the man was innocent." (same length: offsets still map)
#ifndef CROSSCLAIM_CORE_WIRE_H_
#define CROSSCLAIM_CORE_WIRE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace crossclaim {

// True when some line of `text` ends with `<` (spaces after it allowed): agency wire copy.
bool IsWireText(std::string_view text);

// The lines of `text` as a reader sees them, byte spans into `text`, trimmed of white space,
// never empty, in order. In a wire text (IsWireText) a line is a paragraph: the physical
// lines up to one ending with `<`, a blank line or a line starting with U+0019, without the
// leading U+0019 and the trailing `<`; a rule line (only dashes, underscores, `=` or `*`)
// stands alone. In any other text a line is a physical line. O(|text|).
std::vector<Span> ReadingLines(std::string_view text);

// `line` with its line breaks, tabs and carriage returns turned into spaces: the words of a
// hard-wrapped paragraph as one line, byte for byte the same length as `line`.
std::string JoinHardWraps(std::string_view line);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_WIRE_H_
