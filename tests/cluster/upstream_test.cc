// Same event and upstream sources in the event analysis: time anchors keep a claim about
// another time out of the event's clusters; claims relaying one speaker are one upstream
// source; a quotation printed by two outlets is shared, not copied. Every fixture sentence
// is written here by hand, with its expected reading.
#include "cluster/upstream.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cluster/event_analysis.h"
#include "cluster/referents.h"
#include "core/claims.h"
#include "core/document_source.h"
#include "tests/testing/fixtures.h"

namespace crossclaim {
namespace {

using testing::CorpusOf;
using testing::MakeDocument;

TEST(TimeAnchors, ADateMonthsAwayFromPublicationAnchorsTheClaim) {
  const Date published{2025, 1, 21};
  Claim visit = AnalyzeSentence("Xi visited Russia in March 2023, welcomed by his friend Putin.");
  ASSERT_EQ(TimeAnchors(visit, published).size(), 1u);
  EXPECT_EQ(TimeAnchors(visit, published)[0].year, 2023);
  // The event's own days and last month are not another time.
  EXPECT_TRUE(TimeAnchors(AnalyzeSentence("They spoke on January 21, 2025."), published).empty());
  EXPECT_TRUE(TimeAnchors(AnalyzeSentence("Talks began in December 2024."), published).empty());
  EXPECT_EQ(TimeAnchors(AnalyzeSentence("They met in October 2024 in Kazan."), published).size(),
            1u);
  // Unknown publication date: nothing can be told.
  EXPECT_TRUE(TimeAnchors(visit, std::nullopt).empty());
}

TEST(SameTimeFrame, AClaimAboutAnotherTimeIsNotTheEvent) {
  const Date d{2025, 1, 21};
  Claim visit = AnalyzeSentence("Xi visited Russia in March 2023, welcomed by his friend Putin.");
  Claim call = AnalyzeSentence("Putin welcomed Xi warmly at the start of the video call.");
  EXPECT_FALSE(SameTimeFrame(visit, d, call, d));
  EXPECT_FALSE(SameTimeFrame(call, d, visit, d));
  // Both state the anchor: the same past event.
  Claim again = AnalyzeSentence("In March 2023 Xi made a state visit to Moscow.");
  EXPECT_TRUE(SameTimeFrame(visit, d, again, d));
  // "February 2022" and "2022" agree.
  EXPECT_TRUE(SameTimeFrame(AnalyzeSentence("They declared a partnership in February 2022."), d,
                            AnalyzeSentence("The partnership was declared in 2022."), d));
  // The other article's date stands in for an unknown one.
  EXPECT_FALSE(SameTimeFrame(visit, std::nullopt, call, d));
}

class UpstreamEvent : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = CorpusOf({
        MakeDocument("a", "Alpha", "2025-01-21",
                     "Putin and Xi held a video call on Tuesday about trade and energy.\n\n"
                     "The war in Ukraine was discussed during the call, according to Kremlin "
                     "aide Yuri Ushakov.\n\n"
                     "Xi visited Russia in March 2023, welcomed by his dear friend Putin.\n\n"
                     "\"We will keep building a partnership without limits for our peoples,\" "
                     "Putin said at the end of the call.\n\n"
                     "Source: Institute for the Study of War (ISW)"),
        MakeDocument("b", "Beta", "2025-01-21",
                     "Putin and Xi spoke by video call on Tuesday about trade and energy.\n\n"
                     "The two leaders discussed the war in Ukraine during the call, Yuriy "
                     "Ushakov told reporters.\n\n"
                     "Putin welcomed Xi warmly and praised his dear friend at the start of the "
                     "call.\n\n"
                     "\"We will keep building a partnership without limits for our peoples,\" "
                     "Putin told Xi."),
    });
    // As ingest does (core/ingest.h): the source a text names.
    for (Document& d : corpus_.documents) d.source = FindDocumentSource(d.text);
    claims_ = ExtractCorpusClaims(corpus_, {}, {});
    Result<EventAnalysis> event = AnalyzeEvent(corpus_, claims_, AnalysisOptions());
    ASSERT_TRUE(event.ok()) << event.status().message();
    event_ = std::move(*event);
  }

