// TrackerStore: which interactions the trackers must read, the hits kept for
// them, and the deals queued when, and only when, their hits change.
#include "conformance.h"

namespace rearview::conformance {
namespace {

constexpr std::uint64_t kFingerprint = 0xfeedface12345678ULL;  // above INT64_MAX too

class TrackerStoreConformance : public StorageConformance {
 protected:
  void SetUp() override {
    StorageConformance::SetUp();
    write_company();
    write([&](RecordWriter& records) {
      Opportunity deal = company_.deal("006A", Outcome::open);
      deal.competitor = "Zeta Corp";
      ASSERT_TRUE(records.upsert(deal));
      Opportunity other = company_.deal("006B", Outcome::open);
      other.competitor = "None";
      ASSERT_TRUE(records.upsert(other));
      ASSERT_TRUE(records.upsert(mail("00TB", "Second")));
      ASSERT_TRUE(records.upsert(mail("00TA", "First")));
      rederive(records);
    });
    dequeue_everything();
  }

  Interaction mail(const Id& id, const std::string& subject) {
    return Interaction{.id = id,
                       .kind = InteractionKind::email,
                       .direction = Direction::inbound,
                       .links = {crm_link("006A")},
                       .subject = subject,
                       .body = "Our budget is tight.",
                       .occurred_at = at("2024-01-03"),
                       .participants = {{.role = ParticipantRole::from,
                                         .address = "pat@acme.com",
                                         .contact_id = "003P"}}};
  }

  TrackerHit budget_hit() {
    return TrackerHit{.tracker = "budget",
                      .phrase = "budget",
                      .excerpt = "Our budget is tight.",
                      .at = at("2024-01-03T00:10:00Z"),
                      .cue_seconds = 600,
                      .speaker = "Pat Buyer",
                      .said_by = SaidBy::buyer,
                      .mentions = 2};
  }

  std::vector<InteractionText> to_scan(std::uint64_t fingerprint) {
    std::vector<InteractionText> texts;
    auto visited = session().trackers().for_each_interaction_to_scan(
        fingerprint, [&](const InteractionText& text) -> Result<void> {
          texts.push_back(text);
          return {};
        });
    EXPECT_TRUE(visited) << visited.error().message;
    auto counted = session().trackers().interactions_to_scan(fingerprint);
    EXPECT_TRUE(counted);
    EXPECT_EQ(counted.value_or(-1), static_cast<long long>(texts.size()));
    return texts;
  }

  void save(const Id& id, const std::vector<TrackerHit>& hits,
            std::uint64_t fingerprint = kFingerprint) {
    write([&](RecordWriter&) {
      auto saved = session().trackers().save_hits(id, fingerprint, hits);
      ASSERT_TRUE(saved) << saved.error().message;
    });
  }

