// Importing a HubSpot CRM export (docs/import.md, "HubSpot exports"): the
// CSV files HubSpot writes for deals, companies, contacts and activities,
// each known by its columns, not its name. HubSpot's Record IDs are numbers
// unique only within one object, so ours are "hubspot-deal-123",
// "hubspot-company-123", ...; owners are named, not numbered, and become
// users by name.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "address_book.h"
#include "import_context.h"

namespace rearview::importing::hubspot {

enum class FileKind { companies, contacts, deals, calls, emails, meetings, notes };

// Which export a header is; none: not a HubSpot export we read.
std::optional<FileKind> kind_of(const std::vector<std::string>& header);
std::string_view object_name(FileKind kind);  // "Deal", "Call", ...

std::string deal_id(std::string_view record_id);
std::string company_id(std::string_view record_id);
std::string contact_id(std::string_view record_id);

// "12;34, 56" -> {"12", "34", "56"}: HubSpot's lists of associated Record IDs.
std::vector<std::string> record_ids(std::string_view list);

// The first of `names` the reader's header has, as a Column (none: empty).
Column first_present(const CsvReader& reader, std::initializer_list<std::string_view> names);

// What the files of one import share: the records written so far, and the
// parents that were referenced but not exported.
class HubspotImport {
 public:
  explicit HubspotImport(ImportContext& context) : context(context), book(context.records()) {}

  ImportContext& context;
  AddressBook book;
  std::map<Id, std::string> contact_emails;  // of the contacts of this import

  // A time without an offset is on the company's clock ([company] time_zone).
  std::optional<Timestamp> time(FieldReader& fields, const Column& column,
                                Requirement requirement = Requirement::optional) {
    return fields.timestamp_in(column, requirement, context.settings().time_zone);
  }

  // The user an owner's name (or address) in an export stands for; written
  // the first time it is met.
  Result<std::optional<Id>> owner(std::string_view name);

  // Whether a parent exists (this import wrote it, or the database has it);
  // one that does not is added as a placeholder named `name` (or "Unknown
  // company 12"), and the import warns of them once.
  Result<Id> ensure_company(std::string_view record_id, std::string_view name);
  Result<std::optional<Id>> existing_deal(std::string_view record_id);
  Result<std::optional<Id>> existing_contact(std::string_view record_id);

  void note_written(RecordKind kind, const Id& id) { written_[int(kind)].insert(id); }
  void warn_of_missing();

 private:
  Result<bool> exists(RecordKind kind, const Id& id);
  std::set<Id> written_[4];  // by RecordKind: user, account, contact, opportunity
  std::map<std::string, Id> owners_;
  std::vector<std::string> missing_companies_;
  std::set<std::string> missing_deals_;
  std::set<std::string> missing_contacts_;
};

Result<void> import_companies(HubspotImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_contacts(HubspotImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_deals(HubspotImport& import, CsvReader& reader, ObjectCounts& counts);
Result<void> import_activities(HubspotImport& import, FileKind kind, CsvReader& reader,
                               ObjectCounts& counts);

}  // namespace rearview::importing::hubspot
