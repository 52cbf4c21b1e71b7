// A persistent, incremental copy index: articles are added over days, new articles are
// checked against everything already indexed, old ones are pruned, and the index survives
// restarts and crashes. One SQLite file, INDEX_DIR/crossclaim.db (format in docs/index.md).
//
// Example:
//   Result<IndexStore> index = IndexStore::Create({.dir = "idx", .create_if_missing = true});
//   Result<AddResult> added = index->Add(corpus.documents, Date{2026, 11, 23});
//   Result<std::vector<IndexMatch>> copies = index->Query(fresh.documents, 0.8);
//   Result<size_t> dropped = index->Prune(Date{2026, 10, 24});
//
// What is stored per document: its metadata and text (so verification is exact), the
// XXH3_64bits hash of the text, the classic K = 128 MinHash signature of its word 5-gram
// shingles (as similarity/dedup.h at document level), one LSH band key per band (banding
// chosen once, at creation, for the index threshold by ChooseBanding with dedup's default
// weights), +1 on the document frequency of each distinct normalised token (core
// Tokenize) for TF-IDF, with n, the number of documents, and the verified copy pairs
// between it and the documents indexed before it (exact Jaccard >= the index threshold),
// from which Copies() gives the copy groups.
//
// Streaming: BeginAdd() opens one transaction that takes any number of batches, so adding
// a million documents needs the memory of one batch (cli `index add` reads its input in
// batches of 2,000), and the add is still all or none.
//
// Same results as a batch run: for a query document q and an indexed document d, Query
// reports (q, d) exactly when FindCopies at document level, with the same threshold and
// default options, run over both, reports the pair: the signatures, band keys and exact
// Jaccard are computed the same way. Likewise Copies() holds exactly the pairs and groups
// FindCopies reports over all indexed documents in the order they were added.
//
// Crash safety: every Add and Prune runs in one SQLite transaction (rollback journal,
// synchronous FULL): a process killed mid-way leaves the index as it was before the call.
//
// Thread safety: an IndexStore is one connection; use it from one thread at a time. Several
// processes may open the same index; SQLite serialises their writes.
#ifndef CROSSCLAIM_INDEX_STORE_H_
#define CROSSCLAIM_INDEX_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "similarity/dedup.h"
#include "similarity/lsh.h"

struct sqlite3;

namespace crossclaim {

// The schema name stored in the meta table. An index of the previous schema
// ("crossclaim.index/2", without the documents' source, author and metadata_source) is
// migrated when opened (the columns are added, empty); any other one is refused.
inline constexpr std::string_view kIndexSchema = "crossclaim.index/3";
// The database file inside the index folder.
inline constexpr std::string_view kIndexFileName = "crossclaim.db";

struct IndexOptions {
  std::string dir;                 // the index folder
  bool create_if_missing = false;  // create the folder and an empty index when absent
  double threshold = 0.8;          // Jaccard threshold the banding is tuned for; creation only

  bool operator==(const IndexOptions&) const = default;
};

struct AddResult {
  std::vector<std::string> added;               // ids, input order
  std::vector<std::string> skipped_duplicates;  // ids already indexed (or repeated), input order

  bool operator==(const AddResult&) const = default;
};

// Query document `query_id` copies (or is copied by) indexed document `indexed_id`.
struct IndexMatch {
  std::string query_id;
  std::string indexed_id;
  double jaccard = 0;   // exact, over word 5-gram shingle sets, >= the query threshold
  double estimate = 0;  // MinHash estimate from the two signatures

  bool operator==(const IndexMatch&) const = default;
};

// The copies among indexed documents, as FindCopies would report them over `documents`.
struct IndexCopies {
  std::vector<Document> documents;  // in the order added; id, outlet, url, published only
  std::vector<CopyPair> pairs;      // indices into documents; a published first; sorted (a, b)
  std::vector<CopyGroup> groups;    // GroupCopies(documents, pairs)
};

// Which stored documents to load: published (else added) within [since, until], inclusive;
// an unset bound is open.
struct DocumentWindow {
  std::optional<Date> since;
  std::optional<Date> until;
};

struct IndexStats {
  std::string schema;
  double threshold = 0;
  Banding banding;
  size_t documents = 0;   // n
  size_t terms = 0;       // distinct tokens with df > 0
  size_t band_keys = 0;   // rows of the band table (documents * bands)
  size_t copy_pairs = 0;  // verified copy pairs stored
  std::optional<Date> oldest_published;
  std::optional<Date> newest_published;
  uint64_t file_bytes = 0;  // size of crossclaim.db

