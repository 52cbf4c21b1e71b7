#include "cluster/event_analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "tests/testing/fixtures.h"

namespace crossclaim {
namespace {

using testing::CorpusOf;
using testing::MakeDocument;

// Four outlets on one (invented) event, each fact written by hand with its expected label:
//  - the harbour fire: Wire and Copycat carry the same sentence word for word -> copied;
//  - the evacuation: Wire and Daily say it in their own words -> corroborated;
//  - the injured: Wire says 7 people, Herald says 5 -> divergent (number);
//  - the investigation: only Daily -> single source.
class FixtureEvent : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string fire =
        "A large fire broke out at the container harbour of Port Selma on Monday night and "
        "burned until dawn.";
    corpus_ = CorpusOf({
        MakeDocument(
            "wire", "Wire", "2025-03-03",
            fire + " Firefighters evacuated residents of four streets near the harbour gates. "
                   "Seven people were injured in the blaze at the container harbour, officials "
                   "said."),
        MakeDocument("copycat", "Copycat", "2025-03-04",
                     fire + " Shipping resumed later in the week."),
        MakeDocument(
            "daily", "Daily", "2025-03-03",
            "Residents of four streets near the harbour gates were evacuated by firefighters. "
            "Prosecutors opened an investigation into suspected arson at a warehouse owned by "
            "a logistics company."),
        MakeDocument(
            "herald", "Herald", "",
            "Five people were injured in the blaze at the container harbour, officials said."),
    });
    claims_ = ExtractCorpusClaims(corpus_, {}, {});
    Result<EventAnalysis> event = AnalyzeEvent(corpus_, claims_, AnalysisOptions());
    ASSERT_TRUE(event.ok()) << event.status().message();
    event_ = std::move(*event);
  }

  const ClaimCluster& ClusterWith(const std::string& doc_id, const std::string& needle) {
    for (const ClaimCluster& cluster : event_.clusters) {
      for (int32_t id : cluster.claims) {
        const Claim& claim = claims_.claims[static_cast<size_t>(id)];
        if (corpus_.documents[static_cast<size_t>(claim.doc)].id == doc_id &&
            claim.text.find(needle) != std::string::npos) {
          return cluster;
        }
      }
    }
    ADD_FAILURE() << "no cluster holds " << doc_id << ": " << needle;
    return event_.clusters.front();
  }

  std::vector<std::string> DocIds(const ClaimCluster& cluster) {
    std::vector<std::string> ids;
    for (int32_t d : cluster.documents) ids.push_back(corpus_.documents[static_cast<size_t>(d)].id);
    return ids;
  }

  Corpus corpus_;
  ClaimSet claims_;
  EventAnalysis event_;
};

TEST_F(FixtureEvent, VerbatimRepublicationIsCopiedAndCountsOnce) {
  const ClaimCluster& fire = ClusterWith("copycat", "large fire");
  EXPECT_EQ(fire.label, ClusterLabel::kCopied);
  EXPECT_EQ(DocIds(fire), (std::vector<std::string>{"wire", "copycat"}));
  EXPECT_EQ(fire.independent_sources, 1);
  EXPECT_EQ(corpus_.documents[static_cast<size_t>(fire.origin)].id, "wire");  // published first
}

TEST_F(FixtureEvent, IndependentParaphrasesCorroborate) {
  const ClaimCluster& evacuation = ClusterWith("daily", "evacuated by firefighters");
  EXPECT_EQ(evacuation.label, ClusterLabel::kCorroborated);
  EXPECT_EQ(DocIds(evacuation), (std::vector<std::string>{"wire", "daily"}));
  EXPECT_EQ(evacuation.independent_sources, 2);
}

TEST_F(FixtureEvent, ConflictingCountsAreDivergent) {
  const ClaimCluster& injured = ClusterWith("herald", "Five people");
  EXPECT_EQ(injured.label, ClusterLabel::kDivergent);
  ASSERT_FALSE(injured.divergences.empty());
  const Divergence& d = injured.divergences.front().detail;
  EXPECT_EQ(d.kind, DivergenceKind::kNumber);
  std::vector<std::string> texts = {d.a_text, d.b_text};
  std::sort(texts.begin(), texts.end());
  EXPECT_EQ(texts, (std::vector<std::string>{"Five people", "Seven people"}));
  EXPECT_EQ(injured.speakers, (std::vector<std::string>{"officials"}));
}

