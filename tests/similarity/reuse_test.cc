#include "similarity/reuse.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/ingest.h"
#include "similarity/internal/reuse_align.h"
#include "similarity/internal/reuse_scan.h"
#include "tests/testing/paths.h"

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

// Digit look-alikes become digits only in a number that starts a token; letters and digits
// inside words are copied as they are (hand-checked), and an ordinary ASCII text maps every
// byte to itself.
TEST(NormalizeWireText, LookAlikesOnlyInNumbersThatStartAToken) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"aged 3O", "aged 30"},
      {"Room 4O", "Room 40"},
      {"Room4O", "Room4O"},
      {"lOl and lolly", "lOl and lolly"},
      {"in l998,", "in 1998,"},
      {"won #5O,000.",
       "won \xC2\xA3"
       "50,000."},
      {"I am Ollie", "I am Ollie"},
      {"a 1O-year term", "a 10-year term"},
      {"the 1990s, B52", "the 1990s, B52"},
      {"x2O y", "x2O y"},
  };
  for (const auto& [in, want] : cases) {
    EXPECT_EQ(NormalizeWireText(in, false).text, want) << in;
  }
  const std::string plain = "The judge, Mr Justice Smith, said: no (case) 12 - 4; ok?";
  const WireText wire = NormalizeWireText(plain);
  ASSERT_EQ(wire.text, plain);
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(wire.orig_begin[i], i);
    EXPECT_EQ(wire.orig_end[i], i + 1);
  }
}

// The block scanner finds the same end of a plain run as the byte-at-a-time one from every
// start, on random texts of the marks, look-alikes, letters and non-ASCII bytes around block
// boundaries (lengths up to three 64-byte blocks).
TEST(NormalizeWireText, BlockScannerAgreesWithTheBytewiseOne) {
  const std::string alphabet = "aZ3oOlI ,.\n<`'_#\x19\xC3\xA9";
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string text(rng() % 200, ' ');
    // Mostly plain letters, sparser or denser, so that runs cross block boundaries.
    const unsigned one_in = 2u << (rng() % 7);
    for (char& c : text) c = rng() % one_in ? 'e' : alphabet[rng() % alphabet.size()];
    for (size_t p = 0; p <= text.size(); ++p) {
      ASSERT_EQ(reuse_internal::PlainRunEnd(text, p), reuse_internal::PlainRunEndBytewise(text, p))
          << "text '" << text << "' from " << p;
    }
  }
}

