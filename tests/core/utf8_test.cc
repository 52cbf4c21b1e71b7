#include "core/utf8.h"

#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <random>
#include <string>

#include "core/ingest.h"

namespace crossclaim {
namespace {

// Oracle: ICU's code point iterator, independent of simdjson's validator.
bool IcuValid(const std::string& s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string RandomBytes(std::mt19937& rng, size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

TEST(Utf8, ValidationAgreesWithIcuOnRandomBytes) {
  std::mt19937 rng(7);
  for (int t = 0; t < 2000; ++t) {
    std::string s = RandomBytes(rng, rng() % 64);
    if (t % 2) s = "caf\xC3\xA9 " + s.substr(0, s.size() % 3);  // often valid
    EXPECT_EQ(IsValidUtf8(s), IcuValid(s));
    std::string repaired = s;
    RepairUtf8(&repaired);
    EXPECT_TRUE(IcuValid(repaired));
  }
}

TEST(Utf8, QuoteInputIsShortValidAndMarked) {
  std::mt19937 rng(11);
  for (int t = 0; t < 500; ++t) {
    std::string s = RandomBytes(rng, rng() % 400);
    std::string q = QuoteInput(s);
    EXPECT_TRUE(IcuValid(q));
    EXPECT_LE(q.size(), kMaxQuotedBytes + 3);  // plus the 3-byte ellipsis
  }
  EXPECT_EQ(QuoteInput("short"), "short");
  // 41 two-byte characters (82 bytes): cut after 40 of them, never inside one.
  std::string e;
  for (int i = 0; i < 41; ++i) e += "\xC3\xA9";
  std::string expected;
  for (int i = 0; i < 40; ++i) expected += "\xC3\xA9";
  EXPECT_EQ(QuoteInput(e), expected + "…");
}

TEST(Utf8, QuoteInputIsOneLineWithoutControls) {
  // Layout characters become spaces; ESC, NUL, DEL and C1 U+009B become U+FFFD.
  EXPECT_EQ(QuoteInput(std::string("a\tb\r\nc\x1B[31m\0\x7F\xC2\x9B", 15)),
            "a b  c\xEF\xBF\xBD[31m\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  // A replacement that grows the text past the limit is cut like any other text.
  const std::string controls(100, '\x01');
  const std::string q = QuoteInput(controls);
  EXPECT_EQ(q.size(), 78u + 3u);  // 26 replacements of 3 bytes, then the ellipsis
  EXPECT_TRUE(q.ends_with("…"));
}

TEST(Utf8, PrintableTextKeepsLayoutAndReplacesControls) {
  EXPECT_EQ(PrintableText("line\tone\nline two"), "line\tone\nline two");
  EXPECT_EQ(PrintableText("a\rb\x1B\x7F"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(PrintableText("\xC2\x85|\xC2\xA0"), "\xEF\xBF\xBD|\xC2\xA0");  // NEL vs NBSP
  EXPECT_EQ(PrintableText("\xFF"), "\xEF\xBF\xBD");
  std::mt19937 rng(5);
  for (int t = 0; t < 300; ++t) {
    const std::string p = PrintableText(RandomBytes(rng, rng() % 200));
    ASSERT_TRUE(IcuValid(p));
    for (size_t i = 0; i < p.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(p[i]);
      EXPECT_TRUE(c >= 0x20 || c == '\t' || c == '\n') << i;
      EXPECT_NE(c, 0x7F);
      if (c == 0xC2 && i + 1 < p.size()) {
        EXPECT_GE(static_cast<unsigned char>(p[i + 1]), 0xA0);
      }
    }
  }
}

TEST(Utf8, XmlSafeTextDropsForbiddenControls) {
  EXPECT_EQ(XmlSafeText(std::string("a\0b\x01\tc\n\x1F\xEF\xBF\xBE", 11)), "ab\tc\n");
  EXPECT_EQ(XmlSafeText("\xFF"), "\xEF\xBF\xBD");
}

TEST(Utf8, RandomBinaryJsonLinesGiveShortValidReasons) {
  std::mt19937 rng(3);
  std::string content = RandomBytes(rng, 20000) + "\n{\"text\": \"" + std::string(3000, 'x');
  Corpus corpus;
  ParseJsonLines(content, "rand.jsonl", IngestOptions(), &corpus);
  ASSERT_FALSE(corpus.records.empty());
  for (const InputRecord& r : corpus.records) {
    EXPECT_TRUE(IcuValid(r.reason)) << r.location;
    EXPECT_TRUE(IcuValid(r.id)) << r.location;
    EXPECT_LT(r.reason.size(), 300u) << r.reason;  // message text + at most ~80 quoted bytes
  }
}

}  // namespace
}  // namespace crossclaim