  long long queued() { return session().derived().queued_count().value_or(-1); }
  void dequeue_everything() {
    auto seen = session().derived().queued_deals();
    ASSERT_TRUE(seen);
    write([&](RecordWriter&) { ASSERT_TRUE(session().derived().dequeue(*seen)); });
  }
};
REARVIEW_FOR_EVERY_ENGINE(TrackerStoreConformance);

TEST_P(TrackerStoreConformance, EveryNewInteractionIsToScanInIdOrderWithItsText) {
  auto texts = to_scan(kFingerprint);
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_EQ(texts[0].id, "00TA");
  EXPECT_EQ(texts[1].id, "00TB");
  EXPECT_EQ(texts[0].subject, "First");
  EXPECT_EQ(texts[0].body, "Our budget is tight.");
  EXPECT_EQ(texts[0].direction, Direction::inbound);
  EXPECT_EQ(texts[0].occurred_at, at("2024-01-03"));
  ASSERT_EQ(texts[0].participants.size(), 1u);
  EXPECT_EQ(texts[0].participants[0].address, "pat@acme.com");
}

TEST_P(TrackerStoreConformance, AScannedInteractionIsNotReadAgainUntilTheTrackersOrItsTextChange) {
  save("00TA", {});
  save("00TB", {budget_hit()});
  EXPECT_TRUE(to_scan(kFingerprint).empty());
  EXPECT_EQ(to_scan(kFingerprint + 1).size(), 2u) << "other trackers: every interaction";
  write([&](RecordWriter& records) {
    Interaction changed = mail("00TB", "Second");
    changed.body = "New words.";
    ASSERT_TRUE(records.upsert(changed));
  });
  auto texts = to_scan(kFingerprint);
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts[0].id, "00TB");
  EXPECT_EQ(texts[0].body, "New words.");
}

TEST_P(TrackerStoreConformance, AnUnchangedReimportIsNotReadAgain) {
  save("00TA", {});
  save("00TB", {});
  write([&](RecordWriter& records) { ASSERT_TRUE(records.upsert(mail("00TA", "First"))); });
  EXPECT_TRUE(to_scan(kFingerprint).empty());
}

TEST_P(TrackerStoreConformance, NewHitsQueueTheDealAndTheSameHitsAgainDoNot) {
  save("00TA", {budget_hit()});
  EXPECT_EQ(queued(), 1);
  dequeue_everything();
  save("00TA", {budget_hit()}, kFingerprint + 1);
  EXPECT_EQ(queued(), 0) << "the same hits under new trackers change nothing";
  save("00TB", {});
  EXPECT_EQ(queued(), 0) << "no hits where there were none";
  TrackerHit more = budget_hit();
  more.mentions = 3;
  save("00TA", {more});
  EXPECT_EQ(queued(), 1);
  dequeue_everything();
  save("00TA", {});
  EXPECT_EQ(queued(), 1) << "hits gone";
}

TEST_P(TrackerStoreConformance, TheSnapshotCarriesEveryHitInFull) {
  TrackerHit ours{.tracker = "pricing",
                  .phrase = "price",
                  .excerpt = "the price <b>",
                  .at = at("2024-01-03"),
                  .said_by = SaidBy::ours};
  save("00TA", {budget_hit(), ours});
  auto snapshot = session().snapshots().snapshot("006A");
  ASSERT_TRUE(snapshot && *snapshot);
  const auto& interactions = (*snapshot)->interactions;
  auto first = std::find_if(interactions.begin(), interactions.end(),
                            [](const Interaction& i) { return i.id == "00TA"; });
  ASSERT_NE(first, interactions.end());
  ASSERT_EQ(first->tracker_hits.size(), 2u);
  const TrackerHit& hit = first->tracker_hits[0];
  EXPECT_EQ(hit.tracker, "budget");
  EXPECT_EQ(hit.phrase, "budget");
  EXPECT_EQ(hit.excerpt, "Our budget is tight.");
  EXPECT_EQ(hit.at, at("2024-01-03T00:10:00Z"));
  EXPECT_EQ(hit.cue_seconds, 600);
  EXPECT_EQ(hit.speaker, "Pat Buyer");
  EXPECT_EQ(hit.said_by, SaidBy::buyer);
  EXPECT_EQ(hit.mentions, 2);
  EXPECT_EQ(first->tracker_hits[1].excerpt, "the price <b>");
  EXPECT_FALSE(first->tracker_hits[1].cue_seconds);
  EXPECT_EQ(first->tracker_hits[1].said_by, SaidBy::ours);
  for (const auto& interaction : interactions)
    if (interaction.id == "00TB") EXPECT_TRUE(interaction.tracker_hits.empty());
}

TEST_P(TrackerStoreConformance, TheCompetitorFieldsValuesEachOnce) {
  auto values = session().trackers().competitor_field_values();
  ASSERT_TRUE(values) << values.error().message;
  EXPECT_EQ(*values, (std::vector<std::string>{"None", "Zeta Corp"}));
}

}  // namespace
}  // namespace rearview::conformance
