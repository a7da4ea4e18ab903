// DealFilter: each condition selects the deals it says, in the scan of
// snapshots and in the spans of DealQueries alike.
#include "conformance.h"

namespace rearview::conformance {
namespace {

class DealFilterConformance : public StorageConformance {
 protected:
  // Deals of every outcome, two types, custom fields and closed times:
  //   006O open, New Business                 no closed time
  //   006W won,  New Business, Segment=Enterprise, closed 2024-03-01
  //   006X won,  Renewal,      Segment=SMB,        closed 2024-04-01
  //   006Y won,  (no type),    Segment=Enterprise, closed 2024-05-01 (not Segment__c)
  //   006L lost, New Business, Segment=Enterprise, closed 2024-03-15
  void SetUp() override {
    StorageConformance::SetUp();
    write_company();
    auto deal = [&](const Id& id, Outcome outcome, std::string type, CustomFields custom) {
      Opportunity opportunity = company_.deal(id, outcome);
      opportunity.type = std::move(type);
      opportunity.custom = std::move(custom);
      return opportunity;
    };
    closed_at_ = {{"006W", at("2024-03-01")},
                  {"006X", at("2024-04-01")},
                  {"006Y", at("2024-05-01")},
                  {"006L", at("2024-03-15")}};
    write([&](RecordWriter& records) {
      for (const auto& opportunity :
           {deal("006O", Outcome::open, "New Business", {}),
            deal("006W", Outcome::won, "New Business", {{"Segment__c", "Enterprise"}}),
            deal("006X", Outcome::won, "Renewal", {{"Segment__c", "SMB"}, {"Region__c", "EMEA"}}),
            deal("006Y", Outcome::won, "", {{"Segment", "Enterprise"}}),
            deal("006L", Outcome::lost, "New Business", {{"Segment__c", "Enterprise"}})})
        ASSERT_TRUE(records.upsert(opportunity));
      rederive(records);
    });
  }

  // The ids of the deals whose spans `filter` selects, in id order.
  std::vector<Id> spans_of(const DealFilter& filter) {
    auto spans = session().deals().spans(filter);
    EXPECT_TRUE(spans) << spans.error().message;
    std::vector<Id> ids;
    for (const auto& span : spans.value_or(std::vector<OpportunitySpan>{}))
      for (const auto& [id, closed] : closed_at_)
        if (span.closed_at == closed) ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};
REARVIEW_FOR_EVERY_ENGINE(DealFilterConformance);

using Ids = std::vector<Id>;

TEST_P(DealFilterConformance, NoConditionAdmitsEveryDeal) {
  EXPECT_EQ(ids_of({}), (Ids{"006L", "006O", "006W", "006X", "006Y"}));
}

TEST_P(DealFilterConformance, ByOutcome) {
  EXPECT_EQ(ids_of({.outcome = OutcomeFilter::open}), (Ids{"006O"}));
  EXPECT_EQ(ids_of({.outcome = OutcomeFilter::closed}), (Ids{"006L", "006W", "006X", "006Y"}));
  EXPECT_EQ(ids_of({.outcome = OutcomeFilter::won}), (Ids{"006W", "006X", "006Y"}));
  EXPECT_EQ(ids_of({.outcome = OutcomeFilter::lost}), (Ids{"006L"}));
}

TEST_P(DealFilterConformance, ByTypeExactly) {
  EXPECT_EQ(ids_of({.type = "New Business"}), (Ids{"006L", "006O", "006W"}));
  EXPECT_EQ(ids_of({.type = "new business"}), Ids{});
  EXPECT_EQ(ids_of({.type = ""}), (Ids{"006Y"}));
}

TEST_P(DealFilterConformance, ByACustomFieldsValue) {
  EXPECT_EQ(ids_of({.custom_field = CustomFieldEquals{"Segment__c", "Enterprise"}}),
            (Ids{"006L", "006W"}));
  EXPECT_EQ(ids_of({.custom_field = CustomFieldEquals{"Region__c", "EMEA"}}), (Ids{"006X"}));
  EXPECT_EQ(ids_of({.custom_field = CustomFieldEquals{"Segment__c", "enterprise"}}), Ids{});
  EXPECT_EQ(ids_of({.custom_field = CustomFieldEquals{"Segment", "Enterprise"}}), (Ids{"006Y"}));
  EXPECT_EQ(ids_of({.custom_field = CustomFieldEquals{"Missing__c", ""}}), Ids{});
}

TEST_P(DealFilterConformance, ByClosedTimeFromInclusiveUntilExclusive) {
  EXPECT_EQ(ids_of({.closed_from = at("2024-03-15")}), (Ids{"006L", "006X", "006Y"}));
  EXPECT_EQ(ids_of({.closed_until = at("2024-03-15")}), (Ids{"006W"}));
  EXPECT_EQ(ids_of({.closed_from = at("2024-03-01"), .closed_until = at("2024-04-01")}),
            (Ids{"006L", "006W"}));
}

TEST_P(DealFilterConformance, ConditionsCombine) {
  EXPECT_EQ(ids_of({.outcome = OutcomeFilter::won,
                    .type = "New Business",
                    .custom_field = CustomFieldEquals{"Segment__c", "Enterprise"},
                    .closed_from = at("2024-01-01"),
                    .closed_until = at("2025-01-01")}),
            (Ids{"006W"}));
  EXPECT_EQ(ids_of({.outcome = OutcomeFilter::open, .closed_from = at("2000-01-01")}), Ids{});
}

TEST_P(DealFilterConformance, SpansTakeTheSameFilter) {
  EXPECT_EQ(spans_of({.outcome = OutcomeFilter::won}), (Ids{"006W", "006X", "006Y"}));
  EXPECT_EQ(spans_of({.outcome = OutcomeFilter::won, .type = "Renewal"}), (Ids{"006X"}));
  EXPECT_EQ(spans_of({.custom_field = CustomFieldEquals{"Segment__c", "Enterprise"}}),
            (Ids{"006L", "006W"}));
  EXPECT_EQ(spans_of({.closed_until = at("2024-03-02")}), (Ids{"006W"}));
  auto spans = session().deals().spans({.outcome = OutcomeFilter::lost});
  ASSERT_TRUE(spans);
  ASSERT_EQ(spans->size(), 1u);
  EXPECT_EQ(spans->front().created_at, at("2024-01-01T09:00:00Z"));
}

TEST_P(DealFilterConformance, ADealWithoutACreationTimeHasNoSpan) {
  write([&](RecordWriter& records) {
    Opportunity undated = company_.deal("006U", Outcome::won);
    undated.created_at.reset();
    closed_at_["006U"] = at("2024-06-01");
    ASSERT_TRUE(records.upsert(undated));
    rederive(records);
  });
  EXPECT_EQ(spans_of({.outcome = OutcomeFilter::won}), (Ids{"006W", "006X", "006Y"}));
  EXPECT_EQ(ids_of({.outcome = OutcomeFilter::won}), (Ids{"006U", "006W", "006X", "006Y"}));
}

}  // namespace
}  // namespace rearview::conformance
