// What importers look up while they write: does a record exist, whose is an
// e-mail address or a name.
#include "sqlite_record_writer.h"

namespace rearview::sqlite {

Result<bool> SqliteRecordWriter::exists(RecordKind kind, const Id& id) {
  const char* sql = nullptr;
  switch (kind) {
    case RecordKind::user:
      sql = "SELECT id FROM users WHERE id = ?1";
      break;
    case RecordKind::account:
      sql = "SELECT id FROM accounts WHERE id = ?1";
      break;
    case RecordKind::contact:
      sql = "SELECT id FROM contacts WHERE id = ?1";
      break;
    case RecordKind::opportunity:
      sql = "SELECT id FROM opportunities WHERE id = ?1";
      break;
  }
  auto found = find_one(sql, id);
  if (!found) return std::unexpected(found.error());
  return found->has_value();
}

Result<std::optional<Id>> SqliteRecordWriter::find_one(const char* sql, const std::string& key) {
  Statement& query = connection_.statement(sql);
  query.bind(1, key);
  std::optional<Id> id;
  auto read = for_each_row(query, [&](const Statement& row) { id = row.text(0); });
  if (!read) return std::unexpected(read.error());
  return id;
}

Result<std::optional<Id>> SqliteRecordWriter::contact_by_email(const std::string& address) {
  return find_one("SELECT id FROM contacts WHERE email = ?1 ORDER BY id LIMIT 1", address);
}

Result<std::optional<Id>> SqliteRecordWriter::user_by_email(const std::string& address) {
  return find_one("SELECT id FROM users WHERE email = ?1 ORDER BY id LIMIT 1", address);
}

Result<std::optional<Id>> SqliteRecordWriter::user_by_name(const std::string& name) {
  return find_one("SELECT id FROM users WHERE name = ?1 ORDER BY id LIMIT 1", name);
}

Result<std::optional<Id>> SqliteRecordWriter::account_by_name(const std::string& name) {
  return find_one("SELECT id FROM accounts WHERE name = ?1 ORDER BY id LIMIT 1", name);
}

}  // namespace rearview::sqlite
