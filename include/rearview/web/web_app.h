// The web app: every endpoint of `rearview serve` (docs/web.md). It turns an
// HttpRequest into an HttpResponse: finds who is asking (a session cookie or
// an API token), calls the service layer with a database session of its
// own, and renders. Thread-safe: each call borrows a database session.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/settings.h"
#include "rearview/service/accounts.h"
#include "rearview/service/clock.h"
#include "rearview/web/http.h"
#include "rearview/web/server.h"

namespace rearview::web {

// Database sessions for the worker threads, opened on first need and kept.
class SessionPool {
 public:
  explicit SessionPool(Database& database) : database_(database) {}
  class Lease {
   public:
    Lease(SessionPool& pool, std::unique_ptr<Session> session)
        : pool_(&pool), session_(std::move(session)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Session& operator*() const { return *session_; }
    Session* operator->() const { return session_.get(); }

   private:
    SessionPool* pool_;
    std::unique_ptr<Session> session_;
  };
  Result<Lease> acquire();

 private:
  Database& database_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Session>> idle_;
};

class WebApp {
 public:
  // `deals_changed` is called after a request changed a deal (the server's
  // live engine catches up; service/live_refresher.h).
  WebApp(Database& database, Settings settings, const service::Clock& clock,
         std::function<void()> deals_changed = {});

  HttpResponse handle(HttpRequest& request);
  // NDJSON of many interactions may be large; everything else is small.
  std::size_t body_limit(const HttpRequest& head) const;
  // The server's own counters, for /metrics.
  void watch(const HttpServer* server) { server_ = server; }
  void count(const AccessRecord& record);

 private:
  struct Caller;
  HttpResponse route_api(HttpRequest& request, Session& session);
  HttpResponse route_page(HttpRequest& request, Session& session);
  HttpResponse route_signed_in_page(HttpRequest& request, Session& session, const AppUser& user);
  HttpResponse deal_state(const std::string& id, Session& session, const AppUser& user);
  HttpResponse metrics() const;
  HttpResponse list_opportunities(const HttpRequest& request, Session& session,
                                  const AppUser& user);
  HttpResponse opportunity_report(const std::string& id, Session& session, const AppUser& user);
  Result<std::optional<AppUser>> caller(const HttpRequest& request, Session& session);

  SessionPool sessions_;
  Settings settings_;
  const service::Clock& clock_;
  service::Authenticator authenticator_;
  std::function<void()> deals_changed_;
  const HttpServer* server_ = nullptr;
  std::atomic<long long> requests_[6] = {};  // by status class: 1xx ... 5xx, [0] unused
  std::atomic<long long> request_microseconds_{0};
};

// The error format of every API response: {"error": {status, code, message, hint}}.
HttpResponse api_error(const Error& error);
int http_status(ErrorCode code);

}  // namespace rearview::web
