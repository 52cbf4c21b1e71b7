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

std::vector<Document> RewrittenCopyEvent() {
  const std::string wire =
      "A fire destroyed the old Marlow textile mill on Monday night, the county fire service "
      "said. More than 60 firefighters fought the blaze for six hours before bringing it under "
      "control at about 4am. Nobody was injured, but residents of 40 nearby homes were "
      "evacuated as a precaution. Station manager Helen Price said the building had been empty "
      "since 2019 and the cause of the fire was being investigated. The Grade II listed mill, "
      "built in 1862, once employed 300 workers and was due to be converted into flats next "
      "year. Local councillor Tom Reeve said the loss was a blow to the town's heritage.";
  const std::string daily =
      "Nobody was hurt, but people living in 40 nearby homes were evacuated as a precaution. A "
      "fire gutted the old Marlow textile mill on Monday night, the county fire service said. "
      "More than 60 firefighters battled the blaze for six hours before bringing it under "
      "control at around 4am. Station manager Helen Price said the building had stood empty "
      "since 2019 and the cause of the fire was being investigated.";
  const std::string herald =
      "Flames lit up the sky over Marlow as the town's Victorian mill burned through Monday "
      "night. Witnesses said they heard loud explosions shortly after 10pm and saw smoke across "
      "the valley. Sixty firefighters were sent to the scene of the mill fire, according to the "
      "fire service. The mill, a listed building, had been earmarked for housing by developers. "
      "Investigators will examine the site once it is safe to enter.";
  return {MakeDocument("b_daily", "Daily Paper", "2024-03-05", daily),
          MakeDocument("a_wire", "Wire Agency", "2024-03-05", wire),
          MakeDocument("c_herald", "Herald", "2024-03-05", herald)};
}

std::vector<Document> SharedQuotationEvent() {
  const std::string quote =
      "\"We will not raise taxes on working families this year, whatever the pressure from the "
      "markets.\"";
  return {MakeDocument("d_times", "Morning Times", "2024-05-02",
                       "Finance minister Anna Hart ruled out tax rises in a speech to business "
                       "leaders in Leeds on Tuesday. Hart said: " +
                           quote +
                           " Her speech came a week after bond yields rose sharply. Opposition "
                           "leaders accused her of ignoring the deficit."),
          MakeDocument("e_post", "Evening Post", "2024-05-02",
                       "Anna Hart promised voters on Tuesday that their tax bills would not go "
                       "up. " +
                           quote +
                           " the finance minister told an audience of employers. Economists at "
                           "two banks said the promise would be hard to keep. The Treasury will "
                           "publish its spring forecast next month.")};
}

std::string JsonLinesOf(const std::vector<Document>& documents) {
  std::string out;
  for (const Document& d : documents) {
    nlohmann::ordered_json line = {{"id", d.id}, {"outlet", d.outlet}, {"text", d.text}};
    if (d.published) line["published"] = d.published->ToIso();
    out += line.dump() + "\n";
  }
  return out;
}

}  // namespace crossclaim::testing
