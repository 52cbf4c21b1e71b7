#include "mpi/distributed_dedup.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <limits>
#include <optional>
#include <span>
#include <tuple>

#include "similarity/dedup_internal.h"
#include "similarity/lsh.h"
#include "similarity/minhash.h"
#include "similarity/shingle.h"

namespace crossclaim::mpi {
namespace {

using dedup_internal::Unit;

// A unit by document and position among the document's units with shingles: ordered as the
// single-process run numbers units, whatever rank made it.
struct UnitRef {
  uint32_t doc = 0;
  uint32_t index = 0;
  auto operator<=>(const UnitRef&) const = default;
};

struct BandEntry {
  uint32_t band = 0;
  uint32_t key = 0;
  UnitRef unit;
  auto operator<=>(const BandEntry&) const = default;
};

struct Candidate {
  UnitRef a;  // a < b
  UnitRef b;
  auto operator<=>(const Candidate&) const = default;
};

struct Edge {
  uint32_t a = 0;
  uint32_t b = 0;
};

template <typename T>
void SortUnique(std::vector<T>* values) {
  std::sort(values->begin(), values->end());
  values->erase(std::unique(values->begin(), values->end()), values->end());
}

// The rank owning a band key: hash ranges of equal width, so keys spread evenly.
int BucketOwner(uint32_t band, uint32_t key, int ranks) {
  const uint64_t mixed = ((uint64_t{band} << 32) | key) * 0x9E3779B97F4A7C15ull;
  return static_cast<int>(((mixed >> 32) * static_cast<uint64_t>(ranks)) >> 32);
}

// The shard's units and the tools to shingle them again.
class Shard {
 public:
  Shard(const DocumentShards& documents, const DedupOptions& options)
      : documents_(documents),
        options_(options),
        shingler_(*Shingler::Create(options.shingles)),
        hasher_(*MinHasher::Create(options.minhash)),
        units_(documents.local_size()) {}

  size_t k() const { return hasher_.num_hashes(); }
  const DocumentShards& documents() const { return documents_; }
  const Unit& unit(UnitRef ref) const { return units_[documents_.LocalIndex(ref.doc)][ref.index]; }
  // The key that orders the unit's document by publication (PublicationKey).
  int64_t published(UnitRef ref) const { return PublicationKey(documents_.Get(ref.doc).published); }

  // Units, signatures and band keys of this rank's documents; `out[r]`: entries for rank r.
  void Sign(const LshIndex& index, std::vector<std::vector<BandEntry>>* out, int64_t* units,
            int64_t* empty) {
    const size_t bands = index.banding().bands;
    std::vector<uint32_t> keys(bands);
    const int ranks = documents_.ranks();
    for (uint32_t local = 0; local < documents_.local_size(); ++local) {
      const uint32_t d = documents_.GlobalIndex(local);
      std::vector<Unit> all = dedup_internal::UnitsOf(documents_.Get(d), d, options_, &tokens_);
      if (options_.level == DedupLevel::kDocument && all.empty()) ++*empty;
      for (const Unit& u : all) {
        Hashes(u);
        if (hashes_.empty()) {
          ++*empty;
          continue;
        }
        hasher_.Compute(hashes_, signature_);
        index.BandKeys(signature_, keys);
        const UnitRef ref{d, static_cast<uint32_t>(units_[local].size())};
        for (uint32_t b = 0; b < bands; ++b) {
          (*out)[static_cast<size_t>(BucketOwner(b, keys[b], ranks))].push_back({b, keys[b], ref});
        }
        units_[local].push_back(u);
      }
      *units += static_cast<int64_t>(units_[local].size());
    }
  }

  // Shingle sets and signatures of `refs` (sorted, all of this rank), one tokenisation per
  // document, appended to `sets` and `signatures` in order.
  void Sets(const std::vector<UnitRef>& refs, std::vector<ShingleSet>* sets,
            std::vector<uint32_t>* signatures) {
    for (size_t i = 0; i < refs.size(); ++i) {
      if (i == 0 || refs[i].doc != refs[i - 1].doc)
        Tokenize(documents_.Get(refs[i].doc).text, &tokens_);
      Hashes(unit(refs[i]));
      const size_t at = signatures->size();
      signatures->resize(at + k());
      hasher_.Compute(hashes_, std::span<uint32_t>(*signatures).subspan(at, k()));
      MakeShingleSet(&hashes_);
      sets->push_back(hashes_);
    }
  }

