// The document frequencies of an event's claims, counted per shard and summed over ranks:
// what the single-process TF-IDF fit learns, so rank 0 can weigh the claims with the same
// idf without counting the whole corpus itself.
//
// Example (every rank):
//   Result<DocumentFrequencies> df = DistributedClaimFrequencies(comm, corpus, options.tfidf);
//   if (comm.root()) AnalyzeEvent(corpus, claims, options, {.frequencies = &*df});
//
// Data flow (stage "tfidf.df"): each rank finds the event's boilerplate lines (that needs
// every document: a line is furniture when other outlets repeat it), extracts the claims of
// its own documents only (d % ranks == rank), and counts its terms. The ranks then agree on
// one vocabulary (MPI_Allgatherv of each rank's sorted terms, merged in byte order) and sum
// the counts with MPI_Allreduce over int64: integer sums, so the result is exact and does
// not depend on the number of ranks. Hashed vocabularies skip the gather.
#ifndef CROSSCLAIM_MPI_DISTRIBUTED_TFIDF_H_
#define CROSSCLAIM_MPI_DISTRIBUTED_TFIDF_H_

#include "core/ingest.h"
#include "core/status.h"
#include "mpi/comm.h"
#include "similarity/tfidf.h"

namespace crossclaim::mpi {

// Collective: the sum over ranks of each rank's `local` counts, on every rank.
// Precondition: every rank counted with the same TfidfOptions.
Result<DocumentFrequencies> ReduceDocumentFrequencies(Comm& comm, const DocumentFrequencies& local);

// Collective: the frequencies of the claims of `corpus` (ExtractCorpusClaims with default
// options) under `options`, as CountDocumentFrequencies over all claims would give.
Result<DocumentFrequencies> DistributedClaimFrequencies(Comm& comm, const Corpus& corpus,
                                                        const TfidfOptions& options);

}  // namespace crossclaim::mpi

#endif  // CROSSCLAIM_MPI_DISTRIBUTED_TFIDF_H_
