// HubSpot's companies, contacts and deals, with the deals' pipelines and
// stage history.
#include <fmt/format.h>

#include <algorithm>

#include "hubspot_import.h"
#include "hubspot_pipeline.h"
#include "rearview/core/stage_history.h"

namespace rearview::importing::hubspot {
namespace {

// HubSpot fills its calculated flags; an empty one says nothing.
std::optional<bool> flag(FieldReader& fields, const Column& column) {
  if (!column.index || trim(fields.text(column)).empty()) return std::nullopt;
  return fields.boolean(column);
}

std::string text_of(FieldReader& fields, const Column& column) {
  return collapse_spaces(fields.text(column));
}

// The company a contact or deal belongs to: its first associated Record ID
// (the primary one where the export says), or none.
Result<std::optional<Id>> associated_company(HubspotImport& import, FieldReader& fields,
                                             const Column& ids, const Column& name) {
  auto listed = record_ids(fields.text(ids));
  if (listed.empty()) return std::optional<Id>();
  auto id = import.ensure_company(listed.front(), text_of(fields, name));
  if (!id) return std::unexpected(id.error());
  return std::optional<Id>(*id);
}

}  // namespace

Result<void> import_companies(HubspotImport& import, CsvReader& reader, ObjectCounts& counts) {
  auto& context = import.context;
  Column record = first_present(reader, {"Record ID"}), name = first_present(reader, {"Company name"}),
         domain = first_present(reader, {"Company Domain Name", "Domain"}),
         website = first_present(reader, {"Website URL", "Website"}),
         industry = first_present(reader, {"Industry"}), type = first_present(reader, {"Type"}),
         owner = first_present(reader, {"Company owner"});
  return context.for_each_row(reader, counts, [&](const CsvRecord& row, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(row, counts.file, problems, context.implausible_dates());
    std::string record_id = fields.identifier(record);
    Account account{.id = company_id(record_id),
                    .name = text_of(fields, name),
                    .type = text_of(fields, type),
                    .industry = text_of(fields, industry)};
    if (account.name.empty()) account.name = fmt::format("Company {}", record_id);
    for (const Column* column : {&domain, &website})
      if (auto host = domain_of_website(fields.text(*column)); !host.empty() &&
          std::find(account.email_domains.begin(), account.email_domains.end(), host) ==
              account.email_domains.end())
        account.email_domains.push_back(host);
    auto owner_id = import.owner(fields.text(owner));
    if (!owner_id) return std::unexpected(owner_id.error());
    account.owner_id = *owner_id;
    if (!fields.ok()) return false;
    auto written = write_record(context, fields, counts, account, {});
    if (written && *written) import.note_written(RecordKind::account, account.id);
    return written;
  });
}

Result<void> import_contacts(HubspotImport& import, CsvReader& reader, ObjectCounts& counts) {
  auto& context = import.context;
  Column record = first_present(reader, {"Record ID"}),
         first = first_present(reader, {"First Name"}), last = first_present(reader, {"Last Name"}),
         email = first_present(reader, {"Email"}), title = first_present(reader, {"Job Title"}),
         company_ids = first_present(reader, {"Associated Company IDs (Primary)",
                                              "Associated Company IDs", "Associated Company ID"}),
         company_name = first_present(reader, {"Associated Company", "Company Name"});
  return context.for_each_row(reader, counts, [&](const CsvRecord& row, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(row, counts.file, problems, context.implausible_dates());
    std::string record_id = fields.identifier(record);
    Contact contact{.id = contact_id(record_id),
                    .first_name = text_of(fields, first),
                    .last_name = text_of(fields, last),
                    .email = lower(trim(fields.text(email))),
                    .title = text_of(fields, title)};
    if (contact.first_name.empty() && contact.last_name.empty())
      contact.last_name = contact.email.empty() ? fmt::format("Contact {}", record_id) : contact.email;
    if (!fields.ok()) return false;
    auto company = associated_company(import, fields, company_ids, company_name);
    if (!company) return std::unexpected(company.error());
    contact.account_id = *company;
    auto written = write_record(context, fields, counts, contact, {});
    if (written && *written) {
      import.note_written(RecordKind::contact, contact.id);
      if (!contact.email.empty()) import.contact_emails[contact.id] = contact.email;
    }
    return written;
  });
}

namespace {

// A deal as read, kept until every deal is read: only then are the
// pipelines' stages named and ordered.
struct ReadDeal {
  Opportunity opportunity;
  StageKey stage;
  std::vector<std::pair<StageKey, Timestamp>> entered;  // in time order
  std::vector<std::string> contact_record_ids;
  RowPlace place;
};

struct DealColumns {
  explicit DealColumns(const CsvReader& reader)
      : record(first_present(reader, {"Record ID"})),
        name(first_present(reader, {"Deal Name"})),
        stage(first_present(reader, {"Deal Stage"})),
        pipeline(first_present(reader, {"Pipeline"})),
        amount(first_present(reader, {"Amount"})),
        currency(first_present(reader, {"Currency", "Deal currency code"})),
        close_date(first_present(reader, {"Close Date"})),
        created(first_present(reader, {"Create Date"})),
        owner(first_present(reader, {"Deal owner"})),
        type(first_present(reader, {"Deal Type"})),
        source(first_present(reader, {"Original Source Type", "Original Source", "Lead Source"})),
        loss_reason(first_present(reader, {"Closed Lost Reason"})),
        win_reason(first_present(reader, {"Closed Won Reason"})),
        competitor(first_present(reader, {"Competitor"})),
        company_ids(first_present(reader, {"Associated Company IDs (Primary)",
                                           "Associated Company IDs", "Associated Company ID"})),
        company_name(first_present(reader, {"Associated Company", "Associated Company Name"})),
        contact_ids(first_present(reader, {"Associated Contact IDs", "Associated Contact ID"})),
        won(first_present(reader, {"Is Closed Won"})),
        closed(first_present(reader, {"Is Deal Closed?", "Is Deal Closed"})),
        probability(first_present(reader, {"Deal probability"})) {
    const auto& header = reader.header();
    for (std::size_t i = 0; i < header.size(); ++i)
      if (auto stage_key = entered_column_stage(header[i]))
        entered.push_back({Column{header[i], i}, std::move(*stage_key)});
  }
  Column record, name, stage, pipeline, amount, currency, close_date, created, owner, type, source,
      loss_reason, win_reason, competitor, company_ids, company_name, contact_ids, won, closed,
      probability;
  std::vector<std::pair<Column, StageKey>> entered;  // "Date entered ..." columns
};

constexpr NumberRange kHubspotProbability{0, 100, false,
                                          "a probability from 0 to 1 (or a percentage)"};

Result<bool> read_deal(HubspotImport& import, const DealColumns& columns, FieldReader& fields,
                       PipelineCatalogue& catalogue, ReadDeal& deal) {
  std::string record_id = fields.identifier(columns.record);
  Opportunity& opportunity = deal.opportunity;
  opportunity.id = deal_id(record_id);
  opportunity.name = text_of(fields, columns.name);
  if (opportunity.name.empty()) opportunity.name = fmt::format("Deal {}", record_id);
  deal.stage = StageKey{text_of(fields, columns.pipeline), fields.required_text(columns.stage)};
  opportunity.amount = fields.number(columns.amount, kAmountRange);
  opportunity.currency = text_of(fields, columns.currency);
  opportunity.created_at = import.time(fields, columns.created);
  if (auto close = import.time(fields, columns.close_date))
    opportunity.close_date = import.context.settings().time_zone.local_date(*close);
  opportunity.type = text_of(fields, columns.type);
  opportunity.source = text_of(fields, columns.source);
  opportunity.loss_reason = text_of(fields, columns.loss_reason);
  opportunity.win_reason = text_of(fields, columns.win_reason);
  opportunity.competitor = text_of(fields, columns.competitor);
  if (!deal.stage.pipeline.empty()) opportunity.custom.emplace_back("Pipeline", deal.stage.pipeline);
  auto won = flag(fields, columns.won);
  auto closed = flag(fields, columns.closed);
  auto probability = fields.number(columns.probability, kHubspotProbability);
  for (const auto& [column, stage] : columns.entered)
    if (auto at = import.time(fields, column)) deal.entered.push_back({stage, *at});
  std::stable_sort(deal.entered.begin(), deal.entered.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  deal.contact_record_ids = record_ids(fields.text(columns.contact_ids));
  auto owner_id = import.owner(fields.text(columns.owner));
  if (!owner_id) return std::unexpected(owner_id.error());
  opportunity.owner_id = *owner_id;
  if (!fields.ok()) return false;
  auto company = associated_company(import, fields, columns.company_ids, columns.company_name);
  if (!company) return std::unexpected(company.error());
  opportunity.account_id = *company;
  catalogue.observe_deal(deal.stage, closed, won, probability);
  std::vector<StageKey> path;
  for (const auto& [stage, at] : deal.entered) path.push_back(stage);
  catalogue.observe_path(path);
  deal.place = RowPlace{std::string(fields.file()), fields.line()};
  return true;
}

// The stages go into the catalogue, each deal with its outcome, its stage
// history ("Date entered" columns) and its contacts.
Result<void> write_deals(HubspotImport& import, const PipelineCatalogue& catalogue,
                         std::vector<ReadDeal>& deals, ObjectCounts& counts) {
  auto& context = import.context;
  bool configured = context.settings().stages.size() != default_settings().stages.size() ||
                    !std::equal(context.settings().stages.begin(), context.settings().stages.end(),
                                default_settings().stages.begin(),
                                [](const Stage& a, const Stage& b) { return a.name == b.name; });
  const std::vector<Stage> mine = configured ? context.settings().stages : std::vector<Stage>{};
  std::map<std::string, Stage> by_name;
  for (auto& stage : catalogue.stages(mine)) {
    auto written = context.records().upsert(stage);
    if (!written) return std::unexpected(written.error());
    bool added = configured && std::none_of(mine.begin(), mine.end(), [&](const Stage& s) {
      return s.name == stage.name;
    });
    if (added)
      context.warn(fmt::format("stage '{}' is not configured: added it as {} ({}%)", stage.name,
                               stage.is_closed ? (stage.is_won ? "closed won" : "closed lost")
                                               : "open",
                               stage.probability));
    by_name[stage.name] = std::move(stage);
  }
  for (auto& deal : deals) {
    Opportunity& opportunity = deal.opportunity;
    opportunity.stage = catalogue.stage_name(deal.stage);
    const Stage& stage = by_name.at(opportunity.stage);
    opportunity.outcome = !stage.is_closed ? Outcome::open : stage.is_won ? Outcome::won : Outcome::lost;
    auto written = context.records().upsert(opportunity);
    if (!written) return std::unexpected(written.error());
    context.count(counts, *written);
    import.note_written(RecordKind::opportunity, opportunity.id);
    long long sequence = 0;
    for (const auto& [key, at] : deal.entered) {
      std::string name = catalogue.stage_name(key);
      auto row = context.records().upsert(OpportunityHistoryRow{
          .id = fmt::format("{}:entered:{}", opportunity.id, name),
          .opportunity_id = opportunity.id,
          .changed_at = at,
          .stage = name,
          .sequence = ++sequence});
      if (!row) return std::unexpected(row.error());
    }
    for (const auto& contact_record_id : deal.contact_record_ids) {
      auto contact = import.existing_contact(contact_record_id);
      if (!contact) return std::unexpected(contact.error());
      if (!*contact) continue;
      auto role = context.records().upsert(ContactRole{
          .id = fmt::format("{}:contact:{}", opportunity.id, contact_record_id),
          .opportunity_id = opportunity.id,
          .contact_id = **contact});
      if (!role) return std::unexpected(role.error());
    }
  }
  auto derived = context.records().rederive_changed_opportunities(
      [&](const OpportunityForDerivation& opportunity) {
        return derive_stage_entries(opportunity, [&](std::string_view name) {
          auto found = by_name.find(std::string(name));
          return found != by_name.end() && found->second.is_closed;
        });
      });
  if (!derived) return std::unexpected(derived.error());
  context.report().opportunities_rederived += *derived;
  return {};
}

}  // namespace

Result<void> import_deals(HubspotImport& import, CsvReader& reader, ObjectCounts& counts) {
  auto& context = import.context;
  DealColumns columns(reader);
  if (!columns.record.index || !columns.stage.index) return {};
  PipelineCatalogue catalogue;
  std::vector<ReadDeal> deals;
  auto read = context.for_each_row(reader, counts, [&](const CsvRecord& row, auto& problems)
                                                       -> Result<bool> {
    FieldReader fields(row, counts.file, problems, context.implausible_dates());
    ReadDeal deal;
    auto good = read_deal(import, columns, fields, catalogue, deal);
    if (!good || !*good) return good;
    if (!context.claim_id(RecordTable::opportunity, deal.opportunity.id, fields)) return false;
    deals.push_back(std::move(deal));
    return true;
  });
  if (!read) return read;
  return write_deals(import, catalogue, deals, counts);
}

}  // namespace rearview::importing::hubspot
