// libFuzzer target for the page reader (core/page.h): any bytes (HTML, gzip, binary, broken
// markup, odd charset declarations) must be read without a crash, a leak or undefined
// behaviour; a page that is read gives valid UTF-8 in every field, and its whole-page text
// holds at least the letters of its article text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/ingest.h"
#include "core/page.h"

namespace {

size_t Letters(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c != ' ' && c != '\n';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  crossclaim::PageOptions options;
  options.max_page_bytes = 1 << 20;
  crossclaim::Result<crossclaim::Page> page = crossclaim::ReadPage(bytes, options);
  if (!page.ok()) {
    if (page.status().message().empty()) std::abort();
    return 0;
  }
  for (const std::string* s :
       {&page->text, &page->title, &page->outlet, &page->url, &page->author}) {
    if (!crossclaim::IsValidUtf8(*s)) std::abort();
  }
  options.extract_article = false;
  crossclaim::Result<crossclaim::Page> whole = crossclaim::ReadPage(bytes, options);
  if (!whole.ok() || Letters(whole->text) < Letters(page->text)) std::abort();
  return 0;
}
