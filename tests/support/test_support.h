// Helpers shared by the tests: temporary folders, writing files, running the
// rearview binary.
#pragma once

#include <filesystem>
#include <map>
#include <vector>
#include <string>

namespace rearview::testing {

// A fresh folder under the system's temporary folder, removed on destruction.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Creates the folders it needs.
void write_file(const std::filesystem::path& file, const std::string& content);
std::string read_file(const std::filesystem::path& file);

// A generator's truth.csv (ids and words, nothing quoted): the first field
// of each row -> the row's fields after it. Checks the header first.
std::map<std::string, std::vector<std::string>> read_truth_csv(const std::filesystem::path& file,
                                                               const std::string& header);

struct CommandResult {
  int exit_status = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line and captures what it prints.
CommandResult run_command(const std::string& command_line);

// The rearview binary under test (set by CMake).
std::string rearview_binary();
// "rearview ARGUMENTS" as a command line for run_command.
inline std::string rearview_command(const std::string& arguments) {
  return rearview_binary() + " " + arguments;
}

// ../shared/data/crm of the source tree, or empty when it is absent.
std::filesystem::path shared_crm_data();
// ../shared/data/mail, or empty when it is absent.
std::filesystem::path shared_mail_data();

}  // namespace rearview::testing
