#include "rearview/web/web_app.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "api.h"
#include "pages.h"
#include "rearview/core/time.h"
#include "rearview/report/render.h"
#include "rearview/service/access.h"
#include "rearview/service/live_engine.h"
#include "rearview/service/postmortems.h"
#include "rearview/service/secrets.h"
#include "static_assets.h"

namespace rearview::web {
namespace {

constexpr std::string_view kApiOpportunities = "/api/v1/opportunities";
constexpr std::string_view kApiInteractions = "/api/v1/interactions";
constexpr int kLargestPage = 500;

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::missing_reference: return "missing_reference";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::io: return "io";
    case ErrorCode::database_locked: return "busy";
    case ErrorCode::database_too_new: return "database_too_new";
    case ErrorCode::database: return "database";
    case ErrorCode::config: return "config";
    case ErrorCode::usage: return "bad_request";
    case ErrorCode::denied: return "unauthorized";
    case ErrorCode::rate_limited: return "rate_limited";
  }
  return "error";
}

// Boost.JSON writes every double as "9E3": whole numbers go as integers.
boost::json::value optional_number(const std::optional<double>& value) {
  if (!value) return nullptr;
  if (std::isfinite(*value) && std::trunc(*value) == *value && std::fabs(*value) < 9e15)
    return static_cast<std::int64_t>(*value);
  if (!std::isfinite(*value)) return nullptr;
  return *value;
}

boost::json::value optional_time(const std::optional<Timestamp>& value) {
  if (!value) return nullptr;
  return boost::json::string(format_timestamp(*value));
}

boost::json::object summary_json(const DealSummary& deal) {
  return {{"id", deal.id},
          {"name", deal.name},
          {"account", deal.account},
          {"owner_id", deal.owner_id},
          {"owner", deal.owner},
          {"stage", deal.stage},
          {"amount", optional_number(deal.amount)},
          {"currency", deal.currency},
          {"outcome", std::string(to_string(deal.outcome))},
          {"created_at", optional_time(deal.created_at)},
          {"closed_at", optional_time(deal.closed_at)},
          {"close_date", deal.close_date.empty() ? boost::json::value(nullptr)
                                                 : boost::json::value(deal.close_date)},
          {"health_score", optional_number(deal.health_score)}};
}

Result<int> page_limit(const HttpRequest& request) {
  auto text = request.query_value("limit");
  if (!text) return 50;
  int limit = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (error != std::errc() || end != text->data() + text->size() || limit < 1 ||
      limit > kLargestPage)
    return fail(ErrorCode::usage, fmt::format("limit must be a number from 1 to {}", kLargestPage));
  return limit;
}

Result<DealListQuery> list_query(const HttpRequest& request, const AppUser& user) {
  DealListQuery query{.scope = service::deal_scope(user)};
  auto limit = page_limit(request);
  if (!limit) return std::unexpected(limit.error());
  query.limit = *limit;
  if (auto outcome = request.query_value("outcome"); outcome && !outcome->empty()) {
    query.outcome = outcome_from_string(*outcome);
    if (!query.outcome) return fail(ErrorCode::usage, "outcome must be open, won or lost");
  }
  query.owner_id = request.query_value("owner").value_or("");
  query.text = request.query_value("q").value_or("");
  query.after_id = request.query_value("after").value_or("");
  return query;
}

std::string bearer_token(const HttpRequest& request) {
  std::string header = request.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0) return {};
  return header.substr(kBearer.size());
}

}  // namespace

HttpResponse json_response(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(body);
  response.header("Cache-Control", "no-store");
  return response;
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage:
    case ErrorCode::invalid_input:
    case ErrorCode::missing_reference:
      return 400;
    case ErrorCode::denied:
      return 401;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::database_locked:
      return 503;
    default:
      return 500;
  }
}

HttpResponse api_error(int status, std::string_view code, std::string_view message,
                       std::string_view hint) {
  boost::json::object body{
      {"status", status}, {"code", code}, {"message", message}, {"hint", hint}};
  auto response = json_response(status, boost::json::serialize(boost::json::object{{"error", body}}));
  if (status == 401) response.header("WWW-Authenticate", "Bearer");
  if (status == 503 || status == 429) response.header("Retry-After", "5");
  return response;
}

HttpResponse api_error(const Error& error) {
  int status = http_status(error.code);
  if (status == 500) fmt::print(stderr, "rearview serve: {}\n", error.message);
  return api_error(status, code_name(error.code),
                   status == 500 ? "something went wrong on our side" : error.message, error.hint);
}

SessionPool::Lease::~Lease() {
  if (!session_) return;
  std::lock_guard lock(pool_->mutex_);
  pool_->idle_.push_back(std::move(session_));
}

