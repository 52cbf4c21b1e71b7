// A document that is one headline keeps its headline as its claim even when boilerplate
// removal drops the line (printed by other outlets too, or title-like); an article's heading
// and a lone byline still give no claim. Oracle: the hand-written documents below.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/claims.h"

namespace crossclaim {
namespace {

Corpus CorpusOf(const std::vector<std::string>& texts) {
  Corpus corpus;
  for (size_t d = 0; d < texts.size(); ++d) {
    Document doc;
    doc.id = "d";
    doc.id += std::to_string(d);  // not "d" + ...: GCC 12 warns falsely (-Wrestrict)
    doc.text = texts[d];
    corpus.documents.push_back(doc);
    InputRecord record;
    record.id = doc.id;
    record.document = static_cast<int>(d);
    corpus.records.push_back(record);
  }
  return corpus;
}

std::vector<std::string> ClaimTextsOf(const ClaimSet& set, int doc) {
  std::vector<std::string> out;
  for (const Claim& c : set.claims) {
    if (c.doc == doc) out.push_back(c.text);
  }
  return out;
}

TEST(LoneHeadline, SameHeadlineOfSeveralOutletsIsEachOnesClaim) {
  const std::string headline = "Sugarhill Gang rapper Big Bank Hank dies at 57.";
  const ClaimSet set =
      ExtractCorpusClaims(CorpusOf({headline, headline, "Tom Brokaw wants Brian Williams fired."}),
                          BoilerplateOptions(), ClaimOptions());
  // The precondition: boilerplate removal drops the shared line from both documents.
  ASSERT_TRUE(set.boilerplate[0].kept.empty());
  for (int d : {0, 1}) EXPECT_EQ(ClaimTextsOf(set, d), std::vector<std::string>{headline});
  EXPECT_EQ(ClaimTextsOf(set, 2),
            std::vector<std::string>{"Tom Brokaw wants Brian Williams fired."});
}

TEST(LoneHeadline, TitleWithoutFinalStopIsTheClaim) {
  const std::string headline = "Saudi cleric condemns snowmen as anti-Islamic";
  const ClaimSet set =
      ExtractCorpusClaims(CorpusOf({headline}), BoilerplateOptions(), ClaimOptions());
  ASSERT_TRUE(set.boilerplate[0].kept.empty());  // removed as a heading
  EXPECT_EQ(ClaimTextsOf(set, 0), std::vector<std::string>{headline});
}

TEST(LoneHeadline, ArticleHeadingAndLoneBylineGiveNoClaim) {
  const ClaimSet set = ExtractCorpusClaims(
      CorpusOf({"Saudi cleric condemns snowmen\n"
                "A Saudi cleric said on Sunday that building snowmen is forbidden.\n",
                "By Jane Doe, January 21, 2025 1:32 PM"}),
      BoilerplateOptions(), ClaimOptions());
  EXPECT_EQ(ClaimTextsOf(set, 0),
            std::vector<std::string>{
                "A Saudi cleric said on Sunday that building snowmen is forbidden."});
  EXPECT_TRUE(ClaimTextsOf(set, 1).empty());
}

}  // namespace
}  // namespace crossclaim
