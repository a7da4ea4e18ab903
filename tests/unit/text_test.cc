#include <gtest/gtest.h>

#include "rearview/core/text.h"

namespace rearview {
namespace {

// Regression: values from files reached the terminal raw in messages, so an
// escape sequence or a carriage return could rewrite what the user saw.
TEST(Printable, ShowsControlCharactersAsEscapesAndKeepsLinesAndText) {
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable("\x1B[2J\r\x7F"), "\\x1B[2J\\x0D\\x7F");
  EXPECT_EQ(printable("two\nlines\tand tab"), "two\nlines\tand tab");
  EXPECT_EQ(printable("Zürich ☕"), "Zürich ☕");
}

}  // namespace
}  // namespace rearview
