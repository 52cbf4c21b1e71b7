// AnalyzeEvent with precomputed stages (the hook the MPI run uses): given what it would
// compute itself, it must produce the same analysis; given something else, it must use it.
#include <gtest/gtest.h>

#include "cluster/event_analysis.h"
#include "core/claims.h"
#include "core/ingest.h"
#include "similarity/dedup.h"
#include "similarity/tfidf.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

class Precomputed : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Corpus> corpus = ReadInputs({testing::DemoEventDir()}, IngestOptions());
    ASSERT_TRUE(corpus.ok()) << corpus.status().message();
    corpus_ = std::move(*corpus);
    claims_ = ExtractCorpusClaims(corpus_, BoilerplateOptions(), ClaimOptions());
    TokenLists tokens;
    for (const Claim& c : claims_.claims) tokens.push_back(c.tokens);
    frequencies_ = TfidfVectorizer::Create(options_.tfidf)->CountDocumentFrequencies(tokens);
    copies_ = *FindCopies(corpus_.documents, options_.dedup);
  }

  AnalysisOptions options_;
  Corpus corpus_;
  ClaimSet claims_;
  DocumentFrequencies frequencies_;
  DedupResult copies_;
};

TEST_F(Precomputed, SameAnalysisAsComputingItself) {
  EventAnalysis own = *AnalyzeEvent(corpus_, claims_, options_);
  EventAnalysis given = *AnalyzeEvent(corpus_, claims_, options_, {&copies_, &frequencies_});
  ASSERT_FALSE(own.clusters.empty());
  EXPECT_EQ(own.copies, given.copies);
  EXPECT_EQ(own.edges, given.edges);
  EXPECT_EQ(own.clusters, given.clusters);
  EXPECT_EQ(own.off_event, given.off_event);
  EXPECT_EQ(own.centrality, given.centrality);
}

TEST_F(Precomputed, UsesTheGivenStages) {
  DedupResult no_copies;  // as if the dedup stage had found nothing
  DocumentFrequencies flat = frequencies_;
  for (int64_t& df : flat.df) df = 1;  // every term rare: other weights, other edges
  EventAnalysis given = *AnalyzeEvent(corpus_, claims_, options_, {&no_copies, &flat});
  EventAnalysis own = *AnalyzeEvent(corpus_, claims_, options_);
  EXPECT_TRUE(given.copies.pairs.empty());
  EXPECT_NE(own.edges, given.edges);
}

}  // namespace
}  // namespace crossclaim
