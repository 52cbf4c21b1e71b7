#include "cli/input.h"

#include <fmt/format.h>

#include <cstdio>

#include "cli/command.h"

namespace crossclaim::cli {

void AddInputFlags(CLI::App& app, InputFlags* flags) {
  app.add_option("input", flags->inputs,
                 "Articles: folders of .txt/.json/.jsonl, .jsonl files or CSV manifests "
                 "(default: the bundled demo event)");
  app.add_option("--max-document-bytes", flags->max_document_bytes,
                 "Skip documents with more text than this (0: no limit)")
      ->capture_default_str();
}

Result<Corpus> LoadInputs(const InputFlags& flags) {
  std::vector<std::string> inputs = flags.inputs;
  if (inputs.empty()) inputs.push_back(DemoEventPath());
  IngestOptions options;
  options.max_document_bytes = flags.max_document_bytes;
  Result<Corpus> corpus = ReadInputs(inputs, options);
  if (!corpus.ok()) return corpus;
  for (const InputRecord& record : corpus->records) {
    if (record.status == InputStatus::kSkipped) {
      std::fprintf(stderr, "crossclaim: skipped: %s\n", record.reason.c_str());
    }
    for (const std::string& warning : record.warnings) {
      std::fprintf(stderr, "crossclaim: warning: %s\n", warning.c_str());
    }
  }
  if (corpus->skipped() > 0) {
    std::fprintf(stderr, "crossclaim: %zu of %zu input documents skipped\n", corpus->skipped(),
                 corpus->records.size());
  }
  return corpus;
}

}  // namespace crossclaim::cli
