// Documents, claims and event reports (core/ingest.h, core/claims.h, report/report_json.h,
// report/report_files.h). A Corpus comes from files (ReadInputs) or from Python records,
// which go through the JSON Lines reader so that every ingest rule (empty text, duplicate
// ids, dates, size limit) applies as it does to files.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/claims.h"
#include "core/ingest.h"
#include "core/json_text.h"
#include "python/src/common.h"
#include "report/claims_json.h"
#include "report/report_files.h"
#include "report/report_json.h"
#include "similarity/reuse.h"

namespace crossclaim::python {
namespace {

// The fields a record may have (those of a JSON Lines record, docs/input.md).
constexpr const char* kRecordFields[] = {"id", "outlet", "url", "published", "title", "text"};

bool IsRecordField(const std::string& key) {
  for (const char* field : kRecordFields) {
    if (key == field) return true;
  }
  return false;
}

// A str, or the isoformat() of a date/datetime for `published`.
std::string FieldText(py::handle value, const std::string& where) {
  if (py::hasattr(value, "isoformat") && !py::isinstance<py::str>(value)) {
    return py::str(value.attr("isoformat")());
  }
  if (!py::isinstance<py::str>(value)) {
    throw py::type_error(where + " must be str, not " +
                         std::string(py::str(py::type::handle_of(value).attr("__name__"))));
  }
  const TextViews views = GatherTexts(py::make_tuple(value), where.c_str());
  return std::string(views.views[0]);
}

// The JSON Lines record of one Python item: a str (the text) or a dict of record fields.
// Without an id, the item's index is its id.
nlohmann::json RecordJson(py::handle item, size_t index) {
  const std::string where = "documents[" + std::to_string(index) + "]";
  nlohmann::json record;
  if (py::isinstance<py::str>(item)) {
    record["text"] = FieldText(item, where);
  } else if (py::isinstance<py::dict>(item)) {
    for (auto [key, value] : py::reinterpret_borrow<py::dict>(item)) {
      const std::string name = py::str(key);
      if (!IsRecordField(name)) {
        InvalidArgumentError(where + ": unknown field \"" + name +
                             "\" (fields: id, outlet, url, published, title, text)");
      }
      if (value.is_none()) continue;
      record[name] = FieldText(value, where + "[\"" + name + "\"]");
    }
  } else {
    throw py::type_error(where + " must be a str or a dict, not " +
                         std::string(py::str(py::type::handle_of(item).attr("__name__"))));
  }
  if (!record.contains("id")) record["id"] = std::to_string(index);
  return record;
}

// An immutable corpus: the documents in use and a record of every input item.
class PyCorpus {
 public:
  explicit PyCorpus(Corpus corpus) : corpus_(std::move(corpus)) {}

  static PyCorpus FromRecords(py::handle documents) {
    if (py::isinstance<py::str>(documents) || py::isinstance<py::dict>(documents)) {
      throw py::type_error("documents must be a sequence of str or dict");
    }
    std::string lines;
    size_t index = 0;
    for (py::handle item : py::iter(documents)) lines += DumpJson(RecordJson(item, index++)) + "\n";
    Corpus corpus;
    {
      py::gil_scoped_release release;
      ParseJsonLines(lines, "documents", IngestOptions(), &corpus);
    }
    return PyCorpus(std::move(corpus));
  }

  static PyCorpus Read(const std::vector<std::string>& paths) {
    if (paths.empty()) InvalidArgumentError("read: no path given");
    py::gil_scoped_release release;
    return PyCorpus(ValueOrThrow(ReadInputs(paths, IngestOptions())));
  }

  const Corpus& corpus() const { return corpus_; }
  size_t size() const { return corpus_.documents.size(); }