// The bucketed radix sort of the fingerprint keys equals sorting and de-duplicating them all
// (std::sort, std::unique), on random fingerprints with repeats inside documents and shared
// across them.
TEST(SortedFingerprintKeys, EqualsStdSortAndUnique) {
  std::mt19937 rng(3);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::vector<uint32_t>> prints(1 + rng() % 300);
    std::vector<uint64_t> want;
    size_t total = 0;
    for (size_t d = 0; d < prints.size(); ++d) {
      for (size_t k = rng() % 200; k > 0; --k) {
        // Small values repeat (and share a top bucket); the others spread over all 32 bits.
        const uint32_t f = rng() % 3 == 0 ? static_cast<uint32_t>(rng() % 50) : rng();
        prints[d].push_back(f);
        want.push_back(uint64_t{f} << 32 | d);
        ++total;
      }
    }
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    EXPECT_EQ(reuse_internal::SortedFingerprintKeys(&prints, total), want);
    for (const auto& p : prints) EXPECT_TRUE(p.empty());
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

// Court stories: each its own words around two stock phrases of court reporting that every
// one of them uses. Two different stories that share only the stock phrases are no pair,
// however short they are; a paper that also takes a story's own words still is one.
TEST(FindReuse, StockCourtPhrasesLinkNoTwoStories) {
  const std::string stock1 = "was remanded in custody";
  const std::string stock2 = "the case was adjourned until tomorrow";
  std::vector<Document> docs;
  for (int s = 0; s < 14; ++s) {
    const std::vector<std::string> own = Words("s" + std::string(1, 'a' + s), 24);
    docs.push_back(Doc("story" + std::to_string(s),
                       Join(own, 0, 12) + " " + stock1 + " " + Join(own, 12, 24) + " " + stock2));
  }
  // Every word of both phrases is in all 14 documents: a stock word (more than 10 documents).
  Result<ReuseResult> result = FindReuse(docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_TRUE(result->pairs.empty())
      << result->pairs.size() << " pairs, first containment " << result->pairs[0].containment;
  // Without the rule the stock phrases alone give the short stories pairs (10 of 34 words).
  ReuseOptions off;
  off.min_rare_matches = 0;
  result = FindReuse(docs, off);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_FALSE(result->pairs.empty());
  // A paper that takes the first story's own first twelve words (and the stock phrases) is
  // that story's copy, and only its.
  const std::vector<std::string> own0 = Words("sa", 24);
  docs.push_back(Doc("paper", Join(own0, 0, 12) + " " + stock1 + " " +
                                  Join(Words("paper", 12), 0, 12) + " " + stock2));
  result = FindReuse(docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->pairs.size(), 1u);
  EXPECT_EQ(std::set<uint32_t>({result->pairs[0].source, result->pairs[0].derived}),
            std::set<uint32_t>({0u, 14u}));
}

// Agency copy as a wire line format: one paragraph a line, each ending in `<`.
std::string WireCopy(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) out += p + " <\n";
  return out;
}

std::set<std::pair<uint32_t, uint32_t>> Links(const ReuseResult& result) {
  std::set<std::pair<uint32_t, uint32_t>> out;
  for (const ReusePair& p : result.pairs) out.insert({p.source, p.derived});
  return out;
}

// The wire repeats yesterday's background paragraph in today's story, and a paper rewrites
// today's story: the paper took the background from today's wire story (the nearest source),
// not from yesterday's, which links to the paper only through it.
TEST(FindReuse, TodaysWireStoryExplainsYesterdaysBackground) {
  const std::vector<std::string> background = Words("bg", 20);
  const std::vector<std::string> yesterday = Words("ye", 30);
  const std::vector<std::string> today = Words("to", 30);
  const std::string b = Join(background, 0, 20);
  std::vector<Document> docs = {
      Doc("wire1", WireCopy({Join(yesterday, 0, 30), b}), Date{2000, 1, 1}),
      Doc("wire2", WireCopy({Join(today, 0, 30), b}), Date{2000, 1, 2}),
      Doc("paper", Join(today, 0, 20) + " " + b + " " + Join(Words("pa", 10), 0, 10),
          Date{2000, 1, 2})};
  Result<ReuseResult> result = FindReuse(docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Links(*result), (std::set<std::pair<uint32_t, uint32_t>>{{0, 1}, {1, 2}}));
  // With every candidate pair printed, yesterday's story is there, explained by today's.
  ReuseOptions all;
  all.min_containment = 0;
  result = FindReuse(docs, all);
  ASSERT_TRUE(result.ok()) << result.status().message();
  bool seen = false;
  for (const ReusePair& p : result->pairs) {
    if (p.source == 0 && p.derived == 2) {
      seen = true;
      EXPECT_EQ(p.explained_by, std::optional<uint32_t>(1u));
      EXPECT_EQ(p.grade, ReuseGrade::kNon);
      EXPECT_NEAR(p.containment, 20.0 / 50.0, 1e-9);  // the background's 20 of 50 words
    } else {
      EXPECT_FALSE(p.explained_by.has_value()) << p.source << " -> " << p.derived;
    }
  }
  EXPECT_TRUE(seen);
}

// A continuing case: the next day's brief repeats a six-word phrase of yesterday's wire story
// (6 of its 26 words, above the partially threshold) but took nothing else: no pair across
// days. The same phrase on the same day, or twelve words across days, is a pair.
TEST(FindReuse, TextsOfDifferentDaysNeedMoreThanAPhrase) {
  const std::vector<std::string> wire = Words("wi", 40);
  const std::vector<std::string> own = Words("br", 20);
  auto brief = [&](size_t taken, Date day) {
    return Doc("brief", Join(own, 0, 20) + " " + Join(wire, 10, 10 + taken), day);
  };
  const Document story =
      Doc("wire", WireCopy({Join(wire, 0, 20), Join(wire, 20, 40)}), Date{2000, 1, 1});
  auto pairs = [&](const Document& paper, const ReuseOptions& options) {
    Result<ReuseResult> result = FindReuse({story, paper}, options);
    EXPECT_TRUE(result.ok()) << result.status().message();
    return result.ok() ? result->pairs.size() : size_t{99};
  };
  const ReuseOptions defaults;
  ASSERT_GT(6.0 / 26.0, defaults.partially_threshold);
  EXPECT_EQ(pairs(brief(6, Date{2000, 1, 2}), defaults), 0u);
  EXPECT_EQ(pairs(brief(6, Date{2000, 1, 1}), defaults), 1u);
  EXPECT_EQ(pairs(brief(12, Date{2000, 1, 2}), defaults), 1u);
  ReuseOptions off;
  off.min_cross_day_matches = 0;
  EXPECT_EQ(pairs(brief(6, Date{2000, 1, 2}), off), 1u);
}

// A later wire take repeats thirty words a paper printed the day before (both from earlier
// wire copy): no pair. The same paper's words in a later paper are a pair, and so is the
// paper taking the wire take's words the day after it.
TEST(FindReuse, LaterWireCopyIsNotDerivedFromAnOutlet) {
  const std::vector<std::string> shared = Words("sh", 30);
  const std::string own_paper = Join(Words("pp", 30), 0, 30);
  const std::string own_wire = Join(Words("ww", 30), 0, 30);
  const std::string s = Join(shared, 0, 30);
  auto found = [](const std::vector<Document>& docs) {
    Result<ReuseResult> result = FindReuse(docs, ReuseOptions());
    EXPECT_TRUE(result.ok()) << result.status().message();
    return result.ok() ? Links(*result) : std::set<std::pair<uint32_t, uint32_t>>{{9, 9}};
  };
  const Document paper = Doc("paper", own_paper + " " + s, Date{2000, 1, 1});
  EXPECT_EQ(found({paper, Doc("wire", WireCopy({own_wire, s}), Date{2000, 1, 2})}),
            (std::set<std::pair<uint32_t, uint32_t>>{}));
  EXPECT_EQ(found({paper, Doc("paper2", own_wire + " " + s, Date{2000, 1, 2})}),
            (std::set<std::pair<uint32_t, uint32_t>>{{0, 1}}));
  EXPECT_EQ(found({Doc("wire", WireCopy({own_wire, s}), Date{2000, 1, 1}),
                   Doc("paper", own_paper + " " + s, Date{2000, 1, 2})}),
            (std::set<std::pair<uint32_t, uint32_t>>{{0, 1}}));
}

// Two outlets copy the same thirty words of one earlier story on later days: each is a copy
// of the story, not the later one a copy of the earlier copy (the same text, so the origin).
TEST(FindReuse, TwoCopiesOfOneStoryAreSiblingsNotACopyOfEachOther) {
  const std::vector<std::string> story = Words("st", 40);
  std::vector<Document> docs = {
      Doc("story", Join(story, 0, 40), Date{2000, 1, 1}),
      Doc("copy1", Join(story, 0, 30) + " " + Join(Words("ca", 10), 0, 10), Date{2000, 1, 2}),
      Doc("copy2", Join(story, 0, 30) + " " + Join(Words("cb", 10), 0, 10), Date{2000, 1, 3})};
  Result<ReuseResult> result = FindReuse(docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Links(*result), (std::set<std::pair<uint32_t, uint32_t>>{{0, 1}, {0, 2}}));
}

// The oracle: the full O(n * m) Smith-Waterman table over words (match +1, mismatch and gaps
// -1), written here independently of the banded code.
int OracleBestScore(const std::vector<uint64_t>& x, const std::vector<uint64_t>& y) {
  std::vector<std::vector<int>> h(x.size() + 1, std::vector<int>(y.size() + 1, 0));
  int best = 0;
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      int v = h[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 1 : -1);
      v = std::max(v, h[i - 1][j] - 1);
      v = std::max(v, h[i][j - 1] - 1);
      h[i][j] = std::max(v, 0);
      best = std::max(best, h[i][j]);
    }
  }
  return best;
}

