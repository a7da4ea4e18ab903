// The live engine over a generated company: the first refresh analyses every
// deal; afterwards only the deals whose inputs changed are analysed again,
// unless closed deals or the settings changed; a stored context analyses a
// deal exactly as one built from the deals.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "rearview/core/settings.h"
#include "rearview/generate/generator.h"
#include "rearview/importers/import.h"
#include "rearview/report/render.h"
#include "rearview/service/live_engine.h"
#include "rearview/service/postmortems.h"
#include "test_support.h"

namespace rearview {
namespace {

using service::FixedClock;

const Timestamp kNow = *parse_timestamp("2026-06-01T12:00:00Z");

class LiveEngine : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(generate_company({.out_dir = folder_ / "export", .opportunities = 150, .seed = 9})
                    .has_value());
    auto opened = service::open_session(folder_ / "rearview.db", OpenMode::create_if_missing);
    ASSERT_TRUE(opened.has_value());
    opened_ = std::move(*opened);
    auto imported = import_salesforce(session(), default_settings(), folder_ / "export", {});
    ASSERT_TRUE(imported && imported->committed);
  }

  Session& session() { return *opened_.session; }

  // Runs `write` in a write transaction and commits it.
  void write(const std::function<void(WriteTransaction&)>& write) {
    auto transaction = session().write_transaction();
    ASSERT_TRUE(transaction.has_value());
    write(*transaction);
    ASSERT_TRUE(transaction->commit().has_value());
  }

  service::RefreshResult refreshed(const Settings& settings = default_settings()) {
    auto result = service::refresh(session(), settings, clock_);
    EXPECT_TRUE(result.has_value()) << result.error().message;
    return result.value_or(service::RefreshResult{});
  }

  long long deals() {
    auto counts = session().deals().counts();
    return counts->opportunities_open + counts->opportunities_won + counts->opportunities_lost;
  }

  // An open deal's id, from the store's own listing.
  Id open_deal() {
    Id found;
    auto visited = session().snapshots().for_each_snapshot(
        DealFilter{.outcome = OutcomeFilter::open},
        [&](const OpportunitySnapshot& deal) -> Result<void> {
          if (found.empty()) found = deal.opportunity.id;
          return {};
        });
    EXPECT_TRUE(visited && !found.empty());
    return found;
  }

  void add_note(const Id& opportunity_id, const std::string& id) {
    Interaction note{.id = id,
                     .kind = InteractionKind::note,
                     .links = {crm_link(opportunity_id)},
                     .subject = "call notes",
                     .occurred_at = kNow - std::chrono::hours(1)};
    write([&](WriteTransaction& transaction) {
      ASSERT_TRUE(transaction.records().upsert(note).has_value());
    });
  }

  testing::TemporaryDirectory folder_;
  service::DatabaseSession opened_;
  FixedClock clock_{kNow};
};

TEST_F(LiveEngine, FirstRefreshAnalysesEveryDealAndEmptiesTheQueue) {
  EXPECT_EQ(*session().derived().queued_count(), deals());
  auto first = refreshed();
  EXPECT_TRUE(first.context_rebuilt);
  EXPECT_EQ(first.context_version, 1);
  EXPECT_EQ(first.analysed, deals());
  EXPECT_EQ(*session().derived().queued_count(), 0);
  EXPECT_EQ(*session().derived().stale_analyses(1), 0);
}

TEST_F(LiveEngine, RefreshWithNothingChangedAnalysesNothing) {
  refreshed();
  auto again = refreshed();
  EXPECT_FALSE(again.context_rebuilt);
  EXPECT_EQ(again.analysed, 0);
  EXPECT_EQ(again.context_version, 1);
}

TEST_F(LiveEngine, NewInteractionOnAnOpenDealReanalysesThatDealOnly) {
  refreshed();
  Id deal = open_deal();
  add_note(deal, "note-live-1");
  EXPECT_EQ(*session().derived().queued_count(), 1);
  FixedClock later(kNow + std::chrono::hours(2));
  auto result = service::refresh(session(), default_settings(), later);
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->context_rebuilt);
  EXPECT_EQ(result->analysed, 1);
  EXPECT_EQ(result->context_version, 1);
  auto stored = session().derived().analysis(deal);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->computed_at, kNow + std::chrono::hours(2));
}

