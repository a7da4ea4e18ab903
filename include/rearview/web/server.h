// The HTTP server (Boost.Beast on Asio, the only files that include them are
// server.cc): one network thread reads and writes every connection
// asynchronously, so idle keep-alive connections cost a socket and a timer,
// not a thread; handlers run on a pool of worker threads. Limits on header
// and body size, timeouts for slow and idle clients, and a graceful stop:
// no new connections, idle ones closed, requests in progress answered
// (with "Connection: close") before run() returns.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "rearview/core/error.h"
#include "rearview/web/http.h"

namespace rearview::web {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (listen() says which)
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 1 << 20;  // unless body_limit_for says otherwise
  std::chrono::seconds request_timeout{30};  // to send the rest of a request, or read a response
  std::chrono::seconds idle_timeout{60};     // for the next request on a kept-alive connection
  std::size_t workers = 0;                   // 0: one per core
};

// One line of the access log, written once the response is sent.
struct AccessRecord {
  std::string client;
  std::string method;
  std::string path;  // without the query: it may carry what people typed
  int status = 0;
  std::size_t bytes = 0;  // of the body
  double milliseconds = 0;  // from the whole request read to the response written
  std::string user;
};

struct ServerCounters {
  long long open_connections = 0;
  long long requests_in_progress = 0;
};

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(HttpRequest& request)>;
  // The largest body accepted for a request with this method and path (its
  // headers are read, its body is not yet).
  using BodyLimit = std::function<std::size_t(const HttpRequest& head)>;
  using AccessLog = std::function<void(const AccessRecord& record)>;

  HttpServer(ServerOptions options, Handler handler, AccessLog log = {}, BodyLimit limit = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the port.
  Result<unsigned short> listen();
  // Serves until stop() (or SIGTERM/SIGINT when `stop_on_signals`), then
  // returns once every request in progress was answered.
  void run(bool stop_on_signals);
  // Thread-safe; returns at once.
  void stop();
  ServerCounters counters() const;

  struct Impl;  // server.cc's: its connections reach it too

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace rearview::web
