// What a page says about itself: JSON-LD, <meta>, <link rel=canonical>, <time>, <title>.
#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/internal/page_internal.h"

namespace crossclaim::page_internal {
namespace {
using nlohmann::json;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The few character references JSON-LD strings carry (gumbo decodes the rest of the page).
std::string DecodeReferences(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"quot", "\""}, {"apos", "'"}, {"lt", "<"}, {"gt", ">"}, {"nbsp", " "}};
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    size_t semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back(s[i]);
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    std::string replacement;
    if (name.size() > 1 && name[0] == '#') {
      unsigned long code = 0;
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      code = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end != nullptr && *end == '\0' && code > 0 && code < 0x110000 &&
          !(code >= 0xD800 && code < 0xE000)) {
        if (code < 0x80) {
          replacement.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
          replacement.push_back(static_cast<char>(0xC0 | (code >> 6)));
          replacement.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
          replacement.push_back(static_cast<char>(0xE0 | (code >> 12)));
          replacement.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
          replacement.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
          replacement.push_back(static_cast<char>(0xF0 | (code >> 18)));
          replacement.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
          replacement.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
          replacement.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
      }
    } else {
      for (const auto& [n, r] : kNamed) {
        if (name == n) replacement = r;
      }
    }
    if (replacement.empty()) {
      out.push_back(s[i]);
      continue;
    }
    out += replacement;
    i = semi;
  }
  return out;
}

std::string Clean(std::string_view s) { return CollapseSpace(DecodeReferences(s)); }

bool IsHttpUrl(std::string_view s) { return s.starts_with("http://") || s.starts_with("https://"); }

// A candidate value of one field and where it came from; the first set wins.
struct Field {
  std::string value;
  std::string source;
  void Offer(std::string v, std::string_view from) {
    if (!value.empty() || v.empty()) return;
    value = std::move(v);
    source = std::string(from);
  }
};

// The schema.org types that describe an article.
bool IsArticleType(std::string_view type) {
  static const std::set<std::string_view> kTypes = {"NewsArticle",
                                                    "Article",
                                                    "ReportageNewsArticle",
                                                    "AnalysisNewsArticle",
                                                    "OpinionNewsArticle",
                                                    "BlogPosting",
                                                    "LiveBlogPosting",
                                                    "BackgroundNewsArticle",
                                                    "ReviewNewsArticle",
                                                    "Report",
                                                    "ScholarlyArticle",
                                                    "TechArticle",
                                                    "SocialMediaPosting",
                                                    "AskPublicNewsArticle",
                                                    "SatiricalArticle",
                                                    "Blog",
                                                    "Review",
                                                    "MedicalScholarlyArticle",
                                                    "DiscussionForumPosting"};
  if (type.starts_with("http://schema.org/")) type.remove_prefix(18);
  if (type.starts_with("https://schema.org/")) type.remove_prefix(19);
  return kTypes.contains(type);
}

bool HasArticleType(const json& object) {
  auto it = object.find("@type");
  if (it == object.end()) return false;
  if (it->is_string()) return IsArticleType(it->get<std::string>());
  if (it->is_array()) {
    for (const json& t : *it) {
      if (t.is_string() && IsArticleType(t.get<std::string>())) return true;
    }
  }
  return false;
}

bool HasType(const json& object, std::string_view wanted) {
  auto it = object.find("@type");
  if (it == object.end()) return false;
  if (it->is_string()) return it->get<std::string>() == wanted;
  if (it->is_array()) {
    for (const json& t : *it) {
      if (t.is_string() && t.get<std::string>() == wanted) return true;
    }
  }
  return false;
}

// Every object of a JSON-LD value, depth first (top-level arrays and @graph unwrapped).
void CollectObjects(const json& value, int depth, std::vector<const json*>* out) {
  if (depth > 4) return;
  if (value.is_array()) {
    for (const json& v : value) CollectObjects(v, depth + 1, out);
  } else if (value.is_object()) {
    out->push_back(&value);
    auto graph = value.find("@graph");
    if (graph != value.end()) CollectObjects(*graph, depth + 1, out);
    auto main = value.find("mainEntity");
    if (main != value.end() && main->is_object()) CollectObjects(*main, depth + 1, out);
  }
}

