// The page's DOM: gumbo's tree, flattened into document order.
#include <gumbo.h>

#include <cctype>
#include <cstdlib>
#include <cstring>

#include "core/internal/page_internal.h"

namespace crossclaim::page_internal {

// Every block gumbo allocates, on a doubly linked list: freeing the list releases the whole
// tree without gumbo_destroy_output's recursion (which deep nesting would overflow).
struct Dom::Arena {
  struct Header {
    Header* prev;
    Header* next;
  };
  Header head{&head, &head};

  static void* Allocate(void* userdata, size_t size) {
    Arena* arena = static_cast<Arena*>(userdata);
    auto* block = static_cast<Header*>(std::malloc(sizeof(Header) + size));
    if (block == nullptr) std::abort();  // as gumbo's own malloc default would fail
    block->prev = &arena->head;
    block->next = arena->head.next;
    arena->head.next->prev = block;
    arena->head.next = block;
    return block + 1;
  }
  static void Deallocate(void*, void* pointer) {
    if (pointer == nullptr) return;
    Header* block = static_cast<Header*>(pointer) - 1;
    block->prev->next = block->next;
    block->next->prev = block->prev;
    std::free(block);
  }
  ~Arena() {
    for (Header* block = head.next; block != &head;) {
      Header* next = block->next;
      std::free(block);
      block = next;
    }
  }
};

namespace {

// " article body main " from class="articleBody main-col" id="x": lower-cased words, split
// at non-alphanumerics and lower-to-upper case changes, each followed by a space.
void AppendWords(const char* value, std::string* out) {
  if (value == nullptr) return;
  bool in_word = false;
  char prev = 0;
  for (const char* p = value; *p != '\0'; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    const bool alnum = std::isalnum(c) != 0;
    if (alnum && in_word && std::isupper(c) && std::islower(static_cast<unsigned char>(prev))) {
      out->push_back(' ');
    }
    if (alnum) {
      out->push_back(static_cast<char>(std::tolower(c)));
      in_word = true;
    } else if (in_word) {
      out->push_back(' ');
      in_word = false;
    }
    prev = *p;
  }
  if (in_word) out->push_back(' ');
}

const char* FindAttribute(const GumboNode* node, const char* name) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

}  // namespace

Dom::Dom(std::string_view utf8_html) : arena_(new Arena) {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::Allocate;
  options.deallocator = &Arena::Deallocate;
  options.userdata = arena_;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, utf8_html.data(), utf8_html.size());
  // Flatten with an explicit stack: (node, parent index).
  struct Pending {
    const GumboNode* node;
    int parent;
  };
  std::vector<Pending> stack = {{output->root, -1}};
  std::vector<int> open;  // indices whose `end` is still to be set, innermost last
  while (!stack.empty()) {
    Pending p = stack.back();
    stack.pop_back();
    while (!open.empty() && open.back() != p.parent) {
      nodes_[static_cast<size_t>(open.back())].end = static_cast<int>(nodes_.size());
      open.pop_back();
    }
    const GumboNode* node = p.node;
    DomNode out;
    out.node = node;
    out.parent = p.parent;
    const GumboVector* children = nullptr;
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      out.tag = node->v.element.tag;
      if (node->v.element.original_tag.length > 0) has_markup_ = true;
      out.words.push_back(' ');
      AppendWords(FindAttribute(node, "class"), &out.words);
      AppendWords(FindAttribute(node, "id"), &out.words);
      children = &node->v.element.children;
    } else if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
               node->type == GUMBO_NODE_CDATA) {
      out.tag = -1;
      out.text = node->v.text.text;
    } else {
      continue;  // comments; the document node is never pushed
    }
    const int index = static_cast<int>(nodes_.size());
    nodes_.push_back(std::move(out));
    nodes_.back().end = index + 1;
    if (children != nullptr && children->length > 0) {
      open.push_back(index);
      for (unsigned i = children->length; i-- > 0;) {
        stack.push_back({static_cast<const GumboNode*>(children->data[i]), index});
      }
    }
  }
  for (int i : open) nodes_[static_cast<size_t>(i)].end = static_cast<int>(nodes_.size());
  // The output itself is released with the arena: gumbo_destroy_output would recurse.
}

Dom::~Dom() { delete arena_; }

std::string_view Dom::Attribute(int i, const char* name) const {
  const char* value = FindAttribute(nodes_[static_cast<size_t>(i)].node, name);
  return value == nullptr ? std::string_view() : std::string_view(value);
}

bool Dom::HasAttribute(int i, const char* name) const {
  return FindAttribute(nodes_[static_cast<size_t>(i)].node, name) != nullptr;
}

std::string Dom::RawText(int i) const {
  std::string raw;
  for (int j = i; j < nodes_[static_cast<size_t>(i)].end; ++j) {
    raw.append(nodes_[static_cast<size_t>(j)].text);
  }
  return raw;
}

std::string Dom::Text(int i) const {
  std::string raw;
  const DomNode& root = nodes_[static_cast<size_t>(i)];
  for (int j = i; j < root.end; ++j) {
    const DomNode& n = nodes_[static_cast<size_t>(j)];
    if (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE) {
      j = n.end - 1;
      continue;
    }
    if (n.tag < 0) {
      raw.append(n.text);
    } else if (j > i && !IsInlineTag(n.tag)) {
      raw.push_back(' ');
    }
  }
  return CollapseSpace(raw);
}

bool IsInlineTag(int tag) {
  switch (tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_NOBR:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_UNKNOWN:  // custom elements: most sites use them inline
      return true;
    default:
      return false;
  }
}

std::string CollapseSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      is_space = true;
      ++i;
    }
    if (is_space) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

}  // namespace crossclaim::page_internal