// The score of an alignment recomputed from its columns.
int ColumnScore(const reuse_internal::Alignment& a, const std::vector<uint64_t>& x,
                const std::vector<uint64_t>& y) {
  int score = 0;
  for (const reuse_internal::Column& c : a.columns) {
    if (c.s < 0 || c.d < 0) {
      score -= 1;
    } else {
      EXPECT_EQ(c.match, x[c.s] == y[c.d]);
      score += x[c.s] == y[c.d] ? 1 : -1;
    }
  }
  return score;
}

// Random texts (words from a large vocabulary, so chance matches are rare) with one planted
// copy carrying substitutions, insertions and deletions at least seed + 1 words apart: the
// seed-and-extend aligner finds the best local alignment the exact table finds.
TEST(AlignWords, MatchesTheExactDynamicProgrammeOnPlantedEdits) {
  std::mt19937 rng(14);
  for (int trial = 0; trial < 200; ++trial) {
    auto word = [&] { return uint64_t{rng() % 5000 + 1}; };
    std::vector<uint64_t> source(20 + rng() % 60), derived;
    for (uint64_t& w : source) w = word();
    const size_t begin = rng() % (source.size() / 2);
    const size_t end = begin + 10 + rng() % (source.size() - begin - 9);
    for (size_t k = 0; k < 5 + rng() % 20; ++k) derived.push_back(word());
    size_t since_edit = 0;
    for (size_t i = begin; i < end; ++i) {
      const int op = static_cast<int>(rng() % 10);
      if (since_edit >= 5 && op == 0) {  // substitution
        derived.push_back(word());
        since_edit = 0;
      } else if (since_edit >= 5 && op == 1) {  // insertion
        derived.push_back(source[i]);
        derived.push_back(word());
        since_edit = 0;
      } else if (since_edit >= 5 && op == 2) {  // deletion
        since_edit = 0;
      } else {
        derived.push_back(source[i]);
        ++since_edit;
      }
    }
    for (size_t k = 0; k < rng() % 20; ++k) derived.push_back(word());
    reuse_internal::AlignOptions options;
    options.min_matches = 1;
    const std::vector<reuse_internal::Alignment> found =
        reuse_internal::AlignWords(source, derived, options);
    const int oracle = OracleBestScore(source, derived);
    int best = 0;
    for (const reuse_internal::Alignment& a : found) {
      EXPECT_EQ(ColumnScore(a, source, derived), a.score) << "trial " << trial;
      EXPECT_LE(a.score, oracle) << "trial " << trial;
      best = std::max(best, a.score);
    }
    EXPECT_EQ(best, oracle) << "trial " << trial;
  }
}

