// Builders for hand-made test inputs.
#ifndef CROSSCLAIM_TESTS_TESTING_FIXTURES_H_
#define CROSSCLAIM_TESTS_TESTING_FIXTURES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/ingest.h"

namespace crossclaim::testing {

// A corpus holding `documents` in order, each with a used InputRecord.
Corpus CorpusOf(std::vector<Document> documents);

// A document with the given id, outlet, ISO date ("" for unknown) and text.
Document MakeDocument(std::string id, std::string outlet, std::string date, std::string text);

// A hand-made event for text reuse, in input order b, a, c: "b_daily" (Daily Paper) is a
// rewritten copy of "a_wire" (Wire Agency) — its last two sentences cut, the third moved to
// the front, and "destroyed" -> "gutted", "injured" -> "hurt", "residents of" -> "people
// living in", "fought" -> "battled", "about" -> "around", "been" -> "stood" — and "c_herald"
// (Herald) reports the same fire in its own words. All three are dated 2024-03-05.
std::vector<Document> RewrittenCopyEvent();

// Two outlets ("d_times", "e_post") quoting one speaker word for word, in their own words
// around the quotation.
std::vector<Document> SharedQuotationEvent();

// The documents as JSON Lines (id, outlet, published, text), for the CLI.
std::string JsonLinesOf(const std::vector<Document>& documents);

// One JSON value per non-empty line of `text` (JSON Lines), in order; a line that is not
// JSON fails the test.
std::vector<nlohmann::ordered_json> ParseJsonLines(const std::string& text);

}  // namespace crossclaim::testing

#endif  // CROSSCLAIM_TESTS_TESTING_FIXTURES_H_
