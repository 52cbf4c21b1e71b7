// Same-fact scores of claim pairs: whether two sentences of different outlets state one fact,
// not merely share words. The score is the learned pair score of `crossclaim pairs`
// (similarity/pair_model.h: overlap of words, character n-grams, WordNet synonyms, numbers,
// lengths), computed with the TF-IDF of the event's own claims. Pairs on one topic that state
// different facts ("the lawsuit covers all employees" / "the company's lawyer objected to the
// class action") score low although their cosine is moderate. A pair whose shared words all
// point elsewhere ("that argument", cluster/referents.h SharedWordsPointElsewhere) scores 0.
//
// Example:
//   std::vector<float> s = SameFactScores(claims, {{0, 7}, {3, 9}}, "/usr/share/wordnet", 0);
//
// WordNet is read once per process and folder (a missing or unreadable database falls back to
// equal words, as in `crossclaim pairs`). Deterministic for any thread count.
#ifndef CROSSCLAIM_CLUSTER_FACT_SCORES_H_
#define CROSSCLAIM_CLUSTER_FACT_SCORES_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/claims.h"

namespace crossclaim {

// One score in [0, 1] per pair (claim ids into `claims`), in `pairs` order. `wordnet_dir`:
// the WordNet database folder, or empty / "none" for equal words only. Precondition: each
// claim's `tokens` are NormalizedTokens of its `text`, as claim extraction gives them (they are
// not tokenised again). Cost: fitting word and character TF-IDF over all claims (O(total
// tokens), the character n-grams of each distinct token made once), then O(|a| + |b|) per pair.
std::vector<float> SameFactScores(const std::vector<Claim>& claims,
                                  const std::vector<std::pair<int32_t, int32_t>>& pairs,
                                  const std::string& wordnet_dir, int threads);

}  // namespace crossclaim

#endif  // CROSSCLAIM_CLUSTER_FACT_SCORES_H_
