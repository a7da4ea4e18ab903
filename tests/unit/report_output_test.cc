// Report files: names from hostile ids, and writes that are atomic and say
// why they failed.
#include <gtest/gtest.h>

#include <set>

#include "rearview/report/output.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::TemporaryDirectory;

std::size_t files_in(const std::filesystem::path& folder) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(folder),
                                                std::filesystem::directory_iterator()));
}

TEST(ReportFileName, HostileIdsBecomeOneSafeBoundedName) {
  const std::vector<std::string> ids = {"../../x", "/etc/passwd", std::string("a\0b", 3),
                                        "index", "INDEX", "a~b/c", "", "_", "a.b", "a_2Eb",
                                        std::string(300, 'L'), std::string(300, 'L') + "M"};
  std::set<std::string> names;
  for (const auto& id : ids) {
    std::string name = report_file_name(id, "html");
    names.insert(name);
    EXPECT_EQ(name.find('/'), std::string::npos) << name;
    EXPECT_EQ(name.find('\0'), std::string::npos) << name;
    EXPECT_EQ(name.find('~'), std::string::npos) << name;
    EXPECT_NE(name, "index.html");
    EXPECT_EQ(name.rfind('.'), name.size() - 5) << "only the extension's dot: " << name;
    EXPECT_LE(name.size(), kMaxReportFileStem + 5) << name;
  }
  EXPECT_EQ(names.size(), ids.size()) << "every id has a name of its own";
  EXPECT_EQ(report_file_name("006Acme0001", "pdf"), "006Acme0001.pdf") << "plain ids stay readable";
}

TEST(WriteFileAtomically, ReplacesAFileAndLeavesNoTemporary) {
  TemporaryDirectory directory;
  auto file = directory / "report.html";
  testing::write_file(file, "old");
  ASSERT_TRUE(write_file_atomically(file, "new").has_value());
  EXPECT_EQ(testing::read_file(file), "new");
  EXPECT_EQ(files_in(directory.path()), 1u);
}

TEST(WriteFileAtomically, ReplacesASymlinkInsteadOfFollowingIt) {
  TemporaryDirectory directory;
  auto victim = directory / "victim.txt";
  testing::write_file(victim, "keep me");
  std::filesystem::create_directory(directory / "out");
  std::filesystem::create_symlink(victim, directory / "out" / "index.html");
  ASSERT_TRUE(write_file_atomically(directory / "out" / "index.html", "index").has_value());
  EXPECT_EQ(testing::read_file(victim), "keep me");
  EXPECT_FALSE(std::filesystem::is_symlink(directory / "out" / "index.html"));
}

TEST(WriteFileAtomically, MissingFolderSaysSo) {
  TemporaryDirectory directory;
  auto written = write_file_atomically(directory / "missing" / "report.html", "x");
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, ErrorCode::io);
  EXPECT_NE(written.error().message.find("the folder does not exist"), std::string::npos)
      << written.error().message;
}

// A tiny tmpfs is a disk that fills up; mounting one needs root.
class FullDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    disk_ = directory_ / "disk";
    std::filesystem::create_directory(disk_);
    auto mounted = testing::run_command("mount -t tmpfs -o size=64k tmpfs '" + disk_.string() +
                                        "' 2>&1");
    if (mounted.exit_status != 0) GTEST_SKIP() << "cannot mount a tmpfs: " << mounted.output;
    mounted_ = true;
  }
  void TearDown() override {
    if (mounted_) testing::run_command("umount '" + disk_.string() + "'");
  }
  TemporaryDirectory directory_;
  std::filesystem::path disk_;
  bool mounted_ = false;
};

TEST_F(FullDisk, ADiskFullWriteSaysSoAndKeepsTheOldFile) {
  auto file = disk_ / "report.pdf";
  ASSERT_TRUE(write_file_atomically(file, "the old report").has_value());
  auto written = write_file_atomically(file, std::string(1 << 20, 'x'));
  ASSERT_FALSE(written.has_value());
  EXPECT_NE(written.error().message.find("the disk is full"), std::string::npos)
      << written.error().message;
  EXPECT_EQ(testing::read_file(file), "the old report");
  EXPECT_EQ(files_in(disk_), 1u) << "the temporary file is removed";
}

}  // namespace
}  // namespace rearview
