#include "similarity/dedup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "datasets/generator/corpus_generator.h"

namespace crossclaim {
namespace {

double OracleJaccard(const ShingleSet& a, const ShingleSet& b) {
  if (a.empty() || b.empty()) return 0;
  std::vector<uint64_t> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  return static_cast<double>(common.size()) /
         static_cast<double>(a.size() + b.size() - common.size());
}

Document Doc(std::string id, std::string text, std::optional<Date> published = std::nullopt) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.published = published;
  return d;
}

TEST(FindCopies, RejectsBadOptions) {
  DedupOptions o;
  o.threshold = 1.5;
  Result<DedupResult> r = FindCopies({}, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "DedupOptions.threshold must be in (0, 1] (got 1.500000)");
  o = DedupOptions();
  o.minhash.num_hashes = 0;
  EXPECT_EQ(FindCopies({}, o).status().message(),
            "MinHashOptions.num_hashes must be in 1..4096 (got 0)");
}

TEST(FindCopies, EdgeCases) {
  const std::string article =
      "Putin and Xi held a video call on Tuesday and discussed trade, energy and security "
      "cooperation between Moscow and Beijing for nearly two hours.";
  std::vector<Document> docs = {
      Doc("empty-1", ""),
      Doc("empty-2", "   "),
      Doc("short-1", "Talks resumed."),
      Doc("short-2", "talks RESUMED"),
      Doc("a", article, Date{2025, 1, 22}),
      Doc("b", article, Date{2025, 1, 21}),  // identical, published earlier: the origin
      Doc("ru-1", "Путин и Си Цзиньпин провели видеоконференцию и обсудили торговлю и энергетику"),
      Doc("ru-2", "Путин и Си Цзиньпин провели видеоконференцию и обсудили торговлю и энергетику"),
      Doc("zh-1", "普京与习近平举行视频通话，讨论了贸易、能源和安全合作。"),
      Doc("zh-2", "普京与习近平举行视频通话，讨论了贸易、能源和安全合作。"),
      Doc("other", "Completely unrelated text about football scores and the weather in Lisbon."),
  };
  for (MinHashMode mode : {MinHashMode::kClassic, MinHashMode::kOnePermutation}) {
    SCOPED_TRACE(static_cast<int>(mode));
    DedupOptions o;
    o.minhash.mode = mode;
    DedupResult r = *FindCopies(docs, o);
    std::vector<std::pair<std::string, std::string>> got;
    for (const CopyPair& p : r.pairs) {
      got.emplace_back(docs[p.a].id, docs[p.b].id);
      EXPECT_EQ(p.jaccard, 1.0);
      EXPECT_EQ(p.estimate, 1.0);
      EXPECT_EQ(p.span_a, (Span{0, static_cast<uint32_t>(docs[p.a].text.size())}));
    }
    std::vector<std::pair<std::string, std::string>> want = {
        {"short-1", "short-2"}, {"b", "a"}, {"ru-1", "ru-2"}, {"zh-1", "zh-2"}};
    EXPECT_EQ(got, want);
    EXPECT_EQ(r.stats.empty_units, 2u);
    ASSERT_EQ(r.groups.size(), 4u);
    EXPECT_EQ(r.groups[1], (CopyGroup{{4, 5}, 5}));  // dated "b" is the origin
    EXPECT_EQ(r.groups[2], (CopyGroup{{6, 7}, 6}));  // undated: input order
  }
}

// ~2000 generated documents with planted near-duplicates: every reported pair is at or above
// the threshold by an independent exact computation (precision 1), and at least 99% of the
// pairs 0.05 above the threshold are found (recall), in both MinHash modes.
TEST(FindCopies, RecallAndPrecisionAgainstBruteForce) {
  GeneratorOptions g;
  g.num_documents = 2000;
  g.seed = 42;
  g.near_duplicate_fraction = 0.08;
  GeneratedCorpus corpus = GenerateCorpus(g);
  Shingler shingler = *Shingler::Create({});
  std::vector<ShingleSet> sets;
  for (const Document& d : corpus.documents) sets.push_back(shingler.Shingles(d.text));
  // Exact Jaccard of every pair with a common shingle, from an inverted index (pairs with no
  // common shingle have Jaccard 0): all pairs, no sampling, independent of MinHash and LSH.
  std::map<uint64_t, std::vector<uint32_t>> postings;
  for (uint32_t i = 0; i < sets.size(); ++i) {
    for (uint64_t h : sets[i]) postings[h].push_back(i);
  }
  const size_t n = sets.size();
  std::vector<uint32_t> common(n * n, 0);  // dense pair matrix, [i * n + j] for i < j
  for (const auto& [hash, docs] : postings) {
    for (size_t x = 0; x < docs.size(); ++x) {
      for (size_t y = x + 1; y < docs.size(); ++y) ++common[docs[x] * n + docs[y]];
    }
  }
  std::map<std::pair<uint32_t, uint32_t>, double> all_truth;
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t j = i + 1; j < n; ++j) {
      const double c = common[i * n + j];
      const double jac = c / (static_cast<double>(sets[i].size() + sets[j].size()) - c);
      if (jac >= 0.6) all_truth[{i, j}] = jac;
    }
  }
  for (double threshold : {0.6, 0.8}) {
    std::map<std::pair<uint32_t, uint32_t>, double> truth;
    for (const auto& [pair, jac] : all_truth) {
      if (jac >= threshold) truth[pair] = jac;
    }
    for (MinHashMode mode : {MinHashMode::kClassic, MinHashMode::kOnePermutation}) {
      SCOPED_TRACE(testing::Message()
                   << "threshold " << threshold << " mode " << static_cast<int>(mode));
      DedupOptions o;
      o.threshold = threshold;
      o.minhash.mode = mode;
      DedupResult r = *FindCopies(corpus.documents, o);
      size_t found_high = 0, high = 0, found = 0;
      std::set<std::pair<uint32_t, uint32_t>> reported;
      for (const CopyPair& p : r.pairs) {
        auto key = std::minmax(p.a, p.b);
        reported.insert(key);
        double exact = OracleJaccard(sets[p.a], sets[p.b]);
        EXPECT_GE(exact, threshold);  // precision 1.0
        EXPECT_DOUBLE_EQ(p.jaccard, exact);
        EXPECT_TRUE(PublishedBefore(corpus.documents, p.a, p.b));
      }
      for (const auto& [pair, jac] : truth) {
        bool hit = reported.count(pair) > 0;
        found += hit;
        if (jac >= threshold + 0.05) {
          ++high;
          found_high += hit;
        }
      }
      EXPECT_EQ(reported.size(), found);  // nothing outside the truth
      ASSERT_GE(high, 50u);               // the corpus exercises the claim
      EXPECT_GE(static_cast<double>(found_high), 0.99 * static_cast<double>(high));
      EXPECT_GE(static_cast<double>(found), 0.9 * static_cast<double>(truth.size()));
      std::cout << "threshold " << threshold << " mode " << static_cast<int>(mode) << ": recall "
                << found_high << "/" << high << " (>= t+0.05), " << found << "/" << truth.size()
                << " (>= t), candidates " << r.stats.candidate_pairs << "\n";
      RecordProperty("recall_" + std::to_string(static_cast<int>(threshold * 100)) + "_" +
                         std::to_string(static_cast<int>(mode)),
                     std::to_string(static_cast<double>(found_high) / high));
    }
  }
}

