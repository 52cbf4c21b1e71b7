// Bytes through the whole pipeline (JSON Lines ingest -> claims -> event report -> every
// writer), and strict checks of what each writer produced. Shared by the seeded property
// test (tests/report/pipeline_bytes_test.cc) and the libFuzzer target
// (tests/fuzz/pipeline_fuzzer.cc), so both hold the writers to the same rules.
//
// Example:
//   PipelineOutputs out = RunPipeline(bytes);
//   for (const std::string& p : OutputProblems(out)) ADD_FAILURE() << p;
#ifndef CROSSCLAIM_TESTS_FUZZ_PIPELINE_CHECK_H_
#define CROSSCLAIM_TESTS_FUZZ_PIPELINE_CHECK_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace crossclaim::testing {

// Longest skip reason accepted: the message text (nlohmann's longest parse error is about
// 240 bytes with the location), at most kMaxQuotedBytes (80) of quoted input and "…".
inline constexpr size_t kMaxReasonBytes = 360;

// What every writer made of one input. The report fields are empty when no document was
// usable (the CLI then stops before the report too).
struct PipelineOutputs {
  size_t records = 0;  // input records: used + skipped
  size_t skipped = 0;
  std::vector<std::string> reasons;  // of the skipped records, as report.json lists them
  std::string claims_json;           // `claims --format json`
  std::string report_json;
  std::string html;
  std::string markdown;
  std::string summary;
  std::string graphml;
  std::string dot;
};

// Reads `jsonl` as the JSON Lines file "input.jsonl" (documents over 16 KB skipped), extracts
// claims, and when a document is usable builds its event report (one thread) and renders it
// with every writer.
PipelineOutputs RunPipeline(std::string_view jsonl);

// `bytes` as JSON Lines followed by one more line, a document whose text is `bytes` (JSON
// escaped, invalid UTF-8 as U+FFFD): arbitrary bytes then reach claims and the report
// writers, not only the reader.
std::string WithBytesAsDocument(std::string_view bytes);

// Every rule an output breaks, one short line each; empty when all are well-formed:
// each output valid UTF-8; JSON parses; GraphML parses as XML without the characters XML
// 1.0 forbids; DOT strings closed and nothing but DOT syntax outside them; Markdown and
// the summary without control characters but tab and newline, Markdown table rows with
// their column count, no input text as HTML or Markdown markup; skip reasons short.
std::vector<std::string> OutputProblems(const PipelineOutputs& out);

}  // namespace crossclaim::testing

#endif  // CROSSCLAIM_TESTS_FUZZ_PIPELINE_CHECK_H_
