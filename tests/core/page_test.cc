#include "core/page.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "core/ingest.h"
#include "core/internal/page_internal.h"
#include "tests/testing/paths.h"

namespace crossclaim {
namespace {

using testing::ReadFile;
using testing::ScratchDir;
using testing::SourceDir;
using testing::WriteFile;

std::string PagePath(const std::string& name) { return SourceDir() + "/datasets/pages/" + name; }

std::string Gzip(const std::string& data) {
  z_stream s{};
  EXPECT_EQ(
      deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
      Z_OK);
  std::string out(deflateBound(&s, data.size()) + 32, '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

// The body a reader of datasets/pages/kettle-report.html sees (worked out by hand): the
// four paragraphs and the subheading; not the headline, byline, share bar, caption,
// related list, newsletter box, tags, comments, sidebar, cookie banner or footer.
const char kKettleBody[] =
    "The town council voted on Friday to approve a new kettle factory on the old railway yard, "
    "ending a dispute that had lasted more than two years.\n\n"
    "Councillors backed the plan by nine votes to four, after the company promised 120 jobs, a "
    "new footpath along the river and a limit on lorry traffic at night.\n\n"
    "Objections from residents\n\n"
    "Residents of Mill Lane said the factory would bring noise and dust, and asked for the "
    "hearing to be postponed; the council refused.\n\n"
    "Construction is expected to start in the autumn, the company said, and the first kettles "
    "could leave the line in 2026.";

TEST(ReadPage, ExtractsTheArticleAndDropsEveryKindOfChrome) {
  Result<Page> page = ReadPage(ReadFile(PagePath("kettle-report.html")), PageOptions());
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->text, kKettleBody);
}

TEST(ReadPage, JsonLdIsTrustedBeforeOpenGraph) {
  Result<Page> page = ReadPage(ReadFile(PagePath("kettle-report.html")), PageOptions());
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->outlet, "The Riverside Gazette");  // publisher by @id, not og:site_name
  EXPECT_EQ(page->metadata_source.outlet, "json-ld:publisher.name");
  EXPECT_EQ(page->published, (Date{2024, 3, 1}));  // the day as written, not shifted to UTC
  EXPECT_EQ(page->metadata_source.published, "json-ld:datePublished");
  EXPECT_EQ(page->title, "Town council approves new kettle factory");
  EXPECT_EQ(page->metadata_source.title, "json-ld:headline");
  EXPECT_EQ(page->author, "Ada Lovelace, Charles Babbage");
  EXPECT_EQ(page->metadata_source.author, "json-ld:author");
  EXPECT_EQ(page->url, "https://www.riverside-gazette.example/news/kettle-factory");
  EXPECT_EQ(page->metadata_source.url, "json-ld:url");
  EXPECT_EQ(page->charset, "utf-8");
}

TEST(ReadPage, Latin1LabelIsReadAsWindows1252WithOpenGraphAndTime) {
  Result<Page> page = ReadPage(ReadFile(PagePath("harbour-notice.htm")), PageOptions());
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->charset, "windows-1252");
  EXPECT_EQ(page->text,
            "The ferry to the island will leave at 7:15 instead of 7:00 from Monday, the harbour "
            "office announced, because of works on the pier.\n\n"
            "Passengers who bought season tickets can ask for a refund at the caf\u00e9 by the "
            "quay until the end of the month.\n\n"
            "\u201cWe are sorry for the inconvenience,\u201d said the harbour master, who expects "
            "the works to last six weeks.");
  EXPECT_EQ(page->outlet, "Harbour Weekly");
  EXPECT_EQ(page->metadata_source.outlet, "meta:og:site_name");
  EXPECT_EQ(page->title, "Ferry timetable changes");
  EXPECT_EQ(page->metadata_source.title, "meta:og:title");
  EXPECT_EQ(page->url, "https://harbourweekly.example/2023/11/05/ferry");
  EXPECT_EQ(page->metadata_source.url, "link:canonical");
  // <time datetime> comes before the URL's /2023/11/05/ path.
  EXPECT_EQ(page->published, (Date{2023, 11, 4}));
  EXPECT_EQ(page->metadata_source.published, "time:datetime");
  EXPECT_TRUE(page->author.empty());
  EXPECT_TRUE(page->metadata_source.author.empty());
}

TEST(ReadPage, GzipGivesTheSamePageAndCorruptGzipIsAnError) {
  const std::string html = ReadFile(PagePath("kettle-report.html"));
  Result<Page> plain = ReadPage(html, PageOptions());
  std::string gz = Gzip(html);
  Result<Page> zipped = ReadPage(gz, PageOptions());
  ASSERT_TRUE(zipped.ok()) << zipped.status().message();
  EXPECT_EQ(zipped->text, plain->text);
  EXPECT_EQ(zipped->outlet, plain->outlet);
  Result<Page> truncated = ReadPage(gz.substr(0, gz.size() / 2), PageOptions());
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(truncated.status().message().find("gzip"), std::string::npos);
  // Two gzip members one after the other are one stream (as gzip -c a b).
  Result<std::string> twice = page_internal::Gunzip(Gzip("<p>one</p>") + Gzip("<p>two</p>"), 0);
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(*twice, "<p>one</p><p>two</p>");
}

TEST(ReadPage, RefusesPagesOverTheLimitEvenWhenCompressed) {
  const std::string big = "<html><body><p>" + std::string(5000, 'a') + "</p></body></html>";
  PageOptions options;
  options.max_page_bytes = 1000;
  Result<Page> plain = ReadPage(big, options);
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.status().message(), "page is 5033 bytes, over the limit of 1000 bytes");
  Result<Page> zipped = ReadPage(Gzip(big), options);  // a small file that inflates past it
  ASSERT_FALSE(zipped.ok());
  EXPECT_EQ(zipped.status().message(), "page is over the limit of 1000 bytes once decompressed");
}

