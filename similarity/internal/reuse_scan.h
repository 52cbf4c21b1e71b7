// The byte scanner behind NormalizeWireText (similarity/reuse.h), exposed for its tests. Not a
// stable interface.
#ifndef CROSSCLAIM_SIMILARITY_INTERNAL_REUSE_SCAN_H_
#define CROSSCLAIM_SIMILARITY_INTERNAL_REUSE_SCAN_H_

#include <cstddef>
#include <string_view>

namespace crossclaim::reuse_internal {

// The end of the run from p of bytes NormalizeWireText copies as they are: ASCII bytes other
// than its marks (U+0019, '<', line breaks, '`', '\'', '_', '#'), where a digit or digit
// look-alike (O, o, l, I) counts only after an ASCII letter or digit. 64 bytes per step where
// the compiler targets AVX-512 BW + VBMI, else PlainRunEndBytewise.
size_t PlainRunEnd(std::string_view t, size_t p);

// The same, one byte at a time (portable; the oracle in tests).
size_t PlainRunEndBytewise(std::string_view t, size_t p);

}  // namespace crossclaim::reuse_internal

#endif  // CROSSCLAIM_SIMILARITY_INTERNAL_REUSE_SCAN_H_
