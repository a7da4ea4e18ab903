// Boost.JSON reads the data tree (through json_text, as it reads a call's sidecar).
#include "salesforce_tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "json_text.h"
#include "rearview/core/text.h"
#include "rearview/importers/csv_reader.h"

namespace rearview::importing {
namespace {

namespace json = boost::json;

// The objects the export's CSV files hold, by the data tree's type names.
constexpr const char* kObjects[] = {"User", "Account", "Contact", "Opportunity",
                                    "OpportunityHistory", "OpportunityFieldHistory",
                                    "OpportunityContactRole", "Task", "Event", "EmailMessage"};

std::string canonical_object(std::string_view type) {
  for (const char* object : kObjects)
    if (lower(type) == lower(object)) return object;
  return {};
}

// Boost.JSON keeps no positions: each referenceId's line, found in the text.
std::map<std::string, long long> reference_lines(std::string_view text) {
  std::map<std::string, long long> lines;
  for (std::size_t at = text.find("\"referenceId\""); at != std::string_view::npos;
       at = text.find("\"referenceId\"", at + 1)) {
    std::size_t open = text.find('"', text.find(':', at) + 1);
    std::size_t close = open == std::string_view::npos ? open : text.find('"', open + 1);
    if (close == std::string_view::npos) break;
    lines.emplace(std::string(text.substr(open + 1, close - open - 1)), line_at(text, at));
  }
  return lines;
}

// One object's rows, with its columns in the order they were first seen.
struct Table {
  std::vector<std::string> columns = {"Id"};
  std::map<std::string, std::size_t, std::less<>> index = {{"id", 0}};
  std::vector<std::vector<std::string>> rows;
  std::vector<TreePlace> places;

  std::size_t column(std::string_view name) {
    std::string key = lower(name);
    auto found = index.find(key);
    if (found != index.end()) return found->second;
    columns.emplace_back(name);
    index.emplace(key, columns.size() - 1);
    return columns.size() - 1;
  }
};

std::string scalar_text(const json::value& value) {
  if (value.is_string()) {
    std::string_view text = value.get_string();
    return std::string(text.starts_with('@') ? text.substr(1) : text);  // a reference
  }
  if (value.is_int64()) return std::to_string(value.get_int64());
  if (value.is_uint64()) return std::to_string(value.get_uint64());
  if (value.is_double()) return fmt::format("{}", value.get_double());
  if (value.is_bool()) return value.get_bool() ? "true" : "false";
  return {};
}

std::string member_text(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value ? scalar_text(*value) : std::string();
}

// The lookup a nested child has to its parent.
std::string parent_field(std::string_view child, std::string_view parent) {
  if (child == "Task" || child == "Event")
    return parent == "Contact" ? "WhoId" : "WhatId";
  return std::string(parent) + "Id";
}

class TreeReader {
 public:
  Result<void> read_file(const std::filesystem::path& path);
  Result<TreeConversion> write(const std::filesystem::path& out);

 private:
  Result<void> read_records(const json::array& records, const std::string& parent_type,
                            const std::string& parent_id);
  Result<void> read_record(const json::object& record, const std::string& parent_type,
                           const std::string& parent_id);

