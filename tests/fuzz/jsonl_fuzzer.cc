// libFuzzer target for the JSON Lines reader: any bytes must be read without a crash, a
// leak or undefined behaviour, every non-blank line must be accounted for by a record, and the
// fast parser (simdjson, falling back to nlohmann) must give exactly the reference's
// (nlohmann's) documents and records.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  crossclaim::Corpus corpus;
  crossclaim::IngestOptions options;
  options.max_document_bytes = 4096;
  crossclaim::ParseJsonLines(content, "fuzz.jsonl", options, &corpus);
  size_t non_blank = 0;
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) ++non_blank;
    start = end + 1;
  }
  if (corpus.records.size() != non_blank) std::abort();
  if (corpus.documents.size() + corpus.skipped() != corpus.records.size()) std::abort();
  crossclaim::Corpus reference;
  options.json_parser = crossclaim::JsonParser::kReference;
  crossclaim::ParseJsonLines(content, "fuzz.jsonl", options, &reference);
  if (corpus.documents != reference.documents || corpus.records != reference.records) std::abort();
  return 0;
}
