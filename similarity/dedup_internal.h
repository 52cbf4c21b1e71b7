// The steps of FindCopies (similarity/dedup.h), exposed for the distributed run in mpi/,
// which runs the same steps on shards of the corpus and must give byte-identical results.
// Not a stable interface: use FindCopies unless you are splitting its work.
//
// The steps, in FindCopies order:
//   UnitsOf + UnitShingleHashes   the units of a document and their shingle hashes
//   VerifyPair                    exact Jaccard of one candidate pair of units
//   SortCopyPairs / SelectPassages the deterministic order and the passage-level selection
//   CopyGroups                    connected components of any set of document edges
#ifndef CROSSCLAIM_SIMILARITY_DEDUP_INTERNAL_H_
#define CROSSCLAIM_SIMILARITY_DEDUP_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/text.h"
#include "similarity/dedup.h"
#include "similarity/shingle.h"

namespace crossclaim::dedup_internal {

// A document or a sentence window of one.
struct Unit {
  uint32_t doc = 0;
  Span span;                 // bytes of the document text
  uint32_t token_begin = 0;  // token range (word shingles)
  uint32_t token_end = 0;
};

// The units of documents[index] at options.level, in text order; tokenises the document into
// *tokens (which UnitShingleHashes then reads). Units may still have no shingle.
std::vector<Unit> UnitsOf(const Document& doc, uint32_t index, const DedupOptions& options,
                          TokenizedText* tokens);

// Replaces *hashes with the shingle hashes of `unit` (unsorted, possibly repeated).
// `tokens`: the tokenisation UnitsOf made of `text`; `token_hashes` is scratch space.
void UnitShingleHashes(const Shingler& shingler, std::string_view text, const TokenizedText& tokens,
                       const Unit& unit, std::vector<uint64_t>* token_hashes,
                       std::vector<uint64_t>* hashes);

// Exact Jaccard of two non-empty shingle sets; *shared = |set_x ∩ set_y|. VerifyPair's test.
double SetJaccard(std::span<const uint64_t> set_x, std::span<const uint64_t> set_y, size_t* shared);

// The copy pair of units x and y (of different documents) when the exact Jaccard of their
// shingle sets is >= threshold, directed by PublishedBefore; nullopt below it.
std::optional<CopyPair> VerifyPair(const std::vector<Document>& documents, const Unit& x,
                                   const Unit& y, std::span<const uint64_t> set_x,
                                   std::span<const uint64_t> set_y,
                                   std::span<const uint32_t> signature_x,
                                   std::span<const uint32_t> signature_y, double threshold);

// As above, directed by `x_first` (x's document counts as published before y's) for a caller
// that holds the publication dates but not the documents.
std::optional<CopyPair> VerifyPair(bool x_first, const Unit& x, const Unit& y,
                                   std::span<const uint64_t> set_x, std::span<const uint64_t> set_y,
                                   std::span<const uint32_t> signature_x,
                                   std::span<const uint32_t> signature_y, double threshold);

// Sorts by (a, b, span_a.begin, span_b.begin, span_a.end, span_b.end): FindCopies' order.
void SortCopyPairs(std::vector<CopyPair>* pairs);

// Passage level: per document pair, keeps the matches sharing the most shingles that do not
// overlap a kept one in both documents. Precondition: `pairs` sorted by SortCopyPairs.
// Returns them sorted the same way. Every match of one document pair must be in `pairs`.
std::vector<CopyPair> SelectPassages(std::vector<CopyPair> pairs);

// Copy groups: the connected components (of two or more documents) of the graph whose edges
// are `edges` (document index pairs, any order, repeats allowed), each with its origin by
// PublishedBefore, sorted by first member. O(edges * α + documents).
std::vector<CopyGroup> CopyGroups(const std::vector<Document>& documents,
                                  const std::vector<std::pair<uint32_t, uint32_t>>& edges);

// Union-find over document indices; the root of a set is its smallest member, so roots are
// the same whatever order the unions come in.
class UnionFind {
 public:
  explicit UnionFind(size_t n);
  uint32_t Find(uint32_t x);
  void Union(uint32_t a, uint32_t b);

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace crossclaim::dedup_internal

#endif  // CROSSCLAIM_SIMILARITY_DEDUP_INTERNAL_H_
