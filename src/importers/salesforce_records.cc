// Users, accounts, contacts and opportunities.
#include <fmt/format.h>

#include <set>

#include "salesforce_import.h"

namespace rearview::importing {
namespace {

std::string person_name(FieldReader& fields, const Column& name, const Column& first,
                        const Column& last) {
  std::string full(trim(fields.text(name)));
  if (!full.empty()) return full;
  std::string first_name(trim(fields.text(first)));
  std::string last_name(trim(fields.text(last)));
  if (first_name.empty()) return last_name;
  if (last_name.empty()) return first_name;
  return first_name + " " + last_name;
}

std::string lower_address(std::string_view address) { return lower(trim(address)); }

struct PendingUser {
  User user;
  CsvRecord record;
  std::optional<std::string> manager;
};

}  // namespace

// Users are few, so they are read whole first: a manager may appear after
// the people who report to them.
Result<void> import_users(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts) {
  auto& context = import.context;
  auto columns = context.resolve(
      reader, {"Name", "FirstName", "LastName", "Email", "Title", "ManagerId", "IsActive", "IsDeleted"},
      {"Id"});
  if (!all_present(columns, {"Id"})) return {};
  std::vector<PendingUser> pending;
  std::set<std::string> ids;
  auto read = context.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                       -> Result<bool> {
    FieldReader fields(record, counts.file, problems, context.implausible_dates());
    if (is_deleted(fields, columns["IsDeleted"])) return ++counts.deleted, true;
    PendingUser user{.record = record};
    user.user.id = fields.identifier(columns["Id"]);
    user.user.name = person_name(fields, columns["Name"], columns["FirstName"], columns["LastName"]);
    if (user.user.name.empty()) user.user.name = user.user.id;
    user.user.email = lower_address(fields.text(columns["Email"]));
    user.user.title = std::string(trim(fields.text(columns["Title"])));
    user.user.is_active = fields.boolean(columns["IsActive"]).value_or(true);
    user.manager = fields.reference(columns["ManagerId"]);
    if (!fields.ok() || !context.claim_id(RecordTable::user, user.user.id, fields)) return false;
    ids.insert(user.user.id);
    pending.push_back(std::move(user));
    return true;
  });
  if (!read) return read;
  for (auto& user : pending) {
    std::vector<RowProblem> problems;
    FieldReader fields(user.record, counts.file, problems, context.implausible_dates());
    if (user.manager && !ids.contains(*user.manager)) {
      auto known = context.records().exists(RecordKind::user, *user.manager);
      if (!known) return std::unexpected(known.error());
      if (!*known) {
        fields.problem(columns["ManagerId"], *user.manager,
                       context.missing_reference_expectation(RecordKind::user, *user.manager));
        context.reject(&user.record, reader.path(), problems, &counts);
        continue;
      }
    }
    user.user.manager_id = user.manager;
    auto written = context.records().upsert(user.user);
    if (!written) return std::unexpected(written.error());
    context.count(counts, *written);
  }
  return {};
}

Result<void> import_accounts(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts) {
  auto& context = import.context;
  auto columns = context.resolve(reader, {"Type", "Industry", "OwnerId", "Website", "IsDeleted"},
                                 {"Id", "Name"});
  if (!all_present(columns, {"Id", "Name"})) return {};
  auto custom = custom_columns(reader.header());
  return context.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(record, counts.file, problems, context.implausible_dates());
    if (is_deleted(fields, columns["IsDeleted"])) return ++counts.deleted, true;
    Account account;
    account.id = fields.identifier(columns["Id"]);
    account.name = fields.required_text(columns["Name"]);
    account.type = std::string(trim(fields.text(columns["Type"])));
    account.industry = std::string(trim(fields.text(columns["Industry"])));
    account.owner_id = fields.reference(columns["OwnerId"]);
    if (auto domain = domain_of_website(fields.text(columns["Website"])); !domain.empty())
      account.email_domains.push_back(domain);
    account.custom = custom_fields(record, custom, reader.header());
    if (!fields.ok()) return false;
    return write_record(context, fields, counts, account,
                        {{&columns["OwnerId"], RecordKind::user, account.owner_id}});
  });
}

Result<void> import_contacts(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts) {
  auto& context = import.context;
  auto columns = context.resolve(
      reader, {"AccountId", "FirstName", "LastName", "Name", "Email", "Title", "IsDeleted"}, {"Id"});
  if (!all_present(columns, {"Id"})) return {};
  auto custom = custom_columns(reader.header());
  return context.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(record, counts.file, problems, context.implausible_dates());
    if (is_deleted(fields, columns["IsDeleted"])) return ++counts.deleted, true;
    Contact contact;
    contact.id = fields.identifier(columns["Id"]);
    contact.account_id = fields.reference(columns["AccountId"]);
    contact.first_name = std::string(trim(fields.text(columns["FirstName"])));
    contact.last_name = std::string(trim(fields.text(columns["LastName"])));
    if (contact.first_name.empty() && contact.last_name.empty())
      contact.last_name = std::string(trim(fields.text(columns["Name"])));
    contact.email = lower_address(fields.text(columns["Email"]));
    contact.title = std::string(trim(fields.text(columns["Title"])));
    contact.custom = custom_fields(record, custom, reader.header());
    if (!fields.ok()) return false;
    return write_record(context, fields, counts, contact,
                        {{&columns["AccountId"], RecordKind::account, contact.account_id}});
  });
}

