// `crossclaim events`: groups the documents of a mixed feed into news events.
#include "cluster/events.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/input.h"
#include "core/json_text.h"

namespace crossclaim::cli {
namespace {

struct EventsFlags {
  InputFlags input;
  EventOptions options;
  std::string format = "text";
};

int RunEvents(const EventsFlags& flags) {
  Status valid = flags.options.Validate();
  if (!valid.ok()) return Fail(valid);
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  ClaimSet claims = ExtractCorpusClaims(*corpus, BoilerplateOptions(), ClaimOptions());
  Result<std::vector<NewsEvent>> events = ClusterEvents(*corpus, claims, flags.options);
  if (!events.ok()) return Fail(events.status());
  for (const NewsEvent& event : *events) {
    std::vector<std::string> ids;
    for (int32_t d : event.documents) ids.push_back(corpus->documents[static_cast<size_t>(d)].id);
    if (flags.format == "jsonl") {
      std::cout << DumpJson(nlohmann::json{
                       {"event", event.id}, {"title", event.title}, {"documents", ids}})
                << "\n";
    } else {
      std::cout << fmt::format("event {} ({} documents): {}\n  {}\n", event.id, ids.size(),
                               event.title, fmt::join(ids, " "));
    }
  }
  std::cerr << fmt::format("crossclaim: {} documents in {} events\n", corpus->documents.size(),
                           events->size());
  return kExitOk;
}

const CommandRegistration kEvents{
    "events", "Group the documents of a mixed feed into news events", 5,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<EventsFlags>();
      AddInputFlags(app, &flags->input);
      app.add_option("--format", flags->format, "Output format")
          ->check(CLI::IsMember({"text", "jsonl"}))
          ->capture_default_str();
      app.add_option("--edge-threshold", flags->options.edge_threshold,
                     "Document cosine below which two documents are unrelated")
          ->capture_default_str();
      app.add_option("--event-threshold", flags->options.event_threshold,
                     "Average-link similarity for two groups of documents to merge into one event")
          ->capture_default_str();
      app.add_option(
             "--days-scale", flags->options.days_scale,
             "Similarity decays by exp(-days apart / this) when both dates are known; 0: off")
          ->capture_default_str();
      app.add_option("--lead-claims", flags->options.lead_claims,
                     "Claims per document that describe its event")
          ->check(CLI::PositiveNumber)
          ->capture_default_str();
      app.add_option("--whole-document", flags->options.whole_document,
                     "Words of the whole text (true) or of the title and lead claims only (false)")
          ->capture_default_str();
      app.add_option("--bigrams", flags->options.bigrams,
                     "Add adjacent word pairs to the document vectors")
          ->capture_default_str();
      app.add_option("--min-df", flags->options.min_df,
                     "Drop words found in fewer documents than this")
          ->check(CLI::PositiveNumber)
          ->capture_default_str();
      app.add_option("--latent-dims", flags->options.latent_dims,
                     "Dimensions of latent semantic vectors blended into related pairs; 0: off")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      app.add_option("--latent-weight", flags->options.latent_weight,
                     "Weight of the latent cosine in a related pair's similarity, in [0, 1]")
          ->capture_default_str();
      app.add_option("--threads", flags->options.threads, "Worker threads (0: all cores)")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      return [flags] { return RunEvents(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
