// Text reuse as it happens in journalism: which text took words from which, how much of it,
// and where. Unlike dedup (similarity/dedup.h, symmetric near-duplicates), reuse is
// asymmetric and graded: a newspaper story that keeps three paragraphs of a wire story,
// cuts the rest, reorders two sentences, changes "the BBC's" to "the corporation's", types
// "3O years" and adds its own reporting is still a (partial) copy of it.
//
// Example:
//   ReuseOptions options;                       // calibrated defaults (docs/quality.md)
//   Result<ReuseResult> reuse = FindReuse(corpus.documents, options);
//   for (const ReusePair& p : reuse->pairs)     // documents[p.derived] took text from
//     ...                                       // documents[p.source]: p.containment, p.passages
//
// Pipeline:
//  1. NormalizeWireText(): wire-format variants unified (``..'' and curly quotes, `_` and
//     dashes, hard-wrapped lines, `<` line ends and U+0019 paragraph marks, `#` for a pound
//     sign, letter/digit confusions in numbers such as "3O" or "l0"), with a map from every
//     normalised byte back to the original bytes. Words are core Tokenize() tokens of the
//     normalised text (NFKC + case fold), hashed with HashToken().
//  2. Candidates: an inverted index of winnowed word n-grams (n = candidate_words, one
//     fingerprint per window of `winnow_window` n-grams: every shared run of at least
//     candidate_words + winnow_window - 1 words yields a shared fingerprint). Fingerprints
//     in more than max_document_frequency documents are dropped (stock phrases); two
//     documents sharing at least min_shared_fingerprints, and at least min_shared_share of
//     the fingerprints of the one with fewer, are a candidate pair. The share adapts the
//     filter to the corpus: texts built from the same stock phrases (template sentences,
//     boilerplate) share a few rare fingerprints by chance wherever they are long, and
//     alignment then finds short scattered passages that add up to a containment, while a
//     copied passage shares a run of fingerprints in proportion to its length.
//  3. Alignment (seed and extend): exact seed_words-grams shared by the two texts are
//     chained into regions (gaps of at most max_gap_words, diagonal drift of at most
//     band_words), and each region is aligned by banded Smith-Waterman over words (match +1,
//     substitution -1, insertion/deletion -1), so substitutions, insertions and deletions
//     are tolerated; each region gives its own passage, so reordered sentences are separate
//     passages. Of a passage overlapping a better one in either text only its parts outside
//     the better ones stay, each with at least long_passage_matches matched words.
//     A pair needs min_rare_matches matched narrative words that are not stock words (in
//     more than stock_word_share of the documents) or lie in a passage of at least
//     long_passage_matches matches: short stock phrases are no evidence. A pair of texts of
//     different publication days needs min_cross_day_matches matched narrative words, and
//     agency wire copy published after an outlet's text is never derived from it (both took
//     from earlier wire copy).
//  4. Quotations (core/quotes.h): the part of a passage that lies inside quotation marks in
//     both texts is a `kQuotation` passage. A pair whose only evidence is quotations is not a
//     reuse pair (two outlets quoting one speaker): its containment is 0.
//  5. Direction: dated when both texts have different publication days (the earlier is the
//     source); otherwise wire when exactly one of the two is in agency wire format (paragraphs
//     ending in `<`, see NormalizeWireText): outlets rewrite agency copy, not the other way
//     round, and an agency story is often shorter than the paper's text that combines it with
//     other takes, so containment alone would point the wrong way; otherwise by containment
//     when one text's share in passages exceeds the other's by at least direction_margin (the
//     fuller text, containing the other, is the source); otherwise unknown (input order).
//  6. Nearest source: wire services repeat their own background paragraphs day after day and
//     several outlets take one wire story, so a text shares passages with its source's own
//     sources and with its siblings. For each derived text its linked sources (graded wholly
//     or partially) are ranked nearest first: agency wire copy (outlets take wire copy, not
//     a sibling outlet's rewrite of it), then the latest published, then the higher
//     containment. A source whose passages in the derived text lie, for at
//     least explained_share of their bytes, inside passages of better-ranked kept sources is
//     explained by them (`explained_by`), graded non and dropped from the links: the paper
//     took the background from today's wire story, not from last month's.
//
// Output is deterministic and independent of the thread count: pairs sorted by (source,
// derived), passages by derived offset.
//
// Thread safety: all functions may be called concurrently; FindReuse runs its own TBB work.
#ifndef CROSSCLAIM_SIMILARITY_REUSE_H_
#define CROSSCLAIM_SIMILARITY_REUSE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "core/text.h"

