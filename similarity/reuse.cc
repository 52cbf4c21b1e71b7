#include "similarity/reuse.h"

#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#if defined(__AVX512BW__) && defined(__AVX512VBMI__)
#include <immintrin.h>
#define CROSSCLAIM_REUSE_SCAN_AVX512 1
#endif

#include "core/progress.h"
#include "core/quotes.h"
#include "similarity/internal/reuse_align.h"
#include "similarity/internal/reuse_scan.h"

namespace crossclaim {
namespace {

using reuse_internal::Alignment;
using reuse_internal::Column;

constexpr uint64_t kWordSeed = 0x5EED5EEDULL;

constexpr bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsConfusable(char c) { return c == 'O' || c == 'o' || c == 'l' || c == 'I'; }
bool IsLineSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Is t[p] a '<' that ends its line (only spaces after it before a line break or the end)?
bool WireLineEnd(std::string_view t, size_t p) {
  size_t e = p;
  while (e < t.size() && t[e] != '\n') ++e;
  size_t b = e;
  while (b > p && IsLineSpace(t[b - 1])) --b;
  return b == p + 1 && t[p] == '<';
}

// How NormalizeWireText treats a byte: rewritten or read as a mark (and every non-ASCII byte),
// copied as it is, or copied only after a letter or digit (a digit or digit look-alike, which
// may start a number elsewhere, see ConfusedNumberLength).
enum class ByteClass : uint8_t { kSpecial, kPlain, kPlainAfterAlnum };

constexpr std::array<ByteClass, 256> ByteClasses() {
  std::array<ByteClass, 256> classes{};
  for (int c = 0; c < 0x80; ++c) classes[c] = ByteClass::kPlain;
  for (char c : std::string_view("\x19<\n`'_#"))
    classes[static_cast<unsigned char>(c)] = ByteClass::kSpecial;
  for (char c : std::string_view("0123456789OolI")) {
    classes[static_cast<unsigned char>(c)] = ByteClass::kPlainAfterAlnum;
  }
  return classes;
}
constexpr std::array<ByteClass, 256> kByteClasses = ByteClasses();

// Bits of kByteBits: a byte NormalizeWireText never copies as it is; one it copies as it is
// after a letter or digit (a digit or look-alike); a letter or digit; one that may continue a
// number (a digit, look-alike or separator, see ConfusedNumberLength).
enum : uint8_t { kSpecialBit = 1, kAfterAlnumBit = 2, kAlnumBit = 4, kNumberBit = 8 };

constexpr std::array<uint8_t, 256> ByteBits() {
  std::array<uint8_t, 256> bits{};
  for (int c = 0; c < 256; ++c) {
    const ByteClass k = kByteClasses[c];
    bits[c] =
        (k == ByteClass::kSpecial ? kSpecialBit : 0) |
        (k == ByteClass::kPlainAfterAlnum ? kAfterAlnumBit : 0) |
        (IsAsciiAlnum(static_cast<char>(c)) ? kAlnumBit : 0) |
        (std::string_view("0123456789OolI,.").find(static_cast<char>(c)) != std::string_view::npos
             ? kNumberBit
             : 0);
  }
  return bits;
}
constexpr std::array<uint8_t, 256> kByteBits = ByteBits();

}  // namespace

namespace reuse_internal {

// A digit or look-alike that starts a token ends the run only when a number may follow
// (ConfusedNumberLength needs a digit and a look-alike): "of", "launched" and "In" start
// tokens with look-alikes, and stopping at each was most of the stops on generated corpora.
// One table look-up per byte, the previous byte's letter-or-digit bit carried along.
size_t PlainRunEndBytewise(std::string_view t, size_t p) {
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  unsigned prev_alnum = p > 0 && IsAsciiAlnum(t[p - 1]) ? 1 : 0;
  for (; p < t.size(); ++p) {
    const unsigned bits = kByteBits[s[p]];
    if (bits & kSpecialBit) break;
    if ((bits & kAfterAlnumBit) && !prev_alnum && p + 1 < t.size() &&
        (kByteBits[s[p + 1]] & kNumberBit)) {
      break;
    }
    prev_alnum = (bits >> 2) & 1;
  }
  return p;
}

size_t PlainRunEnd(std::string_view t, size_t p) {
#ifdef CROSSCLAIM_REUSE_SCAN_AVX512
  // kByteBits of 64 bytes at once: the ASCII half of the table in two registers, looked up
  // by the low 7 bits; a byte >= 0x80 is special whatever the look-up gave.
  alignas(64) static constexpr std::array<uint8_t, 128> kAscii = [] {
    std::array<uint8_t, 128> a{};
    for (int c = 0; c < 128; ++c) a[c] = kByteBits[c];
    return a;
  }();
  const __m512i lo = _mm512_load_si512(kAscii.data());
  const __m512i hi = _mm512_load_si512(kAscii.data() + 64);
  const __m512i special_bit = _mm512_set1_epi8(kSpecialBit);
  const __m512i after_bit = _mm512_set1_epi8(kAfterAlnumBit);
  const __m512i alnum_bit = _mm512_set1_epi8(kAlnumBit);
  const __m512i number_bit = _mm512_set1_epi8(kNumberBit);
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  uint64_t carry = p > 0 && IsAsciiAlnum(t[p - 1]) ? 1 : 0;  // byte before the block
  for (; p < t.size(); p += 64) {
    const size_t len = std::min<size_t>(64, t.size() - p);
    const __mmask64 valid = len >= 64 ? ~__mmask64{0} : (__mmask64{1} << len) - 1;
    const __m512i bytes = _mm512_maskz_loadu_epi8(valid, t.data() + p);
    const __m512i bits = _mm512_permutex2var_epi8(lo, bytes, hi);
    const uint64_t special = _mm512_test_epi8_mask(bits, special_bit) | _mm512_movepi8_mask(bytes);
    const uint64_t after = _mm512_test_epi8_mask(bits, after_bit);
    const uint64_t alnum = _mm512_test_epi8_mask(bits, alnum_bit);
    // Bytes followed by a byte that may continue a number (the byte after the block too).
    const uint64_t beyond =
        p + 64 < t.size() && (kByteBits[s[p + 64]] & kNumberBit) ? uint64_t{1} << 63 : 0;
    const uint64_t number_next = _mm512_test_epi8_mask(bits, number_bit) >> 1 | beyond;
    const uint64_t stop = (special | (after & ~(alnum << 1 | carry) & number_next)) & valid;
    if (stop) return p + static_cast<size_t>(__builtin_ctzll(stop));
    carry = alnum >> 63;
  }
  return t.size();
#else
  return PlainRunEndBytewise(t, p);
#endif
}

// A most significant digit pass scatters the keys by their top 11 bits in document order,
// then each bucket (a few thousand keys, in cache) is sorted by the other 21 bits with two
// stable least significant digit passes, in parallel: document numbers never descend within a
// bucket, so the stable passes leave it fully sorted and a document's repeated fingerprints
// side by side. A radix sort of the whole key array needed a second array as large and
// scattered into it three times, missing the cache at every key.
std::vector<uint64_t> SortedFingerprintKeys(std::vector<std::vector<uint32_t>>* prints,
                                            size_t total) {
  constexpr int kTopBits = 11, kLowBits = 11;
  constexpr size_t kBuckets = size_t{1} << kTopBits;
  std::vector<size_t> begin(kBuckets + 1, 0);
  for (const std::vector<uint32_t>& p : *prints) {
    for (uint32_t f : p) ++begin[(f >> (32 - kTopBits)) + 1];
  }
  for (size_t b = 0; b < kBuckets; ++b) begin[b + 1] += begin[b];
  std::vector<uint64_t> keys(total);
  {
    std::vector<size_t> fill(begin.begin(), begin.end() - 1);
    for (size_t d = 0; d < prints->size(); ++d) {
      for (uint32_t f : (*prints)[d]) keys[fill[f >> (32 - kTopBits)]++] = uint64_t{f} << 32 | d;
      std::vector<uint32_t>().swap((*prints)[d]);
    }
  }
  tbb::enumerable_thread_specific<std::vector<uint64_t>> scratches;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, kBuckets), [&](const auto& range) {
    std::vector<uint64_t>& scratch = scratches.local();
    for (size_t b = range.begin(); b != range.end(); ++b) {
      uint64_t* const bucket = keys.data() + begin[b];
      const size_t size = begin[b + 1] - begin[b];
      scratch.resize(size);
      uint64_t* from = bucket;
      uint64_t* to = scratch.data();
      for (int shift = 32; shift < 64 - kTopBits; shift += kLowBits) {
        std::array<uint32_t, (size_t{1} << kLowBits) + 1> offsets{};
        auto digit = [&](uint64_t key) {
          return static_cast<size_t>(key >> shift) & ((size_t{1} << kLowBits) - 1);
        };
        for (size_t k = 0; k < size; ++k) ++offsets[digit(from[k]) + 1];
        for (size_t v = 0; v + 1 < offsets.size(); ++v) offsets[v + 1] += offsets[v];
        for (size_t k = 0; k < size; ++k) to[offsets[digit(from[k])]++] = from[k];
        std::swap(from, to);
      }
      if (from != bucket) std::copy(from, from + size, bucket);
    }
  });
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace reuse_internal

namespace {

class WireWriter {
 public:
  WireWriter(WireText* out, bool with_map) : out_(out), with_map_(with_map) {}
  void Emit(std::string_view bytes, size_t orig_begin, size_t orig_end) {
    out_->text.append(bytes);
    if (!with_map_) return;
    out_->orig_begin.insert(out_->orig_begin.end(), bytes.size(),
                            static_cast<uint32_t>(orig_begin));
    out_->orig_end.insert(out_->orig_end.end(), bytes.size(), static_cast<uint32_t>(orig_end));
  }
  // Original bytes [begin, end) unchanged, each mapped to itself.
  void Copy(std::string_view t, size_t begin, size_t end) {
    out_->text.append(t.substr(begin, end - begin));
    if (!with_map_) return;
    const size_t at = out_->orig_begin.size();
    out_->orig_begin.resize(at + (end - begin));
    out_->orig_end.resize(at + (end - begin));
    uint32_t* const b = out_->orig_begin.data() + at;
    uint32_t* const e = out_->orig_end.data() + at;
    for (size_t k = 0; k < end - begin; ++k) {
      b[k] = static_cast<uint32_t>(begin + k);
      e[k] = static_cast<uint32_t>(begin + k + 1);
    }
  }