class JsonLd {
 public:
  void Add(std::string_view text) {
    json value = json::parse(text, nullptr, false);
    if (value.is_discarded()) return;
    roots_.push_back(std::move(value));
  }

  void Resolve() {
    for (const json& root : roots_) CollectObjects(root, 0, &objects_);
    for (const json* o : objects_) {
      auto id = o->find("@id");
      if (id != o->end() && id->is_string()) by_id_.emplace(id->get<std::string>(), o);
    }
  }

  const json* Article() const {
    for (const json* o : objects_) {
      if (HasArticleType(*o)) return o;
    }
    return nullptr;
  }

  // The organisation that a page's JSON-LD describes (NewsMediaOrganization first).
  std::string OrganizationName() const {
    for (std::string_view type : {"NewsMediaOrganization", "Organization"}) {
      for (const json* o : objects_) {
        if (HasType(*o, type)) {
          std::string name = Name(*o);
          if (!name.empty()) return name;
        }
      }
    }
    return "";
  }

  // A string, an object's "name", or a reference resolved by "@id"; arrays joined by ", ".
  std::string Name(const json& v) const {
    if (v.is_string()) return Clean(v.get<std::string>());
    if (v.is_array()) {
      std::vector<std::string> names;
      for (const json& item : v) {
        std::string n = Name(item);
        if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) {
          names.push_back(std::move(n));
        }
      }
      return fmt::format("{}", fmt::join(names, ", "));
    }
    if (!v.is_object()) return "";
    auto name = v.find("name");
    if (name != v.end() && name->is_string()) return Clean(name->get<std::string>());
    auto id = v.find("@id");
    if (id != v.end() && id->is_string() && v.size() == 1) {
      auto it = by_id_.find(id->get<std::string>());
      if (it != by_id_.end() && it->second != &v) {
        auto n = it->second->find("name");
        if (n != it->second->end() && n->is_string()) return Clean(n->get<std::string>());
      }
    }
    return "";
  }

  static std::string String(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end()) return "";
    if (it->is_string()) return Clean(it->get<std::string>());
    if (it->is_array() && !it->empty() && it->front().is_string()) {
      return Clean(it->front().get<std::string>());
    }
    return "";
  }

  static std::string Url(const json& object) {
    std::string url = String(object, "url");
    if (IsHttpUrl(url)) return url;
    auto main = object.find("mainEntityOfPage");
    if (main != object.end()) {
      if (main->is_string() && IsHttpUrl(main->get<std::string>())) return main->get<std::string>();
      if (main->is_object()) {
        std::string id = String(*main, "@id");
        if (IsHttpUrl(id)) return id;
      }
    }
    return "";
  }

 private:
  std::vector<json> roots_;
  std::vector<const json*> objects_;
  std::map<std::string, const json*> by_id_;
};

// "Headline | The Site" -> "Headline" when the tail names the site (or is short).
std::string TrimTitle(std::string title, std::string_view site) {
  for (std::string_view sep : {" | ", " - ", " – ", " — ", " :: ", " · "}) {
    size_t at = title.rfind(sep);
    if (at == std::string::npos || at == 0) continue;
    std::string tail = title.substr(at + sep.size());
    if ((!site.empty() && Lower(tail).find(Lower(site)) != std::string::npos) || tail.size() < 25) {
      return title.substr(0, at);
    }
  }
  return title;
}

