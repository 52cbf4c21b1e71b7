#include "index/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/text.h"
#include "datasets/generator/corpus_generator.h"
#include "similarity/dedup.h"
#include "similarity/shingle.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::Not;

std::vector<Document> Generated(size_t n, uint64_t seed) {
  GeneratorOptions options;
  options.num_documents = n;
  options.seed = seed;
  options.near_duplicate_fraction = 0.1;
  return GenerateCorpus(options).documents;
}

IndexStore OpenOrDie(const std::string& dir) {
  Result<IndexStore> store = IndexStore::Create({.dir = dir, .create_if_missing = true});
  EXPECT_TRUE(store.ok()) << store.status().message();
  return std::move(*store);
}

// Brute-force exact Jaccard of two texts' word 5-gram sets.
double ExactJaccard(const std::string& a, const std::string& b) {
  Result<Shingler> shingler = Shingler::Create({});
  return Jaccard(shingler->Shingles(a), shingler->Shingles(b));
}

TEST(IndexStoreTest, QueryGivesTheBatchPairsAcrossIndexAndQuery) {
  std::vector<Document> docs = Generated(600, 3);
  const size_t split = 400;
  std::vector<Document> old_docs(docs.begin(), docs.begin() + split);
  std::vector<Document> new_docs(docs.begin() + split, docs.end());
  IndexStore store = OpenOrDie(testing::ScratchDir("index_batch"));
  ASSERT_TRUE(store.Add(old_docs, Date{2025, 3, 1}).ok());
  Result<std::vector<IndexMatch>> matches = store.Query(new_docs, 0.8);
  ASSERT_TRUE(matches.ok()) << matches.status().message();

  Result<DedupResult> batch = FindCopies(docs, DedupOptions{});
  ASSERT_TRUE(batch.ok());
  std::set<std::pair<std::string, std::string>> expected;  // (query, indexed)
  for (const CopyPair& p : batch->pairs) {
    uint32_t lo = std::min(p.a, p.b), hi = std::max(p.a, p.b);
    if (lo < split && hi >= split) expected.insert({docs[hi].id, docs[lo].id});
  }
  std::set<std::pair<std::string, std::string>> got;
  for (const IndexMatch& m : *matches) {
    got.insert({m.query_id, m.indexed_id});
    EXPECT_GE(m.jaccard, 0.8);
    // The reported Jaccard is the exact one, recomputed here from the raw texts.
    auto text = [&](const std::string& id) {
      return std::find_if(docs.begin(), docs.end(), [&](const Document& d) { return d.id == id; })
          ->text;
    };
    EXPECT_NEAR(m.jaccard, ExactJaccard(text(m.query_id), text(m.indexed_id)), 1e-12);
  }
  EXPECT_THAT(expected, Not(IsEmpty()));
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got.size(), matches->size());  // no pair twice
}

// The stored copies equal FindCopies over the same documents in the same order: pairs
// (direction, exact Jaccard, estimate) and groups.
void ExpectCopiesOfBatchRun(const IndexCopies& copies, const std::vector<Document>& docs) {
  ASSERT_EQ(copies.documents.size(), docs.size());
  for (size_t d = 0; d < docs.size(); ++d) EXPECT_EQ(copies.documents[d].id, docs[d].id);
  Result<DedupResult> batch = FindCopies(docs, DedupOptions{});
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(copies.pairs.size(), batch->pairs.size());
  for (size_t i = 0; i < copies.pairs.size(); ++i) {
    const CopyPair &got = copies.pairs[i], &want = batch->pairs[i];
    EXPECT_EQ(std::tie(got.a, got.b), std::tie(want.a, want.b)) << i;
    EXPECT_EQ(got.jaccard, want.jaccard) << i;
    EXPECT_EQ(got.estimate, want.estimate) << i;
  }
  EXPECT_EQ(copies.groups, batch->groups);
}

