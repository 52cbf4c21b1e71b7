// crossclaim: compare news reports of one event across outlets, claim by claim.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "cli/command.h"
#include "core/utf8.h"

namespace crossclaim::cli {
namespace {

struct Entry {
  std::string name;
  std::string description;
  int order;
  CommandSetup setup;
};

std::vector<Entry>& Registry() {
  static std::vector<Entry> entries;
  return entries;
}

}  // namespace

CommandRegistration::CommandRegistration(std::string name, std::string description, int order,
                                         CommandSetup setup) {
  Registry().push_back({std::move(name), std::move(description), order, std::move(setup)});
}

int Fail(const Status& status) {
  // Messages carry paths and quoted input: whatever their bytes, the terminal gets valid
  // UTF-8 without control sequences.
  std::fprintf(stderr, "crossclaim: error: %s\n", PrintableText(status.message()).c_str());
  return status.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitBadInput;
}

std::string DemoEventPath() {
  namespace fs = std::filesystem;
  const char* data = std::getenv("CROSSCLAIM_DATA");
  std::string relative = "events/2025-01-21-putin-xi-call";
  if (data != nullptr) return (fs::path(data) / relative).string();
  fs::path source_copy = fs::path(CROSSCLAIM_SOURCE_DIR) / "datasets" / relative;
  return source_copy.string();
}

}  // namespace crossclaim::cli

int main(int argc, char** argv) {
  using namespace crossclaim::cli;
  CLI::App app{
      "crossclaim: compare news reports of one event across outlets, claim by claim.\n"
      "Which claims are corroborated, which text was copied from whom, where reports disagree."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "crossclaim " CROSSCLAIM_VERSION);
  // Options can also come from a TOML/INI file, one [section] per subcommand:
  //   [report]
  //   overlap-threshold = 0.2
  app.set_config("--config", "",
                 "Read options from a TOML/INI file ([report], [dedup], ... sections)");

  std::vector<Entry> entries = Registry();
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.order < b.order; });
  std::map<CLI::App*, CommandRunner> runners;
  for (Entry& entry : entries) {
    CLI::App* sub = app.add_subcommand(entry.name, entry.description);
    runners[sub] = entry.setup(*sub);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (auto& [sub, run] : runners) {
    if (!sub->parsed()) continue;
    try {
      return run();
    } catch (const std::exception& e) {
      // A bug, not bad input (commands return a Status for that); still a readable message
      // and an exit code rather than std::terminate.
      return Fail(crossclaim::Status(crossclaim::StatusCode::kInternal,
                                     std::string("unexpected exception: ") + e.what()));
    }
  }
  return kExitUsage;
}