TEST_F(LiveEngine, MilestoneQueuesItsDeal) {
  refreshed();
  Id deal = open_deal();
  write([&](WriteTransaction& transaction) {
    ASSERT_TRUE(transaction.milestones()
                    .record_milestone(deal, {"Prospecting", "intro", "true", kNow, "ae", "user"})
                    .has_value());
  });
  auto queued = session().derived().queued_deals();
  ASSERT_TRUE(queued.has_value());
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ(queued->front().opportunity_id, deal);
}

TEST_F(LiveEngine, ClosingADealRelearnsTheCohortAndTheModel) {
  refreshed();
  auto snapshot = session().snapshots().snapshot(open_deal());
  ASSERT_TRUE(snapshot && *snapshot);
  Opportunity won = (*snapshot)->opportunity;
  won.outcome = Outcome::won;
  won.stage = "Closed Won";
  write([&](WriteTransaction& transaction) {
    ASSERT_TRUE(transaction.records().upsert(won).has_value());
  });
  auto result = refreshed();
  EXPECT_TRUE(result.context_rebuilt);
  EXPECT_EQ(result.rebuilt_because, "closed deals changed");
  EXPECT_EQ(result.context_version, 2);
  EXPECT_EQ(result.analysed, deals());
}

TEST_F(LiveEngine, LateActivityOnAClosedDealReanalysesItWithoutRelearning) {
  refreshed();
  Id closed;
  ASSERT_TRUE(
      session().snapshots().for_each_snapshot(DealFilter{.outcome = OutcomeFilter::closed},
                                              [&](const OpportunitySnapshot& deal) -> Result<void> {
                                                if (closed.empty()) closed = deal.opportunity.id;
                                                return {};
                                              }));
  add_note(closed, "note-late-1");
  auto result = refreshed();
  EXPECT_FALSE(result.context_rebuilt);
  EXPECT_EQ(result.analysed, 1);
}

TEST_F(LiveEngine, ChangedSettingsRebuildTheContext) {
  refreshed();
  Settings stricter = default_settings();
  stricter.tells.ghosted_days = 3;
  auto result = refreshed(stricter);
  EXPECT_TRUE(result.context_rebuilt);
  EXPECT_EQ(result.rebuilt_because, "the settings or rearview changed");
}

TEST_F(LiveEngine, DealQueuedAgainWhileBeingAnalysedStaysQueued) {
  refreshed();
  Id deal = open_deal();
  add_note(deal, "note-live-2");
  auto seen = session().derived().queued_deals();
  ASSERT_TRUE(seen && seen->size() == 1);
  add_note(deal, "note-live-3");  // arrives while the first change is being analysed
  write([&](WriteTransaction&) { ASSERT_TRUE(session().derived().dequeue(*seen).has_value()); });
  EXPECT_EQ(*session().derived().queued_count(), 1);
}

std::string json_without_model_label(const PostmortemReport& report) {
  auto json = boost::json::parse(render_json(report)).as_object();
  json.erase("health_model");
  return boost::json::serialize(json);
}

TEST_F(LiveEngine, StoredContextAnalysesEveryDealAsTheBuiltOne) {
  refreshed();
  auto stored = service::current_context(session(), default_settings(), kNow);
  auto built = service::build_analysis_context(session().snapshots(), session().stage_catalogue(),
                                               default_settings(), kNow);
  ASSERT_TRUE(stored && built);
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(built->version, 0);
  SnapshotSource& snapshots = session().snapshots();
  auto visited = snapshots.for_each_snapshot(
      DealFilter{}, [&](const OpportunitySnapshot& deal) -> Result<void> {
        auto from_stored = service::postmortem(snapshots, *stored, deal.opportunity.id, kNow);
        auto from_built = service::postmortem(snapshots, *built, deal.opportunity.id, kNow);
        EXPECT_EQ(json_without_model_label(*from_stored), json_without_model_label(*from_built))
            << deal.opportunity.id;
        EXPECT_NE(from_stored->health_model.find("version 1"), std::string::npos);
        return {};
      });
  ASSERT_TRUE(visited.has_value());
}