TEST(IndexStoreTest, CopiesEqualTheBatchRunAcrossBatchesAndAdds) {
  std::vector<Document> docs = Generated(900, 5);
  IndexStore store = OpenOrDie(testing::ScratchDir("index_copies"));
  {
    Result<std::unique_ptr<IndexStore::Adder>> adder = store.BeginAdd(Date{2025, 3, 1});
    ASSERT_TRUE(adder.ok());
    for (size_t begin = 0; begin < 600; begin += 250) {
      std::vector<Document> batch(docs.begin() + begin,
                                  docs.begin() + std::min<size_t>(begin + 250, 600));
      ASSERT_TRUE((*adder)->Add(batch).ok());
    }
    ASSERT_TRUE((*adder)->Commit().ok());
    EXPECT_EQ((*adder)->added(), 600u);
  }
  ASSERT_TRUE(store.Add({docs.begin() + 600, docs.end()}, Date{2025, 3, 2}).ok());
  Result<IndexCopies> copies = store.Copies();
  ASSERT_TRUE(copies.ok()) << copies.status().message();
  EXPECT_THAT(copies->groups, Not(IsEmpty()));
  ExpectCopiesOfBatchRun(*copies, docs);
  Result<IndexStats> stats = store.Stats();
  EXPECT_EQ(stats->copy_pairs, copies->pairs.size());
}

TEST(IndexStoreTest, AnAdderNotCommittedLeavesNothing) {
  std::vector<Document> docs = Generated(200, 6);
  IndexStore store = OpenOrDie(testing::ScratchDir("index_rollback"));
  {
    Result<std::unique_ptr<IndexStore::Adder>> adder = store.BeginAdd(Date{2025, 3, 1});
    ASSERT_TRUE(adder.ok());
    ASSERT_TRUE((*adder)->Add(docs).ok());
    EXPECT_EQ((*adder)->added(), 200u);
  }  // destroyed without Commit()
  Result<IndexStats> stats = store.Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 0u);
  EXPECT_EQ(stats->copy_pairs, 0u);
  EXPECT_EQ(stats->terms, 0u);
  ASSERT_TRUE(store.Add(docs, Date{2025, 3, 1}).ok());  // the index is usable afterwards
  EXPECT_EQ(store.Stats()->documents, 200u);
}

TEST(IndexStoreTest, PruneDropsTheCopiesOfRemovedDocuments) {
  std::vector<Document> docs = Generated(700, 8);
  IndexStore store = OpenOrDie(testing::ScratchDir("index_prune_copies"));
  ASSERT_TRUE(store.Add(docs, Date{2025, 3, 1}).ok());
  std::vector<Date> dates;
  for (const Document& d : docs) {
    if (d.published) dates.push_back(*d.published);
  }
  ASSERT_FALSE(dates.empty());
  std::sort(dates.begin(), dates.end());
  const Date cutoff = dates[dates.size() / 2];
  ASSERT_TRUE(store.Prune(cutoff).ok());
  std::vector<Document> kept;
  for (const Document& d : docs) {
    if (d.published ? !(*d.published < cutoff) : !(Date{2025, 3, 1} < cutoff)) kept.push_back(d);
  }
  ASSERT_LT(kept.size(), docs.size());
  Result<IndexCopies> copies = store.Copies();
  ASSERT_TRUE(copies.ok());
  ExpectCopiesOfBatchRun(*copies, kept);
}

