// The people who sign in: creating accounts and API tokens, logging in and
// out, and knowing who is behind a session cookie or a bearer token. Every
// change is written to the audit log.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "rearview/core/account_store.h"
#include "rearview/core/database.h"
#include "rearview/service/clock.h"

namespace rearview::service {

struct NewUserRequest {
  std::string name;      // "" : the CRM user's name
  std::string email;     // "" : the CRM user's address
  std::string role;      // admin, manager, rep, interviewer or viewer
  std::string crm_user;  // an imported CRM user's id, or ""
  std::string password;
  std::string time_zone;  // "" : the company's
};

// Who did it, for the audit log: nobody is the command line.
using Actor = std::optional<long long>;

// Validates (a known role, an address, a password of at least 10
// characters, a CRM user that was imported), then adds the account in a
// write transaction of its own.
Result<AppUser> add_user(Session& session, const NewUserRequest& request, const Clock& clock,
                         Actor by = std::nullopt);

// An account for every active CRM user with an address who has none yet:
// a manager when someone reports to them, else a rep; all with `password`
// for their first sign-in. One write transaction.
struct CrmAccounts {
  std::vector<AppUser> added;
  long long had_one = 0;         // an account with their CRM user or address exists
  long long without_address = 0;
  long long inactive = 0;
};
Result<CrmAccounts> add_crm_users(Session& session, const std::string& password,
                                  const Clock& clock, Actor by = std::nullopt);

struct NewToken {
  AppUser user;
  std::string token;  // shown once; only its hash is kept
};
Result<NewToken> create_api_token(Session& session, const std::string& email,
                                  const std::string& label, const Clock& clock,
                                  Actor by = std::nullopt);

// An interviewer is given a deal to interview (and so may see it).
Result<void> assign_interview(Session& session, const Id& opportunity_id,
                              const std::string& interviewer_email, const Clock& clock, Actor by);

struct Login {
  AppUser user;
  std::string session_token;  // the cookie's value
  std::string csrf_token;
  Timestamp expires_at{};
};

struct LoginLimits {
  int failures_per_address = 5;   // per e-mail address ...
  int failures_per_client = 20;   // ... and per client address ...
  std::chrono::seconds window{15 * 60};  // ... within this long
  std::chrono::seconds session_lifetime{12 * 3600};
};

// Logins and who is behind a cookie or a token. Thread-safe (the failure
// counts are shared by every request); each call uses the caller's session.
class Authenticator {
 public:
  Authenticator(const Clock& clock, LoginLimits limits = {}) : clock_(clock), limits_(limits) {}

  // denied for a wrong address or password (the same words for both),
  // rate_limited after too many failures.
  Result<Login> log_in(Session& session, const std::string& email, const std::string& password,
                       const std::string& client);
  Result<void> log_out(Session& session, const std::string& session_token);
  Result<std::optional<AppUser>> session_user(Session& session, const std::string& session_token);
  Result<std::optional<AppUser>> token_user(Session& session, const std::string& bearer_token);

 private:
  bool too_many_failures(const std::string& key, int limit, Timestamp now);
  void count_failure(const std::string& key, Timestamp now);
  void forget_failures(const std::string& key);

  const Clock& clock_;
  LoginLimits limits_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Timestamp>> failures_;
};

}  // namespace rearview::service
