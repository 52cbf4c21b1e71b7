#include "core/ingest.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "core/csv.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using testing::ScratchDir;
using testing::WriteFile;

Corpus ParseLines(const std::string& content, IngestOptions options = {}) {
  Corpus corpus;
  ParseJsonLines(content, "events.jsonl", options, &corpus);
  return corpus;
}

const InputRecord& OnlyRecord(const Corpus& corpus) {
  EXPECT_EQ(corpus.records.size(), 1u);
  return corpus.records.front();
}

// The fast parser gives the reference parser's documents and records on the records where
// they could part ways, and both give what was worked out by hand.
TEST(JsonLines, FastParserMatchesReferenceOnTrickyRecords) {
  const std::string content =
      R"({"id":"a","id":"b","text":"last id wins"})"
      "\n"
      R"({"id":42,"text":"integer id"})"
      "\n"
      R"({"id":"c","title":null,"text":"null title","outlet":"\u00c9cho"})"
      "\n"
      R"({"id":"d","views":123456789012345678901234567890,"text":"big number elsewhere"})"
      "\n"
      R"({"id":"e","text":"esc \"q\" \\ \n \ud83d\ude00","nested":{"text":"not this"}})"
      "\n"
      R"({"id":"f","text":7})"
      "\n"
      R"({"id":"g","title":["x"],"text":"bad title"})"
      "\n"
      R"(["not","an","object"])"
      "\n"
      R"({"id":"h","text":"lone surrogate \ud800"})"
      "\n"
      R"({"id":"i"})"
      "\n"
      R"({"id":18446744073709551615,"text":"unsigned id"})"
      "\n";
  Corpus fast = ParseLines(content);
  IngestOptions reference_options;
  reference_options.json_parser = JsonParser::kReference;
  Corpus reference = ParseLines(content, reference_options);
  EXPECT_EQ(fast.documents, reference.documents);
  EXPECT_EQ(fast.records, reference.records);
  ASSERT_EQ(fast.records.size(), 11u);
  std::vector<std::string> ids;
  for (const Document& d : fast.documents) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"b", "42", "c", "d", "e", "18446744073709551615"}))
      << fast.documents.back().id;
  EXPECT_EQ(fast.documents[2].outlet,
            "\xc3\x89"
            "cho");
  EXPECT_EQ(fast.documents[4].text, "esc \"q\" \\ \n \xf0\x9f\x98\x80");
  for (size_t skipped : {5u, 6u, 7u, 8u, 9u}) {
    EXPECT_EQ(fast.records[skipped].status, InputStatus::kSkipped) << skipped;
  }
}

TEST(JsonLines, ReadsDocumentedFieldsAndIgnoresUnknownOnes) {
  Corpus corpus = ParseLines(
      R"({"id":"a1","outlet":"ISW","url":"https://example.org/a","published":"2025-01-21T13:32:00Z","title":"T","text":"Body one.","extra":{"x":1}})"
      "\n");
  ASSERT_EQ(corpus.documents.size(), 1u);
  const Document& doc = corpus.documents[0];
  EXPECT_EQ(doc.id, "a1");
  EXPECT_EQ(doc.outlet, "ISW");
  EXPECT_EQ(doc.url, "https://example.org/a");
  ASSERT_TRUE(doc.published.has_value());
  EXPECT_EQ(doc.published->ToIso(), "2025-01-21");
  EXPECT_EQ(doc.title, "T");
  EXPECT_EQ(doc.text, "Body one.");
  EXPECT_EQ(OnlyRecord(corpus).status, InputStatus::kUsed);
  EXPECT_EQ(OnlyRecord(corpus).location, "events.jsonl:1");
}

TEST(JsonLines, MissingIdComesFromFileAndLineAndOutletDefaultsToUnknown) {
  Corpus corpus = ParseLines("\n{\"text\":\"Body.\"}\n");
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].id, "events:2");
  EXPECT_EQ(corpus.documents[0].outlet, "unknown");
  EXPECT_FALSE(corpus.documents[0].published.has_value());
}

