// Boost.Beast and Asio live here and nowhere else.
#include "rearview/web/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace rearview::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using SteadyTime = std::chrono::steady_clock::time_point;

class Connection;

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  Handler handler;
  AccessLog log;
  BodyLimit body_limit;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io};
  std::optional<asio::thread_pool> workers;
  std::atomic<bool> stopping{false};
  std::atomic<long long> open_connections{0};
  std::atomic<long long> in_progress{0};
  std::mutex connections_mutex;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;

  void accept(const std::shared_ptr<Impl>& self);
  void shut_down();
};

namespace {

std::string lower_name(std::string_view name) {
  std::string key(name);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

HttpRequest head_of(const http::request<http::string_body>& message, const std::string& client) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  request.client = client;
  for (const auto& field : message) {
    std::string name = lower_name(field.name_string());
    auto [at, inserted] = request.headers.emplace(name, std::string(field.value()));
    if (!inserted) at->second += (name == "cookie" ? "; " : ", ") + std::string(field.value());
  }
  return request;
}

HttpResponse plain_error(int status, std::string_view message) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = fmt::format("{} {}: {}\n", status, status_text(status), message);
  return response;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(std::shared_ptr<HttpServer::Impl> server, tcp::socket socket)
      : server_(std::move(server)), stream_(std::move(socket)) {
    boost::system::error_code ignored;
    auto peer = stream_.socket().remote_endpoint(ignored);
    if (!ignored) client_ = peer.address().to_string();
    ++server_->open_connections;
  }
  ~Connection() {
    --server_->open_connections;
    std::lock_guard lock(server_->connections_mutex);
    server_->connections.erase(this);
  }

  void start() { read_request(server_->options.idle_timeout); }

  // From the stopping server: an idle connection closes now; one with a
  // request in progress answers it first.
  void stop_when_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->close();
    });
  }

 private:
  void read_request(std::chrono::seconds wait) {
    if (server_->stopping) return close();
    idle_ = true;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.header_limit));
    parser_->body_limit(server_->options.body_limit);
    stream_.expires_after(wait);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code error, std::size_t) {
                              self->on_header(error);
                            });
  }

  void on_header(beast::error_code error) {
    idle_ = false;
    if (error) return on_read_error(error);
    if (server_->body_limit) {
      HttpRequest head = head_of(parser_->get(), client_);
      split_target(head);
      parser_->body_limit(server_->body_limit(head));
    }
    stream_.expires_after(server_->options.request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) {
                       self->on_request(error);
                     });
  }

  void on_read_error(beast::error_code error) {
    if (error == http::error::end_of_stream || error == beast::error::timeout ||
        error == asio::error::operation_aborted || error == asio::error::connection_reset ||
        error == asio::error::eof)
      return close();
    keep_alive_ = false;
    if (error == http::error::header_limit)
      return write(plain_error(431, "the request's headers are too large"), "");
    if (error == http::error::body_limit)
      return write(plain_error(413, "the request's body is too large"), "");
    write(plain_error(400, "the request is not valid HTTP/1.1"), "");
  }

  void on_request(beast::error_code error) {
    if (error) return on_read_error(error);
    started_ = std::chrono::steady_clock::now();
    auto message = parser_->release();
    keep_alive_ = message.keep_alive();
    auto request = std::make_shared<HttpRequest>(head_of(message, client_));
    request->body = std::move(message.body());
    head_request_ = message.method() == http::verb::head;
    ++server_->in_progress;
    // Keeps the network thread running while no socket waits: a stopping
    // server still has this response to write.
    auto busy = asio::make_work_guard(server_->io);
    asio::post(*server_->workers, [self = shared_from_this(), request, busy = std::move(busy)] {
      HttpResponse response = self->answer(*request);
      asio::post(self->stream_.get_executor(),
                 [self, request, response = std::move(response)]() mutable {
                   self->write(std::move(response), request->method, request->path);
                   --self->server_->in_progress;
                 });
    });
  }

  HttpResponse answer(HttpRequest& request) {
    if (!split_target(request)) return plain_error(400, "the target is not a path");
    try {
      return server_->handler(request);
    } catch (const std::exception& error) {
      fmt::print(stderr, "rearview serve: {} {}: {}\n", request.method, request.path, error.what());
      return plain_error(500, "something went wrong on our side; it was logged");
    }
  }

  void write(HttpResponse response, std::string method, std::string path = {}) {
    auto message = std::make_shared<http::response<http::string_body>>();
    message->version(11);
    message->result(static_cast<unsigned>(response.status));
    message->set(http::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) message->insert(name, value);
    bool keep = keep_alive_ && !server_->stopping;
    message->keep_alive(keep);
    std::size_t bytes = response.body.size();
    message->body() = std::move(response.body);
    message->prepare_payload();
    if (head_request_) message->body().clear();  // the length stays that of the body
    AccessRecord record{client_, std::move(method), std::move(path), response.status, bytes, 0,
                        std::move(response.user)};
    stream_.expires_after(server_->options.request_timeout);
    http::async_write(stream_, *message,
                      [self = shared_from_this(), message, keep, record = std::move(record)](
                          beast::error_code error, std::size_t) mutable {
                        self->on_written(error, keep, std::move(record));
                      });
  }

  void on_written(beast::error_code error, bool keep, AccessRecord record) {
    if (!record.method.empty() && server_->log) {
      record.milliseconds =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
              .count();
      server_->log(record);
    }
    if (error || !keep) return close();
    read_request(server_->options.idle_timeout);
  }

  void close() {
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  std::shared_ptr<HttpServer::Impl> server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string client_;
  SteadyTime started_{};
  bool idle_ = false;
  bool keep_alive_ = true;
  bool head_request_ = false;
};

}  // namespace

