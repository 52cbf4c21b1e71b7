// WordNet: the line parsers on literal lines from the database (and corruptions of them), a
// fixture database written here, and hand-checked lookups in Debian's wordnet-base.
#include "similarity/wordnet.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Verbatim lines of WordNet 3.0 (index.noun line of "phone", data.verb line 3448).
constexpr std::string_view kPhoneIndex =
    "phone n 3 6 @ ~ #p %p + ; 3 1 04401088 07111047 03261776  ";
constexpr std::string_view kDecideData =
    "00697607 31 v 03 decide 0 make_up_one's_mind 0 determine 0 016 * 00812598 v 0000 + 00684"
    "782 a 0302 + 05838176 n 0302 + 00162632 n 0302 + 00685638 a 0101 + 00162632 n 0101 + 057"
    "88149 n 0102 ~ 00647112 v 0000 ~ 00674625 v 0000 ~ 00698416 v 0000 ~ 00698750 v 0000 ~ 0"
    "0699644 v 0000 ~ 00715886 v 0000 ~ 02159215 v 0000 ~ 02501278 v 0000 ~ 02511551 v 0000 0"
    "7 + 08 00 + 26 03 + 29 03 + 02 02 + 02 01 + 26 01 + 29 01 | reach, make, or come to a de"
    "cision about something; \"We finally decided after lengthy deliberations\"  ";

SynsetId Id(int pos, uint32_t offset) { return (static_cast<uint32_t>(pos) << 24) | offset; }

TEST(WordNetParser, IndexLine) {
  Result<WordNetIndexEntry> e = ParseWordNetIndexLine(kPhoneIndex, "index.noun:9");
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->lemma, "phone");
  EXPECT_THAT(e->offsets, ElementsAre(4401088u, 7111047u, 3261776u));
}

TEST(WordNetParser, IndexLineErrorsNameThePlace) {
  Result<WordNetIndexEntry> e = ParseWordNetIndexLine("phone n 3", "index.noun:9");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(e.status().message(), HasSubstr("index.noun:9: malformed WordNet line"));
  // synset_cnt says 4 but 3 offsets follow.
  e = ParseWordNetIndexLine("phone n 4 6 @ ~ #p %p + ; 3 1 04401088 07111047 03261776", "x:1");
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(e.status().message(), HasSubstr("disagrees with synset_cnt"));
  e = ParseWordNetIndexLine("phone n three 0 1 1 04401088", "x:2");
  EXPECT_THAT(e.status().message(), HasSubstr("must be numbers"));
}

TEST(WordNetParser, DataLineKeepsDerivationPointers) {
  Result<WordNetDataEntry> e = ParseWordNetDataLine(kDecideData, "data.verb:1");
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->offset, 697607u);
  // The "+" pointers in order; "*" (entailment) and "~" (hyponym) are not kept.
  EXPECT_THAT(e->derivations, ElementsAre(Id(2, 684782), Id(0, 5838176), Id(0, 162632),
                                          Id(2, 685638), Id(0, 162632), Id(0, 5788149)));
  e = ParseWordNetDataLine("00697607 31 v 03 decide 0", "data.verb:2");
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(e.status().message(), HasSubstr("data.verb:2: malformed WordNet line"));
}

// Property: any corruption of a valid line (bytes replaced, cut short) parses or fails with
// kDataLoss naming the place; it never crashes or reads out of bounds (ASan/UBSan builds).
TEST(WordNetParser, CorruptedLinesNeverCrash) {
  for (uint32_t seed = 0; seed < 2000; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    std::string line(seed % 2 ? kPhoneIndex : kDecideData);
    const std::string alphabet = " 0123456789abcdef+|@n";
    for (int k = 0; k < 1 + static_cast<int>(rng() % 4); ++k) {
      line[rng() % line.size()] = alphabet[rng() % alphabet.size()];
    }
    line.resize(rng() % (line.size() + 1));
    if (seed % 2) {
      Result<WordNetIndexEntry> e = ParseWordNetIndexLine(line, "f:1");
      if (!e.ok()) {
        EXPECT_THAT(e.status().message(), HasSubstr("f:1: "));
      }
    } else {
      Result<WordNetDataEntry> e = ParseWordNetDataLine(line, "f:1");
      if (!e.ok()) {
        EXPECT_THAT(e.status().message(), HasSubstr("f:1: "));
      }
    }
  }
}

