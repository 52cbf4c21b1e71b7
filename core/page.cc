#include "core/page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/internal/page_internal.h"

namespace crossclaim {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int MonthNumber(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string w = Lower(word);
  if (w.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    if (w.starts_with(kMonths[m])) {
      static constexpr std::string_view kFull[] = {"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};
      if (w.size() == 3 || kFull[m].starts_with(w) || (m == 8 && w == "sept")) return m + 1;
    }
  }
  return 0;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

}  // namespace

std::optional<Date> ParsePageDate(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  if (text.size() >= 10 && AllDigits(text.substr(0, 4)) && (text[4] == '-' || text[4] == '/') &&
      text[7] == text[4] && AllDigits(text.substr(5, 2)) && AllDigits(text.substr(8, 2)) &&
      (text.size() == 10 || !std::isdigit(static_cast<unsigned char>(text[10])))) {
    return Date::ParseIso(
        fmt::format("{}-{}-{}", text.substr(0, 4), text.substr(5, 2), text.substr(8, 2)));
  }
  if (text.size() >= 8 && AllDigits(text.substr(0, 8)) && (text.size() == 8 || text[8] == 'T')) {
    return Date::ParseIso(
        fmt::format("{}-{}-{}", text.substr(0, 4), text.substr(4, 2), text.substr(6, 2)));
  }
  // Words: "Tue, 19 Nov 2019 12:00:00 GMT", "November 19, 2019", "19 November 2019".
  std::vector<std::string_view> tokens;
  for (size_t i = 0; i < text.size() && tokens.size() < 12;) {
    if (!std::isalnum(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
    tokens.push_back(text.substr(i, j - i));
    i = j;
  }
  for (size_t m = 0; m < tokens.size(); ++m) {
    const int month = MonthNumber(tokens[m]);
    if (month == 0) continue;
    int day = 0, year = 0;
    auto small = [&](size_t k) {
      if (k >= tokens.size()) return 0;
      std::string_view t = tokens[k];
      if (t.size() > 2 &&
          (t.ends_with("st") || t.ends_with("nd") || t.ends_with("rd") || t.ends_with("th"))) {
        t.remove_suffix(2);
      }
      if (t.size() > 2 || !AllDigits(t)) return 0;
      int v = std::stoi(std::string(t));
      return v >= 1 && v <= 31 ? v : 0;
    };
    day = small(m + 1);
    if (day == 0 && m > 0) day = small(m - 1);
    for (size_t k = m > 2 ? m - 2 : 0; k < std::min(tokens.size(), m + 4); ++k) {
      if (tokens[k].size() == 4 && AllDigits(tokens[k])) {
        year = std::stoi(std::string(tokens[k]));
        break;
      }
    }
    if (day == 0 || year == 0) return std::nullopt;
    return Date::ParseIso(fmt::format("{:04d}-{:02d}-{:02d}", year, month, day));
  }
  return std::nullopt;
}

std::string OutletFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view host = rest.substr(0, end);
  if (size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  if (size_t colon = host.find(':'); colon != std::string_view::npos) host = host.substr(0, colon);
  std::string h = Lower(host);
  for (std::string_view prefix : {"www.", "www1.", "www2.", "m.", "amp.", "mobile."}) {
    if (h.starts_with(prefix) && h.find('.', prefix.size()) != std::string::npos) {
      h.erase(0, prefix.size());
      break;
    }
  }
  if (h.find('.') == std::string::npos) return "";
  return h;
}

bool IsPagePath(std::string_view path) {
  std::string p = Lower(path);
  if (p.ends_with(".gz")) p.resize(p.size() - 3);
  return p.ends_with(".html") || p.ends_with(".htm") || p.ends_with(".xhtml");
}

std::string PageId(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
  std::string lower = Lower(name);
  for (std::string_view ext : {".gz", ".html", ".htm", ".xhtml"}) {
    if (lower.ends_with(ext) && lower.size() > ext.size()) {
      name.resize(name.size() - ext.size());
      lower.resize(lower.size() - ext.size());
    }
  }
  return name;
}

Result<Page> ReadPage(std::string_view bytes, const PageOptions& options) {
  using namespace page_internal;
  std::string inflated;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1F &&
      static_cast<unsigned char>(bytes[1]) == 0x8B) {
    Result<std::string> out = Gunzip(bytes, options.max_page_bytes);
    if (!out.ok()) return out.status();
    inflated = std::move(*out);
    bytes = inflated;
  }
  if (options.max_page_bytes > 0 && bytes.size() > options.max_page_bytes) {
    return InvalidArgument(fmt::format("page is {} bytes, over the limit of {} bytes", bytes.size(),
                                       options.max_page_bytes));
  }
  Page page;
  const std::string declared = options.charset.empty() ? DeclaredCharset(bytes) : options.charset;
  const bool utf16 = declared.starts_with("utf-16");
  if (!utf16 && std::memchr(bytes.data(), '\0', std::min<size_t>(bytes.size(), 4096)) != nullptr) {
    return InvalidArgument("not HTML (binary data: NUL bytes in the first 4096)");
  }
  std::string html = ToUtf8(bytes, declared, &page.charset, &page.warnings);
  if (const size_t nesting = EstimatedNesting(html); nesting > kMaxPageNesting) {
    return InvalidArgument(fmt::format("markup nested about {} elements deep, over the limit of {}",
                                       nesting, kMaxPageNesting));
  }
  Dom dom(html);
  if (!dom.has_markup()) return InvalidArgument("not HTML (no markup)");
  ReadMetadata(dom, &page);
  page.text = ExtractBody(dom, !options.extract_article, page.title);
  return page;
}

}  // namespace crossclaim
