// Pieces of FindReuse (similarity/reuse.h) exposed for their tests: the byte scanner behind
// NormalizeWireText and the sort of the fingerprint keys. Not a stable interface.
#ifndef CROSSCLAIM_SIMILARITY_INTERNAL_REUSE_SCAN_H_
#define CROSSCLAIM_SIMILARITY_INTERNAL_REUSE_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace crossclaim::reuse_internal {

// The end of the run from p of bytes NormalizeWireText copies as they are: ASCII bytes other
// than its marks (U+0019, '<', line breaks, '`', '\'', '_', '#'), where a digit or digit
// look-alike (O, o, l, I) counts only after an ASCII letter or digit. 64 bytes per step where
// the compiler targets AVX-512 BW + VBMI, else PlainRunEndBytewise.
size_t PlainRunEnd(std::string_view t, size_t p);

// The same, one byte at a time (portable; the oracle in tests).
size_t PlainRunEndBytewise(std::string_view t, size_t p);

// All documents' fingerprints (prints[d]: document d's, in any order, possibly repeated) as
// (fingerprint << 32 | d) keys, sorted ascending, each once; `prints` is emptied. `total` is
// the number of fingerprints in `prints`.
std::vector<uint64_t> SortedFingerprintKeys(std::vector<std::vector<uint32_t>>* prints,
                                            size_t total);

}  // namespace crossclaim::reuse_internal

#endif  // CROSSCLAIM_SIMILARITY_INTERNAL_REUSE_SCAN_H_
