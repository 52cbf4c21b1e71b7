// Boilerplate removal: finds the lines of an article that are page furniture rather than
// reporting (menus, newsletter prompts, bylines, photo credits, lines repeated within the
// page or across the outlets' pages), so that they never become claims.
//
// Example:
//   std::vector<BoilerplateReport> reports = FindBoilerplate(corpus.documents, {});
//   for (const RemovedLine& line : reports[0].removed) ...  // span + reason
//
// Lines are kept by default: a line is removed only by one of the rules below, and every
// removal is reported with its reason, so a reader can audit what was dropped.
#ifndef CROSSCLAIM_CORE_BOILERPLATE_H_
#define CROSSCLAIM_CORE_BOILERPLATE_H_

#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/text.h"

namespace crossclaim {

enum class BoilerplateReason {
  kRepeatedInDocument,  // short line seen more than once in this document
  kRepeatedAcrossDocuments,  // short line that other documents of the corpus also carry
  kChrome,    // navigation, subscription or sharing furniture ("Subscribe", "Arrow right")
  kByline,    // "by Jane Doe January 21, 2025 1:32 PM", "Author: Jane Doe"
  kCaption,   // photo caption or credit "(Name/Agency)"
  kHeading,   // a title or section heading: not a sentence, not a claim
};

std::string_view ReasonName(BoilerplateReason reason);

struct RemovedLine {
  Span span;  // into Document::text, without the line break
  BoilerplateReason reason;
};

struct BoilerplateOptions {
  // Lines with more word tokens than this are never removed as repeated or chrome: long
  // lines are reporting, and a long line shared by two outlets is a copy to detect.
  int max_furniture_tokens = 12;
};

struct BoilerplateReport {
  std::vector<RemovedLine> removed;  // in text order
  std::vector<Span> kept;            // the lines that remain, in text order

  // Removed lines except headings: what the report calls `boilerplate_removed`.
  size_t boilerplate_count() const;
};

// One report per document, same order. Cross-document repetition needs the whole corpus,
// which is why this takes all documents at once. Deterministic; O(total text size).
std::vector<BoilerplateReport> FindBoilerplate(const std::vector<Document>& documents,
                                               const BoilerplateOptions& options);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_BOILERPLATE_H_
