// The upstream source a document names in its own text: a line "Source: Institute for the
// Study of War (ISW)", or a byline naming an agency, "By Jane Smith, PA News". An aggregator
// that relays ISW's text says so in a line like the first; a newspaper printing an agency's
// story says so in its byline. The report shows the source beside the outlet.
//
// Example:
//   FindDocumentSource("Putin and Xi spoke.\n\nSource: Institute for the Study of War (ISW)\n")
//   // == "Institute for the Study of War (ISW)"
//   FindDocumentSource("By Jane Smith, PA News\nA man was ...")  // == "PA News"
//
// Rules (precision first: a body sentence is never taken for a source line):
//  * a line "Source: X" or "Sources: X" (any case of the label), X of 1-12 words, not ending
//    in a sentence's '.', '!' or '?' unless the last word is an abbreviation in capitals;
//  * a byline among the first 15 or last 5 lines, at most 80 bytes, a final '.' aside:
//    "By NAME, AGENCY" (or "By NAME | AGENCY", "By NAME - AGENCY"), "By NAME, TITLE, AGENCY"
//    ("By Jo Butler, Home Affairs Correspondent, PA News") or "By AGENCY Reporters" (or
//    Reporter, Staff, Correspondents: "By PA News Reporters"); NAME of 1-7 words (two people
//    joined by "and"), TITLE of 1-4, AGENCY of 1-6, each word capitalised or "and", "of",
//    "the", "for", the first and last capitalised; a place after the agency is dropped ("PA
//    News, in Zeist, Netherlands", "PA News in Brussels"); an AGENCY that is a title ("Staff
//    Writer", ending in Writer, Reporter, Correspondent, Editor or Columnist) is none.
// The first matching line wins (Source: lines before bylines).
#ifndef CROSSCLAIM_CORE_DOCUMENT_SOURCE_H_
#define CROSSCLAIM_CORE_DOCUMENT_SOURCE_H_

#include <string>
#include <string_view>

namespace crossclaim {

// The source named by `text`, as written; empty when none. O(|text|). Thread-safe.
std::string FindDocumentSource(std::string_view text);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_DOCUMENT_SOURCE_H_
