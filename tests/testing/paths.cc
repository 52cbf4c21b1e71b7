#include "tests/testing/paths.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace crossclaim::testing {
namespace fs = std::filesystem;

std::string SourceDir() { return CROSSCLAIM_SOURCE_DIR; }

std::string DemoEventDir() {
  return SourceDir() + "/datasets/events/2025-01-21-putin-xi-call";
}

std::string ScratchDir(const std::string& name) {
  static std::atomic<int> counter{0};
  fs::path dir = fs::path(CROSSCLAIM_BINARY_DIR) / "test-scratch" /
                 (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string CrossclaimBin() {
  const char* bin = std::getenv("CROSSCLAIM_BIN");
  if (bin != nullptr) return bin;
  return std::string(CROSSCLAIM_BINARY_DIR) + "/cli/crossclaim";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) ADD_FAILURE() << "cannot write " << path;
}

CommandOutput RunCommand(const std::string& command) {
  fs::path dir = ScratchDir("cmd");
  std::string out_path = (dir / "stdout").string();
  std::string err_path = (dir / "stderr").string();
  int status = std::system((command + " >" + out_path + " 2>" + err_path).c_str());
  CommandOutput result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

CommandOutput RunCrossclaim(const std::string& args) {
  return RunCommand(CrossclaimBin() + " " + args);
}

}  // namespace crossclaim::testing
