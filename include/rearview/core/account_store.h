// The people who sign in to rearview (not the CRM's users, though each may be
// one of them), their browser sessions and API tokens, which deals an
// interviewer was given, and the audit log of who changed what. Secrets are
// kept only as hashes: a password as its argon2id string, a session or token
// as the hash of its random bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview {

// What a person may do (docs/web.md has the table).
enum class Role { admin, manager, rep, interviewer, viewer };
std::string_view role_name(Role role);
std::optional<Role> role_from_string(std::string_view text);
// Every role, in the order help texts list them.
const std::vector<Role>& all_roles();

struct AppUser {
  long long id = 0;
  std::string email;  // how they sign in; kept in lower case
  std::string name;
  Role role = Role::viewer;
  std::optional<Id> crm_user_id;  // their CRM user: their own deals, and their team's
  std::string time_zone;          // an IANA zone; "" is the company's
  bool disabled = false;
  Timestamp created_at{};
};

struct AuditEntry {
  Timestamp at{};
  std::optional<long long> user_id;  // none: the command line or the system
  std::string action;                // "user.add", "milestone.record", ...
  std::string target;                // what it was done to, e.g. an opportunity id
  std::string detail;
};

// Reads anywhere; writes belong in a write transaction of the same session.
class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Fails with invalid_input when the e-mail address is taken.
  virtual Result<long long> add_user(const AppUser& user, const std::string& password_hash) = 0;
  virtual Result<std::optional<AppUser>> user(long long id) = 0;
  virtual Result<std::optional<AppUser>> user_by_email(const std::string& email) = 0;
  virtual Result<std::vector<AppUser>> users() = 0;
  virtual Result<std::optional<std::string>> password_hash(long long user_id) = 0;
  // The imported CRM user with this id, to sign in as.
  virtual Result<std::optional<User>> crm_user(const Id& id) = 0;
  // Every imported CRM user, by id.
  virtual Result<std::vector<User>> crm_users() = 0;

  // A browser session: the hash of its cookie's value.
  virtual Result<void> save_login(const std::string& token_hash, long long user_id,
                                  Timestamp created_at, Timestamp expires_at) = 0;
  // The user of an unexpired session.
  virtual Result<std::optional<long long>> login_user(const std::string& token_hash,
                                                      Timestamp now) = 0;
  virtual Result<void> end_login(const std::string& token_hash) = 0;

  virtual Result<long long> save_api_token(long long user_id, const std::string& token_hash,
                                           const std::string& label, Timestamp created_at) = 0;
  // The user of a token that was not revoked.
  virtual Result<std::optional<long long>> api_token_user(const std::string& token_hash) = 0;

  // Interviewers see the deals they were given to interview.
  virtual Result<void> assign_interview(const Id& opportunity_id, long long user_id,
                                        Timestamp at) = 0;

  virtual Result<void> audit(const AuditEntry& entry) = 0;
  // Newest first.
  virtual Result<std::vector<AuditEntry>> audit_log(int limit) = 0;
};

}  // namespace rearview
