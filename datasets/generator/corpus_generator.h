// Seeded generator of news-like corpora with planted near-duplicates and copied passages,
// for tests (known ground truth) and benchmarks (any size). Same options and seed, same
// corpus, on every machine.
//
// Example:
//   GeneratorOptions options;
//   options.num_documents = 2000;
//   options.seed = 7;
//   GeneratedCorpus corpus = GenerateCorpus(options);
//   // corpus.documents[i].text reads like wire copy; corpus.planted lists what was copied.
#ifndef CROSSCLAIM_DATASETS_GENERATOR_CORPUS_GENERATOR_H_
#define CROSSCLAIM_DATASETS_GENERATOR_CORPUS_GENERATOR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace crossclaim {

struct GeneratorOptions {
  uint64_t seed = 1;
  size_t num_documents = 1000;
  size_t mean_sentences = 14;  // per document; ~3 kB of text per document on average
  // Fraction of documents that are near-duplicates of an earlier one (a few words edited).
  double near_duplicate_fraction = 0.05;
  // Fraction of documents that paste a passage of 1-3 sentences from an earlier one.
  double copied_passage_fraction = 0.05;
  // Per-word probability of an edit (substitution, deletion) in a near-duplicate.
  double edit_rate = 0.02;
};

// One planted relation: document `copy` took text from document `source`.
struct PlantedCopy {
  size_t source = 0;
  size_t copy = 0;
  bool whole_document = true;  // false: a passage was pasted
};

struct GeneratedCorpus {
  std::vector<Document> documents;  // ids "gen-000000", outlets "outlet-17", dates set
  std::vector<PlantedCopy> planted;
};

GeneratedCorpus GenerateCorpus(const GeneratorOptions& options);

// `count` independent news-like sentences (claims), for TF-IDF and cosine benchmarks.
// Sentences share a vocabulary with Zipf-like frequencies, so some pairs overlap.
std::vector<std::string> GenerateSentences(uint64_t seed, size_t count);

// Writes documents as JSON Lines (the format ReadInputs reads): one object per line with
// id, outlet, url, published (YYYY-MM-DD, when set), title, text. Throws
// std::runtime_error when the file cannot be written; SaveJsonLines reports it instead.
void WriteJsonLines(const std::vector<Document>& documents, const std::string& path);

// As WriteJsonLines, returning NotFound (cannot open) or DataLoss (write failed) with the
// path in the message instead of throwing.
Status SaveJsonLines(const std::vector<Document>& documents, const std::string& path);

}  // namespace crossclaim

#endif  // CROSSCLAIM_DATASETS_GENERATOR_CORPUS_GENERATOR_H_
