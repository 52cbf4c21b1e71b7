// Seeded property test: hostile JSON Lines (invalid UTF-8, control characters, markup of
// every output format, corrupt and overlong lines) through ingest -> claims -> every report
// writer; each output must be valid UTF-8 and well-formed (tests/fuzz/pipeline_check.h).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/json_text.h"
#include "tests/fuzz/pipeline_check.h"

namespace crossclaim::testing {
namespace {

// Pieces that break a writer that does not escape: markup of HTML, Markdown, XML and DOT,
// controls, invalid UTF-8 (raw bytes survive until the reader repairs the line), C1, BOM,
// U+FFFE, bidi overrides, escaped quotes and backslashes. All are valid inside a JSON string.
const std::vector<std::string>& HostilePieces() {
  static const std::vector<std::string> pieces = {"<zz onclick=x>",
                                                  "</td></tr>",
                                                  "<script>alert(1)</script>",
                                                  "]]>",
                                                  "&amp;",
                                                  "&",
                                                  "| a | b |",
                                                  "**bold**",
                                                  "`code`",
                                                  "[link](javascript:x)",
                                                  "\\\\",
                                                  "\\\\\\\"",
                                                  "\\\"quoted\\\"",
                                                  "'",
                                                  "\\u0000",
                                                  "\\u0001\\u001b[31m",
                                                  "\\u0008\\u000b\\u000c",
                                                  "\\u007f",
                                                  "\\u0085",
                                                  "\\u009b",
                                                  "\\ufeff",
                                                  "\\ufffe\\uffff",
                                                  "\\u202e",
                                                  "\\r\\n",
                                                  "\\n\\n# heading\\n",
                                                  "\\t",
                                                  "\xFF",
                                                  "\xC3",
                                                  "\xE2\x82",
                                                  "\xED\xA0\x80",
                                                  "\xF4\x90\x80\x80",
                                                  "\xC0\xAF",
                                                  "\x80\xBF",
                                                  "caf\xC3\xA9",
                                                  "\xE4\xB8\xAD\xE6\x96\x87",
                                                  "{",
                                                  "}",
                                                  "-> --",
                                                  "#",
                                                  "%s%n"};
  return pieces;
}

const std::vector<std::string>& Words() {
  static const std::vector<std::string> words = {
      "minister", "said",     "talks",  "Moscow",   "Beijing",  "leaders", "agreed",
      "trade",    "border",   "called", "official", "reported", "forty",   "sanctions",
      "meeting",  "Thursday", "the",    "and",      "of",       "phone"};
  return words;
}

// A JSON string body (no quotes) of words, numbers and hostile pieces.
std::string HostileText(std::mt19937& rng, size_t words) {
  std::string text;
  for (size_t w = 0; w < words; ++w) {
    if (w > 0) text += ' ';
    const uint32_t roll = rng() % 10;
    if (roll < 6) {
      text += Words()[rng() % Words().size()];
    } else if (roll < 7) {
      text += std::to_string(rng() % 1000);
    } else {
      text += HostilePieces()[rng() % HostilePieces().size()];
    }
    if (rng() % 9 == 0) text += ". ";
  }
  return text + ".";
}

std::string RandomBytes(std::mt19937& rng, size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// One JSON Lines record: mostly a document with hostile fields (some sharing sentences so
// that claims cluster and diverge), sometimes a corrupt line.
std::string HostileLine(std::mt19937& rng, const std::string& shared, int index) {
  switch (rng() % 12) {
    case 0:
      return RandomBytes(rng, rng() % 200);
    case 1:  // unterminated 3 KB string: the parse error must not quote all of it
      return "{\"id\": \"long\", \"text\": \"" + std::string(3000, 'x') + HostileText(rng, 5);
    case 2:
      return "{\"id\": " + std::to_string(index) + ", \"text\": [\"" + HostileText(rng, 3) + "\"]}";
    case 3:
      return "[\"" + HostileText(rng, 4) + "\"]";
    case 4:  // a lone surrogate escape and a bad escape: parse errors inside a string
      return "{\"id\": \"s\", \"text\": \"" + HostileText(rng, 4) + "\\ud800 \\q\"}";
    default:
      break;
  }
  const std::string id = rng() % 4 == 0 ? HostileText(rng, 1) : "d" + std::to_string(index);
  std::string line = "{\"id\": \"" + id + "\", \"outlet\": \"" + HostileText(rng, 2) +
                     "\", \"url\": \"" + (rng() % 2 ? "javascript:" : "https://x.example/") +
                     HostileText(rng, 1) + "\", \"published\": \"" +
                     (rng() % 2 ? "2025-01-2" + std::to_string(rng() % 10) : HostileText(rng, 1)) +
                     "\", \"title\": \"" + HostileText(rng, 3) + "\", \"text\": \"" + shared + " " +
                     HostileText(rng, 10 + rng() % 40) + "\"}";
  return line;
}

std::string HostileJsonLines(uint32_t seed) {
  std::mt19937 rng(seed);
  const std::string shared = HostileText(rng, 14);
  std::string content;
  const int lines = 1 + static_cast<int>(rng() % 5);
  for (int i = 0; i < lines; ++i) content += HostileLine(rng, shared, i) + "\n";
  return content;
}

TEST(PipelineBytes, HostileJsonLinesGiveWellFormedOutputsFromEveryWriter) {
  size_t reports = 0, skipped = 0, with_claims = 0;
  for (uint32_t seed = 1; seed <= 2000; ++seed) {
    const PipelineOutputs out = RunPipeline(HostileJsonLines(seed));
    for (const std::string& problem : OutputProblems(out)) {
      ADD_FAILURE() << "seed " << seed << ": " << problem;
    }
    if (HasFailure()) return;  // the first failing seed is enough to debug
    reports += !out.report_json.empty();
    skipped += out.skipped;
    with_claims += nlohmann::json::parse(out.claims_json)["claims"].size() > 0;
  }
  // The generator reaches every writer, and the corrupt lines are read and skipped.
  EXPECT_GT(reports, 1000u);
  EXPECT_GT(with_claims, 1000u);
  EXPECT_GT(skipped, 1000u);
}

TEST(PipelineBytes, RandomBinaryIsSkippedWithShortReasons) {
  std::mt19937 rng(17);
  std::string bytes = RandomBytes(rng, 20000);
  const PipelineOutputs out = RunPipeline(bytes);
  EXPECT_GT(out.skipped, 10u);
  EXPECT_EQ(out.records, out.skipped);  // nothing in random bytes is a JSON object
  for (const std::string& problem : OutputProblems(out)) ADD_FAILURE() << problem;
}

// The checks themselves catch what they are for (each broken output hand-made).
TEST(PipelineBytes, ChecksRejectBrokenOutputs) {
  PipelineOutputs out = RunPipeline(HostileJsonLines(3));
  ASSERT_FALSE(out.report_json.empty());
  ASSERT_TRUE(OutputProblems(out).empty());
  auto broken = [&](std::string PipelineOutputs::*field, std::string text) {
    PipelineOutputs copy = out;
    copy.*field = std::move(text);
    return !OutputProblems(copy).empty();
  };
  EXPECT_TRUE(broken(&PipelineOutputs::report_json, "{\"a\": \"\xFF\"}"));
  EXPECT_TRUE(broken(&PipelineOutputs::html, out.html + "<zz>"));
  EXPECT_TRUE(broken(&PipelineOutputs::html, out.html + "a & b"));
  EXPECT_TRUE(broken(&PipelineOutputs::markdown, out.markdown + "| x | y |\n"));
  EXPECT_TRUE(broken(&PipelineOutputs::markdown, out.markdown + "\x1B[2J"));
  EXPECT_TRUE(broken(&PipelineOutputs::summary, out.summary + "\r"));
  EXPECT_TRUE(broken(&PipelineOutputs::graphml, out.graphml + "<open>"));
  EXPECT_TRUE(broken(&PipelineOutputs::graphml, "<?xml version=\"1.0\"?><graphml>\x01</graphml>"));
  EXPECT_TRUE(broken(&PipelineOutputs::dot, out.dot + "\"open"));
  EXPECT_TRUE(broken(&PipelineOutputs::dot, out.dot + "<script>"));
  PipelineOutputs long_reason = out;
  long_reason.reasons.push_back(std::string(400, 'x'));
  ++long_reason.skipped;
  EXPECT_FALSE(OutputProblems(long_reason).empty());
}

}  // namespace
}  // namespace crossclaim::testing
