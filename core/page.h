// Reading a saved web page (HTML, optionally gzip-compressed) as a Document: the article's
// body paragraphs as text, and its outlet, URL, publication date, headline and author from
// the page's own metadata.
//
// Example:
//   Result<Page> page = ReadPage(bytes_of_file, PageOptions());
//   if (page.ok()) { page->text;  page->outlet;  page->metadata_source.outlet; }
//
// Steps:
//  1. Bytes: a gzip stream (magic 1f 8b) is inflated with zlib, up to max_page_bytes.
//  2. Charset, in the HTML standard's order: a byte-order mark, else a <meta charset> or
//     <meta http-equiv="Content-Type" content="...; charset=X"> in the first 4096 bytes, else
//     UTF-8 when the bytes are valid UTF-8, else windows-1252. ICU converts to UTF-8; labels
//     ICU does not know are read as windows-1252 with a warning.
//  3. Markup: gumbo (Debian's libgumbo, an implementation of the WHATWG HTML5 parsing
//     algorithm, so broken markup gives the tree a browser builds), flattened into an array.
//  4. Body: page chrome is dropped (script, style, nav, aside, footer, form, figure and
//     captions, hidden elements, and elements whose class/id words name share bars,
//     related lists, newsletter, cookie or comment boxes); the article's container is the
//     element with the highest text score (readability-style: paragraph length and commas,
//     damped by link density, with class/id cues and <article>/<main>/itemprop=articleBody as
//     evidence); its paragraphs, headings, lists and quotes are kept with paragraph breaks
//     ("\n\n"), less short link-heavy or chrome-worded blocks. The headline goes to `title`,
//     not to the text.
//  5. Metadata, most trusted first: schema.org JSON-LD (NewsArticle, Article, ...:
//     publisher.name, datePublished, author, headline, url), then <meta> (og:site_name,
//     article:published_time, og:title, og:url, author, ...), <link rel=canonical>, the
//     first <time datetime>, the <title>, and last the URL's host as the outlet
//     ("www.example.com" -> "example.com"). Page::metadata_source names each field's origin
//     in Document::metadata_source's vocabulary.
//
// Thread safety: ReadPage is reentrant (no shared state). Cost: linear in the page's bytes
// (bench/extract_eval.sh measures pages/s and MB/s).
#ifndef CROSSCLAIM_CORE_PAGE_H_
#define CROSSCLAIM_CORE_PAGE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace crossclaim {

struct PageOptions {
  // Pages (after gzip inflation) larger than this are refused. 0: no limit.
  size_t max_page_bytes = 32u << 20;
  // False keeps the whole page's visible text (no article extraction): the baseline that
  // bench/extract_eval.sh compares against.
  bool extract_article = true;
  // The charset the bytes are in, whatever the page declares ("utf-8" for a page that came
  // in a JSON string); empty: step 2 above.
  std::string charset;
};

// What one page says. Strings are valid UTF-8 and empty when the page does not say.
struct Page {
  std::string text;  // body paragraphs separated by "\n\n"
  std::string title;
  std::string outlet;
  std::string url;
  std::optional<Date> published;
  std::string author;  // several authors joined with ", "
  MetadataSource metadata_source;
  std::string charset;                // the charset the bytes were read in ("utf-8", ...)
  std::vector<std::string> warnings;  // e.g. an unknown charset label
};

// Pages whose markup nests deeper than this (estimated from their tags) are refused: the
// HTML5 parser's scope checks make such a page cost O(depth^2). Real pages nest < 100 deep.
inline constexpr size_t kMaxPageNesting = 4096;

// Reads one page. Errors (the page is then a skip, the caller names the file):
// InvalidArgument over max_page_bytes or kMaxPageNesting, or for bytes that are not HTML
// (binary data, or no markup at all); DataLoss for a corrupt gzip stream.
// A page with markup but no body text is OK with an empty `text` (the caller decides).
Result<Page> ReadPage(std::string_view bytes, const PageOptions& options);

// True if `path` names a page: .html, .htm, .xhtml, optionally followed by .gz.
bool IsPagePath(std::string_view path);

// The id of a page file: the file name without its extensions ("a.html.gz" -> "a").
std::string PageId(std::string_view path);

// The outlet named by a URL's host: "https://www.example.co.uk/x" -> "example.co.uk";
// empty when `url` has no host.
std::string OutletFromUrl(std::string_view url);

// A publication date as pages write it: ISO 8601 ("2019-11-19", "2019-11-19T12:00:00Z",
// "20191119"), RFC 2822 ("Tue, 19 Nov 2019 12:00:00 GMT"), "November 19, 2019",
// "19 November 2019", "2019/11/19". The day as written (no time-zone shift). nullopt
// otherwise.
std::optional<Date> ParsePageDate(std::string_view text);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_PAGE_H_
