// The health chart of the HTML report as inline SVG.
#pragma once

#include "html_writer.h"
#include "rearview/analysis/postmortem.h"
#include "report_model.h"

namespace rearview::report {

// How many 11px label characters fit across the SVG chart.
double svg_chart_width_in_characters();

// The score as a line over the deal's life, stage changes as labelled dashed
// lines, tells as triangles below; events that moved the score are circles
// linking to their timeline item.
void write_health_chart_svg(HtmlWriter& out, const PostmortemReport& report,
                            const HealthChart& chart);

}  // namespace rearview::report
