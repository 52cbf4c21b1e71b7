// The English stop-word list used by the TF-IDF stage: common function words (articles,
// pronouns, auxiliaries, prepositions, conjunctions, a few adverbs) that carry no content
// for deciding whether two claims state the same fact. Written for crossclaim; the words
// are lower case, in the normalised form core/text.h produces (ASCII apostrophes).
//
// Example:
//   IsEnglishStopWord("the");   // true
//   IsEnglishStopWord("putin"); // false
//
// Deliberately NOT in the list: negations and modal verbs ("not", "no", "never", "may",
// "will", "could"), because the divergence stage compares them, and numbers, dates and
// month names, which are facts.
#ifndef CROSSCLAIM_SIMILARITY_STOPWORDS_H_
#define CROSSCLAIM_SIMILARITY_STOPWORDS_H_

#include <span>
#include <string_view>

namespace crossclaim {

// The list, sorted in byte order, without duplicates. Static storage; thread-safe.
std::span<const std::string_view> EnglishStopWords();

// True if `word` (already normalised: lower case) is in EnglishStopWords().
// O(log n) binary search; thread-safe.
bool IsEnglishStopWord(std::string_view word);

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_STOPWORDS_H_
