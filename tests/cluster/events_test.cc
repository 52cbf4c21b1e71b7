#include "cluster/events.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "tests/testing/fixtures.h"

namespace crossclaim {
namespace {

Corpus MakeCorpus(const std::vector<std::tuple<std::string, std::string, std::string>>& docs) {
  std::vector<Document> documents;
  for (const auto& [id, date, text] : docs) {
    documents.push_back(testing::MakeDocument(id, "outlet-" + id, date, text));
  }
  return testing::CorpusOf(std::move(documents));
}

std::set<std::set<std::string>> Partition(const Corpus& corpus,
                                          const std::vector<NewsEvent>& events) {
  std::set<std::set<std::string>> out;
  for (const NewsEvent& e : events) {
    std::set<std::string> ids;
    for (int32_t d : e.documents) ids.insert(corpus.documents[static_cast<size_t>(d)].id);
    out.insert(ids);
  }
  return out;
}

// Two earthquakes (the hard case: same kind of event, same words) and a football match,
// written by hand; the expected grouping is by real-world event.
Corpus TwoEarthquakes() {
  return MakeCorpus({
      {"chile-1", "2025-03-01",
       "A magnitude 7.1 earthquake struck near Valparaiso in Chile on Saturday, killing 12 people. "
       "Chile's emergency office said buildings collapsed in Valparaiso and Vina del Mar."},
      {"japan-1", "2025-06-10",
       "A magnitude 6.4 earthquake struck off Sendai in Japan on Tuesday, injuring 30 people. "
       "Japan's meteorological agency issued a tsunami warning for the Miyagi coast near Sendai."},
      {"chile-2", "2025-03-01",
       "At least 12 people died when a 7.1 magnitude quake hit the Valparaiso region of Chile. "
       "Rescuers searched collapsed buildings in Vina del Mar, Chile's emergency office said."},
      {"football", "2025-03-02",
       "Boca Juniors beat River Plate 2-1 in the Superclasico at La Bombonera on Sunday evening. "
       "Edinson Cavani scored the winning goal in the second half."},
      {"japan-2", "2025-06-10",
       "Thirty people were injured after a 6.4 magnitude earthquake shook Sendai, Japan. The "
       "meteorological agency lifted a tsunami warning for the Miyagi coast hours later."},
      {"chile-3", "2025-03-02",
       "Chile mourned 12 victims of the Valparaiso earthquake as aftershocks rattled Vina del "
       "Mar."},
  });
}

TEST(ClusterEvents, TellsTwoSimilarEventsApart) {
  Corpus corpus = TwoEarthquakes();
  ClaimSet claims = ExtractCorpusClaims(corpus, {}, {});
  Result<std::vector<NewsEvent>> events = ClusterEvents(corpus, claims, EventOptions());
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_EQ(Partition(corpus, *events),
            (std::set<std::set<std::string>>{
                {"chile-1", "chile-2", "chile-3"}, {"japan-1", "japan-2"}, {"football"}}));
}

TEST(ClusterEvents, EveryDocumentInExactlyOneEventWhateverTheOrder) {
  Corpus corpus = TwoEarthquakes();
  ClaimSet claims = ExtractCorpusClaims(corpus, {}, {});
  Result<std::vector<NewsEvent>> events = ClusterEvents(corpus, claims, EventOptions());
  ASSERT_TRUE(events.ok());
  std::multiset<int32_t> seen;
  for (const NewsEvent& e : *events) {
    seen.insert(e.documents.begin(), e.documents.end());
    EXPECT_TRUE(std::find(e.documents.begin(), e.documents.end(), e.central_document) !=
                e.documents.end());
    EXPECT_FALSE(e.title.empty());
  }
  EXPECT_EQ(seen, (std::multiset<int32_t>{0, 1, 2, 3, 4, 5}));
  // Reversed input: the same grouping.
  Corpus reversed = testing::CorpusOf({corpus.documents.rbegin(), corpus.documents.rend()});
  ClaimSet reversed_claims = ExtractCorpusClaims(reversed, {}, {});
  Result<std::vector<NewsEvent>> again = ClusterEvents(reversed, reversed_claims, EventOptions());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Partition(reversed, *again), Partition(corpus, *events));
}

TEST(ClusterEvents, PublicationDistanceSeparatesRecurringStories) {
  // The same wording a year apart is a new event when dates are known.
  Corpus corpus = MakeCorpus({
      {"a", "2024-03-01",
       "The central bank raised its key interest rate to 5 percent on Thursday."},
      {"b", "2025-03-01",
       "The central bank raised its key interest rate to 5 percent on Thursday."},
  });
  ClaimSet claims = ExtractCorpusClaims(corpus, {}, {});
  Result<std::vector<NewsEvent>> events = ClusterEvents(corpus, claims, EventOptions());
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 2u);
  EventOptions no_dates;
  no_dates.days_scale = 0;
  events = ClusterEvents(corpus, claims, no_dates);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 1u);
}

