#include "core/text.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <stdexcept>

#ifdef __BMI2__
#include <immintrin.h>
#endif

#include "core/internal/ascii_words.h"

namespace crossclaim {
namespace {

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Appends a token whose normalised form is a copy of its bytes, lower-cased.
void AppendCopiedAsciiToken(std::string_view text, uint32_t base, uint32_t b, uint32_t e,
                            TokenizedText* out) {
  Token token;
  token.orig = {base + b, base + e};
  token.norm.begin = static_cast<uint32_t>(out->norm_buffer.size());
  for (uint32_t i = b; i < e; ++i) {
    char c = text[i];
    out->norm_buffer.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  }
  token.norm.end = static_cast<uint32_t>(out->norm_buffer.size());
  out->tokens.push_back(token);
}

struct IcuTools {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;
  const icu::Normalizer2* nfkc_cf = nullptr;

  IcuTools() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
    sentences.reset(
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU initialisation failed");
  }
};

// Break iterators are not thread-safe; each thread keeps its own.
IcuTools& Icu() {
  thread_local IcuTools tools;
  return tools;
}

// Punctuation that news text writes in several ways and matching must treat as one.
UChar32 UnifyPunctuation(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x02BC:
    case 0x2032:
    case 0xFF07:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    default:
      break;
  }
  if (c == 0x00A0 || c == 0x2007 || c == 0x202F || (c >= 0x2000 && c <= 0x200A) || c == 0x3000) {
    return ' ';
  }
  return c;
}

void AppendNormalized(std::string_view text, std::string* out) {
  icu::UnicodeString src = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = Icu().nfkc_cf->normalize(src, status);
  if (U_FAILURE(status)) folded = src;
  icu::UnicodeString unified;
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    unified.append(UnifyPunctuation(c));
    i += U16_LENGTH(c);
  }
  unified.toUTF8String(*out);
}

// How a token from ICU gets its normalised form: ASCII tokens either point at the lower-cased
// copy of the text that Tokenize() keeps at the start of norm_buffer, or are copied (the
// reference tokenizer); other tokens are NFKC-case-folded and appended.
enum class AsciiNorm { kInPlace, kCopy };

void AppendToken(std::string_view text, uint32_t base, uint32_t b, uint32_t e, AsciiNorm ascii,
                 TokenizedText* out) {
  std::string_view piece = text.substr(b, e - b);
  if (IsAscii(piece)) {
    if (ascii == AsciiNorm::kCopy) return AppendCopiedAsciiToken(text, base, b, e, out);
    out->tokens.push_back({{base + b, base + e}, {base + b, base + e}});
    return;
  }
  Token token;
  token.orig = {base + b, base + e};
  token.norm.begin = static_cast<uint32_t>(out->norm_buffer.size());
  AppendNormalized(piece, &out->norm_buffer);
  token.norm.end = static_cast<uint32_t>(out->norm_buffer.size());
  out->tokens.push_back(token);
}

// ICU word segmentation of `text`, appending tokens with offsets shifted by `base`.
void TokenizeIcuChunk(std::string_view text, uint32_t base, AsciiNorm ascii, TokenizedText* out) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return;
  icu::BreakIterator& it = *Icu().words;
  it.setText(ut, status);
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    if (it.getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
      AppendToken(text, base, static_cast<uint32_t>(start), static_cast<uint32_t>(end), ascii, out);
    }
  }
  utext_close(ut);
}

void ClearTokens(TokenizedText* out) {
  out->norm_buffer.clear();
  out->tokens.clear();
}

}  // namespace

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

