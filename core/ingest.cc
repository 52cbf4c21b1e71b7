#include "core/ingest.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "core/csv.h"
#include "core/document_source.h"
#include "core/page.h"

namespace crossclaim {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Metadata that a manifest or a JSON record can set on a document.
struct Metadata {
  std::optional<std::string> id, outlet, url, published, title, author, source;
};

Result<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return DataLoss(fmt::format("{}: cannot open file", path.string()));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return DataLoss(fmt::format("{}: read error", path.string()));
  return content.str();
}

}  // namespace

std::string DuplicateIdReason(std::string_view location, std::string_view id,
                              std::string_view first_location) {
  return fmt::format("{}: duplicate id \"{}\" (first seen at {})", location, QuoteInput(id),
                     first_location);
}

namespace {

// nlohmann's parse message with the input it quotes ("last read: '...'") cut to
// kMaxQuotedBytes and repaired: the token can be a whole unterminated 3 KB string, or end
// inside a multi-byte character.
std::string ParseErrorMessage(std::string_view what) {
  constexpr std::string_view kLastRead = "last read: '";
  const size_t open = what.find(kLastRead);
  if (open == std::string_view::npos) return ValidUtf8(what);
  const size_t begin = open + kLastRead.size();
  size_t end = what.find("'; expected", begin);
  if (end == std::string_view::npos) end = what.rfind('\'');
  if (end == std::string_view::npos || end < begin) end = what.size();
  return ValidUtf8(what.substr(0, begin)) + QuoteInput(what.substr(begin, end - begin)) +
         ValidUtf8(what.substr(end));
}

}  // namespace

namespace {

// Collects documents, enforcing id uniqueness and size limits, in input order.
class CorpusBuilder {
 public:
  CorpusBuilder(const IngestOptions& options, Corpus* corpus) : options_(options), corpus_(corpus) {
    for (const InputRecord& r : corpus->records) {
      if (r.status == InputStatus::kUsed) Remember(r);
    }
  }

  // Hands the corpus to `sink` (which may consume it) whenever it holds `batch_documents`
  // documents; 0 never does. Ids stay unique across batches.
  void SetBatchSink(size_t batch_documents, const BatchSink* sink) {
    batch_documents_ = batch_documents;
    sink_ = sink;
  }

  // Passes what is left to the sink; returns the first error the sink gave.
  Status Finish() {
    if (status_.ok() && sink_ != nullptr && !corpus_->records.empty()) Flush();
    return status_;
  }

  // True once the sink failed: readers stop early, nothing more is collected.
  bool failed() const { return !status_.ok(); }

  // The JSON Lines place of the record that the next Add or Skip makes ({}: none).
  void SetPlace(const RecordPlace& place) { place_ = place; }

  void Skip(std::string id, std::string location, std::string reason) {
    InputRecord record;
    record.id = std::move(id);
    record.location = std::move(location);
    record.status = InputStatus::kSkipped;
    record.reason = std::move(reason);
    // Ids and locations can come from file names, reasons from parser messages: raw bytes.
    RepairUtf8(&record.id);
    RepairUtf8(&record.location);
    RepairUtf8(&record.reason);
    place_ = {};
    corpus_->records.push_back(std::move(record));
  }

  // Takes a document whose text is raw bytes: repairs UTF-8, applies the limits.
  // `parsed_json`: the text and metadata are strings of a parsed JSON record, which both
  // parsers only accept as valid UTF-8, so they are not validated again (the id may still
  // come from a file name).
  void Add(Document doc, const std::string& location, std::vector<std::string> warnings,
           size_t earlier_repairs = 0, bool parsed_json = false) {
    if (options_.max_document_bytes > 0 && doc.text.size() > options_.max_document_bytes) {
      return Skip(doc.id, location,
                  fmt::format("{}: text is {} bytes, over the limit of {} bytes", location,
                              doc.text.size(), options_.max_document_bytes));
    }
    InputRecord record;
    record.id = doc.id;
    // The one copy of the location a used record makes (the id map takes another); the
    // messages below quote this repaired copy.
    record.location = location;
    record.warnings = std::move(warnings);
    record.utf8_repairs = earlier_repairs + (parsed_json ? 0 : RepairUtf8(&doc.text));
    // The other fields come from JSON (valid), a manifest (repaired when set) or file
    // names (raw bytes); repairing valid text costs a validation only.
    RepairUtf8(&doc.id);
    if (!parsed_json) {
      for (std::string* field : {&doc.title, &doc.outlet, &doc.url, &doc.author, &doc.source}) {
        RepairUtf8(field);
      }
    }
    RepairUtf8(&record.id);
    record.place = TakePlace(RepairUtf8(&record.location));
    const std::string& where = record.location;
    for (std::string& warning : record.warnings) RepairUtf8(&warning);
    if (record.utf8_repairs > 0) {
      record.warnings.push_back(fmt::format("{}: {} invalid UTF-8 sequence(s) replaced with U+FFFD",
                                            where, record.utf8_repairs));
    }
    if (doc.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      return Skip(doc.id, where, fmt::format("{}: text is empty", where));
    }
    if (options_.unique_ids) {
      if (const SeenAt* first = Remember(record)) {
        return Skip(doc.id, where, DuplicateIdReason(where, doc.id, LocationOf(*first)));
      }
    }
    if (doc.outlet.empty()) doc.outlet = std::string(kUnknownOutlet);
    if (doc.source.empty()) {
      doc.source = FindDocumentSource(doc.text);
      if (!doc.source.empty()) doc.metadata_source.source = "text";
    }
    record.document = static_cast<int>(corpus_->documents.size());
    // A batch's vectors are reserved once: growing them moves every document several times.
    if (corpus_->documents.empty() && batch_documents_ > 0) {
      corpus_->documents.reserve(batch_documents_);
      corpus_->records.reserve(batch_documents_);
    }
    corpus_->documents.push_back(std::move(doc));
    corpus_->records.push_back(std::move(record));
    if (batch_documents_ > 0 && corpus_->documents.size() >= batch_documents_) Flush();
  }