  const ClaimCluster* ClusterWith(const std::string& needle) {
    for (const ClaimCluster& cluster : event_.clusters) {
      for (int32_t id : cluster.claims) {
        if (claims_.claims[static_cast<size_t>(id)].text.find(needle) != std::string::npos) {
          return &cluster;
        }
      }
    }
    return nullptr;
  }

  Corpus corpus_;
  ClaimSet claims_;
  EventAnalysis event_;
};

TEST_F(UpstreamEvent, TheSourceLineNamesTheDocumentsSource) {
  EXPECT_EQ(corpus_.documents[0].source, "Institute for the Study of War (ISW)");
  EXPECT_EQ(corpus_.documents[1].source, "");
}

TEST_F(UpstreamEvent, TwoOutletsRelayingOneAideAreOneUpstreamSource) {
  const ClaimCluster* c = ClusterWith("Ushakov");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->documents.size(), 2u);
  EXPECT_EQ(c->independent_sources, 2);
  EXPECT_EQ(c->upstream_sources, 1);
  ASSERT_EQ(c->upstream.size(), 1u);
  EXPECT_EQ(c->upstream[0].name, "Yuriy Ushakov");  // the fullest spelling
  EXPECT_EQ(c->upstream[0].documents, (std::vector<int32_t>{0, 1}));
}

TEST_F(UpstreamEvent, AClaimAboutAnotherYearCorroboratesNothing) {
  const ClaimCluster* c = ClusterWith("March 2023");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->label, ClusterLabel::kSingleSource);
  EXPECT_EQ(c->documents.size(), 1u);
  for (const ClaimEdge& e : event_.edges) {
    const Claim& a = claims_.claims[static_cast<size_t>(e.a)];
    const Claim& b = claims_.claims[static_cast<size_t>(e.b)];
    EXPECT_EQ(a.text.find("March 2023"), std::string::npos) << b.text;
    EXPECT_EQ(b.text.find("March 2023"), std::string::npos) << a.text;
  }
}

TEST_F(UpstreamEvent, ASharedQuotationIsNotACopy) {
  const ClaimCluster* c = ClusterWith("without limits");
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c->label, ClusterLabel::kCopied);
  EXPECT_EQ(c->label, ClusterLabel::kCorroborated);
  EXPECT_EQ(c->independent_sources, 2);
  EXPECT_EQ(c->upstream_sources, 1);  // both quote Putin
  EXPECT_NE(c->quotation.find("partnership without limits"), std::string::npos) << c->quotation;
  EXPECT_EQ(c->quotation_speaker, "Putin");
}

TEST(UpstreamOf, SpeakerThenParagraphThenDocumentSource) {
  Corpus corpus = CorpusOf({MakeDocument(
      "d", "Delta", "2025-01-21",
      "The call lasted an hour, Peskov said. It covered energy and trade in detail.\n\n"
      "Officials said the talks were useful for both sides.\n\n"
      "Trade grew by a fifth over the year before the call.\n\n"
      "Source: Reuters")});
  corpus.documents[0].source = FindDocumentSource(corpus.documents[0].text);  // as ingest does
  ClaimSet set = ExtractCorpusClaims(corpus, {}, {});
  ASSERT_EQ(set.claims.size(), 4u);
  const Document& doc = corpus.documents[0];
  EXPECT_EQ(UpstreamOf(set.claims[0], doc), "Peskov");
  EXPECT_EQ(UpstreamOf(set.claims[1], doc), "Peskov");   // the paragraph's speaker
  EXPECT_EQ(UpstreamOf(set.claims[2], doc), "Reuters");  // "officials" is nobody in particular
  EXPECT_EQ(UpstreamOf(set.claims[3], doc), "Reuters");
}

}  // namespace
}  // namespace crossclaim