namespace crossclaim {

// Thresholds fitted on the earlier days of METER courts (bench/reuse_eval.sh,
// docs/quality.md "Text reuse").
inline constexpr double kReuseWhollyThreshold = 0.50;
inline constexpr double kReusePartiallyThreshold = 0.13;
// Below this many documents no word is a stock word (ReuseOptions::stock_word_share): in a
// small corpus a shared word says nothing about how common it is.
inline constexpr size_t kReuseMinStockDocuments = 10;

struct ReuseOptions {
  // Pairs whose containment is below this are not reported; 0 reports every candidate pair
  // that was aligned (also those with no passage or only quotations, graded "non").
  double min_containment = kReusePartiallyThreshold;
  double wholly_threshold = kReuseWhollyThreshold;        // grade wholly at or above
  double partially_threshold = kReusePartiallyThreshold;  // grade partially at or above
  size_t candidate_words = 3;                             // n of the indexed word n-grams
  size_t winnow_window = 3;                               // n-grams per winnowing window
  size_t max_document_frequency = 64;  // fingerprints in more documents are stock phrases
  size_t min_shared_fingerprints = 1;  // for a candidate pair
  // ... and at least this share of the fingerprints of the pair's text with fewer of them
  // (0: no share needed). Fitted on generated corpora (planted copies among template
  // phrases) and checked on METER courts (docs/quality.md "Text reuse").
  double min_shared_share = 0.045;
  size_t seed_words = 3;           // exact word n-gram that seeds an alignment
  size_t max_gap_words = 12;       // seeds further apart start a new region
  size_t band_words = 8;           // diagonal drift allowed inside a region
  size_t min_passage_matches = 4;  // matched words a passage needs
  double direction_margin = 0.05;  // containment difference deciding the direction
  // Stock words: a word in more than this share of the corpus's documents (and in more than
  // kReuseMinStockDocuments of them) is a stock word ("remanded", "custody", "adjourned" in
  // court reporting). A pair needs at least min_rare_matches matched narrative words that
  // are not stock words, so a shared stock phrase ("was remanded in custody", "the judge, Mr
  // Justice") links no two stories however short one is. Fitted on the tuning dates of
  // METER courts (docs/quality.md "Text reuse"); min_rare_matches 0 turns the rule off.
  // A passage of at least long_passage_matches matched words is evidence whatever its words
  // (stock phrases are short; generated text is all common words).
  double stock_word_share = 0.07;
  size_t min_rare_matches = 2;
  size_t long_passage_matches = 10;
  // A pair of texts published on different days (direction kDated) needs at least this many
  // matched narrative words: a continuing story repeats the phrases of its case day after day
  // ("indecent assaults on boys", "was remanded in custody until"), so a short text of one
  // day shares a phrase or two with every earlier take without taking from it. Fitted on the
  // tuning dates of METER courts (docs/quality.md "Text reuse"); 0 turns the rule off.
  size_t min_cross_day_matches = 10;
  double explained_share = 0.8;  // step 6; 1 keeps only sources fully inside nearer ones
  // Whether words of quotation passages count in the containment (of a pair that has other
  // evidence); false: only verbatim and rewrite passages count.
  bool count_quotations = true;
  size_t threads = 0;          // 0: all cores
  bool show_progress = false;  // core Progress bars on stderr