 private:
  WireText* out_;
  bool with_map_;
};

// The length of a run at `p` of digits and digit look-alikes (O, o, l, I) that forms a whole
// number token with at least one digit and one look-alike ("3O", "l998", "5O,000"), or 0.
size_t ConfusedNumberLength(std::string_view t, size_t p) {
  if (p > 0 && IsAsciiAlnum(t[p - 1])) return 0;
  size_t q = p, digits = 0, confusables = 0;
  while (q < t.size()) {
    const char c = t[q];
    if (IsDigit(c)) {
      ++digits;
    } else if (IsConfusable(c)) {
      ++confusables;
    } else if ((c == ',' || c == '.') && q > p && q + 1 < t.size() &&
               (IsDigit(t[q + 1]) || IsConfusable(t[q + 1]))) {
      // a separator inside the number
    } else {
      break;
    }
    ++q;
  }
  if (digits == 0 || confusables == 0) return 0;
  if (q < t.size() && (IsAsciiAlnum(t[q]) || static_cast<unsigned char>(t[q]) >= 0x80)) return 0;
  return q - p;
}

}  // namespace

std::string_view GradeName(ReuseGrade grade) {
  switch (grade) {
    case ReuseGrade::kWholly:
      return "wholly";
    case ReuseGrade::kPartially:
      return "partially";
    case ReuseGrade::kNon:
      break;
  }
  return "non";
}

std::string_view DirectionName(ReuseDirection direction) {
  switch (direction) {
    case ReuseDirection::kDated:
      return "dated";
    case ReuseDirection::kContainment:
      return "containment";
    case ReuseDirection::kWire:
      return "wire";
    case ReuseDirection::kUnknown:
      break;
  }
  return "unknown";
}

std::string_view PassageKindName(PassageKind kind) {
  switch (kind) {
    case PassageKind::kVerbatim:
      return "verbatim";
    case PassageKind::kRewrite:
      return "rewrite";
    case PassageKind::kQuotation:
      break;
  }
  return "quotation";
}

namespace {

// NormalizeWireText into *out, whose buffers are reused (the fingerprint pass normalises
// every document of the corpus, and a fresh string per document was a tenth of its
// allocations).
void NormalizeWireTextInto(std::string_view t, bool with_map, WireText* out_text) {
  WireText& out = *out_text;
  out.text.clear();
  out.orig_begin.clear();
  out.orig_end.clear();
  out.text.reserve(t.size());
  if (with_map) {
    out.orig_begin.reserve(t.size());
    out.orig_end.reserve(t.size());
  }
  WireWriter w(&out, with_map);
  // A wire text: some line ends with '<'.
  bool wire = false;
  for (size_t p = t.find('<'); p != std::string_view::npos && !wire; p = t.find('<', p + 1)) {
    wire = WireLineEnd(t, p);
  }
  out.wire = wire;
  size_t p = 0;
  while (p < t.size()) {
    // Most of any text: copied in runs.
    if (const size_t q = reuse_internal::PlainRunEnd(t, p); q > p) {
      w.Copy(t, p, q);
      p = q;
      continue;
    }
    const char c = t[p];
    if (c == '\x19') {  // the wire's paragraph mark
      ++p;
      continue;
    }
    if (c == '<' && WireLineEnd(t, p)) {
      size_t e = p + 1;
      while (e < t.size() && IsLineSpace(t[e])) ++e;
      if (e < t.size()) {
        w.Emit("\n", p, e + 1);  // the paragraph end
        p = e + 1;
      } else {
        p = e;
      }
      continue;
    }
    if (c == '\n') {
      // A hard wrap: inside a wire paragraph, or before a lower-case continuation.
      const bool blank_before = p == 0 || t[p - 1] == '\n';
      const bool next_blank = p + 1 >= t.size() || t[p + 1] == '\n';
      const bool lower_next = p + 1 < t.size() && t[p + 1] >= 'a' && t[p + 1] <= 'z';
      if (!blank_before && !next_blank && (wire || lower_next)) {
        w.Emit(" ", p, p + 1);
      } else {
        w.Emit("\n", p, p + 1);
      }
      ++p;
      continue;
    }
    if (c == '`' || c == '\'') {
      const bool doubled = p + 1 < t.size() && t[p + 1] == c;
      if (doubled) {
        w.Emit(c == '`' ? "\xE2\x80\x9C" : "\xE2\x80\x9D", p, p + 2);  // TeX quotes: “ ”
        p += 2;
      } else {
        w.Emit("'", p, p + 1);
        ++p;
      }
      continue;
    }
    if (c == '_') {
      const bool spaced = p == 0 || p + 1 == t.size() || t[p - 1] == ' ' || t[p + 1] == ' ' ||
                          t[p - 1] == '\n' || t[p + 1] == '\n';
      w.Emit(spaced ? "-" : "_", p, p + 1);
      ++p;
      continue;
    }
    if (c == '#' && p + 1 < t.size() && IsDigit(t[p + 1])) {
      w.Emit("\xC2\xA3", p, p + 1);  // the wire's pound sign: £
      ++p;
      continue;
    }
    if (t.substr(p, 3) == "\xE2\x80\x94" || t.substr(p, 3) == "\xE2\x80\x93" ||
        t.substr(p, 3) == "\xE2\x88\x92") {  // em dash, en dash, minus sign
      w.Emit("-", p, p + 3);
      p += 3;
      continue;
    }
    if (IsDigit(c) || IsConfusable(c)) {
      if (const size_t n = ConfusedNumberLength(t, p); n > 0) {
        for (size_t q = p; q < p + n; ++q) {
          const char d = t[q] == 'O' || t[q] == 'o'     ? '0'
                         : (t[q] == 'l' || t[q] == 'I') ? '1'
                                                        : t[q];
          w.Emit(std::string_view(&d, 1), q, q + 1);
        }
        p += n;
        continue;
      }
    }
    // Any other byte (a whole UTF-8 sequence at a time, so ends stay on characters).
    size_t len = 1;
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0xF0) {
      len = 4;
    } else if (u >= 0xE0) {
      len = 3;
    } else if (u >= 0xC0) {
      len = 2;
    }
    len = std::min(len, t.size() - p);
    w.Emit(t.substr(p, len), p, p + len);
    p += len;
  }
}

}  // namespace