TEST(FindCopies, SameResultWhateverTheThreadCount) {
  GeneratorOptions g;
  g.num_documents = 300;
  g.seed = 5;
  GeneratedCorpus corpus = GenerateCorpus(g);
  DedupOptions o;
  o.level = DedupLevel::kPassage;
  o.threads = 1;
  DedupResult one = *FindCopies(corpus.documents, o);
  o.threads = 2;
  EXPECT_EQ(*FindCopies(corpus.documents, o), one);
}

// A generated corpus where 15% of the documents paste a passage from another, and none is a
// whole near-duplicate.
GeneratedCorpus PastedPassagesCorpus(size_t documents) {
  GeneratorOptions g;
  g.num_documents = documents;
  g.seed = 9;
  g.near_duplicate_fraction = 0.0;
  g.copied_passage_fraction = 0.15;
  return GenerateCorpus(g);
}

// Every planted pasted passage is found at passage level between its source and its copy,
// the reported spans hold the same text (up to case and layout), and every passage pair is at
// or above the threshold by an independent exact computation on the spans.
TEST(FindCopies, FindsPlantedPassages) {
  GeneratedCorpus corpus = PastedPassagesCorpus(400);
  DedupOptions o;
  o.level = DedupLevel::kPassage;
  DedupResult r = *FindCopies(corpus.documents, o);
  Shingler shingler = *Shingler::Create({});
  std::set<std::pair<uint32_t, uint32_t>> pairs;
  for (const CopyPair& p : r.pairs) {
    pairs.insert({p.a, p.b});
    std::string_view ta =
        std::string_view(corpus.documents[p.a].text).substr(p.span_a.begin, p.span_a.size());
    std::string_view tb =
        std::string_view(corpus.documents[p.b].text).substr(p.span_b.begin, p.span_b.size());
    EXPECT_GE(OracleJaccard(shingler.Shingles(ta), shingler.Shingles(tb)), o.threshold)
        << ta << "\n"
        << tb;
  }
  size_t planted = 0, found = 0;
  for (const PlantedCopy& c : corpus.planted) {
    if (c.whole_document) continue;
    ++planted;
    found += pairs.count({static_cast<uint32_t>(c.source), static_cast<uint32_t>(c.copy)});
  }
  ASSERT_GE(planted, 30u);
  EXPECT_GE(static_cast<double>(found), 0.95 * static_cast<double>(planted));
  // Groups: each member pair is connected and the origin is the earliest member.
  for (const CopyGroup& group : r.groups) {
    ASSERT_GE(group.members.size(), 2u);
    for (uint32_t m : group.members) {
      if (m != group.origin) {
        EXPECT_TRUE(PublishedBefore(corpus.documents, group.origin, m));
      }
    }
  }
}

