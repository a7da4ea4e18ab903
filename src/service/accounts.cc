#include "rearview/service/accounts.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "audit.h"
#include "rearview/core/text.h"
#include "rearview/core/time_zone.h"
#include "rearview/service/secrets.h"

namespace rearview::service {
namespace {

constexpr std::size_t kShortestPassword = 10;

std::string lower(std::string_view text) {
  std::string out(trim(text));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool looks_like_address(const std::string& email) {
  auto at = email.find('@');
  return at != std::string::npos && at > 0 && at + 1 < email.size() &&
         email.find_first_of(" \t\r\n<>,;") == std::string::npos;
}

// The CRM user's name and address fill what the request left out.
Result<AppUser> user_from_request(Session& session, const NewUserRequest& request,
                                  const Clock& clock) {
  AppUser user{.email = lower(request.email), .name = std::string(trim(request.name)),
               .time_zone = request.time_zone, .created_at = clock.now()};
  auto role = role_from_string(lower(request.role));
  if (!role)
    return fail(ErrorCode::usage, fmt::format("there is no role \"{}\"", request.role),
                "use admin, manager, rep, interviewer or viewer");
  user.role = *role;
  if (!request.crm_user.empty()) {
    auto crm = session.accounts().crm_user(request.crm_user);
    if (!crm) return std::unexpected(crm.error());
    if (!*crm)
      return fail(ErrorCode::not_found, fmt::format("there is no CRM user {}", request.crm_user),
                  "import the CRM first, or check the id (the User export's Id)");
    user.crm_user_id = (*crm)->id;
    if (user.name.empty()) user.name = (*crm)->name;
    if (user.email.empty()) user.email = lower((*crm)->email);
  }
  if (user.name.empty()) return fail(ErrorCode::usage, "the account needs a name", "give --name");
  if (!looks_like_address(user.email))
    return fail(ErrorCode::usage, fmt::format("\"{}\" is not an e-mail address", user.email),
                "people sign in with their e-mail address: give --email");
  if (!user.time_zone.empty()) {
    auto zone = TimeZone::lookup(user.time_zone);
    if (!zone) return std::unexpected(zone.error());
  }
  if ((user.role == Role::rep || user.role == Role::manager) && !user.crm_user_id)
    return fail(ErrorCode::usage,
                fmt::format("a {} needs their CRM user, whose deals they see", role_name(user.role)),
                "give --crm-user with the CRM user's id");
  return user;
}

Result<void> check_password(const std::string& password) {
  if (password.size() < kShortestPassword)
    return fail(ErrorCode::usage,
                fmt::format("the password is shorter than {} characters", kShortestPassword),
                "choose a longer one");
  return {};
}

// Inside the caller's write transaction.
Result<AppUser> add_account(Session& session, const NewUserRequest& request, const Clock& clock,
                            Actor by) {
  auto user = user_from_request(session, request, clock);
  if (!user) return user;
  auto hash = hash_password(request.password);
  if (!hash) return std::unexpected(hash.error());
  auto id = session.accounts().add_user(*user, *hash);
  if (!id) return std::unexpected(id.error());
  user->id = *id;
  auto logged = audit(session, clock, by, "user.add", user->email,
                      fmt::format("role {}", role_name(user->role)));
  if (!logged) return std::unexpected(logged.error());
  return user;
}

}  // namespace

Result<AppUser> add_user(Session& session, const NewUserRequest& request, const Clock& clock,
                         Actor by) {
  if (auto valid = check_password(request.password); !valid) return std::unexpected(valid.error());
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto user = add_account(session, request, clock, by);
  if (!user) return user;
  auto committed = transaction->commit();
  if (!committed) return std::unexpected(committed.error());
  return user;
}

Result<CrmAccounts> add_crm_users(Session& session, const std::string& password,
                                  const Clock& clock, Actor by) {
  if (auto valid = check_password(password); !valid) return std::unexpected(valid.error());
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto people = session.accounts().crm_users();
  if (!people) return std::unexpected(people.error());
  auto accounts = session.accounts().users();
  if (!accounts) return std::unexpected(accounts.error());
  std::set<std::string> taken;  // CRM user ids and addresses that have an account
  for (const auto& account : *accounts) {
    taken.insert(account.email);
    if (account.crm_user_id) taken.insert(*account.crm_user_id);
  }
  std::set<Id> managers;
  for (const auto& person : *people)
    if (person.manager_id) managers.insert(*person.manager_id);
  CrmAccounts result;
  for (const auto& person : *people) {
    if (!person.is_active) {
      ++result.inactive;
    } else if (!looks_like_address(lower(person.email))) {
      ++result.without_address;
    } else if (taken.count(person.id) || taken.count(lower(person.email))) {
      ++result.had_one;
    } else {
      NewUserRequest request{.role = managers.count(person.id) ? "manager" : "rep",
                             .crm_user = person.id,
                             .password = password};
      auto added = add_account(session, request, clock, by);
      if (!added) return std::unexpected(added.error());
      taken.insert(added->email);
      result.added.push_back(std::move(*added));
    }
  }
  auto committed = transaction->commit();
  if (!committed) return std::unexpected(committed.error());
  return result;
}

Result<NewToken> create_api_token(Session& session, const std::string& email,
                                  const std::string& label, const Clock& clock, Actor by) {
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto user = session.accounts().user_by_email(lower(email));
  if (!user) return std::unexpected(user.error());
  if (!*user || (*user)->disabled)
    return fail(ErrorCode::not_found, fmt::format("there is no account {}", email),
                "create it with `rearview user add`");
  NewToken created{**user, random_token()};
  auto saved = session.accounts().save_api_token(created.user.id, token_hash(created.token), label,
                                                 clock.now());
  if (!saved) return std::unexpected(saved.error());
  auto logged = audit(session, clock, by, "token.create", created.user.email, label);
  if (!logged) return std::unexpected(logged.error());
  auto committed = transaction->commit();
  if (!committed) return std::unexpected(committed.error());
  return created;
}

Result<void> assign_interview(Session& session, const Id& opportunity_id,
                              const std::string& interviewer_email, const Clock& clock, Actor by) {
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto user = session.accounts().user_by_email(lower(interviewer_email));
  if (!user) return std::unexpected(user.error());
  if (!*user) return fail(ErrorCode::not_found, fmt::format("there is no account {}", interviewer_email));
  auto assigned = session.accounts().assign_interview(opportunity_id, (*user)->id, clock.now());
  if (!assigned) return assigned;
  auto logged = audit(session, clock, by, "interview.assign", opportunity_id, (*user)->email);
  if (!logged) return logged;
  return transaction->commit();
}

Result<Login> Authenticator::log_in(Session& session, const std::string& email,
                                    const std::string& password, const std::string& client) {
  Timestamp now = clock_.now();
  std::string address = lower(email);
  std::string address_key = "address " + address;
  std::string client_key = "client " + client;
  if (too_many_failures(address_key, limits_.failures_per_address, now) ||
      too_many_failures(client_key, limits_.failures_per_client, now))
    return fail(ErrorCode::rate_limited, "too many failed logins",
                fmt::format("wait {} minutes, then try again", limits_.window.count() / 60));
  auto user = session.accounts().user_by_email(address);
  if (!user) return std::unexpected(user.error());
  std::optional<std::string> hash;
  if (*user && !(*user)->disabled) {
    auto stored = session.accounts().password_hash((*user)->id);
    if (!stored) return std::unexpected(stored.error());
    hash = *stored;
  }
  if (!hash || !password_matches(*hash, password)) {
    count_failure(address_key, now);
    count_failure(client_key, now);
    return fail(ErrorCode::denied, "the e-mail address or the password is wrong");
  }
  forget_failures(address_key);
  Login login{**user, random_token(), {}, now + limits_.session_lifetime};
  login.csrf_token = csrf_token_of(login.session_token);
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto saved =
      session.accounts().save_login(token_hash(login.session_token), login.user.id, now, login.expires_at);
  if (!saved) return std::unexpected(saved.error());
  auto logged = audit(session, clock_, login.user.id, "login", login.user.email, client);
  if (!logged) return std::unexpected(logged.error());
  auto committed = transaction->commit();
  if (!committed) return std::unexpected(committed.error());
  return login;
}

Result<void> Authenticator::log_out(Session& session, const std::string& session_token) {
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto ended = session.accounts().end_login(token_hash(session_token));
  if (!ended) return ended;
  return transaction->commit();
}

namespace {

Result<std::optional<AppUser>> user_of_id(Session& session, Result<std::optional<long long>> id) {
  if (!id) return std::unexpected(id.error());
  if (!*id) return std::optional<AppUser>{};
  return session.accounts().user(**id);
}

}  // namespace

Result<std::optional<AppUser>> Authenticator::session_user(Session& session,
                                                           const std::string& session_token) {
  if (session_token.empty()) return std::optional<AppUser>{};
  return user_of_id(session, session.accounts().login_user(token_hash(session_token), clock_.now()));
}

Result<std::optional<AppUser>> Authenticator::token_user(Session& session,
                                                         const std::string& bearer_token) {
  if (bearer_token.empty()) return std::optional<AppUser>{};
  return user_of_id(session, session.accounts().api_token_user(token_hash(bearer_token)));
}

bool Authenticator::too_many_failures(const std::string& key, int limit, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto found = failures_.find(key);
  if (found == failures_.end()) return false;
  auto& times = found->second;
  while (!times.empty() && times.front() <= now - limits_.window) times.pop_front();
  if (times.empty()) {
    failures_.erase(found);
    return false;
  }
  return static_cast<int>(times.size()) >= limit;
}

void Authenticator::count_failure(const std::string& key, Timestamp now) {
  std::lock_guard lock(mutex_);
  failures_[key].push_back(now);
}

void Authenticator::forget_failures(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace rearview::service