TEST(ReadPage, RefusesWhatIsNotHtml) {
  Result<Page> binary = ReadPage(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), PageOptions());
  ASSERT_FALSE(binary.ok());
  EXPECT_EQ(binary.status().message(), "not HTML (binary data: NUL bytes in the first 4096)");
  Result<Page> text = ReadPage("Just a line of text, no markup at all.", PageOptions());
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().message(), "not HTML (no markup)");
}

TEST(ReadPage, CharsetsFromTheBytes) {
  // No declaration and bytes that are not UTF-8: windows-1252.
  Result<Page> guessed = ReadPage("<p>Caf\xe9 au lait is served until noon every day.</p>", {});
  ASSERT_TRUE(guessed.ok());
  EXPECT_EQ(guessed->charset, "windows-1252");
  EXPECT_EQ(guessed->text, "Caf\u00e9 au lait is served until noon every day.");
  // UTF-16 with a byte-order mark.
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("<p>Sixteen bits per letter, here in little-endian order.</p>")) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  Result<Page> wide = ReadPage(utf16, {});
  ASSERT_TRUE(wide.ok()) << wide.status().message();
  EXPECT_EQ(wide->text, "Sixteen bits per letter, here in little-endian order.");
  // An unknown label: a warning, read as windows-1252.
  Result<Page> unknown =
      ReadPage("<meta charset=\"x-klingon\"><p>Read anyway, the letters are plain.</p>", {});
  ASSERT_TRUE(unknown.ok());
  ASSERT_EQ(unknown->warnings.size(), 1u);
  EXPECT_EQ(unknown->warnings[0], "unknown charset \"x-klingon\"; read as windows-1252");
  // Shift_JIS, as ICU converts it: "日本" is 93 FA 96 7B.
  Result<Page> sjis = ReadPage(
      "<meta charset=\"shift_jis\"><p>\x93\xfa\x96\x7b is written in two characters.</p>", {});
  ASSERT_TRUE(sjis.ok());
  EXPECT_EQ(sjis->text, "\u65e5\u672c is written in two characters.");
}

