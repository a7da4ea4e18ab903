// The libcurl wrapper: the only file that includes curl.h. One easy handle
// per client, so that every request after the first reuses the connection
// (and its login). What is parsed here by hand is the little libcurl leaves
// as text: the UIDVALIDITY line of EXAMINE and the numbers of UID SEARCH.
#include "imap_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <mutex>
#include <sstream>

namespace rearview::importing {
namespace {

void initialise_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t append_to(char* data, size_t size, size_t count, void* into) {
  static_cast<std::string*>(into)->append(data, size * count);
  return size * count;
}

// A quoted string (RFC 9051 4.3) for a folder name in a command.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

long long number_after(const std::string& text, std::string_view key) {
  std::size_t at = text.find(key);
  if (at == std::string::npos) return 0;
  at += key.size();
  long long value = 0;
  std::from_chars(text.data() + at, text.data() + text.size(), value);
  return value;
}

}  // namespace

struct ImapClient::Connection {
  ImapAccount account;
  CURL* curl = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~Connection() {
    if (curl) curl_easy_cleanup(curl);
  }

  int port() const {
    return account.port ? account.port : account.security == ImapSecurity::tls ? 993 : 143;
  }

  std::string url(const std::string& path) const {
    std::string scheme = account.security == ImapSecurity::tls ? "imaps" : "imap";
    return fmt::format("{}://{}:{}/{}", scheme, account.host, port(), path);
  }

  std::string escaped(const std::string& folder) const {
    char* text = curl_easy_escape(curl, folder.c_str(), static_cast<int>(folder.size()));
    std::string out = text ? text : "";
    curl_free(text);
    return out;
  }

  Result<std::string> request(const std::string& path, const std::string& command,
                              const std::string& what) {
    std::string body;
    error[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url(path).c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command.empty() ? nullptr : command.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) return body;
    return failure(code, what);
  }

  std::unexpected<Error> failure(CURLcode code, const std::string& what) const {
    std::string server = fmt::format("{}:{}", account.host, port());
    std::string detail = error[0] ? error : curl_easy_strerror(code);
    switch (code) {
      case CURLE_LOGIN_DENIED:
        return fail(ErrorCode::invalid_input,
                    fmt::format("{} refused the login of {}", server, account.user),
                    "check the user and the password (the environment variable or file it is "
                    "read from)");
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_CONNECT:
      case CURLE_OPERATION_TIMEDOUT:
        return fail(ErrorCode::io, fmt::format("cannot reach {}: {}", server, detail),
                    "check --host and --port, and that the server is up");
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_USE_SSL_FAILED:
        return fail(ErrorCode::io, fmt::format("no secure connection to {}: {}", server, detail),
                    "--security starttls for port 143, tls for 993; --ca-file for a certificate "
                    "of your own");
      default:
        return fail(ErrorCode::io, fmt::format("{} on {}: {}", what, server, detail));
    }
  }
};

ImapClient::ImapClient(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)) {}
ImapClient::~ImapClient() = default;

Result<std::unique_ptr<ImapClient>> ImapClient::connect(const ImapAccount& account) {
  initialise_curl();
  auto connection = std::make_unique<Connection>();
  connection->account = account;
  connection->curl = curl_easy_init();
  if (!connection->curl) return fail(ErrorCode::io, "cannot start an IMAP client (libcurl)");
  CURL* curl = connection->curl;
  curl_easy_setopt(curl, CURLOPT_USERNAME, account.user.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, account.password.c_str());
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   account.security == ImapSecurity::none ? CURLUSESSL_NONE : CURLUSESSL_ALL);
  if (!account.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, account.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, connection->error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_to);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
  // A server that stops answering: under 1 byte/s for a minute.
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  // Logs in once (the login is checked here); later requests reuse it.
  auto listed = connection->request("", "NOOP", "logging in");
  if (!listed) return std::unexpected(listed.error());
  return std::unique_ptr<ImapClient>(new ImapClient(std::move(connection)));
}

Result<ImapFolderStatus> ImapClient::examine(const std::string& folder) {
  auto reply = connection_->request("", "EXAMINE " + quoted(folder), "opening " + folder);
  if (!reply) {
    if (reply.error().code == ErrorCode::io)
      return fail(ErrorCode::not_found,
                  fmt::format("{}: the server has no such folder, or will not open it",
                              location(folder)),
                  "give the folder's name as the server lists it, e.g. INBOX");
    return std::unexpected(reply.error());
  }
  ImapFolderStatus status{.uidvalidity = number_after(*reply, "[UIDVALIDITY "),
                          .uidnext = number_after(*reply, "[UIDNEXT ")};
  if (status.uidvalidity <= 0)
    return fail(ErrorCode::invalid_input,
                fmt::format("{}: the server gave no UIDVALIDITY", location(folder)),
                "rearview needs an IMAP4rev1 server");
  return status;
}

// libcurl cuts a response line longer than its buffer (16 KB) in the middle,
// so UIDs are searched a range at a time, each reply a few KB.
Result<std::vector<long long>> ImapClient::uids_from(const std::string& folder, long long first,
                                                     long long next) {
  constexpr long long kRange = 1000;
  std::vector<long long> uids;
  const long long last = next > 0 ? next - 1 : std::numeric_limits<long long>::max();
  for (long long from = first; from <= last; from += kRange) {
    std::string range = next > 0 ? fmt::format("{}:{}", from, std::min(last, from + kRange - 1))
                                 : fmt::format("{}:*", from);
    auto reply = connection_->request(connection_->escaped(folder), "UID SEARCH UID " + range,
                                      "listing " + folder);
    if (!reply) return std::unexpected(reply.error());
    std::istringstream lines(*reply);
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.starts_with("* SEARCH")) continue;
      std::istringstream numbers(line.substr(8));
      long long uid = 0;
      // "n:*" holds the largest UID even when it is below n.
      while (numbers >> uid)
        if (uid >= from) uids.push_back(uid);
    }
    if (next <= 0) break;
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

Result<std::string> ImapClient::fetch(const std::string& folder, long long uidvalidity,
                                      long long uid) {
  return connection_->request(
      fmt::format("{};UIDVALIDITY={}/;UID={}", connection_->escaped(folder), uidvalidity, uid), "",
      fmt::format("fetching message {} of {}", uid, folder));
}

std::string ImapClient::location(const std::string& folder) const {
  const ImapAccount& account = connection_->account;
  return fmt::format("imap://{}@{}:{}/{}", account.user, account.host, connection_->port(), folder);
}

}  // namespace rearview::importing
