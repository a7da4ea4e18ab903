// OpportunityDirectory, StageCatalogue, MilestoneRecorder and the counts of
// DealQueries.
#include "conformance.h"

namespace rearview::conformance {
namespace {

class DirectoryConformance : public StorageConformance {
 protected:
  void SetUp() override {
    StorageConformance::SetUp();
    write_company();
    write([&](RecordWriter& records) {
      for (auto [id, name] :
           {std::pair{"006B", "Acme robots"}, std::pair{"006A", "ACME add-on"},
            std::pair{"006C", "Globex renewal"}, std::pair{"006D", "Acme robots"}}) {
        Opportunity deal = company_.deal(id, Outcome::open);
        deal.name = name;
        ASSERT_TRUE(records.upsert(deal));
      }
    });
  }
  std::vector<Id> found(const std::string& text, int limit = 10) {
    auto names = session().opportunities().find_opportunities(text, limit);
    EXPECT_TRUE(names) << names.error().message;
    std::vector<Id> ids;
    for (const auto& name : names.value_or(std::vector<OpportunityName>{})) ids.push_back(name.id);
    return ids;
  }
};
REARVIEW_FOR_EVERY_ENGINE(DirectoryConformance);

using Ids = std::vector<Id>;

TEST_P(DirectoryConformance, AnIdFindsItsOpportunityAlone) {
  EXPECT_EQ(found("006C"), (Ids{"006C"}));
}

TEST_P(DirectoryConformance, PartOfANameFindsItInAnyCaseOrderedByNameThenId) {
  EXPECT_EQ(found("acme"), (Ids{"006A", "006B", "006D"}));
  EXPECT_EQ(found("ROBOTS"), (Ids{"006B", "006D"}));
  EXPECT_EQ(found("acme", 2), (Ids{"006A", "006B"}));
  EXPECT_EQ(found("initech"), Ids{});
}

TEST_P(DirectoryConformance, EveryNameInIdOrder) {
  auto names = session().opportunities().opportunity_names();
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, (std::vector<OpportunityName>{{"006A", "ACME add-on"},
                                                  {"006B", "Acme robots"},
                                                  {"006C", "Globex renewal"},
                                                  {"006D", "Acme robots"}}));
}

class StageCatalogueConformance : public StorageConformance {};
REARVIEW_FOR_EVERY_ENGINE(StageCatalogueConformance);

TEST_P(StageCatalogueConformance, StagesComeBackInOrderWithTheirMilestones) {
  Stage discovery{.name = "Discovery",
                  .sort_order = 2,
                  .probability = 20,
                  .milestones = {{.key = "pain", .label = "Pain found"},
                                 {.key = "budget",
                                  .label = "Budget",
                                  .kind = MilestoneKind::dropdown,
                                  .options = {"unknown", "approved"}},
                                 {.key = "economic_buyer",
                                  .label = "Economic buyer",
                                  .kind = MilestoneKind::picklist,
                                  .options = {"CFO", "CEO"},
                                  .contact_role = "Economic Buyer"}}};
  Stage won{
      .name = "Closed Won", .sort_order = 9, .probability = 100, .is_closed = true, .is_won = true};
  Stage lost{.name = "Closed Lost", .sort_order = 9, .is_closed = true};
  write([&](RecordWriter& records) {
    for (const auto& stage : {won, discovery, lost}) ASSERT_TRUE(records.upsert(stage));
  });
  auto stages = session().stage_catalogue().stages();
  ASSERT_TRUE(stages) << stages.error().message;
  ASSERT_EQ(stages->size(), 3u);
  EXPECT_EQ((*stages)[0].name, "Discovery");
  EXPECT_EQ((*stages)[1].name, "Closed Lost");  // equal order: by name
  EXPECT_EQ((*stages)[2].name, "Closed Won");
  EXPECT_TRUE((*stages)[2].is_won);
  EXPECT_EQ((*stages)[2].probability, 100);
  const auto& milestones = (*stages)[0].milestones;
  ASSERT_EQ(milestones.size(), 3u);
  EXPECT_EQ(milestones[0].key, "pain");
  EXPECT_EQ(milestones[1].kind, MilestoneKind::dropdown);
  EXPECT_EQ(milestones[1].options, (std::vector<std::string>{"unknown", "approved"}));
  EXPECT_EQ(milestones[2].kind, MilestoneKind::picklist);
  EXPECT_EQ(milestones[2].contact_role, "Economic Buyer");
}

TEST_P(StageCatalogueConformance, WritingAStageAgainReplacesItsMilestones) {
  Stage discovery{
      .name = "Discovery", .sort_order = 1, .milestones = {{.key = "pain", .label = "Pain found"}}};
  write([&](RecordWriter& records) { ASSERT_TRUE(records.upsert(discovery)); });
  discovery.milestones = {{.key = "champion", .label = "Champion"}};
  write([&](RecordWriter& records) {
    EXPECT_EQ(records.upsert(discovery), WriteOutcome::unchanged);  // its place in the process is
  });
  auto stages = session().stage_catalogue().stages();
  ASSERT_TRUE(stages);
  ASSERT_EQ(stages->at(0).milestones.size(), 1u);
  EXPECT_EQ(stages->at(0).milestones[0].key, "champion");
}

class MilestoneRecorderConformance : public StorageConformance {};
REARVIEW_FOR_EVERY_ENGINE(MilestoneRecorderConformance);

TEST_P(MilestoneRecorderConformance, TheSameMilestoneAtTheSameTimeIsReplaced) {
  write_company();
  write([&](RecordWriter& records) {
    ASSERT_TRUE(records.upsert(company_.deal("006A", Outcome::open)));
  });
  auto transaction = session().write_transaction();
  ASSERT_TRUE(transaction);
  MilestoneRecorder& milestones = transaction->milestones();
  ASSERT_TRUE(milestones.record_milestone(
      "006A", {"Discovery", "budget", "unknown", at("2024-02-01"), "ae", "user"}));
  ASSERT_TRUE(milestones.record_milestone(
      "006A", {"Discovery", "budget", "approved", at("2024-02-01"), "cfo", "api"}));
  ASSERT_TRUE(milestones.record_milestone(
      "006A", {"Discovery", "budget", "approved", at("2024-01-01"), "ae", "user"}));
  auto missing = milestones.record_milestone(
      "006none", {"Discovery", "budget", "yes", at("2024-01-01"), "", ""});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::missing_reference);
  ASSERT_TRUE(transaction->commit());
  auto deal = session().snapshots().snapshot("006A");
  ASSERT_TRUE(deal && *deal);
  const auto& attained = (*deal)->milestones;
  ASSERT_EQ(attained.size(), 2u);
  EXPECT_EQ(attained[0].attained_at, at("2024-01-01"));
  EXPECT_EQ(attained[1].value, "approved");
  EXPECT_EQ(attained[1].attained_by, "cfo");
  EXPECT_EQ(attained[1].source, "api");
}