TEST(IndexStoreTest, DocumentsInAWindowInTheOrderAdded) {
  std::vector<Document> docs = Generated(120, 9);
  IndexStore store = OpenOrDie(testing::ScratchDir("index_window"));
  ASSERT_TRUE(store.Add(docs, Date{2025, 3, 1}).ok());
  Result<std::vector<Document>> all = store.Documents({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    EXPECT_EQ((*all)[d].id, docs[d].id);
    EXPECT_EQ((*all)[d].text, docs[d].text);
    EXPECT_EQ((*all)[d].title, docs[d].title);
    EXPECT_EQ((*all)[d].outlet, docs[d].outlet);
    EXPECT_EQ((*all)[d].published, docs[d].published);
  }
  const Date since{2025, 1, 10}, until{2025, 1, 20};
  Result<std::vector<Document>> window = store.Documents({since, until});
  ASSERT_TRUE(window.ok());
  std::vector<std::string> want, got;
  for (const Document& d : docs) {
    const Date day = d.published.value_or(Date{2025, 3, 1});
    if (!(day < since) && !(until < day)) want.push_back(d.id);
  }
  for (const Document& d : *window) got.push_back(d.id);
  EXPECT_THAT(want, Not(IsEmpty()));
  EXPECT_LT(want.size(), docs.size());
  EXPECT_EQ(got, want);
}

TEST(IndexStoreTest, DuplicateIdsAreSkippedAndReopeningPersists) {
  std::string dir = testing::ScratchDir("index_reopen");
  std::vector<Document> docs = Generated(120, 5);
  std::vector<std::string> ids;
  for (const Document& d : docs) ids.push_back(d.id);
  std::sort(ids.begin(), ids.end());
  {
    IndexStore store = OpenOrDie(dir);
    std::vector<Document> first(docs.begin(), docs.begin() + 80);
    ASSERT_TRUE(store.Add(first, Date{2025, 3, 1}).ok());
    Result<AddResult> again = store.Add(docs, Date{2025, 3, 2});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->added.size(), 40u);
    ASSERT_EQ(again->skipped_duplicates.size(), 80u);
    EXPECT_EQ(again->skipped_duplicates.front(), docs[0].id);
  }
  Result<IndexStore> reopened = IndexStore::Create({.dir = dir});
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  Result<std::vector<std::string>> stored = reopened->Ids();
  ASSERT_TRUE(stored.ok());
  EXPECT_THAT(*stored, ElementsAreArray(ids));
  Result<IndexStats> stats = reopened->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, docs.size());
  EXPECT_EQ(stats->band_keys, docs.size() * stats->banding.bands);
  EXPECT_EQ(stats->schema, kIndexSchema);
}

TEST(IndexStoreTest, PruneRemovesExactlyTheOldDocumentsAndTheirFrequencies) {
  std::vector<Document> docs = Generated(200, 9);
  for (size_t i = 0; i < docs.size(); i += 7) docs[i].published.reset();  // dated by added_on
  const Date added_on{2025, 1, 20};
  const Date cutoff{2025, 1, 16};
  IndexStore store = OpenOrDie(testing::ScratchDir("index_prune"));
  ASSERT_TRUE(store.Add(docs, added_on).ok());

  std::vector<std::string> kept;
  std::map<std::string, uint64_t> df;  // oracle: distinct tokens of the kept documents
  size_t removed = 0;
  for (const Document& d : docs) {
    if (d.published.value_or(added_on) < cutoff) {
      ++removed;
      continue;
    }
    kept.push_back(d.id);
    TokenizedText tokens;
    Tokenize(d.text, &tokens);
    std::set<std::string> terms;
    for (size_t t = 0; t < tokens.size(); ++t) terms.insert(std::string(tokens.norm(t)));
    for (const std::string& term : terms) ++df[term];
  }
  std::sort(kept.begin(), kept.end());
  ASSERT_GT(removed, 0u);
  ASSERT_GT(kept.size(), 0u);

  Result<size_t> pruned = store.Prune(cutoff);
  ASSERT_TRUE(pruned.ok()) << pruned.status().message();
  EXPECT_EQ(*pruned, removed);
  Result<std::vector<std::string>> ids = store.Ids();
  ASSERT_TRUE(ids.ok());
  EXPECT_THAT(*ids, ElementsAreArray(kept));
  Result<IndexStats> stats = store.Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->terms, df.size());
  EXPECT_EQ(stats->band_keys, kept.size() * stats->banding.bands);
  for (const auto& [term, count] : df) {
    Result<uint64_t> got = store.DocumentFrequency(term);
    ASSERT_TRUE(got.ok());
    ASSERT_EQ(*got, count) << term;
  }
  // A pruned document is no longer found, even by an exact copy of itself.
  std::vector<Document> probes;
  for (const Document& d : docs) {
    if (d.published.value_or(added_on) < cutoff) {
      Document copy = d;
      copy.id = "probe-" + d.id;
      probes.push_back(copy);
    }
  }
  Result<std::vector<IndexMatch>> matches = store.Query(probes, 0.8);
  ASSERT_TRUE(matches.ok());
  for (const IndexMatch& m : *matches) {
    EXPECT_NE("probe-" + m.indexed_id, m.query_id);
  }
}