// Lower-case ASCII words of a text, an independent tokenisation for span checks.
std::vector<std::string> PlainWords(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!w.empty()) {
      out.push_back(w);
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

// A wire text (``TeX quotes'', hard-wrapped lines, `<` paragraph ends, # for a pound sign)
// and a paper printing its words plainly: the passage's spans are bytes of each original
// text, start and end on words, and hold the same words; the wire text is the source.
TEST(FindReuse, SpansMapToTheOriginalBytesOfWireCopy) {
  const std::string wire =
      "By Jo Bloggs, PA News<\n\x19"
      "A builder who stole #50,000 from pensioners was jailed for\n"
      "five years today at Bristol Crown Court after a judge called him ``a cruel and\n"
      "heartless thief'' who preyed on the trust of elderly neighbours for months.<\n";
  const std::string paper =
      "Our reporter adds. A builder who stole \xC2\xA3"
      "50,000 from pensioners was jailed for "
      "five years today at Bristol Crown Court after a judge called him \"a cruel and "
      "heartless thief\" who preyed on the trust of elderly neighbours for months. Police said.";
  std::vector<Document> docs = {Doc("paper", paper), Doc("wire", wire)};
  Result<ReuseResult> result = FindReuse(docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->pairs.size(), 1u);
  const ReusePair& pair = result->pairs[0];
  EXPECT_EQ(pair.source, 1u);
  EXPECT_EQ(pair.direction, ReuseDirection::kWire);
  ASSERT_FALSE(pair.passages.empty());
  size_t words = 0;
  for (const ReusePassage& p : pair.passages) {
    ASSERT_LT(p.source.begin, p.source.end);
    ASSERT_LE(p.source.end, wire.size());
    ASSERT_LE(p.derived.end, paper.size());
    // A passage starts on a word and ends on one or on the punctuation after it.
    auto on_word = [](const std::string& t, Span s) {
      while (s.end > s.begin && std::string_view(".,;:!?").find(t[s.end - 1]) != std::string::npos)
        --s.end;
      return std::isalnum(static_cast<unsigned char>(t[s.begin])) &&
             std::isalnum(static_cast<unsigned char>(t[s.end - 1])) &&
             (s.begin == 0 || !std::isalnum(static_cast<unsigned char>(t[s.begin - 1]))) &&
             (s.end == t.size() || !std::isalnum(static_cast<unsigned char>(t[s.end])));
    };
    EXPECT_TRUE(on_word(wire, p.source)) << wire.substr(p.source.begin, p.source.size());
    EXPECT_TRUE(on_word(paper, p.derived)) << paper.substr(p.derived.begin, p.derived.size());
    const std::vector<std::string> s = PlainWords(wire.substr(p.source.begin, p.source.size()));
    const std::vector<std::string> d = PlainWords(paper.substr(p.derived.begin, p.derived.size()));
    EXPECT_EQ(s, d);
    words += d.size();
  }
  EXPECT_EQ(words, 38u);  // the whole shared sentence, counted by hand: 38 plain words
  // The copy includes the sentence's full stop, which both texts have.
  EXPECT_EQ(paper[pair.passages.back().derived.end - 1], '.');
  EXPECT_EQ(wire[pair.passages.back().source.end - 1], '.');
}

// A passage takes in the punctuation after its last word only where both texts have it.
TEST(FindReuse, PassageEndsOnPunctuationOnlyWhenBothTextsShareIt) {
  const std::string copied = Join(Words("s", 20), 0, 20);
  const std::string tail = " " + Join(Words("t", 12), 0, 12);
  for (const auto& [source_end, derived_end, shared] :
       {std::tuple{".", ".", "."}, {";", ",", ""}, {".,", ".!", "."}}) {
    const std::string source = copied + source_end + tail;
    const std::string derived = Join(Words("u", 12), 0, 12) + " " + copied + derived_end;
    const std::vector<Document> docs = {Doc("source", source, Date{2000, 1, 1}),
                                        Doc("derived", derived, Date{2000, 1, 2})};
    const ReusePair pair = AlignReusePair(docs, 0, 1, ReuseOptions());
    ASSERT_EQ(pair.passages.size(), 1u) << source_end;
    const ReusePassage& p = pair.passages[0];
    EXPECT_EQ(source.substr(p.source.begin, p.source.size()), copied + shared) << source_end;
    EXPECT_EQ(derived.substr(p.derived.begin, p.derived.size()), copied + shared) << source_end;
  }
}

// The paper takes wire words [10, 10 + lead) and then [40, 70); wire word 39 is the same word
// as the last word of the first run, so the better (longer) alignment reaches one word back
// into the first one ("discontinuing the action" and "defending the action. The costs").
// The first keeps the rest of its words when they make a long passage on their own
// (long_passage_matches, 10), else it is dropped: every word of the paper is taken, so the
// containment is 1 with a 12-word lead, and 31 / 38 with an 8-word one (the better
// alignment holds the shared word and the 30 after it; 7 words left of the lead).
TEST(FindReuse, PassageOverlappingABetterOneByAWordKeepsTheRest) {
  for (const size_t lead : {12, 8}) {
    std::vector<std::string> wire = Words("w", 80);
    wire[39] = wire[10 + lead - 1];
    std::vector<std::string> taken(wire.begin() + 10, wire.begin() + 10 + lead);
    taken.insert(taken.end(), wire.begin() + 40, wire.begin() + 70);
    const std::vector<Document> docs = {
        Doc("wire", Join(wire, 0, wire.size()), Date{2000, 1, 1}),
        Doc("paper", Join(taken, 0, taken.size()), Date{2000, 1, 2})};
    const ReusePair pair = AlignReusePair(docs, 0, 1, ReuseOptions());
    EXPECT_EQ(pair.source, 0u);
    const double expected = lead == 12 ? 1.0 : 31.0 / 38.0;
    EXPECT_DOUBLE_EQ(pair.containment, expected) << lead;
    ASSERT_EQ(pair.passages.size(), lead == 12 ? 2u : 1u) << lead;
    if (lead == 12) {
      const std::string& paper = docs[1].text;
      EXPECT_EQ(paper.substr(pair.passages[0].derived.begin, pair.passages[0].derived.size()),
                Join(taken, 0, 11));
      EXPECT_EQ(pair.passages[1].derived.end, paper.size());
    }
  }
}

// A shared quotation inside reused narrative is a quotation passage, and the pair stands on
// its narrative; without quotation words counted, the containment drops by their share.
TEST(FindReuse, QuotationInsideReusedNarrativeIsItsOwnPassage) {
  const std::string narrative = Join(Words("n", 30), 0, 30);
  const std::string quote = "\"" + Join(Words("q", 12), 0, 12) + "\"";
  std::vector<Document> docs = {
      Doc("wire", narrative + " " + quote + " " + Join(Words("w", 10), 0, 10), Date{2000, 1, 1}),
      Doc("paper", Join(Words("p", 8), 0, 8) + " " + narrative + " " + quote, Date{2000, 1, 2})};
  Result<ReuseResult> result = FindReuse(docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->pairs.size(), 1u);
  const ReusePair& pair = result->pairs[0];
  EXPECT_EQ(pair.source, 0u);
  size_t quoted = 0, narrated = 0;
  for (const ReusePassage& p : pair.passages) {
    (p.kind == PassageKind::kQuotation ? quoted : narrated) += p.words;
  }
  EXPECT_GE(quoted, 10u);
  EXPECT_GE(narrated, 28u);
  ReuseOptions no_quotes;
  no_quotes.count_quotations = false;
  Result<ReuseResult> without = FindReuse(docs, no_quotes);
  ASSERT_TRUE(without.ok());
  ASSERT_EQ(without->pairs.size(), 1u);
  EXPECT_LT(without->pairs[0].containment, pair.containment - 0.15);
}

// The demo event's five reports were written independently: no pair at the defaults, and
// every verbatim passage of any candidate pair (--min-containment 0) holds the same words on
// both sides (no invented copy).
TEST(FindReuse, DemoEventGainsNoInventedCopy) {
  Result<Corpus> corpus = ReadInputs({testing::DemoEventDir()}, IngestOptions());
  ASSERT_TRUE(corpus.ok()) << corpus.status().message();
  Result<ReuseResult> result = FindReuse(corpus->documents, ReuseOptions());
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->pairs.empty()) << result->pairs.size();
  ReuseOptions all;
  all.min_containment = 0;
  result = FindReuse(corpus->documents, all);
  ASSERT_TRUE(result.ok());
  for (const ReusePair& pair : result->pairs) {
    EXPECT_EQ(pair.grade, ReuseGrade::kNon);
    const std::string& s = corpus->documents[pair.source].text;
    const std::string& d = corpus->documents[pair.derived].text;
    for (const ReusePassage& p : pair.passages) {
      if (p.kind != PassageKind::kVerbatim) continue;
      EXPECT_EQ(PlainWords(std::string_view(s).substr(p.source.begin, p.source.size())),
                PlainWords(std::string_view(d).substr(p.derived.begin, p.derived.size())));
    }
  }
}

