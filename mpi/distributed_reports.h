// The reports of a feed of several news events, analysed on MPI ranks. Events are
// independent, so instead of running each event collectively, each rank runs the
// single-process analysis of `crossclaim report` (ExtractCorpusClaims, AnalyzeEvent,
// BuildReportJson) for the events it is handed, and rank 0 gathers the reports.
//
// Example (every rank):
//   Result<std::vector<nlohmann::json>> reports =
//       DistributedEventReports(comm, corpus, events, options);
//   if (!reports.ok()) return reports.status();           // alike on every rank
//   if (comm.root()) WriteReportFiles((*reports)[0], "out/event-1");
//
// Data flow:
//   - Every rank holds the whole corpus (replicated ingestion) and every event's documents
//     (rank 0 clusters them and broadcasts them: mpi/report_command.cc).
//   - AssignEvents gives each event an owner rank, computed alike on every rank: balanced by
//     documents, so no message is needed to agree on it.
//   - Stage "analysis": each rank analyses its own events, in event order, on one thread
//     (one rank per core) and keeps each report serialised as CBOR (binary JSON: exact
//     doubles, no number formatting), about 0.4 x the size of report.json.
//   - Stage "gather": rank 0 collects the serialised reports with MPI_Gatherv, in rounds of
//     about `round_bytes` per rank so that no message reaches MPI's 2^31-byte limit however
//     large the feed, and decodes them into event order.
// The reports are those of the single process: an event's analysis does not depend on
// which rank runs it, nor on the thread count. Rank 0 holds every report at the end, as
// `crossclaim report` does (it needs them all for index.json).
//
// Thread safety: collective, from each rank's main thread.
#ifndef CROSSCLAIM_MPI_DISTRIBUTED_REPORTS_H_
#define CROSSCLAIM_MPI_DISTRIBUTED_REPORTS_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "cluster/event_analysis.h"
#include "core/ingest.h"
#include "core/status.h"
#include "mpi/comm.h"

namespace crossclaim::mpi {

// Bytes a rank sends per gather round (it sends at least one report per round).
inline constexpr size_t kGatherRoundBytes = size_t{256} << 20;

// The owner rank of each event, given each event's size in documents: the largest event
// first (ties: the lower event number) to the rank with the fewest documents so far (ties:
// the lower rank). Deterministic, so every rank computes the same owners. Precondition:
// ranks > 0. O(events x (log events + ranks)).
std::vector<int> AssignEvents(const std::vector<size_t>& sizes, int ranks);

// Collective: the report of each event, event e (0-based) with id "event-{e+1}", the
// documents `events[e]` of `corpus` analysed with `options` (its `threads` is replaced by
// 1). On rank 0: every report, in event order; on other ranks: an empty vector.
// Errors, alike on every rank: the status of the lowest-numbered failing event (the error
// the single process stops at) on the rank that ran it, a kInternal status with an empty
// message on the others (the explaining rank is the one to print, as with Comm::Agree);
// a round of over 2^31 bytes (a single report that large).
Result<std::vector<nlohmann::json>> DistributedEventReports(
    Comm& comm, const Corpus& corpus, const std::vector<std::vector<int32_t>>& events,
    const AnalysisOptions& options, size_t round_bytes = kGatherRoundBytes);

}  // namespace crossclaim::mpi

#endif  // CROSSCLAIM_MPI_DISTRIBUTED_REPORTS_H_
