// Opportunity history, field history and contact roles.
#include "salesforce_import.h"

namespace rearview::importing {

Result<void> import_history(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts) {
  auto& context = import.context;
  auto columns = context.resolve(reader, {"Amount", "CloseDate", "Probability", "IsDeleted"},
                                 {"Id", "OpportunityId", "CreatedDate", "StageName"});
  if (!all_present(columns, {"Id", "OpportunityId", "CreatedDate", "StageName"})) return {};
  return context.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(record, counts.file, problems, context.implausible_dates());
    if (is_deleted(fields, columns["IsDeleted"])) return ++counts.deleted, true;
    OpportunityHistoryRow row;
    row.id = fields.identifier(columns["Id"]);
    row.opportunity_id = fields.identifier(columns["OpportunityId"]);
    auto changed_at = fields.timestamp(columns["CreatedDate"], Requirement::required);
    row.stage = std::string(trim(fields.text(columns["StageName"])));
    row.amount = fields.number(columns["Amount"], kAmountRange);
    row.close_date = fields.date(columns["CloseDate"], Requirement::optional);
    row.probability = fields.number(columns["Probability"], kProbabilityRange);
    row.sequence = record.line();
    if (!fields.ok() || !changed_at) return false;
    row.changed_at = *changed_at;
    if (!row.stage.empty() && !import.observed.contains(row.stage)) import.observed[row.stage];
    return write_record(context, fields, counts, row,
                        {{&columns["OpportunityId"], RecordKind::opportunity, row.opportunity_id}});
  });
}

Result<void> import_field_history(SalesforceImport& import, CsvReader& reader,
                                  ObjectCounts& counts) {
  auto& context = import.context;
  auto columns = context.resolve(reader, {"OldValue", "NewValue", "CreatedById", "IsDeleted"},
                                 {"Id", "OpportunityId", "CreatedDate", "Field"});
  if (!all_present(columns, {"Id", "OpportunityId", "CreatedDate", "Field"})) return {};
  return context.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(record, counts.file, problems, context.implausible_dates());
    if (is_deleted(fields, columns["IsDeleted"])) return ++counts.deleted, true;
    FieldChange change;
    change.id = fields.identifier(columns["Id"]);
    change.opportunity_id = fields.identifier(columns["OpportunityId"]);
    auto changed_at = fields.timestamp(columns["CreatedDate"], Requirement::required);
    change.field = fields.required_text(columns["Field"]);
    change.old_value = std::string(fields.text(columns["OldValue"]));
    change.new_value = std::string(fields.text(columns["NewValue"]));
    change.changed_by = fields.reference(columns["CreatedById"]);
    if (!fields.ok() || !changed_at) return false;
    change.changed_at = *changed_at;
    return write_record(context, fields, counts, change,
                        {{&columns["OpportunityId"], RecordKind::opportunity, change.opportunity_id}});
  });
}

Result<void> import_contact_roles(SalesforceImport& import, CsvReader& reader,
                                  ObjectCounts& counts) {
  auto& context = import.context;
  auto columns = context.resolve(reader, {"Role", "IsPrimary", "IsDeleted", "CreatedDate"},
                                 {"Id", "OpportunityId", "ContactId"});
  if (!all_present(columns, {"Id", "OpportunityId", "ContactId"})) return {};
  return context.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(record, counts.file, problems, context.implausible_dates());
    if (is_deleted(fields, columns["IsDeleted"])) return ++counts.deleted, true;
    ContactRole role;
    role.id = fields.identifier(columns["Id"]);
    role.opportunity_id = fields.identifier(columns["OpportunityId"]);
    role.contact_id = fields.identifier(columns["ContactId"]);
    role.role = std::string(trim(fields.text(columns["Role"])));
    role.is_primary = fields.boolean(columns["IsPrimary"]).value_or(false);
    role.created_at = fields.timestamp(columns["CreatedDate"], Requirement::optional);
    if (!fields.ok()) return false;
    return write_record(context, fields, counts, role,
                        {{&columns["OpportunityId"], RecordKind::opportunity, role.opportunity_id},
                         {&columns["ContactId"], RecordKind::contact, role.contact_id}});
  });
}

}  // namespace rearview::importing
