#include "tests/testing/fixtures.h"

#include <gtest/gtest.h>

#include <sstream>

namespace crossclaim::testing {

Corpus CorpusOf(std::vector<Document> documents) {
  Corpus corpus;
  for (Document& doc : documents) {
    InputRecord record;
    record.id = doc.id;
    record.location = doc.id;
    record.document = static_cast<int>(corpus.documents.size());
    corpus.records.push_back(std::move(record));
    corpus.documents.push_back(std::move(doc));
  }
  return corpus;
}

Document MakeDocument(std::string id, std::string outlet, std::string date, std::string text) {
  Document doc;
  doc.id = std::move(id);
  doc.outlet = std::move(outlet);
  doc.published = Date::ParseIso(date);
  doc.text = std::move(text);
  return doc;
}

std::vector<nlohmann::ordered_json> ParseJsonLines(const std::string& text) {
  std::vector<nlohmann::ordered_json> values;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    nlohmann::ordered_json value = nlohmann::ordered_json::parse(line, nullptr, false);
    if (value.is_discarded()) {
      ADD_FAILURE() << "not JSON: " << line;
      continue;
    }
    values.push_back(std::move(value));
  }
  return values;
}

}  // namespace crossclaim::testing
