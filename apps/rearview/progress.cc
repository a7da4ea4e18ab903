#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

namespace rearview::cli {

ProgressStyle parse_progress_style(const std::string& text) {
  if (text == "bar") return ProgressStyle::bar;
  if (text == "lines") return ProgressStyle::lines;
  if (text == "none") return ProgressStyle::none;
  return ProgressStyle::automatic;
}

TerminalProgress::TerminalProgress(ProgressStyle style, ProgressUnit unit)
    : style_(style), unit_(unit) {
  if (style_ == ProgressStyle::automatic)
    style_ = isatty(STDERR_FILENO) ? ProgressStyle::bar : ProgressStyle::none;
}

void TerminalProgress::start(long long total_bytes) {
  total_ = std::max(total_bytes, 1LL);
  started_ = std::chrono::steady_clock::now();
}

void TerminalProgress::update(long long bytes_done, std::string_view current_file) {
  if (style_ == ProgressStyle::none) return;
  int percent = int(std::min(100LL, bytes_done * 100 / total_));
  auto now = std::chrono::steady_clock::now();
  double seconds = std::chrono::duration<double>(now - started_).count();
  double rate = seconds > 0 ? double(bytes_done) / seconds : 0;
  if (style_ == ProgressStyle::lines) {
    if (percent == last_percent_) return;
    last_percent_ = percent;
    if (unit_ == ProgressUnit::messages)
      fmt::print(stderr, "progress {}% {} ({} of {} messages)\n", percent, current_file,
                 bytes_done, total_);
    else
      fmt::print(stderr, "progress {}% {} ({:.1f} MB of {:.1f} MB)\n", percent, current_file,
                 double(bytes_done) / 1e6, double(total_) / 1e6);
    std::fflush(stderr);
    return;
  }
  if (drawn_ && now - last_drawn_ < std::chrono::milliseconds(100)) return;
  last_drawn_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  int filled = percent * kWidth / 100;
  double remaining = rate > 0 ? double(total_ - bytes_done) / rate : 0;
  std::string speed = unit_ == ProgressUnit::messages ? fmt::format("{:>7.0f} msg/s", rate)
                                                      : fmt::format("{:>7.1f} MB/s", rate / 1e6);
  fmt::print(stderr, "\r[{}{}] {:3}% {}  ETA {:>4.0f}s  {:<28.28}", std::string(filled, '#'),
             std::string(kWidth - filled, '.'), percent, speed, remaining, current_file);
  std::fflush(stderr);
}

void TerminalProgress::finish() {
  if (style_ == ProgressStyle::bar && drawn_) fmt::print(stderr, "\r{:80}\r", "");
}

}  // namespace rearview::cli
