// Reading the input on MPI ranks, each rank parsing only its own part, with the documents,
// skips and messages of one `crossclaim` read of the whole input.
//
// Example (every rank):
//   Result<DocumentShards> shards = LoadShardedInputs(comm, flags.input);
//   // shards->size(): the used documents of the whole input; this rank holds its own
//
// The parts: every JSON Lines file given as an input (.jsonl, .ndjson) is cut into one
// byte range per rank, moved to line starts (FindLineRange); any other input (a folder, a
// .json, .csv or .txt file) is one part, read whole by rank (input position % ranks).
// Stages, as --stats names them:
//   ingest      each rank finds and counts the lines of its ranges; the ranks sum the counts
//               (MPI_Allreduce, 8 bytes per part) so every range knows its first line
//               number; each rank parses its parts (ReadJsonLinesRange, ReadInputs).
//   ingest.ids  ids are unique across the whole input, first occurrence kept, as ReadInputs
//               does: each used document's id goes to the rank owning the id's hash
//               (MPI_Alltoallv: part, record, id, location), which answers for each later
//               occurrence with the first one's location; those become skips.
//   ingest.report  rank 0 gathers the parts' skip and warning lines (MPI_Gatherv) and
//               prints them in input order, with the summary line. Then either
//               (LoadShardedInputs) the document counts per part are summed (MPI_Allreduce)
//               into global numbers, document d being the d-th used document of the input
//               as ReadInputs numbers them, and each rank keeps its own documents; or
//   ingest.replicate  (LoadInputsOnEveryRank) every rank gets every part's records and
//               documents (MPI_Allgatherv), the whole input's Corpus.
#ifndef CROSSCLAIM_MPI_SHARDED_INPUT_H_
#define CROSSCLAIM_MPI_SHARDED_INPUT_H_

#include "cli/input.h"
#include "core/status.h"
#include "mpi/comm.h"
#include "mpi/document_shards.h"

namespace crossclaim::mpi {

// Collective. Errors, agreed by every rank: an unusable input path (as ReadInputs), an
// unreadable JSON Lines file that could be opened, more than 2^32 - 1 documents, a message
// of 2^31 bytes or more.
Result<DocumentShards> LoadShardedInputs(Comm& comm, const cli::InputFlags& flags);

// Collective: the Corpus ReadInputs gives for the whole input, on every rank, each rank
// having parsed only its parts (for stages that need every document everywhere). Errors: as
// LoadShardedInputs.
Result<Corpus> LoadInputsOnEveryRank(Comm& comm, const cli::InputFlags& flags);

}  // namespace crossclaim::mpi

#endif  // CROSSCLAIM_MPI_SHARDED_INPUT_H_
