// A column mapping (TOML) that tells how another CRM's CSV export maps onto
// rearview's opportunities. See docs/mapping.md.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rearview/core/error.h"

namespace rearview::importing {

// A secondary file of the export, such as a list of accounts or of the team.
struct LinkedFile {
  std::filesystem::path file;            // resolved against the mapped CSV's folder
  std::map<std::string, std::string> columns;  // our field -> the file's column
};

struct Mapping {
  std::filesystem::path source;  // the mapping file
  std::string id_prefix;         // keeps ids of different sources apart
  std::map<std::string, std::string> columns;  // our opportunity field -> CSV column
  std::string name_template;     // e.g. "{account} - {product}", columns in braces
  std::vector<std::string> won_values;
  std::vector<std::string> lost_values;
  std::vector<std::string> stage_order;  // open stages first, then the closed ones
  std::vector<std::string> custom_columns;
  std::optional<LinkedFile> users;
  std::optional<LinkedFile> accounts;
};

// Fields a mapping may name in [columns].
inline const std::vector<std::string> kMappableFields = {
    "id", "name", "owner", "account", "stage", "created", "close_date", "amount", "currency",
    "type", "source", "loss_reason", "win_reason", "competitor"};

Result<Mapping> load_mapping(const std::filesystem::path& mapping_file,
                             const std::filesystem::path& csv_file);

}  // namespace rearview::importing
