#include "similarity/stopwords.h"

#include <algorithm>
#include <array>

namespace crossclaim {
namespace {

// Sorted in byte order (binary search relies on it; tests/similarity/tfidf_test.cc checks).
constexpr std::array<std::string_view, 222> kStopWords = {
    "a",          "about",     "above",     "across",       "after",       "again",
    "against",    "all",       "along",     "already",      "also",        "although",
    "am",         "among",     "amongst",   "an",           "and",         "any",
    "anyhow",     "anyone",    "anything",  "anyway",       "are",         "around",
    "as",         "at",        "be",        "became",       "because",     "become",
    "becomes",    "been",      "before",    "being",        "below",       "besides",
    "between",    "beyond",    "both",      "but",          "by",          "did",
    "do",         "does",      "doing",     "down",         "during",      "each",
    "either",     "else",      "etc",       "even",         "ever",        "everyone",
    "everything", "few",       "for",       "from",         "further",     "had",
    "has",        "have",      "having",    "he",           "he'd",        "he'll",
    "he's",       "hence",     "her",       "here",         "here's",      "herein",
    "hers",       "herself",   "him",       "himself",      "his",         "how",
    "how's",      "however",   "i",         "i'd",          "i'll",        "i'm",
    "i've",       "if",        "in",        "into",         "is",          "it",
    "it's",       "its",       "itself",    "just",         "let's",       "like",
    "many",       "me",        "meanwhile", "more",         "moreover",    "most",
    "much",       "my",        "myself",    "nevertheless", "nonetheless", "of",
    "off",        "on",        "once",      "only",         "onto",        "or",
    "other",      "others",    "otherwise", "ought",        "our",         "ours",
    "ourselves",  "out",       "over",      "own",          "per",         "perhaps",
    "quite",      "rather",    "same",      "she",          "she'd",       "she'll",
    "she's",      "since",     "so",        "some",         "somehow",     "someone",
    "something",  "sometimes", "somewhere", "such",         "than",        "that",
    "that's",     "the",       "their",     "theirs",       "them",        "themselves",
    "then",       "there",     "there's",   "thereafter",   "thereby",     "therefore",
    "thereupon",  "these",     "they",      "they'd",       "they'll",     "they're",
    "they've",    "this",      "those",     "though",       "through",     "thus",
    "to",         "too",       "toward",    "towards",      "under",       "until",
    "up",         "upon",      "us",        "very",         "via",         "was",
    "we",         "we'd",      "we'll",     "we're",        "we've",       "were",
    "what",       "what's",    "whatever",  "when",         "when's",      "whenever",
    "where",      "where's",   "whereas",   "whereby",      "wherein",     "whereupon",
    "wherever",   "whether",   "which",     "while",        "who",         "who's",
    "whoever",    "whom",      "whose",     "why",          "why's",       "with",
    "within",     "without",   "yet",       "you",          "you'd",       "you'll",
    "you're",     "you've",    "your",      "yours",        "yourself",    "yourselves",
};

}  // namespace

std::span<const std::string_view> EnglishStopWords() { return kStopWords; }

bool IsEnglishStopWord(std::string_view word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

}  // namespace crossclaim