TEST_F(FixtureEvent, OneOutletAloneIsSingleSource) {
  const ClaimCluster& probe = ClusterWith("daily", "investigation");
  EXPECT_EQ(probe.label, ClusterLabel::kSingleSource);
  EXPECT_EQ(probe.independent_sources, 1);
  EXPECT_EQ(probe.claims.size(), 1u);
}

TEST_F(FixtureEvent, EdgesNeverJoinClaimsOfOneDocument) {
  for (const ClaimEdge& e : event_.edges) {
    EXPECT_LT(e.a, e.b);
    EXPECT_NE(claims_.claims[static_cast<size_t>(e.a)].doc,
              claims_.claims[static_cast<size_t>(e.b)].doc);
  }
}

TEST_F(FixtureEvent, SameOutletTwiceIsOneSource) {
  // Wire publishes the evacuation sentence again under a second id: still one outlet.
  Corpus corpus = corpus_;
  Document again = corpus.documents[0];
  again.id = "wire-update";
  corpus.documents.push_back(again);
  ClaimSet claims = ExtractCorpusClaims(corpus, {}, {});
  Result<EventAnalysis> event = AnalyzeEvent(corpus, claims, AnalysisOptions());
  ASSERT_TRUE(event.ok());
  for (const ClaimCluster& cluster : event->clusters) {
    std::set<std::string> outlets(cluster.outlets.begin(), cluster.outlets.end());
    EXPECT_LE(cluster.independent_sources, static_cast<int32_t>(outlets.size()));
  }
}

TEST_F(FixtureEvent, ClustersDoNotDependOnInputOrder) {
  Corpus reversed = CorpusOf(
      {corpus_.documents[3], corpus_.documents[2], corpus_.documents[1], corpus_.documents[0]});
  ClaimSet claims = ExtractCorpusClaims(reversed, {}, {});
  Result<EventAnalysis> event = AnalyzeEvent(reversed, claims, AnalysisOptions());
  ASSERT_TRUE(event.ok());
  auto partition = [](const Corpus& corpus, const ClaimSet& set, const EventAnalysis& analysis) {
    std::set<std::pair<std::set<std::string>, ClusterLabel>> out;
    for (const ClaimCluster& cluster : analysis.clusters) {
      std::set<std::string> members;
      for (int32_t id : cluster.claims) {
        const Claim& c = set.claims[static_cast<size_t>(id)];
        members.insert(corpus.documents[static_cast<size_t>(c.doc)].id + ":" + c.text);
      }
      out.emplace(members, cluster.label);
    }
    return out;
  };
  EXPECT_EQ(partition(reversed, claims, *event), partition(corpus_, claims_, event_));
}

// Invented headlines, one document each. a, b and f report one fact (a shock made a boy
// magnetic) in other words; d and e another; c, one more detail of the story. b shares only
// "schoolboy" and "magnet" with a (cosine 0.19, below the merge threshold 0.2), but its
// same-fact score is 0.45.
Corpus HeadlineFeed(const std::string& after_headline, const std::string& after_b = "") {
  std::vector<Document> docs;
  const std::vector<std::pair<std::string, std::string>> headlines = {
      {"a", "Electric shock turns a schoolboy into a human magnet, his parents say."},
      {"b", "Schoolboy becomes a magnet after surviving a jolt of electricity at home."},
      {"c", "Spoons and coins now stick to a schoolboy who was electrocuted, his parents say."},
      {"d", "City council approves a new budget for road repairs next spring."},
      {"e", "The city council will vote on the road repair budget in spring."},
      {"f", "A human magnet: metal sticks to the boy after an electric shock."}};
  for (const auto& [id, text] : headlines)
    docs.push_back(
        MakeDocument(id, "Outlet " + id, "", text + (id == "b" ? after_b : "") + after_headline));
  return CorpusOf(std::move(docs));
}

