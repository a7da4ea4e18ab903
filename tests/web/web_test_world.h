// A generated company imported into a database, with one account of each
// role and an API token for each: what the web tests ask the app with.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "rearview/core/database.h"
#include "rearview/service/clock.h"
#include "test_support.h"

namespace rearview::testing {

struct WebTestWorld {
  TemporaryDirectory folder;
  std::filesystem::path database_file;
  std::unique_ptr<Database> database;
  std::unique_ptr<Session> session;
  service::FixedClock clock{Timestamp{std::chrono::seconds{1'800'000'000}}};
  std::map<std::string, std::string> token_of;  // role name -> API token
  std::map<std::string, std::string> email_of;  // role name -> address
  std::string manager_crm_user;
  std::string rep_crm_user;
  std::string interviewed_deal;
  // Every opportunity id -> its owner's CRM user id.
  std::map<std::string, std::string> owner_of;
  // CRM user id -> their manager's, from the users table.
  std::map<std::string, std::string> manager_of;

  // The deals each role should see, computed here by walking the managers
  // up from each owner (the store walks them down, in SQL).
  std::set<std::string> expected_visible(const std::string& role) const;
};

// Generated with `rearview generate --opportunities 40`, imported.
std::unique_ptr<WebTestWorld> make_web_test_world();

}  // namespace rearview::testing
