#include "web_test_world.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <sstream>

#include "rearview/service/accounts.h"
#include "rearview/service/postmortems.h"
#include "sqlite_query.h"

namespace rearview::testing {
namespace {

std::map<std::string, std::string> pairs(const std::filesystem::path& file, const std::string& sql) {
  std::map<std::string, std::string> map;
  std::istringstream rows(query_value(file, sql));
  std::string row;
  while (std::getline(rows, row, ';')) {
    auto bar = row.find('|');
    if (bar != std::string::npos) map[row.substr(0, bar)] = row.substr(bar + 1);
  }
  return map;
}

// A CRM user with the fewest people below them (a first-line manager), and
// a user who owns deals and is below them.
void choose_people(WebTestWorld& world) {
  std::map<std::string, int> below;
  for (const auto& [user, manager] : world.manager_of) {
    std::string up = manager;
    for (int steps = 0; !up.empty() && steps < 100; ++steps) {
      ++below[up];
      auto next = world.manager_of.find(up);
      up = next == world.manager_of.end() ? "" : next->second;
    }
  }
  int fewest = 1 << 30;
  for (const auto& [user, count] : below) {
    bool top = world.manager_of.at(user).empty();
    if (!top && count < fewest) {
      fewest = count;
      world.manager_crm_user = user;
    }
  }
  for (const auto& [deal, owner] : world.owner_of) {
    std::string up = world.manager_of.count(owner) ? world.manager_of.at(owner) : "";
    for (int steps = 0; !up.empty() && steps < 100; ++steps) {
      if (up == world.manager_crm_user) {
        world.rep_crm_user = owner;
        return;
      }
      up = world.manager_of.count(up) ? world.manager_of.at(up) : "";
    }
  }
}

// A second team: one of the manager's people (not the rep) who owns deals
// reports to the manager's own manager instead, so the manager sees some
// deals and not others.
void split_team(WebTestWorld& world) {
  for (const auto& [deal, owner] : world.owner_of) {
    if (owner == world.rep_crm_user || owner == world.manager_crm_user) continue;
    if (world.manager_of[owner] != world.manager_crm_user) continue;
    std::string above = world.manager_of[world.manager_crm_user];
    execute_sql(world.database_file,
            "UPDATE users SET manager_id = '" + above + "' WHERE id = '" + owner + "'");
    world.manager_of[owner] = above;
    return;
  }
}

void add_account(WebTestWorld& world, const std::string& role, const std::string& crm_user) {
  service::NewUserRequest request{.name = "Test " + role,
                                  .email = role + "@rearview.test",
                                  .role = role,
                                  .crm_user = crm_user,
                                  .password = "a password of " + role};
  auto user = service::add_user(*world.session, request, world.clock);
  ASSERT_TRUE(user) << user.error().message;
  auto token = service::create_api_token(*world.session, user->email, "tests", world.clock);
  ASSERT_TRUE(token) << token.error().message;
  world.token_of[role] = token->token;
  world.email_of[role] = user->email;
}

}  // namespace

std::set<std::string> WebTestWorld::expected_visible(const std::string& role) const {
  std::set<std::string> visible;
  for (const auto& [deal, owner] : owner_of) {
    bool in_team = false;
    for (std::string up = owner; !up.empty() && !in_team;) {
      in_team = up == manager_crm_user;
      auto next = manager_of.find(up);
      up = next == manager_of.end() ? "" : next->second;
    }
    if (role == "admin" || ((role == "manager" || role == "viewer") && in_team) ||
        (role == "rep" && owner == rep_crm_user) ||
        (role == "interviewer" && deal == interviewed_deal))
      visible.insert(deal);
  }
  return visible;
}

std::unique_ptr<WebTestWorld> make_web_test_world() {
  auto world = std::make_unique<WebTestWorld>();
  auto generated = run_command(rearview_command(
      "generate --opportunities 40 --seed 7 --out " + (world->folder / "crm").string()));
  EXPECT_EQ(generated.exit_status, 0) << generated.output;
  world->database_file = world->folder / "r.db";
  auto imported = run_command(rearview_command("import salesforce " +
                                               (world->folder / "crm").string() + " --db " +
                                               world->database_file.string()));
  EXPECT_EQ(imported.exit_status, 0) << imported.output;
  world->owner_of = pairs(world->database_file,
                          "SELECT group_concat(id || '|' || owner_id, ';') FROM opportunities");
  world->manager_of = pairs(world->database_file,
                            "SELECT group_concat(id || '|' || coalesce(manager_id, ''), ';') "
                            "FROM users");
  choose_people(*world);
  split_team(*world);
  EXPECT_FALSE(world->manager_crm_user.empty());
  EXPECT_FALSE(world->rep_crm_user.empty());
  // Interviews are of closed deals.
  world->interviewed_deal = query_value(
      world->database_file, "SELECT id FROM opportunities WHERE outcome <> 'open' ORDER BY id DESC LIMIT 1");
  auto database = service::open_database(world->database_file, OpenMode::must_exist);
  EXPECT_TRUE(database);
  world->database = std::move(*database);
  world->session = std::move(*world->database->open_session());
  add_account(*world, "admin", "");
  add_account(*world, "manager", world->manager_crm_user);
  add_account(*world, "viewer", world->manager_crm_user);
  add_account(*world, "rep", world->rep_crm_user);
  add_account(*world, "interviewer", "");
  auto assigned = service::assign_interview(*world->session, world->interviewed_deal,
                                            world->email_of["interviewer"], world->clock, 1);
  EXPECT_TRUE(assigned);
  return world;
}

}  // namespace rearview::testing