Result<SessionPool::Lease> SessionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto session = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(session));
    }
  }
  auto session = database_.open_session();
  if (!session) return std::unexpected(session.error());
  return Lease(*this, std::move(*session));
}

WebApp::WebApp(Database& database, Settings settings, const service::Clock& clock,
               std::function<void()> deals_changed)
    : sessions_(database),
      settings_(std::move(settings)),
      clock_(clock),
      authenticator_(clock),
      deals_changed_(std::move(deals_changed)) {}

std::size_t WebApp::body_limit(const HttpRequest& head) const {
  if (head.method == "POST" && head.path == kApiInteractions) return 64u << 20;
  return 1u << 20;
}

void WebApp::count(const AccessRecord& record) {
  int kind = record.status / 100;
  if (kind >= 1 && kind <= 5) ++requests_[kind];
  request_microseconds_ += static_cast<long long>(record.milliseconds * 1000);
}

HttpResponse WebApp::handle(HttpRequest& request) {
  if (request.path == "/healthz") {
    HttpResponse ok;
    ok.content_type = "text/plain; charset=utf-8";
    ok.body = "ok\n";
    return ok;
  }
  if (request.path == "/metrics") return metrics();
  if (request.path.starts_with("/static/") || request.path == "/favicon.ico") {
    if (auto asset = static_asset(request.path)) return *asset;
    return error_page(404, "There is no such file.", nullptr);
  }
  auto session = sessions_.acquire();
  if (!session) return api_error(session.error());
  if (request.path.starts_with("/api/")) return route_api(request, **session);
  return route_page(request, **session);
}

Result<std::optional<AppUser>> WebApp::caller(const HttpRequest& request, Session& session) {
  std::string token = bearer_token(request);
  if (!token.empty()) return authenticator_.token_user(session, token);
  return authenticator_.session_user(session, request.cookie(kSessionCookie));
}

HttpResponse WebApp::route_api(HttpRequest& request, Session& session) {
  auto user = caller(request, session);
  if (!user) return api_error(user.error());
  if (!*user)
    return api_error(Error{ErrorCode::denied, "sign in first",
                           "send Authorization: Bearer TOKEN (rearview token create)"});
  bool reads = request.method == "GET" || request.method == "HEAD";
  if (!reads && bearer_token(request).empty()) {
    // A browser's session cookie goes with any request to us, even one a
    // foreign page makes it send: a change needs the session's token too.
    auto sent = request.header("x-csrf-token");
    if (sent.empty() ||
        !service::same_secret(sent, service::csrf_token_of(request.cookie(kSessionCookie))))
      return api_error(403, "forbidden", "a change made with a session cookie needs its token",
                       "send X-CSRF-Token (the csrf field of any page's forms), or use a token");
  }
  HttpResponse response;
  std::string_view path = request.path;
  if (path == kApiInteractions && request.method == "POST") {
    response = post_interactions(request, session, settings_, clock_, **user);
    if (response.status == 200 && deals_changed_) deals_changed_();
  } else if (path == kApiOpportunities && request.method == "GET") {
    response = list_opportunities(request, session, **user);
  } else if (path.starts_with(std::string(kApiOpportunities) + "/") && request.method == "GET") {
    std::string rest(path.substr(kApiOpportunities.size() + 1));
    if (rest.ends_with("/state"))
      response = deal_state(rest.substr(0, rest.size() - 6), session, **user);
    else
      response = opportunity_report(rest, session, **user);
  } else {
    response = api_error(Error{ErrorCode::not_found, fmt::format("there is no {}", request.path)});
  }
  response.user = (*user)->email;
  return response;
}

HttpResponse WebApp::list_opportunities(const HttpRequest& request, Session& session,
                                        const AppUser& user) {
  auto query = list_query(request, user);
  if (!query) return api_error(query.error());
  auto deals = session.deals().list_deals(*query);
  if (!deals) return api_error(deals.error());
  boost::json::array items;
  for (const auto& deal : *deals) items.push_back(summary_json(deal));
  boost::json::object body{{"opportunities", std::move(items)}};
  if (static_cast<int>(deals->size()) == query->limit)
    body["next"] = fmt::format("{}?after={}&limit={}", kApiOpportunities,
                               percent_encode(deals->back().id), query->limit);
  else
    body["next"] = nullptr;
  return json_response(200, boost::json::serialize(body));
}

HttpResponse WebApp::opportunity_report(const std::string& id, Session& session,
                                        const AppUser& user) {
  auto visible = service::check_may_see(session, user, id);
  if (!visible) return api_error(visible.error());
  Timestamp now = clock_.now();
  auto context = service::current_context(session, settings_, now);
  if (!context) return api_error(context.error());
  auto report = service::postmortem(session.snapshots(), *context, id, now);
  if (!report) return api_error(report.error());
  return json_response(200, render_json(*report));
}

