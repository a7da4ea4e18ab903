#include "calendar_text_scan.h"

#include <optional>

#include "rearview/core/text.h"

namespace rearview::importing {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  ScannedText scan() {
    std::string logical;
    long long number = 0, logical_line = 0;
    std::size_t start = 0, logical_start = 0;
    auto finish_logical = [&](std::size_t end) {
      if (logical_line) add(logical, logical_line, text_.substr(logical_start, end - logical_start));
    };
    while (start < text_.size()) {
      std::size_t end = text_.find('\n', start);
      end = end == std::string_view::npos ? text_.size() : end + 1;
      std::string_view line = text_.substr(start, end - start);
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
      ++number;
      if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && logical_line) {
        logical.append(line.substr(1));
      } else {
        finish_logical(start);
        logical.assign(line);
        logical_line = number;
        logical_start = start;
      }
      start = end;
    }
    finish_logical(text_.size());
    // A text cut short (a download that stopped) keeps what it holds: the
    // components left open are closed, as libical reads nothing of an open one.
    if (!scanned_.cleaned.empty() && scanned_.cleaned.back() != '\n') scanned_.cleaned += "\r\n";
    scanned_.truncated = !open_.empty();
    while (!open_.empty()) {
      std::string end = "END:" + open_.back() + "\r\n";
      add(end.substr(0, end.size() - 2), number, end);
    }
    return std::move(scanned_);
  }

 private:
  bool inside_calendar() const { return open_.size() == 1 && open_[0] == "VCALENDAR"; }

  // One logical line, and its raw text (folds and line end included).
  void add(const std::string& line, long long at, std::string_view raw) {
    std::size_t colon = line.find(':');
    std::string head = upper_ascii(line.substr(0, colon));
    std::string_view value =
        colon == std::string::npos ? std::string_view() : std::string_view(line).substr(colon + 1);
    std::size_t begin = scanned_.cleaned.size(), end = begin + raw.size();
    if (head == "BEGIN") {
      std::string name = upper_ascii(trim(value));
      scanned_.has_component = true;
      if (name == "VCALENDAR" && open_.empty()) {
        scanned_.has_calendar = true;
        scanned_.calendars.emplace_back();
      }
      if (name == "VEVENT" && (open_.empty() || inside_calendar())) {
        scanned_.heads.push_back({.line = at,
                                  .block = {begin, 0},
                                  .calendar = open_.empty() ? -1 : int(scanned_.calendars.size()) - 1});
        event_depth_ = open_.size();
      }
      if (name == "VTIMEZONE" && inside_calendar()) {
        zone_begin_ = begin;
        zone_open_ = true;
      }
      open_.push_back(name);
    } else if (head == "END") {  // as libical reads it: whatever it names, it ends the innermost
      if (open_.empty()) return;  // left out
      open_.pop_back();
      if (event_depth_ && *event_depth_ == open_.size()) {
        scanned_.heads.back().block.end = end;
        event_depth_.reset();
      }
      if (zone_open_ && inside_calendar()) {
        scanned_.calendars.back().zones.push_back({zone_begin_, end});
        zone_open_ = false;
      }
    } else if (inside_calendar()) {
      scanned_.calendars.back().properties.append(line).append("\r\n");
    } else if (head == "SEQUENCE" && event_depth_ && open_.size() == *event_depth_ + 1) {
      scanned_.heads.back().sequence = std::string(trim(value));
    }
    scanned_.cleaned.append(raw);
  }

  std::string_view text_;
  ScannedText scanned_;
  std::vector<std::string> open_;  // the components the line is in
  std::optional<std::size_t> event_depth_;  // of the VEVENT being read
  std::size_t zone_begin_ = 0;
  bool zone_open_ = false;
};

}  // namespace

std::string upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

ScannedText scan_calendar_text(std::string_view text) { return Scanner(text).scan(); }

}  // namespace rearview::importing
