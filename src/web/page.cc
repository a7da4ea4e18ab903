#include "page.h"

#include <fmt/format.h>

#include "rearview/core/time.h"
#include "rearview/report/render.h"

namespace rearview::web {

std::string h(std::string_view text) { return escape_html(text); }

std::string csrf_field(const Viewer& viewer) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", h(viewer.csrf_token));
}

void add_security_headers(HttpResponse& response) {
  // Style attributes stay allowed: the report's bars are sized by them, and
  // an attribute cannot run script.
  response.header("Content-Security-Policy",
                  "default-src 'none'; script-src 'self'; style-src 'self'; "
                  "style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                  "frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'");
  response.header("X-Content-Type-Options", "nosniff");
  response.header("Referrer-Policy", "same-origin");
  response.header("X-Frame-Options", "SAMEORIGIN");
  response.header("Cache-Control", "no-store");
}

namespace {

std::string top_bar(const Viewer* viewer) {
  if (!viewer) return "<header class=\"bar\"><a class=\"brand\" href=\"/\">rearview</a></header>\n";
  return fmt::format(
      "<header class=\"bar\"><a class=\"brand\" href=\"/\">rearview</a>"
      "<nav aria-label=\"Main\"><a href=\"/\">Home</a><a href=\"/review\">Review queue</a></nav>"
      "<span class=\"who\">{} · {}</span>"
      "<form method=\"post\" action=\"/logout\" class=\"inline\">{}"
      "<button type=\"submit\" class=\"link\">Sign out</button></form></header>\n",
      h(viewer->user.name), role_name(viewer->user.role), csrf_field(*viewer));
}

}  // namespace

HttpResponse html_page(const PageOptions& options, std::string_view main) {
  HttpResponse response;
  response.status = options.status;
  std::string& out = response.body;
  out.reserve(main.size() + 2048);
  out += fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} · rearview</title>\n"
      "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
      "<link rel=\"stylesheet\" href=\"/static/report.css\">\n"
      "<link rel=\"stylesheet\" href=\"/static/app.css\">\n",
      h(options.title));
  if (!options.live_url.empty()) out += "<script src=\"/static/live.js\" defer></script>\n";
  out += "</head>\n<body>\n";
  out += top_bar(options.viewer);
  if (options.live_url.empty())
    out += "<main id=\"main\">\n";
  else
    out += fmt::format("<main id=\"main\" data-live=\"{}\">\n", h(options.live_url));
  out += main;
  out += "</main>\n</body>\n</html>\n";
  add_security_headers(response);
  return response;
}

HttpResponse error_page(int status, std::string_view message, const Viewer* viewer) {
  return html_page({.title = status_text(status), .viewer = viewer, .status = status},
                   fmt::format("<section class=\"card\"><h1>{}</h1><p>{}</p>"
                               "<p><a href=\"/\">Back to your deals</a></p></section>\n",
                               status_text(status), h(message)));
}

HttpResponse redirect(std::string location) {
  HttpResponse response;
  response.status = 303;
  response.header("Location", std::move(location));
  response.header("Cache-Control", "no-store");
  return response;
}

std::string local_time(Timestamp at, const TimeZone& zone) {
  auto local = zone.local(at);
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local.time_of_day).count();
  return fmt::format("{} {:02}:{:02} {}", format_date(local.date), minutes / 60, minutes % 60,
                     local.abbreviation);
}

}  // namespace rearview::web
