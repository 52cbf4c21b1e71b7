// Status and Result<T>: how crossclaim reports errors from anything that reads outside
// input or validates options. Libraries return a Status; the CLI prints its message and exits.
//
// Example:
//   Result<Corpus> corpus = ReadInputs({"events.jsonl"}, {});
//   if (!corpus.ok()) return Fail(corpus.status());   // "events.jsonl:17: ..."
//   UseCorpus(*corpus);
//
// Messages name the place and the rule, e.g. `events.jsonl:17: field "text" is empty` or
// `MinHashOptions.num_hashes must be > 0 (got 0)`.
#ifndef CROSSCLAIM_CORE_STATUS_H_
#define CROSSCLAIM_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace crossclaim {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad options or usage
  kNotFound,         // a path or id that does not exist
  kDataLoss,         // input that cannot be read or parsed
  kInternal,
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  bool operator==(const Status&) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status DataLoss(std::string message) {
  return Status(StatusCode::kDataLoss, std::move(message));
}

// A value or the Status that explains why there is none. Accessing the value of a failed
// Result is a programming error (asserted in debug builds).
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_STATUS_H_
