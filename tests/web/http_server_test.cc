// The HTTP server on a real socket, asked by libcurl: limits, timeouts,
// keep-alive, and a graceful stop.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "rearview/web/server.h"

namespace rearview::web {
namespace {

struct Reply {
  long status = 0;
  std::string body;
  bool failed = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* into) {
  static_cast<std::string*>(into)->append(data, size * count);
  return size * count;
}

Reply fetch(unsigned short port, const std::string& path,
            const std::vector<std::string>& headers = {}, const std::string* body = nullptr,
            CURL* reuse = nullptr) {
  CURL* curl = reuse ? reuse : curl_easy_init();
  Reply reply;
  std::string url = "http://127.0.0.1:" + std::to_string(port) + path;
  curl_slist* list = nullptr;
  for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  if (body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
  }
  reply.failed = curl_easy_perform(curl) != CURLE_OK;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_slist_free_all(list);
  if (!reuse) curl_easy_cleanup(curl);
  return reply;
}

class RunningServer {
 public:
  RunningServer(ServerOptions options, HttpServer::Handler handler)
      : server_(std::move(options), std::move(handler),
                [this](const AccessRecord& record) {
                  std::lock_guard lock(mutex_);
                  log_.push_back(record);
                }) {
    auto port = server_.listen();
    EXPECT_TRUE(port);
    port_ = port.value_or(0);
    thread_ = std::thread([this] { server_.run(false); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  unsigned short port() const { return port_; }
  HttpServer& server() { return server_; }
  std::vector<AccessRecord> log() {
    std::lock_guard lock(mutex_);
    return log_;
  }
  // The record is written once the answer has gone out, so the client may
  // have it before the log does: wait (up to 5 s) for `count` records.
  std::vector<AccessRecord> log_of(std::size_t count) {
    for (int tries = 0; tries < 500 && log().size() < count; ++tries)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return log();
  }

 private:
  HttpServer server_;
  unsigned short port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<AccessRecord> log_;
};

HttpResponse echo(HttpRequest& request) {
  HttpResponse response;
  response.content_type = "text/plain";
  response.body = request.method + " " + request.path + " " + request.query_value("q").value_or("") +
                  " " + std::to_string(request.body.size());
  response.user = "tester";
  return response;
}

TEST(HttpServerTest, AnswersAndLogsWithoutTheQuery) {
  RunningServer running({.port = 0}, echo);
  auto reply = fetch(running.port(), "/a%20b?q=secret%20words");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "GET /a b secret words 0");
  // Regression (AnswersAndLogsWithoutTheQuery failing under load): read the
  // log once the server has written it.
  auto log = running.log_of(1);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].path, "/a b");
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[0].user, "tester");
  EXPECT_EQ(log[0].bytes, reply.body.size());
}

TEST(HttpServerTest, HeadersOverTheLimitAre431) {
  RunningServer running({.port = 0, .header_limit = 4096}, echo);
  auto reply = fetch(running.port(), "/", {"X-Big: " + std::string(8000, 'a')});
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(fetch(running.port(), "/").status, 200);  // and it still serves
}

TEST(HttpServerTest, ABodyOverTheLimitIs413) {
  RunningServer running({.port = 0, .body_limit = 1000}, echo);
  std::string small(900, 'x'), large(5000, 'x');
  auto fits = fetch(running.port(), "/post", {}, &small);
  EXPECT_EQ(fits.status, 200);
  EXPECT_EQ(fits.body, "POST /post  900");
  EXPECT_EQ(fetch(running.port(), "/post", {}, &large).status, 413);
}

TEST(HttpServerTest, AnExceptionInAHandlerIs500AndTheServerGoesOn) {
  RunningServer running({.port = 0}, [](HttpRequest& request) -> HttpResponse {
    if (request.path == "/boom") throw std::runtime_error("boom");
    return echo(request);
  });
  EXPECT_EQ(fetch(running.port(), "/boom").status, 500);
  EXPECT_EQ(fetch(running.port(), "/fine").status, 200);
}

TEST(HttpServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  RunningServer running({.port = 0}, echo);
  CURL* curl = curl_easy_init();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(fetch(running.port(), "/", {}, nullptr, curl).status, 200);
  long connects = -1;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
  EXPECT_EQ(connects, 0);  // the last request reused the connection
  curl_easy_cleanup(curl);
}

TEST(HttpServerTest, ASilentClientIsCutOffAfterTheIdleTimeout) {
  RunningServer running({.port = 0, .idle_timeout = std::chrono::seconds(1)}, echo);
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, ("http://127.0.0.1:" + std::to_string(running.port())).c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  ASSERT_EQ(curl_easy_perform(curl), CURLE_OK);
  for (int i = 0; i < 50 && running.server().counters().open_connections == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(running.server().counters().open_connections, 1);
  for (int i = 0; i < 50 && running.server().counters().open_connections > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(running.server().counters().open_connections, 0);
  curl_easy_cleanup(curl);
}

TEST(HttpServerTest, StoppingAnswersTheRequestInProgressFirst) {
  std::promise<void> entered;
  std::atomic<bool> release{false};
  auto running = std::make_unique<RunningServer>(ServerOptions{.port = 0}, [&](HttpRequest& request) {
    if (request.path == "/slow") {
      entered.set_value();
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return echo(request);
  });
  unsigned short port = running->port();
  auto slow = std::async(std::launch::async, [port] { return fetch(port, "/slow"); });
  entered.get_future().wait();
  running->server().stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  release = true;
  auto reply = slow.get();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "GET /slow  0");
  running.reset();  // run() returned: the destructor's join does not hang
  EXPECT_TRUE(fetch(port, "/").failed);  // nobody listens any more
}

}  // namespace
}  // namespace rearview::web
