// Shared pieces of the Python bindings (python/src/*.cc): engine Status codes as Python
// exceptions, UTF-8 views of Python strings that stay valid while the GIL is released, and
// the worker-thread count. The bindings only translate between Python and the engine's
// public headers; no engine logic lives here.
#ifndef CROSSCLAIM_PYTHON_SRC_COMMON_H_
#define CROSSCLAIM_PYTHON_SRC_COMMON_H_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace crossclaim::python {

namespace py = pybind11;

// Carries a non-OK engine Status to the translator that raises the matching
// crossclaim.Error subclass (InvalidArgumentError, NotFoundError, DataLossError,
// InternalError).
class StatusError : public std::runtime_error {
 public:
  explicit StatusError(Status status)
      : std::runtime_error(status.message()), status_(std::move(status)) {}
  const Status& status() const { return status_; }

 private:
  Status status_;
};

// Throws StatusError when `status` is not OK.
void ThrowIfError(const Status& status);

// The value of `result`, or throws its Status.
template <typename T>
T ValueOrThrow(Result<T> result) {
  if (!result.ok()) throw StatusError(result.status());
  return std::move(*result);
}

// Throws an InvalidArgumentError with `message`.
[[noreturn]] void InvalidArgumentError(std::string message);

// Creates the exception classes in `module` and registers the translator.
void RegisterErrors(py::module_& module);

// UTF-8 views of a sequence of Python str. The views point into the str objects' own UTF-8
// buffers (no copy for ASCII text) and stay valid while `owners` holds them, also with the
// GIL released.
struct TextViews {
  std::vector<py::object> owners;
  std::vector<std::string_view> views;
};

// Every item of the iterable `texts` as UTF-8. Errors: TypeError naming `what`[i] for an
// item that is not a str; InvalidArgumentError for a str with lone surrogates.
TextViews GatherTexts(py::handle texts, const char* what);

// A TBB arena width from a `threads` argument: 0 is every core. Errors: InvalidArgumentError
// when negative.
int ArenaThreads(int threads);

// The number of code points in the first `bytes` bytes of the UTF-8 `text`: a byte offset as
// an index into the Python str.
size_t CodePointOffset(std::string_view text, size_t bytes);

// The byte span [begin, end) of the UTF-8 `text` as str indices (start, end).
std::pair<size_t, size_t> StrSpan(std::string_view text, size_t begin, size_t end);

// Registration of each part of the module (one .cc file each).
void RegisterSketches(py::module_& module);   // MinHash, LSH, dedup
void RegisterTfidf(py::module_& module);      // TF-IDF, all-pairs cosine, tokenize
void RegisterDocuments(py::module_& module);  // Corpus, claims, report

}  // namespace crossclaim::python

#endif  // CROSSCLAIM_PYTHON_SRC_COMMON_H_
