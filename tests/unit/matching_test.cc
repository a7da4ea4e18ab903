// Matching, rule by rule and hard case by hard case, on directories built by
// hand: each expectation is what a person reading the mail would decide.
#include <gtest/gtest.h>

#include "rearview/matching/matcher.h"
#include "rearview/matching/registrable_domain.h"
#include "rearview/matching/subject_words.h"

namespace rearview::matching {
namespace {

Timestamp day(int month, int day_of_month) {
  return std::chrono::sys_days{std::chrono::year{2024} / month / day_of_month};
}

class MatchingTest : public ::testing::Test {
 protected:
  MatchingTest() {
    settings_.company_email_domains = {"seller.com"};
    directory_.users = {{"005R", "rita@seller.com", {}}, {"005S", "sam@seller.com", {}}};
    directory_.accounts = {{"001A", "Acme", "Customer - Direct", {"acme.co.uk"}},
                           {"001P", "Channel Partners Ltd", "Channel Partner / Reseller",
                            {"channel.example"}},
                           {"001B", "Beta", "Prospect", {}}};
    directory_.contacts = {{"003P", "pat@acme.co.uk", "001A"},
                           {"003Q", "quinn.acme@gmail.com", "001A"},
                           {"003X", "xena@channel.example", "001P"},
                           {"003B", "bo@beta.io", "001B"}};
    add_deal("006A", "Acme - Rollout", "001A", "005R", day(1, 1), std::nullopt, Outcome::open);
  }

  void add_deal(const Id& id, const std::string& name, const Id& account, const Id& owner,
                Timestamp created, std::optional<Date> close, Outcome outcome) {
    directory_.opportunities.push_back(
        {id, name, account, owner, created, close, outcome});
  }

  static InteractionToMatch mail(const std::string& subject, Timestamp at,
                                 std::vector<std::string> addresses,
                                 const std::string& thread = "") {
    InteractionToMatch interaction{.id = "mail:" + subject + std::to_string(at.time_since_epoch().count()),
                                   .subject = subject,
                                   .occurred_at = at,
                                   .thread_id = thread};
    bool first = true;
    for (auto& address : addresses) {
      interaction.participants.push_back(
          Participant{.role = first ? ParticipantRole::from : ParticipantRole::to,
                      .address = std::move(address)});
      first = false;
    }
    return interaction;
  }

  MatchOutcome decide(const InteractionToMatch& interaction) {
    if (!matcher_) matcher_ = std::make_unique<Matcher>(directory_, settings_);
    auto outcome = matcher_->decide(interaction, day(6, 1));
    EXPECT_TRUE(outcome) << "decided";
    return outcome.value_or(MatchOutcome{});
  }

  static std::string where(const MatchOutcome& outcome) {
    if (outcome.status == MatchStatus::linked)
      return outcome.link->opportunity_id + ":" + std::string(to_string(outcome.link->method));
    return std::string(to_string(outcome.status));
  }

