#include "rearview/service/formats.h"

#include <fmt/format.h>

#include <array>

#include "rearview/report/render.h"

namespace rearview::service {
namespace {

Result<std::string> text(std::string rendered) { return rendered; }

const std::array<OutputFormat, 4> kFormats{{
    {"html", "html", "text/html; charset=utf-8",
     [](const PostmortemReport& report) { return text(render_html(report)); }},
    {"pdf", "pdf", "application/pdf", [](const PostmortemReport& report) { return render_pdf(report); }},
    {"md", "md", "text/markdown; charset=utf-8",
     [](const PostmortemReport& report) { return text(render_markdown(report)); }},
    {"json", "json", "application/json",
     [](const PostmortemReport& report) { return text(render_json(report)); }},
}};

}  // namespace

std::span<const OutputFormat> output_formats() { return kFormats; }

std::vector<std::string> output_format_names() {
  std::vector<std::string> names;
  for (const auto& format : kFormats) names.emplace_back(format.name);
  return names;
}

Result<const OutputFormat*> output_format(std::string_view name) {
  for (const auto& format : kFormats)
    if (format.name == name) return &format;
  return fail(ErrorCode::usage, fmt::format("there is no report format '{}'", name),
              fmt::format("formats: {}", fmt::join(output_format_names(), ", ")));
}

Result<std::string> render_report(const PostmortemReport& report, const OutputFormat& format) {
  try {
    return format.render(report);
  } catch (const std::exception& error) {
    return fail(ErrorCode::io, fmt::format("cannot make the {} report of {}: {}", format.name,
                                           report.opportunity.id, error.what()));
  }
}

}  // namespace rearview::service