void HttpServer::Impl::accept(const std::shared_ptr<Impl>& self) {
  acceptor.async_accept(asio::make_strand(io), [self](beast::error_code error, tcp::socket socket) {
    if (error) {
      if (!self->acceptor.is_open()) return;  // stopped
      // Out of descriptors and the like: keep accepting the next ones.
    } else {
      auto connection = std::make_shared<Connection>(self, std::move(socket));
      {
        std::lock_guard lock(self->connections_mutex);
        self->connections.emplace(connection.get(), connection);
      }
      connection->start();
    }
    if (!self->stopping) self->accept(self);
  });
}

void HttpServer::Impl::shut_down() {
  if (stopping.exchange(true)) return;
  boost::system::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(connections_mutex);
    for (auto& [pointer, weak] : connections)
      if (auto connection = weak.lock()) open.push_back(std::move(connection));
  }
  for (auto& connection : open) connection->stop_when_idle();
}

HttpServer::HttpServer(ServerOptions options, Handler handler, AccessLog log, BodyLimit limit)
    : impl_(std::make_shared<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
  impl_->log = std::move(log);
  impl_->body_limit = std::move(limit);
  std::size_t workers = impl_->options.workers;
  if (workers == 0) workers = std::max(2u, std::thread::hardware_concurrency());
  impl_->workers.emplace(workers);
}

HttpServer::~HttpServer() {
  impl_->workers->join();
}

Result<unsigned short> HttpServer::listen() {
  boost::system::error_code error;
  auto address = asio::ip::make_address(impl_->options.address, error);
  if (error)
    return fail(ErrorCode::usage, fmt::format("\"{}\" is not an IP address", impl_->options.address),
                "use --listen 127.0.0.1:8080, or 0.0.0.0:8080 for every interface");
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error)
    return fail(ErrorCode::io,
                fmt::format("cannot listen on {}:{}: {}", impl_->options.address,
                            impl_->options.port, error.message()),
                "is another server on that port? choose another with --listen");
  return acceptor.local_endpoint().port();
}

void HttpServer::run(bool stop_on_signals) {
  auto impl = impl_;
  if (stop_on_signals) {
    impl->signals.add(SIGTERM);
    impl->signals.add(SIGINT);
    impl->signals.async_wait([impl](beast::error_code error, int) {
      if (!error) impl->shut_down();
    });
  }
  asio::post(impl->io, [impl] {
    if (!impl->stopping) impl->accept(impl);
  });
  impl->io.run();
  impl->workers->join();
}

void HttpServer::stop() {
  auto impl = impl_;
  asio::post(impl->io, [impl] { impl->shut_down(); });
}

ServerCounters HttpServer::counters() const {
  return {impl_->open_connections.load(), impl_->in_progress.load()};
}

}  // namespace rearview::web
