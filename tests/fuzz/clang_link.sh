#!/bin/sh
# RULE_LAUNCH_LINK for the pipeline fuzzer: CMake passes the main compiler's link command;
# link it with clang instead (libFuzzer's main and the sanitizer runtimes are clang's),
# keeping CMake's objects, libraries and flags. Usage: clang_link.sh CLANGXX COMPILER ARGS...
clang="$1"
shift 2
exec "$clang" -fsanitize=fuzzer,address,undefined "$@"