class DealCountsConformance : public StorageConformance {};
REARVIEW_FOR_EVERY_ENGINE(DealCountsConformance);

TEST_P(DealCountsConformance, CountsEveryKindOfRecord) {
  write_company();
  closed_at_["006W"] = at("2024-02-01");
  write([&](RecordWriter& records) {
    for (auto [id, outcome] : {std::pair{"006O", Outcome::open}, std::pair{"006W", Outcome::won},
                               std::pair{"006L", Outcome::lost}, std::pair{"006M", Outcome::lost}})
      ASSERT_TRUE(records.upsert(company_.deal(id, outcome)));
    for (auto [id, kind] :
         {std::pair{"i1", InteractionKind::email}, std::pair{"i2", InteractionKind::email},
          std::pair{"i3", InteractionKind::meeting}, std::pair{"i4", InteractionKind::call},
          std::pair{"i5", InteractionKind::note}})
      ASSERT_TRUE(records.upsert(Interaction{
          .id = id, .kind = kind, .links = {crm_link("006W")}, .occurred_at = at("2024-01-05")}));
    ASSERT_TRUE(records.upsert(FieldChange{.id = "017A",
                                           .opportunity_id = "006W",
                                           .field = "Amount",
                                           .changed_at = at("2024-01-02")}));
    ASSERT_TRUE(
        records.upsert(ContactRole{.id = "00KA", .opportunity_id = "006W", .contact_id = "003P"}));
    rederive(records);
  });
  auto counts = session().deals().counts();
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(counts->users, 2);
  EXPECT_EQ(counts->accounts, 1);
  EXPECT_EQ(counts->contacts, 2);
  EXPECT_EQ(counts->opportunities_open, 1);
  EXPECT_EQ(counts->opportunities_won, 1);
  EXPECT_EQ(counts->opportunities_lost, 2);
  EXPECT_EQ(counts->stage_entries, 4);
  EXPECT_EQ(counts->emails, 2);
  EXPECT_EQ(counts->meetings, 1);
  EXPECT_EQ(counts->calls, 1);
  EXPECT_EQ(counts->notes, 1);
  EXPECT_EQ(counts->field_changes, 1);
  EXPECT_EQ(counts->contact_roles, 1);
}

}  // namespace
}  // namespace rearview::conformance
