// WordNet 3.0 lookups for matching words that differ in form but not in meaning: inflections
// ("arrested" -> "arrest"), synonyms ("telephone" ~ "phone") and derivations ("decision" ~
// "decide"). Read at run time from the Princeton database files that Debian's `wordnet-base`
// package installs under /usr/share/wordnet (WordNet licence: use, copy, modify and
// distribute for any purpose, keeping Princeton's notice; nothing of it is copied here).
//
// Example:
//   Result<WordNet> wn = WordNet::Load("/usr/share/wordnet");
//   wn->BaseForms("children");                       // {"child"}
//   wn->Relate("telephone", "phone");                // WordRelation::kSynonym
//   wn->Relate("decision", "decided");               // WordRelation::kDerivation
//
// Files read (format: wndb(5WN)):
//   index.{noun,verb,adj,adv}  `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt
//                              tagsense_cnt synset_offset...`: lemma -> synsets
//   {noun,verb,adj,adv}.exc     `inflected base...`: irregular forms ("mice mouse")
//   data.{noun,verb,adj,adv}    `offset lex_filenum ss_type w_cnt word lex_id... p_cnt
//                              [symbol offset pos source/target]... | gloss`: only the
//                              derivation pointers ("+") are kept
// Lines starting with a space (the licence header) are skipped. A malformed line is a
// kDataLoss error naming `file:line` and the rule, never a crash (tests fuzz the parsers).
//
// Base forms follow WordNet's morphy: the exception lists, then the detachment rules of each
// part of speech ("-ies" -> "-y", "-ing" -> "", "-es" -> "-e", ...), keeping candidates that
// are WordNet lemmas. Words are looked up as given: pass normalised (lower-case) tokens;
// multi-word lemmas ("phone_call") are never produced by single tokens.
//
// Thread safety: all const methods may be called concurrently. A loaded database is immutable;
// each word's lookups are computed once and remembered (up to about a million words, behind a
// reader-writer lock), since a feed looks its words up again in every event.
// Memory: about 40 MB for the full database; loading takes about a second.
#ifndef CROSSCLAIM_SIMILARITY_WORDNET_H_
#define CROSSCLAIM_SIMILARITY_WORDNET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace crossclaim {

// Where Debian's wordnet-base puts the database.
inline constexpr std::string_view kDefaultWordNetDir = "/usr/share/wordnet";

// How two words are related, strongest first (Relate() returns the strongest that holds).
enum class WordRelation {
  kSame,        // equal strings
  kBaseForm,    // a common base form ("arrested", "arrests")
  kSynonym,     // base forms share a synset ("telephone", "phone")
  kDerivation,  // a synset of one is derivationally related to one of the other
  kNone,
};

// A synset: part of speech (0 noun, 1 verb, 2 adjective, 3 adverb) in the top 8 bits, the
// byte offset in its data file in the low 24 (data files are < 16 MiB).
using SynsetId = uint32_t;

// One parsed index line (exposed for tests).
struct WordNetIndexEntry {
  std::string lemma;
  std::vector<uint32_t> offsets;

  bool operator==(const WordNetIndexEntry&) const = default;
};

// Parses one line of an index.* file. Errors: kDataLoss with `where` and the rule (too few
// fields, a count that is not a number, counts that disagree with the fields present).
Result<WordNetIndexEntry> ParseWordNetIndexLine(std::string_view line, std::string_view where);

// Parses one line of a data.* file: its offset and the (pos, offset) targets of its
// derivation pointers ("+"). Errors: kDataLoss with `where` and the rule.
struct WordNetDataEntry {
  uint32_t offset = 0;
  std::vector<SynsetId> derivations;

  bool operator==(const WordNetDataEntry&) const = default;
};
Result<WordNetDataEntry> ParseWordNetDataLine(std::string_view line, std::string_view where);

class WordNet {
 public:
  // Reads the 12 files above from `dir`. Errors: kNotFound naming the missing file and the
  // package to install; kDataLoss from the parsers.
  static Result<WordNet> Load(const std::string& dir);

  WordNet(WordNet&&) noexcept;
  WordNet& operator=(WordNet&&) noexcept;
  ~WordNet();

  // The WordNet lemmas `word` may be an inflection of (itself included when it is a lemma),
  // sorted, without duplicates; empty when WordNet does not know the word.
  std::vector<std::string> BaseForms(std::string_view word) const;

  // The synsets of all base forms of `word`, sorted, without duplicates.
  std::vector<SynsetId> Synsets(std::string_view word) const;

  // Synsets() plus the synsets their derivation pointers reach, sorted, without duplicates.
  std::vector<SynsetId> DerivedSynsets(std::string_view word) const;

  // The strongest relation between two words. O(senses of both).
  WordRelation Relate(std::string_view a, std::string_view b) const;

  // Number of distinct lemmas loaded.
  size_t num_lemmas() const;

 private:
  struct State;
  explicit WordNet(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace crossclaim

#endif  // CROSSCLAIM_SIMILARITY_WORDNET_H_