 private:
  void Hashes(const Unit& u) {
    dedup_internal::UnitShingleHashes(shingler_, documents_.Get(u.doc).text, tokens_, u,
                                      &token_hashes_, &hashes_);
  }

  const DocumentShards& documents_;
  const DedupOptions& options_;
  const Shingler shingler_;
  const MinHasher hasher_;
  std::vector<std::vector<Unit>> units_;  // per document of this rank, by local index
  TokenizedText tokens_;
  std::vector<uint64_t> token_hashes_, hashes_;
  std::vector<uint32_t> signature_ = std::vector<uint32_t>(hasher_.num_hashes());
};

// Units with their spans, shingle sets and signatures, looked up by UnitRef.
struct SetTable {
  std::vector<UnitRef> refs;  // sorted
  std::vector<Unit> units;
  std::vector<ShingleSet> sets;
  std::vector<uint32_t> signatures;  // k per unit
  std::vector<int64_t> published;    // PublicationKey of the unit's document

  size_t Slot(UnitRef ref) const {
    return static_cast<size_t>(std::lower_bound(refs.begin(), refs.end(), ref) - refs.begin());
  }
};

// Reply layout per unit, in 64-bit words: ref, span, publication key, set size, signature
// (k 32-bit values, padded to whole words), then the set.
void AppendReply(UnitRef ref, const Unit& u, int64_t published, const ShingleSet& set,
                 std::span<const uint32_t> signature, std::vector<uint64_t>* out) {
  out->push_back(uint64_t{ref.doc} << 32 | ref.index);
  out->push_back(uint64_t{u.span.begin} << 32 | u.span.end);
  out->push_back(static_cast<uint64_t>(published));
  out->push_back(set.size());
  const size_t at = out->size();
  out->resize(at + (signature.size() + 1) / 2, 0);
  std::memcpy(out->data() + at, signature.data(), signature.size() * sizeof(uint32_t));
  out->insert(out->end(), set.begin(), set.end());
}

// Adds the units of a reply stream to `entries` (ref, unit, set, signature).
struct Received {
  UnitRef ref;
  Unit unit;
  ShingleSet set;
  std::vector<uint32_t> signature;
  int64_t published = 0;
};
void ParseReplies(const std::vector<uint64_t>& in, size_t k, std::vector<Received>* entries) {
  for (size_t i = 0; i < in.size();) {
    Received r;
    r.ref = {static_cast<uint32_t>(in[i] >> 32), static_cast<uint32_t>(in[i])};
    r.unit.doc = r.ref.doc;
    r.unit.span = {static_cast<uint32_t>(in[i + 1] >> 32), static_cast<uint32_t>(in[i + 1])};
    r.published = static_cast<int64_t>(in[i + 2]);
    const size_t set_size = in[i + 3];
    i += 4;
    r.signature.resize(k);
    std::memcpy(r.signature.data(), in.data() + i, k * sizeof(uint32_t));
    i += (k + 1) / 2;
    r.set.assign(in.begin() + static_cast<ptrdiff_t>(i),
                 in.begin() + static_cast<ptrdiff_t>(i + set_size));
    i += set_size;
    entries->push_back(std::move(r));
  }
}

// Candidate pairs from this rank's buckets, sent to the owner of each pair's lower document.
std::vector<std::vector<Candidate>> BucketPairs(std::vector<BandEntry> entries,
                                                const DocumentShards& documents) {
  std::sort(entries.begin(), entries.end());
  std::vector<std::vector<Candidate>> out(static_cast<size_t>(documents.ranks()));
  for (size_t begin = 0; begin < entries.size();) {
    size_t end = begin + 1;
    while (end < entries.size() && entries[end].band == entries[begin].band &&
           entries[end].key == entries[begin].key) {
      ++end;
    }
    for (size_t i = begin; i < end; ++i) {
      for (size_t j = i + 1; j < end; ++j) {
        if (entries[i].unit.doc == entries[j].unit.doc) continue;
        out[static_cast<size_t>(documents.OwnerOf(entries[i].unit.doc))].push_back(
            {entries[i].unit, entries[j].unit});
      }
    }
    begin = end;
  }
  for (auto& pairs : out) SortUnique(&pairs);
  return out;
}

// The units of `candidates` that other ranks own, as requests per owner.
std::vector<std::vector<UnitRef>> Requests(const std::vector<Candidate>& candidates,
                                           const DocumentShards& documents) {
  std::vector<std::vector<UnitRef>> out(static_cast<size_t>(documents.ranks()));
  for (const Candidate& c : candidates) {
    const int owner = documents.OwnerOf(c.b.doc);
    if (owner != documents.rank()) out[static_cast<size_t>(owner)].push_back(c.b);
  }
  for (auto& refs : out) SortUnique(&refs);
  return out;
}

// The table of every unit the candidates need: this rank's own computed here, the others'
// from `replies`.
SetTable BuildTable(Shard& shard, const std::vector<Candidate>& candidates,
                    std::vector<Received> replies) {
  const DocumentShards& documents = shard.documents();
  std::vector<UnitRef> local;
  for (const Candidate& c : candidates) {
    local.push_back(c.a);
    if (documents.OwnerOf(c.b.doc) == documents.rank()) local.push_back(c.b);
  }
  SortUnique(&local);
  std::vector<ShingleSet> sets;
  std::vector<uint32_t> signatures;
  shard.Sets(local, &sets, &signatures);
  const size_t k = shard.k();
  for (size_t i = 0; i < local.size(); ++i) {
    replies.push_back(
        {local[i], shard.unit(local[i]), std::move(sets[i]),
         std::vector<uint32_t>(signatures.begin() + i * k, signatures.begin() + (i + 1) * k),
         shard.published(local[i])});
  }
  std::sort(replies.begin(), replies.end(),
            [](const Received& x, const Received& y) { return x.ref < y.ref; });
  SetTable table;
  for (Received& r : replies) {
    table.refs.push_back(r.ref);
    table.units.push_back(r.unit);
    table.sets.push_back(std::move(r.set));
    table.signatures.insert(table.signatures.end(), r.signature.begin(), r.signature.end());
    table.published.push_back(r.published);
  }
  return table;
}

std::vector<CopyPair> Verify(const SetTable& table, const std::vector<Candidate>& candidates,
                             size_t k, double threshold) {
  std::vector<CopyPair> verified;
  const std::span<const uint32_t> signatures(table.signatures);
  for (const Candidate& c : candidates) {
    const size_t x = table.Slot(c.a), y = table.Slot(c.b);
    const bool x_first =
        std::pair(table.published[x], c.a.doc) < std::pair(table.published[y], c.b.doc);
    std::optional<CopyPair> pair = dedup_internal::VerifyPair(
        x_first, table.units[x], table.units[y], table.sets[x], table.sets[y],
        signatures.subspan(x * k, k), signatures.subspan(y * k, k), threshold);
    if (pair) verified.push_back(*pair);
  }
  return verified;
}

// This rank's components as (member, root) edges: few per component, and joining every
// rank's edges gives the components of all pairs.
// The union-find runs over the pairs' documents only, numbered in ascending order (so the
// root, the smallest number, is still the smallest document): memory follows the pairs, not
// the corpus.
std::vector<Edge> ComponentEdges(const std::vector<CopyPair>& pairs) {
  std::vector<uint32_t> touched;
  for (const CopyPair& p : pairs) {
    touched.push_back(p.a);
    touched.push_back(p.b);
  }
  SortUnique(&touched);
  dedup_internal::UnionFind components(touched.size());
  for (const CopyPair& p : pairs) {
    components.Union(PositionIn(touched, p.a), PositionIn(touched, p.b));
  }
  std::vector<Edge> edges;
  for (uint32_t i = 0; i < touched.size(); ++i) {
    const uint32_t root = components.Find(i);
    if (root != i) edges.push_back({touched[i], touched[root]});
  }
  return edges;
}

// Answers the units other ranks asked for (asked[r]: rank r's sorted requests).
std::vector<std::vector<uint64_t>> Answer(Shard& shard,
                                          const std::vector<std::vector<UnitRef>>& asked) {
  std::vector<UnitRef> refs;  // each unit computed once, however many ranks ask for it
  for (const auto& part : asked) refs.insert(refs.end(), part.begin(), part.end());
  SortUnique(&refs);
  std::vector<ShingleSet> sets;
  std::vector<uint32_t> signatures;
  shard.Sets(refs, &sets, &signatures);
  const size_t k = shard.k();
  std::vector<std::vector<uint64_t>> replies(asked.size());
  for (size_t r = 0; r < asked.size(); ++r) {
    for (UnitRef ref : asked[r]) {
      const size_t i =
          static_cast<size_t>(std::lower_bound(refs.begin(), refs.end(), ref) - refs.begin());
      AppendReply(ref, shard.unit(ref), shard.published(ref), sets[i],
                  std::span<const uint32_t>(signatures).subspan(i * k, k), &replies[r]);
    }
  }
  return replies;
}

// The band entries to the ranks owning their keys, and the candidate pairs of the buckets
// there, per rank that verifies them. Bands are independent, so when the largest rank would
// send more than `round_bytes` the bands go in rounds (contiguous band ranges): memory and
// message size stay bounded, and the candidates (sorted, unique) do not change.
Result<std::vector<std::vector<Candidate>>> ShuffleBands(
    Comm& comm, std::vector<std::vector<BandEntry>> entries, const DocumentShards& documents,
    size_t bands, uint64_t round_bytes) {
  comm.BeginStage("dedup.shuffle");
  int64_t bytes = 0;
  for (const auto& part : entries) bytes += static_cast<int64_t>(part.size() * sizeof(BandEntry));
  // Every unit has an entry in every band, so each band is 1/bands of a rank's bytes.
  const uint64_t per_band = static_cast<uint64_t>(comm.AllreduceMax(bytes)) / bands;
  const size_t bands_per_round = static_cast<size_t>(
      std::clamp<uint64_t>(round_bytes / std::max<uint64_t>(per_band, 1), 1, bands));
  const size_t rounds = (bands + bands_per_round - 1) / bands_per_round;
  std::vector<std::vector<Candidate>> found(static_cast<size_t>(comm.size()));
  for (size_t round = 0; round < rounds; ++round) {
    comm.BeginStage("dedup.shuffle");
    const uint32_t first = static_cast<uint32_t>(round * bands_per_round);
    const uint32_t last = static_cast<uint32_t>(std::min(bands, (round + 1) * bands_per_round));
    std::vector<std::vector<BandEntry>> out(entries.size());
    if (rounds == 1) out.swap(entries);  // every band at once: no copy
    for (size_t r = 0; rounds > 1 && r < entries.size(); ++r) {
      std::copy_if(entries[r].begin(), entries[r].end(), std::back_inserter(out[r]),
                   [&](const BandEntry& e) { return e.band >= first && e.band < last; });
    }
    Result<std::vector<std::vector<BandEntry>>> buckets = comm.Alltoallv(out);
    if (!buckets.ok()) return buckets.status();
    comm.BeginStage("dedup.candidates");
    std::vector<std::vector<Candidate>> pairs =
        BucketPairs(Concatenate(std::move(*buckets)), documents);
    for (size_t r = 0; r < pairs.size(); ++r) {
      found[r].insert(found[r].end(), pairs[r].begin(), pairs[r].end());
      if (rounds > 1) SortUnique(&found[r]);
    }
  }
  return found;
}

// Pairs in one of `stats`'s counts: units, empty units, candidates, verified.
enum Count { kUnits, kEmpty, kCandidates, kVerified, kCounts };

// Rank 0: the copy groups of every rank's component `edges`, each with its origin by
// publication. Collective: the pairs' documents are fetched from their ranks (headers, and
// texts when `fetch` asks for them), so rank 0 never needs the corpus.
Status Groups(Comm& comm, const DocumentShards& documents, const std::vector<Edge>& edges,
              DedupResult* result, PairDocuments* fetch) {
  std::vector<uint32_t> wanted;
  for (const CopyPair& p : result->pairs) {
    wanted.push_back(p.a);
    wanted.push_back(p.b);
  }
  SortUnique(&wanted);
  Result<FetchedDocuments> fetched =
      FetchDocuments(comm, documents, wanted, fetch != nullptr && fetch->with_text);
  if (!fetched.ok()) return fetched.status();
  if (!comm.root()) return Status::Ok();
  // CopyGroups over the fetched documents, numbered in ascending order like the originals.
  std::vector<std::pair<uint32_t, uint32_t>> joined;
  joined.reserve(edges.size());
  for (const Edge& e : edges) joined.emplace_back(PositionIn(wanted, e.a), PositionIn(wanted, e.b));
  result->groups = dedup_internal::CopyGroups(fetched->documents, joined);
  for (CopyGroup& g : result->groups) {
    for (uint32_t& m : g.members) m = wanted[m];
    g.origin = wanted[g.origin];
  }
  if (fetch != nullptr) {
    fetch->ids = std::move(fetched->ids);
    fetch->documents = std::move(fetched->documents);
  }
  return Status::Ok();
}

// Steps 4-5 on this rank's candidates: verify, select, then gather pairs and component
// edges on rank 0 and make the groups there.
Status VerifyAndGroup(Comm& comm, Shard& shard, const DedupOptions& options,
                      std::vector<Candidate> candidates, DedupResult* result,
                      std::vector<int64_t>* counts, PairDocuments* fetch) {
  const DocumentShards& documents = shard.documents();
  comm.BeginStage("dedup.verify");
  SortUnique(&candidates);
  (*counts)[kCandidates] = static_cast<int64_t>(candidates.size());
  Result<std::vector<std::vector<UnitRef>>> asked = comm.Alltoallv(Requests(candidates, documents));
  if (!asked.ok()) return asked.status();
  Result<std::vector<std::vector<uint64_t>>> answers = comm.Alltoallv(Answer(shard, *asked));
  if (!answers.ok()) return answers.status();
  std::vector<Received> received;
  for (const auto& part : *answers) ParseReplies(part, shard.k(), &received);
  std::vector<CopyPair> pairs;
  {
    const SetTable table = BuildTable(shard, candidates, std::move(received));
    pairs = Verify(table, candidates, shard.k(), options.threshold);
  }
  (*counts)[kVerified] = static_cast<int64_t>(pairs.size());
  dedup_internal::SortCopyPairs(&pairs);
  // Every match of a document pair is on this rank (the owner of its lower document).
  if (options.level == DedupLevel::kPassage) pairs = dedup_internal::SelectPassages(pairs);

  comm.BeginStage("dedup.groups");
  Result<std::vector<Edge>> edges = comm.Gatherv(ComponentEdges(pairs));
  if (!edges.ok()) return edges.status();
  Result<std::vector<CopyPair>> all = comm.Gatherv(pairs);
  if (!all.ok()) return all.status();
  result->pairs = std::move(*all);
  dedup_internal::SortCopyPairs(&result->pairs);
  return Groups(comm, documents, *edges, result, fetch);
}

}  // namespace

Result<DedupResult> DistributedFindCopies(Comm& comm, const std::vector<Document>& documents,
                                          const DedupOptions& options) {
  if (documents.size() >= std::numeric_limits<uint32_t>::max()) {
    return InvalidArgument("dedup: more than 2^32 - 1 documents; split the input");
  }
  return DistributedFindCopies(comm, DocumentShards::RoundRobin(&documents, comm), options);
}

Result<DedupResult> DistributedFindCopies(Comm& comm, const DocumentShards& documents,
                                          const DedupOptions& options, PairDocuments* fetch,
                                          uint64_t round_bytes) {
  if (Status s = ValidateDedupOptions(options); !s.ok()) return s;
  const LshIndex index =
      *LshIndex::Create({options.threshold, options.minhash.num_hashes,
                         options.false_positive_weight, options.false_negative_weight, 0, 0});
  DedupResult result;
  result.stats.banding = index.banding();
  std::vector<int64_t> counts(kCounts, 0);
  Shard shard(documents, options);

  comm.BeginStage("dedup.signatures");
  std::vector<std::vector<BandEntry>> entries(static_cast<size_t>(comm.size()));
  shard.Sign(index, &entries, &counts[kUnits], &counts[kEmpty]);

  Result<std::vector<std::vector<Candidate>>> found =
      ShuffleBands(comm, std::move(entries), documents, index.banding().bands, round_bytes);
  if (!found.ok()) return found.status();
  comm.BeginStage("dedup.candidates");
  Result<std::vector<std::vector<Candidate>>> candidates = comm.Alltoallv(*found);
  if (!candidates.ok()) return candidates.status();

  Status s = VerifyAndGroup(comm, shard, options, Concatenate(std::move(*candidates)), &result,
                            &counts, fetch);
  if (!s.ok()) return s;
  comm.AllreduceSum(&counts);
  if (counts[kUnits] >= static_cast<int64_t>(std::numeric_limits<uint32_t>::max())) {
    return InvalidArgument("dedup: more than 2^32 - 1 units; split the input");
  }
  result.stats.units = static_cast<size_t>(counts[kUnits]);
  result.stats.empty_units = static_cast<size_t>(counts[kEmpty]);
  result.stats.candidate_pairs = static_cast<size_t>(counts[kCandidates]);
  result.stats.verified_pairs = static_cast<size_t>(counts[kVerified]);
  return result;
}

}  // namespace crossclaim::mpi
