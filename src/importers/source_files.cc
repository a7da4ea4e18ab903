#include "source_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace rearview::importing {
namespace {

bool left_out(const std::filesystem::directory_entry& entry) {
  std::string name = entry.path().filename().string();
  if (name.starts_with(".")) return true;
  // A maildir's tmp/ holds messages still being delivered.
  if (name == "tmp" && entry.is_directory() &&
      std::filesystem::exists(entry.path().parent_path() / "cur"))
    return true;
  return entry.is_symlink() && entry.is_directory();
}

struct Finder {
  const FileClassifier& classify;
  SourceFiles found;

  void add_file(const std::filesystem::path& path) {
    std::error_code unreadable;
    auto size = std::filesystem::file_size(path, unreadable);
    if (auto format = classify(path))
      found.files.push_back({.path = path, .format = *format,
                             .size = unreadable ? 0 : static_cast<long long>(size)});
    else
      found.left_out.push_back(path);
  }

  void add_folder(const std::filesystem::path& folder) {
    std::vector<std::filesystem::directory_entry> entries;
    std::error_code unreadable;
    for (const auto& entry : std::filesystem::directory_iterator(folder, unreadable))
      if (!left_out(entry)) entries.push_back(entry);
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path() < b.path(); });
    for (const auto& entry : entries) {
      if (entry.is_directory())
        add_folder(entry.path());
      else if (entry.is_regular_file())
        add_file(entry.path());
    }
  }
};

}  // namespace

Result<SourceFiles> find_source_files(const std::vector<std::filesystem::path>& paths,
                                      const FileClassifier& classify, std::string_view hint) {
  Finder finder{classify, {}};
  for (const auto& path : paths) {
    std::error_code missing;
    auto status = std::filesystem::status(path, missing);
    if (missing || !std::filesystem::exists(status))
      return fail(ErrorCode::not_found, fmt::format("{} does not exist", path.string()),
                  std::string(hint));
    if (std::filesystem::is_directory(status))
      finder.add_folder(path);
    else
      finder.add_file(path);
  }
  return std::move(finder.found);
}

std::vector<std::string> first_paths(const std::vector<std::filesystem::path>& paths,
                                     std::size_t most) {
  std::vector<std::string> first;
  for (std::size_t i = 0; i < paths.size() && i < most; ++i) first.push_back(paths[i].string());
  return first;
}

std::string file_head(const std::filesystem::path& file, std::size_t bytes) {
  std::ifstream in(file, std::ios::binary);
  std::string head(bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(bytes));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return head;
}

long long modified_time(const std::filesystem::path& file) {
  std::error_code unreadable;
  auto time = std::filesystem::last_write_time(file, unreadable);
  return unreadable ? 0 : static_cast<long long>(time.time_since_epoch().count());
}

}  // namespace rearview::importing
