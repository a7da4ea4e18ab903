// RecordWriter: upserts report what they did, references must exist, and
// the lookups importers rely on.
#include "conformance.h"

namespace rearview::conformance {
namespace {

class RecordWriterConformance : public StorageConformance {
 protected:
  // Writes `record` four times, changing it with `change` before the third.
  template <typename Record, typename Change>
  void expect_inserted_unchanged_updated(Record record, Change change) {
    write([&](RecordWriter& records) {
      EXPECT_EQ(records.upsert(record), WriteOutcome::inserted);
      EXPECT_EQ(records.upsert(record), WriteOutcome::unchanged);
      change(record);
      EXPECT_EQ(records.upsert(record), WriteOutcome::updated);
      EXPECT_EQ(records.upsert(record), WriteOutcome::unchanged);
    });
  }
};
REARVIEW_FOR_EVERY_ENGINE(RecordWriterConformance);

std::optional<Id> found(const Result<std::optional<Id>>& lookup) {
  EXPECT_TRUE(lookup) << lookup.error().message;
  return lookup.value_or(std::optional<Id>("<the lookup failed>"));
}

TEST_P(RecordWriterConformance, EveryRecordIsInsertedThenUnchangedThenUpdated) {
  expect_inserted_unchanged_updated(company_.manager, [](User& user) { user.title = "VP"; });
  expect_inserted_unchanged_updated(company_.rep, [](User& user) { user.is_active = false; });
  expect_inserted_unchanged_updated(company_.account,
                                    [](Account& account) { account.email_domains = {"acme.com"}; });
  expect_inserted_unchanged_updated(company_.buyer, [](Contact& contact) {
    contact.custom = {{"Persona__c", "Finance"}};
  });
  expect_inserted_unchanged_updated(company_.deal("006A", Outcome::open),
                                    [](Opportunity& deal) { deal.amount = 2000; });
  expect_inserted_unchanged_updated(OpportunityHistoryRow{.id = "008A",
                                                          .opportunity_id = "006A",
                                                          .changed_at = at("2024-01-01"),
                                                          .stage = "Prospecting"},
                                    [](OpportunityHistoryRow& row) { row.probability = 10; });
  expect_inserted_unchanged_updated(FieldChange{.id = "017A",
                                                .opportunity_id = "006A",
                                                .field = "Amount",
                                                .changed_at = at("2024-01-02")},
                                    [](FieldChange& change) { change.new_value = "2000"; });
  expect_inserted_unchanged_updated(
      ContactRole{
          .id = "00KA", .opportunity_id = "006A", .contact_id = "003P", .role = "Economic Buyer"},
      [](ContactRole& role) { role.is_primary = true; });
  expect_inserted_unchanged_updated(
      Interaction{.id = "00TA",
                  .kind = InteractionKind::call,
                  .links = {crm_link("006A")},
                  .occurred_at = at("2024-01-03"),
                  .participants = {{.role = ParticipantRole::to, .contact_id = "003P"}}},
      [](Interaction& call) { call.participants[0].name = "Pat"; });
  expect_inserted_unchanged_updated(Stage{.name = "Discovery", .sort_order = 1},
                                    [](Stage& stage) { stage.probability = 20; });
}

TEST_P(RecordWriterConformance, AReferenceToAMissingRecordFailsAndWritesNothing) {
  write([&](RecordWriter& records) {
    Opportunity orphan = company_.deal("006X", Outcome::open);  // its owner and account are missing
    auto written = records.upsert(orphan);
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, ErrorCode::missing_reference);
    EXPECT_EQ(records.exists(RecordKind::opportunity, "006X"), false);
    auto role = records.upsert(
        ContactRole{.id = "00KX", .opportunity_id = "006none", .contact_id = "003none"});
    ASSERT_FALSE(role);
    EXPECT_EQ(role.error().code, ErrorCode::missing_reference);
    auto call = records.upsert(
        Interaction{.id = "00TX", .links = {crm_link("006none")}, .occurred_at = at("2024-01-01")});
    ASSERT_FALSE(call);
    EXPECT_EQ(call.error().code, ErrorCode::missing_reference);
  });
  EXPECT_EQ(session().deals().counts()->contact_roles, 0);
  EXPECT_EQ(session().deals().counts()->notes, 0);
}

TEST_P(RecordWriterConformance, ExistsAndTheLookupsFindWhatWasWritten) {
  write_company();
  Contact namesake = company_.engineer;
  namesake.id = "003A";  // shares Quinn's address, and sorts first
  write([&](RecordWriter& records) {
    ASSERT_TRUE(records.upsert(namesake));
    EXPECT_EQ(records.exists(RecordKind::user, "005R"), true);
    EXPECT_EQ(records.exists(RecordKind::account, "001A"), true);
    EXPECT_EQ(records.exists(RecordKind::contact, "003P"), true);
    EXPECT_EQ(records.exists(RecordKind::opportunity, "001A"), false);
    EXPECT_EQ(found(records.contact_by_email("pat@acme.com")), std::optional<Id>("003P"));
    EXPECT_EQ(found(records.contact_by_email("quinn@acme.com")), std::optional<Id>("003A"));
    EXPECT_EQ(found(records.contact_by_email("nobody@acme.com")), std::nullopt);
    EXPECT_EQ(found(records.user_by_email("rita@seller.com")), std::optional<Id>("005R"));
    EXPECT_EQ(found(records.user_by_email("pat@acme.com")), std::nullopt);
    EXPECT_EQ(found(records.user_by_name("Max Manager")), std::optional<Id>("005M"));
    EXPECT_EQ(found(records.account_by_name("Acme Robotics")), std::optional<Id>("001A"));
    EXPECT_EQ(found(records.account_by_name("Globex")), std::nullopt);
  });
}

TEST_P(RecordWriterConformance, OnlyChangedOpportunitiesAreDerivedAgain) {
  write_company();
  closed_at_["006W"] = at("2024-03-01T12:00:00Z");
  write([&](RecordWriter& records) {
    ASSERT_TRUE(records.upsert(company_.deal("006O", Outcome::open)));
    ASSERT_TRUE(records.upsert(company_.deal("006W", Outcome::won)));
    EXPECT_EQ(rederive(records), 2);
    EXPECT_EQ(rederive(records), 0);
    EXPECT_EQ(records.upsert(company_.deal("006O", Outcome::open)), WriteOutcome::unchanged);
    EXPECT_EQ(rederive(records), 0);
    // A new history row changes the deal's inputs even when its record is unchanged.
    ASSERT_TRUE(records.upsert(OpportunityHistoryRow{.id = "008W",
                                                     .opportunity_id = "006W",
                                                     .changed_at = at("2024-02-01"),
                                                     .stage = "Closed Won"}));
    EXPECT_EQ(rederive(records), 1);
  });
  EXPECT_EQ(session().deals().counts()->stage_entries, 2);
  auto won = session().snapshots().snapshot("006W");
  ASSERT_TRUE(won && *won);
  EXPECT_EQ((*won)->closed_at, at("2024-03-01T12:00:00Z"));
  ASSERT_EQ((*won)->stage_entries.size(), 1u);
  EXPECT_EQ((*won)->stage_entries[0].stage, "Closed Won");
}

TEST_P(RecordWriterConformance, DerivationSeesTheHistoryInTimeThenExportOrder) {
  write_company();
  std::vector<std::string> seen;
  write([&](RecordWriter& records) {
    ASSERT_TRUE(records.upsert(company_.deal("006A", Outcome::open)));
    for (auto [id, time, sequence] :
         {std::tuple{"008c", "2024-02-01", 1}, std::tuple{"008b", "2024-01-15", 3},
          std::tuple{"008a", "2024-01-15", 2}})
      ASSERT_TRUE(records.upsert(OpportunityHistoryRow{.id = id,
                                                       .opportunity_id = "006A",
                                                       .changed_at = at(time),
                                                       .stage = "Prospecting",
                                                       .sequence = sequence}));
    auto derived =
        records.rederive_changed_opportunities([&](const OpportunityForDerivation& deal) {
          EXPECT_EQ(deal.stage, "Prospecting");
          EXPECT_EQ(deal.created_at, at("2024-01-01T09:00:00Z"));
          for (const auto& row : deal.history) seen.push_back(row.id);
          return StageEntriesAndClose{};
        });
    EXPECT_EQ(derived, 1);
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"008a", "008b", "008c"}));
}

}  // namespace
}  // namespace rearview::conformance
