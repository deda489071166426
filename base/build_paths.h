#pragma once

#include <filesystem>

namespace sipconf::base {

/// Where this build's sources and its outputs are, for the test data, the shipped profiles
/// and the built tools. Defined in a unit CMake generates into the build folder, the one unit
/// that differs between two clones of the same sources: every other unit compiles to the same
/// bytes in both, so the compile cache and the clang-tidy cache serve a fresh clone.
std::filesystem::path source_dir();
std::filesystem::path binary_dir();

}  // namespace sipconf::base
