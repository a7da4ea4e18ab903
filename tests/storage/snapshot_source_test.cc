// SnapshotSource: everything about a deal in one value, assembled by the
// core's rules from whatever rows the engine keeps.
#include "conformance.h"

namespace rearview::conformance {
namespace {

class SnapshotSourceConformance : public StorageConformance {
 protected:
  // Deal 006W with a history of everything a snapshot holds.
  void write_a_deal_with_everything() {
    write_company();
    write([&](RecordWriter& records) {
      ASSERT_TRUE(records.upsert(Stage{
          .name = "Prospecting",
          .sort_order = 1,
          .milestones = {{.key = "economic_buyer",
                          .label = "Economic buyer",
                          .contact_role = "Economic Buyer"},
                         {.key = "champion", .label = "Champion", .contact_role = "Champion"}}}));
      Opportunity won = company_.deal("006W", Outcome::won);
      won.custom = {{"Region__c", "EMEA"}, {"Segment__c", "Enterprise"}};
      ASSERT_TRUE(records.upsert(won));
      ASSERT_TRUE(records.upsert(FieldChange{.id = "017b",
                                             .opportunity_id = "006W",
                                             .field = "Amount",
                                             .old_value = "900",
                                             .new_value = "1000",
                                             .changed_at = at("2024-02-01"),
                                             .changed_by = "005R"}));
      ASSERT_TRUE(records.upsert(FieldChange{.id = "017a",
                                             .opportunity_id = "006W",
                                             .field = "CloseDate",
                                             .changed_at = at("2024-01-20")}));
      ASSERT_TRUE(records.upsert(Interaction{
          .id = "02s1",
          .kind = InteractionKind::email,
          .direction = Direction::outbound,
          .links = {crm_link("006W")},
          .subject = "Proposal",
          .body = "Hi Pat",
          .occurred_at = at("2024-02-02"),
          .participants = {
              {.role = ParticipantRole::from, .address = "rita@seller.com", .user_id = "005R"},
              {.role = ParticipantRole::to, .address = "pat@acme.com", .contact_id = "003P"},
              {.role = ParticipantRole::cc, .address = "x@else.com", .name = "Someone Else"}}}));
      ASSERT_TRUE(records.upsert(Interaction{.id = "00T1",
                                             .kind = InteractionKind::call,
                                             .links = {crm_link("006W")},
                                             .subject = "Call",
                                             .occurred_at = at("2024-01-15"),
                                             .duration_seconds = 1800}));
      // Quinn holds two roles and took part in nothing; Pat's role has no time.
      ASSERT_TRUE(records.upsert(ContactRole{.id = "00K2",
                                             .opportunity_id = "006W",
                                             .contact_id = "003Q",
                                             .role = "Champion",
                                             .created_at = at("2024-01-10")}));
      ASSERT_TRUE(records.upsert(ContactRole{.id = "00K3",
                                             .opportunity_id = "006W",
                                             .contact_id = "003Q",
                                             .role = "Influencer",
                                             .created_at = at("2024-01-11")}));
      ASSERT_TRUE(records.upsert(ContactRole{.id = "00K1",
                                             .opportunity_id = "006W",
                                             .contact_id = "003P",
                                             .role = "Economic Buyer",
                                             .is_primary = true}));
      closed_at_["006W"] = at("2024-03-01");
      rederive(records);
    });
    auto recorded = session().write_transaction();
    ASSERT_TRUE(recorded);
    ASSERT_TRUE(recorded->milestones().record_milestone(
        "006W", {"Prospecting", "budget", "approved", at("2024-01-05"), "Rita Rep", "user"}));
    ASSERT_TRUE(recorded->commit());
  }

