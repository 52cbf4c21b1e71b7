// Internals of the page reader (core/page.h): byte decoding, the flattened DOM, body
// extraction and metadata. Exposed for tests and the fuzzer; not a public interface.
#ifndef CROSSCLAIM_CORE_INTERNAL_PAGE_INTERNAL_H_
#define CROSSCLAIM_CORE_INTERNAL_PAGE_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/page.h"
#include "core/status.h"

struct GumboInternalNode;

namespace crossclaim::page_internal {

// Inflates a gzip stream (all members) with zlib. Errors: DataLoss for a corrupt or
// truncated stream, InvalidArgument past `max_bytes` (0: no limit).
Result<std::string> Gunzip(std::string_view bytes, size_t max_bytes);

// The charset label a page declares (BOM, <meta charset>, http-equiv), lower-cased, or
// empty when it declares none.
std::string DeclaredCharset(std::string_view bytes);

// `bytes` converted to UTF-8 from `charset` (a WHATWG label; empty: UTF-8 if valid, else
// windows-1252). Sets *used to the charset actually used; appends to *warnings when the
// label is unknown or bytes could not be converted (they become U+FFFD).
std::string ToUtf8(std::string_view bytes, const std::string& charset, std::string* used,
                   std::vector<std::string>* warnings);

// An estimate of the page's element nesting from its tags (start tags minus end tags, not
// counting void elements and those whose end tag may be left out: p, li, td, ...). Used to
// refuse pathological pages before the parser, whose scope checks cost O(depth) per tag.
size_t EstimatedNesting(std::string_view html);

// One node of the flattened DOM, in document (pre-)order: node i's subtree is [i, end).
struct DomNode {
  const GumboInternalNode* node = nullptr;
  int tag = 0;            // GumboTag for elements; -1 for text
  int parent = -1;        // index, -1 for the root
  int end = 0;            // one past the last node of the subtree
  std::string_view text;  // text nodes: the text (valid until the parse is released)
  std::string words;      // elements: lower-cased words of class and id, space separated
};

// The parsed page, owning gumbo's tree (released in one piece, never walked recursively,
// so deep nesting cannot exhaust the stack).
class Dom {
 public:
  explicit Dom(std::string_view utf8_html);
  ~Dom();
  Dom(const Dom&) = delete;
  Dom& operator=(const Dom&) = delete;

  const std::vector<DomNode>& nodes() const { return nodes_; }
  // The value of attribute `name` of element `i`, or empty.
  std::string_view Attribute(int i, const char* name) const;
  bool HasAttribute(int i, const char* name) const;
  // The whitespace-collapsed text of the subtree of `i` (script/style excluded).
  std::string Text(int i) const;
  // The text nodes of the subtree of `i` as they are (for <script> contents).
  std::string RawText(int i) const;
  // Whether the page had any element written in the input (not only implied ones).
  bool has_markup() const { return has_markup_; }

 private:
  struct Arena;
  Arena* arena_;
  std::vector<DomNode> nodes_;
  bool has_markup_ = false;
};

// The article's body paragraphs ("\n\n" between them); `whole_page` keeps all visible text.
// `title` is the page's headline (a heading repeating it is not body text).
std::string ExtractBody(const Dom& dom, bool whole_page, std::string_view title);

// The metadata of the page into `page` (its fields and metadata_source).
void ReadMetadata(const Dom& dom, Page* page);

// True for elements that flow inside a paragraph (a, b, span, em, ...): no break around them.
bool IsInlineTag(int tag);

// Collapses runs of white space (ASCII and U+00A0) to one space and trims.
std::string CollapseSpace(std::string_view text);

}  // namespace crossclaim::page_internal

#endif  // CROSSCLAIM_CORE_INTERNAL_PAGE_INTERNAL_H_
