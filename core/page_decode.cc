// Page bytes to UTF-8: gzip (zlib) and charsets (ICU).
#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/ingest.h"
#include "core/internal/page_internal.h"

namespace crossclaim::page_internal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The charset named in `content` ("text/html; charset=UTF-8"), or empty.
std::string CharsetParameter(std::string_view content) {
  std::string lower = Lower(content);
  size_t at = lower.find("charset");
  if (at == std::string::npos) return "";
  at += 7;
  while (at < lower.size() && (lower[at] == ' ' || lower[at] == '=')) ++at;
  while (at < lower.size() && (lower[at] == '"' || lower[at] == '\'')) ++at;
  size_t end = at;
  while (end < lower.size() && !std::strchr(" \t\r\n;\"'>/", lower[end])) ++end;
  return lower.substr(at, end - at);
}

// The value of attribute `name` of one tag's text ("<meta a=b c='d'"), read attribute by
// attribute so that a name inside another attribute's value is not taken; `tag` is
// lower-cased, `raw` the same bytes as written.
std::string TagAttribute(std::string_view tag, std::string_view name, std::string_view raw) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/'; };
  size_t i = tag.find_first_of(" \t\r\n/");  // past "<meta"
  while (i != std::string_view::npos && i < tag.size()) {
    while (i < tag.size() && space(tag[i])) ++i;
    size_t name_end = i;
    while (name_end < tag.size() && !space(tag[name_end]) && tag[name_end] != '=') ++name_end;
    std::string_view attr = tag.substr(i, name_end - i);
    size_t j = name_end;
    while (j < tag.size() && space(tag[j])) ++j;
    std::string value;
    if (j < tag.size() && tag[j] == '=') {
      ++j;
      while (j < tag.size() && space(tag[j]) && tag[j] != '/') ++j;
      auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
      if (j < tag.size() && (tag[j] == '"' || tag[j] == '\'')) {
        size_t close = tag.find(tag[j], j + 1);
        if (close == std::string_view::npos) close = tag.size();
        value = std::string(raw.substr(j + 1, close - j - 1));
        j = close + 1;
      } else {
        size_t close = j;
        while (close < tag.size() && !blank(tag[close])) ++close;
        value = std::string(raw.substr(j, close - j));
        j = close;
      }
    }
    if (attr == name) return value;
    if (j <= i) break;
    i = j;
  }
  return "";
}

}  // namespace

Result<std::string> Gunzip(std::string_view bytes, size_t max_bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return DataLoss("gzip: cannot start zlib");
  std::string out;
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buffer, sizeof(buffer) - stream.avail_out);
    if (max_bytes > 0 && out.size() > max_bytes) {
      inflateEnd(&stream);
      return InvalidArgument(
          fmt::format("page is over the limit of {} bytes once decompressed", max_bytes));
    }
    if (rc == Z_STREAM_END) {
      // Another member may follow (concatenated gzip files).
      if (stream.avail_in == 0) break;
      if (inflateReset(&stream) != Z_OK) break;
    }
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    return DataLoss(fmt::format("corrupt or truncated gzip data ({})",
                                rc == Z_OK || rc == Z_BUF_ERROR ? "unexpected end" : "bad data"));
  }
  return out;
}

size_t EstimatedNesting(std::string_view html) {
  static constexpr std::string_view kNotNesting[] = {
      "area",   "base",     "br",       "col",     "embed", "hr",    "img",   "input", "link",
      "meta",   "param",    "source",   "track",   "wbr",   "p",     "li",    "dt",    "dd",
      "option", "optgroup", "tr",       "td",      "th",    "thead", "tbody", "tfoot", "rb",
      "rt",     "rp",       "colgroup", "caption", "html",  "head",  "body"};
  long depth = 0, deepest = 0;
  for (size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    size_t start = at + 1;
    const bool end_tag = start < html.size() && html[start] == '/';
    if (end_tag) ++start;
    size_t stop = start;
    while (stop < html.size() && std::isalnum(static_cast<unsigned char>(html[stop]))) ++stop;
    if (stop == start || stop - start > 16) continue;
    std::string name = Lower(html.substr(start, stop - start));
    if (std::find(std::begin(kNotNesting), std::end(kNotNesting), name) != std::end(kNotNesting)) {
      continue;
    }
    size_t close = html.find('>', stop);
    if (!end_tag && close != std::string_view::npos && close > stop && html[close - 1] == '/') {
      continue;  // <x/>
    }
    depth += end_tag ? -1 : 1;
    if (depth < 0) depth = 0;
    deepest = std::max(deepest, depth);
  }
  return static_cast<size_t>(deepest);
}

