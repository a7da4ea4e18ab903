// A column mapping (TOML) on arbitrary bytes: a Mapping or an error, never a
// crash, and linked files never resolve outside the mapped CSV's folder.
#include <cstdlib>

#include "fuzz_support.h"
#include "mapping.h"

namespace {

bool inside(const std::filesystem::path& file, const std::filesystem::path& folder) {
  auto relative = file.lexically_normal().lexically_relative(folder.lexically_normal());
  return !relative.empty() && *relative.begin() != "..";
}

void check_inside(const std::optional<rearview::importing::LinkedFile>& linked,
                  const std::filesystem::path& folder) {
  if (linked && !inside(linked->file, folder)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rearview;
  auto mapping_file = fuzz::write_scratch_file("mapping.toml", fuzz::as_text(data, size));
  auto csv_file = fuzz::write_scratch_file("export.csv", "id\n1\n");
  auto mapping = importing::load_mapping(mapping_file, csv_file);
  if (!mapping) return 0;
  check_inside(mapping->users, fuzz::scratch_folder());
  check_inside(mapping->accounts, fuzz::scratch_folder());
  return 0;
}
