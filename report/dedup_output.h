// The output of `crossclaim dedup` (and `crossclaim-mpi dedup`, which must print the same
// bytes): JSON Lines, one `pair` object per copy pair then one `group` object per copy
// group, or a text listing for people.
//
// Example:
//   std::string out = DedupJsonLines(corpus.documents, *copies, /*passages=*/false);
//   // {"type":"pair","a":"isw","b":"mirror","jaccard":0.91,"estimate":0.9}
//   // {"type":"group","members":["isw","mirror"],"origin":"isw"}
#ifndef CROSSCLAIM_REPORT_DEDUP_OUTPUT_H_
#define CROSSCLAIM_REPORT_DEDUP_OUTPUT_H_

#include <string>
#include <vector>

#include "core/document.h"
#include "similarity/dedup.h"

namespace crossclaim {

// One JSON object per line: pairs (with span_a/span_b byte ranges when `passages`), then
// groups, in the result's order.
std::string DedupJsonLines(const std::vector<Document>& docs, const DedupResult& result,
                           bool passages);

// "b (outlet, date) copied from a (...): jaccard 0.912, estimate 0.906" lines (with both
// excerpts when `passages`), the groups, and a closing count line. `document_count`: the
// documents compared, when `docs` holds only those the result refers to (0: docs.size()).
std::string DedupText(const std::vector<Document>& docs, const DedupResult& result, bool passages,
                      size_t document_count = 0);

}  // namespace crossclaim

#endif  // CROSSCLAIM_REPORT_DEDUP_OUTPUT_H_