TEST(ReadPage, DeepNestingAndBrokenMarkupDoNotCrash) {
  auto nested = [](int levels) {
    std::string deep;
    for (int i = 0; i < levels; ++i) deep += i % 2 ? "<section>" : "<div class=x>";
    return deep + "<p>At the bottom of a very deep pile of boxes, a sentence waits.</p>";
  };
  Result<Page> page = ReadPage(nested(kMaxPageNesting), PageOptions());
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->text, "At the bottom of a very deep pile of boxes, a sentence waits.");
  Result<Page> deeper = ReadPage(nested(100000), PageOptions());
  ASSERT_FALSE(deeper.ok());
  EXPECT_EQ(deeper.status().message(),
            "markup nested about 100000 elements deep, over the limit of 4096");
  // Unclosed paragraphs and list items do not nest (the parser closes them).
  std::string flat;
  for (int i = 0; i < 20000; ++i) flat += "<li><p>item";
  EXPECT_TRUE(ReadPage("<ul>" + flat, PageOptions()).ok());
  // Unclosed and misnested tags are repaired as a browser would (HTML5 tree building).
  Result<Page> broken = ReadPage(
      "<body><div class=story><p>First paragraph of the story, <b>bold <i>and</b> "
      "italic</i> words.<p>Second paragraph, after an implied end tag.</div>",
      PageOptions());
  ASSERT_TRUE(broken.ok());
  EXPECT_EQ(broken->text,
            "First paragraph of the story, bold and italic words.\n\n"
            "Second paragraph, after an implied end tag.");
}

TEST(ReadPage, WholePageKeepsAllVisibleText) {
  PageOptions options;
  options.extract_article = false;
  Result<Page> page = ReadPage(ReadFile(PagePath("kettle-report.html")), options);
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->text.find("We use cookies"), std::string::npos);
  EXPECT_NE(page->text.find("Swans return"), std::string::npos);
  EXPECT_NE(page->text.find("kettles could leave the line"), std::string::npos);
  EXPECT_EQ(page->text.find("display:none"), std::string::npos);  // no style text
}

