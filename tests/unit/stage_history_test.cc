#include <gtest/gtest.h>

#include "rearview/core/stage_history.h"

namespace rearview {
namespace {

Timestamp at(std::string_view text) { return *parse_timestamp(text); }

bool closed(std::string_view stage) { return stage.starts_with("Closed"); }

OpportunityHistoryRow snapshot(std::string stage, std::string_view time, long long sequence) {
  OpportunityHistoryRow row;
  row.stage = std::move(stage);
  row.changed_at = at(time);
  row.sequence = sequence;
  return row;
}

std::vector<std::string> stages_of(const StageEntriesAndClose& derived) {
  std::vector<std::string> names;
  for (const auto& entry : derived.entries) names.push_back(entry.stage);
  return names;
}

TEST(DeriveStageEntries, CountsTheCreationStageAndEveryChange) {
  OpportunityForDerivation deal{.id = "006A", .stage = "Closed Won", .outcome = Outcome::won};
  deal.history = {snapshot("Prospecting", "2024-01-01", 1),
                  snapshot("Prospecting", "2024-01-05", 2),  // only the amount changed
                  snapshot("Proposal/Price Quote", "2024-02-01", 3),
                  snapshot("Closed Won", "2024-03-01T10:00:00Z", 4)};
  auto derived = derive_stage_entries(deal, closed);
  EXPECT_EQ(stages_of(derived),
            (std::vector<std::string>{"Prospecting", "Proposal/Price Quote", "Closed Won"}));
  ASSERT_TRUE(derived.closed_at);
  EXPECT_EQ(format_timestamp(*derived.closed_at), "2024-03-01T10:00:00Z");
}

TEST(DeriveStageEntries, AReopenedDealClosesTheLastTime) {
  OpportunityForDerivation deal{.id = "006B", .stage = "Closed Lost", .outcome = Outcome::lost};
  deal.history = {snapshot("Qualification", "2024-01-01", 1),
                  snapshot("Closed Lost", "2024-02-01", 2),
                  snapshot("Negotiation/Review", "2024-03-01", 3),
                  snapshot("Closed Lost", "2024-04-01", 4)};
  auto derived = derive_stage_entries(deal, closed);
  EXPECT_EQ(derived.entries.size(), 4u);
  EXPECT_EQ(format_timestamp(*derived.closed_at), "2024-04-01T00:00:00Z");
}

TEST(DeriveStageEntries, MovesBackwardsAreEntriesToo) {
  OpportunityForDerivation deal{.id = "006C", .stage = "Value Proposition", .outcome = Outcome::open};
  deal.history = {snapshot("Value Proposition", "2024-01-01", 1),
                  snapshot("Qualification", "2024-01-10", 2),
                  snapshot("Value Proposition", "2024-01-20", 3)};
  auto derived = derive_stage_entries(deal, closed);
  EXPECT_EQ(derived.entries.size(), 3u);
  EXPECT_EQ(derived.entries[2].sequence, 2);
  EXPECT_FALSE(derived.closed_at);
}

TEST(DeriveStageEntries, EqualTimesKeepTheExportOrderGivenByTheStore) {
  OpportunityForDerivation deal{.id = "006D", .stage = "Closed Won", .outcome = Outcome::won};
  deal.history = {snapshot("Prospecting", "2024-01-01", 7), snapshot("Closed Won", "2024-01-01", 8)};
  auto derived = derive_stage_entries(deal, closed);
  EXPECT_EQ(stages_of(derived), (std::vector<std::string>{"Prospecting", "Closed Won"}));
}

TEST(DeriveStageEntries, WithoutHistoryAClosedDealEnteredItsStageOnTheCloseDate) {
  OpportunityForDerivation deal{.id = "006E",
                                .stage = "Closed Won",
                                .outcome = Outcome::won,
                                .created_at = at("2024-01-01T09:00:00Z"),
                                .close_date = parse_date("2024-02-15")};
  auto derived = derive_stage_entries(deal, closed);
  ASSERT_EQ(derived.entries.size(), 1u);
  EXPECT_EQ(format_timestamp(derived.entries[0].entered_at), "2024-02-15T00:00:00Z");
  EXPECT_EQ(format_timestamp(*derived.closed_at), "2024-02-15T00:00:00Z");
}

TEST(DeriveStageEntries, WithoutHistoryAnOpenDealIsInItsStageSinceCreation) {
  OpportunityForDerivation deal{.id = "006F", .stage = "Prospecting", .outcome = Outcome::open,
                                .created_at = at("2024-01-01T09:00:00Z")};
  auto derived = derive_stage_entries(deal, closed);
  ASSERT_EQ(derived.entries.size(), 1u);
  EXPECT_EQ(derived.entries[0].entered_at, at("2024-01-01T09:00:00Z"));
  EXPECT_FALSE(derived.closed_at);
}

TEST(DeriveStageEntries, IncompleteHistoryEndsInTheCurrentStage) {
  OpportunityForDerivation deal{.id = "006G", .stage = "Closed Won", .outcome = Outcome::won,
                                .close_date = parse_date("2024-05-01"),
                                .last_stage_change_at = at("2024-04-20T12:00:00Z")};
  deal.history = {snapshot("Prospecting", "2024-01-01", 1)};
  auto derived = derive_stage_entries(deal, closed);
  EXPECT_EQ(stages_of(derived), (std::vector<std::string>{"Prospecting", "Closed Won"}));
  EXPECT_EQ(format_timestamp(*derived.closed_at), "2024-04-20T12:00:00Z");
}

TEST(DeriveStageEntries, AClosedDealWhoseHistoryEndsOpenClosesOnItsCloseDate) {
  OpportunityForDerivation deal{.id = "006H", .stage = "Lost", .outcome = Outcome::lost,
                                .close_date = parse_date("2024-05-01")};
  deal.history = {snapshot("Prospecting", "2024-01-01", 1)};
  // "Lost" is not a closed stage for this predicate, so the history never closes.
  auto derived = derive_stage_entries(deal, closed);
  EXPECT_EQ(format_timestamp(*derived.closed_at), "2024-05-01T00:00:00Z");
}

}  // namespace
}  // namespace rearview
