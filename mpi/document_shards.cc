#include "mpi/document_shards.h"

#include <algorithm>
#include <cstring>

namespace crossclaim::mpi {
namespace {

// Documents as bytes: fixed-size fields, then each string as a 64-bit length and its bytes.
class DocumentWriter {
 public:
  void Write(uint32_t doc, const Document& d, bool with_text) {
    Put(doc);
    const Date date = d.published.value_or(Date{});
    const int32_t fields[] = {d.published ? 1 : 0, date.year, date.month, date.day};
    for (int32_t f : fields) Put(f);
    for (const std::string* s : {&d.id, &d.outlet, &d.url, &d.title}) PutString(*s);
    PutString(with_text ? d.text : std::string());
  }
  std::vector<char>& bytes() { return bytes_; }

 private:
  template <typename T>
  void Put(T value) {
    const char* p = reinterpret_cast<const char*>(&value);
    bytes_.insert(bytes_.end(), p, p + sizeof(value));
  }
  void PutString(const std::string& s) {
    Put(static_cast<uint64_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  std::vector<char> bytes_;
};

class DocumentReader {
 public:
  explicit DocumentReader(const std::vector<char>& bytes) : bytes_(bytes) {}
  bool done() const { return at_ >= bytes_.size(); }
  uint32_t Read(Document* d) {
    const uint32_t doc = Get<uint32_t>();
    int32_t fields[4];
    for (int32_t& f : fields) f = Get<int32_t>();
    d->published.reset();
    if (fields[0] != 0) d->published = Date{fields[1], fields[2], fields[3]};
    for (std::string* s : {&d->id, &d->outlet, &d->url, &d->title, &d->text}) GetString(s);
    return doc;
  }

 private:
  template <typename T>
  T Get() {
    T value;
    std::memcpy(&value, bytes_.data() + at_, sizeof(value));
    at_ += sizeof(value);
    return value;
  }
  void GetString(std::string* s) {
    const size_t size = static_cast<size_t>(Get<uint64_t>());
    s->assign(bytes_.data() + at_, size);
    at_ += size;
  }
  const std::vector<char>& bytes_;
  size_t at_ = 0;
};

}  // namespace

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
  DocumentWriter writer;
  for (uint32_t d : (*asked)[0]) writer.Write(d, shards.Get(d), with_text);
  Result<std::vector<char>> all = comm.Gatherv(writer.bytes());
  if (!all.ok()) return all.status();
  FetchedDocuments fetched;
  if (!comm.root()) return fetched;
  fetched.ids = wanted;
  fetched.documents.resize(wanted.size());
  for (DocumentReader reader(*all); !reader.done();) {
    Document d;
    const uint32_t doc = reader.Read(&d);
    const auto at = std::lower_bound(wanted.begin(), wanted.end(), doc) - wanted.begin();
    fetched.documents[static_cast<size_t>(at)] = std::move(d);
  }
  return fetched;
}

}  // namespace crossclaim::mpi
