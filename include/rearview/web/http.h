// HTTP requests and responses as the web app sees them: plain values, so
// that handlers never touch the server's library (server.h keeps Boost.Beast
// to itself) and tests can call the app without a socket.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rearview::web {

struct HttpRequest {
  std::string method;   // GET, POST, ...
  std::string target;   // as sent: path and query
  std::string path;     // decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string client;  // the peer's address
  bool secure = false;  // arrived over TLS

  std::string header(std::string_view name) const;  // "" when absent
  std::optional<std::string> query_value(std::string_view name) const;
  std::string cookie(std::string_view name) const;  // "" when absent
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string user;  // who it was for, for the access log ("" : nobody signed in)

  HttpResponse& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// Splits "a=1&b=x%20y" (a query or an application/x-www-form-urlencoded
// body); '+' is a space. Malformed escapes are kept as they are.
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view text);
std::optional<std::string> form_value(const std::vector<std::pair<std::string, std::string>>& form,
                                      std::string_view name);
std::string percent_decode(std::string_view text, bool plus_is_space);
std::string percent_encode(std::string_view text);  // for a query value

// Fills path and query from target; false when the target is not a path.
bool split_target(HttpRequest& request);

std::string_view status_text(int status);

}  // namespace rearview::web