HttpResponse WebApp::deal_state(const std::string& id, Session& session, const AppUser& user) {
  if (auto visible = service::check_may_see(session, user, id); !visible)
    return api_error(visible.error());
  auto version = service::analysis_version(session, id);
  if (!version) return api_error(version.error());
  return json_response(200, boost::json::serialize(boost::json::object{{"version", *version}}));
}

namespace {

// "/opportunities/ID" and "/opportunities/ID/milestones": the id and the rest.
std::optional<std::pair<std::string, std::string>> deal_path(std::string_view path) {
  constexpr std::string_view kPrefix = "/opportunities/";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  path.remove_prefix(kPrefix.size());
  auto slash = path.find('/');
  std::string id(path.substr(0, slash));
  if (id.empty()) return std::nullopt;
  return std::pair{id, slash == std::string_view::npos ? "" : std::string(path.substr(slash))};
}

Result<TimeZone> viewer_zone(const AppUser& user, const Settings& settings) {
  if (user.time_zone.empty()) return settings.time_zone;
  return TimeZone::lookup(user.time_zone);
}

}  // namespace

HttpResponse WebApp::route_page(HttpRequest& request, Session& session) {
  PageContext context{session, settings_, clock_, authenticator_, deals_changed_};
  auto user = authenticator_.session_user(session, request.cookie(kSessionCookie));
  if (!user) return error_page(http_status(user.error().code), "The database is not answering.", nullptr);
  if (request.path == "/login") {
    if (request.method == "POST") return log_in(request, context);
    if (*user) return redirect("/");
    return login_page(request);
  }
  if (!*user) {
    if (request.method == "GET") return redirect("/login");
    return error_page(403, "Your session has ended. Please sign in again.", nullptr);
  }
  auto response = route_signed_in_page(request, session, **user);
  response.user = (*user)->email;
  return response;
}

HttpResponse WebApp::route_signed_in_page(HttpRequest& request, Session& session,
                                          const AppUser& user) {
  PageContext context{session, settings_, clock_, authenticator_, deals_changed_};
  auto zone = viewer_zone(user, settings_);
  Viewer viewer{user, service::csrf_token_of(request.cookie(kSessionCookie)),
                zone ? *zone : settings_.time_zone};
  bool posted = request.method == "POST";
  if (posted) {
    auto sent = form_value(parse_form(request.body), "csrf").value_or("");
    if (sent.empty() || !service::same_secret(sent, viewer.csrf_token))
      return error_page(403, "The form had expired. Go back, reload the page and try again.",
                        &viewer);
  } else if (request.method != "GET" && request.method != "HEAD") {
    return error_page(405, "This page only answers GET and POST.", &viewer);
  }
  if (request.path == "/" && !posted) return home_page(request, context, viewer);
  if (request.path == "/logout" && posted) return log_out(request, context);
  if (request.path == "/review")
    return posted ? post_review(request, context, viewer) : review_page(context, viewer);
  if (auto deal = deal_path(request.path)) {
    const auto& [id, rest] = *deal;
    if (rest.empty() && !posted) return deal_page(id, context, viewer);
    if (rest == "/milestones")
      return posted ? post_milestone(request, id, context, viewer)
                    : milestones_page(id, context, viewer);
    if (rest == "/interview")
      return posted ? post_interview(request, id, context, viewer)
                    : interview_page(id, context, viewer);
  }
  return error_page(404, "There is no such page.", &viewer);
}

HttpResponse WebApp::metrics() const {
  std::string body =
      "# HELP rearview_http_requests_total Requests answered, by status class.\n"
      "# TYPE rearview_http_requests_total counter\n";
  for (int kind = 1; kind <= 5; ++kind)
    body += fmt::format("rearview_http_requests_total{{code=\"{}xx\"}} {}\n", kind,
                        requests_[kind].load());
  body += fmt::format(
      "# HELP rearview_http_request_seconds_total Time spent answering requests.\n"
      "# TYPE rearview_http_request_seconds_total counter\n"
      "rearview_http_request_seconds_total {:.6f}\n",
      static_cast<double>(request_microseconds_.load()) / 1e6);
  if (server_) {
    auto counters = server_->counters();
    body += fmt::format(
        "# HELP rearview_http_open_connections Connections open now.\n"
        "# TYPE rearview_http_open_connections gauge\n"
        "rearview_http_open_connections {}\n"
        "# HELP rearview_http_requests_in_progress Requests being answered now.\n"
        "# TYPE rearview_http_requests_in_progress gauge\n"
        "rearview_http_requests_in_progress {}\n",
        counters.open_connections, counters.requests_in_progress);
  }
  HttpResponse response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = std::move(body);
  return response;
}

}  // namespace rearview::web
