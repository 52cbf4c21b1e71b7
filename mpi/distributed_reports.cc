#include "mpi/distributed_reports.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>

#include "mpi/bytes.h"
#include "report/report_files.h"
#include "report/report_json.h"

namespace crossclaim::mpi {
namespace {

Status Internal(std::string message) { return Status(StatusCode::kInternal, std::move(message)); }

// This rank's share of the analysis.
struct Analysed {
  std::vector<int64_t> events;                // ascending event numbers (0-based)
  std::vector<std::vector<uint8_t>> reports;  // their reports, as CBOR
  int64_t failed = -1;                        // the event that failed, if one did
  Status status;                              // its error
};

// The events `owner` gives to `rank`, in event order; stops at the first that fails (the
// later ones would not be reported anyway).
Analysed AnalyzeMine(const Corpus& corpus, const std::vector<std::vector<int32_t>>& events,
                     const std::vector<int>& owner, int rank, AnalysisOptions options) {
  options.threads = 1;  // one rank per core: more threads would only contend
  const std::vector<size_t> record_of = RecordOfDocuments(corpus);
  Analysed mine;
  for (size_t e = 0; e < events.size(); ++e) {
    if (owner[e] != rank) continue;
    Result<nlohmann::json> report = BuildEventReport(SubCorpus(corpus, record_of, events[e]),
                                                     options, fmt::format("event-{}", e + 1));
    if (!report.ok()) {
      mine.failed = static_cast<int64_t>(e);
      mine.status = report.status();
      break;
    }
    mine.events.push_back(static_cast<int64_t>(e));
    mine.reports.push_back(nlohmann::json::to_cbor(*report));
  }
  return mine;
}

// Collective: Ok when no rank failed; else the status of the lowest-numbered failed event on
// the rank that ran it (the single process stops at that one), an unexplained kInternal on
// the others.
Status AgreeOnFirstFailure(Comm& comm, const Analysed& mine, size_t events) {
  const int64_t none = static_cast<int64_t>(events);
  const int64_t first = -comm.AllreduceMax(-(mine.failed < 0 ? none : mine.failed));
  if (first == none) return Status::Ok();
  if (first == mine.failed) return mine.status;
  return Status(StatusCode::kInternal, "");
}

// A report on the wire: its event number, then its CBOR bytes.
void AppendRecord(int64_t event, const std::vector<uint8_t>& cbor, ByteWriter* out) {
  out->Put(event);
  out->PutString(std::string_view(reinterpret_cast<const char*>(cbor.data()), cbor.size()));
}

// Decodes gathered records into reports[event]. Errors (a bug, not bad input): a record
// cut short, an event out of range or seen twice, bytes that are not CBOR.
Status UnpackRecords(const std::vector<char>& bytes, std::vector<nlohmann::json>* reports) {
  for (ByteReader in(bytes); !in.done();) {
    const int64_t event = in.Get<int64_t>();
    const std::string cbor = in.GetString();
    if (!in.ok()) return Internal("gathered reports: a record cut short");
    if (event < 0 || static_cast<size_t>(event) >= reports->size() ||
        !(*reports)[static_cast<size_t>(event)].is_null()) {
      return Internal(fmt::format("gathered reports: a bad record for event {}", event + 1));
    }
    nlohmann::json& report = (*reports)[static_cast<size_t>(event)];
    report = nlohmann::json::from_cbor(cbor, true, false);
    if (report.is_discarded()) {
      return Internal(fmt::format("gathered reports: event {} is not CBOR", event + 1));
    }
  }
  return Status::Ok();
}

// This rank's next reports, from `*next` on, up to about `round_bytes` (at least one);
// frees them once packed.
std::vector<char> PackRound(Analysed& mine, size_t round_bytes, size_t* next) {
  ByteWriter round;
  while (
      *next < mine.reports.size() &&
      (round.bytes().empty() || round.bytes().size() + mine.reports[*next].size() <= round_bytes)) {
    AppendRecord(mine.events[*next], mine.reports[*next], &round);
    std::vector<uint8_t>().swap(mine.reports[*next]);
    ++*next;
  }
  return std::move(round.bytes());
}

// Collective: every report on rank 0, in event order; other ranks return an empty vector.
// A decoding error on rank 0 does not stop the rounds (the other ranks would wait for it):
// it is returned after the last one.
Result<std::vector<nlohmann::json>> GatherReports(Comm& comm, Analysed& mine, size_t events,
                                                  size_t round_bytes) {
  std::vector<nlohmann::json> reports(comm.root() ? events : 0);
  Status decoded;
  size_t next = 0;
  while (comm.AllreduceMax(static_cast<int64_t>(mine.reports.size() - next)) > 0) {
    Result<std::vector<char>> round = comm.Gatherv(PackRound(mine, round_bytes, &next));
    if (!round.ok()) return round.status();  // alike on every rank
    if (comm.root() && decoded.ok()) decoded = UnpackRecords(*round, &reports);
  }
  if (!decoded.ok()) return decoded;
  for (size_t e = 0; e < reports.size(); ++e) {
    if (reports[e].is_null())
      return Internal(fmt::format("no report gathered for event {}", e + 1));
  }
  return reports;
}

}  // namespace

std::vector<int> AssignEvents(const std::vector<size_t>& sizes, int ranks) {
  std::vector<size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  std::vector<size_t> load(static_cast<size_t>(ranks), 0);
  std::vector<int> owner(sizes.size(), 0);
  for (size_t e : order) {
    const auto least = std::min_element(load.begin(), load.end());  // the first: lowest rank
    owner[e] = static_cast<int>(least - load.begin());
    *least += sizes[e];
  }
  return owner;
}

Result<std::vector<nlohmann::json>> DistributedEventReports(
    Comm& comm, const Corpus& corpus, const std::vector<std::vector<int32_t>>& events,
    const AnalysisOptions& options, size_t round_bytes) {
  comm.BeginStage("analysis");
  std::vector<size_t> sizes;
  for (const std::vector<int32_t>& documents : events) sizes.push_back(documents.size());
  const std::vector<int> owner = AssignEvents(sizes, comm.size());
  Analysed mine = AnalyzeMine(corpus, events, owner, comm.rank(), options);
  if (Status agreed = AgreeOnFirstFailure(comm, mine, events.size()); !agreed.ok()) return agreed;
  comm.BeginStage("gather");
  return GatherReports(comm, mine, events.size(), round_bytes);
}

}  // namespace crossclaim::mpi