  OpportunitySnapshot snapshot(const Id& id) {
    auto found = session().snapshots().snapshot(id);
    if (!found) throw std::runtime_error(found.error().message);
    if (!*found) throw std::runtime_error("no snapshot of " + id);
    return **found;
  }
};
REARVIEW_FOR_EVERY_ENGINE(SnapshotSourceConformance);

const ContactSummary& contact_in(const OpportunitySnapshot& deal, const Id& id) {
  for (const auto& contact : deal.contacts)
    if (contact.id == id) return contact;
  throw std::runtime_error("no contact " + id);
}

TEST_P(SnapshotSourceConformance, AnUnknownIdHasNoSnapshot) {
  auto found = session().snapshots().snapshot("006nothing");
  ASSERT_TRUE(found);
  EXPECT_FALSE(*found);
}

TEST_P(SnapshotSourceConformance, TheRecordAndTheNamesOfWhoseItIs) {
  write_a_deal_with_everything();
  OpportunitySnapshot deal = snapshot("006W");
  EXPECT_EQ(deal.opportunity.name, "Deal 006W");
  EXPECT_EQ(deal.opportunity.outcome, Outcome::won);
  EXPECT_EQ(deal.opportunity.amount, 1000);
  EXPECT_EQ(deal.opportunity.created_at, at("2024-01-01T09:00:00Z"));
  EXPECT_EQ(deal.opportunity.custom,
            (CustomFields{{"Region__c", "EMEA"}, {"Segment__c", "Enterprise"}}));
  EXPECT_EQ(deal.account_name, "Acme Robotics");
  EXPECT_EQ(deal.owner_name, "Rita Rep");
  EXPECT_EQ(deal.manager_name, "Max Manager");
  EXPECT_EQ(deal.closed_at, at("2024-03-01"));
  ASSERT_EQ(deal.stage_entries.size(), 1u);
  EXPECT_EQ(deal.stage_entries[0].stage, "Closed Won");
}

TEST_P(SnapshotSourceConformance, FieldChangesAndInteractionsAreInTimeOrder) {
  write_a_deal_with_everything();
  OpportunitySnapshot deal = snapshot("006W");
  ASSERT_EQ(deal.field_changes.size(), 2u);
  EXPECT_EQ(deal.field_changes[0].id, "017a");
  EXPECT_EQ(deal.field_changes[1].changed_by, std::optional<Id>("005R"));
  ASSERT_EQ(deal.interactions.size(), 2u);
  EXPECT_EQ(deal.interactions[0].id, "00T1");
  EXPECT_EQ(deal.interactions[0].duration_seconds, 1800);
  EXPECT_TRUE(deal.interactions[0].participants.empty());
  EXPECT_EQ(deal.interactions[1].body, "Hi Pat");
  EXPECT_EQ(deal.interactions[1].direction, Direction::outbound);
}

TEST_P(SnapshotSourceConformance, ParticipantsWithoutANameAreNamedAfterTheirContactOrUser) {
  write_a_deal_with_everything();
  OpportunitySnapshot deal = snapshot("006W");
  const auto& participants = deal.interactions[1].participants;
  ASSERT_EQ(participants.size(), 3u);  // in their order on the e-mail
  EXPECT_EQ(participants[0].role, ParticipantRole::from);
  EXPECT_EQ(participants[0].name, "Rita Rep");
  EXPECT_EQ(participants[1].name, "Pat Buyer");
  EXPECT_EQ(participants[1].contact_id, std::optional<Id>("003P"));
  EXPECT_EQ(participants[2].name, "Someone Else");
  EXPECT_EQ(participants[2].address, "x@else.com");
}

TEST_P(SnapshotSourceConformance, ContactsComeFromParticipantsAndRolesOnceEach) {
  write_a_deal_with_everything();
  OpportunitySnapshot deal = snapshot("006W");
  ASSERT_EQ(deal.contacts.size(), 2u);
  const auto& pat = contact_in(deal, "003P");
  EXPECT_EQ(pat.name, "Pat Buyer");
  EXPECT_EQ(pat.title, "CFO");
  EXPECT_EQ(pat.email, "pat@acme.com");
  EXPECT_EQ(pat.roles, std::vector<std::string>{"Economic Buyer"});
  const auto& quinn = contact_in(deal, "003Q");
  EXPECT_EQ(quinn.name, "Quinn User");
  EXPECT_EQ(quinn.title, "Engineer");
  EXPECT_EQ(quinn.roles, (std::vector<std::string>{"Champion", "Influencer"}));
}

TEST_P(SnapshotSourceConformance, AContactWithoutAFirstNameIsNamedByTheLastAlone) {
  write_company();
  write([&](RecordWriter& records) {
    ASSERT_TRUE(records.upsert(Contact{.id = "003Z", .account_id = "001A", .last_name = "Zed"}));
    ASSERT_TRUE(records.upsert(company_.deal("006A", Outcome::open)));
    ASSERT_TRUE(records.upsert(ContactRole{
        .id = "00KZ", .opportunity_id = "006A", .contact_id = "003Z", .role = "Champion"}));
  });
  EXPECT_EQ(contact_in(snapshot("006A"), "003Z").name, "Zed");
}

TEST_P(SnapshotSourceConformance, ContactRolesAttainTheMilestonesThatNameThemInTimeOrder) {
  write_a_deal_with_everything();
  OpportunitySnapshot deal = snapshot("006W");
  const auto& milestones = deal.milestones;
  ASSERT_EQ(milestones.size(), 3u);
  // Pat's role has no time of its own: the deal's creation stands in.
  EXPECT_EQ(milestones[0].key, "economic_buyer");
  EXPECT_EQ(milestones[0].attained_at, at("2024-01-01T09:00:00Z"));
  EXPECT_EQ(milestones[0].attained_by, "Pat Buyer");
  EXPECT_EQ(milestones[0].source, "crm:contact role Economic Buyer");
  EXPECT_EQ(milestones[0].value, "true");
  EXPECT_EQ(milestones[0].stage, "Prospecting");
  EXPECT_EQ(milestones[1].key, "budget");  // recorded by a person
  EXPECT_EQ(milestones[1].value, "approved");
  EXPECT_EQ(milestones[1].source, "user");
  EXPECT_EQ(milestones[2].key, "champion");
  EXPECT_EQ(milestones[2].attained_at, at("2024-01-10"));
  EXPECT_EQ(milestones[2].attained_by, "Quinn User");
}

TEST_P(SnapshotSourceConformance, StreamingVisitsEachDealOnceInIdOrder) {
  write_company();
  write([&](RecordWriter& records) {
    for (const char* id : {"006C", "006A", "006B"})
      ASSERT_TRUE(records.upsert(company_.deal(id, Outcome::open)));
    ASSERT_TRUE(records.upsert(
        Interaction{.id = "00TB", .links = {crm_link("006B")}, .occurred_at = at("2024-01-02")}));
  });
  std::vector<std::pair<Id, std::size_t>> seen;
  auto visited = session().snapshots().for_each_snapshot(
      {}, [&](const OpportunitySnapshot& deal) -> Result<void> {
        seen.emplace_back(deal.opportunity.id, deal.interactions.size());
        return {};
      });
  ASSERT_TRUE(visited);
  EXPECT_EQ(*visited, 3);
  EXPECT_EQ(seen, (std::vector<std::pair<Id, std::size_t>>{{"006A", 0}, {"006B", 1}, {"006C", 0}}));
}

TEST_P(SnapshotSourceConformance, WithoutBodiesKeepsEverythingButTheText) {
  write_a_deal_with_everything();
  std::vector<std::string> bodies, subjects;
  ASSERT_TRUE(session().snapshots().for_each_snapshot(
      {},
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        for (const auto& interaction : deal.interactions) {
          bodies.push_back(interaction.body);
          subjects.push_back(interaction.subject);
        }
        return {};
      },
      SnapshotDetail::without_bodies));
  EXPECT_EQ(bodies, (std::vector<std::string>{"", ""}));
  EXPECT_EQ(subjects, (std::vector<std::string>{"Call", "Proposal"}));
}

TEST_P(SnapshotSourceConformance, AnErrorFromTheVisitStopsTheWalkAndIsReturned) {
  write_company();
  write([&](RecordWriter& records) {
    for (const char* id : {"006A", "006B"})
      ASSERT_TRUE(records.upsert(company_.deal(id, Outcome::open)));
  });
  int visits = 0;
  auto visited =
      session().snapshots().for_each_snapshot({}, [&](const OpportunitySnapshot&) -> Result<void> {
        ++visits;
        return fail(ErrorCode::io, "the disk is full");
      });
  ASSERT_FALSE(visited);
  EXPECT_EQ(visited.error().message, "the disk is full");
  EXPECT_EQ(visits, 1);
}

}  // namespace
}  // namespace rearview::conformance
