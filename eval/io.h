// Readers for the generic evaluation inputs of `crossclaim pairs`, `retrieve` and `eval`
// (formats in docs/quality.md):
//   TSV      one row per line, fields separated by TAB, no header; a trailing CR is dropped;
//            blank lines and lines starting with '#' are ignored.
//   qrels    TREC style `query 0 doc relevance` (whitespace separated; relevance > 0 is
//            relevant) or two TAB-separated fields `query<TAB>doc`.
//   JSON Lines: one object per line.
#ifndef CROSSCLAIM_EVAL_IO_H_
#define CROSSCLAIM_EVAL_IO_H_

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace crossclaim::cli {

struct TsvRow {
  int line = 0;  // 1-based line number in the file
  std::vector<std::string> fields;
};

// Rows with at least `min_fields` fields whose first `min_fields` fields are not empty (after
// trimming spaces). Other rows are skipped: each is named on stderr as
// `<path>:<line>: skipped: <reason>` and counted in `*skipped`.
// Errors: kNotFound naming the path when it cannot be read.
Result<std::vector<TsvRow>> ReadTsv(const std::string& path, int min_fields, int* skipped);

// One parsed JSON object per non-blank line. Errors: kNotFound for an unreadable file,
// kDataLoss naming `path:line` for a line that is not a JSON object.
Result<std::vector<nlohmann::json>> ReadJsonLines(const std::string& path);

// Relevant ids per query. Errors: kNotFound, kDataLoss naming `path:line` for a line that
// is neither format.
Result<std::map<std::string, std::set<std::string>>> ReadQrels(const std::string& path);

// Gold labels per id: TSV `id<TAB>label`, or JSON Lines objects with "id" and "gold"
// (a string or a number, kept as written). Errors: kNotFound; kDataLoss naming `path:line`
// for a malformed line or a repeated id.
Result<std::map<std::string, std::string>> ReadGold(const std::string& path);

}  // namespace crossclaim::cli

#endif  // CROSSCLAIM_EVAL_IO_H_