  Settings settings_;
  MatchingDirectory directory_;
  std::unique_ptr<Matcher> matcher_;
};

TEST(SubjectWords, WholeWordsOnly) {
  EXPECT_TRUE(contains_phrase(words_of("Re: Deal 10 - pricing"), words_of("deal 10")));
  EXPECT_FALSE(contains_phrase(words_of("Re: Deal 10 - pricing"), words_of("Deal 1")));
  EXPECT_FALSE(contains_phrase(words_of("Rollouts"), words_of("rollout")));
  EXPECT_FALSE(contains_phrase(words_of("anything"), {}));
}

TEST(SubjectWords, ReplyAndForwardPrefixesInSeveralLanguages) {
  EXPECT_TRUE(is_reply_or_forward("RE: Pricing"));
  EXPECT_TRUE(is_reply_or_forward("[External] AW: WG: Angebot"));
  EXPECT_TRUE(is_reply_or_forward("Re[2]: Pricing"));
  EXPECT_FALSE(is_reply_or_forward("Revenue plan"));
  EXPECT_FALSE(is_reply_or_forward("[External] Pricing"));
  EXPECT_EQ(thread_subject("[External] RE: Fwd:  Pricing, Q3!"), "pricing q3");
}

TEST(RegistrableDomain, FollowsThePublicSuffixList) {
  RegistrableDomains domains;
  EXPECT_EQ(domains.of_host("mail.eu.ACME.co.uk"), "acme.co.uk");
  EXPECT_EQ(domains.of_host("co.uk"), "");
  EXPECT_EQ(domains.of_address("pat@sales.acme.com"), "acme.com");
  EXPECT_EQ(domains.of_address("no-at-sign"), "");
}

TEST_F(MatchingTest, AContactOfTheAccountLinksToItsOpenDeal) {
  auto outcome = decide(mail("Hello", day(2, 1), {"pat@acme.co.uk", "rita@seller.com"}));
  EXPECT_EQ(where(outcome), "006A:contact");
  EXPECT_NE(outcome.link->rule.find("pat@acme.co.uk is a contact"), std::string::npos)
      << outcome.link->rule;
  EXPECT_NE(outcome.link->rule.find("its owner took part"), std::string::npos);
  EXPECT_EQ(outcome.link->linked_by, "matching");
}

TEST_F(MatchingTest, SomeoneNewAtTheAccountsDomainOrASubdomainLinksByDomain) {
  EXPECT_EQ(where(decide(mail("Hello", day(2, 1), {"new.person@acme.co.uk"}))), "006A:domain");
  EXPECT_EQ(where(decide(mail("Hello", day(2, 2), {"it@mail.eu.acme.co.uk"}))), "006A:domain");
}

TEST_F(MatchingTest, FreeMailNeverFindsAnAccountButAContactsOwnAddressDoes) {
  auto stranger = decide(mail("Hello", day(2, 1), {"someone@gmail.com", "rita@seller.com"}));
  EXPECT_EQ(where(stranger), "unmatched");
  EXPECT_NE(stranger.reason.find("free mail"), std::string::npos) << stranger.reason;
  EXPECT_EQ(where(decide(mail("Hello", day(2, 2), {"quinn.acme@gmail.com"}))), "006A:contact");
}

TEST_F(MatchingTest, AutomatedMailIsNeverMatched) {
  auto notice = mail("Your invoice", day(2, 1), {"pat@acme.co.uk"});
  notice.automated = true;
  auto outcome = decide(notice);
  EXPECT_EQ(where(outcome), "unmatched");
  EXPECT_NE(outcome.reason.find("machine"), std::string::npos);
}

TEST_F(MatchingTest, OnlyOurOwnPeopleIsUnmatched) {
  auto outcome = decide(mail("Acme - Rollout forecast", day(2, 1),
                             {"rita@seller.com", "sam@seller.com"}));
  EXPECT_EQ(where(outcome), "unmatched");
  EXPECT_EQ(outcome.reason, "only our own people took part");
}

TEST_F(MatchingTest, APartnerNeverDecidesTheAccount) {
  auto partner_only = decide(mail("Joint pitch", day(2, 1), {"xena@channel.example",
                                                             "rita@seller.com"}));
  EXPECT_EQ(where(partner_only), "unmatched");
  EXPECT_NE(partner_only.reason.find("partner"), std::string::npos);
  EXPECT_EQ(where(decide(mail("Joint pitch", day(2, 2),
                              {"xena@channel.example", "pat@acme.co.uk"}))),
            "006A:contact");
}

TEST_F(MatchingTest, TwoOpenDealsOfOneAccountGoToReviewNotToAGuess) {
  add_deal("006E", "Acme - Expansion", "001A", "005R", day(1, 15), std::nullopt, Outcome::open);
  auto outcome = decide(mail("Next steps", day(2, 1), {"quinn.acme@gmail.com"}));
  EXPECT_EQ(where(outcome), "review");
  ASSERT_EQ(outcome.candidates.size(), 2u);
  EXPECT_EQ(outcome.candidates[0].opportunity_id, "006E") << "the newer first: recency";
  EXPECT_NE(outcome.reason.find("2 opportunities fit about as well"), std::string::npos)
      << outcome.reason;
}

TEST_F(MatchingTest, AContactRoleTheNameInTheSubjectOrTheOwnerBreaksTheTie) {
  add_deal("006E", "Acme - Expansion", "001A", "005S", day(1, 15), std::nullopt, Outcome::open);
  directory_.contact_roles = {{"006A", "003P"}};
  EXPECT_EQ(where(decide(mail("Next steps", day(2, 1), {"pat@acme.co.uk"}))), "006A:contact");
  EXPECT_EQ(where(decide(mail("Expansion: pricing", day(2, 2), {"quinn.acme@gmail.com"}))),
            "006E:contact");
  EXPECT_EQ(where(decide(mail("Next steps", day(2, 3), {"quinn.acme@gmail.com", "sam@seller.com"}))),
            "006E:contact");
}

TEST_F(MatchingTest, DealOneIsNotDealTen) {
  directory_.opportunities.clear();
  add_deal("0061", "Acme - Deal 1", "001A", "005R", day(1, 1), std::nullopt, Outcome::open);
  add_deal("0060", "Acme - Deal 10", "001A", "005R", day(1, 1), std::nullopt, Outcome::open);
  EXPECT_EQ(where(decide(mail("Deal 10 pricing", day(2, 1), {"pat@acme.co.uk"}))), "0060:contact");
  EXPECT_EQ(where(decide(mail("Deal 1 pricing", day(2, 2), {"pat@acme.co.uk"}))), "0061:contact");
}

TEST_F(MatchingTest, AReplyGoesWhereItsThreadWent) {
  add_deal("006E", "Acme - Expansion", "001A", "005R", day(1, 15), std::nullopt, Outcome::open);
  directory_.contact_roles = {{"006A", "003P"}};
  ASSERT_EQ(where(decide(mail("Contract", day(2, 1), {"pat@acme.co.uk"}, "t1"))), "006A:contact");
  auto reply = decide(mail("Re: Contract", day(2, 2), {"quinn.acme@gmail.com"}, "t1"));
  EXPECT_EQ(where(reply), "006A:thread") << reply.reason;
  EXPECT_NE(reply.link->rule.find("a reply in a thread"), std::string::npos);
}

TEST_F(MatchingTest, AForwardWithoutReferencesFindsItsThreadBySubjectAndPeople) {
  add_deal("006E", "Acme - Expansion", "001A", "005R", day(1, 15), std::nullopt, Outcome::open);
  directory_.contact_roles = {{"006A", "003P"}};
  ASSERT_EQ(where(decide(mail("Security questionnaire", day(2, 1), {"pat@acme.co.uk"}, "t1"))),
            "006A:contact");
  auto forwarded = decide(
      mail("FW: Security questionnaire", day(2, 3), {"quinn.acme@gmail.com", "pat@acme.co.uk"}, "t9"));
  EXPECT_EQ(where(forwarded), "006A:thread");
  auto unrelated = decide(mail("Security questionnaire", day(2, 4), {"quinn.acme@gmail.com"}, "t7"));
  EXPECT_EQ(where(unrelated), "review") << "not a reply: the subject alone is no thread";
}

// Regression: a reply in a thread whose first message went to review was
// looked up by its subject, and found another deal's thread of the same
// subject with the same buyer.
TEST_F(MatchingTest, AThreadSeenBeforeIsNeverLookedUpByItsSubject) {
  add_deal("006E", "Acme - Expansion", "001A", "005R", day(1, 15), std::nullopt, Outcome::open);
  directory_.contact_roles = {{"006A", "003P"}};
  ASSERT_EQ(where(decide(mail("Pricing options", day(2, 1), {"pat@acme.co.uk"}, "t1"))),
            "006A:contact");
  ASSERT_EQ(where(decide(mail("Pricing options", day(3, 1), {"quinn.acme@gmail.com"}, "t2"))),
            "review");
  auto reply = decide(mail("Re: Pricing options", day(3, 2), {"pat@acme.co.uk", "quinn.acme@gmail.com"}, "t2"));
  EXPECT_NE(reply.candidates.at(0).rule.find("contact"), std::string::npos);
  EXPECT_EQ(reply.candidates[0].rule.find("same subject"), std::string::npos)
      << "thread t2 is known: its subject must not pull it to t1's deal";
}

TEST_F(MatchingTest, TheWindowAroundADealsLife) {
  directory_.opportunities.clear();
  add_deal("006W", "Acme - Rollout", "001A", "005R", day(1, 1), std::chrono::floor<std::chrono::days>(day(3, 1)), Outcome::won);
  EXPECT_EQ(where(decide(mail("Kickoff", day(2, 1), {"pat@acme.co.uk"}))), "006W:contact");
  auto shortly_after = decide(mail("Thanks", day(3, 10), {"pat@acme.co.uk"}));
  EXPECT_EQ(where(shortly_after), "review") << "within 14 days of the close: a person decides";
  EXPECT_NE(shortly_after.candidates.at(0).rule.find("days after it closed"), std::string::npos);
  auto long_after = decide(mail("Renewal?", day(4, 1), {"pat@acme.co.uk"}));
  EXPECT_EQ(where(long_after), "unmatched");
  EXPECT_NE(long_after.reason.find("Acme had no opportunity open then"), std::string::npos)
      << long_after.reason;
}

TEST_F(MatchingTest, MailJustBeforeANewDealWithTheSamePeopleGoesToReviewNotToTheOpenOne) {
  add_deal("006N", "Acme - Expansion", "001A", "005R", day(2, 10), std::nullopt, Outcome::open);
  directory_.contact_roles = {{"006A", "003P"}, {"006N", "003P"}};
  auto outcome = decide(mail("A new idea", day(2, 5), {"pat@acme.co.uk", "rita@seller.com"}));
  EXPECT_EQ(where(outcome), "review") << outcome.reason;
  ASSERT_EQ(outcome.candidates.size(), 2u);
  EXPECT_EQ(outcome.candidates[1].opportunity_id, "006N");
  EXPECT_NE(outcome.candidates[1].rule.find("5 days before it was created"), std::string::npos)
      << outcome.candidates[1].rule;
}

TEST_F(MatchingTest, ABiggerWindowFromTheSettings) {
  directory_.opportunities.clear();
  add_deal("006W", "Acme - Rollout", "001A", "005R", day(1, 1), std::chrono::floor<std::chrono::days>(day(3, 1)), Outcome::won);
  settings_.matching.window_days = 60;
  EXPECT_EQ(where(decide(mail("Renewal?", day(4, 1), {"pat@acme.co.uk"}))), "review");
}

TEST_F(MatchingTest, CrmAndManualLinksStandAndTeachTheirThread) {
  add_deal("006E", "Acme - Expansion", "001A", "005R", day(1, 15), std::nullopt, Outcome::open);
  matcher_ = std::make_unique<Matcher>(directory_, settings_);
  auto assigned = mail("Order form", day(2, 1), {"pat@acme.co.uk"}, "t5");
  assigned.links = {InteractionLink{.opportunity_id = "006E", .method = LinkMethod::manual}};
  EXPECT_FALSE(matcher_->decide(assigned, day(6, 1))) << "a person's word is not decided again";
  EXPECT_EQ(where(decide(mail("Re: Order form", day(2, 2), {"pat@acme.co.uk"}, "t5"))),
            "006E:thread");
}

TEST_F(MatchingTest, AContactTheCrmLearnedLaterIsFound) {
  auto before = decide(mail("Hello", day(2, 1), {"bo@newco.io"}));
  EXPECT_EQ(where(before), "unmatched");
  directory_.contacts.push_back({"003N", "bo@newco.io", "001A"});
  matcher_.reset();
  EXPECT_EQ(where(decide(mail("Hello", day(2, 1), {"bo@newco.io"}))), "006A:contact");
}

TEST_F(MatchingTest, TheScoreIsReportedWithinZeroAndOne) {
  directory_.contact_roles = {{"006A", "003P"}};
  auto outcome = decide(mail("Acme - Rollout: order form", day(2, 1),
                             {"pat@acme.co.uk", "quinn.acme@gmail.com", "rita@seller.com"}));
  ASSERT_EQ(where(outcome), "006A:contact");
  EXPECT_LE(outcome.link->score, 1.0);
  EXPECT_GE(outcome.link->score, settings_.matching.link_score);
}

}  // namespace
}  // namespace rearview::matching