TEST(JsonLines, MalformedLineIsSkippedWithFileAndLine) {
  Corpus corpus = ParseLines(
      "{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\": \"b\", \"text\": "
      "\n{\"id\":\"c\",\"text\":\"ok\"}\n");
  ASSERT_EQ(corpus.records.size(), 3u);
  EXPECT_EQ(corpus.documents.size(), 2u);
  const InputRecord& bad = corpus.records[1];
  EXPECT_EQ(bad.status, InputStatus::kSkipped);
  EXPECT_EQ(bad.location, "events.jsonl:2");
  EXPECT_NE(bad.reason.find("events.jsonl:2: malformed JSON"), std::string::npos) << bad.reason;
}

TEST(JsonLines, NonObjectsAndWrongTypesAreSkipped) {
  Corpus corpus = ParseLines("[1,2]\n{\"id\":\"x\",\"text\":5}\n{\"id\":\"y\"}\n");
  ASSERT_EQ(corpus.records.size(), 3u);
  EXPECT_EQ(corpus.documents.size(), 0u);
  EXPECT_NE(corpus.records[0].reason.find("expected a JSON object, got array"), std::string::npos);
  EXPECT_NE(corpus.records[1].reason.find("events.jsonl:2: field \"text\" must be a string"),
            std::string::npos)
      << corpus.records[1].reason;
  EXPECT_NE(corpus.records[2].reason.find("events.jsonl:3: field \"text\" is missing"),
            std::string::npos);
}

// Found by the fuzzer: a number too large for a double raised out_of_range, not parse_error.
TEST(JsonLines, NumberOverflowIsAMalformedLineNotACrash) {
  Corpus corpus = ParseLines("{\"id\":\"n\",\"text\":\"x\",\"extra\":111119111111111E1111}\n");
  ASSERT_EQ(corpus.records.size(), 1u);
  EXPECT_EQ(corpus.records[0].status, InputStatus::kSkipped);
  EXPECT_NE(corpus.records[0].reason.find("events.jsonl:1: malformed JSON"), std::string::npos);
}

TEST(JsonLines, EmptyTextIsSkipped) {
  Corpus corpus = ParseLines("{\"id\":\"e\",\"text\":\"  \\n \"}\n");
  const InputRecord& record = OnlyRecord(corpus);
  EXPECT_EQ(record.status, InputStatus::kSkipped);
  EXPECT_EQ(record.id, "e");
  EXPECT_EQ(record.reason, "events.jsonl:1: text is empty");
}

TEST(JsonLines, DuplicateIdIsSkippedNamingTheFirst) {
  Corpus corpus = ParseLines("{\"id\":\"d\",\"text\":\"one\"}\n{\"id\":\"d\",\"text\":\"two\"}\n");
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].text, "one");
  EXPECT_EQ(corpus.records[1].reason,
            "events.jsonl:2: duplicate id \"d\" (first seen at events.jsonl:1)");
}

TEST(JsonLines, InvalidUtf8IsRepairedAndCounted) {
  Corpus corpus = ParseLines("{\"id\":\"u\",\"text\":\"caf\xC3 ok \xFF\xFE end\"}\n");
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].text, "caf\xEF\xBF\xBD ok \xEF\xBF\xBD\xEF\xBF\xBD end");
  EXPECT_EQ(corpus.records[0].utf8_repairs, 3u);
  ASSERT_EQ(corpus.records[0].warnings.size(), 1u);
  EXPECT_NE(corpus.records[0].warnings[0].find("events.jsonl:1: 3 invalid UTF-8"),
            std::string::npos);
}

TEST(JsonLines, HugeLineIsSkippedNotTruncated) {
  std::string text(50u << 20, 'a');
  Corpus corpus =
      ParseLines("{\"id\":\"big\",\"text\":\"" + text + "\"}\n{\"id\":\"s\",\"text\":\"x\"}\n");
  ASSERT_EQ(corpus.records.size(), 2u);
  EXPECT_EQ(corpus.records[0].status, InputStatus::kSkipped);
  EXPECT_NE(corpus.records[0].reason.find("events.jsonl:1: text is 52428800 bytes, over the limit"),
            std::string::npos);
  EXPECT_EQ(corpus.documents.size(), 1u);
}