TEST(ParsePageDate, FormatsPagesUse) {
  const std::pair<const char*, std::optional<Date>> cases[] = {
      {"2019-11-19", Date{2019, 11, 19}},
      {"2019-11-19T23:30:00-05:00", Date{2019, 11, 19}},
      {"  2019/11/19", Date{2019, 11, 19}},
      {"20191119", Date{2019, 11, 19}},
      {"20191119T101500Z", Date{2019, 11, 19}},
      {"Tue, 19 Nov 2019 12:00:00 GMT", Date{2019, 11, 19}},
      {"November 19, 2019", Date{2019, 11, 19}},
      {"Nov. 19, 2019 at 5:00 p.m. ET", Date{2019, 11, 19}},
      {"19th September 2021", Date{2021, 9, 19}},
      {"Sept 3 2020", Date{2020, 9, 3}},
      {"2019-02-30", std::nullopt},
      {"November 2019", std::nullopt},
      {"yesterday", std::nullopt},
      {"1574168580", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(ParsePageDate(text), expected) << text;
}

TEST(OutletFromUrl, HostLessCommonPrefixes) {
  EXPECT_EQ(OutletFromUrl("https://www.example.co.uk/news/a?b=c"), "example.co.uk");
  EXPECT_EQ(OutletFromUrl("http://m.example.com:8080/x"), "example.com");
  EXPECT_EQ(OutletFromUrl("https://user@news.example.org"), "news.example.org");
  EXPECT_EQ(OutletFromUrl("https://www.com/"), "www.com");
  EXPECT_EQ(OutletFromUrl("/relative/path"), "");
  EXPECT_EQ(OutletFromUrl("https://localhost/"), "");
}

TEST(PagePaths, IdsLoseEveryExtension) {
  EXPECT_TRUE(IsPagePath("a/b.html"));
  EXPECT_TRUE(IsPagePath("b.HTM"));
  EXPECT_TRUE(IsPagePath("b.html.gz"));
  EXPECT_FALSE(IsPagePath("b.txt.gz"));
  EXPECT_FALSE(IsPagePath("b.json"));
  EXPECT_EQ(PageId("dir/0a1b.html.gz"), "0a1b");
  EXPECT_EQ(PageId("story.v2.htm"), "story.v2");
}

TEST(IngestPages, FolderOfPagesWithManifest) {
  const std::string dir = ScratchDir("pages_folder");
  for (const char* name :
       {"kettle-report.html", "harbour-notice.htm", "bare-blog.html", "manifest.csv"}) {
    WriteFile(dir + "/" + name, ReadFile(PagePath(name)));
  }
  WriteFile(dir + "/zipped.html.gz", Gzip(ReadFile(PagePath("kettle-report.html"))));
  WriteFile(dir + "/empty.html", "<html><body><nav><a href=/>Home</a></nav></body></html>");
  WriteFile(dir + "/picture.html", std::string("GIF89a\0\0", 8));
  Result<Corpus> corpus = ReadInputs({dir}, IngestOptions());
  ASSERT_TRUE(corpus.ok()) << corpus.status().message();
  std::vector<std::string> ids;
  for (const Document& d : corpus->documents) ids.push_back(d.id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{"bare-blog", "harbour-notice", "kettle-report", "zipped"}));
  ASSERT_EQ(corpus->records.size(), 6u);
  EXPECT_EQ(corpus->records[1].reason, dir + "/empty.html: no article text found in the page");
  EXPECT_EQ(corpus->records[4].reason,
            dir + "/picture.html: not HTML (binary data: NUL bytes in the first 4096)");
  const Document& blog = corpus->documents[0];
  EXPECT_EQ(blog.text,
            "The first potatoes went in on Saturday, two weeks later than last year, because the "
            "ground was still too wet after the storms in March.\n\n"
            "This year I am trying a new variety from the seed swap, and the neighbours have "
            "promised to share their compost, which should help the clay soil.\n"
            "More next week, weather permitting.");
  // The manifest's url and author are explicit: they win, and the outlet is their domain.
  EXPECT_EQ(blog.url, "https://www.allotment-notes.example/2024/04/potatoes");
  EXPECT_EQ(blog.metadata_source.url, "input");
  EXPECT_EQ(blog.author, "Sam Gardener");
  EXPECT_EQ(blog.metadata_source.author, "input");
  EXPECT_EQ(blog.outlet, "allotment-notes.example");
  EXPECT_EQ(blog.metadata_source.outlet, "url:domain");
  EXPECT_EQ(blog.title, "Notes from the allotment");
  EXPECT_FALSE(blog.published);
  EXPECT_EQ(corpus->documents[3].text, kKettleBody);
}

TEST(IngestPages, JsonLinesHtmlFieldWithExplicitFieldsWinning) {
  const std::string html = ReadFile(PagePath("kettle-report.html"));
  std::string escaped;
  for (char c : html) {
    if (c == '"' || c == '\\') escaped.push_back('\\');
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped.push_back(c);
  }
  const std::string lines =
      "{\"id\":\"k1\",\"outlet\":\"Gazette Wire\",\"source\":\"PA News\","
      "\"html\":\"" +
      escaped + "\"}\n" + "{\"id\":\"k2\",\"html\":\"<p>\"}\n" + "{\"id\":\"k3\"}\n";
  for (JsonParser parser : {JsonParser::kFast, JsonParser::kReference}) {
    Corpus corpus;
    IngestOptions options;
    options.json_parser = parser;
    ParseJsonLines(lines, "feed.jsonl", options, &corpus);
    ASSERT_EQ(corpus.documents.size(), 1u);
    const Document& d = corpus.documents[0];
    EXPECT_EQ(d.text, kKettleBody);
    EXPECT_EQ(d.outlet, "Gazette Wire");
    EXPECT_EQ(d.metadata_source.outlet, "input");
    EXPECT_EQ(d.source, "PA News");
    EXPECT_EQ(d.metadata_source.source, "input");
    EXPECT_EQ(d.author, "Ada Lovelace, Charles Babbage");
    EXPECT_EQ(d.metadata_source.author, "json-ld:author");
    EXPECT_EQ(d.published, (Date{2024, 3, 1}));
    ASSERT_EQ(corpus.records.size(), 3u);
    EXPECT_EQ(corpus.records[1].reason, "feed.jsonl:2: no article text found in the page");
    EXPECT_EQ(corpus.records[2].reason, "feed.jsonl:3: field \"text\" is missing");
  }
}

}  // namespace
}  // namespace crossclaim
