// A streaming writer of indented JSON. Boost.JSON's serializer writes
// doubles as "8.75E1"; reports are read by people and diffed in Git too, so
// numbers here are the shortest form that reads back exactly ("87.5").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/time.h"

namespace rearview::report {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);  // the next value belongs to it

  void string(std::string_view text);
  void number(double value);  // NaN and infinities become null
  void integer(long long value);
  void boolean(bool value);
  void null();
  void time(Timestamp value);                        // "2024-01-10T15:04:05Z"
  void time(const std::optional<Timestamp>& value);  // or null
  void optional_number(const std::optional<double>& value);
  void optional_string(std::string_view text);  // null when empty
  void strings(const std::vector<std::string>& values);

 private:
  void begin_value();
  void open(char bracket);
  void close(char bracket);
  void newline();

  std::string& out_;
  std::vector<bool> first_in_level_;
  bool after_key_ = false;
};

}  // namespace rearview::report
