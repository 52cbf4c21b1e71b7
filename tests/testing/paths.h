// Paths the tests need: the source tree (for datasets/), a scratch folder, and the
// `crossclaim` executable for end-to-end tests.
#ifndef CROSSCLAIM_TESTS_TESTING_PATHS_H_
#define CROSSCLAIM_TESTS_TESTING_PATHS_H_

#include <string>

namespace crossclaim::testing {

std::string SourceDir();
std::string DemoEventDir();  // datasets/events/2025-01-21-putin-xi-call
// A fresh empty folder under the build tree, unique per call.
std::string ScratchDir(const std::string& name);
// The crossclaim executable (from $CROSSCLAIM_BIN, set by ctest).
std::string CrossclaimBin();
// Reads a whole file; fails the test (ADD_FAILURE) and returns "" when it cannot.
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

// Runs a shell command, returns its exit code and captures stdout (and stderr if asked).
struct CommandOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandOutput RunCommand(const std::string& command);
// Runs the crossclaim executable with `args` (one shell-quoted argument string).
CommandOutput RunCrossclaim(const std::string& args);

}  // namespace crossclaim::testing

#endif  // CROSSCLAIM_TESTS_TESTING_PATHS_H_
