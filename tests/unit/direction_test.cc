#include <gtest/gtest.h>

#include "rearview/core/direction.h"

namespace rearview {
namespace {

Participant buyer(ParticipantRole role) {
  return Participant{.role = role, .address = "pat@buyer.com", .contact_id = "003B"};
}
Participant rep(ParticipantRole role) {
  return Participant{.role = role, .address = "rita@seller.com", .user_id = "005R"};
}

TEST(ClassifyEmail, MailAmongOurselvesIsInternalWhateverTheFlag) {
  Settings settings;
  EXPECT_EQ(classify_email(true, {rep(ParticipantRole::from), rep(ParticipantRole::to)}, settings),
            Direction::internal);
}

TEST(ClassifyEmail, TheIncomingFlagDecidesForBuyerMail) {
  Settings settings;
  std::vector<Participant> people = {buyer(ParticipantRole::from), rep(ParticipantRole::to)};
  EXPECT_EQ(classify_email(true, people, settings), Direction::inbound);
  EXPECT_EQ(classify_email(false, people, settings), Direction::outbound);
}

TEST(ClassifyEmail, WithoutAFlagTheSenderDecides) {
  Settings settings;
  EXPECT_EQ(classify_email(std::nullopt, {buyer(ParticipantRole::from), rep(ParticipantRole::to)},
                           settings),
            Direction::inbound);
  EXPECT_EQ(classify_email(std::nullopt, {rep(ParticipantRole::from), buyer(ParticipantRole::cc)},
                           settings),
            Direction::outbound);
}

TEST(ClassifyEmail, OurDomainMakesAnUnknownAddressOurs) {
  Settings settings;
  settings.company_email_domains = {"seller.com"};
  Participant colleague{.role = ParticipantRole::to, .address = "new.hire@seller.com"};
  EXPECT_EQ(classify_email(std::nullopt, {rep(ParticipantRole::from), colleague}, settings),
            Direction::internal);
}

}  // namespace
}  // namespace rearview