// The date part of a /YYYY/MM/DD/ (or /YYYY-MM-DD/) path.
std::optional<Date> DateFromUrlPath(std::string_view url) {
  for (size_t i = 0; i + 11 <= url.size(); ++i) {
    if (url[i] != '/') continue;
    std::string_view s = url.substr(i + 1);
    auto digits = [&](size_t from, size_t n) {
      if (from + n > s.size()) return false;
      for (size_t k = from; k < from + n; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
      }
      return true;
    };
    if (!digits(0, 4) || (s[4] != '/' && s[4] != '-') || !digits(5, 2) || s[7] != s[4] ||
        !digits(8, 2)) {
      continue;
    }
    if (s.size() > 10 && std::isdigit(static_cast<unsigned char>(s[10]))) continue;
    std::string iso = fmt::format("{}-{}-{}", s.substr(0, 4), s.substr(5, 2), s.substr(8, 2));
    std::optional<Date> d = Date::ParseIso(iso);
    if (d && d->year >= 1995 && d->year <= 2100) return d;
  }
  return std::nullopt;
}

// Lower-case letters and digits of `s`.
std::string Squeezed(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

// Whether a publisher name fits the page's host: "Deccan Herald" and deccanherald.com,
// "The Wall Street Journal" (initials) and wsj.com; "U.S." (a section) fits nothing.
bool NameFitsHost(std::string_view name, std::string_view host) {
  std::string squeezed = Squeezed(name);
  if (squeezed.size() < 2 || host.empty()) return false;
  std::string label = Squeezed(host.substr(0, host.find('.')));
  if (Squeezed(host).find(squeezed) != std::string::npos) return true;
  if (label.size() >= 3 && squeezed.find(label) != std::string::npos) return true;
  std::string initials;
  bool start = true;
  std::string lower = Lower(name);
  for (size_t i = 0; i < lower.size(); ++i) {
    if (std::isalnum(static_cast<unsigned char>(lower[i]))) {
      if (start && lower.compare(i, 4, "the ") != 0) initials.push_back(lower[i]);
      start = false;
    } else {
      start = true;
    }
  }
  return initials.size() >= 2 && initials == label;
}

// The outlet: the most trusted name that fits the host; else the most trusted one with four
// letters or more; else the host itself.
Field ChooseOutlet(const std::vector<std::pair<std::string, std::string>>& names,
                   const std::string& host) {
  Field out;
  for (const auto& [name, from] : names) {
    if (NameFitsHost(name, host)) out.Offer(name, from);
  }
  for (const auto& [name, from] : names) {
    if (Squeezed(name).size() >= 4) out.Offer(name, from);
  }
  out.Offer(host, "url:domain");
  return out;
}

}  // namespace

