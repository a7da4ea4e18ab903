// The tells-we-missed table: per tell, how often it preceded losses and wins.
#include <gtest/gtest.h>

#include <functional>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/backtest.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"

namespace rearview {
namespace {

PostmortemReport closed_report(Outcome outcome,
                               const std::vector<std::pair<std::string, double>>& tells) {
  PostmortemReport report;
  report.opportunity.outcome = outcome;
  for (const auto& [kind, days_before_close] : tells)
    report.tells.push_back(Tell{.kind = kind, .days_before_close = days_before_close});
  return report;
}

const TellBacktestRow& row_of(const std::vector<TellBacktestRow>& rows, const std::string& kind) {
  for (const auto& row : rows)
    if (row.kind == kind) return row;
  throw std::runtime_error("no row for " + kind);
}

TEST(TellBacktest, CountsEachDealOnceWithItsEarliestFiring) {
  TellBacktest backtest;
  backtest.add(
      closed_report(Outcome::lost, {{"ghosted", 10}, {"ghosted", 30}, {"no_activity", 4}}));
  backtest.add(closed_report(Outcome::lost, {{"ghosted", 20}}));
  backtest.add(closed_report(Outcome::lost, {}));
  backtest.add(closed_report(Outcome::lost, {{"stalled", -2}}));  // only after the close
  backtest.add(closed_report(Outcome::won, {{"ghosted", 5}}));
  backtest.add(closed_report(Outcome::won, {}));
  backtest.add(closed_report(Outcome::open, {{"ghosted", 1}}));  // not a postmortem

  EXPECT_EQ(backtest.lost_deals(), 4);
  EXPECT_EQ(backtest.won_deals(), 2);
  auto rows = backtest.rows();
  ASSERT_EQ(rows.size(), tell_kinds().size());
  EXPECT_EQ(rows.front().kind, "no_activity");

  const TellBacktestRow& ghosted = row_of(rows, "ghosted");
  EXPECT_EQ(ghosted.lost_deals, 2);
  EXPECT_EQ(ghosted.won_deals, 1);
  EXPECT_DOUBLE_EQ(ghosted.lost_share, 0.5);
  EXPECT_DOUBLE_EQ(ghosted.won_share, 0.5);
  EXPECT_DOUBLE_EQ(ghosted.lost_median_days_before_close.value(), 25);  // 30 and 20
  EXPECT_DOUBLE_EQ(ghosted.won_median_days_before_close.value(), 5);
  EXPECT_DOUBLE_EQ(ghosted.lift.value(), 1);

  const TellBacktestRow& no_activity = row_of(rows, "no_activity");
  EXPECT_EQ(no_activity.lost_deals, 1);
  EXPECT_DOUBLE_EQ(no_activity.lost_share, 0.25);
  EXPECT_FALSE(no_activity.lift.has_value());  // never on a won deal
  EXPECT_FALSE(no_activity.won_median_days_before_close.has_value());

  const TellBacktestRow& stalled = row_of(rows, "stalled");
  EXPECT_EQ(stalled.lost_deals, 0);
  EXPECT_FALSE(stalled.lost_median_days_before_close.has_value());
}

TEST(TellBacktest, ReadsTheTellsOfAnalysedDeals) {
  AnalysisSettings settings{.stages = default_stages()};
  const Timestamp created = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / 1 / 1}};
  SnapshotBuilder silent("silent", created);
  silent.contact("alex", "Alex Buyer").stage("Prospecting", 0).email_from("alex", 1).lost(40);
  SnapshotBuilder busy("busy", created);
  busy.contact("alex", "Alex Buyer").stage("Prospecting", 0);
  for (int day = 1; day < 40; day += 5) busy.meeting({"alex"}, day);
  busy.won(40);
  settings.as_of = created + std::chrono::days{100};

  TellBacktest backtest;
  for (const auto* builder : {&silent, &busy})
    backtest.add(analyze(builder->build(), WonCohort(), HealthModel::rules(), settings));
  // rows() returns a copy: keep it, so the row referred to outlives the line.
  const std::vector<TellBacktestRow> rows = backtest.rows();
  const TellBacktestRow& no_activity = row_of(rows, "no_activity");
  EXPECT_EQ(no_activity.lost_deals, 1);
  EXPECT_EQ(no_activity.won_deals, 0);
  EXPECT_DOUBLE_EQ(no_activity.lost_median_days_before_close.value(), 25);  // fired on day 15
}