WireText NormalizeWireText(std::string_view t, bool with_map) {
  WireText out;
  NormalizeWireTextInto(t, with_map, &out);
  return out;
}

Status ValidateReuseOptions(const ReuseOptions& o) {
  auto in_unit = [](double x) { return x >= 0 && x <= 1; };
  if (!in_unit(o.min_containment)) {
    return InvalidArgument("ReuseOptions.min_containment must be in [0, 1] (got " +
                           std::to_string(o.min_containment) + ")");
  }
  if (!in_unit(o.explained_share)) {
    return InvalidArgument("ReuseOptions.explained_share must be in [0, 1] (got " +
                           std::to_string(o.explained_share) + ")");
  }
  if (!in_unit(o.stock_word_share)) {
    return InvalidArgument("ReuseOptions.stock_word_share must be in [0, 1] (got " +
                           std::to_string(o.stock_word_share) + ")");
  }
  if (!in_unit(o.min_shared_share)) {
    return InvalidArgument("ReuseOptions.min_shared_share must be in [0, 1] (got " +
                           std::to_string(o.min_shared_share) + ")");
  }
  if (!in_unit(o.wholly_threshold) || !in_unit(o.partially_threshold) ||
      o.partially_threshold > o.wholly_threshold) {
    return InvalidArgument(
        "ReuseOptions: need 0 <= partially_threshold <= wholly_threshold <= 1 (got " +
        std::to_string(o.partially_threshold) + ", " + std::to_string(o.wholly_threshold) + ")");
  }
  if (o.candidate_words == 0 || o.winnow_window == 0 || o.seed_words == 0 ||
      o.max_document_frequency < 2 || o.min_shared_fingerprints == 0) {
    return InvalidArgument(
        "ReuseOptions: candidate_words, winnow_window, seed_words and min_shared_fingerprints "
        "must be > 0 and max_document_frequency >= 2");
  }
  return Status::Ok();
}

namespace {

// A document ready for alignment: its words, their original bytes and quotation flags.
struct PreparedText {
  std::vector<uint64_t> words;
  std::vector<Span> orig;       // bytes of Document::text
  std::vector<uint8_t> quoted;  // inside quotation marks
  std::vector<uint8_t> stock;   // a stock word of the corpus (ReuseOptions::stock_word_share)
  bool wire = false;            // agency wire format
  std::string_view text;        // Document::text, which outlives the alignment
};

// A set of word hashes: open addressing (linear probing, at most a quarter full), looked up
// once per word of every prepared text (a node-based set's look-ups were 2% of a run).
class WordSet {
 public:
  void insert(uint64_t word) {
    if (4 * (size_ + 1) > slots_.size()) Rehash(std::max<size_t>(64, 2 * slots_.size()));
    size_t i = Slot(word);
    while (used_[i] && slots_[i] != word) i = (i + 1) & (slots_.size() - 1);
    if (!used_[i]) used_[i] = 1, slots_[i] = word, ++size_;
  }
  bool contains(uint64_t word) const {
    if (size_ == 0) return false;
    for (size_t i = Slot(word);; i = (i + 1) & (slots_.size() - 1)) {
      if (!used_[i]) return false;
      if (slots_[i] == word) return true;
    }
  }

 private:
  size_t Slot(uint64_t word) const {
    return static_cast<size_t>((word * 0x9E3779B97F4A7C15ULL) >> 32) & (slots_.size() - 1);
  }
  void Rehash(size_t size) {
    std::vector<uint64_t> words;
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (used_[i]) words.push_back(slots_[i]);
    }
    slots_.assign(size, 0);
    used_.assign(size, 0);
    size_ = 0;
    for (uint64_t w : words) insert(w);
  }
  std::vector<uint64_t> slots_;
  std::vector<uint8_t> used_;
  size_t size_ = 0;
};

