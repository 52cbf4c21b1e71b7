// Near-duplicate detection: which documents (or passages of them) copy each other, who
// published first, and which documents form one copy group. Every reported pair is
// verified with the exact Jaccard similarity of its shingle sets, so every pair is at or
// above the threshold; MinHash + LSH only choose which pairs to verify.
//
// Example:
//   DedupOptions options;
//   options.threshold = 0.8;
//   options.level = DedupLevel::kPassage;
//   Result<DedupResult> copies = FindCopies(corpus.documents, options);
//   for (const CopyPair& p : copies->pairs) ...  // documents[p.b] copied from documents[p.a]
//
// Pipeline: units (whole documents, or windows of 1..max_window_sentences consecutive
// sentences from core SplitSentences()) -> word (or character) shingles -> MinHash
// signature -> LSH band keys (only the keys are kept: 4 bytes per band per unit) ->
// candidate pairs of units from different documents -> exact Jaccard on the shingle sets,
// recomputed only for units that appear in a candidate -> pairs >= threshold.
// At passage level one copied paragraph matches as several overlapping windows; for each
// pair of documents the verified match with the most shared shingles is kept (then the higher
// Jaccard, then the narrower), and matches overlapping a kept one in both documents are
// dropped, until none is left.
//
// Direction: in a pair, `a` is the source and `b` the copy: `a` is the earlier published
// document, documents without a date count as later than any dated one, and input order
// breaks ties. A group is a connected component of the pair graph (union-find); its origin
// is its earliest member by the same rule.
//
// Output order is deterministic and independent of the thread count: pairs sorted by
// (a, b, span_a.begin, span_b.begin), groups by their first member.
//
// Thread safety: FindCopies may be called concurrently; it runs its own TBB work.
#ifndef CROSSCLAIM_SIMILARITY_DEDUP_H_
#define CROSSCLAIM_SIMILARITY_DEDUP_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "core/text.h"
#include "similarity/lsh.h"
#include "similarity/minhash.h"
#include "similarity/shingle.h"

namespace crossclaim {

enum class DedupLevel {
  kDocument,  // whole texts
  kPassage,   // sentence windows
};

struct DedupOptions {
  double threshold = 0.8;  // exact Jaccard threshold, in (0, 1]
  DedupLevel level = DedupLevel::kDocument;
  ShingleOptions shingles;  // word 5-grams by default
  MinHashOptions minhash;   // K = 128, classic, by default
  // LSH weights; the banding is chosen from `threshold` and minhash.num_hashes.
  double false_positive_weight = 0.02;
  double false_negative_weight = 0.98;
  size_t max_window_sentences = 3;  // passage level: windows of 1..this many sentences
  // Passage level: windows with fewer tokens are not compared ("He said so." is not a copy).
  size_t min_passage_tokens = 8;
  size_t threads = 0;          // 0: all cores
  bool show_progress = false;  // core Progress bars on stderr (drawn only on a terminal)

  bool operator==(const DedupOptions&) const = default;
};

// Document `b` copied text from document `a` (indices into the input vector).
struct CopyPair {
  uint32_t a = 0;
  uint32_t b = 0;
  double jaccard = 0;   // exact, >= threshold
  double estimate = 0;  // MinHash estimate from the signatures
  uint32_t shared = 0;  // shingles in common
  Span span_a;          // bytes of documents[a].text (the whole text at document level)
  Span span_b;          // bytes of documents[b].text

  bool operator==(const CopyPair&) const = default;
};

struct CopyGroup {
  std::vector<uint32_t> members;  // ascending document indices, at least two
  uint32_t origin = 0;            // earliest published member

  bool operator==(const CopyGroup&) const = default;
};

struct DedupStats {
  size_t units = 0;            // documents or passage windows with at least one shingle
  size_t empty_units = 0;      // without shingles (empty or no tokens): never compared
  size_t candidate_pairs = 0;  // LSH candidates between different documents
  size_t verified_pairs = 0;   // candidates at or above the threshold (before selection)
  Banding banding;

  bool operator==(const DedupStats&) const = default;
};

struct DedupResult {
  std::vector<CopyPair> pairs;
  std::vector<CopyGroup> groups;
  DedupStats stats;

  bool operator==(const DedupResult&) const = default;
};

// Validates the options without running anything. Errors: InvalidArgument naming the
// field (threshold outside (0, 1], max_window_sentences 0, and the errors of
// Shingler::Create, MinHasher::Create and ChooseBanding).
Status ValidateDedupOptions(const DedupOptions& options);

// Finds the copies among `documents`. Errors: as ValidateDedupOptions; more than 2^32 - 1
// units. Complexity: O(total bytes * K) for classic signatures plus O(candidates * set size)
// for verification. Memory: the shingle sets of units in candidate pairs, 4 bytes per band
// per unit, and the candidate pairs.
Result<DedupResult> FindCopies(const std::vector<Document>& documents, const DedupOptions& options);

// A corpus that can be read more than once: each call hands every document to `visit`, in
// batches, in the same order with the same ids, and returns the first error of `visit` or
// of the reading.
using DocumentBatchVisitor = std::function<Status(std::span<const Document> batch)>;
using DocumentPasses = std::function<Status(const DocumentBatchVisitor& visit)>;

// FindCopies over a corpus too large to hold: reads it twice, first for the band keys, then
// for the shingle sets of the units in candidate pairs, so memory holds one batch of text,
// not the corpus. The result is the same as FindCopies over all documents in read order.
// *documents receives those documents without their text (ids, outlets, dates: what the
// output needs; the result's indices point into it), except at passage level the documents
// in a pair keep their text for excerpts. Errors: as FindCopies, those of `read`, and
// DataLoss when the second read does not give the documents of the first.
// Memory: per document its header and 4 bytes per band per unit, plus FindCopies'
// verification memory.
// `fetch`, when given, hands the documents at the given indices (ascending, in read order)
// to `visit`, in order, in batches: the second read then asks it for the documents of
// candidate pairs alone instead of calling `read` again (a reader that can seek, as the
// CLI does in JSON Lines files). Same result.
using DocumentFetcher =
    std::function<Status(std::span<const uint32_t> indices, const DocumentBatchVisitor& visit)>;
Result<DedupResult> FindCopiesStreamed(const DocumentPasses& read, const DedupOptions& options,
                                       std::vector<Document>* documents,
                                       const DocumentFetcher& fetch = nullptr);

// The copy groups of `pairs` (indices into `documents`): connected components of at least
// two documents, ascending members, origin by PublishedBefore, sorted by first member.
std::vector<CopyGroup> GroupCopies(const std::vector<Document>& documents,
                                   const std::vector<CopyPair>& pairs);

// True if document i counts as published before document j (the origin rule above): dated
// before undated, earlier date first, then the lower index.
bool PublishedBefore(const std::vector<Document>& documents, uint32_t i, uint32_t j);

// A key ordering publication dates as PublishedBefore does: document i counts as published
// before j when (PublicationKey(i's date), i) < (PublicationKey(j's date), j). Lets a
// process that holds only the dates (not the documents) apply the same rule.
int64_t PublicationKey(const std::optional<Date>& published);

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_DEDUP_H_