  const IngestOptions& options() const { return options_; }

 private:
  // The place for the record being made; none when its location had to be repaired (the
  // file could not be found again by that name).
  RecordPlace TakePlace(size_t location_repairs) {
    RecordPlace place = location_repairs == 0 ? place_ : RecordPlace();
    place_ = {};
    return place;
  }

  void Flush() {
    if (status_.ok()) status_ = (*sink_)(*corpus_);
    corpus_->documents.clear();
    corpus_->records.clear();
  }

  const IngestOptions& options_;
  Corpus* corpus_;
  // Where an id was first seen, compactly: a JSON Lines record as its file (one string shared
  // by the file's records) and line, anything else as its whole location. A location string
  // per id was an allocation per record and ~50 bytes of memory each.
  struct SeenAt {
    size_t name = 0;  // index into seen_names_
    size_t line = 0;  // 0: seen_names_[name] is the whole location
  };

  // Notes the id of a used record: null when it is new, else where it was first seen.
  const SeenAt* Remember(const InputRecord& record) {
    auto [it, inserted] = first_seen_.try_emplace(record.id);
    if (!inserted) return &it->second;
    std::string_view name = record.location;
    size_t line = 0;
    if (record.place.length > 0) {
      const std::string_view file = RecordFile(record);
      if (name.substr(file.size()) == ":" + std::to_string(record.place.line)) {
        name = file;
        line = record.place.line;
      }
    }
    if (seen_names_.empty() || seen_names_.back() != name) seen_names_.emplace_back(name);
    it->second = {seen_names_.size() - 1, line};
    return nullptr;
  }

  std::string LocationOf(const SeenAt& seen) const {
    const std::string& name = seen_names_[seen.name];
    return seen.line == 0 ? name : fmt::format("{}:{}", name, seen.line);
  }

