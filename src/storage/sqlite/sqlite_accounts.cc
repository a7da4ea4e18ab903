// The people who sign in, their sessions and tokens, interview assignments
// and the audit log, on SQLite.
#include <fmt/format.h>

#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

AppUser user_of(const Statement& row) {
  AppUser user;
  user.id = row.integer(0);
  user.email = row.text(1);
  user.name = row.text(2);
  user.role = role_from_string(row.text(3)).value_or(Role::viewer);
  user.crm_user_id = row.optional_text(4);
  user.time_zone = row.text(5);
  user.disabled = row.integer(6) != 0;
  user.created_at = Timestamp{std::chrono::seconds(row.integer(7))};
  return user;
}

Result<std::optional<AppUser>> one_user(Statement& query) {
  std::optional<AppUser> found;
  auto read = for_each_row(query, [&](const Statement& row) { found = user_of(row); });
  if (!read) return std::unexpected(read.error());
  return found;
}

Result<std::optional<long long>> one_integer(Statement& query) {
  std::optional<long long> found;
  auto read = for_each_row(query, [&](const Statement& row) { found = row.integer(0); });
  if (!read) return std::unexpected(read.error());
  return found;
}

long long seconds_of(Timestamp at) { return at.time_since_epoch().count(); }

User crm_user_of(const Statement& row) {
  return User{row.text(0), row.text(1), row.text(2), row.text(3), row.optional_text(4),
              row.integer(5) != 0};
}

}  // namespace

