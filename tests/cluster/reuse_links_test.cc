// Independence from text reuse (cluster/reuse_links.h) and event analysis built on it: a
// rewritten copy counts with its source as one source, the source is the origin, claims in its
// aligned passages are copies; two outlets quoting one speaker stay two sources.
#include "cluster/reuse_links.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "cluster/event_analysis.h"
#include "cluster/upstream.h"
#include "core/claims.h"
#include "core/document_source.h"
#include "tests/testing/fixtures.h"

namespace crossclaim {
namespace {

ReusePassage Passage(PassageKind kind, uint32_t words) {
  ReusePassage p;
  p.kind = kind;
  p.words = words;
  return p;
}

TEST(IsDerivation, CountsOnlyEvidenceOutsideQuotations) {
  ReusePair pair;
  pair.grade = ReuseGrade::kPartially;
  pair.containment = 0.5;  // 50 of 100 words: 40 in a quotation, 10 verbatim
  pair.passages = {Passage(PassageKind::kQuotation, 40), Passage(PassageKind::kVerbatim, 10)};
  EXPECT_NEAR(NonQuotationContainment(pair), 0.1, 1e-12);
  EXPECT_FALSE(IsDerivation(pair));
  pair.passages = {Passage(PassageKind::kQuotation, 10), Passage(PassageKind::kRewrite, 40)};
  EXPECT_NEAR(NonQuotationContainment(pair), 0.4, 1e-12);
  EXPECT_TRUE(IsDerivation(pair));
  pair.passages = {Passage(PassageKind::kRewrite, 20)};  // a lead sentence and a phrase
  pair.containment = 0.1;                                // of a 200-word story
  EXPECT_FALSE(IsDerivation(pair));
  // A 50-word brief taking 20 of its words (0.40 >= kShortDerivationShare) from wire copy is
  // a derivation, not from another outlet's text; 14 of a 60-word one (0.23) is not, nor 6 of
  // an 18-word one (below one sentence).
  pair.containment = 20.0 / 50;
  pair.direction = ReuseDirection::kDated;
  EXPECT_FALSE(IsDerivation(pair));
  pair.direction = ReuseDirection::kWire;
  EXPECT_TRUE(IsDerivation(pair));
  pair.passages = {Passage(PassageKind::kRewrite, 14)};
  pair.containment = 14.0 / 60;
  EXPECT_FALSE(IsDerivation(pair));
  pair.passages = {Passage(PassageKind::kVerbatim, 6)};
  pair.containment = 6.0 / 18;
  EXPECT_FALSE(IsDerivation(pair));
  pair.passages = {Passage(PassageKind::kRewrite, 40)};
  pair.containment = 0.4;
  pair.grade = ReuseGrade::kNon;  // below the reporting bar whatever the passages
  EXPECT_FALSE(IsDerivation(pair));
}

TEST(ReuseLinksOrigin, IsTheEarliestMemberNotDerivedFromAnother) {
  std::vector<Document> docs = {testing::MakeDocument("x", "X", "2024-01-02", "x"),
                                testing::MakeDocument("y", "Y", "2024-01-03", "y"),
                                testing::MakeDocument("z", "Z", "2024-01-01", "z")};
  ReuseLinks links;
  links.source_set = {0, 0, 2};
  links.derivations = {{1, 0}};  // x took text from y, though x is dated earlier
  EXPECT_EQ(links.Origin(docs, {0, 1}), 1);
  EXPECT_EQ(links.Origin(docs, {0, 1, 2}), 2);  // z, earliest, derived from no one
  EXPECT_EQ(links.Origin(docs, {0}), 0);
}

class RewrittenCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = testing::CorpusOf(testing::RewrittenCopyEvent());
    claims_ = ExtractCorpusClaims(corpus_, BoilerplateOptions(), ClaimOptions());
    Result<EventAnalysis> event = AnalyzeEvent(corpus_, claims_, AnalysisOptions());
    ASSERT_TRUE(event.ok()) << event.status().message();
    event_ = std::move(*event);
  }

  // The cluster holding the claim of document `doc` that contains `needle`.
  const ClaimCluster* ClusterWith(int32_t doc, const std::string& needle) const {
    for (const ClaimCluster& c : event_.clusters) {
      for (int32_t id : c.claims) {
        const Claim& claim = claims_.claims[static_cast<size_t>(id)];
        if (claim.doc == doc && claim.text.find(needle) != std::string::npos) return &c;
      }
    }
    ADD_FAILURE() << "no cluster holds '" << needle << "' of document " << doc;
    return nullptr;
  }

  static constexpr int32_t kDaily = 0, kWire = 1, kHerald = 2;  // input order
  Corpus corpus_;
  ClaimSet claims_;
  EventAnalysis event_;
};

