// `crossclaim extract`: each input document as the pipeline reads it (pages: the extracted
// article and the page's metadata), streamed.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/input.h"
#include "core/json_text.h"
#include "report/claims_json.h"

namespace crossclaim::cli {
namespace {

struct ExtractFlags {
  InputFlags input;
  std::string format = "jsonl";
};

// "meta:og:site_name" after a value, or nothing when the field has no origin.
std::string From(const std::string& source) {
  return source.empty() ? "" : fmt::format("  ({})", source);
}

void PrintText(const Document& doc) {
  const MetadataSource& from = doc.metadata_source;
  std::cout << fmt::format("== {}\n", doc.id);
  std::cout << fmt::format("outlet: {}{}\n", doc.outlet, From(from.outlet));
  std::cout << fmt::format("url: {}{}\n", doc.url, From(from.url));
  std::cout << fmt::format("published: {}{}\n", doc.published ? doc.published->ToIso() : "unknown",
                           From(from.published));
  std::cout << fmt::format("title: {}{}\n", doc.title, From(from.title));
  std::cout << fmt::format("author: {}{}\n", doc.author, From(from.author));
  std::cout << fmt::format("source: {}{}\n\n", doc.source, From(from.source));
  std::cout << doc.text << "\n\n";
}

int RunExtract(const ExtractFlags& flags) {
  Status status = StreamInputs(flags.input, 256, [&](Corpus& batch) {
    for (const Document& doc : batch.documents) {
      if (flags.format == "jsonl") {
        std::cout << DumpJson(DocumentJson(doc)) << "\n";
      } else {
        PrintText(doc);
      }
    }
    return Status::Ok();
  });
  if (!status.ok()) return Fail(status);
  std::cout.flush();
  if (!std::cout) return Fail(DataLoss("extract: cannot write the output"));
  return kExitOk;
}

const CommandRegistration kExtract{
    "extract", "Print each input document as the pipeline reads it (pages: article and metadata)",
    8, [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<ExtractFlags>();
      AddInputFlags(app, &flags->input);
      app.add_option("--format", flags->format, "Output format: one JSON object per line, or text")
          ->check(CLI::IsMember({"jsonl", "text"}))
          ->capture_default_str();
      app.add_flag("--whole-page", flags->input.whole_page,
                   "Keep a page's whole visible text instead of extracting the article "
                   "(the baseline of bench/extract_eval.sh)");
      return [flags] { return RunExtract(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