  std::unordered_map<std::string, SeenAt> first_seen_;
  std::vector<std::string> seen_names_;
  size_t batch_documents_ = 0;
  const BatchSink* sink_ = nullptr;
  Status status_;
  RecordPlace place_;
};

// Applies metadata to a document; an unparseable date becomes a warning, never a guess.
// Taken by value: a JSON record's fields are moved in, a manifest's copied.
// `parsed_json`: the fields are strings of a parsed JSON record, valid UTF-8.
void ApplyMetadata(Metadata meta, const std::string& location, Document* doc,
                   std::vector<std::string>* warnings, bool parsed_json = false) {
  if (meta.id && !meta.id->empty()) doc->id = std::move(*meta.id);
  // An explicit field wins over what a page says; its source becomes "input".
  auto set = [parsed_json](std::optional<std::string>& value, std::string* field,
                           std::string* source) {
    if (!value || value->empty()) return;
    *field = std::move(*value);
    if (!parsed_json) RepairUtf8(field);  // a CSV manifest's fields are raw bytes
    *source = *field == kUnknownOutlet ? "" : "input";
  };
  MetadataSource& from = doc->metadata_source;
  set(meta.outlet, &doc->outlet, &from.outlet);
  set(meta.url, &doc->url, &from.url);
  set(meta.title, &doc->title, &from.title);
  set(meta.author, &doc->author, &from.author);
  set(meta.source, &doc->source, &from.source);
  if (meta.published && !meta.published->empty()) {
    std::optional<Date> date = Date::ParseIso(*meta.published);
    if (date) {
      doc->published = date;
      from.published = "input";
    } else {
      warnings->push_back(fmt::format("{}: published date \"{}\" is not an ISO date; left unknown",
                                      location, QuoteInput(*meta.published)));
    }
  }
}

// Reads a string field; a present field of another type is an error.
Result<std::optional<std::string>> StringField(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<std::string>();
  if (it->is_string()) return std::optional<std::string>(it->get<std::string>());
  if (it->is_number_unsigned() && std::string_view(name) == "id") {
    return std::optional<std::string>(std::to_string(it->get<unsigned long long>()));
  }
  if (it->is_number_integer() && std::string_view(name) == "id") {
    return std::optional<std::string>(std::to_string(it->get<long long>()));
  }
  return InvalidArgument(
      fmt::format("field \"{}\" must be a string (got {})", name, it->type_name()));
}

Result<Metadata> MetadataFromJson(const json& object) {
  Metadata meta;
  const std::pair<const char*, std::optional<std::string>*> fields[] = {
      {"id", &meta.id},        {"outlet", &meta.outlet},
      {"url", &meta.url},      {"published", &meta.published},
      {"title", &meta.title},  {"author", &meta.author},
      {"source", &meta.source}};
  for (const auto& [name, target] : fields) {
    Result<std::optional<std::string>> value = StringField(object, name);
    if (!value.ok()) return value.status();
    *target = *value;
  }
  return meta;
}

// The id of a record that names none: "<file stem>:<line>" for a JSON Lines line, the stem
// for a .json file. Built only when needed: most records carry an id, and formatting it
// for every record was one allocation each.
struct DefaultId {
  std::string_view stem;
  size_t line = 0;  // 0: a whole .json file

  std::string str() const {
    return line == 0 ? std::string(stem) : fmt::format("{}:{}", stem, line);
  }
};

// The fields of one JSON record that become a document.
struct JsonFields {
  Metadata meta;
  std::optional<std::string> text;
  std::optional<std::string> html;  // a page, read when `text` is absent
};

void AddPage(std::string_view bytes, const std::string& location, const std::string& id,
             const Metadata* meta, bool utf8, CorpusBuilder* builder);

// The document of a record whose fields have the right types, into the builder.
void AddFields(JsonFields fields, const std::string& location, const DefaultId& default_id,
               size_t repairs, CorpusBuilder* builder) {
  if (!fields.text && fields.html) {
    return AddPage(*fields.html, location, default_id.str(), &fields.meta, true, builder);
  }
  if (!fields.text) {
    const std::string id =
        fields.meta.id && !fields.meta.id->empty() ? *fields.meta.id : default_id.str();
    return builder->Skip(id, location, fmt::format("{}: field \"text\" is missing", location));
  }
  Document doc;
  if (!fields.meta.id || fields.meta.id->empty())
    doc.id = default_id.str();  // else ApplyMetadata's
  doc.text = std::move(*fields.text);
  std::vector<std::string> warnings;
  ApplyMetadata(std::move(fields.meta), location, &doc, &warnings, /*parsed_json=*/true);
  builder->Add(std::move(doc), location, std::move(warnings), repairs, /*parsed_json=*/true);
}

// The slot of field `key` in `fields`, or null for a field crossclaim does not read.
std::optional<std::string>* FieldSlot(std::string_view key, JsonFields* fields) {
  if (key == "id") return &fields->meta.id;
  if (key == "outlet") return &fields->meta.outlet;
  if (key == "url") return &fields->meta.url;
  if (key == "published") return &fields->meta.published;
  if (key == "title") return &fields->meta.title;
  if (key == "text") return &fields->text;
  if (key == "author") return &fields->meta.author;
  if (key == "source") return &fields->meta.source;
  if (key == "html") return &fields->html;
  return nullptr;
}

// Bytes after a JSON text that simdjson may read (their content does not matter): a text
// followed by that many readable bytes is parsed in place, without a copy.
constexpr size_t kJsonPadding = simdjson::SIMDJSON_PADDING;

// simdjson's reading of a well-formed record: the fields, or nullopt for anything else
// (malformed JSON, not an object, a field of the wrong type, a number simdjson does not
// represent), which the nlohmann path then reads or explains. nlohmann's semantics are
// kept: the last of repeated keys wins, an integer id becomes its decimal string.
// `padded`: kJsonPadding bytes after `text` are readable.
std::optional<JsonFields> FastJsonFields(std::string_view text, bool padded) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(text.data(), text.size(), /*realloc_if_needed=*/!padded).get(object) !=
      simdjson::SUCCESS) {
    return std::nullopt;
  }
  JsonFields fields;
  for (simdjson::dom::key_value_pair field : object) {
    std::optional<std::string>* slot = FieldSlot(field.key, &fields);
    if (slot == nullptr) continue;
    std::string_view value;
    int64_t integer = 0;
    uint64_t unsigned_integer = 0;
    if (field.value.is_null()) {
      slot->reset();
    } else if (field.value.get(value) == simdjson::SUCCESS) {
      *slot = std::string(value);
    } else if (field.key == "id" && field.value.get(integer) == simdjson::SUCCESS) {
      *slot = std::to_string(integer);
    } else if (field.key == "id" && field.value.get(unsigned_integer) == simdjson::SUCCESS) {
      *slot = std::to_string(unsigned_integer);
    } else {
      return std::nullopt;
    }
  }
  return fields;
}

