#include <gtest/gtest.h>

#include "html_text.h"

namespace rearview::importing {
namespace {

TEST(HtmlText, BlocksBecomeLinesAndEntitiesAreDecoded) {
  EXPECT_EQ(text_of_html("<html><head><title>T</title><style>p{}</style></head><body>"
                         "<p>Hello&nbsp;Pat,</p><p>the <b>price</b> &amp; terms:</p>"
                         "<ul><li>one</li><li>two</li></ul>Thanks<br>Rita</body></html>"),
            "Hello Pat,\n\nthe price & terms:\n\none\ntwo\nThanks\nRita");
}

TEST(HtmlText, ScriptsAndCommentsGiveNoWords) {
  EXPECT_EQ(text_of_html("<div>a<script>alert('x')</script><!-- hidden -->b</div>"), "ab");
}

TEST(HtmlText, BrokenMarkupStillGivesItsWords) {
  EXPECT_EQ(text_of_html("<p>unclosed <b>bold <i>and</p> more"), "unclosed bold and\n\nmore");
  EXPECT_EQ(text_of_html(""), "");
  EXPECT_EQ(text_of_html("plain words"), "plain words");
}

TEST(HtmlText, DeepNestingIsReadToTheParsersLimitAndDoesNotCrash) {
  auto nested = [](int depth) {
    std::string html;
    for (int i = 0; i < depth; ++i) html += "<span>";
    return html + "deep";
  };
  EXPECT_EQ(text_of_html(nested(200)), "deep");
  EXPECT_NE(text_of_html(nested(100000)), "deep") << "beyond the limit: lost, not a crash";
}

}  // namespace
}  // namespace rearview::importing
