#include <gtest/gtest.h>

#include <limits>

#include "rearview/core/number.h"

namespace rearview {
namespace {

TEST(ParseNumber, AcceptsWhatExportsWrite) {
  EXPECT_EQ(parse_number("12500"), 12500.0);
  EXPECT_EQ(parse_number("12500.50"), 12500.5);
  EXPECT_EQ(parse_number("-3"), -3.0);
  EXPECT_EQ(parse_number("1e3"), 1000.0);
}

TEST(ParseNumber, RefusesNanInfinityAndOverflow) {
  for (std::string_view bad : {"nan", "NAN", "inf", "-infinity", "1e999", "", "12 500", "1,5", "0x10"})
    EXPECT_FALSE(parse_number(bad).has_value()) << bad;
}

// A duration such as CallDurationInSeconds = 1e300 used to be cast to long
// long unchecked: undefined behaviour, caught by UndefinedBehaviorSanitizer.
TEST(ParseInteger, ValueBeyondLongLongIsRefusedNotCast) {
  for (std::string_view bad : {"1e300", "-1e300", "9223372036854775808", "-9223372036854777856", "nan"})
    EXPECT_FALSE(parse_integer(bad).has_value()) << bad;
  EXPECT_EQ(parse_integer("9223372036854774784"), 9223372036854774784LL);
  EXPECT_EQ(parse_integer("-9223372036854775808"), std::numeric_limits<long long>::min());
}

TEST(ParseInteger, CutsFractionsTowardsZero) {
  EXPECT_EQ(parse_integer("30.0"), 30);
  EXPECT_EQ(parse_integer("-2.7"), -2);
}

}  // namespace
}  // namespace rearview
