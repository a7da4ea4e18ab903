// MatchingStore: the directory matching reads, the interactions it visits
// oldest first, and what it keeps: automatic links that make way for CRM and
// manual ones, and the review queue with its candidates.
#include "conformance.h"

namespace rearview::conformance {
namespace {

class MatchingStoreConformance : public StorageConformance {
 protected:
  void SetUp() override {
    StorageConformance::SetUp();
    company_.account.email_domains = {"acme.com"};
    company_.account.type = "Customer - Direct";
    write_company();
    write([&](RecordWriter& records) {
      for (const char* id : {"006A", "006B"})
        ASSERT_TRUE(records.upsert(company_.deal(id, Outcome::open)));
      ASSERT_TRUE(records.upsert(ContactRole{.id = "00KA",
                                             .opportunity_id = "006A",
                                             .contact_id = company_.buyer.id,
                                             .role = "Economic Buyer"}));
      ASSERT_TRUE(records.upsert(mail("mail:2", "2024-01-05", true)));
      ASSERT_TRUE(records.upsert(mail("mail:1", "2024-01-04", false)));
      ASSERT_TRUE(records.upsert(Interaction{.id = "00TA",
                                             .kind = InteractionKind::call,
                                             .links = {crm_link("006A")},
                                             .subject = "Call, no thread",
                                             .occurred_at = at("2024-01-02")}));
    });
  }

  static Interaction mail(const Id& id, const char* day, bool automated) {
    return Interaction{.id = id,
                       .kind = InteractionKind::email,
                       .subject = "Pricing " + id,
                       .occurred_at = at(day),
                       .thread_id = "thread-1",
                       .source = SourceKind::mailbox,
                       .source_id = id.substr(5) + "@acme.com",
                       .automated = automated,
                       .participants = {Participant{.role = ParticipantRole::from,
                                                    .address = "pat@acme.com",
                                                    .contact_id = "003P"},
                                        Participant{.role = ParticipantRole::to,
                                                    .address = "rita@seller.com",
                                                    .user_id = "005R"}}};
  }

  static MatchOutcome linked_to(const Id& interaction, const Id& opportunity,
                                const std::string& rule = "pat@acme.com is a contact") {
    return MatchOutcome{.interaction_id = interaction,
                        .status = MatchStatus::linked,
                        .link = InteractionLink{.opportunity_id = opportunity,
                                                .method = LinkMethod::contact,
                                                .score = 0.75,
                                                .rule = rule,
                                                .linked_at = at("2024-03-01"),
                                                .linked_by = "matching"}};
  }

  static MatchOutcome queued(const Id& interaction) {
    return MatchOutcome{.interaction_id = interaction,
                        .status = MatchStatus::review,
                        .reason = "2 opportunities fit about as well",
                        .candidates = {{"006B", 0.65, "open then"}, {"006A", 0.6, "open then"}}};
  }

  Result<bool> save(const MatchOutcome& outcome) {
    auto transaction = session().write_transaction();
    if (!transaction) return std::unexpected(transaction.error());
    auto saved = session().matching().save(outcome, at("2024-03-01"));
    if (saved) {
      if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    }
    return saved;
  }

