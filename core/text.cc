#include "core/text.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <cctype>
#include <memory>
#include <stdexcept>

namespace crossclaim {
namespace {

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// UAX #29 word-break classes of the ASCII characters that join words.
enum AsciiClass : uint8_t {
  kOther, kLetter, kDigit, kMidNum, kMidNumLet, kExtendNumLet, kSpace, kNonAscii
};

constexpr AsciiClass ClassOf(unsigned char c) {
  // ICU's word rules class '@' with the letters (for e-mail addresses).
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') return kLetter;
  if (c >= '0' && c <= '9') return kDigit;
  if (c == ',' || c == ';') return kMidNum;
  if (c == '.' || c == '\'') return kMidNumLet;
  if (c == '_') return kExtendNumLet;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return kSpace;
  if (c >= 0x80) return kNonAscii;
  return kOther;
}

struct AsciiTable {
  AsciiClass cls[256];
  constexpr AsciiTable() : cls() {
    for (int c = 0; c < 256; ++c) cls[c] = ClassOf(static_cast<unsigned char>(c));
  }
};
constexpr AsciiTable kAscii;

// ICU tailors UAX #29 so that ':' is not a MidLetter; '.' and '\'' join both kinds.
bool JoinsLetters(AsciiClass c) { return c == kMidNumLet; }
bool JoinsDigits(AsciiClass c) { return c == kMidNum || c == kMidNumLet; }
bool IsWordChar(AsciiClass c) { return c == kLetter || c == kDigit || c == kExtendNumLet; }

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
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0xFF07:
      return '\'';
    case 0x201C: case 0x201D: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
      return '-';
    default:
      break;
  }
  if (c == 0x00A0 || c == 0x2007 || c == 0x202F || (c >= 0x2000 && c <= 0x200A) ||
      c == 0x3000) {
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

void Tokenize(std::string_view text, TokenizedText* out) {
  const size_t n = text.size();
  out->tokens.clear();
  // norm_buffer starts with a lower-cased copy of the text: an ASCII token's normalised form
  // is then its own byte range, and nothing is copied per token.
  out->norm_buffer.resize(n);
  char* norm = out->norm_buffer.data();
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    norm[i] = static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c + 32 : c);
  }
  auto cls = [&](size_t i) { return kAscii.cls[static_cast<unsigned char>(text[i])]; };
  // One pass by the UAX #29 rules that apply to ASCII (WB5-WB13b). Word boundaries always
  // fall on both sides of ASCII white space, so a white-space-free chunk holding a non-ASCII
  // byte is handed to ICU whole, dropping what the fast path found in it so far.
  size_t chunk_start = 0;
  size_t chunk_tokens = 0;
  size_t i = 0;
  while (i < n) {
    AsciiClass c = cls(i);
    if (c == kSpace) {
      chunk_start = ++i;
      chunk_tokens = out->tokens.size();
      continue;
    }
    if (c == kNonAscii) {
      out->tokens.resize(chunk_tokens);
      size_t end = i;
      while (end < n && cls(end) != kSpace) ++end;
      TokenizeIcuChunk(text.substr(chunk_start, end - chunk_start), static_cast<uint32_t>(chunk_start),
                       AsciiNorm::kInPlace, out);
      i = end;
      continue;
    }
    if (!IsWordChar(c)) {
      ++i;
      continue;
    }
    size_t start = i;
    bool has_alnum = c != kExtendNumLet;
    ++i;
    while (i < n) {
      AsciiClass cur = cls(i);
      if (IsWordChar(cur)) {
        has_alnum |= cur != kExtendNumLet;
        ++i;
        continue;
      }
      // A joiner stays inside the word only between two letters or two digits.
      if (i + 1 < n) {
        AsciiClass prev = cls(i - 1);
        AsciiClass next = cls(i + 1);
        bool letters = prev == kLetter && next == kLetter && JoinsLetters(cur);
        bool digits = prev == kDigit && next == kDigit && JoinsDigits(cur);
        if (letters || digits) {
          i += 2;
          continue;
        }
      }
      break;
    }
    // ICU gives a lone "_" no word status, but any joined run ("__", "_a") one.
    if (has_alnum || i - start >= 2) {
      Span span{static_cast<uint32_t>(start), static_cast<uint32_t>(i)};
      out->tokens.push_back({span, span});
    }
  }
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
    "Mr.",  "Mrs.", "Ms.",  "Dr.",  "Gen.", "Lt.",  "Col.", "Sgt.", "Sen.", "Rep.",
    "Gov.", "Pres.", "St.", "Prof.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
    "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "No.", "vs.", "approx."};
// Country abbreviations end sentences often ("... sanctions by the U.S."), so they only
// join a following word that does not usually start a sentence ("the U.S. President").
constexpr std::string_view kCountryAbbreviations[] = {"U.S.", "U.K.", "U.N.", "E.U."};
constexpr std::string_view kSentenceStarters[] = {
    "The", "A",  "An", "In", "On", "It", "He", "She", "They", "We", "This", "That", "These",
    "But", "And", "However", "Meanwhile", "At", "As", "After", "Before", "If", "I"};

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
