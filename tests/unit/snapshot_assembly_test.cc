// The rules that put a snapshot together from stored rows, without an engine.
#include "rearview/core/snapshot_assembly.h"

#include <gtest/gtest.h>

namespace rearview {
namespace {

Timestamp at(std::string_view text) { return *parse_timestamp(text); }

const std::vector<Stage> kCatalogue = {
    {.name = "Discovery",
     .milestones = {{.key = "economic_buyer", .contact_role = "Economic Buyer"}, {.key = "pain"}}},
    {.name = "Proposal", .milestones = {{.key = "signer", .contact_role = "Economic Buyer"}}}};

OpportunitySnapshot deal_with_one_email() {
  OpportunitySnapshot deal;
  deal.opportunity.id = "006A";
  deal.opportunity.created_at = at("2024-01-01");
  deal.interactions.push_back(Interaction{.id = "02s1"});
  return deal;
}

TEST(PersonName, JoinsThePartsThereAre) {
  EXPECT_EQ(person_name("Pat", "Buyer"), "Pat Buyer");
  EXPECT_EQ(person_name("", "Buyer"), "Buyer");
  EXPECT_EQ(person_name("Pat", ""), "Pat");
  EXPECT_EQ(person_name("", ""), "");
}

TEST(SnapshotAssembler, TheFirstSourceToKnowAContactsDetailKeepsIt) {
  SnapshotAssembler assembler(kCatalogue);
  OpportunitySnapshot deal = deal_with_one_email();
  assembler.add_participant(deal, {.participant = {.address = "pat@home.org", .contact_id = "003P"},
                                   .contact_first_name = "Pat",
                                   .contact_last_name = "Buyer"});
  assembler.add_contact_role(deal, {.contact_id = "003P",
                                    .role = "Economic Buyer",
                                    .first_name = "Patricia",
                                    .last_name = "Buyer",
                                    .title = "CFO",
                                    .email = "pat@acme.com"});
  ASSERT_EQ(deal.contacts.size(), 1u);
  EXPECT_EQ(deal.contacts[0].name, "Pat Buyer");
  EXPECT_EQ(deal.contacts[0].email, "pat@home.org");
  EXPECT_EQ(deal.contacts[0].title, "CFO");  // the participant did not know it
  EXPECT_EQ(deal.contacts[0].roles, std::vector<std::string>{"Economic Buyer"});
}

TEST(SnapshotAssembler, ANamedParticipantKeepsItsNameAndAUserIsNoContact) {
  SnapshotAssembler assembler(kCatalogue);
  OpportunitySnapshot deal = deal_with_one_email();
  assembler.add_participant(deal, {.participant = {.name = "P. Buyer", .contact_id = "003P"},
                                   .contact_first_name = "Pat",
                                   .contact_last_name = "Buyer"});
  assembler.add_participant(deal, {.participant = {.user_id = "005R"}, .user_name = "Rita Rep"});
  const auto& participants = deal.interactions[0].participants;
  ASSERT_EQ(participants.size(), 2u);
  EXPECT_EQ(participants[0].name, "P. Buyer");
  EXPECT_EQ(participants[1].name, "Rita Rep");
  ASSERT_EQ(deal.contacts.size(), 1u);
  EXPECT_EQ(deal.contacts[0].name, "Pat Buyer");
}

TEST(SnapshotAssembler, ARoleAttainsEveryMilestoneThatNamesIt) {
  SnapshotAssembler assembler(kCatalogue);
  OpportunitySnapshot deal = deal_with_one_email();
  assembler.add_contact_role(deal, {.contact_id = "003P",
                                    .role = "Economic Buyer",
                                    .created_at = at("2024-02-01"),
                                    .first_name = "Pat"});
  assembler.add_contact_role(deal, {.contact_id = "003Q", .role = "Influencer"});
  ASSERT_EQ(deal.milestones.size(), 2u);
  EXPECT_EQ(deal.milestones[0].stage, "Discovery");
  EXPECT_EQ(deal.milestones[1].stage, "Proposal");
  EXPECT_EQ(deal.milestones[1].key, "signer");
  EXPECT_EQ(deal.milestones[1].attained_at, at("2024-02-01"));
  EXPECT_EQ(deal.milestones[1].attained_by, "Pat");
}

TEST(SnapshotAssembler, ARoleWithoutAnyTimeAttainsNothing) {
  SnapshotAssembler assembler(kCatalogue);
  OpportunitySnapshot deal = deal_with_one_email();
  deal.opportunity.created_at.reset();
  assembler.add_contact_role(deal, {.contact_id = "003P", .role = "Economic Buyer"});
  EXPECT_TRUE(deal.milestones.empty());
  EXPECT_EQ(deal.contacts.size(), 1u);  // still one of the deal's contacts
}

TEST(SnapshotAssembler, FinishingOrdersMilestonesByTimeKeepingTiesAsTheyCame) {
  SnapshotAssembler assembler(kCatalogue);
  OpportunitySnapshot deal = deal_with_one_email();
  deal.milestones = {{.key = "late", .attained_at = at("2024-03-01")},
                     {.key = "first of two", .attained_at = at("2024-01-01")},
                     {.key = "second of two", .attained_at = at("2024-01-01")}};
  assembler.finish(deal);
  EXPECT_EQ(deal.milestones[0].key, "first of two");
  EXPECT_EQ(deal.milestones[1].key, "second of two");
  EXPECT_EQ(deal.milestones[2].key, "late");
}

}  // namespace
}  // namespace rearview
