#include "mapping.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <toml++/toml.h>

namespace rearview::importing {
namespace {

// Linked files are read from the mapped CSV's folder and nowhere else, so a
// mapping cannot make an import read /etc/passwd or a neighbour's export.
bool stays_beside(const std::filesystem::path& file) {
  if (file.is_absolute() || file.has_root_name() || file.has_root_directory()) return false;
  for (const auto& part : file)
    if (part == "..") return false;
  return true;
}

class MappingReader {
 public:
  explicit MappingReader(std::filesystem::path file) : file_(std::move(file)) {}

  void problem(const toml::node& node, const std::string& what) {
    problems_.push_back(fmt::format("{}:{}:{}: {}", file_.string(), node.source().begin.line,
                                    node.source().begin.column, what));
  }
  void problem(const std::string& what) {
    problems_.push_back(fmt::format("{}: {}", file_.string(), what));
  }
  const std::vector<std::string>& problems() const { return problems_; }

  std::string string(const toml::table& table, const char* key) {
    const toml::node* node = table.get(key);
    if (!node) return {};
    if (auto value = node->value<std::string>()) return *value;
    problem(*node, fmt::format("'{}' must be a string", key));
    return {};
  }

  std::vector<std::string> strings(const toml::table& table, const char* key) {
    std::vector<std::string> values;
    const toml::node* node = table.get(key);
    if (!node) return values;
    const toml::array* array = node->as_array();
    if (!array) {
      problem(*node, fmt::format("'{}' must be a list of strings", key));
      return values;
    }
    for (const auto& element : *array) {
      if (auto value = element.value<std::string>()) values.push_back(*value);
      else problem(element, fmt::format("'{}' must hold only strings", key));
    }
    return values;
  }

  // A field names one column, or a list of columns tried in order; the
  // further ones go to `fallbacks` when it is given.
  std::map<std::string, std::string> column_table(
      const toml::table& table, const std::set<std::string>& allowed, const std::string& section,
      std::map<std::string, std::vector<std::string>>* fallbacks = nullptr) {
    std::map<std::string, std::string> columns;
    for (const auto& [key, node] : table) {
      std::string name(key.str());
      if (name == "file" || name == "name_template") continue;
      if (fallbacks && node.is_array() && allowed.contains(name)) {
        std::vector<std::string> listed = strings(table, name.c_str());
        if (listed.empty()) {
          problem(node, fmt::format("'{}' must name at least one CSV column", name));
          continue;
        }
        columns[name] = listed.front();
        (*fallbacks)[name] = std::vector<std::string>(listed.begin() + 1, listed.end());
        continue;
      }
      if (!allowed.contains(name)) {
        problem(node, fmt::format("[{}] has no field '{}' (known: {})", section, name,
                                  fmt::join(allowed, ", ")));
        continue;
      }
      if (auto value = node.value<std::string>()) columns[name] = *value;
      else problem(node, fmt::format("'{}' must name a CSV column", name));
    }
    return columns;
  }

  std::optional<LinkedFile> linked_file(const toml::table& root, const char* section,
                                        const std::set<std::string>& allowed,
                                        const std::filesystem::path& folder) {
    const toml::table* table = root[section].as_table();
    if (!table) return std::nullopt;
    LinkedFile linked;
    std::string file = string(*table, "file");
    if (file.empty()) {
      problem(*table, fmt::format("[{}] needs 'file', the CSV that lists them", section));
      return std::nullopt;
    }
    if (!stays_beside(file)) {
      problem(*table, fmt::format("[{}] file '{}' must be a file beside the mapped CSV, "
                                  "without '..' or a leading '/'", section, file));
      return std::nullopt;
    }
    linked.file = folder / file;
    linked.columns = column_table(*table, allowed, section);
    linked.name_template = string(*table, "name_template");
    if (!linked.columns.contains("name") && linked.name_template.empty())
      problem(*table, fmt::format("[{}] needs 'name', the column with the name (or "
                                  "'name_template', e.g. \"{{First Name}} {{Last Name}}\")",
                                  section));
    return linked;
  }

 private:
  std::filesystem::path file_;
  std::vector<std::string> problems_;
};

}  // namespace

Result<Mapping> load_mapping(const std::filesystem::path& mapping_file,
                             const std::filesystem::path& csv_file) {
  std::error_code missing;
  if (!std::filesystem::exists(mapping_file, missing))
    return fail(ErrorCode::not_found, fmt::format("mapping file {} does not exist", mapping_file.string()),
                "examples/mappings/ has examples");
  toml::table root;
  try {
    root = toml::parse_file(mapping_file.string());
  } catch (const toml::parse_error& error) {
    return fail(ErrorCode::config, fmt::format("{}:{}:{}: {}", mapping_file.string(),
                                               error.source().begin.line,
                                               error.source().begin.column, error.description()));
  }
  MappingReader reader(mapping_file);
  Mapping mapping;
  mapping.source = mapping_file;
  for (const auto& [key, node] : root) {
    static const std::set<std::string> kSections = {"source", "columns", "outcome", "stages",
                                                    "users", "accounts"};
    if (!kSections.contains(std::string(key.str())))
      reader.problem(node, fmt::format("unknown section '{}' (known: {})", key.str(),
                                       fmt::join(kSections, ", ")));
  }
  if (const toml::table* source = root["source"].as_table()) {
    mapping.id_prefix = reader.string(*source, "id_prefix");
    mapping.name_template = reader.string(*source, "name_template");
    mapping.id_template = reader.string(*source, "id_template");
    mapping.custom_columns = reader.strings(*source, "custom_columns");
  }
  if (const toml::table* columns = root["columns"].as_table()) {
    std::set<std::string> allowed(kMappableFields.begin(), kMappableFields.end());
    mapping.columns = reader.column_table(*columns, allowed, "columns", &mapping.fallbacks);
  }
  if (!mapping.columns.contains("id") && mapping.id_template.empty())
    reader.problem("[columns] needs 'id', the CSV column that holds it (or [source] id_template "
                   "for an export without ids)");
  if (!mapping.columns.contains("stage"))
    reader.problem("[columns] needs 'stage', the CSV column that holds it");
  if (const toml::table* outcome = root["outcome"].as_table()) {
    mapping.won_values = reader.strings(*outcome, "won");
    mapping.lost_values = reader.strings(*outcome, "lost");
    mapping.outcome_column = reader.string(*outcome, "column");
  }
  if (mapping.won_values.empty() || mapping.lost_values.empty())
    reader.problem("[outcome] needs 'won' and 'lost': the stage values of won and lost deals (or "
                   "of the column 'column' names)");
  if (const toml::table* stages = root["stages"].as_table())
    mapping.stage_order = reader.strings(*stages, "order");
  auto folder = csv_file.parent_path();
  mapping.users = reader.linked_file(root, "users", {"name", "manager", "email", "title"}, folder);
  mapping.accounts = reader.linked_file(root, "accounts", {"name", "industry", "type"}, folder);
  if (!reader.problems().empty())
    return fail(ErrorCode::config, fmt::format("{}", fmt::join(reader.problems(), "\n")));
  return mapping;
}

}  // namespace rearview::importing
