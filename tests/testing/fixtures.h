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

// One JSON value per non-empty line of `text` (JSON Lines), in order; a line that is not
// JSON fails the test.
std::vector<nlohmann::ordered_json> ParseJsonLines(const std::string& text);

}  // namespace crossclaim::testing

#endif  // CROSSCLAIM_TESTS_TESTING_FIXTURES_H_
