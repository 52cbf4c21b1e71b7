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
          core/wire.cc
  LIBS -licuuc -lsimdjson -lfmt -lgumbo -lz)
crossclaim_fuzzer(page_fuzzer fuzz.page_reader SEEDS tests/fuzz/page_corpus datasets/pages
  SOURCES core/page.cc core/page_decode.cc core/page_dom.cc core/page_extract.cc
          core/page_metadata.cc core/document.cc core/utf8.cc
  LIBS -licuuc -lsimdjson -lfmt -lgumbo -lz)

# The whole pipeline (ingest -> claims -> every report writer) links the libraries the main
# build made rather than compiling their ~45 sources again with clang: only the harness is
# compiled with clang (coverage and sanitizer instrumentation), and the link is clang's
# (tests/fuzz/clang_link.sh), so building it costs one file and one link. The libraries are
# not instrumented: coverage guidance covers the harness, and libFuzzer mutates the seeds
# mostly blindly; the sanitizers still check the harness and catch crashes, aborts and
# uncaught exceptions anywhere. Not built with CROSSCLAIM_SANITIZE (gcc's sanitizer runtime
# in the libraries and clang's in the fuzzer do not mix).
if(TARGET crossclaim_pipeline_check AND NOT CROSSCLAIM_SANITIZE)
  set(harness_obj ${CMAKE_CURRENT_BINARY_DIR}/fuzz/pipeline_fuzzer.o)
  add_custom_command(OUTPUT ${harness_obj}
    COMMAND ${CROSSCLAIM_CLANGXX} -std=c++20 -O1 -g -fsanitize=fuzzer-no-link,address,undefined
            -I${PROJECT_SOURCE_DIR} -c ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/pipeline_fuzzer.cc
            -o ${harness_obj}
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/pipeline_fuzzer.cc
            ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/pipeline_check.h
    COMMENT "Building pipeline_fuzzer.o with clang")
  set_source_files_properties(${harness_obj} PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
  add_executable(pipeline_fuzzer ${harness_obj})
  set_target_properties(pipeline_fuzzer PROPERTIES LINKER_LANGUAGE CXX
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fuzz
    RULE_LAUNCH_LINK "sh ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/clang_link.sh ${CROSSCLAIM_CLANGXX}")
  target_link_libraries(pipeline_fuzzer PRIVATE crossclaim_pipeline_check)
  file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fuzz/pipeline_fuzzer_corpus)
  add_test(NAME fuzz.pipeline
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=1
            $<TARGET_FILE:pipeline_fuzzer> -max_total_time=20 -max_len=4096 -rss_limit_mb=1024
            -artifact_prefix=${CMAKE_CURRENT_BINARY_DIR}/fuzz/pipeline_fuzzer-
            ${CMAKE_CURRENT_BINARY_DIR}/fuzz/pipeline_fuzzer_corpus
            ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/pipeline_corpus)
endif()