  py::dict Document(py::ssize_t i) const {
    const py::ssize_t n = static_cast<py::ssize_t>(size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw py::index_error("Corpus index out of range");
    const crossclaim::Document& doc = corpus_.documents[static_cast<size_t>(i)];
    py::dict out;
    out["id"] = doc.id;
    out["outlet"] = doc.outlet;
    out["url"] = doc.url;
    out["published"] = doc.published ? py::object(py::str(doc.published->ToIso())) : py::none();
    out["title"] = doc.title;
    out["text"] = doc.text;
    return out;
  }

  py::list Records() const {
    py::list out;
    for (const InputRecord& r : corpus_.records) {
      py::dict record;
      record["id"] = r.id;
      record["location"] = r.location;
      record["status"] = r.status == InputStatus::kUsed ? "used" : "skipped";
      record["reason"] =
          r.status == InputStatus::kUsed ? py::object(py::none()) : py::str(r.reason);
      record["utf8_repairs"] = r.utf8_repairs;
      record["warnings"] = r.warnings;
      out.append(record);
    }
    return out;
  }

 private:
  Corpus corpus_;
};

// The claims of the corpus as `crossclaim claims --format json` prints them.
std::string ClaimsJsonText(const PyCorpus& in, int min_tokens) {
  if (min_tokens < 1) {
    InvalidArgumentError("min_tokens must be >= 1 (got " + std::to_string(min_tokens) + ")");
  }
  py::gil_scoped_release release;
  ClaimOptions options;
  options.min_tokens = min_tokens;
  const ClaimSet set = ExtractCorpusClaims(in.corpus(), BoilerplateOptions(), options);
  const nlohmann::json out = {{"documents", DocumentsJson(in.corpus(), set)},
                              {"claims", ClaimsJson(in.corpus(), set.claims)}};
  return DumpJson(out);
}

// report.json of the corpus as one event, as `crossclaim report` builds it; written with the
// other report files into `out_dir` when given.
std::string ReportJsonText(const PyCorpus& in, const std::optional<std::string>& out_dir,
                           const std::string& event_id, int threads) {
  ArenaThreads(threads);
  AnalysisOptions options;
  options.threads = threads;
  ThrowIfError(options.Validate());
  if (in.corpus().documents.empty()) {
    throw StatusError(DataLoss("report: no usable document (every one was skipped)"));
  }
  py::gil_scoped_release release;
  const nlohmann::json report = ValueOrThrow(BuildEventReport(in.corpus(), options, event_id));
  if (out_dir) {  // every file, as the package documents it
    ThrowIfError(
        WriteReportFiles(report, std::filesystem::path(*out_dir), ReportFileOptions::Full()));
  }
  return DumpJson(report);
}

py::dict ReusePassageDict(const Corpus& corpus, const ReusePair& pair, const ReusePassage& p) {
  const std::string_view source = corpus.documents[pair.source].text;
  const std::string_view derived = corpus.documents[pair.derived].text;
  const auto [source_start, source_end] = StrSpan(source, p.source.begin, p.source.end);
  const auto [derived_start, derived_end] = StrSpan(derived, p.derived.begin, p.derived.end);
  py::dict out;
  out["source_start"] = source_start;
  out["source_end"] = source_end;
  out["derived_start"] = derived_start;
  out["derived_end"] = derived_end;
  out["words"] = p.words;
  out["kind"] = std::string(PassageKindName(p.kind));
  return out;
}

// The reuse pairs of the corpus as `crossclaim reuse` finds them, with str indices.
py::list ReusePairs(const PyCorpus& in, std::optional<double> min_containment, int threads) {
  ReuseOptions options;
  if (min_containment) options.min_containment = *min_containment;
  ArenaThreads(threads);                           // validates
  options.threads = static_cast<size_t>(threads);  // 0: every core, as for FindReuse
  ThrowIfError(ValidateReuseOptions(options));
  ReuseResult result;
  {
    py::gil_scoped_release release;
    result = ValueOrThrow(FindReuse(in.corpus().documents, options));
  }
  py::list out;
  for (const ReusePair& pair : result.pairs) {
    py::dict d;
    d["source"] = in.corpus().documents[pair.source].id;
    d["derived"] = in.corpus().documents[pair.derived].id;
    d["containment"] = pair.containment;
    d["grade"] = std::string(GradeName(pair.grade));
    d["direction"] = std::string(DirectionName(pair.direction));
    py::list passages;
    for (const ReusePassage& p : pair.passages) {
      passages.append(ReusePassageDict(in.corpus(), pair, p));
    }
    d["passages"] = passages;
    out.append(d);
  }
  return out;
}

}  // namespace

void RegisterDocuments(py::module_& module) {
  py::class_<PyCorpus>(module, "Corpus", R"doc(Articles as crossclaim reads them (core/ingest.h).

Corpus(documents): from a sequence of str (texts) or dicts with the fields of a JSON Lines
record (id, outlet, url, published, title, text; only text is required, published is an
ISO date string or a date). Items without an id get their index as id. Each item passes the
ingest rules: an empty text, a duplicate id or an oversized text becomes a skipped record
with its reason, never an error; an unknown field is an InvalidArgumentError.
crossclaim.read(path, ...) reads files and folders instead.

len(corpus) counts the documents in use; corpus[i] is one as a dict; corpus.records lists
every input item, used or skipped.)doc")
      .def(py::init(&PyCorpus::FromRecords), py::arg("documents"))
      .def("__len__", &PyCorpus::size)
      .def("__getitem__", &PyCorpus::Document)
      .def_property_readonly("records", &PyCorpus::Records,
                             "Every input item in input order: id, location, status "
                             "(\"used\" | \"skipped\"), reason, utf8_repairs, warnings.");
  module.def(
      "read",
      [](const py::args& paths) {
        std::vector<std::string> list;
        for (py::handle p : paths)
          list.push_back(py::str(py::module_::import("os").attr("fspath")(p)));
        return PyCorpus::Read(list);
      },
      R"doc(read(*paths) -> Corpus

Reads JSON Lines files, folders of .txt/.json/.jsonl files (with a manifest.csv or
manifest.json) and CSV manifests, in order, as `crossclaim report PATH...` does
(docs/input.md). Bad items are skipped records (Corpus.records), not errors.
Raises NotFoundError / InvalidArgumentError when a path itself is unusable.)doc");
  module.def("_claims_json", &ClaimsJsonText, py::arg("corpus"), py::arg("min_tokens"));
  module.def("_reuse", &ReusePairs, py::arg("corpus"), py::arg("min_containment"),
             py::arg("threads"));
  module.def("_report_json", &ReportJsonText, py::arg("corpus"), py::arg("out_dir"),
             py::arg("event_id"), py::arg("threads"));
}

}  // namespace crossclaim::python
