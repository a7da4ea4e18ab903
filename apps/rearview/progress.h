// Progress of long work on the terminal: a bar on a TTY, plain lines when
// asked for (logs, tests), nothing otherwise.
#pragma once

#include <chrono>
#include <string>

#include "rearview/importers/import.h"

namespace rearview::cli {

enum class ProgressStyle { automatic, bar, lines, none };

ProgressStyle parse_progress_style(const std::string& text);

// What the counts passed to start() and update() are.
enum class ProgressUnit { bytes, messages };

class TerminalProgress final : public ImportProgress {
 public:
  explicit TerminalProgress(ProgressStyle style, ProgressUnit unit = ProgressUnit::bytes);
  void start(long long total_bytes) override;
  void update(long long bytes_done, std::string_view current_file) override;
  void finish() override;

 private:
  ProgressStyle style_;
  ProgressUnit unit_ = ProgressUnit::bytes;
  long long total_ = 0;
  int last_percent_ = -1;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_drawn_;
  bool drawn_ = false;
};

}  // namespace rearview::cli