  bool operator==(const ReuseOptions&) const = default;
};

enum class ReuseGrade { kWholly, kPartially, kNon };
enum class ReuseDirection { kDated, kContainment, kUnknown, kWire };
enum class PassageKind { kVerbatim, kRewrite, kQuotation };

// "wholly" | "partially" | "non"; "dated" | "containment" | "unknown" | "wire";
// "verbatim" | "rewrite" | "quotation".
std::string_view GradeName(ReuseGrade grade);
std::string_view DirectionName(ReuseDirection direction);
std::string_view PassageKindName(PassageKind kind);

// One aligned passage: bytes of the source's and of the derived document's original text.
struct ReusePassage {
  Span source;
  Span derived;
  uint32_t words = 0;  // derived words in the passage (matched, substituted or inserted)
  PassageKind kind = PassageKind::kVerbatim;  // verbatim: every word equal after normalisation

  bool operator==(const ReusePassage&) const = default;
};

// documents[derived] took text from documents[source].
struct ReusePair {
  uint32_t source = 0;
  uint32_t derived = 0;
  double containment = 0;         // share of the derived text's words inside passages
  double source_containment = 0;  // the same share of the source text's words
  ReuseGrade grade = ReuseGrade::kNon;
  ReuseDirection direction = ReuseDirection::kUnknown;
  std::vector<ReusePassage> passages;  // by derived offset, non-overlapping in the derived text
  // Set when a nearer source of the derived text explains this pair (step 6 above): the
  // derived text's words shared with this source lie in passages it shares with that one.
  // Such a pair is graded non and is reported only with min_containment 0.
  std::optional<uint32_t> explained_by;

  bool operator==(const ReusePair&) const = default;
};

struct ReuseStats {
  size_t documents = 0;
  size_t empty_documents = 0;  // without words: never compared
  size_t fingerprints = 0;     // winnowed n-grams indexed (per document, distinct)
  size_t candidate_pairs = 0;  // aligned
  size_t reported_pairs = 0;

  bool operator==(const ReuseStats&) const = default;
};

struct ReuseResult {
  std::vector<ReusePair> pairs;
  ReuseStats stats;

  bool operator==(const ReuseResult&) const = default;
};

// A text with wire-format variants normalised, and for every byte of `text` the original
// byte range it came from: normalised bytes [b, e) came from original bytes
// [orig_begin[b], orig_end[e - 1]). Inserted bytes (a line join's space) map to the bytes they
// replace.
struct WireText {
  std::string text;
  std::vector<uint32_t> orig_begin;
  std::vector<uint32_t> orig_end;
  bool wire = false;  // some line ends in `<`: agency wire copy
};

// Normalises `original` (valid UTF-8) as step 1 above. Lines ending in `<` (the wire's
// paragraph end) make the text a wire text, whose other line breaks are hard wraps (joined
// with a space); in any text a single line break followed by a lower-case letter is a hard
// wrap too. With `with_map` false the offset vectors stay empty. O(|original|).
WireText NormalizeWireText(std::string_view original, bool with_map = true);

// Validates the options. Errors: InvalidArgument naming the field (thresholds or
// min_shared_share, stock_word_share or explained_share outside [0, 1], partially above wholly, a
// zero n-gram length, window, frequency or seed).
Status ValidateReuseOptions(const ReuseOptions& options);

// The reuse pairs among `documents` (indices into it). Errors: as ValidateReuseOptions; more
// than 2^32 - 1 documents or fingerprints. Cost: O(total bytes) to index, plus per candidate pair
// O(words * band) to align. Memory: 12 bytes per fingerprint while they are sorted (8 after),
// 12 per entry of a rare posting list, then the tokens of the documents in candidate pairs.
Result<ReuseResult> FindReuse(const std::vector<Document>& documents, const ReuseOptions& options);

// The pair of documents[a] and documents[b] aligned as FindReuse aligns a candidate pair,
// whatever its containment (no candidate step; stock words counted over all `documents`).
// Precondition: a != b, both valid indices.
ReusePair AlignReusePair(const std::vector<Document>& documents, uint32_t a, uint32_t b,
                         const ReuseOptions& options);

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_REUSE_H_