void ReadMetadata(const Dom& dom, Page* page) {
  const std::vector<DomNode>& nodes = dom.nodes();
  JsonLd ld;
  std::map<std::string, std::string> meta;  // first content per lower-cased name/property
  std::string canonical, title_tag, first_h1, time_datetime, itemprop_date;
  for (int i = 0; i < static_cast<int>(nodes.size()); ++i) {
    const DomNode& n = nodes[static_cast<size_t>(i)];
    switch (n.tag) {
      case GUMBO_TAG_SCRIPT:
        if (Lower(dom.Attribute(i, "type")) == "application/ld+json") ld.Add(dom.RawText(i));
        break;
      case GUMBO_TAG_META: {
        std::string_view content = dom.Attribute(i, "content");
        if (content.empty()) break;
        for (const char* attr : {"property", "name", "itemprop"}) {
          std::string key = Lower(dom.Attribute(i, attr));
          if (!key.empty()) meta.emplace(key, Clean(content));
        }
        break;
      }
      case GUMBO_TAG_LINK:
        if (canonical.empty() && Lower(dom.Attribute(i, "rel")) == "canonical" &&
            IsHttpUrl(dom.Attribute(i, "href"))) {
          canonical = std::string(dom.Attribute(i, "href"));
        }
        break;
      case GUMBO_TAG_TITLE:
        if (title_tag.empty()) title_tag = dom.Text(i);
        break;
      case GUMBO_TAG_H1:
        if (first_h1.empty()) first_h1 = dom.Text(i);
        break;
      case GUMBO_TAG_TIME:
        if (time_datetime.empty()) time_datetime = std::string(dom.Attribute(i, "datetime"));
        break;
      default:
        break;
    }
    if (n.tag >= 0 && itemprop_date.empty() && n.tag != GUMBO_TAG_META &&
        dom.Attribute(i, "itemprop") == "datePublished") {
      itemprop_date = std::string(dom.HasAttribute(i, "datetime") ? dom.Attribute(i, "datetime")
                                                                  : dom.Attribute(i, "content"));
      if (itemprop_date.empty()) itemprop_date = dom.Text(i);
    }
  }
  ld.Resolve();
  Field url, published, title, author;
  std::vector<std::pair<std::string, std::string>> outlets;  // (name, source), most trusted first
  struct OutletOffers {
    std::vector<std::pair<std::string, std::string>>* list;
    void Offer(std::string name, std::string_view from) const {
      if (!name.empty()) list->emplace_back(std::move(name), from);
    }
  } outlet{&outlets};
  std::optional<Date> date;
  auto offer_date = [&](std::string_view text, std::string_view from) {
    if (date || text.empty()) return;
    date = ParsePageDate(text);
    if (date && date->year < 1995) date.reset();  // placeholders such as 0001-01-01
    if (date) published.Offer(date->ToIso(), from);
  };
  if (const json* article = ld.Article()) {
    if (auto p = article->find("publisher"); p != article->end()) {
      outlet.Offer(ld.Name(*p), "json-ld:publisher.name");
    }
    offer_date(JsonLd::String(*article, "datePublished"), "json-ld:datePublished");
    offer_date(JsonLd::String(*article, "dateCreated"), "json-ld:dateCreated");
    if (auto a = article->find("author"); a != article->end()) {
      author.Offer(ld.Name(*a), "json-ld:author");
    }
    title.Offer(JsonLd::String(*article, "headline"), "json-ld:headline");
    url.Offer(JsonLd::Url(*article), "json-ld:url");
  }
  auto m = [&](const char* key) {
    auto it = meta.find(key);
    return it == meta.end() ? std::string() : it->second;
  };
  outlet.Offer(m("og:site_name"), "meta:og:site_name");
  for (const char* key :
       {"article:published_time", "og:article:published_time", "datepublished", "article.published",
        "publish-date", "publishdate", "pubdate", "parsely-pub-date", "sailthru.date",
        "dc.date.issued", "dc.date", "dcterms.date", "date", "og:published_time",
        "article:published", "original-publish-date", "publication_date"}) {
    offer_date(m(key), fmt::format("meta:{}", key));
  }
  title.Offer(m("og:title"), "meta:og:title");
  title.Offer(m("twitter:title"), "meta:twitter:title");
  if (IsHttpUrl(m("og:url"))) url.Offer(m("og:url"), "meta:og:url");
  url.Offer(canonical, "link:canonical");
  for (const char* key : {"author", "article:author", "byl", "parsely-author", "sailthru.author",
                          "dc.creator", "dcterms.creator"}) {
    std::string value = m(key);
    if (IsHttpUrl(value)) continue;  // a profile URL, not a name
    if (std::string_view(key) == "byl" && Lower(value).starts_with("by ")) value.erase(0, 3);
    author.Offer(value, fmt::format("meta:{}", key));
  }
  offer_date(itemprop_date, "itemprop:datePublished");
  offer_date(time_datetime, "time:datetime");
  outlet.Offer(ld.OrganizationName(), "json-ld:Organization.name");
  outlet.Offer(m("application-name"), "meta:application-name");
  if (!date && !url.value.empty()) {
    if (std::optional<Date> d = DateFromUrlPath(url.value)) {
      date = d;
      published.Offer(d->ToIso(), "url:path");
    }
  }
  Field chosen_outlet = ChooseOutlet(outlets, OutletFromUrl(url.value));
  title.Offer(first_h1, "h1");
  title.Offer(TrimTitle(title_tag, chosen_outlet.value), "title-tag");

  page->outlet = chosen_outlet.value;
  page->url = url.value;
  page->published = date;
  page->title = title.value;
  page->author = author.value;
  page->metadata_source.outlet = chosen_outlet.source;
  page->metadata_source.url = url.source;
  page->metadata_source.published = published.source;
  page->metadata_source.title = title.source;
  page->metadata_source.author = author.source;
}

}  // namespace crossclaim::page_internal