TEST_F(RewrittenCopy, TheRewriteIsOneReusePairFromTheWire) {
  ASSERT_EQ(event_.reuse.pairs.size(), 1u);
  const ReusePair& pair = event_.reuse.pairs[0];
  EXPECT_EQ(pair.source, static_cast<uint32_t>(kWire));
  EXPECT_EQ(pair.derived, static_cast<uint32_t>(kDaily));
  EXPECT_TRUE(IsDerivation(pair));
}

TEST_F(RewrittenCopy, WireAndRewriteCountAsOneSourceBesideTheHerald) {
  // The fire itself: all three outlets; the Daily Paper's account is the wire's.
  const ClaimCluster* fire = ClusterWith(kHerald, "Flames lit up the sky");
  ASSERT_NE(fire, nullptr);
  EXPECT_EQ(fire->documents, (std::vector<int32_t>{kDaily, kWire, kHerald}));
  EXPECT_EQ(fire->independent_sources, 2);
  EXPECT_EQ(fire->origin, kWire);  // the fuller text, though the rewrite comes first
  EXPECT_EQ(fire->label, ClusterLabel::kCorroborated);
}

TEST_F(RewrittenCopy, ReworkedSentencesAreCopiesOfTheWire) {
  for (const char* needle : {"battled the blaze", "people living in", "had stood empty"}) {
    const ClaimCluster* c = ClusterWith(kDaily, needle);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->documents, (std::vector<int32_t>{kDaily, kWire})) << needle;
    EXPECT_EQ(c->label, ClusterLabel::kCopied) << needle;
    EXPECT_EQ(c->independent_sources, 1) << needle;
    EXPECT_EQ(c->origin, kWire) << needle;
  }
  // Every copy edge joins a sentence of the rewrite to one of the wire.
  size_t copies = 0;
  for (const ClaimEdge& e : event_.edges) {
    if (e.kind != EdgeKind::kCopy) continue;
    ++copies;
    std::set<int32_t> docs = {claims_.claims[static_cast<size_t>(e.a)].doc,
                              claims_.claims[static_cast<size_t>(e.b)].doc};
    EXPECT_EQ(docs, (std::set<int32_t>{kDaily, kWire}));
  }
  EXPECT_GE(copies, 3u);
}

TEST(SharedQuotation, TwoOutletsQuotingOneSpeakerAreTwoSources) {
  Corpus corpus = testing::CorpusOf(testing::SharedQuotationEvent());
  ClaimSet claims = ExtractCorpusClaims(corpus, BoilerplateOptions(), ClaimOptions());
  Result<EventAnalysis> event = AnalyzeEvent(corpus, claims, AnalysisOptions());
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_TRUE(event->reuse.pairs.empty());  // quotations alone make no reuse pair
  bool quoted = false;
  for (const ClaimCluster& c : event->clusters) {
    EXPECT_NE(c.label, ClusterLabel::kCopied);
    if (c.documents.size() == 2) {
      EXPECT_EQ(c.independent_sources, 2);
    }
    if (c.quotation.find("We will not raise taxes") != std::string::npos) quoted = true;
  }
  EXPECT_TRUE(quoted) << "the shared quotation is not reported";
  for (const ClaimEdge& e : event->edges) EXPECT_NE(e.kind, EdgeKind::kCopy);
}

// A post reprinted without quotation marks after a line that introduces it (the held-out
// audit's Facebook post, event 96b7046f), and quoted by a later outlet: the post's author is
// quoted twice, nobody copied. Without the introducing line, the same words are the earlier
// outlet's own text reprinted by the later one: a copy.
std::vector<ClaimCluster> ClustersOfPostEvent(const std::string& intro) {
  const std::string post =
      "Dear neighbours, the river path will stay closed for the whole of the summer season. "
      "Please keep your dogs away from the flooded meadows near the old mill bridge.";
  Corpus corpus = testing::CorpusOf(
      {testing::MakeDocument("first", "First", "2024-06-01",
                             "A councillor's post about the river path drew hundreds of angry "
                             "replies on Saturday.\n\n" +
                                 intro + "\n\n" + post + "\n\nThe council has not commented."),
       testing::MakeDocument("later", "Later", "2024-06-02",
                             "Councillor Ann Ross wrote to residents about the river path. She "
                             "said: \u201c" +
                                 post + "\u201d\n\nShe later deleted the post.")});
  ClaimSet claims = ExtractCorpusClaims(corpus, BoilerplateOptions(), ClaimOptions());
  Result<EventAnalysis> event = AnalyzeEvent(corpus, claims, AnalysisOptions());
  EXPECT_TRUE(event.ok()) << event.status().message();
  return event.ok() ? event->clusters : std::vector<ClaimCluster>{};
}