namespace {

enum class Scanner { kBest, kScalar };

// Writes the text with ASCII letters lower-cased into `out`, so that an ASCII token's
// normalised form is its own byte range of `out`.
void LowerAscii(std::string_view text, std::string* out) {
  out->resize(text.size());
  internal::LowerRun(text.data(), 0, text.size(), out->data());
}

// Calls on_token(begin, end) for the tokens of the ASCII runs and icu(begin, end) for the
// chunks ICU must segment, in text order. `lower`, if not null, receives the lower-cased
// bytes of the ASCII runs at their offsets.
template <typename OnToken, typename Icu>
void ScanTokens(std::string_view text, Scanner scanner, char* lower, OnToken&& on_token,
                Icu&& icu) {
  auto ascii = [&](size_t begin, size_t end) {
    if (scanner == Scanner::kBest)
      return internal::ScanAscii(text.data(), begin, end, lower, on_token);
    if (lower) internal::LowerRun(text.data(), begin, end, lower);
    internal::ScanAsciiScalar(text.data(), begin, end, on_token);
  };
  internal::SplitAtNonAscii(text, ascii, icu);
}

void TokenizeWith(std::string_view text, Scanner scanner, TokenizedText* out) {
  out->tokens.clear();
  // norm_buffer starts with a lower-cased copy of the text: an ASCII token's normalised form
  // is then its own byte range, and nothing is copied per token.
  LowerAscii(text, &out->norm_buffer);
  auto push = [out](size_t begin, size_t end) {
    const Span span{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    out->tokens.push_back({span, span});
  };
  auto icu = [&](size_t begin, size_t end) {
    TokenizeIcuChunk(text.substr(begin, end - begin), static_cast<uint32_t>(begin),
                     AsciiNorm::kInPlace, out);
  };
  ScanTokens(text, scanner, nullptr, push, icu);
}

__extension__ using Uint128 = unsigned __int128;

// The token hash of up to 16 bytes, given as two little-endian words zero-padded past
// `len`: XXH3's 9-16 byte mix (keyed words, 128-bit multiply folded, avalanche) applied to
// every length, so that no branch depends on the length.
inline uint64_t MixToken(uint64_t lo, uint64_t hi, uint64_t len, uint64_t seed) {
  const uint64_t a = lo ^ (0x1CAD21F72C81017CULL + seed);
  const uint64_t b = hi ^ (0xDB979083E96DD4DEULL - seed);
  const Uint128 product = static_cast<Uint128>(a) * b;
  uint64_t acc = len * 0x9E3779B185EBCA87ULL + __builtin_bswap64(a) + b +
                 (static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64));
  acc ^= acc >> 37;
  acc *= 0x165667919E3779F9ULL;
  return acc ^ (acc >> 32);
}

// Tokens longer than 16 bytes (rare: URLs, long numbers) chain MixToken over 16-byte pieces.
uint64_t HashLongToken(const char* p, size_t len, uint64_t seed) {
  uint64_t h = seed;
  for (size_t i = 0; i < len; i += 16) {
    uint64_t words[2] = {0, 0};
    std::memcpy(words, p + i, std::min<size_t>(16, len - i));
    h = MixToken(words[0], words[1], len, h);
  }
  return h;
}

// The low `bits` bits set (all 64 from 64 on), without a branch on `bits` (bzhi where the
// build has BMI2).
inline uint64_t LowBits(uint64_t bits) {
#ifdef __BMI2__
  return _bzhi_u64(~uint64_t{0}, static_cast<unsigned>(bits));
#else
  return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
#endif
}

// HashToken() when 16 bytes from `p` are readable: two loads, the bytes past `len` cleared
// with masks computed from the length rather than by branches on it, which would mispredict.
// (A 16-byte mask copied from a table went through the stack on every token.)
inline uint64_t HashPaddedToken(const char* p, size_t len, uint64_t seed) {
  if (len > 16) return HashLongToken(p, len, seed);
  uint64_t words[2];
  std::memcpy(words, p, 16);
  const uint64_t high_bits = len > 8 ? 8 * len - 64 : 0;
  return MixToken(words[0] & LowBits(8 * len), words[1] & LowBits(high_bits), len, seed);
}

template <typename Word>
inline Word Load(const char* p) {
  Word w;
  std::memcpy(&w, p, sizeof(w));
  return w;
}

inline uint64_t Byte(const char* p, size_t i) { return static_cast<unsigned char>(p[i]); }

// Per-thread buffers of HashTokens(), so that hashing a document allocates nothing once
// they have grown.
struct HashScratch {
  std::string lower;
  TokenizedText chunk;
};

}  // namespace

void Tokenize(std::string_view text, TokenizedText* out) {
  TokenizeWith(text, Scanner::kBest, out);
}

void TokenizeScalar(std::string_view text, TokenizedText* out) {
  TokenizeWith(text, Scanner::kScalar, out);
}

uint64_t HashToken(std::string_view norm, uint64_t seed) {
  const char* p = norm.data();
  const size_t len = norm.size();
  if (len > 16) return HashLongToken(p, len, seed);
  // The zero-padded words from overlapping loads inside the token (XXH3's way), not a
  // variable-length copy.
  uint64_t lo = 0, hi = 0;
  if (len >= 8) {
    lo = Load<uint64_t>(p);
    if (len > 8) hi = Load<uint64_t>(p + len - 8) >> (8 * (16 - len));
  } else if (len >= 4) {
    lo = Load<uint32_t>(p) | (uint64_t{Load<uint32_t>(p + len - 4)} << (8 * (len - 4)));
  } else if (len > 0) {
    lo = Byte(p, 0) | Byte(p, len / 2) << (8 * (len / 2)) | Byte(p, len - 1) << (8 * (len - 1));
  }
  return MixToken(lo, hi, len, seed);
}

