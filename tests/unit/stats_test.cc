#include <gtest/gtest.h>

#include "rearview/core/settings.h"
#include "rearview/core/stats.h"

namespace rearview {
namespace {

TEST(Summarize, MeanAndMedianOfAnOddCount) {
  auto summary = summarize({5, 1, 3});
  EXPECT_DOUBLE_EQ(summary.mean_days, 3);
  EXPECT_DOUBLE_EQ(summary.median_days, 3);
}

TEST(Summarize, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  auto summary = summarize({10, 1, 4, 2});
  EXPECT_DOUBLE_EQ(summary.mean_days, 4.25);
  EXPECT_DOUBLE_EQ(summary.median_days, 3);
}

TEST(GuessStage, ReadsClosedAndWonFromTheName) {
  EXPECT_TRUE(guess_stage("Closed Won").is_won);
  EXPECT_TRUE(guess_stage("Won").is_closed);
  EXPECT_FALSE(guess_stage("Closed Lost").is_won);
  EXPECT_TRUE(guess_stage("Closed Lost").is_closed);
  EXPECT_TRUE(guess_stage("Closed").is_closed);
  EXPECT_FALSE(guess_stage("Engaging").is_closed);
}

TEST(CompanyAddress, MatchesOurDomainsAndTheirSubdomains) {
  Settings settings;
  settings.company_email_domains = {"example.com"};
  EXPECT_TRUE(is_company_address(settings, "ann@example.com"));
  EXPECT_TRUE(is_company_address(settings, "Ann@Mail.Example.COM"));
  EXPECT_FALSE(is_company_address(settings, "ann@notexample.com"));
  EXPECT_FALSE(is_company_address(settings, "example.com"));
}

}  // namespace
}  // namespace rearview