// nlohmann's reading of a JSON object (valid UTF-8) into the builder, with its messages for
// what is not a well-formed record. `repairs` counts invalid UTF-8 already replaced in
// `text` before parsing.
void AddJsonRecordByReference(std::string_view text, const std::string& location,
                              const DefaultId& default_id, size_t repairs, CorpusBuilder* builder) {
  json object;
  try {
    object = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for huge numbers
    // e.what() says where the parser stopped and quotes the token it stopped in.
    return builder->Skip(
        default_id.str(), location,
        fmt::format("{}: malformed JSON ({})", location, ParseErrorMessage(e.what())));
  }
  if (!object.is_object()) {
    return builder->Skip(
        default_id.str(), location,
        fmt::format("{}: expected a JSON object, got {}", location, object.type_name()));
  }
  Result<Metadata> meta = MetadataFromJson(object);
  Result<std::optional<std::string>> text_field = StringField(object, "text");
  Result<std::optional<std::string>> html_field = StringField(object, "html");
  std::string id = meta.ok() && meta->id && !meta->id->empty() ? *meta->id : default_id.str();
  if (!meta.ok()) return builder->Skip(id, location, location + ": " + meta.status().message());
  if (!text_field.ok()) {
    return builder->Skip(id, location, location + ": " + text_field.status().message());
  }
  if (!html_field.ok()) {
    return builder->Skip(id, location, location + ": " + html_field.status().message());
  }
  AddFields({*meta, std::move(*text_field), std::move(*html_field)}, location, default_id, repairs,
            builder);
}

// simdjson's reading of a well-formed record, into the builder; false (nothing added) for
// any other text, invalid UTF-8 included.
bool AddFastJsonRecord(std::string_view text, bool padded, const std::string& location,
                       const DefaultId& default_id, size_t repairs, CorpusBuilder* builder) {
  if (builder->options().json_parser != JsonParser::kFast) return false;
  std::optional<JsonFields> fields = FastJsonFields(text, padded);
  if (!fields) return false;
  AddFields(std::move(*fields), location, default_id, repairs, builder);
  return true;
}

// One JSON object (a JSONL line or a .json file) into the builder; `repairs` as above,
// `padded` as for FastJsonFields.
void AddJsonRecord(std::string_view text, bool padded, const std::string& location,
                   const DefaultId& default_id, size_t repairs, CorpusBuilder* builder) {
  // simdjson reads well-formed records several times faster; nlohmann is the reference and
  // writes the messages for the rest.
  if (AddFastJsonRecord(text, padded, location, default_id, repairs, builder)) return;
  AddJsonRecordByReference(text, location, default_id, repairs, builder);
}

// The largest line buffer AddJsonLine keeps between lines.
constexpr size_t kKeptLineBufferBytes = size_t{1} << 20;

// One line of a JSON Lines input, at `place` in its file (line numbers from 1; the place's
// length is the line's); blank lines are not records. `padded`: kJsonPadding bytes after
// the line are readable, so that a valid line is parsed where it lies.
void AddJsonLine(std::string_view line, bool padded, std::string_view name, const std::string& stem,
                 const RecordPlace& place, CorpusBuilder* builder) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return;  // blank line
  const std::string location = fmt::format("{}:{}", name, place.line);
  const DefaultId default_id{stem, place.line};
  builder->SetPlace(place);
  if (padded) {
    // simdjson validates the UTF-8 as it parses: a record it reads needs no other pass.
    if (AddFastJsonRecord(line, true, location, default_id, 0, builder)) return;
    if (IsValidUtf8(line)) return AddJsonRecordByReference(line, location, default_id, 0, builder);
  }
  // One buffer per thread for the lines that need a copy: a 3 KB allocation and free per
  // record showed as ~5% of `dedup` in malloc. The spare capacity pads it.
  thread_local std::string repaired;
  repaired.reserve(line.size() + kJsonPadding);
  repaired.assign(line);
  const size_t repairs = RepairUtf8(&repaired);  // the JSON parser rejects invalid UTF-8
  AddJsonRecord(repaired, repaired.capacity() - repaired.size() >= kJsonPadding, location,
                default_id, repairs, builder);
  if (repaired.capacity() > kKeptLineBufferBytes) std::string().swap(repaired);  // one huge line
}