// Document frequencies of word hashes, adding one document's words. An open-addressing table
// (linear probing, at most half full) whose entries remember the last document that counted
// them, so a document's repeated words count once without sorting its words: the sort and
// the node-based map this replaces were a fifth of a run on generated corpora.
class WordDocumentCounts {
 public:
  void Add(const std::vector<uint64_t>& words) {
    ++documents_;
    // Grow first, so that the slots asked for ahead stay the slots looked up: the table is
    // larger than the cache and a lookup is otherwise a miss.
    if (2 * (used_ + words.size()) > table_.size()) Reserve(used_ + words.size());
    constexpr size_t kAhead = 32;
    for (size_t i = 0; i < words.size(); ++i) {
      if (i + kAhead < words.size()) {
        __builtin_prefetch(&table_[Slot(words[i + kAhead], table_.size())]);
      }
      Entry& e = Find(words[i]);
      if (e.last_document != documents_) e.last_document = documents_, ++e.documents;
    }
  }
  void Merge(const WordDocumentCounts& other) {
    for (const Entry& o : other.table_) {
      if (o.documents > 0) Find(o.word).documents += o.documents;
    }
  }
  // Words in more than max(kReuseMinStockDocuments, share * documents) documents.
  WordSet StockWords(double share, size_t documents) const {
    const double limit = std::max(static_cast<double>(kReuseMinStockDocuments),
                                  share * static_cast<double>(documents));
    WordSet stock;
    for (const Entry& e : table_) {
      if (static_cast<double>(e.documents) > limit) stock.insert(e.word);
    }
    return stock;
  }

 private:
  struct Entry {
    uint64_t word = 0;
    uint32_t documents = 0;      // 0: an empty slot
    uint32_t last_document = 0;  // the Add call that last counted the word
  };
  // The entry of `word`, inserted (with no documents yet) if absent.
  Entry& Find(uint64_t word) {
    if (2 * (used_ + 1) > table_.size()) Grow();
    size_t i = Slot(word, table_.size());
    while (table_[i].documents > 0 || table_[i].last_document == kReserved) {
      if (table_[i].word == word) return table_[i];
      i = (i + 1) & (table_.size() - 1);
    }
    ++used_;
    table_[i] = {word, 0, kReserved};
    return table_[i];
  }
  void Grow() { Reserve(used_ + 1); }
  // Room for `entries` entries at most half full.
  void Reserve(size_t entries) {
    size_t size = std::max<size_t>(1024, table_.size());
    while (2 * entries > size) size *= 2;
    if (size == table_.size()) return;
    std::vector<Entry> old = std::exchange(table_, std::vector<Entry>(size));
    for (const Entry& e : old) {
      if (e.documents == 0 && e.last_document != kReserved) continue;
      size_t i = Slot(e.word, table_.size());
      while (table_[i].documents > 0 || table_[i].last_document == kReserved) {
        i = (i + 1) & (table_.size() - 1);
      }
      table_[i] = e;
    }
  }
  static size_t Slot(uint64_t word, size_t size) {
    return static_cast<size_t>((word * 0x9E3779B97F4A7C15ULL) >> 20) & (size - 1);
  }
  static constexpr uint32_t kReserved = std::numeric_limits<uint32_t>::max();
  std::vector<Entry> table_;
  size_t used_ = 0;
  uint32_t documents_ = 0;
};

void MarkStock(const WordSet& stock, PreparedText* text) {
  text->stock.resize(text->words.size());
  for (size_t i = 0; i < text->words.size(); ++i) text->stock[i] = stock.contains(text->words[i]);
}

PreparedText Prepare(std::string_view text) {
  PreparedText out;
  out.text = text;
  // Buffers kept by the thread: every document of a candidate pair is prepared.
  thread_local WireText wire;
  thread_local TokenizedText tokens;
  NormalizeWireTextInto(text, true, &wire);
  out.wire = wire.wire;
  Tokenize(wire.text, &tokens);
  const std::vector<Span> quotes = FindQuotations(wire.text);
  out.words.reserve(tokens.size());
  out.orig.reserve(tokens.size());
  out.quoted.reserve(tokens.size());
  size_t q = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Span s = tokens.tokens[i].orig;
    out.words.push_back(HashToken(tokens.norm(i), kWordSeed));
    out.orig.push_back({wire.orig_begin[s.begin], wire.orig_end[s.end - 1]});
    while (q < quotes.size() && quotes[q].end <= s.begin) ++q;
    out.quoted.push_back(q < quotes.size() && quotes[q].begin <= s.begin && s.end <= quotes[q].end);
  }
  return out;
}

reuse_internal::AlignOptions ToAlignOptions(const ReuseOptions& o) {
  reuse_internal::AlignOptions a;
  a.seed_words = o.seed_words;
  a.max_gap_words = o.max_gap_words;
  a.band_words = o.band_words;
  a.min_matches = o.min_passage_matches;
  return a;
}

bool Overlap(uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) { return b1 < e2 && b2 < e1; }

bool Clashes(const Alignment& al, const std::vector<Alignment>& kept) {
  return std::any_of(kept.begin(), kept.end(), [&](const Alignment& k) {
    return Overlap(al.s_begin, al.s_end, k.s_begin, k.s_end) ||
           Overlap(al.d_begin, al.d_end, k.d_begin, k.d_end);
  });
}

bool InsideKept(const Column& c, const std::vector<Alignment>& kept) {
  return std::any_of(kept.begin(), kept.end(), [&](const Alignment& k) {
    return (c.s >= 0 && static_cast<uint32_t>(c.s) >= k.s_begin &&
            static_cast<uint32_t>(c.s) < k.s_end) ||
           (c.d >= 0 && static_cast<uint32_t>(c.d) >= k.d_begin &&
            static_cast<uint32_t>(c.d) < k.d_end);
  });
}

// The columns [b, e) of `al` (b and e - 1 matches) as an alignment of their own.
Alignment Piece(const Alignment& al, size_t b, size_t e) {
  Alignment p;
  p.columns.assign(al.columns.begin() + b, al.columns.begin() + e);
  for (const Column& c : p.columns) {
    p.matches += c.match;
    p.score += c.match ? reuse_internal::kMatchScore
                       : (c.s >= 0 && c.d >= 0 ? reuse_internal::kMismatchScore
                                               : reuse_internal::kGapScore);
  }
  p.s_begin = static_cast<uint32_t>(p.columns.front().s);
  p.s_end = static_cast<uint32_t>(p.columns.back().s + 1);
  p.d_begin = static_cast<uint32_t>(p.columns.front().d);
  p.d_end = static_cast<uint32_t>(p.columns.back().d + 1);
  return p;
}

