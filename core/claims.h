// Claims: the sentences of an article's body, each with its byte span into the document
// text and the features later stages compare: numbers with units, dates, names, negation
// and modality cues, and attribution ("according to X", "X said").
//
// Example:
//   std::vector<Claim> claims = ExtractClaims(doc, doc_index, boilerplate_report, {});
//   // claims[0].text == "Putin, in turn, noted a 7% increase in trade ..."
//   // claims[0].numbers[0].value == 7, .unit == "%"
//
// The extracted features are cues, not parses: they are found by patterns over tokens and
// are meant for comparing two claims about the same fact (is one "7%" and the other "5%").
#ifndef CROSSCLAIM_CORE_CLAIMS_H_
#define CROSSCLAIM_CORE_CLAIMS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/boilerplate.h"
#include "core/document.h"
#include "core/ingest.h"
#include "core/text.h"

namespace crossclaim {

// A number as written, with its scale and unit: "more than $220 billion" is
// {value 220e9, unit "$", qualifier "more than"}; "7%" is {7, "%"};
// "100-minute" is {100, "minute"}; "two" is {2, ""}.
struct NumberMention {
  Span span;         // into Document::text
  double value = 0;  // scale words applied (billion = 1e9)
  // "%", "$", "€", "£" (also a wire text's '#': "#250" in PA copy), or a unit word in
  // singular ("minute", "km")
  std::string unit;
  std::string qualifier;  // "more than", "nearly", "about", ... or empty
  bool operator==(const NumberMention&) const = default;
};

// A date or part of one: "21 January" {0, 1, 21}; "Jan. 21, 2025" {2025, 1, 21};
// "February 2022" {2022, 2, 0}; "Tuesday" {weekday 2}. Unknown parts are 0.
struct DateMention {
  Span span;
  int year = 0;
  int month = 0;
  int day = 0;
  int weekday = 0;  // 1 = Monday .. 7 = Sunday; 0 when not named
  bool operator==(const DateMention&) const = default;
};

// A cue word that negates or hedges: kind is "negation" or "modality".
struct Cue {
  Span span;
  std::string word;  // normalised
  std::string kind;
  bool operator==(const Cue&) const = default;
};

struct Claim {
  int id = 0;   // index in the corpus-wide claim list
  int doc = 0;  // index into Corpus::documents
  Span span;    // into Document::text
  // The original words: Document::text at span, except that the line breaks of a hard-wrapped
  // wire paragraph (core/wire.h) are spaces; the same length, so offsets into it still map.
  std::string text;
  std::vector<std::string> tokens;  // normalised word tokens
  std::vector<NumberMention> numbers;
  std::vector<DateMention> dates;
  std::vector<std::string> names;  // multi-word proper nouns as written ("Vladimir Putin")
  std::vector<Cue> cues;
  std::optional<std::string> attribution;  // "Yuriy Ushakov", "the Kremlin's press service"
  bool has_quote = false;                  // holds a quoted statement
  // Quoted material inside the claim (core/quotes.h), into Document::text. ExtractClaims finds
  // quotations over the whole paragraph, so a quote that runs over two sentences is quoted in
  // both.
  std::vector<Span> quotes;
  // The speaker of the claim's paragraph when its sentence names none: the attribution of the
  // nearest earlier sentence of the same paragraph, else of the next one; for a pronoun
  // speaker ("he said") the nearest earlier attribution within the two paragraphs before.
  // Set by ExtractClaims only (AnalyzeSentence sees one sentence).
  std::optional<std::string> context_attribution;
  bool pronoun_speaker = false;  // a speech verb next to "he"/"she" ("he said", "said she")
  // Not an assertion: a question (its text, or its last quotation, ends with '?'; rhetorical
  // questions included) or a sentence with an "if"/"unless" clause.
  bool question = false;
  bool conditional = false;

  bool operator==(const Claim&) const = default;
};

struct ClaimOptions {
  int min_tokens = 4;  // shorter sentences are fragments, not claims
};

// The claims of one document, in text order, with ids starting at `first_id`.
// `kept` are the lines that survived boilerplate removal.
std::vector<Claim> ExtractClaims(const Document& doc, int doc_index,
                                 const BoilerplateReport& boilerplate, int first_id,
                                 const ClaimOptions& options);

// Boilerplate removal and claim extraction over a whole corpus: claim ids run over the
// documents in corpus order.
struct ClaimSet {
  std::vector<BoilerplateReport> boilerplate;  // one per Corpus::documents entry
  std::vector<Claim> claims;                   // ordered by (doc, span.begin); id == index
};
ClaimSet ExtractCorpusClaims(const Corpus& corpus, const BoilerplateOptions& boilerplate,
                             const ClaimOptions& options);

// Feature extraction on one sentence, offsets relative to `sentence` (exposed for tests).
Claim AnalyzeSentence(std::string_view sentence);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CORE_CLAIMS_H_