TEST_F(LiveEngine, QueuedClosedDealMakesTheStoredContextStaleForReaders) {
  refreshed();
  auto snapshot = session().snapshots().snapshot(open_deal());
  Opportunity lost = (*snapshot)->opportunity;
  lost.outcome = Outcome::lost;
  lost.stage = "Closed Lost";
  write([&](WriteTransaction& transaction) {
    ASSERT_TRUE(transaction.records().upsert(lost).has_value());
  });
  auto context = service::current_context(session(), default_settings(), kNow);
  ASSERT_TRUE(context.has_value());
  EXPECT_EQ(context->version, 0) << "built from the deals, not the stored version 1";
}

// Every figure of the back-test, one line per tell, to compare two back-tests.
std::string backtest_figures(const TellBacktest& backtest) {
  std::string text = fmt::format("{} lost, {} won\n", backtest.lost_deals(), backtest.won_deals());
  auto days = [](const std::optional<double>& value) {
    return value ? fmt::format("{:.6f}", *value) : std::string("-");
  };
  for (const auto& row : backtest.rows())
    text += fmt::format("{} {} {} {} {} {}\n", row.kind, row.lost_deals, row.won_deals,
                        days(row.lost_median_days_before_close),
                        days(row.won_median_days_before_close), days(row.lift));
  return text;
}

class StoredTells : public LiveEngine {
 protected:
  // The back-test as `rearview tells` runs it, a week after the refresh.
  std::string tells_now() {
    auto context = service::current_context(session(), default_settings(), kLater);
    EXPECT_TRUE(context.has_value());
    EXPECT_EQ(context->version, 1) << "the stored context";
    auto backtest = service::backtest_tells(session(), *context);
    EXPECT_TRUE(backtest.has_value()) << backtest.error().message;
    return backtest ? backtest_figures(*backtest) : "";
  }

  // Every closed deal analysed again from its snapshot.
  std::string tells_analysed_again() {
    auto built = service::build_analysis_context(session().snapshots(), session().stage_catalogue(),
                                                 default_settings(), kLater);
    EXPECT_TRUE(built.has_value());
    auto backtest = service::backtest_tells(session().snapshots(), *built);
    EXPECT_TRUE(backtest.has_value());
    return backtest ? backtest_figures(*backtest) : "";
  }

  // A lost deal on which at least one tell fired before the close.
  Id lost_deal_with_tells() {
    Id found;
    auto visited = session().snapshots().for_each_snapshot(
        DealFilter{.outcome = OutcomeFilter::lost},
        [&](const OpportunitySnapshot& deal) -> Result<void> {
          auto stored = session().derived().analysis(deal.opportunity.id);
          if (found.empty() && stored && *stored &&
              (*stored)->analysis.find("\"days_before_close\":") != std::string::npos &&
              (*stored)->analysis.find("\"tells\":[]") == std::string::npos)
            found = deal.opportunity.id;
          return {};
        });
    EXPECT_TRUE(visited && !found.empty());
    return found;
  }

  // Overwrites a deal's stored analysis with one that has no tells.
  void store_without_tells(const Id& deal) {
    auto stored = session().derived().analysis(deal);
    ASSERT_TRUE(stored && *stored);
    auto json = boost::json::parse((*stored)->analysis).as_object();
    json["tells"] = boost::json::array();
    StoredAnalysis edited = **stored;
    edited.analysis = boost::json::serialize(json);
    write([&](WriteTransaction&) {
      ASSERT_TRUE(session().derived().save_analysis(edited).has_value());
    });
  }

  const Timestamp kLater = kNow + std::chrono::days(7);
};

TEST_F(StoredTells, TellsFromTheStoredAnalysesEqualTellsFromAnalysingEveryClosedDeal) {
  refreshed();
  std::string stored = tells_now();
  EXPECT_EQ(stored, tells_analysed_again());
  auto counts = session().deals().counts();
  EXPECT_NE(stored.find(fmt::format("{} lost, {} won", counts->opportunities_lost,
                                    counts->opportunities_won)),
            std::string::npos)
      << stored;
}

TEST_F(StoredTells, TellsAreReadFromTheStoredAnalyses) {
  refreshed();
  std::string before = tells_now();
  store_without_tells(lost_deal_with_tells());
  EXPECT_NE(tells_now(), before) << "a stored analysis without tells changes the back-test";
}

