// `crossclaim similar`: claim pairs from different documents whose TF-IDF cosine is at or
// above a threshold, with the words that make the score. `crossclaim idf`: fits and saves a
// background idf for `similar --idf`.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/input.h"
#include "core/claims.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "similarity/cosine.h"
#include "similarity/tfidf.h"

namespace crossclaim::cli {
namespace {

struct SimilarFlags {
  InputFlags input;
  double threshold = 0.5;
  int top_k = 0;
  std::string format = "jsonl";
  std::string unit = "claim";
  std::string idf_path;
  std::string tokens_out;
  bool bigrams = false;
  int terms = 5;
  int threads = 0;
};

struct IdfFlags {
  InputFlags input;
  std::string output;
  bool bigrams = false;
  int min_df = 1;
};

double Round6(double x) { return std::round(x * 1e6) / 1e6; }

// The rows to compare: one per claim (grouped by document) or one per document.
struct Rows {
  TokenLists tokens;
  std::vector<int32_t> doc;    // document index of each row
  std::vector<int32_t> claim;  // claim index of each row (-1 for documents)
};

// Moves the claims' tokens into the rows (they are not needed in the claims afterwards).
Rows MakeRows(const Corpus& corpus, ClaimSet& set, bool by_document) {
  Rows rows;
  if (by_document) {
    rows.tokens.resize(corpus.documents.size());
    for (Claim& c : set.claims) {
      std::vector<std::string>& row = rows.tokens[c.doc];
      if (row.empty()) {
        row = std::move(c.tokens);
      } else {
        row.insert(row.end(), std::make_move_iterator(c.tokens.begin()),
                   std::make_move_iterator(c.tokens.end()));
      }
      c.tokens = {};
    }
    for (size_t d = 0; d < corpus.documents.size(); ++d) {
      rows.doc.push_back(static_cast<int32_t>(d));
      rows.claim.push_back(-1);
    }
    return rows;
  }
  for (size_t i = 0; i < set.claims.size(); ++i) {
    rows.tokens.push_back(std::move(set.claims[i].tokens));
    set.claims[i].tokens = {};
    rows.doc.push_back(set.claims[i].doc);
    rows.claim.push_back(static_cast<int32_t>(i));
  }
  return rows;
}

// `--tokens-out`: each compared row's tokens as the vectorizer receives them (before
// possessives and stop words are dropped), one JSON object per line in row order, so that
// another TF-IDF implementation can be given exactly the same input (bench/similar_peers.sh).
Status WriteRowTokens(const std::string& path, const Rows& rows, const ClaimSet& set,
                      const Corpus& corpus) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (out == nullptr) return NotFound(fmt::format("cannot write {}", QuoteInput(path)));
  for (size_t r = 0; r < rows.tokens.size(); ++r) {
    nlohmann::ordered_json line;
    if (rows.claim[r] >= 0) {
      line["id"] = set.claims[rows.claim[r]].id;
    } else {
      line["id"] = corpus.documents[rows.doc[r]].id;
    }
    line["group"] = rows.doc[r];
    line["tokens"] = rows.tokens[r];
    const std::string text = DumpJson(line) + "\n";
    std::fwrite(text.data(), 1, text.size(), out);
  }
  if (std::fclose(out) != 0) return DataLoss(fmt::format("cannot write {}", QuoteInput(path)));
  return Status::Ok();
}

int RunSimilar(const SimilarFlags& flags) {
  if (!(flags.threshold > 0 && flags.threshold <= 1)) {
    return Fail(
        InvalidArgument(fmt::format("--threshold must be in (0, 1] (got {})", flags.threshold)));
  }
  TfidfOptions tfidf;
  tfidf.bigrams = flags.bigrams;
  tfidf.threads = flags.threads;
  Result<TfidfVectorizer> vectorizer = TfidfVectorizer::Create(tfidf);
  if (!vectorizer.ok()) return Fail(vectorizer.status());
  AllPairsOptions pair_options;
  pair_options.threshold = flags.threshold;
  pair_options.top_k = flags.top_k;
  pair_options.threads = flags.threads;
  if (!flags.idf_path.empty()) {
    if (Status s = vectorizer->LoadIdf(flags.idf_path); !s.ok()) return Fail(s);
  }
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  ClaimSet set = ExtractCorpusClaims(*corpus, BoilerplateOptions(), ClaimOptions());
  const bool by_document = flags.unit == "doc";
  Rows rows = MakeRows(*corpus, set, by_document);
  if (!flags.tokens_out.empty()) {
    if (Status s = WriteRowTokens(flags.tokens_out, rows, set, *corpus); !s.ok()) return Fail(s);
  }
  // What the output no longer needs is released before the all-pairs search, whose index
  // is the other peak (1M one-sentence documents must fit in 4 GB; docs/similar.md).
  const size_t row_count = rows.tokens.size();
  if (by_document) {
    set = {};
    for (Document& d : corpus->documents) d.text = {};
  }
  const TfidfMatrix x = vectorizer->FitTransform(rows.tokens);
  rows.tokens = {};
  Result<std::vector<CosinePair>> pairs = AllPairsCosine(x, rows.doc, pair_options);
  if (!pairs.ok()) return Fail(pairs.status());

  const auto& docs = corpus->documents;
  for (const CosinePair& p : *pairs) {
    const std::vector<TermContribution> top = TopContributions(x, p.a, p.b, flags.terms);
    const Document& doc_a = docs[rows.doc[p.a]];
    const Document& doc_b = docs[rows.doc[p.b]];
    if (flags.format == "jsonl") {
      nlohmann::ordered_json line;
      if (by_document) {
        line["a"] = doc_a.id;
        line["b"] = doc_b.id;
      } else {
        line["a"] = set.claims[rows.claim[p.a]].id;
        line["b"] = set.claims[rows.claim[p.b]].id;
      }
      line["doc_a"] = doc_a.id;
      line["doc_b"] = doc_b.id;
      line["cosine"] = Round6(p.cosine);
      nlohmann::ordered_json terms = nlohmann::ordered_json::array();
      for (const TermContribution& t : top) {
        terms.push_back({vectorizer->Term(t.feature), Round6(t.contribution)});
      }
      line["terms"] = std::move(terms);
      std::cout << DumpJson(line) << "\n";
      continue;
    }
    std::vector<std::string> words;
    for (const TermContribution& t : top) {
      words.push_back(fmt::format("{} {:.3f}", vectorizer->Term(t.feature), t.contribution));
    }
    // Ids and claims are input: printed without control sequences, as valid UTF-8.
    std::string out;
    if (by_document) {
      out = fmt::format("{:.3f}  {} ({})  <->  {} ({})\n", p.cosine, doc_a.id, doc_a.outlet,
                        doc_b.id, doc_b.outlet);
    } else {
      const Claim& a = set.claims[rows.claim[p.a]];
      const Claim& b = set.claims[rows.claim[p.b]];
      out = fmt::format("{:.3f}  #{} {} ({})  <->  #{} {} ({})\n  A: {}\n  B: {}\n", p.cosine, a.id,
                        doc_a.id, doc_a.outlet, b.id, doc_b.id, doc_b.outlet, a.text, b.text);
    }
    out += fmt::format("  shared: {}\n\n", fmt::join(words, ", "));
    std::cout << PrintableText(out);
  }
  std::fprintf(stderr, "crossclaim: %zu pairs with cosine >= %g among %zu %s of %zu documents\n",
               pairs->size(), flags.threshold, row_count, by_document ? "documents" : "claims",
               docs.size());
  return kExitOk;
}

int RunIdf(const IdfFlags& flags) {
  TfidfOptions tfidf;
  tfidf.bigrams = flags.bigrams;
  tfidf.min_df = flags.min_df;
  Result<TfidfVectorizer> vectorizer = TfidfVectorizer::Create(tfidf);
  if (!vectorizer.ok()) return Fail(vectorizer.status());
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  ClaimSet set = ExtractCorpusClaims(*corpus, BoilerplateOptions(), ClaimOptions());
  const Rows rows = MakeRows(*corpus, set, /*by_document=*/false);
  vectorizer->Fit(rows.tokens);
  if (Status s = vectorizer->SaveIdf(flags.output); !s.ok()) return Fail(s);
  std::fprintf(stderr, "crossclaim: idf of %lld terms over %zu claims written to %s\n",
               static_cast<long long>(vectorizer->num_features()), rows.tokens.size(),
               flags.output.c_str());
  return kExitOk;
}

const CommandRegistration kSimilar{
    "similar",
    "Claim pairs from different documents with TF-IDF cosine >= threshold, and the words "
    "that make the score",
    40, [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<SimilarFlags>();
      AddInputFlags(app, &flags->input);
      app.add_option("--threshold", flags->threshold, "Lowest cosine reported, in (0, 1]")
          ->capture_default_str();
      app.add_option("--top-k", flags->top_k,
                     "Keep only each claim's N best partners (0: all pairs above threshold)")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      app.add_option("--format", flags->format, "Output format")
          ->check(CLI::IsMember({"jsonl", "text"}))
          ->capture_default_str();
      app.add_option("--unit", flags->unit, "Compare claims, or whole documents")
          ->check(CLI::IsMember({"claim", "doc"}))
          ->capture_default_str();
      app.add_option("--idf", flags->idf_path,
                     "Background idf file from `crossclaim idf` (its counts are added to the "
                     "event's)");
      app.add_flag("--bigrams", flags->bigrams, "Also use adjacent word pairs as features");
      app.add_option("--tokens-out", flags->tokens_out,
                     "Also write each compared row's tokens (JSON Lines), to feed another "
                     "TF-IDF tool the same input");
      app.add_option("--terms", flags->terms, "Contributing words listed per pair")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      app.add_option("--threads", flags->threads, "Worker threads (0: all cores)")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      return [flags] { return RunSimilar(*flags); };
    }};

const CommandRegistration kIdf{
    "idf", "Fit document frequencies over the claims of INPUT and save them for similar --idf", 41,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<IdfFlags>();
      AddInputFlags(app, &flags->input);
      app.add_option("-o,--output", flags->output, "The idf file to write")->required();
      app.add_flag("--bigrams", flags->bigrams, "Also count adjacent word pairs");
      app.add_option("--min-df", flags->min_df, "Drop terms in fewer claims than this")
          ->check(CLI::PositiveNumber)
          ->capture_default_str();
      return [flags] { return RunIdf(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