// A DocumentPasses over `documents` in batches of `batch` documents, counting the reads.
DocumentPasses BatchedReads(const std::vector<Document>& documents, size_t batch, int* reads) {
  return [&documents, batch, reads](const DocumentBatchVisitor& visit) -> Status {
    ++*reads;
    for (size_t begin = 0; begin < documents.size(); begin += batch) {
      const size_t size = std::min(batch, documents.size() - begin);
      if (Status s = visit(std::span<const Document>(documents).subspan(begin, size)); !s.ok())
        return s;
    }
    return Status::Ok();
  };
}

// Streamed over two reads in batches of any size, the copies are the ones brute-force exact
// Jaccard finds over the whole corpus, and the same as FindCopies on the corpus in memory.
TEST(FindCopiesStreamed, BatchSizeDoesNotChangeTheCopies) {
  GeneratorOptions g;
  g.num_documents = 400;
  g.seed = 21;
  GeneratedCorpus corpus = GenerateCorpus(g);
  const std::vector<Document>& docs = corpus.documents;
  DedupOptions o;
  Shingler shingler = *Shingler::Create(o.shingles);
  std::vector<ShingleSet> sets;
  for (const Document& d : docs) sets.push_back(shingler.Shingles(d.text));
  std::set<std::pair<uint32_t, uint32_t>> clear_copies;  // exact Jaccard >= threshold + 0.05
  for (uint32_t i = 0; i < docs.size(); ++i) {
    for (uint32_t j = i + 1; j < docs.size(); ++j) {
      if (OracleJaccard(sets[i], sets[j]) >= o.threshold + 0.05) clear_copies.insert({i, j});
    }
  }
  ASSERT_GE(clear_copies.size(), 10u);
  const DedupResult in_memory = *FindCopies(docs, o);
  for (size_t batch : {size_t{1}, size_t{37}, size_t{4096}}) {
    int reads = 0;
    std::vector<Document> headers;
    Result<DedupResult> streamed =
        FindCopiesStreamed(BatchedReads(docs, batch, &reads), o, &headers);
    ASSERT_TRUE(streamed.ok()) << streamed.status().message();
    EXPECT_EQ(reads, 2);
    EXPECT_EQ(*streamed, in_memory) << "batch " << batch;
    std::set<std::pair<uint32_t, uint32_t>> found;
    for (const CopyPair& p : streamed->pairs) {
      EXPECT_GE(OracleJaccard(sets[p.a], sets[p.b]), o.threshold);
      found.insert({std::min(p.a, p.b), std::max(p.a, p.b)});
    }
    for (const auto& pair : clear_copies) EXPECT_EQ(found.count(pair), 1u) << batch;
    ASSERT_EQ(headers.size(), docs.size());
    for (size_t d = 0; d < docs.size(); ++d) {
      EXPECT_EQ(headers[d].id, docs[d].id);
      EXPECT_EQ(headers[d].published, docs[d].published);
      EXPECT_TRUE(headers[d].text.empty());
    }
  }
}

