// The live engine over a generated company: the first refresh analyses every
// deal; afterwards only the deals whose inputs changed are analysed again,
// unless closed deals or the settings changed; a stored context analyses a
// deal exactly as one built from the deals.
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
    auto opened = service::open_store(folder_ / "rearview.db", OpenMode::create_if_missing);
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    auto imported = import_salesforce(*store_, default_settings(), folder_ / "export", {});
    ASSERT_TRUE(imported && imported->committed);
  }

  service::RefreshResult refreshed(const Settings& settings = default_settings()) {
    auto result = service::refresh(*store_, settings, clock_);
    EXPECT_TRUE(result.has_value()) << result.error().message;
    return result.value_or(service::RefreshResult{});
  }

  long long deals() {
    auto counts = store_->counts();
    return counts->opportunities_open + counts->opportunities_won + counts->opportunities_lost;
  }

  // An open deal's id, from the store's own listing.
  Id open_deal() {
    Id found;
    auto visited = store_->for_each_snapshot(OpportunityFilter::open,
                                             [&](const OpportunitySnapshot& deal) -> Result<void> {
                                               if (found.empty()) found = deal.opportunity.id;
                                               return {};
                                             });
    EXPECT_TRUE(visited && !found.empty());
    return found;
  }

  void add_note(const Id& opportunity_id, const std::string& id) {
    ASSERT_TRUE(store_->begin().has_value());
    Interaction note{.id = id,
                     .kind = InteractionKind::note,
                     .opportunity_id = opportunity_id,
                     .subject = "call notes",
                     .occurred_at = kNow - std::chrono::hours(1)};
    ASSERT_TRUE(store_->upsert(note).has_value());
    ASSERT_TRUE(store_->commit().has_value());
  }

  testing::TemporaryDirectory folder_;
  std::unique_ptr<Store> store_;
  FixedClock clock_{kNow};
};

TEST_F(LiveEngine, FirstRefreshAnalysesEveryDealAndEmptiesTheQueue) {
  EXPECT_EQ(*store_->derived().queued_count(), deals());
  auto first = refreshed();
  EXPECT_TRUE(first.context_rebuilt);
  EXPECT_EQ(first.context_version, 1);
  EXPECT_EQ(first.analysed, deals());
  EXPECT_EQ(*store_->derived().queued_count(), 0);
  EXPECT_EQ(*store_->derived().stale_analyses(1), 0);
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
  EXPECT_EQ(*store_->derived().queued_count(), 1);
  FixedClock later(kNow + std::chrono::hours(2));
  auto result = service::refresh(*store_, default_settings(), later);
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->context_rebuilt);
  EXPECT_EQ(result->analysed, 1);
  EXPECT_EQ(result->context_version, 1);
  auto stored = store_->derived().analysis(deal);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->computed_at, kNow + std::chrono::hours(2));
}

TEST_F(LiveEngine, MilestoneQueuesItsDeal) {
  refreshed();
  Id deal = open_deal();
  ASSERT_TRUE(store_->record_milestone(deal, {"Prospecting", "intro", "true", kNow, "ae", "user"})
                  .has_value());
  auto queued = store_->derived().queued_deals();
  ASSERT_TRUE(queued.has_value());
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ(queued->front().opportunity_id, deal);
}

TEST_F(LiveEngine, ClosingADealRelearnsTheCohortAndTheModel) {
  refreshed();
  auto snapshot = store_->snapshot(open_deal());
  ASSERT_TRUE(snapshot && *snapshot);
  Opportunity won = (*snapshot)->opportunity;
  won.outcome = Outcome::won;
  won.stage = "Closed Won";
  ASSERT_TRUE(store_->begin().has_value());
  ASSERT_TRUE(store_->upsert(won).has_value());
  ASSERT_TRUE(store_->commit().has_value());
  auto result = refreshed();
  EXPECT_TRUE(result.context_rebuilt);
  EXPECT_EQ(result.rebuilt_because, "closed deals changed");
  EXPECT_EQ(result.context_version, 2);
  EXPECT_EQ(result.analysed, deals());
}

TEST_F(LiveEngine, LateActivityOnAClosedDealReanalysesItWithoutRelearning) {
  refreshed();
  Id closed;
  ASSERT_TRUE(store_->for_each_snapshot(OpportunityFilter::closed,
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
  auto seen = store_->derived().queued_deals();
  ASSERT_TRUE(seen && seen->size() == 1);
  add_note(deal, "note-live-3");  // arrives while the first change is being analysed
  ASSERT_TRUE(store_->begin().has_value());
  ASSERT_TRUE(store_->derived().dequeue(*seen).has_value());
  ASSERT_TRUE(store_->commit().has_value());
  EXPECT_EQ(*store_->derived().queued_count(), 1);
}

std::string json_without_model_label(const PostmortemReport& report) {
  auto json = boost::json::parse(render_json(report)).as_object();
  json.erase("health_model");
  return boost::json::serialize(json);
}

TEST_F(LiveEngine, StoredContextAnalysesEveryDealAsTheBuiltOne) {
  refreshed();
  auto stored = service::current_context(*store_, default_settings(), kNow);
  auto built = service::build_analysis_context(*store_, default_settings(), kNow);
  ASSERT_TRUE(stored && built);
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(built->version, 0);
  auto visited = store_->for_each_snapshot(
      OpportunityFilter::all, [&](const OpportunitySnapshot& deal) -> Result<void> {
        auto from_stored = service::postmortem(*store_, *stored, deal.opportunity.id, kNow);
        auto from_built = service::postmortem(*store_, *built, deal.opportunity.id, kNow);
        EXPECT_EQ(json_without_model_label(*from_stored), json_without_model_label(*from_built))
            << deal.opportunity.id;
        EXPECT_NE(from_stored->health_model.find("version 1"), std::string::npos);
        return {};
      });
  ASSERT_TRUE(visited.has_value());
}

TEST_F(LiveEngine, QueuedClosedDealMakesTheStoredContextStaleForReaders) {
  refreshed();
  auto snapshot = store_->snapshot(open_deal());
  Opportunity lost = (*snapshot)->opportunity;
  lost.outcome = Outcome::lost;
  lost.stage = "Closed Lost";
  ASSERT_TRUE(store_->begin().has_value());
  ASSERT_TRUE(store_->upsert(lost).has_value());
  ASSERT_TRUE(store_->commit().has_value());
  auto context = service::current_context(*store_, default_settings(), kNow);
  ASSERT_TRUE(context.has_value());
  EXPECT_EQ(context->version, 0) << "built from the deals, not the stored version 1";
}

}  // namespace
}  // namespace rearview
