// FindCopies (similarity/dedup.h) over MPI ranks: the same pairs and groups, byte for byte,
// for any number of ranks.
//
// Example (every rank):
//   Comm comm(MPI_COMM_WORLD);
//   Result<DedupResult> copies = DistributedFindCopies(comm, corpus.documents, options);
//   if (comm.root()) Print(copies->pairs);   // other ranks get stats only
//
// Data flow, with the stage names --stats prints:
//   signatures  each rank shingles and signs only the documents it holds (DocumentShards),
//               and keeps their units (no shingle sets: they are recomputed when needed).
//   shuffle     every (band, band key) of every unit goes to the rank owning the key's hash
//               range (MPI_Alltoallv, 16 bytes per unit per band).
//   candidates  each rank sorts its buckets and pairs units of different documents; each
//               pair goes to the rank owning its lower document (MPI_Alltoallv, 16 bytes),
//               so every pair is verified exactly once and all matches of one document pair
//               meet on one rank.
//   verify      the verifying rank asks the owners of the other documents for those units'
//               shingle sets and signatures (two MPI_Alltoallv: 8-byte requests, then
//               8 bytes per shingle + 4 per signature value + 8 for the publication
//               date), computes the exact Jaccard and,
//               at passage level, selects the matches per document pair.
//   groups      each rank's union-find over its pairs becomes (member, root) edges, gathered
//               on rank 0 with the pairs (MPI_Gatherv), where the components are joined;
//               the pairs' documents (headers: the publication dates pick each group's
//               origin) come to rank 0 from their ranks (MPI_Alltoallv, MPI_Gatherv).
// Rank 0 returns the full result; the others return the statistics (reduced over ranks) and
// no pairs or groups. Output order is the single-process order, so it does not depend on the
// number of ranks.
//
// Every rank must pass shards of the same documents and the same options. Each rank uses one
// thread.
#ifndef CROSSCLAIM_MPI_DISTRIBUTED_DEDUP_H_
#define CROSSCLAIM_MPI_DISTRIBUTED_DEDUP_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "mpi/comm.h"
#include "mpi/document_shards.h"
#include "similarity/dedup.h"

namespace crossclaim::mpi {

// The rank that owns document `doc` when every rank holds every document
// (DocumentShards::RoundRobin).
inline int OwnerOf(uint32_t doc, int ranks) { return static_cast<int>(doc % ranks); }

// The position of `value` in `sorted` (ascending, holding it): how the pairs' documents
// are renumbered compactly without changing their order.
inline uint32_t PositionIn(const std::vector<uint32_t>& sorted, uint32_t value) {
  return static_cast<uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), value) -
                               sorted.begin());
}

// The band-key shuffle sends at most about this many bytes per rank per round: more band
// entries go in rounds of whole bands (an MPI message must stay under 2^31 bytes).
inline constexpr uint64_t kShuffleRoundBytes = uint64_t{1} << 30;

// The documents of the copy pairs, as rank 0 fetched them to make the groups.
struct PairDocuments {
  bool with_text = false;           // in: fetch their texts too (passage excerpts)
  std::vector<uint32_t> ids;        // out, rank 0: the pairs' documents, ascending
  std::vector<Document> documents;  // out, rank 0: documents[i] is document ids[i]
};

// Collective: every rank calls it with its shards of the same documents and the same
// options. Every rank passes `fetch` alike (or none) to keep the pairs' documents on rank 0;
// `round_bytes` bounds the shuffle per round (kShuffleRoundBytes). Errors: as FindCopies,
// and a message of 2^31 bytes or more (on every rank alike; one band's entries must fit).
Result<DedupResult> DistributedFindCopies(Comm& comm, const DocumentShards& documents,
                                          const DedupOptions& options,
                                          PairDocuments* fetch = nullptr,
                                          uint64_t round_bytes = kShuffleRoundBytes);

// As above when every rank holds every document (RoundRobin shards).
Result<DedupResult> DistributedFindCopies(Comm& comm, const std::vector<Document>& documents,
                                          const DedupOptions& options);

}  // namespace crossclaim::mpi

#endif  // CROSSCLAIM_MPI_DISTRIBUTED_DEDUP_H_
