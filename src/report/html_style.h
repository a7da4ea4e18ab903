// The style sheets inlined into the HTML files (a report must open from a
// mail attachment or a USB stick with nothing else around it).
#pragma once

#include <string_view>

namespace rearview::report {

// Page, typography, cards, badges, tables: shared by reports and the index.
extern const std::string_view kBaseCss;
// The report's sections: facts, chart, bars, stages, tells, timeline, print.
extern const std::string_view kReportCss;
// The index of reports.
extern const std::string_view kIndexCss;

}  // namespace rearview::report