// A word of letters only (no digit look-alike rules apply), distinct for every (kind, i).
std::string LetterWord(char kind, size_t i) {
  std::string w(1, kind);
  do {
    w += static_cast<char>('a' + i % 26);
    i /= 26;
  } while (i > 0);
  return w;
}

// A corpus built like generated news: every document is its own words between the same
// 24 stock phrases of 5 words, in its own order. The phrases are in every document, yet
// winnowing picks a phrase's n-grams as fingerprints in only some documents, so those
// fingerprints pass the document-frequency cap and nearly every pair shares a few of them;
// alignment then finds the phrases, scattered over the texts, as passages adding up to a
// containment above the default threshold. Planted: five documents that paste sixty words of
// an earlier one, five whole copies with three words inserted.
struct BoilerplateCorpus {
  std::vector<Document> docs;
  std::set<std::pair<uint32_t, uint32_t>> planted;  // (source, copy)
};

BoilerplateCorpus MakeBoilerplateCorpus() {
  constexpr size_t kDocs = 90, kPhrases = 24, kPhraseWords = 5, kOwnWords = 20;
  std::mt19937 rng(45);
  BoilerplateCorpus c;
  for (size_t d = 0; d < kDocs; ++d) {
    std::vector<size_t> order(kPhrases);
    for (size_t k = 0; k < kPhrases; ++k) order[k] = k;
    std::shuffle(order.begin(), order.end(), rng);
    std::string text;
    for (size_t p = 0; p < kPhrases; ++p) {
      for (size_t i = 0; i < kOwnWords; ++i)
        text += LetterWord('u', (d * kPhrases + p) * kOwnWords + i) + " ";
      for (size_t j = 0; j < kPhraseWords; ++j)
        text += LetterWord('c', order[p] * kPhraseWords + j) + (j + 1 < kPhraseWords ? " " : ". ");
    }
    c.docs.push_back(
        Doc("doc" + std::to_string(d), text, Date{2001, 5, 1 + static_cast<int>(d / 30)}));
  }
  // Sources among the first 30 documents (earliest day), copies among the last 30.
  for (uint32_t k = 0; k < 10; ++k) {
    const uint32_t source = 3 * k, copy = 60 + 3 * k;
    const std::string& from = c.docs[source].text;
    if (k < 5) {
      std::vector<std::string> words;
      std::istringstream in(from);
      for (std::string w; in >> w;) words.push_back(w);
      std::string& to = c.docs[copy].text;
      to.insert(to.find(' ', to.size() / 2), " " + Join(words, 40, 100) + " ");
    } else {
      std::string text = from;
      for (size_t at : {text.size() / 4, text.size() / 2, 3 * text.size() / 4})
        text.replace(text.find(' ', at) + 1, 0, "inserted ");
      c.docs[copy].text = text;
    }
    c.planted.insert({source, copy});
  }
  return c;
}

