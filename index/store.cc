#include "index/store.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <tbb/parallel_for.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/json_text.h"
#include "core/metadata_source.h"
#include "core/text.h"
#include "core/utf8.h"
#include "similarity/minhash.h"
#include "similarity/shingle.h"

namespace crossclaim {

namespace fs = std::filesystem;

struct IndexStore::Hashers {
  Shingler shingler;
  MinHasher hasher;
  LshIndex lsh;
};

namespace {

constexpr size_t kNumHashes = 128;

const char kSchemaSql[] = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  doc INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, outlet TEXT NOT NULL, url TEXT NOT NULL,
  published TEXT, title TEXT NOT NULL, text TEXT NOT NULL, text_hash INTEGER NOT NULL,
  added_at TEXT NOT NULL, signature BLOB NOT NULL, location TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '', author TEXT NOT NULL DEFAULT '',
  metadata_source TEXT NOT NULL DEFAULT '{}');
CREATE TABLE band (band INTEGER, key INTEGER, doc INTEGER, PRIMARY KEY (band, key, doc))
  WITHOUT ROWID;
CREATE TABLE df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE copies (a INTEGER, b INTEGER, jaccard REAL NOT NULL, estimate REAL NOT NULL,
  PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX copies_by_b ON copies (b);
)sql";

// The previous schema, which this build migrates on open: it lacks the documents' source,
// author and metadata_source columns (added empty).
constexpr std::string_view kPreviousIndexSchema = "crossclaim.index/2";
const char kMigrateFromPreviousSql[] = R"sql(
ALTER TABLE documents ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN metadata_source TEXT NOT NULL DEFAULT '{}';
)sql";

// MetadataSource as a JSON object of its non-empty fields, and back.
std::string MetadataSourceText(const MetadataSource& from) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : NamedFields(from)) {
    if (!value->empty()) out[name] = *value;
  }
  return DumpJson(out);
}

MetadataSource MetadataSourceFromText(const std::string& text) {
  MetadataSource from;
  nlohmann::json in = nlohmann::json::parse(text, nullptr, false);
  if (!in.is_object()) return from;
  for (const auto& [name, value] : NamedFields(from)) {
    auto it = in.find(name);
    if (it != in.end() && it->is_string()) *value = it->get<std::string>();
  }
  return from;
}

Status DbError(sqlite3* db, std::string_view what) {
  return DataLoss(fmt::format("index: {}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"));
}

