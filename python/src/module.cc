// crossclaim._crossclaim: the extension module behind the `crossclaim` Python package.
#include <tbb/task_arena.h>

#include <string>

#include "python/src/common.h"

namespace crossclaim::python {
namespace {

// Exception classes, created once at import and kept by the module.
PyObject* error_base = nullptr;
PyObject* invalid_argument_error = nullptr;
PyObject* not_found_error = nullptr;
PyObject* data_loss_error = nullptr;
PyObject* internal_error = nullptr;

PyObject* NewError(py::module_& module, const char* name, const char* doc, py::tuple bases) {
  const std::string qualified = std::string("crossclaim.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  module.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;
}

PyObject* ErrorFor(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return invalid_argument_error;
    case StatusCode::kNotFound:
      return not_found_error;
    case StatusCode::kDataLoss:
      return data_loss_error;
    default:
      return internal_error;
  }
}

}  // namespace

void ThrowIfError(const Status& status) {
  if (!status.ok()) throw StatusError(status);
}

void InvalidArgumentError(std::string message) {
  throw StatusError(InvalidArgument(std::move(message)));
}

void RegisterErrors(py::module_& module) {
  py::handle exception(PyExc_Exception);
  error_base = NewError(module, "Error",
                        "Base class of the errors crossclaim's engine reports (its Status codes).",
                        py::make_tuple(exception));
  py::handle base(error_base);
  invalid_argument_error = NewError(module, "InvalidArgumentError",
                                    "Bad options or arguments (engine code kInvalidArgument).",
                                    py::make_tuple(base, py::handle(PyExc_ValueError)));
  not_found_error =
      NewError(module, "NotFoundError", "A path or id that does not exist (engine code kNotFound).",
               py::make_tuple(base, py::handle(PyExc_FileNotFoundError)));
  data_loss_error = NewError(module, "DataLossError",
                             "Input that cannot be read or parsed, or output that cannot be "
                             "written (engine code kDataLoss).",
                             py::make_tuple(base, py::handle(PyExc_OSError)));
  internal_error =
      NewError(module, "InternalError", "An engine invariant failed (engine code kInternal).",
               py::make_tuple(base, py::handle(PyExc_RuntimeError)));
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      PyErr_SetString(ErrorFor(e.status().code()), e.status().message().c_str());
    }
  });
}

TextViews GatherTexts(py::handle texts, const char* what) {
  TextViews out;
  if (py::isinstance<py::str>(texts) || py::isinstance<py::bytes>(texts)) {
    throw py::type_error(std::string(what) + " must be a sequence of str, not a single str");
  }
  if (PySequence_Check(texts.ptr())) {
    const Py_ssize_t n = PySequence_Size(texts.ptr());
    if (n >= 0) {
      out.owners.reserve(static_cast<size_t>(n));
      out.views.reserve(static_cast<size_t>(n));
    }
  }
  for (py::handle item : py::iter(texts)) {
    const size_t i = out.views.size();
    if (!PyUnicode_Check(item.ptr())) {
      throw py::type_error(std::string(what) + "[" + std::to_string(i) + "] must be str, not " +
                           std::string(py::str(py::type::handle_of(item).attr("__name__"))));
    }
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(item.ptr(), &size);
    if (data == nullptr) {
      PyErr_Clear();
      InvalidArgumentError(std::string(what) + "[" + std::to_string(i) +
                           "] is not encodable as UTF-8 (a lone surrogate?)");
    }
    out.owners.push_back(py::reinterpret_borrow<py::object>(item));
    out.views.emplace_back(data, static_cast<size_t>(size));
  }
  return out;
}

int ArenaThreads(int threads) {
  if (threads < 0)
    InvalidArgumentError("threads must be >= 0 (got " + std::to_string(threads) + ")");
  return threads == 0 ? tbb::task_arena::automatic : threads;
}

size_t CodePointOffset(std::string_view text, size_t bytes) {
  size_t points = 0;
  for (size_t i = 0; i < bytes && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++points;
  }
  return points;
}

std::pair<size_t, size_t> StrSpan(std::string_view text, size_t begin, size_t end) {
  const size_t start = CodePointOffset(text, begin);
  return {start, start + CodePointOffset(text.substr(begin), end - begin)};
}

}  // namespace crossclaim::python

PYBIND11_MODULE(_crossclaim, module) {
  namespace python = crossclaim::python;
  module.doc() =
      "crossclaim's C++ engine: MinHash, LSH, dedup, TF-IDF, all-pairs cosine, claims and "
      "event reports. Use the `crossclaim` package, which wraps this module.";
  python::RegisterErrors(module);
  python::RegisterSketches(module);
  python::RegisterTfidf(module);
  python::RegisterDocuments(module);
}