TEST(IndexStoreTest, ClearErrors) {
  std::string dir = testing::ScratchDir("index_errors");
  Result<IndexStore> missing = IndexStore::Create({.dir = dir + "/none"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), ::testing::HasSubstr("no index"));

  Result<IndexStore> bad =
      IndexStore::Create({.dir = dir, .create_if_missing = true, .threshold = 1.5});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);

  { OpenOrDie(dir); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/crossclaim.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE meta SET value = 'crossclaim.index/99' WHERE key = 'schema'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Result<IndexStore> wrong = IndexStore::Create({.dir = dir});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(wrong.status().message(), ::testing::HasSubstr("crossclaim.index/99"));

  std::string junk = testing::ScratchDir("index_junk");
  testing::WriteFile(junk + "/crossclaim.db", "this is not a database, just some text\n");
  Result<IndexStore> not_db = IndexStore::Create({.dir = junk});
  ASSERT_FALSE(not_db.ok());
  EXPECT_EQ(not_db.status().code(), StatusCode::kDataLoss);
}

size_t CountDocuments(const std::string& dir) {
  Result<IndexStore> store = IndexStore::Create({.dir = dir});
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return 0;
  Result<IndexStats> stats = store->Stats();
  EXPECT_TRUE(stats.ok());
  return stats.ok() ? stats->documents : 0;
}

// Writes documents [0, split) to dir/old.jsonl and the rest to dir/new.jsonl.
void SaveSplit(const std::vector<Document>& docs, size_t split, const std::string& dir) {
  std::vector<Document> old_docs(docs.begin(), docs.begin() + split);
  std::vector<Document> new_docs(docs.begin() + split, docs.end());
  ASSERT_TRUE(SaveJsonLines(old_docs, dir + "/old.jsonl").ok());
  ASSERT_TRUE(SaveJsonLines(new_docs, dir + "/new.jsonl").ok());
}

TEST(IndexCliTest, AddQueryPruneStats) {
  std::string dir = testing::ScratchDir("index_cli");
  std::vector<Document> docs = Generated(300, 11);
  SaveSplit(docs, 200, dir);
  std::vector<Document> new_docs(docs.begin() + 200, docs.end());
  const std::string bin = testing::CrossclaimBin();
  const std::string index = dir + "/idx";

  testing::CommandOutput add =
      testing::RunCommand(bin + " index add " + index + " " + dir + "/old.jsonl");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_EQ(nlohmann::json::parse(add.out)["added"], 200);
  testing::CommandOutput again =
      testing::RunCommand(bin + " index add " + index + " " + dir + "/old.jsonl");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("\"type\":\"skipped\""), std::string::npos);

  // The query output equals the library's answer on the same documents.
  testing::CommandOutput query =
      testing::RunCommand(bin + " index query " + index + " " + dir + "/new.jsonl");
  ASSERT_EQ(query.exit_code, 0) << query.err;
  std::vector<std::pair<std::string, std::string>> cli_pairs;
  std::istringstream lines(query.out);
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    cli_pairs.emplace_back(j["query"], j["indexed"]);
  }
  std::vector<std::pair<std::string, std::string>> lib_pairs;
  {
    Result<IndexStore> store = IndexStore::Create({.dir = index});
    ASSERT_TRUE(store.ok());
    Result<std::vector<IndexMatch>> matches = store->Query(new_docs, 0.8);
    ASSERT_TRUE(matches.ok());
    for (const IndexMatch& m : *matches) lib_pairs.emplace_back(m.query_id, m.indexed_id);
  }
  EXPECT_THAT(lib_pairs, Not(IsEmpty()));
  EXPECT_EQ(cli_pairs, lib_pairs);

  testing::CommandOutput stats = testing::RunCommand(bin + " index stats " + index);
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(nlohmann::json::parse(stats.out)["documents"], 200);

  // Generated documents are dated 2025: a 30-day window today drops them all.
  testing::CommandOutput prune =
      testing::RunCommand(bin + " index prune " + index + " --older-than 30d");
  ASSERT_EQ(prune.exit_code, 0) << prune.err;
  EXPECT_EQ(nlohmann::json::parse(prune.out)["removed"], 200);
  EXPECT_EQ(CountDocuments(index), 0u);

  testing::CommandOutput bad =
      testing::RunCommand(bin + " index prune " + index + " --older-than 30");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--older-than"), std::string::npos);
  testing::CommandOutput none = testing::RunCommand(bin + " index stats " + dir + "/nothing");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("no index"), std::string::npos);
}

