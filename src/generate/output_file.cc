#include "output_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace rearview::generate {

Result<void> create_output_folder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error)
    return fail(ErrorCode::io, fmt::format("cannot create {}: {}", folder.string(), error.message()),
                "choose a directory you can write to");
  return {};
}
namespace {

constexpr std::size_t kFlushThreshold = std::size_t{1} << 20;

Error io_error(const std::filesystem::path& path, std::string_view action, int error_number) {
  return Error{ErrorCode::io,
               fmt::format("cannot {} {}: {}", action, path.string(), std::strerror(error_number)),
               "check that the output directory is writable and the disk is not full"};
}

}  // namespace

Result<void> write_whole_file(const std::filesystem::path& path, std::string_view text) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"), std::fclose);
  if (!file) return std::unexpected(io_error(path, "create", errno));
  if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size())
    return std::unexpected(io_error(path, "write", errno));
  if (std::fclose(file.release()) != 0) return std::unexpected(io_error(path, "write", errno));
  return {};
}

Result<OutputFile> OutputFile::create(const std::filesystem::path& path) {
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "wb"));
  if (!file) return std::unexpected(io_error(path, "create", errno));
  // The records are gathered in buffer_ and written in large blocks already.
  std::setvbuf(file.get(), nullptr, _IONBF, 0);
  return OutputFile(std::move(file), path);
}

OutputFile::OutputFile(std::unique_ptr<std::FILE, Closer> file, std::filesystem::path path)
    : file_(std::move(file)), path_(std::move(path)) {
  buffer_.reserve(kFlushThreshold + 64 * 1024);
}

void OutputFile::flush_if_full() {
  if (buffer_.size() >= kFlushThreshold) flush();
}

void OutputFile::flush() {
  if (buffer_.empty()) return;
  if (write_errno_ == 0 &&
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size())
    write_errno_ = errno != 0 ? errno : EIO;
  bytes_ += static_cast<long long>(buffer_.size());
  buffer_.clear();
}

Result<void> OutputFile::close() {
  if (!file_) return {};
  flush();
  if (std::fclose(file_.release()) != 0 && write_errno_ == 0) write_errno_ = errno;
  if (write_errno_ != 0) return std::unexpected(io_error(path_, "write", write_errno_));
  return {};
}

}  // namespace rearview::generate
