// Finding opportunities by id or by part of the name.
#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

Result<std::vector<OpportunityName>> names_of(Statement& query) {
  std::vector<OpportunityName> names;
  auto read = for_each_row(query, [&](const Statement& row) {
    names.push_back(OpportunityName{row.text(0), row.text(1)});
  });
  if (!read) return std::unexpected(read.error());
  return names;
}

}  // namespace

Result<std::vector<OpportunityName>> SqliteOpportunityDirectory::find_opportunities(
    const std::string& text, int limit) {
  Statement& exact = connection_.statement("SELECT id, name FROM opportunities WHERE id = ?1");
  exact.bind(1, text);
  auto by_id = names_of(exact);
  if (!by_id || !by_id->empty()) return by_id;
  Statement& like = connection_.statement(
      "SELECT id, name FROM opportunities WHERE instr(lower(name), lower(?1)) > 0 "
      "ORDER BY name, id LIMIT ?2");
  like.bind(1, text).bind(2, static_cast<long long>(limit));
  return names_of(like);
}

Result<std::vector<OpportunityName>> SqliteOpportunityDirectory::opportunity_names() {
  return names_of(connection_.statement("SELECT id, name FROM opportunities ORDER BY id"));
}

}  // namespace rearview::sqlite
