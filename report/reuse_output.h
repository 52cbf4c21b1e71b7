// The output of `crossclaim reuse`: JSON Lines, one object per (source, derived) pair, or a
// text listing for people; and the JSON of one pair, which report.json reuses.
//
// Example:
//   std::string out = ReuseJsonLines(corpus.documents, *reuse);
//   // {"source":"pa-1","derived":"star-381","containment":0.83,"grade":"wholly",
//   //  "direction":"containment","passages":[{"source_start":310,"source_end":452,
//   //  "derived_start":0,"derived_end":131,"words":21,"kind":"rewrite"}]}
#ifndef CROSSCLAIM_REPORT_REUSE_OUTPUT_H_
#define CROSSCLAIM_REPORT_REUSE_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/document.h"
#include "similarity/reuse.h"

namespace crossclaim {

// {"source", "derived" (document ids), "containment" (4 decimals), "grade", "direction",
// "passages": [{"source_start", "source_end", "derived_start", "derived_end" (byte offsets
// into each text), "words", "kind"}]}.
nlohmann::json ReusePairJson(const std::vector<Document>& docs, const ReusePair& pair);

// One ReusePairJson object per line, in the result's order.
std::string ReuseJsonLines(const std::vector<Document>& docs, const ReuseResult& result);

// Per pair "derived (outlet, date) took text from source (...): containment 0.83, wholly
// (containment)" with each passage's kind and both excerpts, then a closing count line.
std::string ReuseText(const std::vector<Document>& docs, const ReuseResult& result);

}  // namespace crossclaim

#endif  // CROSSCLAIM_REPORT_REUSE_OUTPUT_H_
