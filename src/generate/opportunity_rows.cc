#include "opportunity_rows.h"

#include <fmt/format.h>

#include "calendar.h"
#include "ids.h"
#include "stages.h"

namespace rearview::generate {
namespace {

// The fields whose changes OpportunityFieldHistory records.
struct TrackedField {
  std::string_view field;
  std::string_view data_type;
  std::string (*value)(const HistoryRow& row);
};
constexpr TrackedField kTrackedFields[] = {
    {"StageName", "Picklist",
     [](const HistoryRow& row) { return std::string(stage_name(row.stage)); }},
    {"Amount", "Currency", [](const HistoryRow& row) { return fmt::format("{}", row.amount); }},
    {"CloseDate", "Date", [](const HistoryRow& row) { return salesforce_date(row.close_date); }},
};

const StageInfo& stage_info(int stage) { return kStages[std::size_t(stage)]; }

void write_opportunity_row(const Deal& deal, const DealFacts& facts, CsvFile& file) {
  const HistoryRow& current = deal.history.back();
  const StageInfo& stage = stage_info(current.stage);
  file.text(deal.id).flag(false).text(deal.account->id).text(deal.name).text(stage.name);
  file.number(current.amount).text("USD").number(stage.probability).date(current.close_date);
  file.text(deal.type).text(deal.lead_source);
  file.flag(is_closed(current.stage)).flag(current.stage == kClosedWon);
  file.text(stage.forecast_category_name).text(deal.owner->id).timestamp(deal.created_at);
  file.timestamp(current.at).timestamp(facts.last_stage_change);
  file.text(deal.loss_reason).text(deal.win_reason).text(deal.competitor).text(deal.next_step);
  file.end_row();
}

void write_history(const Deal& deal, CsvFile& file, OpportunityLedger& ledger) {
  for (const HistoryRow& row : deal.history) {
    const StageInfo& stage = stage_info(row.stage);
    file.text(salesforce_id(key_prefix::kOpportunityHistory, ++ledger.history_ids));
    file.text(deal.id).text(deal.owner->id).timestamp(row.at).text(stage.name);
    file.number(row.amount).number(row.amount * stage.probability / 100);
    file.date(row.close_date).number(stage.probability).text(stage.forecast_category);
    file.flag(false);
    file.end_row();
  }
}

void write_field_history(const Deal& deal, CsvFile& file, OpportunityLedger& ledger) {
  for (std::size_t index = 1; index < deal.history.size(); ++index) {
    const HistoryRow& before = deal.history[index - 1];
    const HistoryRow& after = deal.history[index];
    for (const TrackedField& tracked : kTrackedFields) {
      const std::string old_value = tracked.value(before);
      const std::string new_value = tracked.value(after);
      if (old_value == new_value) continue;
      file.text(salesforce_id(key_prefix::kFieldHistory, ++ledger.field_history_ids));
      file.text(deal.id).text(deal.owner->id).timestamp(after.at);
      file.text(tracked.field).text(tracked.data_type).text(old_value).text(new_value);
      file.flag(false);
      file.end_row();
    }
  }
}

void write_contact_roles(const Deal& deal, CsvFile& file, OpportunityLedger& ledger) {
  for (const DealContact& contact : deal.contacts) {
    if (contact.role.empty()) continue;
    const BuyerContact& buyer = deal.account->contacts[std::size_t(contact.contact)];
    file.text(salesforce_id(key_prefix::kContactRole, ++ledger.contact_role_ids));
    file.text(deal.id).text(contact_id(buyer)).text(contact.role).flag(contact.is_primary);
    file.flag(false).timestamp(contact.listed_at);
    file.end_row();
  }
}

}  // namespace

void write_opportunity(const Deal& deal, const DealFacts& facts, ExportFiles& files,
                       OpportunityLedger& ledger) {
  write_opportunity_row(deal, facts, files.opportunities);
  write_history(deal, files.history, ledger);
  write_field_history(deal, files.field_history, ledger);
  write_contact_roles(deal, files.contact_roles, ledger);
}

}  // namespace rearview::generate