void ParseJsonLinesInto(std::string_view content, std::string_view name, CorpusBuilder* builder) {
  std::string stem = fs::path(std::string(name)).stem().string();
  size_t line_number = 0;
  size_t pos = 0;
  while (pos < content.size() && !builder->failed()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    const RecordPlace place{pos, end - pos, ++line_number};
    AddJsonLine(content.substr(pos, end - pos), false, name, stem, place, builder);
    pos = end + 1;
  }
}

// A leading " date YYYY-MM-DD" line, as the demo event's files carry, sets `published`.
void TakeDateHeader(Document* doc) {
  std::string_view text = doc->text;
  size_t start = text.find_first_not_of(' ');
  if (start == std::string_view::npos || text.substr(start, 5) != "date ") return;
  std::optional<Date> date = Date::ParseIso(text.substr(start + 5, 10));
  if (!date) return;
  size_t after = start + 15;
  while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
  if (after < text.size() && text[after] == '\n') ++after;
  if (!doc->published) {
    doc->published = date;
    doc->metadata_source.published = "date-header";
  }
  doc->text.erase(0, after);
}

using ManifestMap = std::map<std::string, Metadata>;

Result<Metadata> MetadataFromRow(const CsvRow& header, const CsvRow& row) {
  Metadata meta;
  for (size_t i = 0; i < header.size() && i < row.size(); ++i) {
    const std::string& key = header[i];
    if (key == "id") meta.id = row[i];
    if (key == "outlet") meta.outlet = row[i];
    if (key == "url") meta.url = row[i];
    if (key == "published") meta.published = row[i];
    if (key == "title") meta.title = row[i];
    if (key == "author") meta.author = row[i];
    if (key == "source") meta.source = row[i];
  }
  return meta;
}

// manifest.json (an array of objects with "id") or manifest.csv (header with "id").
Result<ManifestMap> ReadFolderManifest(const fs::path& folder) {
  ManifestMap manifest;
  fs::path csv_path = folder / "manifest.csv";
  fs::path json_path = folder / "manifest.json";
  if (fs::exists(json_path)) {
    Result<std::string> content = ReadWholeFile(json_path);
    if (!content.ok()) return content.status();
    json array = json::parse(*content, nullptr, false);
    if (!array.is_array()) {
      return DataLoss(fmt::format("{}: expected a JSON array of objects", json_path.string()));
    }
    for (size_t i = 0; i < array.size(); ++i) {
      Result<Metadata> meta = array[i].is_object()
                                  ? MetadataFromJson(array[i])
                                  : Result<Metadata>(InvalidArgument("not an object"));
      if (!meta.ok() || !meta->id) {
        return DataLoss(fmt::format("{}: entry {}: {}", json_path.string(), i + 1,
                                    meta.ok() ? "missing \"id\"" : meta.status().message()));
      }
      manifest[*meta->id] = *meta;
    }
  } else if (fs::exists(csv_path)) {
    Result<std::string> content = ReadWholeFile(csv_path);
    if (!content.ok()) return content.status();
    Result<std::vector<CsvRow>> rows = ParseCsv(*content, csv_path.string());
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return manifest;
    const CsvRow& header = rows->front();
    if (std::find(header.begin(), header.end(), "id") == header.end()) {
      return DataLoss(fmt::format("{}:1: header has no \"id\" column", csv_path.string()));
    }
    for (size_t r = 1; r < rows->size(); ++r) {
      Result<Metadata> meta = MetadataFromRow(header, (*rows)[r]);
      if (meta->id) manifest[*meta->id] = *meta;
    }
  }
  return manifest;
}

void AddTextFile(const fs::path& path, const std::string& id, const Metadata* meta,
                 CorpusBuilder* builder) {
  std::string location = path.string();
  Result<std::string> content = ReadWholeFile(path);
  if (!content.ok()) return builder->Skip(id, location, content.status().message());
  if (IsPagePath(location)) return AddPage(*content, location, id, meta, false, builder);
  Document doc;
  doc.id = id;
  doc.text = std::move(*content);
  TakeDateHeader(&doc);
  std::vector<std::string> warnings;
  if (meta != nullptr) ApplyMetadata(*meta, location, &doc, &warnings);
  builder->Add(std::move(doc), location, std::move(warnings));
}