// The parts of `al` outside every kept alignment in both texts, each from a match to a match,
// with at least min_matches matches. A better alignment that reaches one word into this one
// ("discontinuing the action" beside "defending the action. The total legal costs") leaves
// it the rest of its sentence. Columns are monotone in both texts, so a run of columns
// outside every kept range spans no kept range either.
std::vector<Alignment> FreeParts(const Alignment& al, const std::vector<Alignment>& kept,
                                 size_t min_matches) {
  std::vector<Alignment> parts;
  const size_t n = al.columns.size();
  for (size_t b = 0; b < n;) {
    if (InsideKept(al.columns[b], kept)) {
      ++b;
      continue;
    }
    size_t e = b;
    while (e < n && !InsideKept(al.columns[e], kept)) ++e;
    size_t first = b, last = e;
    while (first < last && !al.columns[first].match) ++first;
    while (last > first && !al.columns[last - 1].match) --last;
    if (first < last) {
      Alignment p = Piece(al, first, last);
      if (p.matches >= min_matches) parts.push_back(std::move(p));
    }
    b = e;
  }
  return parts;
}

// Extends both ends of a passage over the punctuation that follows its last word when both
// texts have the same: the copy of a sentence includes its full stop, the copy of a clause its
// comma. Punctuation is no word, so the passage still ends before the next word.
void ExtendOverSharedPunctuation(std::string_view x, std::string_view y, Span* in_x, Span* in_y) {
  constexpr std::string_view kPunctuation = ".,;:!?";
  while (in_x->end < x.size() && in_y->end < y.size() && x[in_x->end] == y[in_y->end] &&
         kPunctuation.find(x[in_x->end]) != std::string_view::npos) {
    ++in_x->end;
    ++in_y->end;
  }
}

// Splits one alignment (source x, derived y) into passages at quotation boundaries; adds
// the matched words outside quotations to *narrative_matches.
// A passage with its word count on the source side too (the direction is decided later).
struct Found {
  ReusePassage passage;
  uint32_t source_words = 0;
  uint32_t matches = 0;
  uint32_t rare_matches = 0;  // matches of words that are not stock words
};

void AddPassages(const Alignment& a, const PreparedText& x, const PreparedText& y,
                 std::vector<Found>* out) {
  constexpr size_t kMinRunWords = 3;  // shorter runs join their neighbour
  struct Run {
    size_t begin, end;  // columns
    bool quoted;
    size_t words;
    size_t quoted_words;
  };
  std::vector<Run> runs;
  bool sq = false, dq = false;
  for (size_t c = 0; c < a.columns.size(); ++c) {
    const Column& col = a.columns[c];
    if (col.s >= 0) sq = x.quoted[col.s];
    if (col.d >= 0) dq = y.quoted[col.d];
    const bool q = sq && dq;
    if (runs.empty() || runs.back().quoted != q) runs.push_back({c, c, q, 0, 0});
    runs.back().end = c + 1;
    runs.back().words += col.d >= 0;
    runs.back().quoted_words += q && col.d >= 0;
  }
  // Absorb short runs ("he said") into the run before them (or after, for the first).
  std::vector<Run> merged;
  for (size_t r = 0; r < runs.size(); ++r) {
    Run run = runs[r];
    if (!merged.empty() && (run.words < kMinRunWords || merged.back().quoted == run.quoted)) {
      merged.back().end = run.end;
      merged.back().words += run.words;
      merged.back().quoted_words += run.quoted_words;
    } else if (merged.empty() && run.words < kMinRunWords && r + 1 < runs.size()) {
      runs[r + 1].begin = run.begin;
      runs[r + 1].words += run.words;
      runs[r + 1].quoted_words += run.quoted_words;
    } else {
      merged.push_back(run);
    }
  }
  for (Run& run : merged) {
    run.quoted = 2 * run.quoted_words > run.words;  // a short quote inside narrative is narrative
    size_t b = run.begin, e = run.end;
    while (b < e && !a.columns[b].match) ++b;
    while (e > b && !a.columns[e - 1].match) --e;
    if (b == e) continue;
    Found f;
    ReusePassage& p = f.passage;
    bool all_match = true;
    for (size_t c = b; c < e; ++c) {
      const Column& col = a.columns[c];
      all_match &= col.match;
      f.matches += col.match;
      f.rare_matches += col.match && (y.stock.empty() || !y.stock[col.d]);
      p.words += col.d >= 0;
      f.source_words += col.s >= 0;
    }
    const Column& first = a.columns[b];
    const Column& last = a.columns[e - 1];
    p.source = {x.orig[first.s].begin, x.orig[last.s].end};
    p.derived = {y.orig[first.d].begin, y.orig[last.d].end};
    ExtendOverSharedPunctuation(x.text, y.text, &p.source, &p.derived);
    p.kind = run.quoted ? PassageKind::kQuotation
                        : (all_match ? PassageKind::kVerbatim : PassageKind::kRewrite);
    out->push_back(f);
  }
}

ReuseGrade GradeOf(double containment, const ReuseOptions& o) {
  if (containment >= o.wholly_threshold) return ReuseGrade::kWholly;
  if (containment >= o.partially_threshold) return ReuseGrade::kPartially;
  return ReuseGrade::kNon;
}

ReusePair AlignPrepared(const std::vector<Document>& documents, uint32_t a, uint32_t b,
                        const PreparedText& pa, const PreparedText& pb, const ReuseOptions& o) {
  std::vector<Alignment> found = reuse_internal::AlignWords(pa.words, pb.words, ToAlignOptions(o));
  // Best first; of a passage overlapping a kept one in either text only the parts outside
  // every kept one remain, each a long passage on its own (fitted on the tuning dates of
  // METER courts: shorter leftovers linked more non-derived papers, docs/quality.md "Reuse on
  // METER, round 8").
  std::vector<Alignment> kept;
  for (Alignment& al : found) {
    if (!Clashes(al, kept)) {
      kept.push_back(std::move(al));
      continue;
    }
    for (Alignment& part : FreeParts(al, kept, o.long_passage_matches)) {
      kept.push_back(std::move(part));
    }
  }
  std::vector<Found> passages;
  for (const Alignment& al : kept) AddPassages(al, pa, pb, &passages);
  size_t covered_a = 0, covered_b = 0, narrative_matches = 0, evidence_matches = 0;
  for (const Found& f : passages) {
    const bool quotation = f.passage.kind == PassageKind::kQuotation;
    if (!quotation) {
      narrative_matches += f.matches;
      evidence_matches += f.matches >= o.long_passage_matches ? f.matches : f.rare_matches;
    }
    if (quotation && !o.count_quotations) continue;
    covered_a += f.source_words;
    covered_b += f.passage.words;
  }
  const double cov_a = pa.words.empty() ? 0 : static_cast<double>(covered_a) / pa.words.size();
  const double cov_b = pb.words.empty() ? 0 : static_cast<double>(covered_b) / pb.words.size();

  ReusePair pair;
  bool a_is_source = true;
  const auto& da = documents[a].published;
  const auto& db = documents[b].published;
  if (da && db && *da != *db) {
    pair.direction = ReuseDirection::kDated;
    a_is_source = *da < *db;
  } else if (pa.wire != pb.wire) {
    pair.direction = ReuseDirection::kWire;
    a_is_source = pa.wire;
  } else if (cov_b - cov_a >= o.direction_margin) {
    pair.direction = ReuseDirection::kContainment;
  } else if (cov_a - cov_b >= o.direction_margin) {
    pair.direction = ReuseDirection::kContainment;
    a_is_source = false;
  } else {
    pair.direction = ReuseDirection::kUnknown;
  }
  pair.source = a_is_source ? a : b;
  pair.derived = a_is_source ? b : a;
  for (Found& f : passages) {
    if (!a_is_source) {
      std::swap(f.passage.source, f.passage.derived);
      f.passage.words = f.source_words;
    }
    pair.passages.push_back(f.passage);
  }
  std::sort(pair.passages.begin(), pair.passages.end(),
            [](const ReusePassage& x, const ReusePassage& y) {
              return std::pair(x.derived.begin, x.source.begin) <
                     std::pair(y.derived.begin, y.source.begin);
            });
  // Shared quotations alone are no reuse (two outlets quoting one speaker), nor are stock
  // phrases alone (two court stories both "remanded in custody").
  // Texts of different days need more: a continuing story repeats its case's phrases.
  const size_t needed =
      std::max(o.min_passage_matches,
               pair.direction == ReuseDirection::kDated ? o.min_cross_day_matches : size_t{0});
  // Outlets rewrite agency copy, not the other way round: what a later wire take shares with
  // an outlet's earlier story, both took from earlier wire copy (which may not be in the input).
  const bool wire_from_outlet = pair.direction == ReuseDirection::kDated &&
                                (a_is_source ? !pa.wire && pb.wire : pa.wire && !pb.wire);
  if (!wire_from_outlet && narrative_matches >= needed && evidence_matches >= o.min_rare_matches) {
    pair.containment = a_is_source ? cov_b : cov_a;
    pair.source_containment = a_is_source ? cov_a : cov_b;
  }
  pair.grade = GradeOf(pair.containment, o);
  return pair;
}

