// InteractionLinks and the links importers write: a re-import moves a CRM
// link with its record, a person's assignment outlives every re-import, and a
// failed write or assignment changes nothing.
#include "conformance.h"

namespace rearview::conformance {
namespace {

class InteractionLinksConformance : public StorageConformance {
 protected:
  void SetUp() override {
    StorageConformance::SetUp();
    write_company();
    write([&](RecordWriter& records) {
      for (const char* id : {"006A", "006B"})
        ASSERT_TRUE(records.upsert(company_.deal(id, Outcome::open)));
    });
  }

  Interaction call(const Id& crm_opportunity, const std::string& subject = "Call") {
    return Interaction{.id = "00TA",
                       .kind = InteractionKind::call,
                       .links = {crm_link(crm_opportunity)},
                       .subject = subject,
                       .occurred_at = at("2024-01-03")};
  }

  // "opportunity:method" for each link of 00TA.
  std::string links_of_the_call() {
    std::string text;
    auto transaction = session().write_transaction();
    EXPECT_TRUE(transaction);
    auto links = transaction->links().links_of("00TA");
    EXPECT_TRUE(links) << links.error().message;
    for (const auto& link : links.value_or(std::vector<InteractionLink>{}))
      text += (text.empty() ? "" : " ") + link.opportunity_id + ":" + std::string(to_string(link.method));
    return text;
  }

  // The interactions on one deal's timeline, as "id:method".
  std::string timeline_of(const Id& deal) {
    auto snapshot = session().snapshots().snapshot(deal);
    EXPECT_TRUE(snapshot && *snapshot);
    std::string text;
    if (snapshot && *snapshot)
      for (const auto& interaction : (*snapshot)->interactions)
        for (const auto& link : interaction.links)
          text += (text.empty() ? "" : " ") + interaction.id + ":" + std::string(to_string(link.method));
    return text;
  }

  Result<void> assign(const Id& interaction, const Id& opportunity) {
    auto transaction = session().write_transaction();
    if (!transaction) return std::unexpected(transaction.error());
    auto assigned = transaction->links().assign(
        interaction, InteractionLink{.opportunity_id = opportunity,
                                     .method = LinkMethod::manual,
                                     .rule = "assigned by hand",
                                     .linked_at = at("2024-02-01"),
                                     .linked_by = "Max Manager"});
    if (!assigned) return assigned;
    return transaction->commit();
  }
};
REARVIEW_FOR_EVERY_ENGINE(InteractionLinksConformance);

TEST_P(InteractionLinksConformance, ACrmLinkMovesWithItsRecord) {
  write([&](RecordWriter& records) { ASSERT_TRUE(records.upsert(call("006A"))); });
  EXPECT_EQ(timeline_of("006A"), "00TA:crm");
  write([&](RecordWriter& records) {
    EXPECT_EQ(records.upsert(call("006B")), WriteOutcome::updated);
  });
  EXPECT_EQ(links_of_the_call(), "006B:crm");
  EXPECT_EQ(timeline_of("006A"), "");
  EXPECT_EQ(timeline_of("006B"), "00TA:crm");
}

TEST_P(InteractionLinksConformance, AManualAssignmentOutlivesEveryReimport) {
  write([&](RecordWriter& records) { ASSERT_TRUE(records.upsert(call("006A"))); });
  ASSERT_TRUE(assign("00TA", "006B"));
  EXPECT_EQ(links_of_the_call(), "006B:manual");
  write([&](RecordWriter& records) {
    EXPECT_EQ(records.upsert(call("006A")), WriteOutcome::unchanged);
    EXPECT_EQ(records.upsert(call("006A", "Call, notes edited")), WriteOutcome::updated);
  });
  EXPECT_EQ(links_of_the_call(), "006B:manual") << "the CRM link is not added beside it";
  EXPECT_EQ(timeline_of("006A"), "");
  EXPECT_EQ(timeline_of("006B"), "00TA:manual");
  auto snapshot = session().snapshots().snapshot("006B");
  ASSERT_TRUE(snapshot && *snapshot);
  const InteractionLink& link = (*snapshot)->interactions.at(0).links.at(0);
  EXPECT_EQ(link.linked_by, "Max Manager");
  EXPECT_EQ(link.linked_at, at("2024-02-01"));
  EXPECT_EQ(link.rule, "assigned by hand");
}

TEST_P(InteractionLinksConformance, AnAssignmentToSomethingMissingChangesNothing) {
  write([&](RecordWriter& records) { ASSERT_TRUE(records.upsert(call("006A"))); });
  auto to_nothing = assign("00TA", "006-missing");
  ASSERT_FALSE(to_nothing);
  EXPECT_EQ(to_nothing.error().code, ErrorCode::missing_reference);
  auto of_nothing = assign("00T-missing", "006B");
  ASSERT_FALSE(of_nothing);
  EXPECT_EQ(of_nothing.error().code, ErrorCode::missing_reference);
  EXPECT_EQ(links_of_the_call(), "006A:crm");
}

TEST_P(InteractionLinksConformance, AnInteractionWithABadLinkIsNotWritten) {
  write([&](RecordWriter& records) {
    Interaction bad = call("006A");
    bad.links.push_back(crm_link("006-missing"));
    auto written = records.upsert(bad);
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, ErrorCode::missing_reference);
  });
  EXPECT_EQ(session().deals().counts()->calls, 0);
  EXPECT_EQ(timeline_of("006A"), "");
}

TEST_P(InteractionLinksConformance, AnInteractionIsFoundByItsIdOrItsSourcesId) {
  write([&](RecordWriter& records) {
    ASSERT_TRUE(records.upsert(call("006A")));
    ASSERT_TRUE(records.upsert(Interaction{.id = "mail-1",
                                           .kind = InteractionKind::email,
                                           .occurred_at = at("2024-01-04"),
                                           .source = SourceKind::mailbox,
                                           .source_id = "CAF1x@mail.acme.com"}));
  });
  auto transaction = session().write_transaction();
  ASSERT_TRUE(transaction);
  InteractionLinks& links = transaction->links();
  EXPECT_EQ(links.find_interaction("00TA").value(), std::optional<Id>("00TA"));
  EXPECT_EQ(links.find_interaction("mail-1").value(), std::optional<Id>("mail-1"));
  EXPECT_EQ(links.find_interaction("CAF1x@mail.acme.com").value(), std::optional<Id>("mail-1"));
  EXPECT_EQ(links.find_interaction("nothing@acme.com").value(), std::nullopt);
  EXPECT_TRUE(links.links_of("mail-1").value().empty()) << "read, not yet matched";
  transaction->rollback();
  EXPECT_EQ(session().deals().counts()->unlinked_interactions, 1);
}

}  // namespace
}  // namespace rearview::conformance
