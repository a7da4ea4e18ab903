// What importers look up while they write: does a record exist, whose is an
// e-mail address or a name.
#include "link_rows.h"
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

Result<std::optional<Id>> SqliteRecordWriter::crm_email_of_message(const std::string& message_id) {
  return find_one("SELECT id FROM interactions WHERE message_id = ?1 AND source = 'crm' AND "
                  "message_id <> '' ORDER BY id LIMIT 1",
                  message_id);
}

Result<std::vector<Id>> SqliteRecordWriter::captured_emails_of_message(
    const std::string& message_id) {
  Statement& query = connection_.statement(
      "SELECT id FROM interactions WHERE message_id = ?1 AND source <> 'crm' AND message_id <> '' "
      "ORDER BY id");
  query.bind(1, message_id);
  std::vector<Id> ids;
  auto read = for_each_row(query, [&](const Statement& row) { ids.push_back(row.text(0)); });
  if (!read) return std::unexpected(read.error());
  return ids;
}

Result<void> SqliteRecordWriter::remove_interaction(const Id& id) {
  return delete_interaction(connection_, id);
}

Result<std::optional<SourceCursor>> SqliteRecordWriter::source_cursor(SourceKind source,
                                                                       const std::string& location) {
  Statement& query = connection_.statement(
      "SELECT size, modified, position, fingerprint FROM source_cursors "
      "WHERE source = ?1 AND location = ?2");
  query.bind(1, to_string(source)).bind(2, location);
  std::optional<SourceCursor> cursor;
  auto read = for_each_row(query, [&](const Statement& row) {
    cursor = SourceCursor{.location = location,
                          .size = row.integer(0),
                          .modified = row.integer(1),
                          .position = row.integer(2),
                          .fingerprint = row.integer(3)};
  });
  if (!read) return std::unexpected(read.error());
  return cursor;
}

Result<void> SqliteRecordWriter::save_source_cursor(SourceKind source, const SourceCursor& cursor) {
  Statement& upsert = connection_.statement(
      "INSERT INTO source_cursors (source, location, size, modified, position, fingerprint) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (source, location) DO UPDATE SET "
      "size = excluded.size, modified = excluded.modified, position = excluded.position, "
      "fingerprint = excluded.fingerprint");
  upsert.bind(1, to_string(source)).bind(2, cursor.location).bind(3, cursor.size)
      .bind(4, cursor.modified).bind(5, cursor.position).bind(6, cursor.fingerprint);
  return upsert.run();
}

}  // namespace rearview::sqlite
