#include "html_chart.h"

#include "text_format.h"

namespace rearview::report {
namespace {

// The drawing in SVG user units; the element scales it to the page width.
constexpr double kWidth = 960;
constexpr double kHeight = 292;
constexpr double kLeft = 44;
constexpr double kRight = 944;
constexpr double kTop = 60;
constexpr double kBottom = 236;
constexpr double kLabelBaselines[kChartLabelRows] = {14, 29, 44};
constexpr double kTellTop = 246;
constexpr double kTellHeight = 11;
constexpr double kAxisBaseline = 282;
constexpr double kCharacterWidth = 6.8;  // of an 11px semi-bold label, on average

double x_pixels(double x) { return kLeft + x * (kRight - kLeft); }
double y_pixels(double score) { return kBottom - score / 100 * (kBottom - kTop); }

void write_grid(HtmlWriter& out) {
  for (int score = 0; score <= 100; score += 25) {
    double y = y_pixels(score);
    out.write(
        "<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
        kLeft, y, kRight, y, kLeft - 8, y + 4, score);
  }
}

void write_path(HtmlWriter& out, std::string_view css_class, const std::vector<ChartPoint>& points,
                bool closed_to_axis) {
  out.write("<path class=\"{}\" d=\"", css_class);
  if (closed_to_axis)
    out.write("M{:.1f},{:.1f}L", x_pixels(points.front().x), kBottom);
  else
    out.raw("M");
  for (std::size_t i = 0; i < points.size(); ++i)
    out.write("{}{:.1f},{:.1f}", i == 0 ? "" : "L", x_pixels(points[i].x),
              y_pixels(points[i].score));
  if (closed_to_axis) out.write("L{:.1f},{:.1f}Z", x_pixels(points.back().x), kBottom);
  out.raw("\"/>\n");
}

void write_point_title(HtmlWriter& out, const HealthPoint& point, const TimeZone& zone) {
  out.write("<title>{} · health {}", html(display_time(point.at, zone)),
            display_score(point.score));
  for (const auto& reason : point.reasons)
    out.write("\n{} ({})", html(reason.text), display_effect(reason.effect));
  out.raw("</title>");
}

// The events that moved the score, as circles that open their timeline item.
void write_events(HtmlWriter& out, const std::vector<ChartPoint>& points, const TimeZone& zone) {
  for (const auto& point : points) {
    if (!point.trigger) continue;
    out.write("<a href=\"#item-{}\"><circle class=\"event\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\">",
              anchor(point.trigger->id), x_pixels(point.x), y_pixels(point.score));
    write_point_title(out, *point.point, zone);
    out.raw("</circle></a>\n");
  }
}

double label_baseline(const ChartMarker& marker) {
  return kLabelBaselines[marker.label_row == kNoLabelRow ? 0 : marker.label_row];
}

void write_stage_line(HtmlWriter& out, const ChartMarker& marker) {
  if (marker.item) out.write("<a href=\"#item-{}\">", anchor(marker.item->id));
  out.write(
      "<line class=\"stage-line\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\">"
      "<title>{3}</title></line>",
      x_pixels(marker.x), label_baseline(marker) + 5, kBottom, html(marker.label));
  if (marker.item) out.raw("</a>");
  out.raw("\n");
}

// Drawn after every line, with a halo, so lines of earlier stages that
// cross a lower label row do not strike through it.
void write_stage_label(HtmlWriter& out, const ChartMarker& marker) {
  if (marker.label_row == kNoLabelRow) return;
  double x = x_pixels(marker.x);
  if (marker.item) out.write("<a href=\"#item-{}\">", anchor(marker.item->id));
  out.write("<text class=\"stage-label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\">{}</text>",
            marker.label_before ? x - 4 : x + 4, label_baseline(marker),
            marker.label_before ? "end" : "start", html(marker.label));
  if (marker.item) out.raw("</a>");
  out.raw("\n");
}

void write_close_marker(HtmlWriter& out, const HealthChart& chart, const PostmortemReport& report) {
  if (!chart.close) return;
  const auto& close = *chart.close;
  if (close.item) out.write("<a href=\"#item-{}\">", anchor(close.item->id));
  out.write(
      "<line class=\"close-line close-{0}\" x1=\"{1:.1f}\" y1=\"{2:.1f}\" x2=\"{1:.1f}\" "
      "y2=\"{3:.1f}\"><title>{4} {5}</title></line>",
      to_string(report.opportunity.outcome), x_pixels(close.x), kTop, kBottom, html(close.label),
      html(display_day(chart.end, report.time_zone)));
  if (close.item) out.raw("</a>");
  out.raw("\n");
}

void write_tell_markers(HtmlWriter& out, const PostmortemReport& report, const HealthChart& chart) {
  if (chart.tells.empty()) return;
  out.write(
      "<rect class=\"tell-strip\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
      "height=\"{:.1f}\" rx=\"3\"/>\n",
      kLeft, kTellTop - 3, kRight - kLeft, kTellHeight + 6);
  for (const auto& marker : chart.tells) {
    const Tell& tell = report.tells[marker.tell];
    out.write(
        "<a href=\"#tell-{}\"><path class=\"tell-mark\" d=\"M{:.1f},{:.1f}l6,{:.1f}h-12z\">"
        "<title>{}: {}</title></path></a>\n",
        marker.tell + 1, x_pixels(marker.x), kTellTop, kTellHeight, html(tell_label(tell.kind)),
        html(tell_timing(tell, report.time_zone)));
  }
}

void write_axis(HtmlWriter& out, const std::vector<AxisTick>& ticks) {
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    std::string_view align = i == 0 ? "start" : i + 1 == ticks.size() ? "end" : "middle";
    out.write("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\">{}</text>\n",
              x_pixels(ticks[i].x), kAxisBaseline, align, ticks[i].label);
  }
}

}  // namespace

double svg_chart_width_in_characters() { return (kRight - kLeft) / kCharacterWidth; }

void write_health_chart_svg(HtmlWriter& out, const PostmortemReport& report,
                            const HealthChart& chart) {
  out.write(
      "<svg class=\"health-chart\" viewBox=\"0 0 {} {}\" aria-labelledby=\"health-chart-title\">"
      "<title id=\"health-chart-title\">Health score from {} to {}</title>\n",
      kWidth, kHeight, display_day(chart.start, report.time_zone),
      display_day(chart.end, report.time_zone));
  write_grid(out);
  if (!chart.points.empty()) write_path(out, "area", chart.points, true);
  for (const auto& marker : chart.stages) write_stage_line(out, marker);
  for (const auto& marker : chart.stages) write_stage_label(out, marker);
  write_close_marker(out, chart, report);
  if (chart.points.empty()) {
    out.write(
        "<text class=\"empty\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">"
        "No health scores yet</text>\n",
        (kLeft + kRight) / 2, (kTop + kBottom) / 2);
  } else {
    write_path(out, "line", chart.points, false);
    write_events(out, chart.points, report.time_zone);
  }
  write_tell_markers(out, report, chart);
  write_axis(out, chart.ticks);
  out.raw("</svg>\n");
}

}  // namespace rearview::report