// A prepared statement, finalised on destruction.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  sqlite3_stmt* get() const { return stmt_; }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& BindDouble(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    // A null pointer would bind SQL NULL; an empty view is an empty string.
    sqlite3_bind_text(stmt_, i, v.data() ? v.data() : "", static_cast<int>(v.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& BindNull(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  Stmt& BindBlob(int i, const void* data, size_t bytes) {
    sqlite3_bind_blob(stmt_, i, data, static_cast<int>(bytes), SQLITE_TRANSIENT);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  // Runs to completion and resets for reuse; false on error.
  bool Run() {
    int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return rc == SQLITE_DONE;
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

bool Exec(sqlite3* db, const char* sql) {
  return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

// Rolls back an open transaction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db), open_(Exec(db, "BEGIN IMMEDIATE")) {}
  ~Transaction() {
    if (open_) Exec(db_, "ROLLBACK");
  }
  bool open() const { return open_; }
  bool Commit() {
    if (!Exec(db_, "COMMIT")) return false;
    open_ = false;
    return true;
  }

 private:
  sqlite3* db_;
  bool open_;
};

// One consistent snapshot for a multi-statement read, while another process may write.
class ReadTransaction {
 public:
  explicit ReadTransaction(sqlite3* db) : db_(db), open_(Exec(db, "BEGIN")) {}
  ~ReadTransaction() {
    if (open_) Exec(db_, "COMMIT");
  }
  bool open() const { return open_; }

 private:
  sqlite3* db_;
  bool open_;
};

Result<std::string> Meta(sqlite3* db, const char* key) {
  Stmt s(db, "SELECT value FROM meta WHERE key = ?");
  if (!s.ok()) return DbError(db, "reading meta");
  s.Bind(1, std::string_view(key));
  if (s.Step() != SQLITE_ROW) return DataLoss(fmt::format("index: meta key '{}' missing", key));
  return s.Text(0);
}

bool SetMeta(sqlite3* db, std::string_view key, std::string_view value) {
  Stmt s(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
  return s.ok() && s.Bind(1, key).Bind(2, value).Run();
}

// Word 5-gram shingles and the classic signature of a whole text, as dedup's document level.
struct Signed {
  ShingleSet shingles;
  std::vector<uint32_t> signature;
};

Signed SignText(const Shingler& shingler, const MinHasher& hasher, std::string_view text,
                TokenizedText* tokens) {
  Signed out;
  Tokenize(text, tokens);
  std::vector<uint64_t> scratch;
  shingler.AppendWordShingleHashes(*tokens, 0, tokens->size(), &scratch, &out.shingles);
  MakeShingleSet(&out.shingles);
  out.signature = hasher.Compute(out.shingles);
  return out;
}

// The documents sharing at least one band key with `keys` (band b holds keys[b]), via the
// prepared "SELECT doc FROM band WHERE band = ? AND key = ?". False on a database error.
bool BandCandidates(Stmt& band_select, std::span<const uint32_t> keys,
                    std::set<int64_t>* candidates) {
  for (size_t b = 0; b < keys.size(); ++b) {
    band_select.Bind(1, static_cast<int64_t>(b)).Bind(2, keys[b]);
    int rc;
    while ((rc = band_select.Step()) == SQLITE_ROW) candidates->insert(band_select.Int(0));
    band_select.Reset();
    if (rc != SQLITE_DONE) return false;
  }
  return true;
}

std::set<std::string_view> DistinctTerms(const TokenizedText& tokens) {
  std::set<std::string_view> terms;
  for (size_t i = 0; i < tokens.size(); ++i) terms.insert(tokens.norm(i));
  return terms;
}

std::vector<uint32_t> BlobToSignature(const Stmt& s, int col) {
  std::vector<uint32_t> sig(kNumHashes);
  const void* p = sqlite3_column_blob(s.get(), col);
  if (p && static_cast<size_t>(sqlite3_column_bytes(s.get(), col)) == kNumHashes * 4) {
    std::memcpy(sig.data(), p, kNumHashes * 4);
  }
  return sig;
}

// Adds `delta` to the df of each term (dropping terms that reach 0) and to n.
bool ApplyDf(sqlite3* db, const std::map<std::string, int64_t>& delta, int64_t n_delta) {
  Stmt up(
      db,
      "INSERT INTO df (term, df) VALUES (?1, ?2) ON CONFLICT (term) DO UPDATE SET df = df + ?2");
  Stmt drop(db, "DELETE FROM df WHERE df <= 0");
  if (!up.ok() || !drop.ok()) return false;
  for (const auto& [term, d] : delta) {
    if (!up.Bind(1, term).Bind(2, d).Run()) return false;
  }
  if (!drop.Run()) return false;
  Result<std::string> n = Meta(db, "n");
  if (!n.ok()) return false;
  return SetMeta(db, "n", std::to_string(std::stoll(*n) + n_delta));
}

}  // namespace

IndexStore::IndexStore(IndexStore&& other) noexcept { *this = std::move(other); }

IndexStore& IndexStore::operator=(IndexStore&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close(db_);
    path_ = std::move(other.path_);
    db_ = std::exchange(other.db_, nullptr);
    threshold_ = other.threshold_;
    banding_ = other.banding_;
    hashers_ = std::move(other.hashers_);
  }
  return *this;
}

IndexStore::~IndexStore() {
  if (db_) sqlite3_close(db_);
}

Result<IndexStore> IndexStore::Create(const IndexOptions& options) {
  if (options.dir.empty()) return InvalidArgument("index: the index folder must be named");
  if (!(options.threshold > 0 && options.threshold <= 1)) {
    return InvalidArgument(
        fmt::format("index: --threshold must be in (0, 1], got {}", options.threshold));
  }
  fs::path path = fs::path(options.dir) / kIndexFileName;
  std::error_code ec;
  bool exists = fs::exists(path, ec);
  if (!exists) {
    if (!options.create_if_missing) {
      return NotFound(
          fmt::format("index: no index at '{}' (missing {}; create one with "
                      "`crossclaim index add`)",
                      options.dir, kIndexFileName));
    }
    fs::create_directories(options.dir, ec);
    if (ec) {
      return NotFound(
          fmt::format("index: cannot create folder '{}': {}", options.dir, ec.message()));
    }
  }
  IndexStore store;
  store.path_ = path.string();
  int flags = SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(store.path_.c_str(), &store.db_, flags, nullptr) != SQLITE_OK) {
    return DbError(store.db_, fmt::format("cannot open '{}'", store.path_));
  }
  sqlite3_busy_timeout(store.db_, 10000);
  if (!Exec(store.db_, "PRAGMA synchronous = FULL")) return DbError(store.db_, "pragma");
  if (!exists) {
    Result<Banding> banding =
        ChooseBanding({.threshold = options.threshold, .num_hashes = kNumHashes});
    if (!banding.ok()) return banding.status();
    Transaction tx(store.db_);
    if (!tx.open() || !Exec(store.db_, kSchemaSql) || !SetMeta(store.db_, "schema", kIndexSchema) ||
        !SetMeta(store.db_, "threshold", fmt::format("{}", options.threshold)) ||
        !SetMeta(store.db_, "num_hashes", std::to_string(kNumHashes)) ||
        !SetMeta(store.db_, "bands", std::to_string(banding->bands)) ||
        !SetMeta(store.db_, "rows", std::to_string(banding->rows)) ||
        !SetMeta(store.db_, "shingles", "word 5-grams, seed 0") ||
        !SetMeta(store.db_, "minhash", "classic, seed 1") || !SetMeta(store.db_, "n", "0") ||
        !tx.Commit()) {
      return DbError(store.db_, fmt::format("creating '{}'", store.path_));
    }
  }
  Result<std::string> schema = Meta(store.db_, "schema");
  if (!schema.ok()) {
    return DataLoss(fmt::format("index: '{}' is not a crossclaim index", store.path_));
  }
  if (*schema == kPreviousIndexSchema) {
    Transaction tx(store.db_);
    if (!tx.open() || !Exec(store.db_, kMigrateFromPreviousSql) ||
        !SetMeta(store.db_, "schema", kIndexSchema) || !tx.Commit()) {
      return DbError(store.db_, fmt::format("migrating '{}' from schema '{}' to '{}'", store.path_,
                                            kPreviousIndexSchema, kIndexSchema));
    }
    schema = std::string(kIndexSchema);
  }
  if (*schema != kIndexSchema) {
    return DataLoss(fmt::format("index: '{}' has schema '{}', this build reads '{}'", store.path_,
                                QuoteInput(*schema), kIndexSchema));
  }
  Result<std::string> threshold = Meta(store.db_, "threshold");
  Result<std::string> bands = Meta(store.db_, "bands");
  Result<std::string> rows = Meta(store.db_, "rows");
  if (!threshold.ok() || !bands.ok() || !rows.ok()) {
    return DataLoss(fmt::format("index: '{}' has incomplete meta", store.path_));
  }
  store.threshold_ = std::stod(*threshold);
  LshOptions lsh_options{.threshold = store.threshold_,
                         .num_hashes = kNumHashes,
                         .bands = std::stoul(*bands),
                         .rows = std::stoul(*rows)};
  Result<LshIndex> lsh = LshIndex::Create(lsh_options);
  Result<Shingler> shingler = Shingler::Create({});
  Result<MinHasher> hasher = MinHasher::Create({.num_hashes = kNumHashes});
  if (!lsh.ok()) return lsh.status();
  store.banding_ = lsh->banding();
  store.hashers_ = std::make_unique<Hashers>(Hashers{*shingler, *hasher, std::move(*lsh)});
  return store;
}

// The open write transaction of an add and its prepared statements.
struct IndexStore::Adder::State {
  State(IndexStore* store, const Date& added_on)
      : store(store),
        hashers(store->hashers_.get()),
        threshold(store->threshold_),
        db(store->db_),
        added_at(added_on.ToIso()),
        tx(db),
        exists(db, "SELECT 1 FROM documents WHERE id = ?"),
        insert(db,
               "INSERT INTO documents (id, outlet, url, published, title, text, text_hash, "
               "added_at, signature, location, source, author, metadata_source) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        band_insert(db, "INSERT OR IGNORE INTO band (band, key, doc) VALUES (?, ?, ?)"),
        band_select(db, "SELECT doc FROM band WHERE band = ? AND key = ?"),
        load(db, "SELECT text, signature FROM documents WHERE doc = ?"),
        copy_insert(db, "INSERT INTO copies (a, b, jaccard, estimate) VALUES (?, ?, ?, ?)") {}

  bool ok() const {
    return tx.open() && exists.ok() && insert.ok() && band_insert.ok() && band_select.ok() &&
           load.ok() && copy_insert.ok();
  }

  IndexStore* store;
  const Hashers* hashers;
  double threshold;
  sqlite3* db;
  std::string added_at;
  Transaction tx;
  Stmt exists, insert, band_insert, band_select, load, copy_insert;
};

namespace {

// A new document of a batch, signed off the database thread.
struct Pending {
  const Document* doc = nullptr;
  std::string_view location;
  Signed signed_text;
  std::vector<std::string> terms;  // distinct normalised tokens
  std::vector<uint32_t> keys;      // LSH band keys
};

// Verifies the LSH candidates of pending[i] among the documents indexed before it (earlier
// batches and this one) and stores the pairs at or above the index threshold.
Status RecordCopies(IndexStore::Adder::State& st, const std::vector<Pending>& pending, size_t i,
                    int64_t row, const std::unordered_map<int64_t, size_t>& batch_rows) {
  const Pending& p = pending[i];
  std::set<int64_t> candidates;
  if (!BandCandidates(st.band_select, p.keys, &candidates)) {
    return DbError(st.db, "reading band keys");
  }
  TokenizedText tokens;
  for (int64_t other_row : candidates) {
    Signed loaded;
    const Signed* other = nullptr;
    if (auto it = batch_rows.find(other_row); it != batch_rows.end()) {
      other = &pending[it->second].signed_text;
    } else {
      st.load.Bind(1, other_row);
      if (st.load.Step() != SQLITE_ROW) {
        st.load.Reset();
        return DbError(st.db, "reading a candidate");
      }
      loaded.shingles =
          SignText(st.hashers->shingler, st.hashers->hasher, st.load.Text(0), &tokens).shingles;
      loaded.signature = BlobToSignature(st.load, 1);
      st.load.Reset();
      other = &loaded;
    }
    // The same formula as FindCopies, so stored values equal a batch run's bit for bit.
    const double j = Jaccard(other->shingles, p.signed_text.shingles);
    if (j < st.threshold) continue;
    const double estimate = EstimateJaccard(other->signature, p.signed_text.signature);
    if (!st.copy_insert.Bind(1, other_row)
             .Bind(2, row)
             .BindDouble(3, j)
             .BindDouble(4, estimate)
             .Run()) {
      return DbError(st.db, "adding a copy pair");
    }
  }
  return Status::Ok();
}

// Inserts pending[i] (metadata, text, signature), its copies and its band keys; returns
// its row.
Result<int64_t> InsertPending(IndexStore::Adder::State& st, const std::vector<Pending>& pending,
                              size_t i, const std::unordered_map<int64_t, size_t>& batch_rows) {
  const Pending& p = pending[i];
  const Document& doc = *p.doc;
  Stmt& insert = st.insert;
  insert.Bind(1, doc.id).Bind(2, doc.outlet).Bind(3, doc.url);
  if (doc.published) {
    insert.Bind(4, doc.published->ToIso());
  } else {
    insert.BindNull(4);
  }
  insert.Bind(5, doc.title).Bind(6, doc.text);
  insert.Bind(7, static_cast<int64_t>(XXH3_64bits(doc.text.data(), doc.text.size())));
  const std::vector<uint32_t>& signature = p.signed_text.signature;
  insert.Bind(8, st.added_at).BindBlob(9, signature.data(), signature.size() * 4);
  insert.Bind(10, p.location).Bind(11, doc.source).Bind(12, doc.author);
  insert.Bind(13, MetadataSourceText(doc.metadata_source));
  if (!insert.Run()) return DbError(st.db, fmt::format("adding '{}'", QuoteInput(doc.id)));
  const int64_t row = sqlite3_last_insert_rowid(st.db);
  // Documents without shingles are never candidates (as in FindCopies).
  if (p.signed_text.shingles.empty()) return row;
  Status copies = RecordCopies(st, pending, i, row, batch_rows);
  if (!copies.ok()) return copies;
  for (size_t b = 0; b < p.keys.size(); ++b) {
    if (!st.band_insert.Bind(1, static_cast<int64_t>(b)).Bind(2, p.keys[b]).Bind(3, row).Run()) {
      return DbError(st.db, "adding band keys");
    }
  }
  return row;
}

}  // namespace

IndexStore::Adder::Adder(std::unique_ptr<State> state) : state_(std::move(state)) {}
IndexStore::Adder::~Adder() = default;

Result<std::unique_ptr<IndexStore::Adder>> IndexStore::BeginAdd(const Date& added_on) {
  auto state = std::make_unique<Adder::State>(this, added_on);
  if (!state->ok()) return DbError(db_, "starting add");
  return std::unique_ptr<Adder>(new Adder(std::move(state)));
}

Result<AddResult> IndexStore::Adder::Add(const std::vector<Document>& documents,
                                         std::span<const std::string> locations) {
  State& st = *state_;
  if (!st.tx.open()) return DataLoss("index: add used after its transaction ended");
  AddResult result;
  std::vector<Pending> pending;
  std::unordered_set<std::string_view> batch_ids;
  for (size_t d = 0; d < documents.size(); ++d) {
    const Document& doc = documents[d];
    st.exists.Bind(1, doc.id);
    int rc = st.exists.Step();
    st.exists.Reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return DbError(st.db, "looking up an id");
    if (rc == SQLITE_ROW || !batch_ids.insert(doc.id).second) {
      result.skipped_duplicates.push_back(doc.id);
      continue;
    }
    pending.push_back({&doc, d < locations.size() ? locations[d] : std::string_view(), {}, {}, {}});
  }
  const Hashers& h = *st.hashers;
  const size_t bands = st.store->banding_.bands;
  tbb::parallel_for(size_t{0}, pending.size(), [&](size_t i) {
    TokenizedText tokens;
    Pending& p = pending[i];
    p.signed_text = SignText(h.shingler, h.hasher, p.doc->text, &tokens);
    for (std::string_view term : DistinctTerms(tokens)) p.terms.emplace_back(term);
    p.keys.resize(bands);
    h.lsh.BandKeys(p.signed_text.signature, p.keys);
  });
  std::map<std::string, int64_t> df_delta;
  std::unordered_map<int64_t, size_t> batch_rows;  // row -> index in pending
  for (size_t i = 0; i < pending.size(); ++i) {
    Result<int64_t> row = InsertPending(st, pending, i, batch_rows);
    if (!row.ok()) return row.status();
    batch_rows.emplace(*row, i);
    for (std::string& term : pending[i].terms) ++df_delta[std::move(term)];
    result.added.push_back(pending[i].doc->id);
  }
  if (!ApplyDf(st.db, df_delta, static_cast<int64_t>(result.added.size()))) {
    return DbError(st.db, "updating document frequencies");
  }
  added_ += result.added.size();
  skipped_ += result.skipped_duplicates.size();
  return result;
}

Status IndexStore::Adder::Commit() {
  if (!state_->tx.Commit()) return DbError(state_->db, "committing add");
  return Status::Ok();
}

Result<AddResult> IndexStore::Add(const std::vector<Document>& documents, const Date& added_on) {
  Result<std::unique_ptr<Adder>> adder = BeginAdd(added_on);
  if (!adder.ok()) return adder.status();
  Result<AddResult> result = (*adder)->Add(documents);
  if (!result.ok()) return result;
  Status committed = (*adder)->Commit();
  if (!committed.ok()) return committed;
  return result;
}

Result<std::vector<IndexMatch>> IndexStore::Query(const std::vector<Document>& documents,
                                                  double threshold) const {
  if (!(threshold > 0 && threshold <= 1)) {
    return InvalidArgument(
        fmt::format("index query: --threshold must be in (0, 1], got {}", threshold));
  }
  // One read transaction: a consistent snapshot while an add may run elsewhere.
  ReadTransaction read(db_);
  if (!read.open()) return DbError(db_, "starting query");
  Stmt band(db_, "SELECT doc FROM band WHERE band = ? AND key = ?");
  Stmt load(db_, "SELECT id, text, signature FROM documents WHERE doc = ?");
  if (!band.ok() || !load.ok()) return DbError(db_, "preparing query");
  struct Indexed {
    std::string id;
    Signed signed_text;
  };
  std::unordered_map<int64_t, Indexed> cache;  // candidates seen so far, by row
  std::vector<IndexMatch> matches;
  TokenizedText tokens;
  std::vector<uint32_t> keys(banding_.bands);
  for (const Document& doc : documents) {
    Signed q = SignText(hashers_->shingler, hashers_->hasher, doc.text, &tokens);
    if (q.shingles.empty()) continue;
    hashers_->lsh.BandKeys(q.signature, keys);
    std::set<int64_t> candidates;
    if (!BandCandidates(band, keys, &candidates)) return DbError(db_, "reading band keys");
    std::vector<IndexMatch> found;
    for (int64_t row : candidates) {
      auto it = cache.find(row);
      if (it == cache.end()) {
        load.Bind(1, row);
        if (load.Step() != SQLITE_ROW) {
          load.Reset();
          return DbError(db_, "reading a candidate");
        }
        Indexed indexed{load.Text(0), {}};
        indexed.signed_text.shingles =
            SignText(hashers_->shingler, hashers_->hasher, load.Text(1), &tokens).shingles;
        indexed.signed_text.signature = BlobToSignature(load, 2);
        load.Reset();
        it = cache.emplace(row, std::move(indexed)).first;
      }
      const Indexed& d = it->second;
      if (d.id == doc.id) continue;
      double j = Jaccard(q.shingles, d.signed_text.shingles);
      if (j >= threshold) {
        found.push_back({doc.id, d.id, j, EstimateJaccard(q.signature, d.signed_text.signature)});
      }
    }
    std::sort(found.begin(), found.end(),
              [](const IndexMatch& x, const IndexMatch& y) { return x.indexed_id < y.indexed_id; });
    matches.insert(matches.end(), found.begin(), found.end());
  }
  return matches;
}

Result<size_t> IndexStore::Prune(const Date& cutoff) {
  Transaction tx(db_);
  if (!tx.open()) return DbError(db_, "starting prune");
  Stmt old(db_,
           "SELECT doc, text, signature FROM documents WHERE COALESCE(published, added_at) < ?");
  Stmt del_band(db_, "DELETE FROM band WHERE band = ? AND key = ? AND doc = ?");
  Stmt del_doc(db_, "DELETE FROM documents WHERE doc = ?");
  Stmt del_copies(db_, "DELETE FROM copies WHERE a = ?1 OR b = ?1");
  if (!old.ok() || !del_band.ok() || !del_doc.ok() || !del_copies.ok()) {
    return DbError(db_, "preparing prune");
  }
  std::vector<int64_t> rows;
  std::map<std::string, int64_t> df_delta;
  TokenizedText tokens;
  std::vector<uint32_t> keys(banding_.bands);
  old.Bind(1, cutoff.ToIso());
  int rc;
  while ((rc = old.Step()) == SQLITE_ROW) {
    int64_t row = old.Int(0);
    Tokenize(old.Text(1), &tokens);
    for (std::string_view term : DistinctTerms(tokens)) --df_delta[std::string(term)];
    hashers_->lsh.BandKeys(BlobToSignature(old, 2), keys);
    for (size_t b = 0; b < keys.size(); ++b) {
      if (!del_band.Bind(1, static_cast<int64_t>(b)).Bind(2, keys[b]).Bind(3, row).Run()) {
        return DbError(db_, "removing band keys");
      }
    }
    rows.push_back(row);
  }
  old.Reset();
  if (rc != SQLITE_DONE) return DbError(db_, "reading old documents");
  for (int64_t row : rows) {
    if (!del_doc.Bind(1, row).Run() || !del_copies.Bind(1, row).Run()) {
      return DbError(db_, "removing a document");
    }
  }
  if (!ApplyDf(db_, df_delta, -static_cast<int64_t>(rows.size()))) {
    return DbError(db_, "updating document frequencies");
  }
  if (!tx.Commit()) return DbError(db_, "committing prune");
  return rows.size();
}

namespace {

// Reads the metadata columns id, outlet, url, published (from column `first` on).
Document MetadataOf(const Stmt& s, int first) {
  Document doc;
  doc.id = s.Text(first);
  doc.outlet = s.Text(first + 1);
  doc.url = s.Text(first + 2);
  if (!s.IsNull(first + 3)) doc.published = Date::ParseIso(s.Text(first + 3));
  return doc;
}

}  // namespace

Result<IndexCopies> IndexStore::Copies() const {
  ReadTransaction read(db_);
  if (!read.open()) return DbError(db_, "starting a read");
  Stmt docs(db_, "SELECT doc, id, outlet, url, published FROM documents ORDER BY doc");
  Stmt pairs(db_, "SELECT a, b, jaccard, estimate FROM copies");
  if (!docs.ok() || !pairs.ok()) return DbError(db_, "reading copies");
  IndexCopies out;
  std::unordered_map<int64_t, uint32_t> index_of;
  int rc;
  while ((rc = docs.Step()) == SQLITE_ROW) {
    index_of.emplace(docs.Int(0), static_cast<uint32_t>(out.documents.size()));
    out.documents.push_back(MetadataOf(docs, 1));
  }
  if (rc != SQLITE_DONE) return DbError(db_, "reading documents");
  while ((rc = pairs.Step()) == SQLITE_ROW) {
    auto a = index_of.find(pairs.Int(0)), b = index_of.find(pairs.Int(1));
    if (a == index_of.end() || b == index_of.end())
      return DataLoss("index: a copy pair names a missing document");
    CopyPair p;
    p.a = a->second;
    p.b = b->second;
    p.jaccard = pairs.Double(2);
    p.estimate = pairs.Double(3);
    if (!PublishedBefore(out.documents, p.a, p.b)) std::swap(p.a, p.b);
    out.pairs.push_back(p);
  }
  if (rc != SQLITE_DONE) return DbError(db_, "reading copy pairs");
  std::sort(out.pairs.begin(), out.pairs.end(), [](const CopyPair& x, const CopyPair& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  out.groups = GroupCopies(out.documents, out.pairs);
  return out;
}

Result<std::vector<Document>> IndexStore::Documents(const DocumentWindow& window,
                                                    std::vector<std::string>* locations) const {
  Stmt s(db_,
         "SELECT id, outlet, url, published, title, text, location, source, author, "
         "metadata_source FROM documents "
         "WHERE COALESCE(published, added_at) >= ?1 AND COALESCE(published, added_at) <= ?2 "
         "ORDER BY doc");
  if (!s.ok()) return DbError(db_, "reading documents");
  // ISO dates compare as text; these bounds lie outside any stored date.
  s.Bind(1, window.since ? window.since->ToIso() : std::string("0000-00-00"));
  s.Bind(2, window.until ? window.until->ToIso() : std::string("9999-99-99"));
  std::vector<Document> documents;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    Document doc = MetadataOf(s, 0);
    doc.title = s.Text(4);
    doc.text = s.Text(5);
    if (locations != nullptr) locations->push_back(s.Text(6));
    doc.source = s.Text(7);
    doc.author = s.Text(8);
    doc.metadata_source = MetadataSourceFromText(s.Text(9));
    documents.push_back(std::move(doc));
  }
  if (rc != SQLITE_DONE) return DbError(db_, "reading documents");
  return documents;
}

Result<std::vector<std::string>> IndexStore::Ids() const {
  Stmt s(db_, "SELECT id FROM documents ORDER BY id");
  if (!s.ok()) return DbError(db_, "listing ids");
  std::vector<std::string> ids;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) ids.push_back(s.Text(0));
  if (rc != SQLITE_DONE) return DbError(db_, "listing ids");
  return ids;
}

Result<uint64_t> IndexStore::DocumentFrequency(std::string_view term) const {
  Stmt s(db_, "SELECT df FROM df WHERE term = ?");
  if (!s.ok()) return DbError(db_, "reading df");
  s.Bind(1, term);
  int rc = s.Step();
  if (rc == SQLITE_ROW) return static_cast<uint64_t>(s.Int(0));
  if (rc != SQLITE_DONE) return DbError(db_, "reading df");
  return uint64_t{0};
}

Result<IndexStats> IndexStore::Stats() const {
  IndexStats stats;
  stats.schema = std::string(kIndexSchema);
  stats.threshold = threshold_;
  stats.banding = banding_;
  auto count = [&](const char* sql, size_t* out) {
    Stmt s(db_, sql);
    if (!s.ok() || s.Step() != SQLITE_ROW) return false;
    *out = static_cast<size_t>(s.Int(0));
    return true;
  };
  if (!count("SELECT COUNT(*) FROM documents", &stats.documents) ||
      !count("SELECT COUNT(*) FROM df", &stats.terms) ||
      !count("SELECT COUNT(*) FROM band", &stats.band_keys) ||
      !count("SELECT COUNT(*) FROM copies", &stats.copy_pairs)) {
    return DbError(db_, "counting");
  }
  Stmt range(db_, "SELECT MIN(published), MAX(published) FROM documents");
  if (!range.ok() || range.Step() != SQLITE_ROW) return DbError(db_, "reading dates");
  if (!range.IsNull(0)) stats.oldest_published = Date::ParseIso(range.Text(0));
  if (!range.IsNull(1)) stats.newest_published = Date::ParseIso(range.Text(1));
  std::error_code ec;
  stats.file_bytes = fs::file_size(path_, ec);
  if (ec) stats.file_bytes = 0;
  return stats;
}

}  // namespace crossclaim
