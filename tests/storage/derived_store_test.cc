// DerivedStore: the engine queues every deal whose inputs change, whoever
// writes them, and keeps the live engine's contexts and analyses.
#include "conformance.h"

namespace rearview::conformance {
namespace {

class DerivedStoreConformance : public StorageConformance {
 protected:
  void SetUp() override {
    StorageConformance::SetUp();
    write_company();
    write([&](RecordWriter& records) {
      for (const char* id : {"006B", "006A"})
        ASSERT_TRUE(records.upsert(company_.deal(id, Outcome::open)));
      rederive(records);  // so that only what a test changes is derived again
    });
  }
  std::vector<QueuedDeal> queued() {
    auto deals = session().derived().queued_deals();
    EXPECT_TRUE(deals) << deals.error().message;
    return deals.value_or(std::vector<QueuedDeal>{});
  }
  void dequeue_everything() {
    auto seen = queued();
    write([&](RecordWriter&) { ASSERT_TRUE(session().derived().dequeue(seen)); });
    ASSERT_TRUE(queued().empty());
  }
  std::vector<Id> queued_ids() {
    std::vector<Id> ids;
    for (const auto& deal : queued()) ids.push_back(deal.opportunity_id);
    return ids;
  }
};
REARVIEW_FOR_EVERY_ENGINE(DerivedStoreConformance);

TEST_P(DerivedStoreConformance, NewDealsAreQueuedInIdOrder) {
  EXPECT_EQ(queued_ids(), (std::vector<Id>{"006A", "006B"}));
  EXPECT_EQ(session().derived().queued_count(), 2);
}

TEST_P(DerivedStoreConformance, EveryKindOfInputQueuesItsDeal) {
  dequeue_everything();
  auto expect_queues = [&](const char* what, const std::function<void(WriteTransaction&)>& change) {
    auto transaction = session().write_transaction();
    ASSERT_TRUE(transaction);
    change(*transaction);
    ASSERT_TRUE(transaction->commit());
    EXPECT_EQ(queued_ids(), std::vector<Id>{"006A"}) << what;
    dequeue_everything();
  };
  Opportunity renamed = company_.deal("006A", Outcome::open);
  renamed.name = "Renamed";
  expect_queues("the record",
                [&](WriteTransaction& t) { ASSERT_TRUE(t.records().upsert(renamed)); });
  expect_queues("history", [&](WriteTransaction& t) {
    ASSERT_TRUE(t.records().upsert(OpportunityHistoryRow{
        .id = "008A", .opportunity_id = "006A", .changed_at = at("2024-01-02")}));
  });
  expect_queues("a field change", [&](WriteTransaction& t) {
    ASSERT_TRUE(t.records().upsert(FieldChange{.id = "017A",
                                               .opportunity_id = "006A",
                                               .field = "Amount",
                                               .changed_at = at("2024-01-02")}));
  });
  expect_queues("a contact role", [&](WriteTransaction& t) {
    ASSERT_TRUE(t.records().upsert(
        ContactRole{.id = "00KA", .opportunity_id = "006A", .contact_id = "003P"}));
  });
  expect_queues("an interaction", [&](WriteTransaction& t) {
    ASSERT_TRUE(t.records().upsert(
        Interaction{.id = "00TA", .links = {crm_link("006A")}, .occurred_at = at("2024-01-03")}));
  });
  expect_queues("a milestone", [&](WriteTransaction& t) {
    ASSERT_TRUE(t.milestones().record_milestone(
        "006A", {"Discovery", "pain", "true", at("2024-01-04"), "", "user"}));
  });
  expect_queues("derived stage entries", [&](WriteTransaction& t) {
    ASSERT_TRUE(t.records().upsert(OpportunityHistoryRow{
        .id = "008B", .opportunity_id = "006A", .changed_at = at("2024-01-05")}));
    rederive(t.records());
  });
}

TEST_P(DerivedStoreConformance, ADealChangedAgainAfterItWasSeenStaysQueued) {
  auto seen = queued();
  Opportunity renamed = company_.deal("006A", Outcome::open);
  renamed.name = "Renamed";
  write([&](RecordWriter& records) { ASSERT_TRUE(records.upsert(renamed)); });
  write([&](RecordWriter&) { ASSERT_TRUE(session().derived().dequeue(seen)); });
  EXPECT_EQ(queued_ids(), std::vector<Id>{"006A"});
}

TEST_P(DerivedStoreConformance, ContextsAndAnalysesComeBackAsTheyWereSaved) {
  StoredContext context{.cohort_key = "",
                        .version = 3,
                        .inputs_fingerprint = 0xfedcba9876543210ULL,
                        .built_at = at("2024-05-01T10:00:00Z"),
                        .closed_deals = 120,
                        .cohort = R"({"deals": 40})",
                        .model = std::string("\0model\xff bytes", 13),
                        .model_description = "learned"};
  StoredAnalysis analysis{.opportunity_id = "006A",
                          .context_version = 3,
                          .computed_at = at("2024-05-01T10:05:00Z"),
                          .outcome = Outcome::open,
                          .health_score = 0.25,
                          .analysis = R"({"tells": []})"};
  write([&](RecordWriter&) {
    ASSERT_TRUE(session().derived().save_context(context));
    ASSERT_TRUE(session().derived().save_analysis(analysis));
    ASSERT_TRUE(
        session().derived().save_analysis({.opportunity_id = "006B", .context_version = 2}));
  });
  auto loaded = session().derived().context("");
  ASSERT_TRUE(loaded && *loaded);
  EXPECT_EQ((*loaded)->version, 3);
  EXPECT_EQ((*loaded)->inputs_fingerprint, context.inputs_fingerprint);
  EXPECT_EQ((*loaded)->built_at, context.built_at);
  EXPECT_EQ((*loaded)->closed_deals, 120);
  EXPECT_EQ((*loaded)->cohort, context.cohort);
  EXPECT_EQ((*loaded)->model, context.model);
  EXPECT_EQ((*loaded)->model_description, "learned");
  EXPECT_FALSE(*session().derived().context("type Renewal"));
  auto stored = session().derived().analysis("006A");
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->computed_at, analysis.computed_at);
  EXPECT_EQ((*stored)->health_score, 0.25);
  EXPECT_EQ((*stored)->analysis, analysis.analysis);
  EXPECT_FALSE((*session().derived().analysis("006B"))->health_score);
  EXPECT_EQ(session().derived().stale_analyses(3), 1);
}

}  // namespace
}  // namespace rearview::conformance
