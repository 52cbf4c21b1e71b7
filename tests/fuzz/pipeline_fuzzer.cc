// libFuzzer target for the whole pipeline: any bytes, read as JSON Lines and as one
// document's text, go through ingest -> claims -> event report -> every writer (JSON,
// HTML, Markdown, summary, GraphML, DOT); each output must be valid UTF-8 and well-formed
// by the rules of tests/fuzz/pipeline_check.h, and every skip reason short. Only this file
// is compiled with clang; it links the libraries the main build made (tests/fuzz/fuzz.cmake).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fuzz/pipeline_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> problems = crossclaim::testing::OutputProblems(
      crossclaim::testing::RunPipeline(crossclaim::testing::WithBytesAsDocument(bytes)));
  for (const std::string& p : problems) std::fprintf(stderr, "pipeline_fuzzer: %s\n", p.c_str());
  if (!problems.empty()) std::abort();
  return 0;
}
