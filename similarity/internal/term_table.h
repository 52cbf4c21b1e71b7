// An append-only table of distinct terms with dense ids, for the TF-IDF fit's token pass:
// one hash (XXH3, computed once per token) and one probe per lookup, terms kept in one byte
// arena instead of a node per std::string. A per-entry flag caches a predicate of the term
// (the stop-word test), so it runs once per distinct term instead of once per token.
//
// Not thread safe; the fit gives each block of documents its own table and merges them.
#ifndef CROSSCLAIM_SIMILARITY_INTERNAL_TERM_TABLE_H_
#define CROSSCLAIM_SIMILARITY_INTERNAL_TERM_TABLE_H_

#include <xxhash.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crossclaim::internal {

class TermTable {
 public:
  static uint64_t Hash(std::string_view term) { return XXH3_64bits(term.data(), term.size()); }

  // The id of `term` (hash `hash`), adding it with flag `flag_of(term)` when new. Ids are
  // dense, in first-seen order.
  template <typename FlagOf>
  uint32_t Intern(std::string_view term, uint64_t hash, FlagOf&& flag_of) {
    if (2 * (size() + 1) > slots_.size()) Grow();
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint32_t slot = slots_[i];
      if (slot == 0) {
        const uint32_t id = static_cast<uint32_t>(size());
        slots_[i] = id + 1;
        hashes_.push_back(hash);
        arena_.append(term);
        ends_.push_back(static_cast<uint64_t>(arena_.size()));
        flags_.push_back(flag_of(term) ? 1 : 0);
        return id;
      }
      const uint32_t id = slot - 1;
      if (hashes_[id] == hash && Term(id) == term) return id;
    }
  }

  size_t size() const { return hashes_.size(); }
  uint64_t hash(uint32_t id) const { return hashes_[id]; }
  bool flag(uint32_t id) const { return flags_[id] != 0; }
  std::string_view Term(uint32_t id) const {
    const uint64_t begin = id == 0 ? 0 : ends_[id - 1];
    return std::string_view(arena_).substr(begin, ends_[id] - begin);
  }

 private:
  void Grow() {
    const size_t capacity = slots_.empty() ? 1024 : 2 * slots_.size();
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (uint32_t id = 0; id < size(); ++id) {
      size_t i = hashes_[id] & mask_;
      while (slots_[i] != 0) i = (i + 1) & mask_;
      slots_[i] = id + 1;
    }
  }

  std::vector<uint32_t> slots_;  // id + 1, 0 empty; a power of two, at most half full
  size_t mask_ = 0;
  std::vector<uint64_t> hashes_;
  std::vector<uint64_t> ends_;  // end of each term in arena_
  std::vector<uint8_t> flags_;
  std::string arena_;
};

}  // namespace crossclaim::internal

#endif  // CROSSCLAIM_SIMILARITY_INTERNAL_TERM_TABLE_H_
