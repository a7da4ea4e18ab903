// The stage catalogue as the database keeps it.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

// Options are kept as a JSON array of strings.
Result<void> read_definitions(Statement& milestones, std::vector<MilestoneDefinition>& into) {
  while (true) {
    auto row = milestones.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    MilestoneDefinition definition;
    definition.key = milestones.text(0);
    definition.label = milestones.text(1);
    definition.kind =
        milestone_kind_from_string(milestones.text(2)).value_or(MilestoneKind::toggle);
    boost::system::error_code damaged;
    auto options = boost::json::parse(milestones.text(3), damaged);
    if (damaged || !options.is_array())
      return fail(
          ErrorCode::database,
          fmt::format("the options of milestone {} are damaged in the database", definition.key),
          "run `rearview import` again to rewrite the stage catalogue");
    for (const auto& option : options.get_array())
      if (option.is_string()) definition.options.emplace_back(option.get_string());
    definition.contact_role = milestones.text(4);
    into.push_back(std::move(definition));
  }
}

}  // namespace

Result<std::vector<Stage>> SqliteStageCatalogue::stages() {
  Statement& query = connection_.statement(
      "SELECT name, sort_order, probability, is_closed, is_won FROM stages "
      "ORDER BY sort_order, name");
  std::vector<Stage> result;
  auto read = for_each_row(query, [&](const Statement& row) {
    result.push_back(Stage{.name = row.text(0),
                           .sort_order = int(row.integer(1)),
                           .probability = row.real(2),
                           .is_closed = row.integer(3) != 0,
                           .is_won = row.integer(4) != 0});
  });
  if (!read) return std::unexpected(read.error());
  for (auto& stage : result)
    if (auto read = read_milestones(stage); !read) return std::unexpected(read.error());
  return result;
}

Result<void> SqliteStageCatalogue::read_milestones(Stage& stage) {
  Statement& milestones = connection_.statement(
      "SELECT key, label, kind, options, contact_role FROM milestone_definitions "
      "WHERE stage = ?1 ORDER BY position");
  milestones.bind(1, stage.name);
  auto read = read_definitions(milestones, stage.milestones);
  milestones.reset();
  return read;
}

}  // namespace rearview::sqlite
