// FeedClaims::EventClaims copies a feed's claims into its events instead of extracting them
// again; the oracle is extracting them again (ExtractCorpusClaims of the event's documents).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cluster/events.h"
#include "core/claims.h"
#include "datasets/generator/corpus_generator.h"
#include "report/report_files.h"
#include "report/report_json.h"

namespace crossclaim {
namespace {

Corpus MakeCorpus(std::vector<Document> documents) {
  Corpus corpus;
  for (size_t d = 0; d < documents.size(); ++d) {
    InputRecord record;
    record.id = documents[d].id;
    record.document = static_cast<int>(d);
    corpus.records.push_back(record);
  }
  corpus.documents = std::move(documents);
  return corpus;
}

void ExpectSameClaimsAsExtracting(const Corpus& feed, const std::vector<int32_t>& documents,
                                  const FeedClaims& feed_claims) {
  const Corpus event = SubCorpus(feed, RecordOfDocuments(feed), documents);
  const ClaimSet expected = ExtractCorpusClaims(event, BoilerplateOptions(), ClaimOptions());
  const ClaimSet got = feed_claims.EventClaims(event, documents);
  ASSERT_EQ(got.claims.size(), expected.claims.size());
  for (size_t i = 0; i < got.claims.size(); ++i) {
    EXPECT_EQ(got.claims[i], expected.claims[i]) << "claim " << i;
  }
  ASSERT_EQ(got.boilerplate.size(), expected.boilerplate.size());
  for (size_t d = 0; d < got.boilerplate.size(); ++d) {
    EXPECT_EQ(got.boilerplate[d].kept, expected.boilerplate[d].kept);
  }
}

TEST(FeedClaimsTest, EveryEventOfAGeneratedFeedGetsTheClaimsExtractionGives) {
  GeneratorOptions options;
  options.num_documents = 300;
  options.seed = 3;
  const Corpus feed = MakeCorpus(GenerateCorpus(options).documents);
  ClaimSet claims = ExtractCorpusClaims(feed, BoilerplateOptions(), ClaimOptions());
  Result<std::vector<NewsEvent>> events = ClusterEvents(feed, claims, EventOptions());
  ASSERT_TRUE(events.ok());
  ASSERT_GT(events->size(), 10u);
  const FeedClaims feed_claims(std::move(claims));
  for (const NewsEvent& event : *events)
    ExpectSameClaimsAsExtracting(feed, event.documents, feed_claims);
  // Any subset, in any order, is an event as far as the claims go.
  ExpectSameClaimsAsExtracting(feed, {7, 3, 250, 0}, feed_claims);
}

// A short line that three documents of the feed carry is removed from each as repeated
// across documents; in an event holding one of them it is an ordinary line again, so that
// document's claims must be extracted, not copied.
TEST(FeedClaimsTest, DocumentWhoseBoilerplateDiffersInTheEventIsExtractedAgain) {
  std::vector<Document> documents;
  for (int i = 0; i < 3; ++i) {
    Document doc;
    doc.id = "d";
    doc.id += std::to_string(i);  // not "d" + ...: GCC 12 warns falsely (-Wrestrict)
    doc.outlet = "outlet";
    doc.text =
        "Police closed the bridge on Monday after the storm damaged its pillars.\n"
        "Residents must use the ferry until then.\n"
        "The mayor promised repairs within weeks.\n" +
        std::string(i == 0 ? "Officials counted twelve damaged houses near the river."
                           : "Engineers inspected the second crossing on Tuesday.") +
        "\n";
    documents.push_back(doc);
  }
  const Corpus feed = MakeCorpus(documents);
  const ClaimSet claims = ExtractCorpusClaims(feed, BoilerplateOptions(), ClaimOptions());
  const ClaimSet alone =
      ExtractCorpusClaims(MakeCorpus({documents[0]}), BoilerplateOptions(), ClaimOptions());
  // The precondition of this test: the feed's repetition changes document 0's claims.
  ASSERT_NE(claims.boilerplate[0].kept, alone.boilerplate[0].kept);
  const FeedClaims feed_claims(claims);
  ExpectSameClaimsAsExtracting(feed, {0}, feed_claims);
  ExpectSameClaimsAsExtracting(feed, {2, 0}, feed_claims);
  ExpectSameClaimsAsExtracting(feed, {0, 1, 2}, feed_claims);
}

}  // namespace
}  // namespace crossclaim