// A saved page (core/page.h) as a document: the page's text and metadata, then the explicit
// fields of `meta` on top; the outlet falls back to the URL's domain.
void AddPage(std::string_view bytes, const std::string& location, const std::string& id,
             const Metadata* meta, bool utf8, CorpusBuilder* builder) {
  PageOptions page_options;
  page_options.max_page_bytes = builder->options().max_page_bytes;
  page_options.extract_article = builder->options().page_article_only;
  if (utf8) page_options.charset = "utf-8";
  Result<Page> page = ReadPage(bytes, page_options);
  if (!page.ok()) return builder->Skip(id, location, location + ": " + page.status().message());
  Document doc;
  doc.id = id;
  doc.text = std::move(page->text);
  doc.outlet = std::move(page->outlet);
  doc.url = std::move(page->url);
  doc.published = page->published;
  doc.title = std::move(page->title);
  doc.author = std::move(page->author);
  doc.metadata_source = std::move(page->metadata_source);
  std::vector<std::string> warnings;
  for (const std::string& w : page->warnings) warnings.push_back(location + ": " + w);
  if (meta != nullptr) ApplyMetadata(*meta, location, &doc, &warnings);
  if (doc.metadata_source.outlet != "input" && doc.metadata_source.url == "input") {
    if (std::string domain = OutletFromUrl(doc.url); !domain.empty() && doc.outlet.empty()) {
      doc.outlet = domain;
      doc.metadata_source.outlet = "url:domain";
    }
  }
  if (doc.text.empty()) {
    return builder->Skip(doc.id, location,
                         fmt::format("{}: no article text found in the page", location));
  }
  builder->Add(std::move(doc), location, std::move(warnings));
}

// Bytes read from a JSON Lines file at a time; a longer line grows the buffer.
constexpr size_t kReadBlockBytes = size_t{1} << 20;

// Calls on_line(line, offset) for each line of `in` that starts in bytes [position, end),
// without its newline, reading large blocks into one buffer (no copy per line); each line
// handed over is followed by kJsonPadding readable bytes. Stops early when on_line returns
// false. Returns false on a read error.
template <typename OnLine>
bool ForEachLine(std::istream& in, uint64_t position, uint64_t end, OnLine&& on_line) {
  std::vector<char> buffer(kReadBlockBytes + kJsonPadding);
  size_t filled = 0;  // bytes of buffer holding file content from `position` on
  bool at_end = false;
  while (position < end) {
    const size_t room = buffer.size() - kJsonPadding - filled;
    in.read(buffer.data() + filled, static_cast<std::streamsize>(room));
    filled += static_cast<size_t>(in.gcount());
    if (in.bad()) return false;
    at_end = in.eof() || in.gcount() == 0;
    size_t start = 0;
    while (position < end) {
      const char* nl =
          static_cast<const char*>(std::memchr(buffer.data() + start, '\n', filled - start));
      if (nl == nullptr && !at_end) break;  // the line goes on in the next block
      const size_t stop = nl != nullptr ? static_cast<size_t>(nl - buffer.data()) : filled;
      if (nl == nullptr && stop == start) return true;  // the file ended with a newline
      if (!on_line(std::string_view(buffer.data() + start, stop - start), position)) return true;
      position += stop - start + 1;
      start = stop + 1;
      if (nl == nullptr) return true;  // the last line had no newline
    }
    if (at_end) return true;
    std::memmove(buffer.data(), buffer.data() + start, filled - start);
    filled -= start;
    if (filled + kJsonPadding == buffer.size()) buffer.resize(2 * buffer.size());  // long line
  }
  return true;
}

// The lines of `path` that start in bytes [position, end), numbered from `line_number` + 1,
// in the memory of one block or line (and one batch). A file that cannot be opened is one
// skip, from the range that starts the file.
void AddJsonLinesRange(const fs::path& path, uint64_t position, uint64_t end, size_t line_number,
                       CorpusBuilder* builder) {
  const std::string name = path.string();
  const std::string stem = path.stem().string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (position == 0) builder->Skip(stem, name, name + ": cannot open file");
    return;
  }
  in.seekg(static_cast<std::streamoff>(position));
  const bool read = ForEachLine(in, position, end, [&](std::string_view line, uint64_t offset) {
    AddJsonLine(line, true, name, stem, {offset, line.size(), ++line_number}, builder);
    return !builder->failed();
  });
  if (!read) {
    builder->Skip(stem, name,
                  fmt::format("{}: read error after line {}; the rest of the file was not read",
                              name, line_number));
  }
}

void AddJsonlFile(const fs::path& path, CorpusBuilder* builder) {
  AddJsonLinesRange(path, 0, std::numeric_limits<uint64_t>::max(), 0, builder);
}