TEST_F(StoredTells, TellsAreAnalysedAgainWhileADealIsQueued) {
  refreshed();
  Id deal = lost_deal_with_tells();
  store_without_tells(deal);
  add_note(deal, "note-after-the-loss");  // queues the deal: its stored analysis is out of date
  EXPECT_EQ(tells_now(), tells_analysed_again());
}

}  // namespace
}  // namespace rearview

namespace rearview {
namespace {

// A cohort's figures, one line each, to compare two cohorts.
std::string cohort_figures(const WonCohort& cohort) {
  const auto& summaries = cohort.summaries();
  auto distribution = [](const Distribution& d) {
    return fmt::format("{:.6f} {:.6f} {:.6f} {}", d.median_days, d.p25_days, d.p75_days, d.deals);
  };
  std::string text = fmt::format("{} deals, {} excluded, mean {:.6f}\n", cohort.deals(),
                                 cohort.excluded(), summaries.cycle_mean_days);
  if (summaries.cycle) text += "cycle " + distribution(*summaries.cycle) + "\n";
  for (const auto& [stage, days] : summaries.stages) text += stage + " " + distribution(days) + "\n";
  return text;
}

class StoredCohorts : public LiveEngine {
 protected:
  // The comparison cohort a report narrowed to New Business uses.
  std::string cohort_now() {
    auto context = service::current_context(session(), default_settings(), kNow, kNewBusiness);
    EXPECT_TRUE(context.has_value());
    return context ? cohort_figures(context->cohort) : "";
  }

  std::string cohort_built() {
    auto built = service::build_analysis_context(session().snapshots(), session().stage_catalogue(),
                                                 default_settings(), kNow, kNewBusiness);
    EXPECT_TRUE(built.has_value());
    return built ? cohort_figures(built->cohort) : "";
  }

  std::optional<StoredContext> stored_narrowed() {
    auto keys = session().derived().cohort_keys();
    EXPECT_TRUE(keys && keys->size() == 1u);
    if (!keys || keys->empty()) return std::nullopt;
    return session().derived().context(keys->front()).value_or(std::nullopt);
  }

  const service::CohortFilter kNewBusiness{.type = "New Business"};
};

TEST_F(StoredCohorts, RefreshKeepsANarrowedCohortThatReportsThenRead) {
  auto first = service::refresh(session(), default_settings(), clock_, {}, {kNewBusiness});
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->cohorts_refreshed, 1);
  auto stored = stored_narrowed();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 1);
  std::string now = cohort_now();
  EXPECT_EQ(now, cohort_built());
  EXPECT_EQ(now.find("0 deals"), std::string::npos) << "some won deals are New Business";
  // Stored, then read: a stored cohort that says otherwise is what reports use.
  auto json = boost::json::parse(stored->cohort).as_object();
  json["deals"] = 4321;
  stored->cohort = boost::json::serialize(json);
  write([&](WriteTransaction&) { ASSERT_TRUE(session().derived().save_context(*stored)); });
  EXPECT_EQ(cohort_now().rfind("4321 deals", 0), 0u) << cohort_now();
}

TEST_F(StoredCohorts, AKeptCohortIsComputedAgainWhenClosedDealsChange) {
  ASSERT_TRUE(service::refresh(session(), default_settings(), clock_, {}, {kNewBusiness}));
  EXPECT_EQ(refreshed().cohorts_refreshed, 0) << "nothing changed";
  auto snapshot = session().snapshots().snapshot(open_deal());
  ASSERT_TRUE(snapshot && *snapshot);
  Opportunity won = (*snapshot)->opportunity;
  won.outcome = Outcome::won;
  won.stage = "Closed Won";
  won.type = "New Business";
  write([&](WriteTransaction& transaction) {
    ASSERT_TRUE(transaction.records().upsert(won).has_value());
  });
  auto result = refreshed();  // no filter named: the kept one is kept
  EXPECT_EQ(result.context_version, 2);
  EXPECT_EQ(result.cohorts_refreshed, 1);
  auto stored = stored_narrowed();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(cohort_now(), cohort_built());
}

}  // namespace
}  // namespace rearview
