#include "similarity/reuse.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace crossclaim {
namespace {

Document Doc(std::string id, std::string text, std::optional<Date> published = std::nullopt) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.published = published;
  return d;
}

// Sixty distinct words: any shared run of words between two texts built from it is planted.
std::vector<std::string> Words(const std::string& stem, int n) {
  std::vector<std::string> words;
  for (int i = 0; i < n; ++i)
    words.push_back(stem + std::string(1, 'a' + i % 26) + std::string(1, 'a' + i / 26));
  return words;
}

std::string Join(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

std::set<std::string> WordSet(const std::string& text) {
  std::istringstream in(text);
  std::set<std::string> out;
  for (std::string w; in >> w;) out.insert(w);
  return out;
}

TEST(NormalizeWireText, DigitLetterConfusionAndAnOffsetForEveryByte) {
  const std::string original = "The man, aged 3O, was jailed for\nfive years <\n";
  WireText wire = NormalizeWireText(original);
  EXPECT_NE(wire.text.find("30"), std::string::npos) << wire.text;
  EXPECT_EQ(wire.text.find('<'), std::string::npos) << wire.text;
  ASSERT_EQ(wire.orig_begin.size(), wire.text.size());
  ASSERT_EQ(wire.orig_end.size(), wire.text.size());
  for (size_t i = 0; i < wire.text.size(); ++i) {
    EXPECT_LE(wire.orig_begin[i], wire.orig_end[i]) << i;
    EXPECT_LE(wire.orig_end[i], original.size()) << i;
    if (i > 0) {
      EXPECT_LE(wire.orig_begin[i - 1], wire.orig_begin[i]) << i;
    }
  }
}

// A paper takes forty of the wire's sixty words, changes one, and adds its own words around
// them: one pair, the dated wire story as source, the passage inside the planted words.
TEST(FindReuse, PlantedRewriteIsFoundWithTheEarlierTextAsSource) {
  std::vector<std::string> wire = Words("w", 60);
  std::vector<std::string> own = Words("p", 20);
  std::vector<std::string> taken(wire.begin() + 10, wire.begin() + 50);
  taken[20] = "changedword";
  std::string paper =
      Join(own, 0, 10) + " " + Join(taken, 0, taken.size()) + " " + Join(own, 10, 20);
  std::vector<Document> docs = {Doc("paper", paper, Date{2000, 3, 2}),
                                Doc("wire", Join(wire, 0, wire.size()), Date{2000, 3, 1}),
                                Doc("other", Join(Words("z", 60), 0, 60), Date{2000, 3, 1})};
  Result<ReuseResult> result = FindReuse(docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->pairs.size(), 1u);
  const ReusePair& pair = result->pairs[0];
  EXPECT_EQ(pair.source, 1u);
  EXPECT_EQ(pair.derived, 0u);
  EXPECT_EQ(pair.direction, ReuseDirection::kDated);
  // 40 of the paper's 60 words come from the wire (39 equal, one substituted).
  EXPECT_GT(pair.containment, 0.55);
  EXPECT_LE(pair.containment, 40.0 / 60.0 + 1e-9);
  ASSERT_FALSE(pair.passages.empty());
  const std::set<std::string> wire_words = WordSet(docs[1].text);
  const std::set<std::string> own_words = WordSet(Join(own, 0, own.size()));
  for (const ReusePassage& p : pair.passages) {
    ASSERT_LE(p.derived.end, paper.size());
    ASSERT_LE(p.source.end, docs[1].text.size());
    for (const std::string& w : WordSet(paper.substr(p.derived.begin, p.derived.size()))) {
      EXPECT_FALSE(own_words.count(w)) << "the paper's own word " << w << " in a passage";
    }
    for (const std::string& w : WordSet(docs[1].text.substr(p.source.begin, p.source.size()))) {
      EXPECT_TRUE(wire_words.count(w)) << w;
    }
  }
}

// Two reports that share only a speaker's words inside quotation marks: shared-quotation
// evidence, not reuse.
TEST(FindReuse, ASharedQuotationAloneMakesNoPair) {
  std::string quote = "\"" + Join(Words("q", 16), 0, 16) + "\"";
  std::vector<Document> docs = {
      Doc("a", Join(Words("a", 30), 0, 30) + " " + quote + " " + Join(Words("b", 10), 0, 10)),
      Doc("b", Join(Words("c", 30), 0, 30) + " " + quote + " " + Join(Words("d", 10), 0, 10))};
  Result<ReuseResult> result = FindReuse(docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_TRUE(result->pairs.empty()) << result->pairs[0].containment;
  // The same words as narrative (no quotation marks) are reuse: the rule is what drops them.
  for (Document& d : docs)
    d.text.erase(std::remove(d.text.begin(), d.text.end(), '"'), d.text.end());
  result = FindReuse(docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->pairs.size(), 1u);
}

TEST(FindReuse, RejectsBadOptions) {
  ReuseOptions options;
  options.partially_threshold = 0.9;
  options.wholly_threshold = 0.5;
  EXPECT_FALSE(FindReuse({}, options).ok());
  options = ReuseOptions();
  options.seed_words = 0;
  EXPECT_FALSE(FindReuse({}, options).ok());
}

}  // namespace
}  // namespace crossclaim