TEST(JsonLines, BadPublishedDateBecomesWarningNotGuess) {
  Corpus corpus = ParseLines("{\"id\":\"p\",\"published\":\"21/01/2025\",\"text\":\"x\"}\n");
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_FALSE(corpus.documents[0].published.has_value());
  ASSERT_EQ(corpus.records[0].warnings.size(), 1u);
  EXPECT_NE(corpus.records[0].warnings[0].find("\"21/01/2025\" is not an ISO date"),
            std::string::npos);
}

// Property: whatever bytes a line holds, reading never crashes and every non-blank line
// is accounted for by exactly one record.
TEST(JsonLines, RandomBytesAreAlwaysAccountedFor) {
  const std::string pieces[] = {"{",    "}",    "\"id\"", "\"text\"", ":",    ",", "\"",
                                "\\",   "\xFF", "\xC3",   "a",        " ",    "[", "]",
                                "null", "1",    "\"x\"",  "\n",       "\\u12"};
  for (uint32_t seed = 0; seed < 500; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
    std::string content;
    for (int i = 0; i < 60; ++i) content += pieces[pick(rng)];
    size_t non_blank_lines = 0;
    size_t start = 0;
    while (start <= content.size()) {
      size_t end = std::min(content.find('\n', start), content.size());
      std::string line = content.substr(start, end - start);
      if (line.find_first_not_of(" \t") != std::string::npos) ++non_blank_lines;
      start = end + 1;
    }
    Corpus corpus = ParseLines(content);
    EXPECT_EQ(corpus.records.size(), non_blank_lines);
    EXPECT_EQ(corpus.documents.size() + corpus.skipped(), corpus.records.size());
  }
}

TEST(ReadInputs, FolderOfTextFilesWithDateHeaderAndManifest) {
  std::string dir = ScratchDir("folder");
  WriteFile(dir + "/b.txt", " date 2025-01-22 First line of b.\nSecond line.");
  WriteFile(dir + "/a.txt", "Text of a.");
  WriteFile(dir + "/c.json", R"({"id":"c","outlet":"C Times","text":"Text of c."})");
  WriteFile(dir + "/notes.pdf", "%PDF");
  WriteFile(dir + "/README.md", "# not a document");
  WriteFile(dir + "/manifest.csv", "id,outlet,published\na,\"Outlet, A\",2025-01-20\n");
  Result<Corpus> corpus = ReadInputs({dir}, {});
  ASSERT_TRUE(corpus.ok()) << corpus.status().message();
  ASSERT_EQ(corpus->records.size(), 4u);  // a, b, c, notes.pdf (sorted by file name)
  ASSERT_EQ(corpus->documents.size(), 3u);
  EXPECT_EQ(corpus->documents[0].id, "a");
  EXPECT_EQ(corpus->documents[0].outlet, "Outlet, A");
  EXPECT_EQ(corpus->documents[0].published->ToIso(), "2025-01-20");
  EXPECT_EQ(corpus->documents[1].id, "b");
  EXPECT_EQ(corpus->documents[1].text, "First line of b.\nSecond line.");
  EXPECT_EQ(corpus->documents[1].published->ToIso(), "2025-01-22");
  EXPECT_EQ(corpus->documents[2].outlet, "C Times");
  EXPECT_EQ(corpus->records[3].status, InputStatus::kSkipped);
  EXPECT_NE(corpus->records[3].reason.find("not a .txt, .html, .json or .jsonl file"),
            std::string::npos);
}

TEST(ReadInputs, CsvManifestPointsAtFiles) {
  std::string dir = ScratchDir("csv");
  std::filesystem::create_directories(dir + "/texts");
  WriteFile(dir + "/texts/one.txt", "Text one.");
  WriteFile(dir + "/list.csv",
            "path,id,outlet,url,published,title\n"
            "texts/one.txt,first,Wire,https://w/1,2025-01-21,\"Title, with comma\"\n"
            "texts/missing.txt,second,Wire,,,\n"
            ",third,,,,\n");
  Result<Corpus> corpus = ReadInputs({dir + "/list.csv"}, {});
  ASSERT_TRUE(corpus.ok()) << corpus.status().message();
  ASSERT_EQ(corpus->records.size(), 3u);
  ASSERT_EQ(corpus->documents.size(), 1u);
  EXPECT_EQ(corpus->documents[0].id, "first");
  EXPECT_EQ(corpus->documents[0].title, "Title, with comma");
  EXPECT_EQ(corpus->records[1].id, "second");
  EXPECT_NE(corpus->records[1].reason.find("missing.txt: cannot open file"), std::string::npos);
  EXPECT_NE(corpus->records[2].reason.find("list.csv:4: empty \"path\""), std::string::npos);
}

