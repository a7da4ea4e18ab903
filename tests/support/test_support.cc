#include "test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace rearview::testing {

TemporaryDirectory::TemporaryDirectory() {
  std::random_device device;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = std::filesystem::temp_directory_path() /
                     ("rearview-test-" + std::to_string(getpid()) + "-" + std::to_string(device()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void write_file(const std::filesystem::path& file, const std::string& content) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::map<std::string, std::vector<std::string>> read_truth_csv(const std::filesystem::path& file,
                                                               const std::string& header) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, header) << file;
  std::map<std::string, std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string id, field;
    std::getline(fields, id, ',');
    std::vector<std::string>& row = rows[id];
    while (std::getline(fields, field, ',')) row.push_back(field);
  }
  return rows;
}

CommandResult run_command(const std::string& command_line) {
  CommandResult result;
  std::FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command_line);
  std::array<char, 4096> buffer;
  std::size_t read;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), read);
  int status = pclose(pipe);
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string rearview_binary() { return REARVIEW_BINARY; }

std::filesystem::path shared_crm_data() {
  auto folder = std::filesystem::path(REARVIEW_SOURCE_DIR) / ".." / "shared" / "data" / "crm";
  return std::filesystem::is_directory(folder) ? folder : std::filesystem::path();
}

std::filesystem::path shared_mail_data() {
  auto folder = std::filesystem::path(REARVIEW_SOURCE_DIR) / ".." / "shared" / "data" / "mail";
  return std::filesystem::is_directory(folder) ? folder : std::filesystem::path();
}

}  // namespace rearview::testing