TEST(TellKinds, ListsEveryTellOnce) {
  EXPECT_EQ(tell_kinds(), (std::vector<std::string>{"no_activity", "ghosted", "single_threaded",
                                                    "no_senior_contact", "close_date_pushed",
                                                    "stalled", "close_date_overdue",
                                                    "amount_decreased", "no_next_meeting",
                                                    "competitor_named", "red_flag",
                                                    "topic_not_discussed"}));
}

OpportunitySnapshot closed_deal(const std::string& id, Outcome outcome,
                                const std::function<void(SnapshotBuilder&)>& said) {
  SnapshotBuilder builder(id, Timestamp{std::chrono::sys_days{std::chrono::year{2024} /
                                                              std::chrono::January / 1}});
  builder.stage("Prospecting", 0).contact("alex", "Alex Buyer");
  said(builder);
  if (outcome == Outcome::won) builder.won(20);
  else builder.lost(20);
  return builder.build();
}

TEST(PhraseBacktest, CountsEachDealOncePerTrackerAndPhraseBeforeTheClose) {
  PhraseBacktest backtest;
  backtest.add(closed_deal("lost-1", Outcome::lost, [](SnapshotBuilder& deal) {
    deal.email_from("alex", 3).tracked("red flags", "too expensive").tracked("pricing", "price");
    deal.email_from("alex", 4).tracked("red flags", "budget cut").tracked("red flags", "too expensive");
  }));
  backtest.add(closed_deal("lost-2", Outcome::lost, [](SnapshotBuilder& deal) {
    deal.email_from("alex", 2).tracked("red flags", "Too Expensive");
  }));
  backtest.add(closed_deal("lost-3", Outcome::lost, [](SnapshotBuilder& deal) {
    deal.email_from("alex", 30).tracked("red flags", "too expensive");  // after the close
  }));
  backtest.add(closed_deal("won-1", Outcome::won, [](SnapshotBuilder& deal) {
    deal.email_from("alex", 5).tracked("pricing", "price");
  }));
  backtest.add(closed_deal("won-2", Outcome::won, [](SnapshotBuilder&) {}));
  SnapshotBuilder open("open", Timestamp{});
  open.email_from("alex", 1).tracked("red flags", "too expensive");
  backtest.add(open.build());  // not closed: says nothing yet

  EXPECT_EQ(backtest.lost_deals(), 3);
  EXPECT_EQ(backtest.won_deals(), 2);
  auto rows = backtest.rows();
  ASSERT_EQ(rows.size(), 5u);
  auto expect_row = [&](std::size_t i, const char* tracker, const char* phrase, long long lost,
                        long long won, std::optional<double> lift) {
    SCOPED_TRACE(i);
    EXPECT_EQ(rows[i].tracker, tracker);
    EXPECT_EQ(rows[i].phrase, phrase);
    EXPECT_EQ(rows[i].lost_deals, lost);
    EXPECT_EQ(rows[i].won_deals, won);
    EXPECT_DOUBLE_EQ(rows[i].lost_share, lost / 3.0);
    EXPECT_DOUBLE_EQ(rows[i].won_share, won / 2.0);
    EXPECT_EQ(rows[i].lift.has_value(), lift.has_value());
    if (lift && rows[i].lift) EXPECT_NEAR(*rows[i].lift, *lift, 1e-9);
  };
  expect_row(0, "pricing", "", 1, 1, (1 / 3.0) / (1 / 2.0));
  expect_row(1, "pricing", "price", 1, 1, (1 / 3.0) / (1 / 2.0));
  expect_row(2, "red flags", "", 2, 0, std::nullopt);
  expect_row(3, "red flags", "too expensive", 2, 0, std::nullopt);  // either case, one phrase
  expect_row(4, "red flags", "budget cut", 1, 0, std::nullopt);
}

}  // namespace
}  // namespace rearview