// A DocumentFetcher over `documents` handing the asked ones in batches of `batch`, noting
// which were asked for.
DocumentFetcher BatchedFetch(const std::vector<Document>& documents, size_t batch,
                             std::vector<uint32_t>* asked) {
  return [&documents, batch, asked](std::span<const uint32_t> indices,
                                    const DocumentBatchVisitor& visit) -> Status {
    asked->assign(indices.begin(), indices.end());
    std::vector<Document> chunk;
    for (size_t i = 0; i < indices.size(); ++i) {
      chunk.push_back(documents[indices[i]]);
      if (chunk.size() == batch || i + 1 == indices.size()) {
        if (Status s = visit(chunk); !s.ok()) return s;
        chunk.clear();
      }
    }
    return Status::Ok();
  };
}

// With a fetcher the second pass asks only for the documents of candidate pairs (every
// document of a verified pair among them, ascending, far fewer than the corpus), reads once,
// and finds what FindCopies finds, at both levels; a fetch that hands other documents is
// an error.
TEST(FindCopiesStreamed, FetchingTheCandidatesGivesTheSameCopies) {
  GeneratorOptions g;
  g.num_documents = 400;
  g.seed = 21;
  const std::vector<Document> docs = GenerateCorpus(g).documents;
  for (DedupLevel level : {DedupLevel::kDocument, DedupLevel::kPassage}) {
    DedupOptions o;
    o.level = level;
    for (size_t batch : {size_t{1}, size_t{37}}) {
      int reads = 0;
      std::vector<uint32_t> asked;
      std::vector<Document> headers;
      Result<DedupResult> fetched = FindCopiesStreamed(BatchedReads(docs, 50, &reads), o, &headers,
                                                       BatchedFetch(docs, batch, &asked));
      ASSERT_TRUE(fetched.ok()) << fetched.status().message();
      EXPECT_EQ(*fetched, *FindCopies(docs, o));
      EXPECT_EQ(reads, 1);
      EXPECT_TRUE(std::is_sorted(asked.begin(), asked.end()));
      EXPECT_LT(asked.size(), docs.size() / 2);
      ASSERT_FALSE(fetched->pairs.empty());
      for (const CopyPair& p : fetched->pairs) {
        EXPECT_TRUE(std::binary_search(asked.begin(), asked.end(), p.a));
        EXPECT_TRUE(std::binary_search(asked.begin(), asked.end(), p.b));
      }
    }
  }
  int reads = 0;
  std::vector<Document> headers;
  DocumentFetcher wrong = [&](std::span<const uint32_t> indices,
                              const DocumentBatchVisitor& visit) {
    std::vector<Document> shifted;
    for (uint32_t i : indices) shifted.push_back(docs[(i + 1) % docs.size()]);
    return visit(shifted);
  };
  Result<DedupResult> r =
      FindCopiesStreamed(BatchedReads(docs, 50, &reads), DedupOptions(), &headers, wrong);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
}

// At passage level the documents in a pair keep their text (the excerpts quote it), the
// others do not.
TEST(FindCopiesStreamed, PassageLevelKeepsTheTextOfCopies) {
  GeneratedCorpus corpus = PastedPassagesCorpus(150);
  DedupOptions o;
  o.level = DedupLevel::kPassage;
  int reads = 0;
  std::vector<Document> headers;
  DedupResult streamed =
      *FindCopiesStreamed(BatchedReads(corpus.documents, 13, &reads), o, &headers);
  EXPECT_EQ(streamed, *FindCopies(corpus.documents, o));
  ASSERT_FALSE(streamed.pairs.empty());
  std::set<uint32_t> in_pair;
  for (const CopyPair& p : streamed.pairs) in_pair.insert({p.a, p.b});
  for (uint32_t d = 0; d < headers.size(); ++d) {
    EXPECT_EQ(headers[d].text, in_pair.count(d) ? corpus.documents[d].text : "") << d;
  }
}