  std::string file_;
  std::map<std::string, long long> lines_;
  std::map<std::string, Table> tables_;
  std::map<std::string, long long> left_out_;  // record types no CSV file holds
  long long unnamed_ = 0;
  TreeConversion conversion_;
};

Result<void> TreeReader::read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  file_ = path.filename().string();
  auto value = parse_json_text(text);
  if (!value)
    return fail(ErrorCode::invalid_input,
                fmt::format("{}:{}: {}", file_, value.error().line, value.error().message),
                "give the files `sf data export tree` wrote, unchanged");
  const json::value* records =
      value->is_object() ? value->get_object().if_contains("records") : nullptr;
  if (!records || !records->is_array()) return {};  // a plan, or another JSON file
  lines_ = reference_lines(text);
  return read_records(records->get_array(), "", "");
}

Result<void> TreeReader::read_records(const json::array& records, const std::string& parent_type,
                                      const std::string& parent_id) {
  for (const auto& record : records) {
    if (!record.is_object())
      return fail(ErrorCode::invalid_input, fmt::format("{}: a record that is not an object", file_),
                  "give the files `sf data export tree` wrote, unchanged");
    if (auto read = read_record(record.get_object(), parent_type, parent_id); !read) return read;
  }
  return {};
}

Result<void> TreeReader::read_record(const json::object& record, const std::string& parent_type,
                                     const std::string& parent_id) {
  const json::value* attributes = record.if_contains("attributes");
  std::string type, reference;
  if (attributes && attributes->is_object()) {
    type = member_text(attributes->get_object(), "type");
    reference = member_text(attributes->get_object(), "referenceId");
  }
  std::string object = canonical_object(type);
  if (object.empty()) {
    ++left_out_[type.empty() ? "(no type)" : type];
    return {};
  }
  if (reference.empty()) reference = fmt::format("{}Ref{}", object, ++unnamed_);
  Table& table = tables_[object];
  std::vector<std::string> row(table.columns.size());
  auto set = [&](std::string_view name, std::string text) {
    std::size_t column = table.column(name);
    if (row.size() <= column) row.resize(column + 1);
    row[column] = std::move(text);
  };
  set("Id", reference);
  if (!parent_type.empty()) set(parent_field(object, parent_type), parent_id);
  std::vector<const json::array*> children;
  for (const auto& [key, value] : record) {
    if (key == "attributes") continue;
    if (value.is_object()) {  // nested children: {"records": [...]}
      const json::value* nested = value.get_object().if_contains("records");
      if (nested && nested->is_array()) children.push_back(&nested->get_array());
      continue;
    }
    if (!value.is_array()) set(key, scalar_text(value));
  }
  auto line = lines_.find(reference);
  table.rows.push_back(std::move(row));
  table.places.push_back({file_, line == lines_.end() ? 1 : line->second});
  for (const auto* nested : children)
    if (auto read = read_records(*nested, object, reference); !read) return read;
  return {};
}

Result<TreeConversion> TreeReader::write(const std::filesystem::path& out) {
  for (auto& [object, table] : tables_) {
    std::string csv_name = object + ".csv";
    std::string text;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      if (i) text += ',';
      append_csv_field(text, table.columns[i]);
    }
    text += '\n';
    long long line = 2;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      std::string row;
      for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (i) row += ',';
        if (i < table.rows[r].size()) append_csv_field(row, table.rows[r][i]);
      }
      conversion_.places[{csv_name, line}] = table.places[r];
      line += 1 + std::count(row.begin(), row.end(), '\n');
      text += row + '\n';
    }
    std::ofstream file(out / csv_name, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file)
      return fail(ErrorCode::io, fmt::format("cannot write {}", (out / csv_name).string()),
                  "check the space in the temporary folder");
  }
  for (const auto& [type, count] : left_out_)
    conversion_.warnings.push_back(
        fmt::format("{} {} records of the data tree were left out: rearview does not read them",
                    count, type));
  return std::move(conversion_);
}

std::vector<std::filesystem::path> json_files(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (std::filesystem::directory_iterator entry(folder, error), end; !error && entry != end;
       entry.increment(error))
    if (entry->is_regular_file(error) && lower(entry->path().extension().string()) == ".json")
      files.push_back(entry->path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

bool is_data_tree(const std::filesystem::path& folder) {
  for (const auto& file : json_files(folder)) {
    std::string name = lower(file.filename().string());
    if (name.ends_with("-plan.json")) return true;
    std::ifstream in(file, std::ios::binary);
    std::string head(256, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.find("\"records\"") != std::string::npos) return true;
  }
  return false;
}

Result<TreeConversion> convert_data_tree(const std::filesystem::path& folder,
                                         const std::filesystem::path& out) {
  TreeReader reader;
  for (const auto& file : json_files(folder))
    if (auto read = reader.read_file(file); !read) return std::unexpected(read.error());
  return reader.write(out);
}

}  // namespace rearview::importing
