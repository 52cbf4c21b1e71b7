// Texts that exercise the tokenizer's corners, for tests that compare two paths to the same
// tokens or hashes: random ASCII over letters, digits, joiners ('.', '\'', ',', ';', '_')
// and separators, with words and joiners placed across the 64-byte blocks of the SIMD
// scanner; random mixes of Latin, Cyrillic and Chinese pieces, curly quotes and no-break
// spaces; and the demo articles. Deterministic.
#ifndef CROSSCLAIM_TESTS_TESTING_TEXT_SAMPLES_H_
#define CROSSCLAIM_TESTS_TESTING_TEXT_SAMPLES_H_

#include <string>
#include <vector>

namespace crossclaim::testing {

std::vector<std::string> TokenizerSampleTexts();

}  // namespace crossclaim::testing

#endif  // CROSSCLAIM_TESTS_TESTING_TEXT_SAMPLES_H_
