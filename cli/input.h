// Input handling shared by the subcommands: the INPUT arguments (the demo event when none
// are given), reading them, and telling the user on stderr what was skipped and why.
#ifndef CROSSCLAIM_CLI_INPUT_H_
#define CROSSCLAIM_CLI_INPUT_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/ingest.h"
#include "core/status.h"

namespace crossclaim::cli {

struct InputFlags {
  std::vector<std::string> inputs;
  size_t max_document_bytes = IngestOptions().max_document_bytes;
  size_t max_page_bytes = IngestOptions().max_page_bytes;
  bool whole_page = false;  // `extract --whole-page`: a page's visible text, not its article
};

// Adds the positional INPUT... argument, --max-document-bytes and --max-page-bytes.
void AddInputFlags(CLI::App& app, InputFlags* flags);

// The inputs to read: flags.inputs, or the bundled demo event when none were given.
std::vector<std::string> InputsOrDemo(const InputFlags& flags);

IngestOptions ToIngestOptions(const InputFlags& flags);

// What `crossclaim` tells the user about `records` on stderr: one line per skipped document
// (its reason names file and line) and per warning, in order.
std::string SkipAndWarningLines(const std::vector<InputRecord>& records);

// The closing line after the skips: "crossclaim: S of N input documents skipped" (none
// when nothing was skipped).
void PrintSkipSummary(size_t skipped, size_t records);

// Reads the inputs (the demo event when none were given). Prints one stderr line per skipped
// document and a summary; returns an error only when an input path is unusable.
Result<Corpus> LoadInputs(const InputFlags& flags);

// As LoadInputs, but streamed: hands the documents to `sink` in batches of
// `batch_documents` (ReadInputsInBatches), reporting skips as each batch is read (unless
// `report_skips` is false: a second read of inputs already reported).
Status StreamInputs(const InputFlags& flags, size_t batch_documents, const BatchSink& sink,
                    bool report_skips = true);

}  // namespace crossclaim::cli

#endif  // CROSSCLAIM_CLI_INPUT_H_