TEST(ClusterEvents, WholeDocumentUsesTheBodyBeyondTheLead) {
  // The leads (first claim) share no content word; the bodies tell the same story.
  const std::string body =
      " Firefighters contained the warehouse blaze in Rotterdam harbour after six hours."
      " The Rotterdam port authority closed the harbour terminal and evacuated dockworkers.";
  Corpus corpus = MakeCorpus({
      {"a", "2025-05-01", "Smoke darkened the morning sky over the city." + body},
      {"b", "2025-05-01", "Residents were told to keep their windows shut." + body},
  });
  ClaimSet claims = ExtractCorpusClaims(corpus, {}, {});
  EventOptions lead_only;
  lead_only.lead_claims = 1;
  lead_only.whole_document = false;
  Result<std::vector<NewsEvent>> events = ClusterEvents(corpus, claims, lead_only);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 2u);
  EventOptions whole = lead_only;
  whole.whole_document = true;
  events = ClusterEvents(corpus, claims, whole);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 1u);
}

// How many events the whole-text view finds among documents written in lower case (no
// names, dates or numbers), or 0 on an error.
size_t WholeTextEvents(const std::vector<std::string>& texts, EventOptions options) {
  std::vector<std::tuple<std::string, std::string, std::string>> docs;
  for (const std::string& text : texts) docs.emplace_back(std::to_string(docs.size()), "", text);
  Corpus corpus = MakeCorpus(docs);
  options.whole_document = true;
  Result<std::vector<NewsEvent>> events =
      ClusterEvents(corpus, ExtractCorpusClaims(corpus, {}, {}), options);
  EXPECT_TRUE(events.ok());
  return events.ok() ? events->size() : 0;
}

TEST(ClusterEvents, MinDfDropsWordsOfOneDocument) {
  // One shared word ("harbour", df 2, idf ln(3/3) + 1 = 1) and nine words of each document's
  // own (df 1, idf ln(3/2) + 1 = 1.405, sublinear tf 1): cosine 1 / (1 + 9 * 1.405^2) = 0.053,
  // under the edge threshold, so two events. With min_df 2 only "harbour" is left: cosine 1.
  const std::vector<std::string> texts = {
      "harbour alpha bravo charlie delta echo foxtrot golf hotel india",
      "harbour juliet kilo lima mike november oscar papa quebec romeo"};
  EventOptions options;
  EXPECT_EQ(WholeTextEvents(texts, options), 2u);
  options.min_df = 2;
  EXPECT_EQ(WholeTextEvents(texts, options), 1u);
  options.bigrams = true;  // the bigrams are each in one document: dropped as well
  EXPECT_EQ(WholeTextEvents(texts, options), 1u);
}

TEST(ClusterEvents, LatentVectorsJoinRelatedDocumentsOfOneTopic) {
  // One shared word (idf 1) and four own words each (idf ln(3/2) + 1 = 1.405): cosine
  // 1 / (1 + 4 * 1.405^2) = 0.112, related (>= edge 0.08) but under the event threshold 0.16.
  const std::vector<std::string> texts = {"harbour alpha bravo charlie delta",
                                          "harbour echo foxtrot golf hotel"};
  EventOptions options;
  EXPECT_EQ(WholeTextEvents(texts, options), 2u);
  // One latent dimension: the first singular vector of a non-negative matrix whose words are
  // chained by "harbour" is positive, so both documents project on it the same way: latent
  // cosine 1, similarity 0.7 * 0.112 + 0.3 * 1 = 0.378.
  options.latent_dims = 1;
  EXPECT_EQ(WholeTextEvents(texts, options), 1u);
  options.latent_weight = 0;  // the latent cosine weighs nothing: as without it
  EXPECT_EQ(WholeTextEvents(texts, options), 2u);
}

TEST(EventOptions, RejectsBadValues) {
  EventOptions options;
  options.event_threshold = 0;
  EXPECT_EQ(options.Validate().message(), "EventOptions.event_threshold must be in (0, 1] (got 0)");
  options = EventOptions();
  options.days_scale = -1;
  EXPECT_EQ(options.Validate().message(), "EventOptions.days_scale must be >= 0 (got -1)");
  options = EventOptions();
  options.min_df = 0;
  EXPECT_EQ(options.Validate().message(), "EventOptions.min_df must be >= 1 (got 0)");
  options = EventOptions();
  options.latent_dims = -1;
  EXPECT_EQ(options.Validate().message(), "EventOptions.latent_dims must be >= 0 (got -1)");
  options = EventOptions();
  options.latent_weight = 1.5;
  EXPECT_EQ(options.Validate().message(), "EventOptions.latent_weight must be in [0, 1] (got 1.5)");
}

}  // namespace
}  // namespace crossclaim
