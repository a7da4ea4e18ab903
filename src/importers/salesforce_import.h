// The Salesforce export importer, one handler per object file.
#pragma once

#include <map>
#include <string>

#include "import_context.h"
#include "rearview/core/stage_catalogue.h"

namespace rearview::importing {

struct StageObservation {
  std::optional<int> sort_order;
  std::optional<double> probability;
  long long closed = 0;
  long long won = 0;
  long long seen = 0;
};

// State shared by the handlers of one import.
struct SalesforceImport {
  ImportContext& context;
  StageCatalogue& stored_stages;           // read in the import's own transaction
  std::map<std::string, Stage> catalogue;  // the stages known before this import
  std::map<std::string, StageObservation> observed;
};

using ObjectHandler = Result<void> (*)(SalesforceImport&, CsvReader&, ObjectCounts&);

Result<void> import_users(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_accounts(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_contacts(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_opportunities(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_history(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_field_history(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_contact_roles(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_tasks(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_events(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_email_messages(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts);

}  // namespace rearview::importing