// The first line start at or after `at`: `at` itself when the byte before it ends a line.
Result<uint64_t> NextLineStart(std::istream& in, uint64_t at, uint64_t size,
                               const std::string& name) {
  if (at == 0 || at >= size) return std::min(at, size);
  in.clear();
  in.seekg(static_cast<std::streamoff>(at - 1));
  std::vector<char> buffer(1 << 16);
  for (uint64_t position = at - 1; position < size;) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const size_t got = static_cast<size_t>(in.gcount());
    if (got == 0) return DataLoss(fmt::format("{}: read error near byte {}", name, position));
    const char* newline = static_cast<const char*>(std::memchr(buffer.data(), '\n', got));
    if (newline != nullptr) return position + static_cast<uint64_t>(newline - buffer.data()) + 1;
    position += got;
  }
  return size;
}

// Lines starting in [begin, end): the newlines before end - 1, plus the one at begin.
Result<size_t> CountLineStarts(std::istream& in, uint64_t begin, uint64_t end,
                               const std::string& name) {
  if (begin >= end) return size_t{0};
  in.clear();
  in.seekg(static_cast<std::streamoff>(begin));
  std::vector<char> buffer(1 << 20);
  size_t lines = 1;
  for (uint64_t left = end - 1 - begin; left > 0;) {
    in.read(buffer.data(), static_cast<std::streamsize>(std::min<uint64_t>(left, buffer.size())));
    const size_t got = static_cast<size_t>(in.gcount());
    if (got == 0) return DataLoss(fmt::format("{}: read error near byte {}", name, end - left));
    lines += static_cast<size_t>(std::count(buffer.data(), buffer.data() + got, '\n'));
    left -= got;
  }
  return lines;
}

void AddJsonFile(const fs::path& path, CorpusBuilder* builder) {
  Result<std::string> content = ReadWholeFile(path);
  if (!content.ok())
    return builder->Skip(path.stem().string(), path.string(), content.status().message());
  size_t repairs = RepairUtf8(&*content);
  const std::string stem = path.stem().string();
  AddJsonRecord(*content, false, path.string(), DefaultId{stem, 0}, repairs, builder);
}

bool IsFolderMetaFile(const fs::path& path) {
  std::string name = path.filename().string();
  return name == "manifest.csv" || name == "manifest.json" || name.starts_with("README") ||
         name.starts_with(".");
}

Status AddFolder(const fs::path& folder, CorpusBuilder* builder) {
  Result<ManifestMap> manifest = ReadFolderManifest(folder);
  if (!manifest.ok()) return manifest.status();
  std::vector<fs::path> files;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && !IsFolderMetaFile(entry.path())) files.push_back(entry.path());
  }
  if (ec)
    return DataLoss(fmt::format("{}: cannot list folder ({})", folder.string(), ec.message()));
  std::sort(files.begin(), files.end());  // directory order is not stable across machines
  for (const fs::path& file : files) {
    std::string ext = file.extension().string();
    std::string id = file.stem().string();
    if (IsPagePath(file.string())) id = PageId(file.string());
    if (ext == ".txt" || IsPagePath(file.string())) {
      auto it = manifest->find(id);
      AddTextFile(file, id, it == manifest->end() ? nullptr : &it->second, builder);
    } else if (ext == ".jsonl") {
      AddJsonlFile(file, builder);
    } else if (ext == ".json") {
      AddJsonFile(file, builder);
    } else {
      builder->Skip(id, file.string(),
                    fmt::format("{}: not a .txt, .html, .json or .jsonl file", file.string()));
    }
  }
  return Status::Ok();
}

Status AddCsvManifest(const fs::path& path, CorpusBuilder* builder) {
  Result<std::string> content = ReadWholeFile(path);
  if (!content.ok()) return content.status();
  Result<std::vector<CsvRow>> rows = ParseCsv(*content, path.string());
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return DataLoss(fmt::format("{}: empty manifest", path.string()));
  const CsvRow& header = rows->front();
  auto path_col = std::find(header.begin(), header.end(), "path");
  if (path_col == header.end()) {
    return DataLoss(fmt::format("{}:1: header has no \"path\" column", path.string()));
  }
  size_t path_index = static_cast<size_t>(path_col - header.begin());
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    std::string location = fmt::format("{}:{}", path.string(), r + 1);
    if (path_index >= row.size() || row[path_index].empty()) {
      builder->Skip(location, location, location + ": empty \"path\"");
      continue;
    }
    fs::path file = path.parent_path() / row[path_index];
    Result<Metadata> meta = MetadataFromRow(header, row);
    std::string id = meta->id && !meta->id->empty() ? *meta->id
                     : IsPagePath(file.string())    ? PageId(file.string())
                                                    : file.stem().string();
    AddTextFile(file, id, &*meta, builder);
  }
  return Status::Ok();
}

}  // namespace

