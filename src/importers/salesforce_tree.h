// The Salesforce CLI's data tree (`sf data export tree`, the older
// `sfdx force:data:tree:export`): JSON files of {"records": [...]}, each
// record with attributes {type, referenceId}, references to other records
// as "@ReferenceId" strings, children nested under their relationship
// ({"Contacts": {"records": [...]}}), and a *-plan.json naming the files.
// It is turned into the export's CSV files (Account.csv, ...) with the
// referenceIds as Ids, so one importer checks both; each row remembers the
// JSON file and line it came from, so problems name those.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "rearview/core/error.h"

namespace rearview::importing {

// Whether `folder` holds a data tree: a *-plan.json, or JSON files of records.
bool is_data_tree(const std::filesystem::path& folder);

struct TreePlace {
  std::string file;  // the JSON file's name
  long long line = 0;
};

struct TreeConversion {
  // (CSV file name, the line its row starts on) -> where the record was.
  std::map<std::pair<std::string, long long>, TreePlace> places;
  std::vector<std::string> warnings;  // record types left out, ...
};

// Writes the CSV files into `out` (an empty folder). Fails with
// invalid_input naming the file and line for JSON that cannot be read.
Result<TreeConversion> convert_data_tree(const std::filesystem::path& folder,
                                         const std::filesystem::path& out);

}  // namespace rearview::importing