std::string DeclaredCharset(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return "utf-8";
  if (bytes.starts_with("\xFE\xFF")) return "utf-16be";
  if (bytes.starts_with("\xFF\xFE")) return "utf-16le";
  std::string_view head = bytes.substr(0, 4096);
  std::string lower = Lower(head);
  size_t at = 0;
  while ((at = lower.find("<meta", at)) != std::string::npos) {
    size_t close = lower.find('>', at);
    if (close == std::string::npos) close = lower.size();
    std::string_view tag(lower.data() + at, close - at);
    std::string_view raw(head.data() + at, close - at);
    std::string charset = Lower(TagAttribute(tag, "charset", raw));
    if (charset.empty()) {
      std::string equiv = Lower(TagAttribute(tag, "http-equiv", raw));
      if (equiv == "content-type") charset = CharsetParameter(TagAttribute(tag, "content", raw));
    }
    if (!charset.empty()) return charset;
    at = close;
  }
  return "";
}

std::string ToUtf8(std::string_view bytes, const std::string& charset, std::string* used,
                   std::vector<std::string>* warnings) {
  std::string label = charset;
  // The WHATWG encoding standard reads these labels as windows-1252 (browsers do too).
  static constexpr std::string_view kLatin1[] = {
      "iso-8859-1", "latin1",   "l1",    "ascii",  "us-ascii",   "iso8859-1",   "iso_8859-1",
      "cp1252",     "x-cp1252", "cp819", "ibm819", "iso-ir-100", "windows-1252"};
  if (std::find(std::begin(kLatin1), std::end(kLatin1), label) != std::end(kLatin1)) {
    label = "windows-1252";
  }
  if (label == "utf8" || label == "unicode-1-1-utf-8") label = "utf-8";
  if (label.empty()) label = IsValidUtf8(bytes) ? "utf-8" : "windows-1252";
  if (label.starts_with("utf-16") && bytes.size() >= 2 &&
      (bytes.starts_with("\xFE\xFF") || bytes.starts_with("\xFF\xFE"))) {
    bytes.remove_prefix(2);
  } else if (label.starts_with("utf-16")) {
    // A <meta> naming UTF-16 in bytes that are ASCII-readable is wrong (the standard says: UTF-8).
    label = "utf-8";
  }
  if (label == "utf-8") {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    *used = "utf-8";
    std::string out(bytes);
    size_t repairs = RepairUtf8(&out);
    if (repairs > 0) {
      warnings->push_back(
          fmt::format("{} invalid UTF-8 sequence(s) replaced with U+FFFD", repairs));
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(label.c_str(), &status);
  if (U_FAILURE(status)) {
    warnings->push_back(
        fmt::format("unknown charset \"{}\"; read as windows-1252", QuoteInput(label)));
    label = "windows-1252";
    status = U_ZERO_ERROR;
    conv = ucnv_open(label.c_str(), &status);
    if (U_FAILURE(status)) {  // ICU without windows-1252 data: keep the bytes, repaired
      *used = "utf-8";
      std::string out(bytes);
      RepairUtf8(&out);
      return out;
    }
  }
  UConverter* utf8 = ucnv_open("UTF-8", &status);
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  status = U_ZERO_ERROR;
  ucnv_convertEx(utf8, conv, &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  ucnv_close(utf8);
  ucnv_close(conv);
  if (U_FAILURE(status)) {
    warnings->push_back(fmt::format("charset {}: conversion failed ({}); bytes read as UTF-8",
                                    QuoteInput(label), u_errorName(status)));
    *used = "utf-8";
    std::string raw(bytes);
    RepairUtf8(&raw);
    return raw;
  }
  out.resize(static_cast<size_t>(target - out.data()));
  *used = label;
  RepairUtf8(&out);  // converters emit U+FFFD already; this is a guard
  return out;
}

}  // namespace crossclaim::page_internal
