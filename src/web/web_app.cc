#include "rearview/web/web_app.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "rearview/core/time.h"
#include "rearview/report/render.h"
#include "rearview/service/access.h"
#include "rearview/service/live_engine.h"
#include "rearview/service/postmortems.h"

namespace rearview::web {
namespace {

constexpr std::string_view kApiOpportunities = "/api/v1/opportunities";
constexpr int kLargestPage = 500;

HttpResponse json_response(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(body);
  response.header("Cache-Control", "no-store");
  return response;
}

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

HttpResponse api_error(const Error& error) {
  int status = http_status(error.code);
  boost::json::object body{{"status", status},
                           {"code", code_name(error.code)},
                           {"message", status == 500 ? "something went wrong on our side"
                                                     : error.message},
                           {"hint", error.hint}};
  auto response = json_response(status, boost::json::serialize(boost::json::object{{"error", body}}));
  if (status == 401) response.header("WWW-Authenticate", "Bearer");
  if (status == 503 || status == 429) response.header("Retry-After", "5");
  if (status == 500) fmt::print(stderr, "rearview serve: {}\n", error.message);
  return response;
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

WebApp::WebApp(Database& database, Settings settings, const service::Clock& clock)
    : sessions_(database), settings_(std::move(settings)), clock_(clock), authenticator_(clock) {}

std::size_t WebApp::body_limit(const HttpRequest& head) const {
  if (head.method == "POST" && head.path == "/api/v1/interactions") return 64u << 20;
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
  auto session = sessions_.acquire();
  if (!session) return api_error(session.error());
  return route(request, **session);
}

Result<std::optional<AppUser>> WebApp::caller(const HttpRequest& request, Session& session) {
  std::string token = bearer_token(request);
  if (!token.empty()) return authenticator_.token_user(session, token);
  return authenticator_.session_user(session, request.cookie("rearview_session"));
}

HttpResponse WebApp::route(HttpRequest& request, Session& session) {
  auto user = caller(request, session);
  if (!user) return api_error(user.error());
  if (!*user)
    return api_error(Error{ErrorCode::denied, "sign in first",
                           "send Authorization: Bearer TOKEN (rearview token create)"});
  HttpResponse response;
  std::string_view path = request.path;
  if (path == kApiOpportunities && request.method == "GET") {
    response = list_opportunities(request, session, **user);
  } else if (path.starts_with(std::string(kApiOpportunities) + "/") && request.method == "GET") {
    response = opportunity_report(std::string(path.substr(kApiOpportunities.size() + 1)), session,
                                  **user);
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
