# Bounded libFuzzer runs of the JSON Lines reader and of the page reader, built with clang
# whatever the main compiler is (libFuzzer is clang's). Skipped, with a message, when clang
# is not installed.
find_program(CROSSCLAIM_CLANGXX NAMES clang++ clang++-14)
if(NOT CROSSCLAIM_CLANGXX)
  message(STATUS "clang++ not found: the fuzz tests are not built")
  return()
endif()
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fuzz)

# crossclaim_fuzzer(NAME TEST SEEDS folders... SOURCES files... LIBS ...): builds fuzz/NAME
# from tests/fuzz/NAME.cc and SOURCES, and a 20-second run of it as test TEST seeded from the
# SEEDS folders (relative to the project root).
function(crossclaim_fuzzer name test)
  cmake_parse_arguments(FUZZ "" "" "SEEDS;SOURCES;LIBS" ${ARGN})
  set(seed_dirs)
  foreach(seed ${FUZZ_SEEDS})
    list(APPEND seed_dirs ${PROJECT_SOURCE_DIR}/${seed})
  endforeach()
  set(bin ${CMAKE_CURRENT_BINARY_DIR}/fuzz/${name})
  set(srcs ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/${name}.cc)
  foreach(src ${FUZZ_SOURCES})
    list(APPEND srcs ${PROJECT_SOURCE_DIR}/${src})
  endforeach()
  add_custom_command(OUTPUT ${bin}
    COMMAND ${CROSSCLAIM_CLANGXX} -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined
            -I${PROJECT_SOURCE_DIR} ${srcs} ${FUZZ_LIBS} -o ${bin}
    DEPENDS ${srcs}
    COMMENT "Building ${name} with clang")
  add_custom_target(${name} ALL DEPENDS ${bin})
  # New inputs go to the first corpus folder (in the build tree); the shipped seeds stay
  # read-only.
  file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fuzz/${name}_corpus)
  add_test(NAME ${test}
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=1
            ${bin} -max_total_time=20 -max_len=4096 -rss_limit_mb=1024
            -artifact_prefix=${CMAKE_CURRENT_BINARY_DIR}/fuzz/${name}-
            ${CMAKE_CURRENT_BINARY_DIR}/fuzz/${name}_corpus ${seed_dirs})
endfunction()

crossclaim_fuzzer(jsonl_fuzzer fuzz.jsonl_reader SEEDS tests/fuzz/corpus
  SOURCES core/ingest.cc core/page.cc core/page_decode.cc core/page_dom.cc core/page_extract.cc
          core/page_metadata.cc core/csv.cc core/document.cc core/document_source.cc core/utf8.cc
  LIBS -licuuc -lsimdjson -lfmt -lgumbo -lz)
crossclaim_fuzzer(page_fuzzer fuzz.page_reader SEEDS tests/fuzz/page_corpus datasets/pages
  SOURCES core/page.cc core/page_decode.cc core/page_dom.cc core/page_extract.cc
          core/page_metadata.cc core/document.cc core/utf8.cc
  LIBS -licuuc -lsimdjson -lfmt -lgumbo -lz)