TEST(ReadInputs, UnusableInputPathsAreErrors) {
  Result<Corpus> missing = ReadInputs({"/nonexistent/events.jsonl"}, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "/nonexistent/events.jsonl: no such file or folder");
  std::string dir = ScratchDir("ext");
  WriteFile(dir + "/x.pdf", "%PDF");
  Result<Corpus> pdf = ReadInputs({dir + "/x.pdf"}, {});
  ASSERT_FALSE(pdf.ok());
  EXPECT_NE(pdf.status().message().find("unsupported input"), std::string::npos);
  WriteFile(dir + "/bad.csv", "path,id\n\"unterminated,x\n");
  Result<Corpus> csv = ReadInputs({dir + "/bad.csv"}, {});
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.status().message(), dir + "/bad.csv:2: unterminated quoted field");
}

TEST(ReadInputs, DuplicateIdsAcrossInputs) {
  std::string dir = ScratchDir("dups");
  WriteFile(dir + "/one.jsonl", "{\"id\":\"x\",\"text\":\"a\"}\n");
  WriteFile(dir + "/two.jsonl", "{\"id\":\"x\",\"text\":\"b\"}\n");
  Result<Corpus> corpus = ReadInputs({dir + "/one.jsonl", dir + "/two.jsonl"}, {});
  ASSERT_TRUE(corpus.ok());
  EXPECT_EQ(corpus->documents.size(), 1u);
  EXPECT_EQ(corpus->records[1].reason,
            dir + "/two.jsonl:1: duplicate id \"x\" (first seen at " + dir + "/one.jsonl:1)");
}

// The reader keeps a first-seen JSON Lines location as its file and line: the reason must
// still name the file and line of the first occurrence when files alternate, when the first
// one is a text file (a location without a line), and when a file name has ":<digits>" in it.
TEST(ReadInputs, DuplicateIdsNameTheirFirstLocation) {
  std::string dir = ScratchDir("dups-first");
  WriteFile(dir + "/a.txt", "alpha text\n");
  WriteFile(dir + "/x:7.jsonl", "{\"id\":\"a\",\"text\":\"t\"}\n\n{\"id\":\"b\",\"text\":\"t\"}\n");
  WriteFile(dir + "/y.jsonl", "{\"id\":\"c\",\"text\":\"t\"}\n{\"id\":\"b\",\"text\":\"t\"}\n");
  Result<Corpus> corpus = ReadInputs(
      {dir + "/a.txt", dir + "/x:7.jsonl", dir + "/y.jsonl", dir + "/x:7.jsonl", dir + "/y.jsonl"},
      {});
  ASSERT_TRUE(corpus.ok());
  std::vector<std::string> reasons;
  for (const InputRecord& r : corpus->records) {
    if (r.status == InputStatus::kSkipped) reasons.push_back(r.reason);
  }
  const std::string x = dir + "/x:7.jsonl", y = dir + "/y.jsonl";
  EXPECT_EQ(corpus->documents.size(), 3u);  // a (the .txt), b (x:7 line 3), c (y line 1)
  EXPECT_EQ(reasons, (std::vector<std::string>{
                         x + ":1: duplicate id \"a\" (first seen at " + dir + "/a.txt)",
                         y + ":2: duplicate id \"b\" (first seen at " + x + ":3)",
                         x + ":1: duplicate id \"a\" (first seen at " + dir + "/a.txt)",
                         x + ":3: duplicate id \"b\" (first seen at " + x + ":3)",
                         y + ":1: duplicate id \"c\" (first seen at " + y + ":1)",
                         y + ":2: duplicate id \"b\" (first seen at " + x + ":3)",
                     }));
}