TEST(IndexCliTest, GroupsPrintWhatDedupPrintsOverTheSameArticles) {
  std::string dir = testing::ScratchDir("index_groups");
  std::vector<Document> docs = Generated(500, 21);
  SaveSplit(docs, 300, dir);
  const std::string index = dir + "/idx";
  ASSERT_EQ(testing::RunCrossclaim("index add " + index + " " + dir + "/old.jsonl").exit_code, 0);
  ASSERT_EQ(testing::RunCrossclaim("index add " + index + " " + dir + "/new.jsonl").exit_code, 0);
  testing::CommandOutput groups = testing::RunCrossclaim("index groups " + index);
  ASSERT_EQ(groups.exit_code, 0) << groups.err;
  testing::CommandOutput dedup = testing::RunCrossclaim("dedup --mode classic --format jsonl " +
                                                        dir + "/old.jsonl " + dir + "/new.jsonl");
  ASSERT_EQ(dedup.exit_code, 0) << dedup.err;
  EXPECT_NE(dedup.out.find("\"type\":\"group\""), std::string::npos);
  EXPECT_EQ(groups.out, dedup.out);
}

// report.json without what differs between runs (the time and the timings).
nlohmann::json StableReport(const std::string& path) {
  nlohmann::json report = nlohmann::json::parse(testing::ReadFile(path));
  report.erase("generated_at");
  report["stats"].erase("timings");
  return report;
}

TEST(IndexCliTest, ReportFromTheIndexEqualsTheReportFromTheArticles) {
  std::string dir = testing::ScratchDir("index_report");
  const std::string index = dir + "/idx";
  const std::string demo = testing::DemoEventDir();
  ASSERT_EQ(testing::RunCrossclaim("index add " + index + " " + demo).exit_code, 0);
  testing::CommandOutput from_index =
      testing::RunCrossclaim("report --index " + index + " -o " + dir + "/a");
  ASSERT_EQ(from_index.exit_code, 0) << from_index.err;
  testing::CommandOutput from_input =
      testing::RunCrossclaim("report " + demo + " -o " + dir + "/b");
  ASSERT_EQ(from_input.exit_code, 0) << from_input.err;
  nlohmann::json a = StableReport(dir + "/a/report.json");
  EXPECT_EQ(a["documents"].size(), 5u);
  // A JSON patch from one to the other: empty when equal, and short to read when not.
  EXPECT_EQ(nlohmann::json::diff(a, StableReport(dir + "/b/report.json")), nlohmann::json::array());

  // --event keeps the events with an article holding every word; none is an error that
  // lists the events.
  testing::CommandOutput putin = testing::RunCrossclaim(
      "report --index " + index + " --one-event --event 'Putin Xi' -o " + dir + "/c");
  ASSERT_EQ(putin.exit_code, 0) << putin.err;
  EXPECT_EQ(nlohmann::json::diff(StableReport(dir + "/c/report.json"), a), nlohmann::json::array());
  testing::CommandOutput none =
      testing::RunCrossclaim("report --index " + index + " --event earthquake -o " + dir + "/d");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("no event has an article containing every word of 'earthquake'"),
            std::string::npos)
      << none.err;
  EXPECT_NE(none.err.find("event-1: "), std::string::npos) << none.err;
  // A window before the event holds nothing.
  testing::CommandOutput empty =
      testing::RunCrossclaim("report --index " + index + " --until 2024-12-31 -o " + dir + "/e");
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_NE(empty.err.find("no document in the index's window"), std::string::npos) << empty.err;
  testing::CommandOutput bad_date =
      testing::RunCrossclaim("report --index " + index + " --since 21/01/2025 -o " + dir + "/f");
  EXPECT_NE(bad_date.exit_code, 0);
  EXPECT_NE(bad_date.err.find("--since must be a date YYYY-MM-DD"), std::string::npos);
}

