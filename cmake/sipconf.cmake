# Shared build rules. Every source folder (a top-level folder, or a sub-folder with its
# own CMakeLists.txt such as harness/'s rooms) is one library built from its *.cc
# files; foo_test.cc files form the folder's test binary, foo_fuzz.cc files are
# libFuzzer targets, and main.cc (if any) is the folder's executable. Globbing
# keeps folders independent: adding a file never means editing a shared list.

set(SIPCONF_WARNINGS -Wall -Wextra)
if(SIPCONF_WERROR)
  list(APPEND SIPCONF_WARNINGS -Werror)
endif()

# One clang build serves the sanitizer tests and the fuzz targets: with SIPCONF_FUZZ every
# object also carries libFuzzer's coverage instrumentation (fuzzer-no-link), which the
# sanitizer runtime answers in the test binaries, and only *_fuzz.cc link libFuzzer's main.
if(SIPCONF_SANITIZE OR SIPCONF_FUZZ)
  set(sanitizers address,undefined)
  if(SIPCONF_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
      message(FATAL_ERROR "SIPCONF_FUZZ needs clang: configure with CC=clang CXX=clang++")
    endif()
    set(sanitizers fuzzer-no-link,${sanitizers})
  endif()
  add_compile_options(-fsanitize=${sanitizers} -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12's flow analysis under ASan reports maybe-uninitialized inside
    # libstdc++ itself (<regex>, std::function moves); the plain build keeps it.
    list(APPEND SIPCONF_WARNINGS -Wno-maybe-uninitialized)
  endif()
endif()

# ccache, where installed: objects are cached by content with paths taken relative to the
# source root (and the compile folder left out of the key), so a fresh clone of the same
# sources in another folder reuses what an earlier build compiled. Nothing depends on it.
find_program(SIPCONF_CCACHE_PROGRAM ccache)
option(SIPCONF_CCACHE "Compile through ccache when it is installed" ON)
if(SIPCONF_CCACHE AND SIPCONF_CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(launcher ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${PROJECT_SOURCE_DIR} CCACHE_NOHASHDIR=true
      CCACHE_MAXSIZE=12G
      ${SIPCONF_CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${launcher})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${launcher})
endif()

# Unity builds: most of a unit's compile is instantiating the same standard, Boost, fmt,
# json and GoogleTest templates, so each library and test binary compiles its units in
# batches that instantiate them once. Names private to a unit (anonymous namespaces) must
# therefore be unique within their folder. clang-tidy still checks every file on its own
# (ci/tidy.py), which also catches a file that compiles only thanks to its batch.
option(SIPCONF_UNITY "Compile each library's and test binary's units in batches" ON)
set(SIPCONF_UNITY_BATCH 8 CACHE STRING "Units per unity batch")

# Compiles `target`'s units in batches when SIPCONF_UNITY is on. The batch files include
# their sources by paths relative to the source root (CMake 3.25's own UNITY_BUILD writes
# absolute ones), so a batch is byte for byte the same in two clones of the same sources
# and ccache reuses its object (CCACHE_BASEDIR cannot rewrite paths inside a file). A
# batch file is rewritten only when its list of sources changes.
function(sipconf_unity target)
  if(NOT SIPCONF_UNITY)
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  list(FILTER sources INCLUDE REGEX "\\.cc$")
  list(LENGTH sources count)
  if(count LESS 2)
    return()
  endif()
  set(batch_dir ${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/${target}.dir/Unity)
  set(batch 0)
  set(in_batch 0)
  set(text "")
  set(batches "")
  foreach(source IN LISTS sources)
    file(RELATIVE_PATH relative ${PROJECT_SOURCE_DIR} ${source})
    string(APPEND text "#include \"${relative}\"\n")
    set_source_files_properties(${source} PROPERTIES HEADER_FILE_ONLY ON)
    math(EXPR in_batch "${in_batch} + 1")
    if(in_batch EQUAL SIPCONF_UNITY_BATCH)
      file(CONFIGURE OUTPUT ${batch_dir}/unity_${batch}_cxx.cxx CONTENT "${text}")
      list(APPEND batches ${batch_dir}/unity_${batch}_cxx.cxx)
      math(EXPR batch "${batch} + 1")
      set(in_batch 0)
      set(text "")
    endif()
  endforeach()
  if(in_batch GREATER 0)
    file(CONFIGURE OUTPUT ${batch_dir}/unity_${batch}_cxx.cxx CONTENT "${text}")
    list(APPEND batches ${batch_dir}/unity_${batch}_cxx.cxx)
  endif()
  target_sources(${target} PRIVATE ${batches})
endfunction()

# Applies the project's warning flags and include root to a target.
function(sipconf_target_defaults target)
  target_compile_options(${target} PRIVATE ${SIPCONF_WARNINGS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
  # The tree's own paths come from base/build_paths.h (a generated unit), not from the command
  # line, so every other unit is the same in two clones of the same sources (ccache).
  target_compile_definitions(${target} PRIVATE SIPCONF_VERSION="${PROJECT_VERSION}")
endfunction()

# sipconf_folder(NAME <name> [EXECUTABLE <exe>] [DEPS ...] [TEST_DEPS ...])
# Builds library sipconf_<name> from the folder's sources, its executable from
# main.cc, the test binary <name>_tests, and (with SIPCONF_FUZZ) one fuzzer per
# *_fuzz.cc.
function(sipconf_folder)
  cmake_parse_arguments(ARG "" "NAME;EXECUTABLE" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  set(lib_sources ${all_sources})
  list(FILTER lib_sources EXCLUDE REGEX "(_test|_fuzz)\\.cc$|/main\\.cc$")
  set(lib sipconf_${ARG_NAME})
  if(lib_sources)
    add_library(${lib} STATIC ${lib_sources})
    sipconf_target_defaults(${lib})
    sipconf_unity(${lib})
    target_link_libraries(${lib} PUBLIC ${ARG_DEPS})
  else()
    add_library(${lib} INTERFACE)
    target_include_directories(${lib} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${lib} INTERFACE ${ARG_DEPS})
  endif()

  if(ARG_EXECUTABLE AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/main.cc)
    add_executable(${ARG_EXECUTABLE} main.cc)
    sipconf_target_defaults(${ARG_EXECUTABLE})
    target_link_libraries(${ARG_EXECUTABLE} PRIVATE ${lib})
  endif()

  file(GLOB test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  if(test_sources)
    add_executable(${ARG_NAME}_tests ${test_sources})
    sipconf_target_defaults(${ARG_NAME}_tests)
    sipconf_unity(${ARG_NAME}_tests)
    target_link_libraries(${ARG_NAME}_tests PRIVATE ${lib} ${ARG_TEST_DEPS}
                          GTest::gtest GTest::gmock GTest::gtest_main)
    gtest_discover_tests(${ARG_NAME}_tests
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      DISCOVERY_TIMEOUT 120
      PROPERTIES LABELS ${ARG_NAME} TIMEOUT 300)
  endif()

  if(SIPCONF_FUZZ)
    file(GLOB fuzz_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_fuzz.cc)
    foreach(src ${fuzz_sources})
      get_filename_component(fuzzer ${src} NAME_WE)
      add_executable(${fuzzer} ${src})
      sipconf_target_defaults(${fuzzer})
      target_link_options(${fuzzer} PRIVATE -fsanitize=fuzzer)
      target_link_libraries(${fuzzer} PRIVATE ${lib})
    endforeach()
  endif()
endfunction()