TEST(ReadInputs, DemoEventHasFiveDocumentsWithManifestMetadata) {
  Result<Corpus> corpus = ReadInputs({testing::DemoEventDir()}, {});
  ASSERT_TRUE(corpus.ok());
  ASSERT_EQ(corpus->documents.size(), 5u);
  EXPECT_EQ(corpus->skipped(), 0u);
  EXPECT_EQ(corpus->documents[0].id, "000_afc1db8ac4998597");
  EXPECT_EQ(corpus->documents[1].outlet, "The Kyiv Independent");
  EXPECT_EQ(corpus->documents[4].outlet, "melangenews");
  EXPECT_EQ(corpus->documents[0].published->ToIso(), "2025-01-22");
  EXPECT_FALSE(corpus->documents[3].published.has_value());  // the article gives no date
  EXPECT_TRUE(corpus->documents[0].text.starts_with("Russian leader Vladimir Putin"));
}

// A mixed input: JSON Lines with bad and duplicate lines, a folder, a second file.
std::vector<std::string> MixedInputs(const std::string& dir) {
  std::string lines;
  for (int i = 0; i < 23; ++i) {
    lines += i % 7 == 3
                 ? "{not json\n"
                 : fmt::format("{{\"id\":\"j{}\",\"text\":\"text {}\"}}\n", i % 11 == 5 ? 0 : i, i);
  }
  WriteFile(dir + "/a.jsonl", lines);
  WriteFile(dir + "/b.jsonl",
            "{\"id\":\"j1\",\"text\":\"again\"}\n{\"id\":\"k\",\"text\":\"k\"}\n");
  return {dir + "/a.jsonl", testing::DemoEventDir(), dir + "/b.jsonl"};
}

TEST(ReadInputsInBatches, BatchesConcatenateToTheWholeRead) {
  std::vector<std::string> inputs = MixedInputs(ScratchDir("batches"));
  Result<Corpus> whole = ReadInputs(inputs, {});
  ASSERT_TRUE(whole.ok());
  ASSERT_GT(whole->skipped(), 2u);
  for (size_t batch_size : {1u, 4u, 1000u}) {
    Corpus joined;
    size_t batches = 0;
    Status status = ReadInputsInBatches(inputs, {}, batch_size, [&](Corpus& batch) {
      EXPECT_LE(batch.documents.size(), batch_size);
      ++batches;
      for (InputRecord r : batch.records) {
        if (r.document >= 0) {
          joined.documents.push_back(batch.documents[static_cast<size_t>(r.document)]);
          r.document = static_cast<int>(joined.documents.size()) - 1;
        }
        joined.records.push_back(std::move(r));
      }
      return Status::Ok();
    });
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(joined.records, whole->records) << "batch size " << batch_size;
    ASSERT_EQ(joined.documents.size(), whole->documents.size());
    for (size_t d = 0; d < joined.documents.size(); ++d) {
      EXPECT_EQ(joined.documents[d].id, whole->documents[d].id);
      EXPECT_EQ(joined.documents[d].text, whole->documents[d].text);
    }
    EXPECT_GE(batches, (whole->documents.size() + batch_size - 1) / batch_size);
  }
}

TEST(ReadInputsInBatches, SinkErrorStopsTheReadAndIsReturned) {
  std::vector<std::string> inputs = MixedInputs(ScratchDir("batch_error"));
  size_t calls = 0;
  Status status = ReadInputsInBatches(
      inputs, {}, 2, [&](Corpus&) { return ++calls == 2 ? DataLoss("disk full") : Status::Ok(); });
  EXPECT_EQ(status.message(), "disk full");
  EXPECT_EQ(calls, 2u);
  EXPECT_FALSE(ReadInputsInBatches(inputs, {}, 0, [](Corpus&) { return Status::Ok(); }).ok());
  Status missing =
      ReadInputsInBatches({"/nonexistent.jsonl"}, {}, 5, [](Corpus&) { return Status::Ok(); });
  EXPECT_NE(missing.message().find("/nonexistent.jsonl"), std::string::npos);
}

