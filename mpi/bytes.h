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
class ByteReader {
 public:
  explicit ByteReader(const std::vector<char>& bytes) : bytes_(bytes) {}
  bool done() const { return at_ >= bytes_.size(); }
  template <typename T>
  T Get() {
    T value;
    std::memcpy(&value, bytes_.data() + at_, sizeof(value));
    at_ += sizeof(value);
    return value;
  }
  std::string GetString() {
    const size_t size = static_cast<size_t>(Get<uint64_t>());
    std::string s(bytes_.data() + at_, size);
    at_ += size;
    return s;
  }

 private:
  const std::vector<char>& bytes_;
  size_t at_ = 0;
};

}  // namespace crossclaim::mpi

#endif  // CROSSCLAIM_MPI_BYTES_H_