  bool operator==(const IndexStats&) const = default;
};

class IndexStore {
 public:
  // Opens INDEX_DIR/crossclaim.db, creating it when options.create_if_missing.
  // Errors: InvalidArgument for an empty dir or a threshold outside (0, 1]; NotFound when
  // the index does not exist and may not be created; DataLoss when the file is not a
  // crossclaim index, has another schema version (named in the message) or cannot be read.
  static Result<IndexStore> Create(const IndexOptions& options);

  IndexStore(IndexStore&&) noexcept;
  IndexStore& operator=(IndexStore&&) noexcept;
  ~IndexStore();

  double threshold() const { return threshold_; }
  const Banding& banding() const { return banding_; }

  // A streaming add: one transaction over any number of batches. Destroying an Adder
  // without Commit() rolls everything back. While it lives, use no other method of the
  // store that writes.
  class Adder {
   public:
    ~Adder();
    Adder(const Adder&) = delete;
    Adder& operator=(const Adder&) = delete;

    // Adds one batch. A document whose id is already indexed (by an earlier batch too), or
    // repeated, is skipped and listed. Signing runs on all cores (TBB); inserts are serial.
    // Errors: DataLoss on a database error (the whole add is then void).
    // `locations` (optional, parallel to `documents`): where each was read, e.g.
    // "feed.jsonl:12", kept so that reports from the index name the original source.
    Result<AddResult> Add(const std::vector<Document>& documents,
                          std::span<const std::string> locations = {});

    // Makes every batch durable at once; added() and skipped() hold the totals.
    // Errors: DataLoss when the commit fails (nothing was added).
    Status Commit();

    size_t added() const { return added_; }
    size_t skipped() const { return skipped_; }

    struct State;  // defined in store.cc

   private:
    friend class IndexStore;
    explicit Adder(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
    size_t added_ = 0;
    size_t skipped_ = 0;
  };

  // Errors: DataLoss when the write transaction cannot start (e.g. another process holds
  // it for more than 10 s).
  Result<std::unique_ptr<Adder>> BeginAdd(const Date& added_on);

  // Adds documents, all or none (one transaction): BeginAdd, one batch, Commit. A
  // document whose id is already indexed, or repeated in `documents`, is skipped and
  // listed. `added_on` is recorded for pruning documents without a published date.
  // Errors: DataLoss on a database error (then nothing was added). Complexity: O(total
  // bytes * K) hashing, one B-tree insert per band and per distinct token, and the exact
  // verification of LSH candidates.
  Result<AddResult> Add(const std::vector<Document>& documents, const Date& added_on);

  // For each document, the indexed documents whose exact Jaccard with it is >= threshold
  // among the LSH candidates of the stored banding (a threshold below the index's one loses
  // recall). An indexed document with the same id as the query one is not reported.
  // Sorted by (query input order, indexed id). Errors: InvalidArgument for a threshold
  // outside (0, 1]; DataLoss on a database error. Read-only.
  Result<std::vector<IndexMatch>> Query(const std::vector<Document>& documents,
                                        double threshold) const;

  // Removes, in one transaction, every document published before `cutoff`, or, without a
  // published date, added before it; updates band keys and document frequencies. Returns
  // how many were removed. Errors: DataLoss on a database error (then nothing changed).
  Result<size_t> Prune(const Date& cutoff);

  // The stored copy pairs and their groups. Errors: DataLoss on a database error.
  Result<IndexCopies> Copies() const;

  // The stored documents (with text) in the window, in the order they were added; with
  // `locations`, also where each was read when added ("" when not given).
  Result<std::vector<Document>> Documents(const DocumentWindow& window,
                                          std::vector<std::string>* locations = nullptr) const;

  // Ids of the indexed documents, sorted.
  Result<std::vector<std::string>> Ids() const;

  // Document frequency of a normalised token (0 when unknown).
  Result<uint64_t> DocumentFrequency(std::string_view term) const;

  // Errors: DataLoss on a database error.
  Result<IndexStats> Stats() const;

 private:
  IndexStore() = default;
  struct Hashers;

  std::string path_;
  sqlite3* db_ = nullptr;
  double threshold_ = 0;
  Banding banding_;
  std::unique_ptr<Hashers> hashers_;
};

}  // namespace crossclaim

#endif  // CROSSCLAIM_INDEX_STORE_H_
