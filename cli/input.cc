#include "cli/input.h"

#include <fmt/format.h>

#include <cstdio>

#include "cli/command.h"
#include "core/utf8.h"

namespace crossclaim::cli {

void AddInputFlags(CLI::App& app, InputFlags* flags) {
  app.add_option("input", flags->inputs,
                 "Articles: folders of .txt/.html/.json/.jsonl, .jsonl, .html(.gz) or .txt "
                 "files, CSV manifests (default: the bundled demo event)");
  app.add_option("--max-document-bytes", flags->max_document_bytes,
                 "Skip documents with more text than this (0: no limit)")
      ->capture_default_str();
  app.add_option("--max-page-bytes", flags->max_page_bytes,
                 "Skip saved pages larger than this once decompressed (0: no limit)")
      ->capture_default_str();
}

namespace {

// Prints SkipAndWarningLines; returns how many were skipped.
size_t PrintSkipsAndWarnings(const Corpus& corpus) {
  const std::string lines = SkipAndWarningLines(corpus.records);
  std::fwrite(lines.data(), 1, lines.size(), stderr);
  return corpus.skipped();
}

}  // namespace

std::string SkipAndWarningLines(const std::vector<InputRecord>& records) {
  std::string out;
  for (const InputRecord& record : records) {
    if (record.status == InputStatus::kSkipped) {
      out += fmt::format("crossclaim: skipped: {}\n", PrintableText(record.reason));
    }
    for (const std::string& warning : record.warnings) {
      out += fmt::format("crossclaim: warning: {}\n", PrintableText(warning));
    }
  }
  return out;
}

void PrintSkipSummary(size_t skipped, size_t records) {
  if (skipped > 0) {
    std::fprintf(stderr, "crossclaim: %zu of %zu input documents skipped\n", skipped, records);
  }
}

std::vector<std::string> InputsOrDemo(const InputFlags& flags) {
  std::vector<std::string> inputs = flags.inputs;
  if (inputs.empty()) inputs.push_back(DemoEventPath());
  return inputs;
}

IngestOptions ToIngestOptions(const InputFlags& flags) {
  IngestOptions options;
  options.max_document_bytes = flags.max_document_bytes;
  options.max_page_bytes = flags.max_page_bytes;
  options.page_article_only = !flags.whole_page;
  return options;
}

Result<Corpus> LoadInputs(const InputFlags& flags) {
  Result<Corpus> corpus = ReadInputs(InputsOrDemo(flags), ToIngestOptions(flags));
  if (!corpus.ok()) return corpus;
  PrintSkipSummary(PrintSkipsAndWarnings(*corpus), corpus->records.size());
  return corpus;
}

Status StreamInputs(const InputFlags& flags, size_t batch_documents, const BatchSink& sink,
                    bool report_skips) {
  size_t skipped = 0, records = 0;
  Status status = ReadInputsInBatches(InputsOrDemo(flags), ToIngestOptions(flags), batch_documents,
                                      [&](Corpus& batch) {
                                        if (report_skips) skipped += PrintSkipsAndWarnings(batch);
                                        records += batch.records.size();
                                        return sink(batch);
                                      });
  if (report_skips) PrintSkipSummary(skipped, records);
  return status;
}

}  // namespace crossclaim::cli