TEST(Date, ParsesIsoDatesOnly) {
  EXPECT_EQ(Date::ParseIso("2025-01-21"), (Date{2025, 1, 21}));
  EXPECT_EQ(Date::ParseIso("2024-02-29T10:00:00Z"), (Date{2024, 2, 29}));
  EXPECT_EQ(Date::ParseIso("2025-02-29"), std::nullopt);
  EXPECT_EQ(Date::ParseIso("2025-13-01"), std::nullopt);
  EXPECT_EQ(Date::ParseIso("21-01-2025"), std::nullopt);
  EXPECT_EQ(Date::ParseIso("2025-01-21x"), std::nullopt);
  EXPECT_EQ((Date{2025, 1, 2}).ToIso(), "2025-01-02");
}

TEST(Csv, QuotedFieldsAndHeaderNormalisation) {
  Result<std::vector<CsvRow>> rows =
      ParseCsv(" ID ,Path\r\n\"a \"\"b\"\"\",\"x,\ny\"\n\n", "m.csv");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0], (CsvRow{"id", "path"}));
  EXPECT_EQ((*rows)[1], (CsvRow{"a \"b\"", "x,\ny"}));
}

TEST(RepairUtf8, ReplacesMaximalInvalidSubsequences) {
  std::string valid = "Путин’s";
  EXPECT_EQ(RepairUtf8(&valid), 0u);
  EXPECT_EQ(valid, "Путин’s");
  std::string truncated = "a\xE2\x80";  // a three-byte sequence cut short: one replacement
  EXPECT_EQ(RepairUtf8(&truncated), 1u);
  EXPECT_EQ(truncated, "a\xEF\xBF\xBD");
  std::string overlong = "\xC0\xAF";  // overlong '/': two invalid bytes
  EXPECT_EQ(RepairUtf8(&overlong), 2u);
}

// A JSON Lines file where line boundaries are awkward to find: blank lines, CRLF endings,
// a line longer than the readers' buffers, bad records, records without an id (their id
// is the line number) and no newline at the end.
std::string AwkwardJsonLines() {
  std::string lines;
  for (int i = 0; i < 60; ++i) {
    if (i % 13 == 4) {
      lines += "\n";
    } else if (i % 11 == 7) {
      lines += "{broken\r\n";
    } else if (i == 30) {
      lines += "{\"text\":\"" + std::string(200000, 'x') + "\"}\n";
    } else if (i % 9 == 2) {
      lines += fmt::format("{{\"text\":\"no id {}\"}}\r\n", i);
    } else {
      lines += fmt::format("{{\"id\":\"d{}\",\"text\":\"text {}\"}}\n", i % 17, i);
    }
  }
  return lines + R"({"id":"last","text":"no newline after me"})";
}

