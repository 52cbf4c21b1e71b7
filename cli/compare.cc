// `crossclaim compare A B`: two articles side by side — the claims they share, where they
// disagree, and what each says alone.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/analysis_flags.h"
#include "cli/command.h"
#include "cli/input.h"
#include "cluster/event_analysis.h"
#include "core/json_text.h"
#include "report/render.h"
#include "report/report_json.h"

namespace crossclaim::cli {
namespace {

using nlohmann::json;

struct CompareFlags {
  std::string a;
  std::string b;
  AnalysisFlags analysis;
  std::string format = "text";
};

// The comparison as JSON: shared (claim pairs joined by an edge inside one cluster, with
// cosine and divergences),
// only_a, only_b (claim texts), built from the report of the two documents.
json Comparison(const json& report) {
  const json& claims = report["claims"];
  std::string doc_a = report["documents"][0]["id"];
  json shared = json::array();
  std::set<int64_t> matched;
  for (const json& edge : report["edges"]) {
    const json& x = claims[edge["a"].get<size_t>()];
    const json& y = claims[edge["b"].get<size_t>()];
    // Shared means the analysis put both in one cluster (off-event claims are in none).
    if (x["cluster"].is_null() || x["cluster"] != y["cluster"]) continue;
    const json& ca = x["doc"] == doc_a ? x : y;
    const json& cb = x["doc"] == doc_a ? y : x;
    json divergences = json::array();
    for (const json& cluster : report["clusters"]) {
      for (const json& d : cluster["divergences"]) {
        bool same_pair = (d["a"] == edge["a"] && d["b"] == edge["b"]) ||
                         (d["a"] == edge["b"] && d["b"] == edge["a"]);
        if (same_pair && d.value("shown", true)) {  // as confident as the report shows
          divergences.push_back(d);
        }
      }
    }
    shared.push_back({{"a", ca["text"]},
                      {"b", cb["text"]},
                      {"cosine", edge["cosine"]},
                      {"kind", edge["kind"]},
                      {"divergences", divergences}});
    matched.insert(edge["a"].get<int64_t>());
    matched.insert(edge["b"].get<int64_t>());
  }
  json only_a = json::array(), only_b = json::array();
  for (const json& c : claims) {
    if (matched.count(c["id"].get<int64_t>()) || c["off_event"].get<bool>()) continue;
    (c["doc"] == doc_a ? only_a : only_b).push_back(c["text"]);
  }
  return {{"a", doc_a},
          {"b", report["documents"][1]["id"]},
          {"shared", shared},
          {"only_a", only_a},
          {"only_b", only_b}};
}

void PrintText(const json& cmp) {
  std::cout << fmt::format("A = {}\nB = {}\n\nShared claims ({}):\n", cmp["a"].get<std::string>(),
                           cmp["b"].get<std::string>(), cmp["shared"].size());
  for (const json& s : cmp["shared"]) {
    std::cout << fmt::format("  [{:.2f} {}]\n    A: {}\n    B: {}\n", s["cosine"].get<double>(),
                             s["kind"].get<std::string>(), s["a"].get<std::string>(),
                             s["b"].get<std::string>());
    for (const json& d : s["divergences"]) {
      std::cout << fmt::format("    ! {}: {}\n", d["kind"].get<std::string>(),
                               d["explanation"].get<std::string>());
    }
  }
  for (const char* side : {"only_a", "only_b"}) {
    std::cout << fmt::format("\nOnly in {} ({}):\n", side[5] == 'a' ? "A" : "B", cmp[side].size());
    for (const json& text : cmp[side]) std::cout << "  - " << text.get<std::string>() << "\n";
  }
}

int RunCompare(const CompareFlags& flags) {
  Result<AnalysisOptions> options = flags.analysis.ToOptions();
  if (!options.ok()) return Fail(options.status());
  InputFlags input;
  input.inputs = {flags.a, flags.b};
  Result<Corpus> corpus = LoadInputs(input);
  if (!corpus.ok()) return Fail(corpus.status());
  if (corpus->documents.size() != 2) {
    return Fail(
        DataLoss(fmt::format("compare needs exactly two usable articles (got {} from {} and {})",
                             corpus->documents.size(), flags.a, flags.b)));
  }
  ClaimSet claims = ExtractCorpusClaims(*corpus, BoilerplateOptions(), ClaimOptions());
  Result<EventAnalysis> event = AnalyzeEvent(*corpus, claims, *options);
  if (!event.ok()) return Fail(event.status());
  json cmp = Comparison(BuildReportJson({*corpus, claims, *event, *options, "compare", "", ""}));
  if (flags.format == "json") {
    std::cout << DumpJson(cmp, 2) << "\n";
  } else {
    PrintText(cmp);
  }
  return kExitOk;
}

const CommandRegistration kCompare{
    "compare", "Two articles side by side: shared claims, divergences, what each says alone", 40,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<CompareFlags>();
      app.add_option("a", flags->a, "First article (.txt, .json or a one-line .jsonl)")->required();
      app.add_option("b", flags->b, "Second article")->required();
      AddAnalysisFlags(app, &flags->analysis);
      app.add_option("--format", flags->format, "Output format")
          ->check(CLI::IsMember({"text", "json"}))
          ->capture_default_str();
      return [flags] { return RunCompare(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
