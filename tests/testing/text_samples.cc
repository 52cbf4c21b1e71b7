#include "tests/testing/text_samples.h"

#include <filesystem>
#include <random>

#include "tests/testing/paths.h"

namespace crossclaim::testing {
namespace {

// Random ASCII of `length` bytes; joiners are frequent so that many sit between two letters
// or two digits.
std::string RandomAscii(std::mt19937& rng, size_t length) {
  static const std::string kAlphabet = "abcXYZ@019019.',;_ \n\t-!?()\"%$/";
  std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
  std::string text;
  for (size_t i = 0; i < length; ++i) text.push_back(kAlphabet[pick(rng)]);
  return text;
}

// Words and joiners at the 64-byte block edges: "aaa...a.b", "1,2" straddling offset 64.
std::vector<std::string> BlockEdges() {
  std::vector<std::string> texts;
  for (size_t prefix : {61u, 62u, 63u, 64u, 65u, 126u, 127u, 128u}) {
    for (const char* tail : {".b c", "'s x", "a,1", "1,2;3", "._a", " _", "__", ".", "9.9"}) {
      texts.push_back(std::string(prefix, 'a') + tail);
      texts.push_back(std::string(prefix - 1, ' ') + "1" + tail);
    }
  }
  return texts;
}

std::string MixedScripts(std::mt19937& rng) {
  static const std::vector<std::string> kPieces = {
      "Putin",  "’s",   " ",        "Путин",
      "习近平", "café", ".",        "7,5",
      "—",      "“",    "”",        "U.S.",
      "naïve",  "1.5",  "\xC2\xA0", " the talks resumed on Tuesday after a long pause ",
      "\n"};
  std::uniform_int_distribution<size_t> pick(0, kPieces.size() - 1);
  std::string text;
  for (int i = 0; i < 30; ++i) text += kPieces[pick(rng)];
  return text;
}

}  // namespace

std::vector<std::string> TokenizerSampleTexts() {
  std::vector<std::string> texts = BlockEdges();
  texts.push_back("");
  std::mt19937 rng(2026);
  std::uniform_int_distribution<size_t> length(1, 400);
  for (int i = 0; i < 400; ++i) texts.push_back(RandomAscii(rng, length(rng)));
  for (int i = 0; i < 200; ++i) texts.push_back(MixedScripts(rng));
  for (const auto& entry : std::filesystem::directory_iterator(DemoEventDir())) {
    if (entry.path().extension() == ".txt") texts.push_back(ReadFile(entry.path().string()));
  }
  return texts;
}

}  // namespace crossclaim::testing
