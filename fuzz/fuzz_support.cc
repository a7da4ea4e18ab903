#include "fuzz_support.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace rearview::fuzz {
namespace {

std::filesystem::path make_scratch_folder() {
  std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                   ? std::filesystem::path("/dev/shm")
                                   : std::filesystem::temp_directory_path();
  auto folder = base / ("rearview-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  // libFuzzer leaves through exit(); the folder goes with the process.
  std::atexit([] { std::filesystem::remove_all(scratch_folder()); });
  return folder;
}

}  // namespace

const std::filesystem::path& scratch_folder() {
  static const std::filesystem::path folder = make_scratch_folder();
  return folder;
}

const std::filesystem::path& fresh_scratch_folder() {
  const auto& folder = scratch_folder();
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    std::filesystem::remove_all(entry.path());
  return folder;
}

std::filesystem::path write_scratch_file(std::string_view name, std::string_view bytes) {
  auto file = scratch_folder() / name;
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
  return file;
}

void write_sections(std::string_view input, const std::filesystem::path& folder,
                    std::span<const std::string_view> names) {
  constexpr char kSectionSeparator = '\x1e';
  while (!input.empty()) {
    auto end = input.find(kSectionSeparator);
    std::string_view section = input.substr(0, end);
    if (!section.empty()) {
      auto name = names[static_cast<unsigned char>(section[0]) % names.size()];
      write_scratch_file((folder.filename() / std::string(name)).string(), section.substr(1));
    }
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
}

}  // namespace rearview::fuzz
