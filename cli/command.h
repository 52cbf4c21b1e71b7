// Subcommand registry of the `crossclaim` executable. Each subcommand lives in its own
// file and registers itself at static-initialisation time:
//
//   namespace {
//   const CommandRegistration kDedup{"dedup", 30, [](CLI::App& app) -> CommandRunner {
//     auto opts = std::make_shared<DedupFlags>();
//     app.add_option("input", opts->inputs, "...");
//     return [opts] { return RunDedup(*opts); };
//   }};
//   }
//
// The cli sources are compiled into the executable itself (not a static library), so
// the registrations are never dropped by the linker.
#ifndef CROSSCLAIM_CLI_COMMAND_H_
#define CROSSCLAIM_CLI_COMMAND_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace crossclaim::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;

// Runs a configured subcommand and returns its exit code.
using CommandRunner = std::function<int()>;
// Adds options to `app` (the subcommand's own CLI::App) and returns how to run it.
using CommandSetup = std::function<CommandRunner(CLI::App& app)>;

struct CommandRegistration {
  // `order` sorts subcommands in --help.
  CommandRegistration(std::string name, std::string description, int order, CommandSetup setup);
};

// Prints `crossclaim: error: <message>` to stderr and returns kExitBadInput (or kExitUsage
// for kInvalidArgument).
int Fail(const Status& status);

// The bundled demo event folder: $CROSSCLAIM_DATA/events/... or the source tree's copy.
std::string DemoEventPath();

}  // namespace crossclaim::cli

#endif  // CROSSCLAIM_CLI_COMMAND_H_
