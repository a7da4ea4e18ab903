// Signing in and out of the web app.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "pages.h"
#include "rearview/core/error.h"
#include "rearview/service/secrets.h"

namespace rearview::web {
namespace {

std::string cookie(std::string_view name, std::string_view value, std::string_view path,
                   long long max_age, bool secure) {
  return fmt::format("{}={}; Path={}; Max-Age={}; HttpOnly; SameSite={}{}", name, value, path,
                     max_age, name == kSessionCookie ? "Lax" : "Strict",
                     secure ? "; Secure" : "");
}

// The token the browser holds already, when it holds one: a second login
// page (another tab, a redirected request for an icon) must not make the
// first one's form stale.
std::string login_token(const HttpRequest& request) {
  std::string held = request.cookie(kLoginCookie);
  bool well_formed = held.size() >= 32 && held.size() <= 64 &&
                     std::all_of(held.begin(), held.end(), [](unsigned char c) {
                       return std::isalnum(c) || c == '-' || c == '_';
                     });
  return well_formed ? held : service::random_token();
}

}  // namespace

HttpResponse login_page(const HttpRequest& request, std::string_view problem, int status) {
  std::string token = login_token(request);
  std::string main = fmt::format(
      "<section class=\"card narrow\">\n"
      "<h1>Sign in</h1>\n{}"
      "<form method=\"post\" action=\"/login\">\n"
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n"
      "<label for=\"email\">E-mail address</label>\n"
      "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required "
      "value=\"{}\">\n"
      "<label for=\"password\">Password</label>\n"
      "<input id=\"password\" name=\"password\" type=\"password\" "
      "autocomplete=\"current-password\" required>\n"
      "<p><button type=\"submit\">Sign in</button></p>\n</form>\n"
      "<p class=\"muted\">No account yet? An admin creates one with "
      "<code>rearview user add</code>.</p>\n</section>\n",
      problem.empty() ? "" : fmt::format("<p class=\"error\" role=\"alert\">{}</p>\n", h(problem)),
      token, h(form_value(parse_form(request.body), "email").value_or("")));
  auto response = html_page({.title = "Sign in", .status = status}, main);
  response.header("Set-Cookie", cookie(kLoginCookie, token, "/login", 3600, request.secure));
  return response;
}

HttpResponse log_in(const HttpRequest& request, PageContext& context) {
  auto form = parse_form(request.body);
  std::string sent = form_value(form, "csrf").value_or("");
  std::string expected = request.cookie(kLoginCookie);
  if (sent.empty() || expected.empty() || !service::same_secret(sent, expected))
    return login_page(request, "The form had expired. Please sign in again.", 403);
  auto login = context.authenticator.log_in(context.session, form_value(form, "email").value_or(""),
                                            form_value(form, "password").value_or(""),
                                            request.client);
  if (!login) {
    int status = login.error().code == ErrorCode::rate_limited ? 429
                 : login.error().code == ErrorCode::denied     ? 401
                                                               : 500;
    return login_page(request,
                      status == 500 ? "Something went wrong on our side." : login.error().message,
                      status);
  }
  auto response = redirect("/");
  long long lifetime =
      std::chrono::duration_cast<std::chrono::seconds>(login->expires_at - context.clock.now())
          .count();
  response.header("Set-Cookie", cookie(kSessionCookie, login->session_token, "/", lifetime,
                                       request.secure));
  response.header("Set-Cookie", cookie(kLoginCookie, "", "/login", 0, request.secure));
  response.user = login->user.email;
  return response;
}

HttpResponse log_out(const HttpRequest& request, PageContext& context) {
  auto ended = context.authenticator.log_out(context.session, request.cookie(kSessionCookie));
  if (!ended) return error_page(500, "Signing out failed; please try again.", nullptr);
  auto response = redirect("/login");
  response.header("Set-Cookie", cookie(kSessionCookie, "", "/", 0, request.secure));
  return response;
}

}  // namespace rearview::web
