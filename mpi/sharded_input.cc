#include "mpi/sharded_input.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <tuple>

#include "mpi/bytes.h"

namespace crossclaim::mpi {
namespace {
namespace fs = std::filesystem;

// One part of the input, the same on every rank.
struct Part {
  size_t input = 0;    // position in the inputs
  bool lines = false;  // a byte range of a JSON Lines file; else the whole input
  uint64_t nominal_begin = 0;
  uint64_t nominal_end = 0;
  int owner = 0;
};

// What this rank read of one of its parts.
struct PartRead {
  uint32_t part = 0;
  LineRange range;
  Corpus corpus;
};

bool IsJsonLinesFile(const std::string& path) {
  std::error_code ec;
  const std::string ext = fs::path(path).extension().string();
  return (ext == ".jsonl" || ext == ".ndjson") && fs::is_regular_file(path, ec);
}

std::vector<Part> PlanParts(const std::vector<std::string>& inputs, int ranks) {
  std::vector<Part> parts;
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::error_code ec;
    const uint64_t size = IsJsonLinesFile(inputs[i]) ? fs::file_size(inputs[i], ec) : 0;
    if (!IsJsonLinesFile(inputs[i]) || ec) {
      parts.push_back({i, false, 0, 0, static_cast<int>(i % static_cast<size_t>(ranks))});
      continue;
    }
    const uint64_t n = static_cast<uint64_t>(ranks);
    for (uint64_t r = 0; r < n; ++r) {
      parts.push_back({i, true, size * r / n, size * (r + 1) / n, static_cast<int>(r)});
    }
  }
  return parts;
}

// This rank's parts, with the line ranges of its JSON Lines parts found and counted.
Result<std::vector<PartRead>> FindOwnRanges(const std::vector<std::string>& inputs,
                                            const std::vector<Part>& parts, int rank) {
  std::vector<PartRead> own;
  for (uint32_t p = 0; p < parts.size(); ++p) {
    const Part& part = parts[p];
    if (part.owner != rank) continue;
    PartRead read{p, {part.nominal_begin, part.nominal_begin, 0}, {}};
    if (part.lines) {
      const std::string& path = inputs[part.input];
      Result<LineRange> range = FindLineRange(path, part.nominal_begin, part.nominal_end);
      // A file nobody can open is one skip, from the part at its start (ReadJsonLinesRange).
      if (!range.ok() && std::ifstream(path).good()) return range.status();
      if (range.ok()) read.range = *range;
    }
    own.push_back(std::move(read));
  }
  return own;
}

// The first line number of each part: one more than the lines of the same file before it.
std::vector<size_t> FirstLines(Comm& comm, const std::vector<Part>& parts,
                               const std::vector<PartRead>& own) {
  std::vector<int64_t> lines(parts.size(), 0);
  for (const PartRead& read : own) lines[read.part] = static_cast<int64_t>(read.range.lines);
  comm.AllreduceSum(&lines);
  std::vector<size_t> first(parts.size(), 1);
  for (size_t p = 1; p < parts.size(); ++p) {
    if (parts[p].input == parts[p - 1].input)
      first[p] = first[p - 1] + static_cast<size_t>(lines[p - 1]);
  }
  return first;
}

Status ReadOwnParts(const std::vector<std::string>& inputs, const std::vector<Part>& parts,
                    const std::vector<size_t>& first_lines, const IngestOptions& options,
                    std::vector<PartRead>* own) {
  for (PartRead& read : *own) {
    const Part& part = parts[read.part];
    const std::string& path = inputs[part.input];
    if (part.lines) {
      ReadJsonLinesRange(path, read.range, first_lines[read.part], options, &read.corpus);
      continue;
    }
    Result<Corpus> corpus = ReadInputs({path}, options);
    if (!corpus.ok()) return corpus.status();
    read.corpus = std::move(*corpus);
  }
  return Status::Ok();
}

// One used document's id as the rank owning the id's hash sees it.
struct IdSeen {
  std::string id;
  uint32_t part = 0;
  uint32_t record = 0;
  std::string location;
  int from = 0;  // the rank that read it
};

std::vector<std::vector<char>> SendIds(const std::vector<PartRead>& own, int ranks) {
  std::vector<ByteWriter> out(static_cast<size_t>(ranks));
  for (const PartRead& read : own) {
    for (uint32_t r = 0; r < read.corpus.records.size(); ++r) {
      const InputRecord& record = read.corpus.records[r];
      if (record.status != InputStatus::kUsed) continue;
      ByteWriter& to = out[std::hash<std::string>()(record.id) % static_cast<size_t>(ranks)];
      to.Put(read.part);
      to.Put(r);
      to.PutString(record.id);
      to.PutString(record.location);
    }
  }
  std::vector<std::vector<char>> bytes;
  for (ByteWriter& w : out) bytes.push_back(std::move(w.bytes()));
  return bytes;
}

// For every occurrence of an id after its first: (part, record, first location), to the rank
// that read it.
std::vector<std::vector<char>> AnswerDuplicates(const std::vector<std::vector<char>>& received) {
  std::vector<IdSeen> seen;
  for (size_t from = 0; from < received.size(); ++from) {
    for (ByteReader in(received[from]); !in.done();) {
      IdSeen s;
      s.part = in.Get<uint32_t>();
      s.record = in.Get<uint32_t>();
      s.id = in.GetString();
      s.location = in.GetString();
      s.from = static_cast<int>(from);
      seen.push_back(std::move(s));
    }
  }
  std::sort(seen.begin(), seen.end(), [](const IdSeen& x, const IdSeen& y) {
    return std::tie(x.id, x.part, x.record) < std::tie(y.id, y.part, y.record);
  });
  std::vector<ByteWriter> out(received.size());
  for (size_t first = 0, i = 1; i < seen.size(); ++i) {
    if (seen[i].id != seen[first].id) {
      first = i;
      continue;
    }
    ByteWriter& to = out[static_cast<size_t>(seen[i].from)];
    to.Put(seen[i].part);
    to.Put(seen[i].record);
    to.PutString(seen[first].location);
  }
  std::vector<std::vector<char>> bytes;
  for (ByteWriter& w : out) bytes.push_back(std::move(w.bytes()));
  return bytes;
}

// Turns the answered records into skips, as ReadInputs skips a later duplicate: a fresh
// record with the reason only.
void SkipDuplicates(const std::vector<std::vector<char>>& answers, std::vector<PartRead>* own) {
  for (const std::vector<char>& bytes : answers) {
    for (ByteReader in(bytes); !in.done();) {
      const uint32_t part = in.Get<uint32_t>();
      const uint32_t record = in.Get<uint32_t>();
      const std::string first = in.GetString();
      auto read = std::lower_bound(own->begin(), own->end(), part,
                                   [](const PartRead& r, uint32_t p) { return r.part < p; });
      InputRecord& r = read->corpus.records[record];
      InputRecord skipped;
      skipped.id = r.id;
      skipped.location = r.location;
      skipped.status = InputStatus::kSkipped;
      skipped.reason = DuplicateIdReason(r.location, r.id, first);
      r = std::move(skipped);
    }
  }
  for (PartRead& read : *own) {  // drop the skipped documents, renumber the rest
    std::vector<Document> kept;
    for (InputRecord& r : read.corpus.records) {
      if (r.document < 0) continue;
      kept.push_back(std::move(read.corpus.documents[static_cast<size_t>(r.document)]));
      r.document = static_cast<int>(kept.size()) - 1;
    }
    read.corpus.documents = std::move(kept);
  }
}

Status CheckIds(Comm& comm, std::vector<PartRead>* own) {
  comm.BeginStage("ingest.ids");
  Result<std::vector<std::vector<char>>> ids = comm.Alltoallv(SendIds(*own, comm.size()));
  if (!ids.ok()) return ids.status();
  Result<std::vector<std::vector<char>>> answers = comm.Alltoallv(AnswerDuplicates(*ids));
  if (!answers.ok()) return answers.status();
  SkipDuplicates(*answers, own);
  return Status::Ok();
}

// Rank 0 prints every part's skip and warning lines in input order, then the summary.
Status ReportSkips(Comm& comm, const std::vector<PartRead>& own) {
  comm.BeginStage("ingest.report");
  std::vector<int64_t> counts(2, 0);  // records, skipped
  ByteWriter lines;
  for (const PartRead& read : own) {
    counts[0] += static_cast<int64_t>(read.corpus.records.size());
    counts[1] += static_cast<int64_t>(read.corpus.skipped());
    const std::string text = cli::SkipAndWarningLines(read.corpus.records);
    if (text.empty()) continue;
    lines.Put(read.part);
    lines.PutString(text);
  }
  comm.AllreduceSum(&counts);
  Result<std::vector<char>> all = comm.Gatherv(lines.bytes());
  if (!all.ok()) return all.status();
  if (!comm.root()) return Status::Ok();
  std::vector<std::pair<uint32_t, std::string>> texts;
  for (ByteReader in(*all); !in.done();) {
    const uint32_t part = in.Get<uint32_t>();
    texts.emplace_back(part, in.GetString());
  }
  std::sort(texts.begin(), texts.end());
  for (const auto& [part, text] : texts) std::fwrite(text.data(), 1, text.size(), stderr);
  cli::PrintSkipSummary(static_cast<size_t>(counts[1]), static_cast<size_t>(counts[0]));
  return Status::Ok();
}

// InputRecords as bytes, and back.
void WriteRecords(const std::vector<InputRecord>& records, ByteWriter* out) {
  out->Put(static_cast<uint64_t>(records.size()));
  for (const InputRecord& r : records) {
    for (const std::string* s : {&r.id, &r.location, &r.reason}) out->PutString(*s);
    out->Put(static_cast<int32_t>(r.status));
    out->Put(static_cast<uint64_t>(r.utf8_repairs));
    out->Put(static_cast<int64_t>(r.document));
    out->Put(static_cast<uint64_t>(r.warnings.size()));
    for (const std::string& w : r.warnings) out->PutString(w);
  }
}

std::vector<InputRecord> ReadRecords(ByteReader* in) {
  std::vector<InputRecord> records(static_cast<size_t>(in->Get<uint64_t>()));
  for (InputRecord& r : records) {
    for (std::string* s : {&r.id, &r.location, &r.reason}) *s = in->GetString();
    r.status = static_cast<InputStatus>(in->Get<int32_t>());
    r.utf8_repairs = static_cast<size_t>(in->Get<uint64_t>());
    r.document = static_cast<int>(in->Get<int64_t>());
    r.warnings.resize(static_cast<size_t>(in->Get<uint64_t>()));
    for (std::string& w : r.warnings) w = in->GetString();
  }
  return records;
}

// Global numbers from the parts' document counts (MPI_Allreduce).
Result<DocumentShards> Number(Comm& comm, const std::vector<Part>& parts,
                              std::vector<PartRead> own) {
  std::vector<int64_t> counts(parts.size(), 0);  // documents per part
  for (const PartRead& read : own) {
    counts[read.part] = static_cast<int64_t>(read.corpus.documents.size());
  }
  comm.AllreduceSum(&counts);
  std::vector<DocumentShards::Range> ranges;
  uint64_t total = 0;
  for (size_t p = 0; p < parts.size(); ++p) {
    ranges.push_back(
        {static_cast<uint32_t>(total), static_cast<uint32_t>(counts[p]), parts[p].owner});
    total += static_cast<uint64_t>(counts[p]);
    if (total >= std::numeric_limits<uint32_t>::max()) {
      return InvalidArgument("dedup: more than 2^32 - 1 documents; split the input");
    }
  }
  std::vector<Document> local;
  for (PartRead& read : own) {
    for (Document& d : read.corpus.documents) local.push_back(std::move(d));
  }
  return DocumentShards::FromRanges(std::move(ranges), std::move(local), comm);
}

// Every part's records and documents, in input order, on every rank: the Corpus that
// ReadInputs gives for the whole input.
Result<Corpus> Replicate(Comm& comm, std::vector<PartRead> own) {
  comm.BeginStage("ingest.replicate");
  ByteWriter out;
  for (PartRead& read : own) {
    out.Put(read.part);
    WriteRecords(read.corpus.records, &out);
    out.Put(static_cast<uint64_t>(read.corpus.documents.size()));
    for (const Document& d : read.corpus.documents) WriteDocument(0, d, true, &out);
    read.corpus = Corpus();  // the copy in `out` is enough
  }
  Result<std::vector<char>> all = comm.Allgatherv(out.bytes());
  if (!all.ok()) return all.status();
  std::vector<std::pair<uint32_t, Corpus>> parts;
  for (ByteReader in(*all); !in.done();) {
    const uint32_t part = in.Get<uint32_t>();
    Corpus corpus;
    corpus.records = ReadRecords(&in);
    corpus.documents.resize(static_cast<size_t>(in.Get<uint64_t>()));
    for (Document& d : corpus.documents) ReadDocument(&in, &d);
    parts.emplace_back(part, std::move(corpus));
  }
  std::sort(parts.begin(), parts.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  Corpus whole;
  for (auto& [part, corpus] : parts) {
    const int base = static_cast<int>(whole.documents.size());
    for (InputRecord& r : corpus.records) {
      if (r.document >= 0) r.document += base;
      whole.records.push_back(std::move(r));
    }
    for (Document& d : corpus.documents) whole.documents.push_back(std::move(d));
  }
  return whole;
}

// The parts this rank read, with ids checked across ranks and the skips printed by rank 0.
Result<std::pair<std::vector<Part>, std::vector<PartRead>>> ReadParts(
    Comm& comm, const cli::InputFlags& flags) {
  comm.BeginStage("ingest");
  const std::vector<std::string> inputs = cli::InputsOrDemo(flags);
  std::vector<Part> parts = PlanParts(inputs, comm.size());
  Result<std::vector<PartRead>> own = FindOwnRanges(inputs, parts, comm.rank());
  if (Status agreed = comm.Agree(own.status()); !agreed.ok()) return agreed;
  const std::vector<size_t> first_lines = FirstLines(comm, parts, *own);
  IngestOptions options = cli::ToIngestOptions(flags);
  options.unique_ids = false;  // checked across parts below
  Status read = ReadOwnParts(inputs, parts, first_lines, options, &*own);
  if (Status agreed = comm.Agree(read); !agreed.ok()) return agreed;
  if (Status ids = CheckIds(comm, &*own); !ids.ok()) return ids;
  if (Status reported = ReportSkips(comm, *own); !reported.ok()) return reported;
  return std::pair(std::move(parts), std::move(*own));
}

}  // namespace

Result<DocumentShards> LoadShardedInputs(Comm& comm, const cli::InputFlags& flags) {
  auto read = ReadParts(comm, flags);
  if (!read.ok()) return read.status();
  return Number(comm, read->first, std::move(read->second));
}

Result<Corpus> LoadInputsOnEveryRank(Comm& comm, const cli::InputFlags& flags) {
  auto read = ReadParts(comm, flags);
  if (!read.ok()) return read.status();
  return Replicate(comm, std::move(read->second));
}

}  // namespace crossclaim::mpi