// A second read that does not give the documents of the first is an error, not a wrong answer.
TEST(FindCopiesStreamed, InputChangedBetweenReadsIsAnError) {
  std::vector<Document> first = {Doc("a", "one two three four five six"),
                                 Doc("b", "one two three four five six")};
  for (const std::vector<Document>& second :
       {std::vector<Document>{first[0]}, std::vector<Document>{first[0], Doc("c", "x y z")},
        std::vector<Document>{first[0], first[1], first[1]}}) {
    int reads = 0;
    DocumentPasses read = [&](const DocumentBatchVisitor& visit) {
      return visit(reads++ == 0 ? first : second);
    };
    std::vector<Document> headers;
    Result<DedupResult> r = FindCopiesStreamed(read, DedupOptions(), &headers);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(r.status().message().find("changed between its two reads"), std::string::npos);
  }
  // A reading error is passed on.
  DocumentPasses failing = [](const DocumentBatchVisitor&) { return NotFound("gone.jsonl"); };
  std::vector<Document> headers;
  EXPECT_EQ(FindCopiesStreamed(failing, DedupOptions(), &headers).status().message(), "gone.jsonl");
}

TEST(Generator, DeterministicAndPlantsCopies) {
  GeneratorOptions g;
  g.num_documents = 500;
  g.seed = 3;
  GeneratedCorpus a = GenerateCorpus(g), b = GenerateCorpus(g);
  EXPECT_EQ(a.documents, b.documents);
  ASSERT_EQ(a.planted.size(), b.planted.size());
  g.seed = 4;
  EXPECT_NE(GenerateCorpus(g).documents[0].text, a.documents[0].text);
  EXPECT_EQ(GenerateSentences(7, 50), GenerateSentences(7, 50));
  EXPECT_NE(GenerateSentences(7, 50), GenerateSentences(8, 50));

  size_t bytes = 0;
  for (const Document& d : a.documents) bytes += d.text.size();
  EXPECT_GT(bytes / a.documents.size(), 1500u);
  EXPECT_LT(bytes / a.documents.size(), 5000u);
  Shingler shingler = *Shingler::Create({});
  size_t near = 0;
  for (const PlantedCopy& c : a.planted) {
    ASSERT_LT(c.source, c.copy);
    EXPECT_LE(*a.documents[c.source].published, *a.documents[c.copy].published);
    double j = OracleJaccard(shingler.Shingles(a.documents[c.source].text),
                             shingler.Shingles(a.documents[c.copy].text));
    if (c.whole_document) {
      ++near;
      EXPECT_GT(j, 0.5);
    }
  }
  // 5% near-duplicates planted by default, 500 documents: 25 expected.
  EXPECT_GT(near, 10u);
  EXPECT_LT(near, 45u);
}

// The origin rule worked out by hand: dated before undated, then the earlier day, then the
// lower index; the key gives the same order for every pair.
TEST(PublishedBefore, DatedFirstThenEarlierDayThenLowerIndex) {
  std::vector<Document> documents(5);
  documents[0].published = Date{2025, 1, 22};
  documents[2].published = Date{2024, 12, 31};
  documents[3].published = Date{2025, 1, 22};
  const std::vector<uint32_t> expected = {2, 0, 3, 1, 4};  // earliest first
  for (size_t x = 0; x < expected.size(); ++x) {
    for (size_t y = 0; y < expected.size(); ++y) {
      const uint32_t i = expected[x], j = expected[y];
      EXPECT_EQ(PublishedBefore(documents, i, j), x < y) << i << " vs " << j;
      EXPECT_EQ(std::pair(PublicationKey(documents[i].published), i) <
                    std::pair(PublicationKey(documents[j].published), j),
                x < y);
    }
  }
}

}  // namespace
}  // namespace crossclaim