  std::string links_of(const Id& interaction) {
    auto transaction = session().write_transaction();
    EXPECT_TRUE(transaction);
    std::string text;
    auto links = transaction->links().links_of(interaction);
    EXPECT_TRUE(links) << links.error().message;
    for (const auto& link : links.value_or(std::vector<InteractionLink>{}))
      text += (text.empty() ? "" : " ") + link.opportunity_id + ":" +
              std::string(to_string(link.method));
    return text;
  }
};
REARVIEW_FOR_EVERY_ENGINE(MatchingStoreConformance);

TEST_P(MatchingStoreConformance, TheDirectoryHasWhatDecidesWhereMailGoes) {
  auto directory = session().matching().directory();
  ASSERT_TRUE(directory) << directory.error().message;
  ASSERT_EQ(directory->accounts.size(), 1u);
  EXPECT_EQ(directory->accounts[0].email_domains, std::vector<std::string>{"acme.com"});
  EXPECT_EQ(directory->accounts[0].type, "Customer - Direct");
  EXPECT_EQ(directory->users.size(), 2u);
  ASSERT_EQ(directory->contacts.size(), 2u);
  EXPECT_EQ(directory->opportunities.size(), 2u);
  ASSERT_EQ(directory->contact_roles.size(), 1u);
  EXPECT_EQ(directory->contact_roles[0].opportunity_id, "006A");
  EXPECT_EQ(directory->contact_roles[0].contact_id, "003P");
}

TEST_P(MatchingStoreConformance, InteractionsAreVisitedOldestFirstWithoutCrmOnesOutsideThreads) {
  std::vector<std::string> visited;
  bool automated = false;
  auto done = session().matching().for_each_interaction([&](InteractionToMatch& interaction) {
    visited.push_back(interaction.id);
    if (interaction.id == "mail:2") automated = interaction.automated;
    EXPECT_EQ(interaction.participants.size(), 2u);
    return Result<void>{};
  });
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(visited, (std::vector<std::string>{"mail:1", "mail:2"}))
      << "the CRM call has no thread: nothing for matching to learn from it";
  EXPECT_TRUE(automated);
  EXPECT_EQ(session().matching().interaction_count().value(), 2);
}

TEST_P(MatchingStoreConformance, SavingTheSameLinkTwiceChangesNothing) {
  EXPECT_TRUE(save(linked_to("mail:1", "006A")).value());
  EXPECT_EQ(links_of("mail:1"), "006A:contact");
  EXPECT_FALSE(save(linked_to("mail:1", "006A")).value());
  EXPECT_TRUE(save(linked_to("mail:1", "006B")).value()) << "a new decision moves it";
  EXPECT_EQ(links_of("mail:1"), "006B:contact");
}

TEST_P(MatchingStoreConformance, TheReviewQueueKeepsTheCandidatesBestFirst) {
  ASSERT_TRUE(save(queued("mail:1")).value());
  auto queue = session().matching().queue(std::nullopt, 10);
  ASSERT_TRUE(queue) << queue.error().message;
  ASSERT_EQ(queue->size(), 1u);
  const QueuedInteraction& entry = queue->front();
  EXPECT_EQ(entry.source_id, "1@acme.com");
  EXPECT_EQ(entry.status, MatchStatus::review);
  ASSERT_EQ(entry.candidates.size(), 2u);
  EXPECT_EQ(entry.candidates[0].match.opportunity_id, "006B");
  EXPECT_EQ(entry.candidates[0].name, "Deal 006B");
  EXPECT_DOUBLE_EQ(entry.candidates[1].match.score, 0.6);
  EXPECT_FALSE(save(queued("mail:1")).value());
  EXPECT_TRUE(session().matching().queue(MatchStatus::unmatched, 10).value().empty());
  EXPECT_TRUE(save(linked_to("mail:1", "006A")).value());
  EXPECT_TRUE(session().matching().queue(std::nullopt, 10).value().empty())
      << "a linked interaction leaves the queue";
}

// Regression: candidates of equal (capped) scores were read back ordered by
// id, so every run found the queue entry changed and wrote it again.
TEST_P(MatchingStoreConformance, CandidatesOfEqualScoreKeepTheirOrderAndASecondSaveChangesNothing) {
  MatchOutcome tie = queued("mail:1");
  tie.candidates = {{"006B", 1.0, "newer"}, {"006A", 1.0, "older"}};
  ASSERT_TRUE(save(tie).value());
  EXPECT_FALSE(save(tie).value());
  auto queue = session().matching().queue(MatchStatus::review, 10).value();
  ASSERT_EQ(queue.at(0).candidates.size(), 2u);
  EXPECT_EQ(queue[0].candidates[0].match.opportunity_id, "006B");
  EXPECT_EQ(queue[0].candidates[0].match.rule, "newer");
}

TEST_P(MatchingStoreConformance, AnAssignmentByHandTakesItOutOfTheQueueAndStays) {
  ASSERT_TRUE(save(queued("mail:1")).value());
  {
    auto transaction = session().write_transaction();
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(transaction->links().assign(
        "mail:1", InteractionLink{.opportunity_id = "006B", .method = LinkMethod::manual}));
    ASSERT_TRUE(transaction->commit());
  }
  EXPECT_TRUE(session().matching().queue(std::nullopt, 10).value().empty());
  save(linked_to("mail:1", "006A"));
  EXPECT_EQ(links_of("mail:1"), "006B:manual") << "no automatic link beside a person's";
}

TEST_P(MatchingStoreConformance, UnmatchedLeavesCrmLinksAlone) {
  write([&](RecordWriter& records) {
    Interaction logged = mail("mail:1", "2024-01-04", false);
    logged.links = {crm_link("006A")};
    ASSERT_TRUE(records.upsert(logged));
  });
  EXPECT_TRUE(save(MatchOutcome{.interaction_id = "mail:1", .reason = "only our own people"})
                  .value());
  EXPECT_EQ(links_of("mail:1"), "006A:crm");
  auto unmatched = session().matching().queue(MatchStatus::unmatched, 10).value();
  ASSERT_EQ(unmatched.size(), 1u);
  EXPECT_EQ(unmatched[0].reason, "only our own people");
}

}  // namespace
}  // namespace rearview::conformance
