#include "rearview/report/output.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "escape.h"
#include "rearview/core/stable_hash.h"

namespace rearview {
namespace {

// What went wrong and what to do about it, for the errno of a failed write.
Error write_error(const std::filesystem::path& file, int error_number) {
  std::string cause;
  std::string hint;
  switch (error_number) {
    case ENOSPC:
      cause = "the disk is full";
      hint = "Free some space on the disk, or write to another folder with --out.";
      break;
    case EDQUOT:
      cause = "the disk quota is used up";
      hint = "Free some space, or write to another folder with --out.";
      break;
    case EACCES:
    case EPERM:
      cause = "permission denied";
      hint = "Choose a folder you may write to with --out.";
      break;
    case EROFS:
      cause = "the file system is read-only";
      hint = "Write to a folder on a writable disk with --out.";
      break;
    case ENOENT:
    case ENOTDIR:
      cause = "the folder does not exist";
      hint = "Create the folder first, or name another with --out.";
      break;
    case ENAMETOOLONG:
      cause = "the path is too long";
      hint = "Choose a shorter folder with --out.";
      break;
    case EISDIR:
      cause = "a folder of that name is in the way";
      hint = "Remove it, or write to another place with --out.";
      break;
    default:
      cause = std::strerror(error_number);
      hint = "Check that the folder exists and that you may write to it.";
  }
  return Error{ErrorCode::io, fmt::format("cannot write {}: {}", file.string(), cause), hint};
}

bool write_all(int descriptor, std::string_view content) {
  while (!content.empty()) {
    ssize_t written = ::write(descriptor, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      if (written == 0) errno = EIO;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// So the rename itself survives a power cut; a failure here loses nothing.
void sync_folder(const std::filesystem::path& folder) {
  int descriptor = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (descriptor < 0) return;
  ::fsync(descriptor);
  ::close(descriptor);
}

}  // namespace

std::string report_file_name(std::string_view id, std::string_view extension) {
  std::string stem = report::anchor_name("", id);
  // "_" alone is never an escape ("_XX" always is), so these stay unique.
  if (stem.empty() || stem == "index") stem += "_";
  if (stem.size() > kMaxReportFileStem)
    stem = fmt::format("{}-{:016x}", stem.substr(0, kMaxReportFileStem - 17), stable_hash(id));
  return fmt::format("{}.{}", stem, extension);
}

Result<void> write_file_atomically(const std::filesystem::path& file, std::string_view content,
                                   Durability durability) {
  std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
  std::string temporary = (folder / ("." + file.filename().string() + ".XXXXXX")).string();
  int descriptor = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (descriptor < 0) return std::unexpected(write_error(file, errno));
  bool done = ::fchmod(descriptor, 0644) == 0 && write_all(descriptor, content) &&
              (durability == Durability::batch || ::fsync(descriptor) == 0);
  int error_number = errno;
  if (::close(descriptor) != 0 && done) {
    done = false;
    error_number = errno;
  }
  if (done && ::rename(temporary.c_str(), file.c_str()) == 0) {
    if (durability == Durability::synced) sync_folder(folder);
    return {};
  }
  if (done) error_number = errno;
  ::unlink(temporary.c_str());
  return std::unexpected(write_error(file, error_number));
}

void sync_to_disk(const std::filesystem::path& folder) {
  int descriptor = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (descriptor < 0) return;
  ::syncfs(descriptor);
  ::close(descriptor);
}

}  // namespace rearview
