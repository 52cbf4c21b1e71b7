// Document: one news article as read from the input, and Date, the calendar day it was
// published. Every later stage refers back to a Document by its index in the Corpus and to
// its text by byte offsets into Document::text, which is kept exactly as read (after UTF-8
// repair and removal of a leading ` date YYYY-MM-DD` header).
#ifndef CROSSCLAIM_CORE_DOCUMENT_H_
#define CROSSCLAIM_CORE_DOCUMENT_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crossclaim {

// A calendar date. Only days are modelled: news publication times vary in precision and
// time zone, and the day is what provenance ("who published first") needs.
struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  auto operator<=>(const Date&) const = default;

  // "2025-01-21".
  std::string ToIso() const;

  // Parses "YYYY-MM-DD", optionally followed by a time ("2025-01-21T13:32:00Z" or
  // "2025-01-21 13:32"). Returns nullopt for anything else, including impossible days
  // such as 2025-02-30.
  static std::optional<Date> ParseIso(std::string_view text);
};

// Where each metadata field of a Document came from; empty for a field that is empty or
// unknown (an outlet of "unknown" has no source). Values:
//   "input"        a field of the JSON Lines / JSON record or of a manifest row
//   "date-header"  the leading ` date YYYY-MM-DD` line of a text file
//   "text"         source only: a "Source: X" line or an agency byline in the text
//                  (core/document_source.h)
//   from a page (core/page.h), in the order of trust the page reader uses:
//   "json-ld:publisher.name", "json-ld:datePublished", "json-ld:author", "json-ld:headline",
//   "json-ld:url"                     schema.org NewsArticle/Article JSON-LD
//   "meta:<name>"                     a <meta> tag: "meta:og:site_name",
//                                     "meta:article:published_time", "meta:og:title", ...
//   "link:canonical"                  <link rel="canonical" href>
//   "time:datetime"                   the first <time datetime> of the article
//   "title-tag", "h1"                 the <title> (less a " | Site" tail) or the first <h1>
//   "url:domain", "url:path"          the page URL's host (outlet) or a /YYYY/MM/DD/ path (date)
struct MetadataSource {
  std::string outlet;
  std::string url;
  std::string published;
  std::string title;
  std::string author;
  std::string source;

  bool operator==(const MetadataSource&) const = default;
};

struct Document {
  std::string id;      // unique within a corpus
  std::string outlet;  // publisher as named by the input, "unknown" when not given
  std::string url;
  std::optional<Date> published;  // never invented: absent when the input does not say
  std::string title;
  // upstream source named by the input or the text ("Institute for the Study of War (ISW)", "PA
  // News"); empty when none
  std::string source;
  std::string
      author;  // byline as named by the input or the page ("Jane Doe, John Roe"); may be empty
  std::string text;  // valid UTF-8
  // Where outlet, url, published, title, author and source came from (see MetadataSource).
  MetadataSource metadata_source;

  bool operator==(const Document&) const = default;
};

// Outlet value used when the input names none. Documents with an unknown outlet are
// distinct sources from each other (we cannot tell that they are the same publisher).
inline constexpr std::string_view kUnknownOutlet = "unknown";

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_DOCUMENT_H_
