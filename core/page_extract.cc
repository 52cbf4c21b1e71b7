// The article body of a page: chrome dropped, the best-scoring container, its paragraphs.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <unordered_set>

#include "core/internal/page_internal.h"

namespace crossclaim::page_internal {
namespace {

// Class/id words that name page chrome; an element carrying one (and none of kContentWords)
// is dropped with its subtree.
constexpr std::string_view kChromeWords[] = {
    "share",       "sharing",    "social",        "related",    "recommended", "recommendations",
    "newsletter",  "subscribe",  "subscription",  "signup",     "cookie",      "cookies",
    "consent",     "gdpr",       "comment",       "comments",   "disqus",      "promo",
    "promotion",   "advert",     "advertisement", "ad",         "ads",         "adv",
    "sponsor",     "sponsored",  "outbrain",      "taboola",    "sidebar",     "breadcrumb",
    "breadcrumbs", "byline",     "caption",       "credit",     "credits",     "tags",
    "toolbar",     "pagination", "popup",         "modal",      "overlay",     "trending",
    "popular",     "readmore",   "nav",           "navigation", "menu",        "footer",
    "masthead",    "banner",     "widget",        "rail",       "teaser",      "teasers",
    "author",      "bio",        "dateline",      "timestamp",  "meta",        "print",
    "hidden",      "skip",       "tooltip",       "disclaimer", "paywall",     "login",
    "newsletters", "follow",     "carousel",      "gallery",    "slideshow",   "video",
    "embed",       "inline-ad",  "affiliate",     "more",       "next",        "prev",
    "tools",       "utility",    "header",        "topics",     "keywords",    "categories",
};

// Class/id words that name the article's own container.
constexpr std::string_view kContentWords[] = {
    "article", "body", "content", "entry", "main", "post", "story", "text", "prose", "blog",
};

bool HasWord(const std::string& words, std::string_view word) {
  size_t at = 0;
  while ((at = words.find(word, at)) != std::string::npos) {
    if (words[at - 1] == ' ' && words[at + word.size()] == ' ') return true;
    at += word.size();
  }
  return false;
}

template <size_t N>
bool HasAnyWord(const std::string& words, const std::string_view (&list)[N]) {
  if (words.size() <= 1) return false;
  for (std::string_view w : list) {
    if (HasWord(words, w)) return true;
  }
  return false;
}

// Elements that never hold article text.
bool AlwaysDroppedTag(int tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_MAP:
      return true;
    default:
      return false;
  }
}

// Page furniture, unless a site wraps its whole page in one (ASP.NET's <form>).
bool SometimesDroppedTag(int tag) {
  switch (tag) {
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DETAILS:
      return true;
    default:
      return false;
  }
}

bool Hidden(const Dom& dom, int i) {
  if (dom.HasAttribute(i, "hidden")) return true;
  if (dom.Attribute(i, "aria-hidden") == "true") return true;
  std::string style(dom.Attribute(i, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

bool IsHeading(int tag) { return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6; }

// A run of inline text between block boundaries.
struct Block {
  int container = -1;  // innermost block-level element holding the text
  std::string text;    // collapsed
  size_t chars = 0;    // code points
  size_t link_chars = 0;
  int heading = 0;  // 1..6 inside <hN>, else 0
  bool list_item = false;
  bool quote = false;
};

// Stands for a <br> in a block's raw text until white space is collapsed.
constexpr char kLineBreak = '\x01';

// kLineBreak (with the spaces around it) to "\n"; at most one empty line in a row, none at
// the ends.
std::string BreakLines(const std::string& text) {
  if (text.find(kLineBreak) == std::string::npos) return text;
  std::string out;
  int breaks = 0;
  for (char c : text) {
    if (c == kLineBreak) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      ++breaks;
      continue;
    }
    if (breaks > 0) {
      if (c == ' ') continue;
      if (!out.empty()) out += breaks > 1 ? "\n\n" : "\n";
      breaks = 0;
    }
    out.push_back(c);
  }
  return out;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// "Published 4 November 2023", "Updated: Nov. 19, 2019 5:40 p.m. ET": a short block that
// states a date.
bool LooksLikeDateline(std::string_view text) {
  size_t words = 1;
  for (char c : text) words += c == ' ';
  return words <= 10 && ParsePageDate(text).has_value();
}

// Lower-cased copy.
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words of a block that name page chrome when they make up a label of a few words
// ("Advertisement", "Comments", "Like this:", "Share this story").
constexpr std::string_view kChromeLabelWords[] = {
    "advert",  "advertisement", "ad",    "comments", "comment", "share",     "like",
    "loading", "related",       "tweet", "email",    "print",   "subscribe", "sponsored",
    "follow",  "recommended",   "more",  "previous", "next",    "reply",     "save"};

// Phrases of promotion boxes ("Sign up for our newsletter", "Follow her on Twitter"); a
// short block with two of them is chrome.
constexpr std::string_view kPromoPhrases[] = {"subscribe",
                                              "subscription",
                                              "newsletter",
                                              "sign up",
                                              "inbox",
                                              "click here",
                                              "follow us",
                                              "follow him",
                                              "follow her",
                                              "follow me",
                                              "twitter",
                                              "facebook",
                                              "instagram",
                                              "delivered",
                                              "download our",
                                              "our app",
                                              "join our",
                                              "have a tip",
                                              "all rights reserved",
                                              "copyright",
                                              "terms of use",
                                              "privacy policy",
                                              "cookies"};

bool LooksLikeChrome(std::string_view text) {
  std::string lower = Lower(text);
  std::vector<std::string> words;
  std::string word;
  for (char c : lower) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  if (words.size() <= 4) {
    for (const std::string& w : words) {
      for (std::string_view label : kChromeLabelWords) {
        if (w == label) return true;
      }
    }
  }
  if (text.size() > 300) return false;
  int promo = 0;
  for (std::string_view phrase : kPromoPhrases) promo += lower.find(phrase) != std::string::npos;
  return promo >= 2;
}

class Extractor {
 public:
  Extractor(const Dom& dom, std::string_view title)
      : dom_(dom), nodes_(dom.nodes()), title_(title) {}

  std::string Run(bool whole_page) {
    MarkDropped(whole_page);
    CollectBlocks();
    if (whole_page) return Join(blocks_, [](const Block&) { return true; });
    ScoreContainers();
    const int top = TopCandidate();
    if (top < 0) return "";
    std::vector<char> chosen = ChooseRoots(top);
    return Join(blocks_, [&](const Block& b) { return chosen[Index(b.container)] && Keep(b); });
  }

 private:
  static size_t Index(int i) { return static_cast<size_t>(i); }
  const DomNode& node(int i) const { return nodes_[Index(i)]; }

  // Drops chrome subtrees. Tags that never hold article text go whatever their size; the
  // rest (chrome class/id words, <header>, <form>, <aside>, hidden elements) only when they
  // hold less than half of the page's text: some sites wrap the whole page in one.
  void MarkDropped(bool whole_page) {
    const size_t n_nodes = nodes_.size();
    // Per subtree: letters of text; of paragraph text (in a <p>); of quoted text.
    std::vector<size_t> chars(n_nodes, 0), p_chars(n_nodes, 0), quote_chars(n_nodes, 0);
    for (size_t i = n_nodes; i-- > 0;) {
      const DomNode& n = nodes_[i];
      if (n.tag < 0) {
        for (char c : n.text) chars[i] += !std::isspace(static_cast<unsigned char>(c));
        int block = n.parent;
        while (block >= 0 && IsInlineTag(node(block).tag) && node(block).tag != GUMBO_TAG_A) {
          block = node(block).parent;
        }
        if (block >= 0 && node(block).tag == GUMBO_TAG_P) p_chars[i] = chars[i];
      }
      if (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE) chars[i] = p_chars[i] = 0;
      if (n.tag == GUMBO_TAG_BLOCKQUOTE) quote_chars[i] = chars[i];
      if (n.parent >= 0) {
        chars[Index(n.parent)] += chars[i];
        p_chars[Index(n.parent)] += p_chars[i];
        quote_chars[Index(n.parent)] += quote_chars[i];
      }
    }
    const size_t page_chars = n_nodes > 0 ? chars[0] : 0;
    const size_t page_p_chars = n_nodes > 0 ? p_chars[0] : 0;
    // Holds most of the page's (paragraph) text, or is mostly a quotation (an embedded post).
    auto spared = [&](int i) {
      const size_t k = Index(i);
      return 2 * chars[k] >= page_chars || 2 * p_chars[k] > page_p_chars ||
             (quote_chars[k] > 0 && 2 * quote_chars[k] >= chars[k]);
    };
    dropped_.assign(n_nodes, 0);
    for (int i = 0; i < static_cast<int>(n_nodes); ++i) {
      const DomNode& n = node(i);
      if (n.tag < 0) continue;
      bool drop = false;
      if (whole_page) {
        drop = n.tag == GUMBO_TAG_HEAD || n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE ||
               n.tag == GUMBO_TAG_NOSCRIPT || n.tag == GUMBO_TAG_TEMPLATE;
      } else if (AlwaysDroppedTag(n.tag)) {
        drop = true;
      } else if (n.tag != GUMBO_TAG_BODY && n.tag != GUMBO_TAG_HTML) {
        const bool chrome =
            SometimesDroppedTag(n.tag) || Hidden(dom_, i) ||
            (n.tag != GUMBO_TAG_ARTICLE && n.tag != GUMBO_TAG_MAIN &&
             HasAnyWord(n.words, kChromeWords) && !HasAnyWord(n.words, kContentWords));
        drop = chrome && !spared(i);
      }
      if (drop) {
        std::fill(dropped_.begin() + i, dropped_.begin() + n.end, 1);
        i = n.end - 1;
      }
    }
  }

  // Blocks in document order; a block boundary at every non-inline element's start and end.
  struct Open {
    int index;
    int end;
  };

  void CollectBlocks() {
    std::vector<Open> open;
    Block current;
    std::string raw;
    int links_open = 0;
    auto innermost_block = [&]() {
      for (auto it = open.rbegin(); it != open.rend(); ++it) {
        if (!IsInlineTag(node(it->index).tag)) return it->index;
      }
      return 0;
    };
    auto flush = [&]() {
      current.text = BreakLines(CollapseSpace(raw));
      if (!current.text.empty()) {
        current.chars = CodePoints(current.text);
        current.link_chars = std::min(current.link_chars, current.chars);
        blocks_.push_back(std::move(current));
      }
      current = Block();
      raw.clear();
    };
    const int n = static_cast<int>(nodes_.size());
    for (int i = 0; i <= n; ++i) {
      while (!open.empty() && open.back().end <= i) {
        const int closed = open.back().index;
        open.pop_back();
        if (node(closed).tag == GUMBO_TAG_A) --links_open;
        if (!IsInlineTag(node(closed).tag)) flush();
      }
      if (i == n) break;
      const DomNode& d = node(i);
      if (dropped_[Index(i)]) {
        if (d.tag >= 0 && !IsInlineTag(d.tag)) flush();
        i = d.end - 1;
        continue;
      }
      if (d.tag < 0) {
        if (raw.empty() || current.container < 0) {
          current.container = innermost_block();
          SetKind(&current, open);
        }
        raw.append(d.text);
        if (links_open > 0) current.link_chars += CodePoints(CollapseSpace(d.text)) + 1;
        continue;
      }
      if (d.tag == GUMBO_TAG_BR) {
        raw.push_back(kLineBreak);
        continue;
      }
      if (!IsInlineTag(d.tag)) flush();
      if (d.tag == GUMBO_TAG_A) ++links_open;
      open.push_back({i, d.end});
    }
  }

  void SetKind(Block* block, const std::vector<Open>& open) const {
    for (const auto& o : open) {
      const int tag = node(o.index).tag;
      if (IsHeading(tag)) block->heading = tag - GUMBO_TAG_H1 + 1;
      if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT)
        block->list_item = true;
      if (tag == GUMBO_TAG_BLOCKQUOTE) block->quote = true;
    }
  }

  double ClassWeight(int i) const {
    const std::string& w = node(i).words;
    double weight = 0;
    if (HasAnyWord(w, kContentWords)) weight += 25;
    if (HasAnyWord(w, kChromeWords)) weight -= 25;
    if (dom_.Attribute(i, "itemprop") == "articleBody") weight += 50;
    return weight;
  }

  double TagWeight(int tag) const {
    switch (tag) {
      case GUMBO_TAG_ARTICLE:
        return 10;
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_MAIN:
        return 5;
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_BLOCKQUOTE:
        return 3;
      case GUMBO_TAG_OL:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_DD:
      case GUMBO_TAG_DT:
      case GUMBO_TAG_LI:
      case GUMBO_TAG_ADDRESS:
        return -3;
      case GUMBO_TAG_TH:
      case GUMBO_TAG_H1:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
        return -5;
      default:
        return 0;
    }
  }

  void ScoreContainers() {
    const size_t n = nodes_.size();
    score_.assign(n, 0);
    scored_.assign(n, 0);
    text_chars_.assign(n, 0);
    link_chars_.assign(n, 0);
    for (const Block& b : blocks_) {
      // Text and link totals for every ancestor of the block.
      for (int a = b.container; a >= 0; a = node(a).parent) {
        text_chars_[Index(a)] += b.chars;
        link_chars_[Index(a)] += b.link_chars;
      }
      if (b.chars < 25 || b.heading > 0) continue;
      double commas = 0;
      for (char c : b.text) commas += c == ',';
      const double s = 1 + commas + std::min(std::floor(static_cast<double>(b.chars) / 100), 3.0);
      int a = node(b.container).parent;
      for (int level = 0; a >= 0 && level < 5; ++level, a = node(a).parent) {
        if (!scored_[Index(a)]) {
          scored_[Index(a)] = 1;
          score_[Index(a)] = TagWeight(node(a).tag) + ClassWeight(a);
        }
        const double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        score_[Index(a)] += s / divider;
      }
    }
  }

  double LinkDensity(int i) const {
    const size_t t = text_chars_[Index(i)];
    return t == 0 ? 0 : static_cast<double>(link_chars_[Index(i)]) / static_cast<double>(t);
  }

  int TopCandidate() const {
    int best = -1;
    double best_score = 0;
    for (int i = 0; i < static_cast<int>(nodes_.size()); ++i) {
      if (!scored_[Index(i)]) continue;
      const int tag = node(i).tag;
      if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY) continue;
      const double s = score_[Index(i)] * (1 - LinkDensity(i));
      if (s > best_score) {
        best_score = s;
        best = i;
      }
    }
    if (best < 0) {
      for (int i = 0; i < static_cast<int>(nodes_.size()); ++i) {
        if (node(i).tag == GUMBO_TAG_BODY) return i;
      }
    }
    return best;
  }

  // The elements whose blocks form the body: the top candidate and its good siblings.
  std::vector<char> ChooseRoots(int top) const {
    std::vector<char> chosen(nodes_.size(), 0);
    auto choose = [&](int i) { std::fill(chosen.begin() + i, chosen.begin() + node(i).end, 1); };
    const int parent = node(top).parent;
    if (parent < 0) {
      choose(top);
      return chosen;
    }
    const double top_score = score_[Index(top)] * (1 - LinkDensity(top));
    const double threshold = std::max(10.0, top_score * 0.2);
    for (int c = parent + 1; c < node(parent).end; c = node(c).end) {
      if (c == top) {
        choose(c);
        continue;
      }
      if (dropped_[Index(c)] || node(c).tag < 0) continue;
      double s = scored_[Index(c)] ? score_[Index(c)] * (1 - LinkDensity(c)) : 0;
      if (s >= threshold) {
        choose(c);
        continue;
      }
      if (node(c).tag == GUMBO_TAG_P) {
        const double density = LinkDensity(c);
        const size_t chars = text_chars_[Index(c)];
        if ((chars > 80 && density < 0.25) || (chars > 0 && density == 0)) choose(c);
      }
    }
    // An article cut into chunks ("body" containers between ad rails): other containers
    // scoring close to the top one, under a common ancestor at most kChunkLevels up.
    constexpr int kChunkLevels = 3;
    int ancestor = top;
    for (int level = 0; level < kChunkLevels && node(ancestor).parent >= 0; ++level) {
      ancestor = node(ancestor).parent;
    }
    for (int c = ancestor; c < node(ancestor).end; ++c) {
      if (chosen[Index(c)] || !scored_[Index(c)] || dropped_[Index(c)]) continue;
      if (c < top && node(c).end > top) continue;  // an ancestor of the top candidate
      const double s = score_[Index(c)] * (1 - LinkDensity(c));
      if (s >= 0.5 * top_score) {
        choose(c);
        c = node(c).end - 1;
      }
    }
    return chosen;
  }

  bool Keep(const Block& b) const {
    const double density =
        b.chars == 0 ? 0 : static_cast<double>(b.link_chars) / static_cast<double>(b.chars);
    if (b.heading == 1) return false;  // the headline: it is the title
    if (b.heading > 0 && !title_.empty() && b.text == title_) return false;
    if (density > (b.quote ? 0.8 : 0.5)) return false;
    if (LooksLikeDateline(b.text)) return false;
    if (LooksLikeChrome(b.text)) return false;
    return true;
  }

  template <typename Pred>
  static std::string Join(const std::vector<Block>& blocks, Pred keep) {
    std::string out;
    for (const Block& b : blocks) {
      if (!keep(b)) continue;
      if (!out.empty()) out += "\n\n";
      out += b.text;
    }
    return out;
  }

  const Dom& dom_;
  const std::vector<DomNode>& nodes_;
  std::string_view title_;
  std::vector<char> dropped_;
  std::vector<Block> blocks_;
  std::vector<double> score_;
  std::vector<char> scored_;
  std::vector<size_t> text_chars_;
  std::vector<size_t> link_chars_;
};

}  // namespace

std::string ExtractBody(const Dom& dom, bool whole_page, std::string_view title) {
  return Extractor(dom, title).Run(whole_page);
}

}  // namespace crossclaim::page_internal
