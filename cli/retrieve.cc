// `crossclaim retrieve --queries Q.tsv --collection C.tsv`: for each query (rows
// id<TAB>text), the collection rows with the best `cosine` of similarity/pair_features.h.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/json_text.h"
#include "eval/io.h"
#include "similarity/pair_features.h"

namespace crossclaim::cli {
namespace {

struct RetrieveFlags {
  std::string queries;
  std::string collection;
  std::string idf_path;
  int top_k = 5;
  double char_weight = PairScorerOptions().char_weight;
  int threads = 0;
};

int RunRetrieve(const RetrieveFlags& flags) {
  PairScorerOptions options;
  options.char_weight = flags.char_weight;
  options.threads = flags.threads;
  Result<PairScorer> scorer = PairScorer::Create(options);
  if (!scorer.ok()) return Fail(scorer.status());
  if (flags.top_k < 1) {
    return Fail(InvalidArgument(fmt::format("--top-k must be >= 1 (got {})", flags.top_k)));
  }
  if (!flags.idf_path.empty()) {
    if (Status s = scorer->LoadIdf(flags.idf_path); !s.ok()) return Fail(s);
  }
  int skipped = 0;
  Result<std::vector<TsvRow>> queries = ReadTsv(flags.queries, 2, &skipped);
  if (!queries.ok()) return Fail(queries.status());
  Result<std::vector<TsvRow>> collection = ReadTsv(flags.collection, 2, &skipped);
  if (!collection.ok()) return Fail(collection.status());
  auto texts = [](const std::vector<TsvRow>& rows) {
    std::vector<std::string> out;
    for (const TsvRow& row : rows) out.push_back(row.fields[1]);
    return out;
  };
  const std::vector<std::string> query_texts = texts(*queries);
  const std::vector<std::string> collection_texts = texts(*collection);
  // The idf comes from the collection: the queries are what is looked up in it.
  scorer->Fit(collection_texts);
  const std::vector<std::vector<RankedHit>> ranked = scorer->Rank(
      scorer->Transform(query_texts), scorer->Transform(collection_texts), flags.top_k);
  for (size_t q = 0; q < ranked.size(); ++q) {
    nlohmann::ordered_json line;
    line["query"] = (*queries)[q].fields[0];
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const RankedHit& hit : ranked[q]) {
      results.push_back(
          {{"id", (*collection)[hit.row].fields[0]}, {"score", std::round(hit.score * 1e6) / 1e6}});
    }
    line["results"] = std::move(results);
    std::cout << DumpJson(line) << "\n";
  }
  std::fprintf(stderr, "crossclaim: %zu queries ranked against %zu texts, %d row(s) skipped\n",
               queries->size(), collection->size(), skipped);
  return kExitOk;
}

const CommandRegistration kRetrieve{
    "retrieve", "Rank the texts of a collection for each query (TSV id, text) as JSON Lines", 61,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<RetrieveFlags>();
      app.add_option("--queries", flags->queries, "TSV rows id<TAB>text")->required();
      app.add_option("--collection", flags->collection, "TSV rows id<TAB>text")->required();
      app.add_option("--top-k", flags->top_k, "Results per query")->capture_default_str();
      app.add_option("--idf", flags->idf_path,
                     "Background word idf from `crossclaim idf` (added to the collection's)");
      app.add_option("--char-weight", flags->char_weight,
                     "Weight of the character n-gram cosine in the score, in [0, 1]")
          ->capture_default_str();
      app.add_option("--threads", flags->threads, "Worker threads (0: all cores)")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      return [flags] { return RunRetrieve(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
