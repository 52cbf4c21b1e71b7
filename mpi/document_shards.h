// Which rank holds which documents in a distributed run, and this rank's documents.
//
// Documents are numbered 0..size()-1 in input order on every rank (the numbering of
// ReadInputs over the whole input); each is held, with its text, by exactly one rank.
//
// Example:
//   DocumentShards shards = DocumentShards::RoundRobin(&corpus.documents, comm);  // replicated
//   for (uint32_t i = 0; i < shards.local_size(); ++i) Sign(shards.GlobalIndex(i), ...);
//   if (shards.OwnerOf(d) == comm.rank()) Use(shards.Get(d));
#ifndef CROSSCLAIM_MPI_DOCUMENT_SHARDS_H_
#define CROSSCLAIM_MPI_DOCUMENT_SHARDS_H_

#include <cstdint>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "mpi/bytes.h"
#include "mpi/comm.h"

namespace crossclaim::mpi {

class DocumentShards {
 public:
  // A run of consecutive documents held by one rank.
  struct Range {
    uint32_t first = 0;  // global index of the run's first document
    uint32_t count = 0;
    int owner = 0;
  };

  // Every rank holds all of `documents` (which must outlive the shards); document d belongs
  // to rank d % ranks.
  static DocumentShards RoundRobin(const std::vector<Document>* documents, const Comm& comm);

  // `ranges`: every rank's runs, in global order, tiling [0, total); `local`: this rank's
  // documents, its runs' documents in order.
  static DocumentShards FromRanges(std::vector<Range> ranges, std::vector<Document> local,
                                   const Comm& comm);

  uint32_t size() const { return size_; }  // documents on all ranks
  uint32_t local_size() const { return local_size_; }
  int rank() const { return rank_; }
  int ranks() const { return ranks_; }

  int OwnerOf(uint32_t doc) const;
  // Preconditions: OwnerOf(doc) == rank(); local < local_size().
  const Document& Get(uint32_t doc) const {
    return all_ != nullptr ? (*all_)[doc] : local_[LocalIndex(doc)];
  }
  // This rank's documents are numbered 0..local_size()-1 in global order.
  uint32_t LocalIndex(uint32_t doc) const;
  uint32_t GlobalIndex(uint32_t local) const;

 private:
  DocumentShards(const Comm& comm) : rank_(comm.rank()), ranks_(comm.size()) {}

  // One of this rank's runs and where its documents start in local_.
  struct OwnedRun {
    uint32_t first = 0;
    uint32_t count = 0;
    uint32_t local_first = 0;
  };

  bool round_robin() const { return all_ != nullptr; }

  std::vector<Range> ranges_;                   // all ranks' runs (FromRanges)
  std::vector<OwnedRun> owned_;                 // this rank's runs (FromRanges)
  std::vector<Document> local_;                 // this rank's documents (FromRanges)
  const std::vector<Document>* all_ = nullptr;  // every document (RoundRobin)
  uint32_t size_ = 0;
  uint32_t local_size_ = 0;
  int rank_ = 0;
  int ranks_ = 1;
};

// A document as bytes (its number, publication date, strings; the text only `with_text`),
// and back; ReadDocument returns the number.
void WriteDocument(uint32_t doc, const Document& d, bool with_text, ByteWriter* out);
uint32_t ReadDocument(ByteReader* in, Document* d);

// Documents fetched to rank 0 from the ranks that hold them.
struct FetchedDocuments {
  std::vector<uint32_t> ids;        // ascending global indices
  std::vector<Document> documents;  // documents[i] is document ids[i]
};

// Collective: rank 0 gets the documents `wanted` (ascending global indices; other ranks'
// `wanted` are ignored), without their text unless `with_text`; other ranks get nothing.
// Errors: a message of 2^31 bytes or more (on every rank alike).
Result<FetchedDocuments> FetchDocuments(Comm& comm, const DocumentShards& shards,
                                        const std::vector<uint32_t>& wanted, bool with_text);

}  // namespace crossclaim::mpi

#endif  // CROSSCLAIM_MPI_DOCUMENT_SHARDS_H_
