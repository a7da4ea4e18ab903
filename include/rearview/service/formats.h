// The output formats of a postmortem report, one registry for every
// front-end: the CLI writes the bytes to a file, a server into a response.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "rearview/analysis/postmortem.h"
#include "rearview/core/error.h"

namespace rearview::service {

struct OutputFormat {
  std::string_view name;        // what --format and ?format= take: html, pdf, md, json
  std::string_view extension;   // of a file name, without the dot
  std::string_view media_type;  // Content-Type of an HTTP response
  std::function<Result<std::string>(const PostmortemReport&)> render;
};

// Every format, in the order help texts list them.
std::span<const OutputFormat> output_formats();
// The format called `name`; a usage error that lists the formats otherwise.
Result<const OutputFormat*> output_format(std::string_view name);
std::vector<std::string> output_format_names();

// Renders with the format's renderer. Rendering calls fmt, Boost.JSON, cairo
// and Pango, which may throw (out of memory, above all): one report that
// cannot be made is an error, not a crash.
Result<std::string> render_report(const PostmortemReport& report, const OutputFormat& format);

}  // namespace rearview::service
