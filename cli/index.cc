// `crossclaim index add|query|prune|stats`: the persistent copy index (index/store.h).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/input.h"
#include "core/json_text.h"
#include "core/progress.h"
#include "core/utf8.h"
#include "index/store.h"
#include "report/dedup_output.h"

namespace crossclaim::cli {
namespace {

struct IndexFlags {
  std::string dir;
  InputFlags input;
  double threshold = 0.8;
  std::string older_than;
  std::string before;
};

Date FromSysDays(std::chrono::sys_days days) {
  std::chrono::year_month_day ymd(days);
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::chrono::sys_days Today() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

void PrintLine(const nlohmann::ordered_json& line) {
  std::string out = DumpJson(line);
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
}

Result<IndexStore> OpenIndex(const IndexFlags& flags, bool create) {
  return IndexStore::Create(
      {.dir = flags.dir, .create_if_missing = create, .threshold = flags.threshold});
}

// Documents per batch of a streamed add: memory stays near one batch (about 2x its JSON).
constexpr size_t kAddBatchDocuments = 2000;

int RunAdd(const IndexFlags& flags) {
  if (!(flags.threshold > 0 && flags.threshold <= 1)) {
    return Fail(InvalidArgument(
        fmt::format("index add: --threshold must be in (0, 1], got {}", flags.threshold)));
  }
  Result<IndexStore> index = OpenIndex(flags, true);
  if (!index.ok()) return Fail(index.status());
  Result<std::unique_ptr<IndexStore::Adder>> adder = index->BeginAdd(FromSysDays(Today()));
  if (!adder.ok()) return Fail(adder.status());
  Progress progress("indexing", 0);
  Status streamed = StreamInputs(flags.input, kAddBatchDocuments, [&](Corpus& batch) -> Status {
    std::vector<std::string> locations(batch.documents.size());
    for (const InputRecord& r : batch.records) {
      if (r.document >= 0) locations[static_cast<size_t>(r.document)] = r.location;
    }
    Result<AddResult> added = (*adder)->Add(batch.documents, locations);
    if (!added.ok()) return added.status();
    for (const std::string& id : added->skipped_duplicates) {
      PrintLine({{"type", "skipped"}, {"id", id}, {"reason", "already indexed"}});
    }
    progress.Add(batch.documents.size());
    return Status::Ok();
  });
  progress.Finish();
  if (!streamed.ok()) return Fail(streamed);  // the adder rolls everything back
  Status committed = (*adder)->Commit();
  if (!committed.ok()) return Fail(committed);
  Result<IndexStats> stats = index->Stats();
  if (!stats.ok()) return Fail(stats.status());
  PrintLine({{"type", "added"},
             {"added", (*adder)->added()},
             {"skipped", (*adder)->skipped()},
             {"documents", stats->documents}});
  return kExitOk;
}

int RunQuery(const IndexFlags& flags) {
  Result<IndexStore> index = OpenIndex(flags, false);
  if (!index.ok()) return Fail(index.status());
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  Result<std::vector<IndexMatch>> matches = index->Query(corpus->documents, flags.threshold);
  if (!matches.ok()) return Fail(matches.status());
  for (const IndexMatch& m : *matches) {
    PrintLine({{"type", "copy"},
               {"query", m.query_id},
               {"indexed", m.indexed_id},
               {"jaccard", m.jaccard},
               {"estimate", m.estimate}});
  }
  return kExitOk;
}

// "30d" -> 30; nullopt for anything else.
std::optional<int> ParseDays(const std::string& text) {
  if (text.size() < 2 || text.back() != 'd' || text.size() > 7) return std::nullopt;
  int days = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    days = days * 10 + (text[i] - '0');
  }
  return days;
}

int RunPrune(const IndexFlags& flags) {
  Date cutoff;
  if (!flags.before.empty()) {
    std::optional<Date> d = Date::ParseIso(flags.before);
    if (!d || !flags.older_than.empty()) {
      return Fail(InvalidArgument(
          fmt::format("index prune: --before must be a date YYYY-MM-DD (and not combined with "
                      "--older-than), got '{}'",
                      flags.before)));
    }
    cutoff = *d;
  } else {
    std::optional<int> days = ParseDays(flags.older_than);
    if (!days) {
      return Fail(InvalidArgument(
          fmt::format("index prune: --older-than must be a number of days such as 30d, got '{}'",
                      QuoteInput(flags.older_than))));
    }
    cutoff = FromSysDays(Today() - std::chrono::days(*days));
  }
  Result<IndexStore> index = OpenIndex(flags, false);
  if (!index.ok()) return Fail(index.status());
  Result<size_t> removed = index->Prune(cutoff);
  if (!removed.ok()) return Fail(removed.status());
  Result<IndexStats> stats = index->Stats();
  if (!stats.ok()) return Fail(stats.status());
  PrintLine({{"type", "pruned"},
             {"cutoff", cutoff.ToIso()},
             {"removed", *removed},
             {"documents", stats->documents}});
  return kExitOk;
}

// As `crossclaim dedup --format jsonl` over the indexed documents in the order added.
int RunGroups(const IndexFlags& flags) {
  Result<IndexStore> index = OpenIndex(flags, false);
  if (!index.ok()) return Fail(index.status());
  Result<IndexCopies> copies = index->Copies();
  if (!copies.ok()) return Fail(copies.status());
  DedupResult result;
  result.pairs = std::move(copies->pairs);
  result.groups = std::move(copies->groups);
  const std::string out = DedupJsonLines(copies->documents, result, false);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

int RunStats(const IndexFlags& flags) {
  Result<IndexStore> index = OpenIndex(flags, false);
  if (!index.ok()) return Fail(index.status());
  Result<IndexStats> stats = index->Stats();
  if (!stats.ok()) return Fail(stats.status());
  auto date = [](const std::optional<Date>& d) {
    return d ? nlohmann::ordered_json(d->ToIso()) : nlohmann::ordered_json(nullptr);
  };
  PrintLine({{"type", "stats"},
             {"schema", stats->schema},
             {"threshold", stats->threshold},
             {"bands", stats->banding.bands},
             {"rows", stats->banding.rows},
             {"documents", stats->documents},
             {"terms", stats->terms},
             {"band_keys", stats->band_keys},
             {"copy_pairs", stats->copy_pairs},
             {"oldest_published", date(stats->oldest_published)},
             {"newest_published", date(stats->newest_published)},
             {"file_bytes", stats->file_bytes},
             {"bytes_per_document",
              stats->documents ? stats->file_bytes / stats->documents : uint64_t{0}}});
  return kExitOk;
}

const CommandRegistration kIndex{
    "index",
    "A persistent copy index: add articles, query new ones against it, list copy groups, prune", 60,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<IndexFlags>();
      app.require_subcommand(1);
      CLI::App* add = app.add_subcommand("add", "Add INPUT... to INDEX_DIR (created if missing)");
      add->add_option("index_dir", flags->dir, "Index folder")->required();
      add->add_option("input", flags->input.inputs, "Articles (as for dedup)")->required();
      add->add_option("--threshold", flags->threshold,
                      "Jaccard threshold the LSH banding is tuned for (creation only)")
          ->capture_default_str();
      CLI::App* query =
          app.add_subcommand("query", "Indexed documents that the articles of INPUT copy");
      query->add_option("index_dir", flags->dir, "Index folder")->required();
      query->add_option("input", flags->input.inputs, "New articles")->required();
      query->add_option("--threshold", flags->threshold, "Exact Jaccard threshold")
          ->capture_default_str();
      CLI::App* prune = app.add_subcommand("prune", "Drop documents older than a window");
      prune->add_option("index_dir", flags->dir, "Index folder")->required();
      prune->add_option("--older-than", flags->older_than,
                        "Age in days, e.g. 30d (published date, else date added)");
      prune->add_option("--before", flags->before, "Drop documents dated before YYYY-MM-DD");
      CLI::App* groups = app.add_subcommand(
          "groups", "The copy pairs and groups among indexed documents (as dedup's JSON Lines)");
      groups->add_option("index_dir", flags->dir, "Index folder")->required();
      CLI::App* stats = app.add_subcommand("stats", "Counts, banding and size of the index");
      stats->add_option("index_dir", flags->dir, "Index folder")->required();
      return [flags, add, query, prune, groups, stats] {
        if (add->parsed()) return RunAdd(*flags);
        if (groups->parsed()) return RunGroups(*flags);
        if (query->parsed()) return RunQuery(*flags);
        if (prune->parsed()) return RunPrune(*flags);
        if (stats->parsed()) return RunStats(*flags);
        return kExitUsage;
      };
    }};

}  // namespace
}  // namespace crossclaim::cli