// The planted copies are found, with their source as source, and no pair that shares only
// stock phrases is reported; without the share filter those pairs are (so the corpus tests
// the filter, not the containment threshold).
TEST(FindReuse, PlantedCopiesAmongSharedBoilerplate) {
  const BoilerplateCorpus corpus = MakeBoilerplateCorpus();
  Result<ReuseResult> result = FindReuse(corpus.docs, ReuseOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  std::set<std::pair<uint32_t, uint32_t>> found;
  for (const ReusePair& p : result->pairs) found.insert({p.source, p.derived});
  EXPECT_EQ(found, corpus.planted);

  ReuseOptions unfiltered;
  unfiltered.min_shared_share = 0;
  unfiltered.min_rare_matches = 0;  // the stock-word rule drops boilerplate pairs too
  result = FindReuse(corpus.docs, unfiltered);
  ASSERT_TRUE(result.ok()) << result.status().message();
  size_t boilerplate_only = 0;
  for (const ReusePair& p : result->pairs)
    boilerplate_only += !corpus.planted.contains({p.source, p.derived});
  EXPECT_GT(boilerplate_only, 20u);
}

TEST(FindReuse, RejectsBadOptions) {
  ReuseOptions options;
  options.partially_threshold = 0.9;
  options.wholly_threshold = 0.5;
  EXPECT_FALSE(FindReuse({}, options).ok());
  options = ReuseOptions();
  options.seed_words = 0;
  EXPECT_FALSE(FindReuse({}, options).ok());
  options = ReuseOptions();
  options.min_shared_share = 1.5;
  Result<ReuseResult> bad = FindReuse({}, options);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("min_shared_share"), std::string::npos);
}

}  // namespace
}  // namespace crossclaim