size_t CopiedClusters(const std::vector<ClaimCluster>& clusters) {
  return static_cast<size_t>(std::count_if(clusters.begin(), clusters.end(), [](const auto& c) {
    return c.label == ClusterLabel::kCopied;
  }));
}

TEST(SharedQuotation, AnIntroducedPostReprintedWithoutMarksIsQuotedNotCopied) {
  std::vector<ClaimCluster> introduced = ClustersOfPostEvent("Ann Ross wrote on Facebook:");
  EXPECT_EQ(CopiedClusters(introduced), 0u);
  std::vector<ClaimCluster> plain = ClustersOfPostEvent("The path runs along the river.");
  EXPECT_GE(CopiedClusters(plain), 1u);
}

// The author the introducing line names is the upstream source of the reprinted words: the
// two outlets printing the post relay one person.
TEST(SharedQuotation, AReprintedPostsAuthorIsItsUpstreamSource) {
  size_t post_clusters = 0;
  for (const ClaimCluster& c : ClustersOfPostEvent("Ann Ross wrote on Facebook:")) {
    if (c.documents.size() < 2) continue;
    ++post_clusters;
    EXPECT_EQ(c.upstream_sources, 1);
    ASSERT_EQ(c.upstream.size(), 1u) << c.upstream.back().name;
    EXPECT_NE(c.upstream[0].name.find("Ann Ross"), std::string::npos) << c.upstream[0].name;
    // Relayed by both: the reprint through its introducing line, the quotation by its speaker.
    EXPECT_EQ(c.upstream[0].documents, (std::vector<int32_t>{0, 1}));
  }
  EXPECT_GE(post_clusters, 1u);
}

// Agency wire copy as METER's Press Association texts print it: a slug line naming the story's
// category and catchline (and the take), paragraphs opened by U+0019 and closed by '<'.
struct Take {
  std::string slug_line;  // "10:05 05/03/24: Page 1 (HHH) COURTS Mill"
  std::string headline;
  std::string byline;  // may be empty
  std::string body;
};

std::string WireText(const Take& t) {
  std::string text = "  ----\n\n      " + t.slug_line + "\n  ----\n" + t.headline + "<\n";
  if (!t.byline.empty()) text += "\x19" + t.byline + "<\n";
  return text + "\x19" + t.body + "<\n\x19mf<\n";
}

std::string SlugOnly(const std::string& slug) {
  return WireText(
      {"10:05 05/03/24: Page 1 (HHH) " + slug, "MILL ARSONIST JAILED", "", "A man was jailed."});
}

TEST(WireStoryKey, IsTheCategoryAndCatchlineOfTheSlugLine) {
  EXPECT_EQ(WireStoryKey(SlugOnly("COURTS Mill")), "courts mill");
  // A later take of the same story names itself after the catchline.
  EXPECT_EQ(WireStoryKey(SlugOnly("COURTS Mill Substitute")), "courts mill");
  EXPECT_EQ(WireStoryKey(SlugOnly("COURTS Mill Nightlead")), "courts mill");
  EXPECT_EQ(WireStoryKey(SlugOnly("COURTS Bridge")), "courts bridge");
  EXPECT_EQ(WireStoryKey(SlugOnly("COURTS")), "");  // no catchline
  // The same line in a text that is not wire copy, and wire copy without a slug line.
  EXPECT_EQ(WireStoryKey("10:05 05/03/24: Page 1 (HHH) COURTS Mill\nA man was jailed.\n"), "");
  EXPECT_EQ(WireStoryKey("HEADLINE<\n\x19"
                         "A man was jailed.<\n\x19mf<\n"),
            "");
  // "Page" after something other than a slug's date is not a slug line.
  EXPECT_EQ(WireStoryKey("He read it: Page 1 (HHH) COURTS Mill<\n\x19"
                         "A man.<\n\x19mf<\n"),
            "");
}

TEST(NamedSourceKeys, NameTheSourceAndOutletCaseAndPunctuationAside) {
  Document pa = testing::MakeDocument("pa", "unknown", "2024-03-05", "A man was jailed.");
  EXPECT_TRUE(NamedSourceKeys(pa).empty());  // nobody named: a source of its own
  pa.source = "PA News";
  Document outlet = testing::MakeDocument("o", "pa news.", "2024-03-05", "A man was jailed.");
  EXPECT_EQ(NamedSourceKeys(pa), NamedSourceKeys(outlet));
  Document paper = testing::MakeDocument("p", "Daily Paper", "2024-03-05", "A man was jailed.");
  paper.source = "PA News";  // the paper printing PA's story under its byline
  EXPECT_EQ(NamedSourceKeys(paper), (std::vector<std::string>{"name:pa news", "name:daily paper"}));
}

