// `crossclaim claims`: the claims of each document, after boilerplate removal.
#include "core/claims.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/input.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "core/wire.h"
#include "report/claims_json.h"

namespace crossclaim::cli {
namespace {

struct ClaimsFlags {
  InputFlags input;
  std::string format = "text";
  bool show_removed = false;
  int min_tokens = ClaimOptions().min_tokens;
};

std::string Features(const Document& doc, const Claim& claim) {
  auto text = [&](const Span& s) { return doc.text.substr(s.begin, s.size()); };
  std::vector<std::string> parts;
  for (const NumberMention& n : claim.numbers) parts.push_back("number: " + text(n.span));
  for (const DateMention& d : claim.dates) parts.push_back("date: " + text(d.span));
  if (!claim.names.empty()) parts.push_back(fmt::format("names: {}", fmt::join(claim.names, "; ")));
  for (const Cue& c : claim.cues) parts.push_back(c.kind + ": " + c.word);
  if (claim.attribution) parts.push_back("attribution: " + *claim.attribution);
  return fmt::format("{}", fmt::join(parts, " | "));
}

void PrintText(const Corpus& corpus, const ClaimSet& set, bool show_removed) {
  size_t next = 0;
  for (size_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& doc = corpus.documents[d];
    size_t count = 0;
    while (next + count < set.claims.size() &&
           set.claims[next + count].doc == static_cast<int>(d)) {
      ++count;
    }
    // One document's lines at a time, printable: ids and text are input.
    std::string out =
        fmt::format("== {}  outlet: {}  published: {}  claims: {}  boilerplate removed: {}\n",
                    doc.id, doc.outlet, doc.published ? doc.published->ToIso() : "unknown", count,
                    set.boilerplate[d].boilerplate_count());
    for (size_t i = next; i < next + count; ++i) {
      const Claim& claim = set.claims[i];
      out += fmt::format("  #{:<4} [{}-{}] {}\n", claim.id, claim.span.begin, claim.span.end,
                         claim.text);
      std::string features = Features(doc, claim);
      if (!features.empty()) out += "         " + features + "\n";
    }
    if (show_removed) {
      for (const RemovedLine& line : set.boilerplate[d].removed) {
        out += fmt::format("  - removed ({}) {}\n", ReasonName(line.reason),
                           JoinHardWraps(doc.text.substr(line.span.begin, line.span.size())));
      }
    }
    std::cout << PrintableText(out);
    next += count;
  }
  std::cout << fmt::format("{} documents used, {} skipped, {} claims\n", corpus.documents.size(),
                           corpus.skipped(), set.claims.size());
}

int RunClaims(const ClaimsFlags& flags) {
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  ClaimOptions options;
  options.min_tokens = flags.min_tokens;
  ClaimSet set = ExtractCorpusClaims(*corpus, BoilerplateOptions(), options);
  if (flags.format == "json") {
    nlohmann::json out = {{"documents", DocumentsJson(*corpus, set)},
                          {"claims", ClaimsJson(*corpus, set.claims)}};
    if (flags.show_removed) out["removed"] = RemovedLinesJson(*corpus, set);
    std::cout << DumpJson(out, 2) << "\n";
  } else {
    PrintText(*corpus, set, flags.show_removed);
  }
  return kExitOk;
}

const CommandRegistration kClaims{
    "claims", "Print the claims of each document (sentences with numbers, dates, names, cues)", 10,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<ClaimsFlags>();
      AddInputFlags(app, &flags->input);
      app.add_option("--format", flags->format, "Output format")
          ->check(CLI::IsMember({"text", "json"}))
          ->capture_default_str();
      app.add_flag("--show-removed", flags->show_removed,
                   "Also list the lines removed as boilerplate, with the reason");
      app.add_option("--min-tokens", flags->min_tokens, "Shortest sentence kept as a claim")
          ->check(CLI::PositiveNumber)
          ->capture_default_str();
      return [flags] { return RunClaims(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
