// The JSON Lines form of copy pairs and groups, shared by `dedup` and `index groups` so the
// two print the same bytes for the same copies (docs/dedup.md describes the lines).
#ifndef CROSSCLAIM_CLI_DEDUP_OUTPUT_H_
#define CROSSCLAIM_CLI_DEDUP_OUTPUT_H_

#include <vector>

#include "core/document.h"
#include "similarity/dedup.h"

namespace crossclaim::cli {

// Writes one {"type":"pair",...} line per pair (with byte spans when `passages`), then one
// {"type":"group",...} line per group, to stdout. Indices refer to `docs`.
void PrintDedupJsonLines(const std::vector<Document>& docs, const DedupResult& result,
                         bool passages);

}  // namespace crossclaim::cli

#endif  // CROSSCLAIM_CLI_DEDUP_OUTPUT_H_