// A three-word database: "car"/"automobile" share a synset, "drive" derives from it.
std::string WriteFixture(const std::string& name) {
  const std::string dir = testing::ScratchDir(name);
  const std::string header = "  1 licence text, skipped\n";
  testing::WriteFile(dir + "/index.noun", header + "automobile n 1 1 @ 1 0 00000100\n" +
                                              "car n 2 1 @ 2 0 00000100 00000200\n");
  testing::WriteFile(dir + "/index.verb", header + "drive v 1 1 + 1 0 00000050\n");
  testing::WriteFile(dir + "/index.adj", header);
  testing::WriteFile(dir + "/index.adv", header);
  testing::WriteFile(dir + "/noun.exc", "cars car\n");
  testing::WriteFile(dir + "/verb.exc", "drove drive\n");
  testing::WriteFile(dir + "/adj.exc", "");
  testing::WriteFile(dir + "/adv.exc", "");
  testing::WriteFile(
      dir + "/data.noun",
      header + "00000100 06 n 02 car 0 automobile 0 001 + 00000050 v 0101 | gloss\n");
  testing::WriteFile(dir + "/data.verb", header + "00000050 38 v 01 drive 0 000 | gloss\n");
  testing::WriteFile(dir + "/data.adj", header);
  testing::WriteFile(dir + "/data.adv", header);
  return dir;
}

TEST(WordNet, FixtureDatabase) {
  Result<WordNet> wn = WordNet::Load(WriteFixture("wordnet_fixture"));
  ASSERT_TRUE(wn.ok()) << wn.status().message();
  EXPECT_EQ(wn->num_lemmas(), 3u);
  EXPECT_THAT(wn->BaseForms("cars"), ElementsAre("car"));
  EXPECT_THAT(wn->BaseForms("drove"), ElementsAre("drive"));
  EXPECT_THAT(wn->BaseForms("driving"), ElementsAre("drive"));  // -ing + e
  EXPECT_THAT(wn->Synsets("automobile"), ElementsAre(Id(0, 100)));
  EXPECT_THAT(wn->DerivedSynsets("car"), ElementsAre(Id(0, 100), Id(0, 200), Id(1, 50)));
  EXPECT_EQ(wn->Relate("car", "car"), WordRelation::kSame);
  EXPECT_EQ(wn->Relate("cars", "car"), WordRelation::kBaseForm);
  EXPECT_EQ(wn->Relate("automobile", "cars"), WordRelation::kSynonym);
  EXPECT_EQ(wn->Relate("automobile", "drove"), WordRelation::kDerivation);
  EXPECT_EQ(wn->Relate("drive", "automobile"), WordRelation::kDerivation);  // symmetric
  EXPECT_EQ(wn->Relate("car", "banana"), WordRelation::kNone);
  EXPECT_TRUE(wn->BaseForms("banana").empty());
}

TEST(WordNet, MissingAndMalformedFiles) {
  Result<WordNet> wn = WordNet::Load("/nonexistent/wordnet");
  ASSERT_FALSE(wn.ok());
  EXPECT_EQ(wn.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(wn.status().message(), HasSubstr("/nonexistent/wordnet/index.noun: cannot read"));
  EXPECT_THAT(wn.status().message(), HasSubstr("wordnet-base"));
  const std::string dir = WriteFixture("wordnet_bad");
  testing::WriteFile(dir + "/index.verb", "  licence\ndrive v 2 1 + 1 0 00000050\n");
  wn = WordNet::Load(dir);
  ASSERT_FALSE(wn.ok());
  EXPECT_EQ(wn.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(wn.status().message(), HasSubstr(dir + "/index.verb:2: malformed"));
}

// Hand-checked against the WordNet 3.0 files (grep of index.* and data.*) and the WordNet
// browser: the relations the pair features rely on.
TEST(WordNet, DebianDatabaseLookups) {
  if (!std::ifstream(std::string(kDefaultWordNetDir) + "/index.noun")) {
    GTEST_SKIP() << "wordnet-base not installed (scripts/install-deps.sh)";
  }
  static const Result<WordNet> wn = WordNet::Load(std::string(kDefaultWordNetDir));
  ASSERT_TRUE(wn.ok()) << wn.status().message();
  EXPECT_GT(wn->num_lemmas(), 140000u);  // 147,306 distinct lemmas in WordNet 3.0
  EXPECT_THAT(wn->BaseForms("children"), ElementsAre("child"));
  EXPECT_THAT(wn->BaseForms("arrested"), ElementsAre("arrest"));
  EXPECT_THAT(wn->BaseForms("mice"), ElementsAre("mouse"));
  // index.noun: phone n 3 ... 04401088 07111047 03261776; telephone shares 04401088.
  EXPECT_THAT(wn->Synsets("phone"), ::testing::IsSupersetOf({Id(0, 4401088), Id(0, 7111047)}));
  EXPECT_EQ(wn->Relate("telephone", "phone"), WordRelation::kSynonym);
  EXPECT_EQ(wn->Relate("car", "automobile"), WordRelation::kSynonym);
  EXPECT_EQ(wn->Relate("killed", "kills"), WordRelation::kBaseForm);
  EXPECT_EQ(wn->Relate("decision", "decided"), WordRelation::kDerivation);
  EXPECT_EQ(wn->Relate("explosion", "exploded"), WordRelation::kDerivation);
  EXPECT_EQ(wn->Relate("phone", "banana"), WordRelation::kNone);
  EXPECT_EQ(wn->Relate("increase", "decrease"), WordRelation::kNone);
}

}  // namespace
}  // namespace crossclaim