size_t Corpus::skipped() const {
  return static_cast<size_t>(
      std::count_if(records.begin(), records.end(),
                    [](const InputRecord& r) { return r.status == InputStatus::kSkipped; }));
}

void ParseJsonLines(std::string_view content, std::string_view name, const IngestOptions& options,
                    Corpus* corpus) {
  CorpusBuilder builder(options, corpus);
  ParseJsonLinesInto(content, name, &builder);
}

Result<LineRange> FindLineRange(const std::string& path, uint64_t nominal_begin,
                                uint64_t nominal_end) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return DataLoss(fmt::format("{}: cannot open file", path));
  const uint64_t size = static_cast<uint64_t>(in.tellg());
  LineRange range;
  Result<uint64_t> begin = NextLineStart(in, nominal_begin, size, path);
  if (!begin.ok()) return begin.status();
  Result<uint64_t> end = NextLineStart(in, std::max(nominal_end, *begin), size, path);
  if (!end.ok()) return end.status();
  Result<size_t> lines = CountLineStarts(in, *begin, *end, path);
  if (!lines.ok()) return lines.status();
  return LineRange{*begin, *end, *lines};
}

void ReadJsonLinesRange(const std::string& path, const LineRange& range, size_t first_line,
                        const IngestOptions& options, Corpus* corpus) {
  CorpusBuilder builder(options, corpus);
  AddJsonLinesRange(path, range.begin, range.end, first_line - 1, &builder);
}

std::string_view RecordFile(const InputRecord& record) {
  const size_t suffix = std::to_string(record.place.line).size() + 1;  // ":line"
  std::string_view location = record.location;
  return location.substr(0, location.size() - std::min(suffix, location.size()));
}

void ReadJsonLinesRecords(const std::string& path, std::span<const RecordPlace> places,
                          const IngestOptions& options, Corpus* corpus) {
  IngestOptions again = options;
  again.unique_ids = false;
  CorpusBuilder builder(again, corpus);
  const std::string stem = fs::path(path).stem().string();
  std::ifstream in(path, std::ios::binary);
  std::string bytes;
  for (const RecordPlace& place : places) {
    bytes.resize(place.length + kJsonPadding);
    if (in) {
      in.seekg(static_cast<std::streamoff>(place.offset));
      in.read(bytes.data(), static_cast<std::streamsize>(place.length));
    }
    if (!in || static_cast<uint64_t>(in.gcount()) != place.length) {
      const std::string location = fmt::format("{}:{}", path, place.line);
      builder.Skip(fmt::format("{}:{}", stem, place.line), location,
                   location + ": cannot be read again (the file changed or went away)");
      continue;
    }
    AddJsonLine(std::string_view(bytes.data(), place.length), true, path, stem, place, &builder);
  }
}

namespace {

Status ReadInputsInto(const std::vector<std::string>& paths, CorpusBuilder* builder) {
  for (const std::string& input : paths) {
    fs::path path(input);
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
      return NotFound(fmt::format("{}: no such file or folder", input));
    Status result;
    std::string ext = path.extension().string();
    if (fs::is_directory(status)) {
      result = AddFolder(path, builder);
    } else if (ext == ".jsonl" || ext == ".ndjson") {
      AddJsonlFile(path, builder);
    } else if (ext == ".json") {
      AddJsonFile(path, builder);
    } else if (ext == ".csv") {
      result = AddCsvManifest(path, builder);
    } else if (ext == ".txt") {
      AddTextFile(path, path.stem().string(), nullptr, builder);
    } else if (IsPagePath(input)) {
      AddTextFile(path, PageId(input), nullptr, builder);
    } else {
      return InvalidArgument(fmt::format(
          "{}: unsupported input (expected a folder, .jsonl, .json, .csv, .txt or .html)", input));
    }
    if (!result.ok()) return result;
    if (builder->failed()) break;
  }
  return builder->Finish();
}

}  // namespace

Result<Corpus> ReadInputs(const std::vector<std::string>& paths, const IngestOptions& options) {
  Corpus corpus;
  CorpusBuilder builder(options, &corpus);
  Status status = ReadInputsInto(paths, &builder);
  if (!status.ok()) return status;
  return corpus;
}

Status ReadInputsInBatches(const std::vector<std::string>& paths, const IngestOptions& options,
                           size_t batch_documents, const BatchSink& sink) {
  if (batch_documents == 0) return InvalidArgument("ReadInputsInBatches: batch_documents is 0");
  Corpus batch;
  CorpusBuilder builder(options, &batch);
  builder.SetBatchSink(batch_documents, &sink);
  return ReadInputsInto(paths, &builder);
}

}  // namespace crossclaim