// Buffers of Fingerprints, kept by each thread across documents.
struct FingerprintScratch {
  WireText wire;
  std::vector<uint64_t> words;
  std::vector<uint64_t> grams;
  std::vector<uint32_t> prints;
};

// Winnowed fingerprints of one text: the minimum n-gram hash of every window of w n-grams
// (the rightmost on ties), each position once; top 32 bits kept. Not sorted and possibly
// repeated (a phrase the text repeats): FindReuse sorts all documents' fingerprints at once.
// The text's words are left in scratch->words.
void Fingerprints(std::string_view text, const ReuseOptions& o, FingerprintScratch* scratch,
                  std::vector<uint32_t>* result) {
  std::vector<uint32_t>* const out = &scratch->prints;  // grown here, copied once at the end
  out->clear();
  result->clear();
  std::vector<uint64_t>& words = scratch->words;
  NormalizeWireTextInto(text, false, &scratch->wire);
  HashTokens(scratch->wire.text, kWordSeed, &words);
  const size_t n = o.candidate_words;
  if (words.size() < n) return;
  std::vector<uint64_t>& grams = scratch->grams;
  grams.resize(words.size() - n + 1);
  for (size_t i = 0; i < grams.size(); ++i) {
    uint64_t h = 0x13198A2E03707344ULL;
    for (size_t t = 0; t < n; ++t) {
      h = (h ^ words[i + t]) * 0x9E3779B97F4A7C15ULL;
      h ^= h >> 31;
    }
    grams[i] = h;
  }
  const size_t w = std::min(o.winnow_window, grams.size());
  size_t last = std::numeric_limits<size_t>::max();
  for (size_t start = 0; start + w <= grams.size(); ++start) {
    size_t best = start;
    for (size_t i = start + 1; i < start + w; ++i) {
      if (grams[i] <= grams[best]) best = i;
    }
    if (best != last) out->push_back(static_cast<uint32_t>(grams[best] >> 32));
    last = best;
  }
  result->assign(out->begin(), out->end());
}

// Do two documents sharing `shared` rare fingerprints, the one with fewer fingerprints
// having `fewer`, make a candidate pair?
bool EnoughShared(size_t shared, size_t fewer, const ReuseOptions& o) {
  return shared >= o.min_shared_fingerprints &&
         static_cast<double>(shared) >= o.min_shared_share * static_cast<double>(fewer);
}

// The fewest shared fingerprints that are EnoughShared for a pair whose document with fewer
// fingerprints has `fewer` (a whole number near min_shared_share * fewer, checked both ways
// so that it agrees with EnoughShared's rounding).
size_t SharedNeeded(size_t fewer, const ReuseOptions& o) {
  size_t s =
      std::max(o.min_shared_fingerprints,
               static_cast<size_t>(std::ceil(o.min_shared_share * static_cast<double>(fewer))));
  while (s > 0 && EnoughShared(s - 1, fewer, o)) --s;
  while (!EnoughShared(s, fewer, o)) ++s;
  return s;
}

// Partners b > a of document a in one rare posting list: postings[after, end).
struct PartnerRange {
  uint32_t after;
  uint32_t end;
};

// The counting walk of CandidatePairs over its rare posting lists.
struct PartnerWalk {
  const std::vector<uint32_t>& postings;
  const std::vector<PartnerRange>& doc_ranges;  // document a's: [offset[a], offset[a + 1])
  const std::vector<size_t>& offset;
  // Shared fingerprints a document's pairs need when it has the fewer (EnoughShared): the
  // need grows with the count, so a pair needs the smaller of its documents' needs.
  const std::vector<size_t>& needed;

  // The candidate pairs in (a, b) order, with a dense counter of type Count per thread.
  template <typename Count>
  std::vector<std::pair<uint32_t, uint32_t>> Candidates() const {
    const size_t n = needed.size();
    struct Counter {
      std::vector<Count> shared;
      std::vector<uint32_t> touched;
    };
    tbb::enumerable_thread_specific<Counter> counters([n] {
      return Counter{std::vector<Count>(n, 0), {}};
    });
    std::vector<std::vector<uint32_t>> partners(n);
    tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 64), [&](const auto& range) {
      Counter& c = counters.local();
      // Raw pointers: through the vectors the compiler reloads them after every count.
      const uint32_t* const post = postings.data();
      const PartnerRange* const ranges = doc_ranges.data();
      Count* const shared = c.shared.data();
      for (size_t a = range.begin(); a != range.end(); ++a) {
        for (size_t t = offset[a]; t < offset[a + 1]; ++t) {
          // The ranges are scattered over the postings: ask for the one a few lists ahead.
          constexpr size_t kAhead = 24;
          if (t + kAhead < doc_ranges.size()) __builtin_prefetch(post + ranges[t + kAhead].after);
          const PartnerRange r = ranges[t];
          for (uint32_t k = r.after; k < r.end; ++k) {
            const uint32_t b = post[k];
            if (shared[b]++ == 0) c.touched.push_back(b);
          }
        }
        for (uint32_t b : c.touched) {
          if (shared[b] >= std::min(needed[a], needed[b])) {
            partners[a].push_back(b);
          }
          shared[b] = 0;
        }
        c.touched.clear();
        std::sort(partners[a].begin(), partners[a].end());
      }
    });
    std::vector<std::pair<uint32_t, uint32_t>> candidates;
    for (size_t a = 0; a < n; ++a) {
      for (uint32_t b : partners[a]) candidates.emplace_back(static_cast<uint32_t>(a), b);
    }
    return candidates;
  }
};

