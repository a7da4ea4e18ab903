#include <gtest/gtest.h>

#include <algorithm>

#include "rearview/core/settings.h"
#include "rearview/core/stats.h"
#include "rearview/core/time.h"

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

TEST(Summarize, QuartilesInterpolateBetweenNeighbours) {
  auto summary = summarize({10, 1, 4, 2});
  EXPECT_DOUBLE_EQ(summary.p25_days, 1.75);  // rank 0.75: between 1 and 2
  EXPECT_DOUBLE_EQ(summary.p75_days, 5.5);   // rank 2.25: between 4 and 10
  EXPECT_EQ(summary.deals, 4);
}

// stats and the won cohort collect the same cycles in different orders.
TEST(Summarize, TheOrderOfTheValuesDoesNotChangeAnyFigure) {
  std::vector<double> values{0.1, 0.7, 1e9, 0.3, 2.2, 1e-9, 5.5};
  auto forwards = summarize(values);
  std::reverse(values.begin(), values.end());
  auto backwards = summarize(values);
  EXPECT_EQ(forwards.mean_days, backwards.mean_days);
  EXPECT_EQ(forwards.median_days, backwards.median_days);
  EXPECT_EQ(forwards.p25_days, backwards.p25_days);
  EXPECT_EQ(forwards.p75_days, backwards.p75_days);
}

TEST(CycleDays, RunsFromCreationToTheClose) {
  Timestamp created = *parse_timestamp("2024-01-10T12:00:00Z");
  EXPECT_EQ(cycle_days(created, *parse_timestamp("2024-01-12T00:00:00Z")), 1.5);
  EXPECT_EQ(cycle_days(created, created), 0.0);
}

TEST(CycleDays, SaysWhyThereIsNone) {
  Timestamp created = *parse_timestamp("2024-01-10T12:00:00Z");
  Timestamp ancient = *parse_timestamp("0001-01-01T00:00:00Z");
  EXPECT_EQ(cycle_days(std::nullopt, created).error(), NoCycle::not_created);
  EXPECT_EQ(cycle_days(created, std::nullopt).error(), NoCycle::not_closed);
  EXPECT_EQ(cycle_days(created, created - std::chrono::seconds{1}).error(),
            NoCycle::ends_before_created);
  EXPECT_EQ(cycle_days(ancient, created).error(), NoCycle::implausible_date);
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
