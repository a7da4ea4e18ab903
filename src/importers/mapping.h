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
  std::string name_template;  // instead of a name column: "{First Name} {Last Name}"
};

struct Mapping {
  std::filesystem::path source;  // the mapping file
  std::string id_prefix;         // keeps ids of different sources apart
  std::map<std::string, std::string> columns;  // our opportunity field -> CSV column
  // Further columns for a field, tried in order when the first is empty
  // (close_date = ["Actual Close Date", "Est. close date"]).
  std::map<std::string, std::vector<std::string>> fallbacks;
  std::string name_template;     // e.g. "{account} - {product}", columns in braces
  // For an export without ids: the columns that tell its rows apart, e.g.
  // "{Topic}|{Created On}|{Owner}"; the id is a digest of them.
  std::string id_template;
  // The column that says won, lost or open, when the stage does not (the
  // won and lost values are then that column's; a closed deal's stage is the
  // value, so that it is a closed stage).
  std::string outcome_column;
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