// Step 2 of the header: the pairs (a, b), a < b, of documents sharing enough rare
// fingerprints, in (a, b) order. `keys` are (fingerprint << 32 | document), sorted. Each
// document walks its rare posting lists with a dense counter per thread: listing every
// co-occurrence and sorting the list cost most of the run on generated corpora, whose template
// phrases put millions of document pairs in the posting lists. The rare lists are copied to
// one compact array of document numbers, and each document keeps, for each of its lists, the
// range of the entries after its own: the walk then touches one contiguous range per list (a
// walk through the 8-byte keys and per-list bounds missed the cache about three times per
// list and was a quarter of a run).
std::vector<std::pair<uint32_t, uint32_t>> CandidatePairs(const std::vector<uint64_t>& keys,
                                                          const std::vector<uint32_t>& print_counts,
                                                          const ReuseOptions& o) {
  const size_t n = print_counts.size();
  // Rare posting lists, concatenated: postings[list_begin[g], list_begin[g + 1]).
  std::vector<uint32_t> postings, list_begin;
  std::vector<uint32_t> lists_per_doc(n + 1, 0);
  for (size_t b = 0; b < keys.size();) {
    size_t e = b + 1;
    while (e < keys.size() && (keys[e] >> 32) == (keys[b] >> 32)) ++e;
    if (e - b >= 2 && e - b <= o.max_document_frequency) {
      list_begin.push_back(static_cast<uint32_t>(postings.size()));
      for (size_t k = b; k < e; ++k) {
        const auto d = static_cast<uint32_t>(keys[k]);
        postings.push_back(d);
        ++lists_per_doc[d + 1];
      }
    }
    b = e;
  }
  list_begin.push_back(static_cast<uint32_t>(postings.size()));
  std::vector<size_t> offset(n + 1, 0);
  for (size_t d = 0; d < n; ++d) offset[d + 1] = offset[d] + lists_per_doc[d + 1];
  // Each document's partners b > a in each of its lists: a list is sorted by document, so
  // they are the entries after its own, postings[after, end).
  std::vector<PartnerRange> doc_ranges(offset[n]);
  {
    std::vector<size_t> fill(offset.begin(), offset.end() - 1);
    for (size_t g = 0; g + 1 < list_begin.size(); ++g) {
      for (uint32_t k = list_begin[g]; k < list_begin[g + 1]; ++k) {
        doc_ranges[fill[postings[k]]++] = {k + 1, list_begin[g + 1]};
      }
    }
  }
  // Document a's count of a partner is at most its number of rare lists (one per list): the
  // narrowest counter that holds the largest such number, 8 bits on generated corpora (a
  // tenth of the cache that 32-bit counters of 100k documents took).
  const uint32_t most = *std::max_element(lists_per_doc.begin(), lists_per_doc.end());
  std::vector<size_t> needed(n);
  for (size_t d = 0; d < n; ++d) needed[d] = SharedNeeded(print_counts[d], o);
  const PartnerWalk walk{postings, doc_ranges, offset, needed};
  if (most < std::numeric_limits<uint8_t>::max()) return walk.Candidates<uint8_t>();
  if (most < std::numeric_limits<uint16_t>::max()) return walk.Candidates<uint16_t>();
  return walk.Candidates<uint32_t>();
}

// The bytes of `spans` (sorted by begin, non-overlapping) that lie inside `covered` (sorted,
// merged intervals).
size_t CoveredBytes(const std::vector<Span>& covered, const Span& span) {
  size_t bytes = 0;
  for (const Span& c : covered) {
    if (c.begin >= span.end) break;
    const uint32_t b = std::max(c.begin, span.begin), e = std::min(c.end, span.end);
    if (b < e) bytes += e - b;
  }
  return bytes;
}

void AddCovered(std::vector<Span>* covered, const Span& span) {
  covered->push_back(span);
  std::sort(covered->begin(), covered->end(),
            [](const Span& x, const Span& y) { return x.begin < y.begin; });
  std::vector<Span> merged;
  for (const Span& c : *covered) {
    if (!merged.empty() && c.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, c.end);
    } else {
      merged.push_back(c);
    }
  }
  *covered = std::move(merged);
}

bool CountsInContainment(const ReusePassage& p, const ReuseOptions& o) {
  return o.count_quotations || p.kind != PassageKind::kQuotation;
}

// Step 6 of the header: ranks the linked sources of each derived text nearest first and
// marks those whose passages lie inside the passages of better-ranked kept ones.
void MarkExplainedPairs(const std::vector<Document>& documents, const std::vector<uint8_t>& wire,
                        const ReuseOptions& o, std::vector<ReusePair>* pairs) {
  std::vector<size_t> linked;
  for (size_t i = 0; i < pairs->size(); ++i) {
    if ((*pairs)[i].grade != ReuseGrade::kNon) linked.push_back(i);
  }
  auto nearer = [&](size_t x, size_t y) {
    const ReusePair& p = (*pairs)[x];
    const ReusePair& q = (*pairs)[y];
    if (p.derived != q.derived) return p.derived < q.derived;
    if (wire[p.source] != wire[q.source]) return wire[p.source] > wire[q.source];
    // Agency copy updates itself (a later take repeats the earlier one): the latest wire
    // story is the nearest. Between outlets the one the derived text shares more with, and
    // of two that hold the same text the earlier, its origin.
    const bool wire_source = wire[p.source];
    if (!wire_source && p.containment != q.containment) return p.containment > q.containment;
    const auto& dp = documents[p.source].published;
    const auto& dq = documents[q.source].published;
    if (dp.has_value() != dq.has_value()) return dp.has_value();  // dated sources first
    if (dp && *dp != *dq) return wire_source ? *dq < *dp : *dp < *dq;
    if (p.containment != q.containment) return p.containment > q.containment;
    return p.source < q.source;
  };
  std::sort(linked.begin(), linked.end(), nearer);
  std::vector<Span> covered;
  std::vector<std::pair<uint32_t, std::vector<Span>>> kept;  // source, its passages
  for (size_t k = 0; k < linked.size(); ++k) {
    ReusePair& p = (*pairs)[linked[k]];
    if (k == 0 || (*pairs)[linked[k - 1]].derived != p.derived) covered.clear(), kept.clear();
    size_t bytes = 0, inside = 0;
    std::vector<Span> spans;
    for (const ReusePassage& ps : p.passages) {
      if (!CountsInContainment(ps, o)) continue;
      spans.push_back(ps.derived);
      bytes += ps.derived.size();
      inside += CoveredBytes(covered, ps.derived);
    }
    if (!kept.empty() && bytes > 0 &&
        static_cast<double>(inside) >= o.explained_share * static_cast<double>(bytes)) {
      // Explained by the kept source that covers most of it.
      size_t best = 0, best_bytes = 0;
      for (size_t t = 0; t < kept.size(); ++t) {
        size_t b = 0;
        for (const Span& s : spans) b += CoveredBytes(kept[t].second, s);
        if (b > best_bytes) best = t, best_bytes = b;
      }
      p.explained_by = kept[best].first;
      p.grade = ReuseGrade::kNon;
      continue;
    }
    for (const Span& s : spans) AddCovered(&covered, s);
    std::vector<Span> merged;
    for (const Span& s : spans) AddCovered(&merged, s);
    kept.emplace_back(p.source, std::move(merged));
  }
}

}  // namespace