// Reading a file part by part (any cut points, as ranks do) gives the records of one
// in-memory parse of the whole content, in order, with the same line numbers.
TEST(LineRanges, PartsReadTheWholeFileOnce) {
  const std::string dir = ScratchDir("line_ranges");
  const std::string content = AwkwardJsonLines();
  const std::string path = dir + "/events.jsonl";
  WriteFile(path, content);
  IngestOptions options;
  options.unique_ids = false;  // as a part reader: ids are checked across parts by the caller
  Corpus whole;
  ParseJsonLines(content, path, options, &whole);
  ASSERT_GT(whole.skipped(), 3u);
  std::mt19937 random(7);
  for (int trial = 0; trial < 40; ++trial) {
    const size_t parts = 1 + static_cast<size_t>(trial % 9);
    std::vector<uint64_t> cuts = {0, content.size()};
    for (size_t p = 1; p < parts; ++p) cuts.push_back(random() % (content.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    Corpus joined;
    size_t lines_before = 0;
    uint64_t previous_end = 0;
    for (size_t p = 0; p + 1 < cuts.size(); ++p) {
      Result<LineRange> range = FindLineRange(path, cuts[p], cuts[p + 1]);
      ASSERT_TRUE(range.ok()) << range.status().message();
      EXPECT_EQ(range->begin, previous_end) << "ranges tile the file";
      previous_end = range->end;
      Corpus part;
      ReadJsonLinesRange(path, *range, lines_before + 1, options, &part);
      lines_before += range->lines;
      for (InputRecord r : part.records) {
        if (r.document >= 0) {
          joined.documents.push_back(part.documents[static_cast<size_t>(r.document)]);
          r.document = static_cast<int>(joined.documents.size()) - 1;
        }
        joined.records.push_back(std::move(r));
      }
    }
    EXPECT_EQ(previous_end, content.size());
    EXPECT_EQ(lines_before, 61u);  // 60 lines and the last one without a newline
    EXPECT_EQ(joined.records, whole.records) << "cuts of trial " << trial;
    EXPECT_EQ(joined.documents, whole.documents) << "cuts of trial " << trial;
  }
}

// The block reader over a file with a line longer than its 1 MiB blocks gives what an
// in-memory parse of the content gives, places included; the used documents' records read
// again by their places (any order, any subset) are the same documents; a file cut short
// under them gives skips.
TEST(RecordPlaces, RecordsReadAgainByTheirPlaces) {
  const std::string dir = ScratchDir("record_places");
  const std::string content =
      "{\"id\":\"huge\",\"text\":\"" + std::string(2500000, 'y') + "\"}\n" + AwkwardJsonLines();
  const std::string path = dir + "/events.jsonl";
  WriteFile(path, content);
  IngestOptions options;
  options.unique_ids = false;  // the awkward lines repeat ids
  Result<Corpus> read = ReadInputs({path}, options);
  ASSERT_TRUE(read.ok());
  Corpus whole;
  ParseJsonLines(content, path, options, &whole);
  EXPECT_EQ(read->records, whole.records);
  EXPECT_EQ(read->documents, whole.documents);
  std::vector<RecordPlace> places;
  std::vector<const Document*> expected;
  for (size_t r = read->records.size(); r-- > 0;) {  // backwards, every other document
    const InputRecord& record = read->records[r];
    if (record.document < 0 || r % 2 == 1) continue;
    ASSERT_GT(record.place.length, 0u);
    EXPECT_EQ(RecordFile(record), path);
    EXPECT_EQ(content.substr(record.place.offset, record.place.length).find('\n'),
              std::string::npos);
    places.push_back(record.place);
    expected.push_back(&read->documents[static_cast<size_t>(record.document)]);
  }
  ASSERT_GT(places.size(), 10u);
  Corpus again;
  ReadJsonLinesRecords(path, places, options, &again);
  ASSERT_EQ(again.documents.size(), places.size());
  for (size_t i = 0; i < places.size(); ++i) {
    EXPECT_EQ(again.documents[i], *expected[i]);
    EXPECT_EQ(again.records[i].place, places[i]);
  }
  WriteFile(path, content.substr(0, 1000));  // the huge first record cut short
  Corpus cut;
  ReadJsonLinesRecords(path, std::span<const RecordPlace>(places).last(1), options, &cut);
  ASSERT_EQ(cut.records.size(), 1u);
  EXPECT_EQ(cut.records[0].status, InputStatus::kSkipped);
  EXPECT_NE(cut.records[0].reason.find("cannot be read again"), std::string::npos);
}

TEST(LineRanges, MissingFileIsOneSkipFromThePartAtTheStart) {
  const std::string path = ScratchDir("line_ranges_missing") + "/gone.jsonl";
  EXPECT_FALSE(FindLineRange(path, 0, 10).ok());
  Corpus first, second;
  ReadJsonLinesRange(path, {0, 0, 0}, 1, {}, &first);
  ReadJsonLinesRange(path, {5, 10, 1}, 2, {}, &second);
  ASSERT_EQ(first.records.size(), 1u);
  EXPECT_NE(first.records[0].reason.find("gone.jsonl: cannot open file"), std::string::npos);
  EXPECT_TRUE(second.records.empty());
}

TEST(LineRanges, DuplicateIdsAreKeptWhenTheCallerChecksThem) {
  const std::string content = "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"a\",\"text\":\"two\"}\n";
  EXPECT_EQ(ParseLines(content).documents.size(), 1u);
  IngestOptions options;
  options.unique_ids = false;
  EXPECT_EQ(ParseLines(content, options).documents.size(), 2u);
  EXPECT_EQ(DuplicateIdReason("f:2", "a", "f:1"), "f:2: duplicate id \"a\" (first seen at f:1)");
  EXPECT_EQ(ParseLines(content).records[1].reason,
            DuplicateIdReason("events.jsonl:2", "a", "events.jsonl:1"));
}

}  // namespace
}  // namespace crossclaim
