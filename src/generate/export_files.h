// The ten CSV files of the Salesforce export, open together for the whole run
// so each opportunity's rows stream straight to all of them.
#pragma once

#include <filesystem>

#include "csv_file.h"
#include "rearview/core/error.h"

namespace rearview::generate {

struct ExportFiles {
  CsvFile users;
  CsvFile accounts;
  CsvFile contacts;
  CsvFile opportunities;
  CsvFile history;        // OpportunityHistory
  CsvFile field_history;  // OpportunityFieldHistory
  CsvFile contact_roles;
  CsvFile tasks;
  CsvFile events;
  CsvFile emails;  // EmailMessage

  // Closes every file; the first failure is the one reported.
  Result<void> close_all();
  long long bytes() const;
};

Result<ExportFiles> open_export_files(const std::filesystem::path& directory);

}  // namespace rearview::generate