namespace {

Outcome decide_outcome(SalesforceImport& import, const std::string& stage,
                       std::optional<bool> is_closed, std::optional<bool> is_won) {
  if (is_closed) return !*is_closed ? Outcome::open : (is_won.value_or(false) ? Outcome::won : Outcome::lost);
  auto known = import.catalogue.find(stage);
  Stage flags = known != import.catalogue.end() ? known->second : guess_stage(stage);
  if (!flags.is_closed) return Outcome::open;
  return flags.is_won ? Outcome::won : Outcome::lost;
}

void observe_stage(SalesforceImport& import, const std::string& stage, std::optional<long long> order,
                   std::optional<double> probability, Outcome outcome) {
  auto& seen = import.observed[stage];
  ++seen.seen;
  if (outcome != Outcome::open) ++seen.closed;
  if (outcome == Outcome::won) ++seen.won;
  if (order) seen.sort_order = int(*order);
  if (probability) seen.probability = probability;
}

}  // namespace

Result<void> import_opportunities(SalesforceImport& import, CsvReader& reader,
                                  ObjectCounts& counts) {
  auto& context = import.context;
  const auto& settings = context.settings();
  auto columns = context.resolve(
      reader,
      {"Name", "AccountId", "OwnerId", "Amount", "CurrencyIsoCode", "CloseDate", "IsClosed",
       "IsWon", "Type", "LeadSource", "StageSortOrder", "Probability", "LastStageChangeDate",
       "IsDeleted", "CreatedDate", settings.loss_reason_field, settings.win_reason_field,
       settings.competitor_field},
      {"Id", "StageName"});
  if (!all_present(columns, {"Id", "StageName"})) return {};
  // Some exports leave CreatedDate out (a hand-made extract, the CLI's data
  // tree): the deals import, their cycles cannot be measured.
  const bool created_known = columns["CreatedDate"].index.has_value();
  if (!created_known)
    context.warn(fmt::format("the opportunities have no CreatedDate ({}): the deals' cycles and "
                             "time in their first stage cannot be measured",
                             counts.file));
  auto custom = custom_columns(reader.header());
  return context.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(record, counts.file, problems, context.implausible_dates());
    if (is_deleted(fields, columns["IsDeleted"])) return ++counts.deleted, true;
    Opportunity opportunity;
    opportunity.id = fields.identifier(columns["Id"]);
    opportunity.name = std::string(trim(fields.text(columns["Name"])));
    opportunity.account_id = fields.reference(columns["AccountId"]);
    opportunity.owner_id = fields.reference(columns["OwnerId"]);
    opportunity.amount = fields.number(columns["Amount"], kAmountRange);
    opportunity.currency = std::string(trim(fields.text(columns["CurrencyIsoCode"])));
    opportunity.stage = fields.required_text(columns["StageName"]);
    opportunity.created_at = fields.timestamp(
        columns["CreatedDate"], created_known ? Requirement::required : Requirement::optional);
    opportunity.close_date = fields.date(columns["CloseDate"], Requirement::optional);
    opportunity.last_stage_change_at =
        fields.timestamp(columns["LastStageChangeDate"], Requirement::optional);
    auto is_closed = fields.boolean(columns["IsClosed"]);
    auto is_won = fields.boolean(columns["IsWon"]);
    auto sort_order = fields.integer(columns["StageSortOrder"], kSortOrderRange);
    auto probability = fields.number(columns["Probability"], kProbabilityRange);
    opportunity.type = std::string(trim(fields.text(columns["Type"])));
    opportunity.source = std::string(trim(fields.text(columns["LeadSource"])));
    opportunity.loss_reason = std::string(trim(fields.text(columns[settings.loss_reason_field])));
    opportunity.win_reason = std::string(trim(fields.text(columns[settings.win_reason_field])));
    opportunity.competitor = std::string(trim(fields.text(columns[settings.competitor_field])));
    opportunity.custom = custom_fields(record, custom, reader.header());
    if (!fields.ok()) return false;
    opportunity.outcome = decide_outcome(import, opportunity.stage, is_closed, is_won);
    observe_stage(import, opportunity.stage, sort_order, probability, opportunity.outcome);
    return write_record(context, fields, counts, opportunity,
                        {{&columns["AccountId"], RecordKind::account, opportunity.account_id},
                         {&columns["OwnerId"], RecordKind::user, opportunity.owner_id}});
  });
}

}  // namespace rearview::importing
