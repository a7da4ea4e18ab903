// What the fuzz targets share: a scratch folder of this process, since the
// readers under test take files and folders, not buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

namespace rearview::fuzz {

// A folder that lives as long as the process (in /dev/shm when there is one,
// so no input touches the disk); emptied by `fresh_scratch_folder`.
const std::filesystem::path& scratch_folder();
const std::filesystem::path& fresh_scratch_folder();

// Writes `bytes` to `name` inside the scratch folder and returns its path.
std::filesystem::path write_scratch_file(std::string_view name, std::string_view bytes);

// A folder of files made from one input: sections separated by the byte
// 0x1E (ASCII record separator), the first byte of each picking its file
// name from `names`, the rest its content. Writes them into `folder` (in
// the scratch folder).
void write_sections(std::string_view input, const std::filesystem::path& folder,
                    std::span<const std::string_view> names);

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace rearview::fuzz