// Kills `index add` with SIGKILL while its transaction is open (the rollback journal exists)
// and checks the index still opens and holds the documents of before, or all of them if the
// commit won the race: never a part.
TEST(IndexCliTest, KilledAddLeavesThePreviousIndex) {
  std::string dir = testing::ScratchDir("index_crash");
  std::vector<Document> docs = Generated(6100, 13);
  const size_t first = 100;
  SaveSplit(docs, first, dir);
  const std::string bin = testing::CrossclaimBin();
  const std::string index = dir + "/idx";
  ASSERT_EQ(testing::RunCommand(bin + " index add " + index + " " + dir + "/old.jsonl").exit_code,
            0);
  ASSERT_EQ(CountDocuments(index), first);

  const std::string journal = index + "/crossclaim.db-journal";
  testing::CommandOutput run = testing::RunCommand(
      "(" + bin + " index add " + index + " " + dir + "/new.jsonl & pid=$!; i=0; " +
      "while [ ! -e " + journal + " ] && kill -0 $pid 2>/dev/null && [ $i -lt 6000 ]; do " +
      "sleep 0.01; i=$((i+1)); done; kill -9 $pid 2>/dev/null; wait $pid; echo $?)");
  int status = std::stoi(run.out);
  size_t count = CountDocuments(index);
  if (status == 137) {
    EXPECT_TRUE(count == first || count == docs.size()) << count;
  } else {
    // The add finished before the kill: everything is there.
    EXPECT_EQ(count, docs.size());
  }
  EXPECT_TRUE(status == 137 || status == 0) << status;
  std::cerr << "index add exit status " << status << ", documents after: " << count << "\n";
  // A later add of the same input completes the index.
  ASSERT_EQ(testing::RunCommand(bin + " index add " + index + " " + dir + "/new.jsonl").exit_code,
            0);
  EXPECT_EQ(CountDocuments(index), docs.size());
}

}  // namespace
}  // namespace crossclaim

namespace crossclaim {
namespace {

Document PageLikeDocument() {
  Document doc;
  doc.id = "page-1";
  doc.outlet = "The Riverside Gazette";
  doc.url = "https://riverside.example/a";
  doc.published = Date{2024, 3, 1};
  doc.title = "Kettle factory approved";
  doc.source = "PA News";
  doc.author = "Ada Lovelace";
  doc.text = "The town council voted on Friday to approve a new kettle factory on the old yard.";
  doc.metadata_source = {.outlet = "json-ld:publisher.name",
                         .url = "input",
                         .published = "meta:article:published_time",
                         .title = "json-ld:headline",
                         .author = "json-ld:author",
                         .source = "input"};
  return doc;
}

TEST(IndexStoreTest, KeepsSourceAuthorAndMetadataSource) {
  std::string dir = testing::ScratchDir("index_page_fields");
  IndexStore store = OpenOrDie(dir);
  ASSERT_TRUE(store.Add({PageLikeDocument()}, Date{2025, 3, 1}).ok());
  Result<std::vector<Document>> docs = store.Documents({});
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ(docs->front(), PageLikeDocument());
}

// An index written before documents had source/author/metadata_source (schema /2) opens,
// is migrated in place, keeps its documents and takes new ones.
TEST(IndexStoreTest, MigratesThePreviousSchema) {
  std::string dir = testing::ScratchDir("index_migrate");
  Document old_doc = PageLikeDocument();
  old_doc.id = "old";
  {
    IndexStore store = OpenOrDie(dir);
    ASSERT_TRUE(store.Add({old_doc}, Date{2025, 3, 1}).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/crossclaim.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "ALTER TABLE documents DROP COLUMN source;"
                         "ALTER TABLE documents DROP COLUMN author;"
                         "ALTER TABLE documents DROP COLUMN metadata_source;"
                         "UPDATE meta SET value = 'crossclaim.index/2' WHERE key = 'schema'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Result<IndexStore> store = IndexStore::Create({.dir = dir});
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE(store->Add({PageLikeDocument()}, Date{2025, 3, 2}).ok());
  ASSERT_EQ(sqlite3_open((dir + "/crossclaim.db").c_str(), &db), SQLITE_OK);
  std::string schema;
  sqlite3_exec(
      db, "SELECT value FROM meta WHERE key = 'schema'",
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) = values[0];
        return 0;
      },
      &schema, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(schema, "crossclaim.index/3");
  Result<std::vector<Document>> docs = store->Documents({});
  ASSERT_TRUE(docs.ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 2u);
  Document migrated = old_doc;  // what schema /2 held: no source, author or origins
  migrated.source.clear();
  migrated.author.clear();
  migrated.metadata_source = {};
  EXPECT_EQ((*docs)[0], migrated);
  EXPECT_EQ((*docs)[1], PageLikeDocument());
}

}  // namespace
}  // namespace crossclaim
