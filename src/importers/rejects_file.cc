#include "rejects_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

#include "rearview/importers/csv_reader.h"

namespace rearview::importing {
namespace {

namespace fs = std::filesystem;

fs::path canonical_or_as_is(const fs::path& path) {
  std::error_code error;
  fs::path resolved = fs::weakly_canonical(fs::absolute(path, error), error);
  return error ? path : resolved;
}

bool is_inside(const fs::path& path, const fs::path& folder) {
  auto [folder_end, path_at] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return folder_end == folder.end();
}

Error refusal(const fs::path& rejects, std::string_view why) {
  return Error{ErrorCode::usage, fmt::format("--rejects {} {}", rejects.string(), why),
               "choose another path for the rejects file with --rejects"};
}

bool holds_other_data(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(fs::symlink_status(path, error))) return false;
  if (!fs::is_regular_file(path, error)) return true;
  std::ifstream in(path, std::ios::binary);
  std::string first_line;
  std::getline(in, first_line);
  if (!first_line.empty() && first_line.back() == '\r') first_line.pop_back();
  return first_line != kRejectsHeader && fs::file_size(path, error) > 0;
}

Error write_error(const fs::path& path, int number) {
  std::string why = number == ENOSPC ? "the disk is full" : std::strerror(number);
  return Error{ErrorCode::io, fmt::format("cannot write the rejected rows to {}: {}", path.string(), why),
               number == ENOSPC ? "free some space, or give --rejects a path on another disk"
                                : "check that the folder exists and that you may write to it"};
}

// Spreadsheets run a cell that starts with one of these as a formula; a
// leading apostrophe makes it text (CSV injection).
std::string neutralised(std::string_view cell) {
  if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos)
    return "'" + std::string(cell);
  return std::string(cell);
}

}  // namespace

Result<void> RejectsFile::check_path(const fs::path& rejects, const fs::path& database,
                                     const std::vector<fs::path>& input_files,
                                     const std::vector<fs::path>& input_folders) {
  fs::path target = canonical_or_as_is(rejects);
  fs::path db = canonical_or_as_is(database);
  for (std::string_view suffix : {"", "-wal", "-shm", "-journal"})
    if (target == fs::path(db.string() + std::string(suffix)))
      return std::unexpected(refusal(rejects, "would overwrite the database"));
  for (const auto& file : input_files)
    if (target == canonical_or_as_is(file))
      return std::unexpected(refusal(rejects, "would overwrite a file being imported"));
  for (const auto& folder : input_folders)
    if (is_inside(target, canonical_or_as_is(folder)))
      return std::unexpected(refusal(rejects, "is inside the folder being imported"));
  if (holds_other_data(rejects))
    return std::unexpected(refusal(rejects, "exists and is not a rejects file rearview wrote"));
  return {};
}

Result<RejectsFile> RejectsFile::create(const fs::path& path) {
  fs::path temporary = path;
  temporary += fmt::format(".partial-{}", ::getpid());
  int descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (descriptor < 0) return std::unexpected(write_error(path, errno));
  std::FILE* file = ::fdopen(descriptor, "wb");
  if (!file) {
    int number = errno;
    ::close(descriptor);
    ::unlink(temporary.c_str());
    return std::unexpected(write_error(path, number));
  }
  std::fputs(kRejectsHeader.data(), file);
  std::fputc('\n', file);
  return RejectsFile(path, std::move(temporary), file);
}

RejectsFile::RejectsFile(fs::path path, fs::path temporary, std::FILE* file)
    : path_(std::move(path)), temporary_(std::move(temporary)), file_(file) {}

RejectsFile::RejectsFile(RejectsFile&& other) noexcept
    : path_(std::move(other.path_)),
      temporary_(std::move(other.temporary_)),
      file_(std::exchange(other.file_, nullptr)),
      rows_(other.rows_),
      published_(std::exchange(other.published_, true)) {}

RejectsFile::~RejectsFile() { discard(); }

void RejectsFile::discard() {
  if (file_) std::fclose(std::exchange(file_, nullptr));
  if (!published_) {
    ::unlink(temporary_.c_str());
    published_ = true;
  }
}

void RejectsFile::add(const RowProblem& problem, std::string_view record) {
  std::string reason = problem.expected.empty() ? problem.message
                                                : fmt::format("expected {}", problem.expected);
  std::string line;
  std::string line_number = std::to_string(problem.line);  // outlives the loop below
  for (std::string_view field : {std::string_view(problem.file), std::string_view(line_number),
                                 std::string_view(problem.column), std::string_view(problem.value),
                                 std::string_view(reason)}) {
    append_csv_field(line, neutralised(field));
    line += ',';
  }
  append_csv_field(line, neutralised(record));
  line += '\n';
  if (file_) std::fwrite(line.data(), 1, line.size(), file_);
  ++rows_;
}

Result<void> RejectsFile::finish() {
  if (!file_) return std::unexpected(write_error(path_, EBADF));
  int number = 0;
  if (std::fflush(file_) != 0 || std::ferror(file_)) number = errno ? errno : EIO;
  if (!number && ::fsync(::fileno(file_)) != 0) number = errno;
  if (std::fclose(std::exchange(file_, nullptr)) != 0 && !number) number = errno;
  if (number) return std::unexpected(write_error(path_, number));
  return {};
}

Result<void> RejectsFile::publish() {
  if (::rename(temporary_.c_str(), path_.c_str()) != 0) return std::unexpected(write_error(path_, errno));
  published_ = true;
  return {};
}

}  // namespace rearview::importing