Result<long long> SqliteAccountStore::add_user(const AppUser& user,
                                               const std::string& password_hash) {
  auto taken = user_by_email(user.email);
  if (!taken) return std::unexpected(taken.error());
  if (*taken)
    return fail(ErrorCode::invalid_input, fmt::format("{} already has an account", user.email),
                "each person signs in with their own address");
  Statement& insert = connection_.statement(
      "INSERT INTO app_users (email, name, role, crm_user_id, time_zone, password_hash, disabled, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  insert.bind(1, user.email)
      .bind(2, user.name)
      .bind(3, std::string(role_name(user.role)))
      .bind(4, user.crm_user_id)
      .bind(5, user.time_zone)
      .bind(6, password_hash)
      .bind(7, static_cast<long long>(user.disabled))
      .bind(8, seconds_of(user.created_at));
  auto id = one_integer(insert);
  if (!id) return std::unexpected(id.error());
  return id->value_or(0);
}

Result<std::optional<AppUser>> SqliteAccountStore::user(long long id) {
  Statement& query = connection_.statement(
      "SELECT id, email, name, role, crm_user_id, time_zone, disabled, created_at "
      "FROM app_users WHERE id = ?1");
  query.bind(1, id);
  return one_user(query);
}

Result<std::optional<AppUser>> SqliteAccountStore::user_by_email(const std::string& email) {
  Statement& query = connection_.statement(
      "SELECT id, email, name, role, crm_user_id, time_zone, disabled, created_at "
      "FROM app_users WHERE email = lower(?1)");
  query.bind(1, email);
  return one_user(query);
}

Result<std::vector<AppUser>> SqliteAccountStore::users() {
  std::vector<AppUser> users;
  auto read = for_each_row(
      connection_.statement(
          "SELECT id, email, name, role, crm_user_id, time_zone, disabled, created_at "
          "FROM app_users ORDER BY id"),
      [&](const Statement& row) { users.push_back(user_of(row)); });
  if (!read) return std::unexpected(read.error());
  return users;
}

Result<std::optional<std::string>> SqliteAccountStore::password_hash(long long user_id) {
  Statement& query =
      connection_.statement("SELECT password_hash FROM app_users WHERE id = ?1 AND disabled = 0");
  query.bind(1, user_id);
  std::optional<std::string> hash;
  auto read = for_each_row(query, [&](const Statement& row) { hash = row.text(0); });
  if (!read) return std::unexpected(read.error());
  return hash;
}

Result<std::optional<User>> SqliteAccountStore::crm_user(const Id& id) {
  Statement& query = connection_.statement(
      "SELECT id, name, email, title, manager_id, is_active FROM users WHERE id = ?1");
  query.bind(1, id);
  std::optional<User> found;
  auto read = for_each_row(query, [&](const Statement& row) { found = crm_user_of(row); });
  if (!read) return std::unexpected(read.error());
  return found;
}

Result<std::vector<User>> SqliteAccountStore::crm_users() {
  Statement& query = connection_.statement(
      "SELECT id, name, email, title, manager_id, is_active FROM users ORDER BY id");
  std::vector<User> users;
  auto read = for_each_row(query, [&](const Statement& row) { users.push_back(crm_user_of(row)); });
  if (!read) return std::unexpected(read.error());
  return users;
}

Result<void> SqliteAccountStore::save_login(const std::string& token_hash, long long user_id,
                                            Timestamp created_at, Timestamp expires_at) {
  Statement& insert = connection_.statement(
      "INSERT INTO login_sessions (token_hash, user_id, created_at, expires_at) "
      "VALUES (?1, ?2, ?3, ?4)");
  insert.bind(1, token_hash).bind(2, user_id).bind(3, seconds_of(created_at)).bind(4,
                                                                                   seconds_of(expires_at));
  auto done = insert.run();
  if (!done) return done;
  // Expired sessions are of no use to anyone: each login clears them.
  Statement& expired = connection_.statement("DELETE FROM login_sessions WHERE expires_at <= ?1");
  expired.bind(1, seconds_of(created_at));
  return expired.run();
}

Result<std::optional<long long>> SqliteAccountStore::login_user(const std::string& token_hash,
                                                                Timestamp now) {
  Statement& query = connection_.statement(
      "SELECT s.user_id FROM login_sessions s JOIN app_users u ON u.id = s.user_id "
      "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.disabled = 0");
  query.bind(1, token_hash).bind(2, seconds_of(now));
  return one_integer(query);
}

Result<void> SqliteAccountStore::end_login(const std::string& token_hash) {
  Statement& remove = connection_.statement("DELETE FROM login_sessions WHERE token_hash = ?1");
  remove.bind(1, token_hash);
  return remove.run();
}

Result<long long> SqliteAccountStore::save_api_token(long long user_id,
                                                     const std::string& token_hash,
                                                     const std::string& label,
                                                     Timestamp created_at) {
  Statement& insert = connection_.statement(
      "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?1, ?2, ?3, ?4) "
      "RETURNING id");
  insert.bind(1, user_id).bind(2, token_hash).bind(3, label).bind(4, seconds_of(created_at));
  auto id = one_integer(insert);
  if (!id) return std::unexpected(id.error());
  return id->value_or(0);
}

Result<std::optional<long long>> SqliteAccountStore::api_token_user(const std::string& token_hash) {
  Statement& query = connection_.statement(
      "SELECT t.user_id FROM api_tokens t JOIN app_users u ON u.id = t.user_id "
      "WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND u.disabled = 0");
  query.bind(1, token_hash);
  return one_integer(query);
}

Result<void> SqliteAccountStore::assign_interview(const Id& opportunity_id, long long user_id,
                                                  Timestamp at) {
  Statement& insert = connection_.statement(
      "INSERT INTO interview_assignments (opportunity_id, user_id, assigned_at) "
      "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
  insert.bind(1, opportunity_id).bind(2, user_id).bind(3, seconds_of(at));
  return insert.run();
}

Result<void> SqliteAccountStore::audit(const AuditEntry& entry) {
  Statement& insert = connection_.statement(
      "INSERT INTO audit_log (at, user_id, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, seconds_of(entry.at))
      .bind(2, entry.user_id)
      .bind(3, entry.action)
      .bind(4, entry.target)
      .bind(5, entry.detail);
  return insert.run();
}

Result<std::vector<AuditEntry>> SqliteAccountStore::audit_log(int limit) {
  Statement& query = connection_.statement(
      "SELECT at, user_id, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?1");
  query.bind(1, static_cast<long long>(limit));
  std::vector<AuditEntry> entries;
  auto read = for_each_row(query, [&](const Statement& row) {
    entries.push_back(AuditEntry{Timestamp{std::chrono::seconds(row.integer(0))},
                                 row.optional_integer(1), row.text(2), row.text(3), row.text(4)});
  });
  if (!read) return std::unexpected(read.error());
  return entries;
}

}  // namespace rearview::sqlite
