# A bounded libFuzzer run of the JSON Lines reader, built with clang whatever the main
# compiler is (libFuzzer is clang's). Skipped, with a message, when clang is not installed.
find_program(CROSSCLAIM_CLANGXX NAMES clang++ clang++-14)
if(NOT CROSSCLAIM_CLANGXX)
  message(STATUS "clang++ not found: the JSON Lines fuzz test is not built")
  return()
endif()
set(fuzz_bin ${CMAKE_CURRENT_BINARY_DIR}/fuzz/jsonl_fuzzer)
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fuzz)
set(fuzz_srcs
  ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/jsonl_fuzzer.cc
  ${PROJECT_SOURCE_DIR}/core/ingest.cc ${PROJECT_SOURCE_DIR}/core/csv.cc
  ${PROJECT_SOURCE_DIR}/core/document.cc ${PROJECT_SOURCE_DIR}/core/document_source.cc
  ${PROJECT_SOURCE_DIR}/core/utf8.cc)
add_custom_command(OUTPUT ${fuzz_bin}
  COMMAND ${CROSSCLAIM_CLANGXX} -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined
          -I${PROJECT_SOURCE_DIR} ${fuzz_srcs} -licuuc -lsimdjson -lfmt -o ${fuzz_bin}
  DEPENDS ${fuzz_srcs}
  COMMENT "Building the JSON Lines fuzzer with clang")
add_custom_target(jsonl_fuzzer ALL DEPENDS ${fuzz_bin})
# New inputs go to the first corpus folder (in the build tree); the shipped seeds stay read-only.
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fuzz/corpus)
add_test(NAME fuzz.jsonl_reader
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=1
          ${fuzz_bin} -max_total_time=20 -max_len=4096 -rss_limit_mb=1024
          -artifact_prefix=${CMAKE_CURRENT_BINARY_DIR}/fuzz/
          ${CMAKE_CURRENT_BINARY_DIR}/fuzz/corpus ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus)