// Two takes of one PA story (a first take with a byline, a substitute without one), worded
// apart so that `reuse` pairs neither with the other, and a newspaper's own report of the
// case: the takes are one source (PA), the paper another.
std::vector<Document> WireTakesEvent(const std::string& substitute_slug,
                                     const std::string& substitute_byline) {
  const Take first = {"10:05 05/03/24: Page 1 (HHH) COURTS Mill", "MILL ARSONIST JAILED",
                      "By Jane Smith, PA News",
                      "A man who set fire to the old Marlow textile mill was jailed for six "
                      "years today at Reading Crown Court."};
  const Take substitute = {"12:45 05/03/24: Page 2 (HHH) " + substitute_slug,
                           "ARSON: MAN SENTENCED", substitute_byline,
                           "Arsonist Mark Dean, 34, was jailed for six years today for burning "
                           "down the Victorian mill in Marlow."};
  return {testing::MakeDocument("pa1", "unknown", "2024-03-05", WireText(first)),
          testing::MakeDocument("pa2", "unknown", "2024-03-05", WireText(substitute)),
          testing::MakeDocument("paper", "unknown", "2024-03-06",
                                "Reading Crown Court sent an arsonist to prison for six years "
                                "yesterday: Mark Dean had burned down Marlow's old textile mill, "
                                "the court heard.\n\nThe judge called the fire an act of pure "
                                "spite against the town, whose people had campaigned for years "
                                "to save the building.")};
}

const ClaimCluster* ClusterOfAll(const std::vector<ClaimCluster>& clusters) {
  for (const ClaimCluster& c : clusters) {
    if (c.documents.size() == 3) return &c;
  }
  return nullptr;
}

// The event of WireTakesEvent, its sources named as ingest names them (core/ingest.h).
EventAnalysis AnalyzeWireTakes(const std::string& substitute_slug,
                               const std::string& substitute_byline, Corpus* corpus) {
  *corpus = testing::CorpusOf(WireTakesEvent(substitute_slug, substitute_byline));
  for (Document& d : corpus->documents) d.source = FindDocumentSource(d.text);
  ClaimSet claims = ExtractCorpusClaims(*corpus, BoilerplateOptions(), ClaimOptions());
  Result<EventAnalysis> event = AnalyzeEvent(*corpus, claims, AnalysisOptions());
  EXPECT_TRUE(event.ok()) << event.status().message();
  return event.ok() ? std::move(*event) : EventAnalysis{};
}

TEST(NamedSources, TwoTakesOfOneWireStoryAndAPaperAreTwoSources) {
  Corpus corpus;
  EventAnalysis event = AnalyzeWireTakes("COURTS Mill Substitute", "", &corpus);
  ASSERT_EQ(corpus.documents[0].source, "PA News");
  ASSERT_EQ(corpus.documents[1].source, "");  // the substitute names nobody
  for (const ReusePair& p : event.reuse.pairs) EXPECT_FALSE(IsDerivation(p));
  const ClaimCluster* jailed = ClusterOfAll(event.clusters);
  ASSERT_NE(jailed, nullptr);
  EXPECT_EQ(jailed->independent_sources, 2);
  EXPECT_EQ(jailed->label, ClusterLabel::kCorroborated);
}

TEST(NamedSources, TwoBylinesOfOneAgencyAreOneSource) {
  // Takes under two catchlines, both under a PA byline: one source by the bylines alone.
  Corpus corpus;
  EventAnalysis event = AnalyzeWireTakes("COURTS Arson", "By John Roe, PA News", &corpus);
  ASSERT_EQ(corpus.documents[1].source, "PA News");
  const ClaimCluster* jailed = ClusterOfAll(event.clusters);
  ASSERT_NE(jailed, nullptr);
  EXPECT_EQ(jailed->independent_sources, 2);
}

TEST(NamedSources, TakesOfAnotherStoryNamingNobodyStayApart) {
  // The substitute under another catchline and no byline: nothing says it is PA's.
  Corpus corpus;
  EventAnalysis event = AnalyzeWireTakes("COURTS Arson", "", &corpus);
  const ClaimCluster* jailed = ClusterOfAll(event.clusters);
  ASSERT_NE(jailed, nullptr);
  EXPECT_EQ(jailed->independent_sources, 3);
}

TEST(ReprintAuthor, IsTheNameBeforeTheVerbOfTheIntroducingLine) {
  EXPECT_EQ(ReprintAuthor("Trump wrote on Facebook"), "Trump");
  EXPECT_EQ(ReprintAuthor("Later that night Ann Ross posted on Twitter"), "Ann Ross");
  EXPECT_EQ(ReprintAuthor("Read the full rant via Gawker"), std::nullopt);
  EXPECT_EQ(ReprintAuthor("The mayor wrote in a letter"), std::nullopt);
  EXPECT_EQ(ReprintAuthor("Officials said in a statement"), std::nullopt);
}

}  // namespace
}  // namespace crossclaim
