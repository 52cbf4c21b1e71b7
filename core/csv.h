// Minimal RFC 4180 CSV parsing for input manifests: quoted fields, doubled quotes, CRLF.
// Internal to core (manifests only); large tabular data goes through JSON Lines.
#ifndef CROSSCLAIM_CORE_CSV_H_
#define CROSSCLAIM_CORE_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace crossclaim {

using CsvRow = std::vector<std::string>;

// Parses `content`; `name` is used in error messages ("manifest.csv:3: unterminated quote").
// Blank lines are skipped. Header names are trimmed and lower-cased.
Result<std::vector<CsvRow>> ParseCsv(std::string_view content, std::string_view name);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_CSV_H_