ReusePair AlignReusePair(const std::vector<Document>& documents, uint32_t a, uint32_t b,
                         const ReuseOptions& options) {
  if (a > b) std::swap(a, b);
  PreparedText pa = Prepare(documents[a].text), pb = Prepare(documents[b].text);
  if (options.min_rare_matches > 0) {
    WordDocumentCounts counts;
    std::vector<uint64_t> words;
    for (const Document& d : documents) {
      HashTokens(NormalizeWireText(d.text, false).text, kWordSeed, &words);
      counts.Add(words);
    }
    const WordSet stock = counts.StockWords(options.stock_word_share, documents.size());
    MarkStock(stock, &pa);
    MarkStock(stock, &pb);
  }
  return AlignPrepared(documents, a, b, pa, pb, options);
}

Result<ReuseResult> FindReuse(const std::vector<Document>& documents, const ReuseOptions& options) {
  if (Status s = ValidateReuseOptions(options); !s.ok()) return s;
  if (documents.size() >= std::numeric_limits<uint32_t>::max()) {
    return InvalidArgument("FindReuse: more than 2^32 - 1 documents");
  }
  std::optional<tbb::task_arena> arena;
  if (options.threads > 0) arena.emplace(static_cast<int>(options.threads));
  ReuseResult result;
  bool too_many_fingerprints = false;
  auto run = [&] {
    const size_t n = documents.size();
    result.stats.documents = n;
    // 1. Fingerprints, as (fingerprint << 32 | document) keys.
    std::vector<std::vector<uint32_t>> prints(n);
    std::vector<uint8_t> empty(n, 0);
    const bool count_words = options.min_rare_matches > 0;
    tbb::combinable<WordDocumentCounts> word_counts;
    {
      Progress progress("reuse: index", options.show_progress ? n : 0);
      tbb::enumerable_thread_specific<FingerprintScratch> scratches;
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 64), [&](const auto& range) {
        FingerprintScratch& scratch = scratches.local();
        WordDocumentCounts& counts = word_counts.local();
        for (size_t d = range.begin(); d != range.end(); ++d) {
          Fingerprints(documents[d].text, options, &scratch, &prints[d]);
          empty[d] = scratch.words.empty();
          if (count_words) counts.Add(scratch.words);
        }
        if (options.show_progress) progress.Add(range.size());
      });
      progress.Finish();
    }
    WordSet stock;
    if (count_words) {
      WordDocumentCounts counts;
      word_counts.combine_each([&](const WordDocumentCounts& c) { counts.Merge(c); });
      stock = counts.StockWords(options.stock_word_share, n);
    }
    size_t total = 0;
    for (size_t d = 0; d < n; ++d) {
      total += prints[d].size();
      result.stats.empty_documents += empty[d];
    }
    // CandidatePairs numbers the postings with 32 bits (a corpus of tens of gigabytes).
    if (total >= std::numeric_limits<uint32_t>::max()) {
      too_many_fingerprints = true;
      return;
    }
    std::vector<uint64_t> keys = reuse_internal::SortedFingerprintKeys(&prints, total);
    result.stats.fingerprints = keys.size();
    std::vector<uint32_t> print_counts(n, 0);
    for (uint64_t key : keys) ++print_counts[static_cast<uint32_t>(key)];
    // 2. Pairs of documents in one posting list of a rare fingerprint, counted.
    std::vector<std::pair<uint32_t, uint32_t>> candidates =
        CandidatePairs(keys, print_counts, options);
    std::vector<uint64_t>().swap(keys);
    result.stats.candidate_pairs = candidates.size();
    // 3. Align the candidate pairs.
    std::vector<uint32_t> involved;
    for (const auto& [a, b] : candidates) involved.push_back(a), involved.push_back(b);
    std::sort(involved.begin(), involved.end());
    involved.erase(std::unique(involved.begin(), involved.end()), involved.end());
    std::vector<int32_t> slot(n, -1);
    for (size_t k = 0; k < involved.size(); ++k) slot[involved[k]] = static_cast<int32_t>(k);
    std::vector<PreparedText> prepared(involved.size());
    tbb::parallel_for(tbb::blocked_range<size_t>(0, involved.size(), 16), [&](const auto& range) {
      for (size_t k = range.begin(); k != range.end(); ++k) {
        prepared[k] = Prepare(documents[involved[k]].text);
        if (count_words) MarkStock(stock, &prepared[k]);
      }
    });
    std::vector<std::optional<ReusePair>> aligned(candidates.size());
    {
      Progress progress("reuse: align", options.show_progress ? candidates.size() : 0);
      tbb::parallel_for(
          tbb::blocked_range<size_t>(0, candidates.size(), 8), [&](const auto& range) {
            for (size_t c = range.begin(); c != range.end(); ++c) {
              const auto [a, b] = candidates[c];
              ReusePair p =
                  AlignPrepared(documents, a, b, prepared[slot[a]], prepared[slot[b]], options);
              if (options.min_containment == 0 ||
                  (p.containment >= options.min_containment && p.containment > 0)) {
                aligned[c] = std::move(p);
              }
            }
            if (options.show_progress) progress.Add(range.size());
          });
      progress.Finish();
    }
    for (std::optional<ReusePair>& p : aligned) {
      if (p) result.pairs.push_back(std::move(*p));
    }
    std::vector<uint8_t> wire(n, 0);
    for (size_t k = 0; k < involved.size(); ++k) wire[involved[k]] = prepared[k].wire;
    MarkExplainedPairs(documents, wire, options, &result.pairs);
    if (options.min_containment > 0) {
      std::erase_if(result.pairs, [](const ReusePair& p) { return p.explained_by.has_value(); });
    }
    std::sort(result.pairs.begin(), result.pairs.end(), [](const ReusePair& x, const ReusePair& y) {
      return std::pair(x.source, x.derived) < std::pair(y.source, y.derived);
    });
    result.stats.reported_pairs = result.pairs.size();
  };
  if (arena) {
    arena->execute(run);
  } else {
    run();
  }
  if (too_many_fingerprints) return InvalidArgument("FindReuse: more than 2^32 - 1 fingerprints");
  return result;
}

}  // namespace crossclaim
