// Plain values and strings packed into one byte buffer for an MPI message, and read back.
// Both ends must share one ABI (see comm.h): values are copied as they lie in memory.
//
// Example:
//   ByteWriter out;
//   out.Put(uint32_t{7});
//   out.PutString("id-7");
//   ByteReader in(out.bytes());
//   while (!in.done()) { uint32_t n = in.Get<uint32_t>(); std::string id = in.GetString(); }
#ifndef CROSSCLAIM_MPI_BYTES_H_
#define CROSSCLAIM_MPI_BYTES_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace crossclaim::mpi {

class ByteWriter {
 public:
  template <typename T>
  void Put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const char* p = reinterpret_cast<const char*>(&value);
    bytes_.insert(bytes_.end(), p, p + sizeof(value));
  }
  // A 64-bit length, then the bytes.
  void PutString(std::string_view s) {
    Put(static_cast<uint64_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  std::vector<char>& bytes() { return bytes_; }

 private:
  std::vector<char> bytes_;
};

// Reads what a ByteWriter wrote, in the same order. The buffer must outlive the reader.
// Reading past the end (a message cut short: a bug) yields zeros and empty strings, and
// ok() turns false; done() is then true.
class ByteReader {
 public:
  explicit ByteReader(const std::vector<char>& bytes) : bytes_(bytes) {}
  bool done() const { return at_ >= bytes_.size(); }
  bool ok() const { return ok_; }
  template <typename T>
  T Get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value{};
    if (!Have(sizeof(value))) return value;
    std::memcpy(&value, bytes_.data() + at_, sizeof(value));
    at_ += sizeof(value);
    return value;
  }
  std::string GetString() {
    const uint64_t size = Get<uint64_t>();
    if (!Have(size)) return std::string();
    std::string s(bytes_.data() + at_, static_cast<size_t>(size));
    at_ += static_cast<size_t>(size);
    return s;
  }

 private:
  bool Have(uint64_t size) {
    if (ok_ && size <= bytes_.size() - std::min(at_, bytes_.size())) return true;
    ok_ = false;
    at_ = bytes_.size();
    return false;
  }

  const std::vector<char>& bytes_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace crossclaim::mpi

#endif  // CROSSCLAIM_MPI_BYTES_H_
