#include "mpi/document_shards.h"

#include <algorithm>
#include <string_view>

#include "mpi/bytes.h"

namespace crossclaim::mpi {

void WriteDocument(uint32_t doc, const Document& d, bool with_text, ByteWriter* out) {
  out->Put(doc);
  const Date date = d.published.value_or(Date{});
  for (int32_t field : {d.published ? 1 : 0, date.year, date.month, date.day}) out->Put(field);
  for (const std::string* s : {&d.id, &d.outlet, &d.url, &d.title, &d.source}) out->PutString(*s);
  out->PutString(with_text ? std::string_view(d.text) : std::string_view());
}

uint32_t ReadDocument(ByteReader* in, Document* d) {
  const uint32_t doc = in->Get<uint32_t>();
  int32_t fields[4];
  for (int32_t& f : fields) f = in->Get<int32_t>();
  d->published.reset();
  if (fields[0] != 0) d->published = Date{fields[1], fields[2], fields[3]};
  for (std::string* s : {&d->id, &d->outlet, &d->url, &d->title, &d->source, &d->text}) {
    *s = in->GetString();
  }
  return doc;
}

DocumentShards DocumentShards::RoundRobin(const std::vector<Document>* documents,
                                          const Comm& comm) {
  DocumentShards shards(comm);
  shards.all_ = documents;
  shards.size_ = static_cast<uint32_t>(documents->size());
  const uint32_t ranks = static_cast<uint32_t>(comm.size());
  const uint32_t rank = static_cast<uint32_t>(comm.rank());
  shards.local_size_ = shards.size_ > rank ? (shards.size_ - rank + ranks - 1) / ranks : 0;
  return shards;
}

DocumentShards DocumentShards::FromRanges(std::vector<Range> ranges, std::vector<Document> local,
                                          const Comm& comm) {
  DocumentShards shards(comm);
  for (const Range& r : ranges) {
    if (r.count == 0) continue;
    shards.ranges_.push_back(r);
    if (r.owner == comm.rank()) {
      shards.owned_.push_back({r.first, r.count, shards.local_size_});
      shards.local_size_ += r.count;
    }
    shards.size_ = r.first + r.count;
  }
  shards.local_ = std::move(local);
  return shards;
}

int DocumentShards::OwnerOf(uint32_t doc) const {
  if (round_robin()) return static_cast<int>(doc % static_cast<uint32_t>(ranks_));
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), doc,
                             [](uint32_t d, const Range& r) { return d < r.first; });
  return std::prev(it)->owner;
}

uint32_t DocumentShards::LocalIndex(uint32_t doc) const {
  if (round_robin()) return doc / static_cast<uint32_t>(ranks_);
  auto it = std::upper_bound(owned_.begin(), owned_.end(), doc,
                             [](uint32_t d, const OwnedRun& r) { return d < r.first; });
  --it;
  return it->local_first + (doc - it->first);
}

uint32_t DocumentShards::GlobalIndex(uint32_t local) const {
  if (round_robin()) return local * static_cast<uint32_t>(ranks_) + static_cast<uint32_t>(rank_);
  auto it = std::upper_bound(owned_.begin(), owned_.end(), local,
                             [](uint32_t l, const OwnedRun& r) { return l < r.local_first; });
  --it;
  return it->first + (local - it->local_first);
}

Result<FetchedDocuments> FetchDocuments(Comm& comm, const DocumentShards& shards,
                                        const std::vector<uint32_t>& wanted, bool with_text) {
  std::vector<std::vector<uint32_t>> asks(static_cast<size_t>(comm.size()));
  if (comm.root()) {
    for (uint32_t d : wanted) asks[static_cast<size_t>(shards.OwnerOf(d))].push_back(d);
  }
  Result<std::vector<std::vector<uint32_t>>> asked = comm.Alltoallv(asks);
  if (!asked.ok()) return asked.status();
  ByteWriter writer;
  for (uint32_t d : (*asked)[0]) WriteDocument(d, shards.Get(d), with_text, &writer);
  Result<std::vector<char>> all = comm.Gatherv(writer.bytes());
  if (!all.ok()) return all.status();
  FetchedDocuments fetched;
  if (!comm.root()) return fetched;
  fetched.ids = wanted;
  fetched.documents.resize(wanted.size());
  for (ByteReader reader(*all); !reader.done();) {
    Document d;
    const uint32_t doc = ReadDocument(&reader, &d);
    const auto at = std::lower_bound(wanted.begin(), wanted.end(), doc) - wanted.begin();
    fetched.documents[static_cast<size_t>(at)] = std::move(d);
  }
  return fetched;
}

}  // namespace crossclaim::mpi