void HashTokens(std::string_view text, uint64_t seed, std::vector<uint64_t>* out) {
  thread_local HashScratch scratch;
  out->clear();
  out->reserve(text.size() / 2 + 1);  // at most one token per two bytes
  // The scanner lower-cases the ASCII runs as it goes; 16 bytes of slack for the token loads.
  scratch.lower.resize(text.size() + 16);
  char* lower = scratch.lower.data();
  auto hash = [&](size_t begin, size_t end) {
    out->push_back(HashPaddedToken(lower + begin, end - begin, seed));
  };
  auto icu = [&](size_t begin, size_t end) {
    ClearTokens(&scratch.chunk);
    TokenizeIcuChunk(text.substr(begin, end - begin), 0, AsciiNorm::kCopy, &scratch.chunk);
    for (size_t i = 0; i < scratch.chunk.size(); ++i) {
      out->push_back(HashToken(scratch.chunk.norm(i), seed));
    }
  };
  ScanTokens(text, Scanner::kBest, lower, hash, icu);
}

void TokenizeWithIcu(std::string_view text, TokenizedText* out) {
  ClearTokens(out);
  TokenizeIcuChunk(text, 0, AsciiNorm::kCopy, out);
}

std::vector<std::string> NormalizedTokens(std::string_view text) {
  TokenizedText tokens;
  Tokenize(text, &tokens);
  std::vector<std::string> result;
  result.reserve(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) result.emplace_back(tokens.norm(i));
  return result;
}

std::string NormalizeForMatching(std::string_view text) {
  std::string out;
  if (IsAscii(text)) {
    out.reserve(text.size());
    for (char c : text) out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    return out;
  }
  AppendNormalized(text, &out);
  return out;
}

namespace {

// Abbreviations that ICU's standard suppressions miss and that rarely end a sentence.
constexpr std::string_view kTitleAbbreviations[] = {
    "Mr.",  "Mrs.",  "Ms.",   "Dr.",   "Gen.", "Lt.",  "Col.", "Sgt.", "Sen.",   "Rep.",
    "Gov.", "Pres.", "St.",   "Prof.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.",   "Jul.",
    "Aug.", "Sep.",  "Sept.", "Oct.",  "Nov.", "Dec.", "No.",  "vs.",  "approx."};
// Country abbreviations end sentences often ("... sanctions by the U.S."), so they only
// join a following word that does not usually start a sentence ("the U.S. President").
constexpr std::string_view kCountryAbbreviations[] = {"U.S.", "U.K.", "U.N.", "E.U."};
constexpr std::string_view kSentenceStarters[] = {
    "The",       "A",  "An",   "In",    "On",     "It",  "He",  "She",
    "They",      "We", "This", "That",  "These",  "But", "And", "However",
    "Meanwhile", "At", "As",   "After", "Before", "If",  "I"};

bool EndsWithWord(std::string_view sentence, std::string_view word) {
  if (sentence.size() < word.size()) return false;
  if (sentence.substr(sentence.size() - word.size()) != word) return false;
  if (sentence.size() == word.size()) return true;
  char before = sentence[sentence.size() - word.size() - 1];
  return before == ' ' || before == '(' || before == '"';
}

std::string_view FirstWord(std::string_view sentence) {
  size_t end = 0;
  while (end < sentence.size() && (std::isalnum(static_cast<unsigned char>(sentence[end])))) {
    ++end;
  }
  return sentence.substr(0, end);
}

bool ShouldJoin(std::string_view sentence, std::string_view next) {
  for (std::string_view abbr : kTitleAbbreviations) {
    if (EndsWithWord(sentence, abbr)) return true;
  }
  for (std::string_view abbr : kCountryAbbreviations) {
    if (!EndsWithWord(sentence, abbr)) continue;
    std::string_view first = FirstWord(next);
    if (first.empty() || !std::isupper(static_cast<unsigned char>(first[0]))) return false;
    for (std::string_view starter : kSentenceStarters) {
      if (first == starter) return false;
    }
    return true;
  }
  return false;
}

// Joins ICU sentences split after an abbreviation, within one line.
std::vector<Span> JoinAbbreviations(std::string_view text, const std::vector<Span>& spans) {
  std::vector<Span> joined;
  for (const Span& span : spans) {
    if (!joined.empty()) {
      Span& last = joined.back();
      std::string_view gap = text.substr(last.end, span.begin - last.end);
      std::string_view sentence = text.substr(last.begin, last.size());
      std::string_view next = text.substr(span.begin, span.size());
      if (gap.find('\n') == std::string_view::npos && ShouldJoin(sentence, next)) {
        last.end = span.end;
        continue;
      }
    }
    joined.push_back(span);
  }
  return joined;
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text) {
  std::vector<Span> spans;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return spans;
  icu::BreakIterator& it = *Icu().sentences;
  it.setText(ut, status);
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    uint32_t b = static_cast<uint32_t>(start);
    uint32_t e = static_cast<uint32_t>(end);
    while (b < e && IsAsciiSpace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && IsAsciiSpace(static_cast<unsigned char>(text[e - 1]))) --e;
    if (b < e) spans.push_back({b, e});
  }
  utext_close(ut);
  return JoinAbbreviations(text, spans);
}

}  // namespace crossclaim
