// `crossclaim eval KIND`: quality figures of the outputs of `pairs`, `retrieve` and of a
// clustering against gold labels (formats in docs/quality.md; metrics in cli/eval_metrics.h).
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "eval/io.h"
#include "eval/metrics.h"
#include "similarity/pair_features.h"

namespace crossclaim::cli {
namespace {

struct EvalFlags {
  std::string kind;
  std::string scores;     // pairs JSON Lines
  std::string results;    // retrieve JSON Lines
  std::string predicted;  // clusters: TSV id<TAB>cluster or events JSON Lines
  std::string gold;
  std::string qrels;
  std::string field = "cosine";
  double threshold = -1;
  int k = 5;
  bool json = false;
};

using Figures = nlohmann::ordered_json;

Status NeedFlag(const std::string& value, std::string_view flag, std::string_view kind) {
  if (!value.empty()) return Status::Ok();
  return InvalidArgument(fmt::format("eval {} needs {}", kind, flag));
}

// Pairs of (score, gold label) joined on id. `numeric_gold` requires a number; otherwise the
// label must be 0 or 1.
struct Joined {
  std::vector<double> scores;
  std::vector<double> gold;
  int missing = 0;  // gold ids without a scored line
};

Result<Joined> JoinScores(const EvalFlags& flags, bool binary) {
  Result<std::vector<nlohmann::json>> lines = ReadJsonLines(flags.scores);
  if (!lines.ok()) return lines.status();
  Result<std::map<std::string, std::string>> gold = ReadGold(flags.gold);
  if (!gold.ok()) return gold.status();
  Joined joined;
  std::set<std::string> seen;
  for (size_t i = 0; i < lines->size(); ++i) {
    const nlohmann::json& line = (*lines)[i];
    const auto id = line.find("id");
    const auto value = line.find(flags.field);
    if (id == line.end() || value == line.end() || !(value->is_number() || value->is_boolean())) {
      return DataLoss(fmt::format("{}:{}: needs \"id\" and a numeric \"{}\"", flags.scores, i + 1,
                                  flags.field));
    }
    const std::string key = id->is_string() ? id->get<std::string>() : DumpJson(*id);
    const auto label = gold->find(key);
    if (label == gold->end()) {
      return DataLoss(fmt::format("{}:{}: id '{}' has no gold label in {}", flags.scores, i + 1,
                                  QuoteInput(key), flags.gold));
    }
    char* end = nullptr;
    const double g = std::strtod(label->second.c_str(), &end);
    if (*end != '\0' || label->second.empty() || (binary && g != 0 && g != 1)) {
      return DataLoss(fmt::format("{}: gold label '{}' of id '{}' must be {}", flags.gold,
                                  QuoteInput(label->second), QuoteInput(key),
                                  binary ? "0 or 1" : "a number"));
    }
    seen.insert(key);
    joined.scores.push_back(value->is_boolean() ? value->get<bool>() : value->get<double>());
    joined.gold.push_back(g);
  }
  joined.missing = static_cast<int>(gold->size() - seen.size());
  if (joined.scores.empty()) return DataLoss(fmt::format("{}: no scored pairs", flags.scores));
  return joined;
}

Figures BinaryFigures(const eval::BinaryMetrics& m) {
  return Figures{{"accuracy", m.accuracy},
                 {"precision", m.precision},
                 {"recall", m.recall},
                 {"f1", m.f1},
                 {"tp", m.tp},
                 {"fp", m.fp},
                 {"tn", m.tn},
                 {"fn", m.fn}};
}

std::vector<int> Labels(const std::vector<double>& gold) {
  return std::vector<int>(gold.begin(), gold.end());
}

Result<Figures> EvalPairs(const EvalFlags& flags, bool divergence) {
  Result<Joined> j = JoinScores(flags, /*binary=*/true);
  if (!j.ok()) return j.status();
  const std::vector<int> gold = Labels(j->gold);
  Figures f;
  f["pairs"] = j->scores.size();
  f["missing"] = j->missing;
  f["field"] = flags.field;
  if (divergence) {
    f["flag"] = BinaryFigures(eval::ClassifyAt(j->scores, gold, 0.5));
    return f;
  }
  f["auc"] = eval::RocAuc(j->scores, gold);
  const double threshold = flags.threshold >= 0 ? flags.threshold : kParaphraseThreshold;
  f["threshold"] = threshold;
  f["at_threshold"] = BinaryFigures(eval::ClassifyAt(j->scores, gold, threshold));
  const eval::ThresholdChoice acc =
      eval::BestThreshold(j->scores, gold, eval::Objective::kAccuracy);
  const eval::ThresholdChoice f1 = eval::BestThreshold(j->scores, gold, eval::Objective::kF1);
  f["best_accuracy"] = {{"threshold", acc.threshold}, {"accuracy", acc.metrics.accuracy}};
  f["best_f1"] = {{"threshold", f1.threshold}, {"f1", f1.metrics.f1}};
  return f;
}

Result<Figures> EvalGraded(const EvalFlags& flags) {
  Result<Joined> j = JoinScores(flags, /*binary=*/false);
  if (!j.ok()) return j.status();
  return Figures{{"pairs", j->scores.size()},
                 {"missing", j->missing},
                 {"field", flags.field},
                 {"pearson", eval::Pearson(j->scores, j->gold)},
                 {"spearman", eval::Spearman(j->scores, j->gold)}};
}

Result<Figures> EvalRetrieval(const EvalFlags& flags) {
  if (flags.k < 1) return InvalidArgument(fmt::format("--k must be >= 1 (got {})", flags.k));
  Result<std::vector<nlohmann::json>> lines = ReadJsonLines(flags.results);
  if (!lines.ok()) return lines.status();
  Result<std::map<std::string, std::set<std::string>>> qrels = ReadQrels(flags.qrels);
  if (!qrels.ok()) return qrels.status();
  std::map<std::string, std::vector<std::string>> ranked;
  for (size_t i = 0; i < lines->size(); ++i) {
    const nlohmann::json& line = (*lines)[i];
    const auto query = line.find("query");
    const auto results = line.find("results");
    if (query == line.end() || !query->is_string() || results == line.end() ||
        !results->is_array()) {
      return DataLoss(fmt::format("{}:{}: needs \"query\" (string) and \"results\" (array)",
                                  flags.results, i + 1));
    }
    std::vector<std::string>& ids = ranked[query->get<std::string>()];
    for (const nlohmann::json& r : *results) {
      if (!r.is_object() || !r.contains("id") || !r["id"].is_string()) {
        return DataLoss(
            fmt::format("{}:{}: each result needs a string \"id\"", flags.results, i + 1));
      }
      ids.push_back(r["id"].get<std::string>());
    }
  }
  const eval::RankingMetrics m = eval::RankingAt(ranked, *qrels, flags.k);
  return Figures{{"queries", m.queries},
                 {"k", flags.k},
                 {"map_at_k", m.map_at_k},
                 {"recall_at_k", m.recall_at_k},
                 {"mrr_at_k", m.mrr}};
}

Result<Figures> EvalClusters(const EvalFlags& flags) {
  Result<std::map<std::string, std::string>> gold = ReadGold(flags.gold);
  if (!gold.ok()) return gold.status();
  std::map<std::string, std::string> predicted;
  std::ifstream probe(flags.predicted);
  if (!probe) return NotFound(fmt::format("{}: cannot read the file", flags.predicted));
  if (probe.peek() == '{') {
    // Events JSON Lines: {"event": id, "documents": [ids]}.
    Result<std::vector<nlohmann::json>> lines = ReadJsonLines(flags.predicted);
    if (!lines.ok()) return lines.status();
    for (size_t i = 0; i < lines->size(); ++i) {
      const nlohmann::json& line = (*lines)[i];
      if (!line.contains("event") || !line.contains("documents") || !line["documents"].is_array()) {
        return DataLoss(fmt::format("{}:{}: needs \"event\" and \"documents\" (array)",
                                    flags.predicted, i + 1));
      }
      const std::string event =
          line["event"].is_string() ? line["event"].get<std::string>() : DumpJson(line["event"]);
      for (const nlohmann::json& d : line["documents"]) {
        predicted[d.is_string() ? d.get<std::string>() : DumpJson(d)] = event;
      }
    }
  } else {
    Result<std::map<std::string, std::string>> rows = ReadGold(flags.predicted);
    if (!rows.ok()) return rows.status();
    predicted = std::move(*rows);
  }
  std::vector<std::string> p, g;
  int unclustered = 0;
  for (const auto& [id, label] : *gold) {
    const auto it = predicted.find(id);
    if (it == predicted.end()) ++unclustered;
    // An item the clustering does not mention is a cluster of its own.
    p.push_back(it == predicted.end() ? "\x01" + id : it->second);
    g.push_back(label);
  }
  const eval::ClusterMetrics m = eval::CompareClusterings(p, g);
  return Figures{{"items", m.items},
                 {"unclustered", unclustered},
                 {"pairwise_precision", m.pairwise_precision},
                 {"pairwise_recall", m.pairwise_recall},
                 {"pairwise_f1", m.pairwise_f1},
                 {"bcubed_precision", m.bcubed_precision},
                 {"bcubed_recall", m.bcubed_recall},
                 {"bcubed_f1", m.bcubed_f1},
                 {"ari", m.ari}};
}

void PrintTable(const Figures& f, const std::string& prefix) {
  for (const auto& [key, value] : f.items()) {
    const std::string name = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object()) {
      PrintTable(value, name);
    } else if (value.is_number_float()) {
      std::cout << fmt::format("{:<28} {:.4f}\n", name, value.get<double>());
    } else {
      std::cout << fmt::format("{:<28} {}\n", name,
                               value.is_string() ? value.get<std::string>() : DumpJson(value));
    }
  }
}

int RunEval(const EvalFlags& flags) {
  Status need = Status::Ok();
  const std::string& kind = flags.kind;
  if (kind == "pairs" || kind == "graded" || kind == "divergence") {
    need = NeedFlag(flags.scores, "--scores", kind);
    if (need.ok()) need = NeedFlag(flags.gold, "--gold", kind);
  } else if (kind == "retrieval") {
    need = NeedFlag(flags.results, "--results", kind);
    if (need.ok()) need = NeedFlag(flags.qrels, "--qrels", kind);
  } else {
    need = NeedFlag(flags.predicted, "--predicted", kind);
    if (need.ok()) need = NeedFlag(flags.gold, "--gold", kind);
  }
  if (!need.ok()) return Fail(need);
  EvalFlags f = flags;
  if (kind == "divergence") f.field = "divergent";
  Result<Figures> figures = kind == "pairs"        ? EvalPairs(f, false)
                            : kind == "divergence" ? EvalPairs(f, true)
                            : kind == "graded"     ? EvalGraded(f)
                            : kind == "retrieval"  ? EvalRetrieval(f)
                                                   : EvalClusters(f);
  if (!figures.ok()) return Fail(figures.status());
  Figures out{{"kind", kind}};
  out.update(*figures);
  if (flags.json) {
    std::cout << DumpJson(out) << "\n";
  } else {
    PrintTable(out, "");
  }
  return kExitOk;
}

const CommandRegistration kEval{
    "eval",
    "Quality figures of pairs/retrieve/cluster outputs against gold labels (KIND: pairs, "
    "graded, retrieval, clusters, divergence)",
    62, [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<EvalFlags>();
      app.add_option("kind", flags->kind, "What is evaluated")
          ->required()
          ->check(CLI::IsMember({"pairs", "graded", "retrieval", "clusters", "divergence"}));
      app.add_option("--scores", flags->scores, "`crossclaim pairs` output (JSON Lines)");
      app.add_option("--results", flags->results, "`crossclaim retrieve` output (JSON Lines)");
      app.add_option("--predicted", flags->predicted,
                     "Clusters: TSV id<TAB>cluster, or events JSON Lines "
                     "{\"event\", \"documents\": [...]}");
      app.add_option("--gold", flags->gold,
                     "Gold labels: TSV id<TAB>label or JSON Lines {\"id\", \"gold\"}");
      app.add_option("--qrels", flags->qrels, "Relevant ids: `query 0 doc 1` or query<TAB>doc");
      app.add_option("--field", flags->field, "Score field of the pairs output")
          ->capture_default_str();
      app.add_option("--threshold", flags->threshold,
                     "pairs: report accuracy/P/R/F1 at this threshold (score >= t; default: the "
                     "calibrated paraphrase threshold)");
      app.add_option("--k", flags->k, "retrieval: cut-off rank")->capture_default_str();
      app.add_flag("--json", flags->json, "One JSON object instead of a table");
      return [flags] { return RunEval(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
