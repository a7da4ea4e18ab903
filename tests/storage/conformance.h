// The storage conformance suite: what every engine must do, tested through
// the core interfaces only, once per engine (see engines.cc). A new engine
// joins by adding its factory there.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "rearview/core/database.h"
#include "test_support.h"

namespace rearview::conformance {

// A second writer waits this long before it is told the database is locked.
inline constexpr std::chrono::milliseconds kWriterWait{300};

struct DatabaseFactory {
  std::string name;
  // Whether several sessions of one database may be open at once (SQLite in
  // memory has one at a time; see its header).
  bool concurrent_sessions = true;
  std::function<Result<std::unique_ptr<Database>>(const std::filesystem::path& folder)> make;
};

std::vector<DatabaseFactory> every_engine();
// Names the engine in a failing test's message.
inline void PrintTo(const DatabaseFactory& factory, std::ostream* out) { *out << factory.name; }

Timestamp at(std::string_view text);

// A small company every test can start from: a rep and her manager, an
// account with two contacts, and deals of each outcome.
struct Company {
  User manager{.id = "005M", .name = "Max Manager", .email = "max@seller.com"};
  User rep{.id = "005R", .name = "Rita Rep", .email = "rita@seller.com", .manager_id = "005M"};
  Account account{.id = "001A", .name = "Acme Robotics", .owner_id = "005R"};
  Contact buyer{.id = "003P",
                .account_id = "001A",
                .first_name = "Pat",
                .last_name = "Buyer",
                .email = "pat@acme.com",
                .title = "CFO"};
  Contact engineer{.id = "003Q",
                   .account_id = "001A",
                   .first_name = "Quinn",
                   .last_name = "User",
                   .email = "quinn@acme.com",
                   .title = "Engineer"};
  Opportunity deal(const Id& id, Outcome outcome) const;
};

class StorageConformance : public ::testing::TestWithParam<DatabaseFactory> {
 protected:
  void SetUp() override;

  Database& database() { return *database_; }
  // The session most tests use; another_session() opens more where the
  // engine allows several at once.
  Session& session() { return *session_; }
  std::unique_ptr<Session> another_session();
  // Ends session() and opens a new one in its place.
  void reopen_session();

  // Runs `write` in a write transaction of session() and commits it.
  void write(const std::function<void(RecordWriter&)>& write);
  // The people and the account of `company_`, committed.
  void write_company();
  // Derives every changed deal's stage entries: one entry at its creation,
  // and the closed time `closed_at_` gives it.
  long long rederive(RecordWriter& records);

  std::vector<Id> ids_of(const DealFilter& filter);

  testing::TemporaryDirectory folder_;
  Company company_;
  std::map<Id, Timestamp> closed_at_;

 private:
  std::unique_ptr<Database> database_;
  std::unique_ptr<Session> session_;  // ends before the database
};

// In a test body: skips the test on engines with one session at a time.
#define REARVIEW_NEEDS_CONCURRENT_SESSIONS() \
  if (!GetParam().concurrent_sessions)       \
  GTEST_SKIP() << GetParam().name << " has one session at a time"

// Every suite derived from StorageConformance runs once per engine.
std::string engine_name(const ::testing::TestParamInfo<DatabaseFactory>& info);
#define REARVIEW_FOR_EVERY_ENGINE(suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Engines, suite,                                               \
                           ::testing::ValuesIn(::rearview::conformance::every_engine()), \
                           ::rearview::conformance::engine_name)

}  // namespace rearview::conformance