// Cluster ids of the documents' first claims, in document order.
std::vector<int32_t> FirstClaimClusters(const Corpus& corpus, const AnalysisOptions& options) {
  ClaimSet claims = ExtractCorpusClaims(corpus, {}, {});
  Result<EventAnalysis> event = AnalyzeEvent(corpus, claims, options);
  EXPECT_TRUE(event.ok());
  std::vector<int32_t> cluster_of(claims.claims.size(), -1);
  for (const ClaimCluster& cluster : event->clusters) {
    for (int32_t id : cluster.claims) cluster_of[static_cast<size_t>(id)] = cluster.id;
  }
  std::vector<int32_t> first(corpus.documents.size(), -2);
  for (const Claim& c : claims.claims) {
    if (first[static_cast<size_t>(c.doc)] == -2)
      first[static_cast<size_t>(c.doc)] = cluster_of[static_cast<size_t>(c.id)];
  }
  return first;
}

TEST(StandaloneDocuments, ParaphrasedHeadlinesMergeOnTheSameFactScore) {
  std::vector<int32_t> on = FirstClaimClusters(HeadlineFeed(""), AnalysisOptions());
  EXPECT_EQ(on[1], on[0]);  // b joins a and f
  EXPECT_EQ(on[5], on[0]);
  EXPECT_NE(on[2], on[0]);  // c, another detail
  EXPECT_EQ(on[3], on[4]);
  EXPECT_NE(on[3], on[0]);
  AnalysisOptions off;
  off.standalone_max_claims = 0;
  std::vector<int32_t> without = FirstClaimClusters(HeadlineFeed(""), off);
  EXPECT_EQ(without[5], without[0]);
  EXPECT_NE(without[1], without[0]);  // lexical weights only: b stays apart
}

TEST(StandaloneDocuments, DocumentsOfMoreThanOneLineAreNotStandalone) {
  // The same sentences as the first lines of longer documents: clustered on the lexical
  // weights, as every sentence of a full article.
  std::vector<int32_t> articles =
      FirstClaimClusters(HeadlineFeed("\n\nMore soon."), AnalysisOptions());
  EXPECT_EQ(articles[5], articles[0]);
  EXPECT_NE(articles[1], articles[0]);
}

TEST(StandaloneDocuments, ALineOfMoreClaimsThanTheCapIsNotStandalone) {
  // b's line gets a second claim: standalone up to a cap of 2 claims, not under a cap of 1.
  const Corpus feed = HeadlineFeed("", " Doctors are baffled by the strange case.");
  AnalysisOptions options;
  options.standalone_max_claims = 2;
  std::vector<int32_t> two = FirstClaimClusters(feed, options);
  EXPECT_EQ(two[1], two[0]);
  options.standalone_max_claims = 1;
  std::vector<int32_t> one = FirstClaimClusters(feed, options);
  EXPECT_NE(one[1], one[0]);
  EXPECT_EQ(one[5], one[0]);
}

TEST(AnalysisOptions, RejectsOutOfRangeThresholds) {
  AnalysisOptions options;
  options.overlap_threshold = 0;
  EXPECT_EQ(options.Validate().message(),
            "AnalysisOptions.overlap_threshold must be in (0, 1] (got 0)");
  options = AnalysisOptions();
  options.off_event_threshold = 1.5;
  EXPECT_EQ(options.Validate().message(),
            "AnalysisOptions.off_event_threshold must be in [0, 1] (got 1.5)");
}

TEST(SpeakerKey, MergesSpellingsOfOnePerson) {
  EXPECT_EQ(SpeakerKey("Yuri Ushakov"), SpeakerKey("Yuriy Ushakov"));
  EXPECT_EQ(SpeakerKey("Ushakov"), SpeakerKey("Yuri Ushakov"));
  EXPECT_NE(SpeakerKey("Dmitry Peskov"), SpeakerKey("Yuri Ushakov"));
  EXPECT_EQ(SpeakerKey("the Kremlin's press service"), SpeakerKey("Kremlin's press service"));
}

}  // namespace
}  // namespace crossclaim
