// The web app's API, called without a socket: who may see which deal.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "rearview/service/access.h"
#include "rearview/service/accounts.h"
#include "rearview/web/web_app.h"
#include "sqlite_query.h"
#include "web_test_world.h"

namespace rearview::web {
namespace {

using testing::WebTestWorld;

class WebAppTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { world_ = testing::make_web_test_world().release(); }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }

  HttpResponse get(const std::string& target, const std::string& token) {
    HttpRequest request{.method = "GET", .target = target, .client = "127.0.0.1"};
    split_target(request);
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    WebApp app(*world_->database, Settings{}, world_->clock);
    return app.handle(request);
  }

  static WebTestWorld* world_;
};

WebTestWorld* WebAppTest::world_ = nullptr;

std::set<std::string> listed_ids(const HttpResponse& response) {
  std::set<std::string> ids;
  auto body = boost::json::parse(response.body).as_object();
  for (const auto& deal : body.at("opportunities").as_array())
    ids.insert(std::string(deal.as_object().at("id").as_string()));
  return ids;
}

TEST_F(WebAppTest, EveryRoleSeesExactlyItsDealsAndForeignOnesAnswer404) {
  for (const auto& [role, token] : world_->token_of) {
    SCOPED_TRACE(role);
    auto expected = world_->expected_visible(role);
    if (role != "admin") {
      EXPECT_LT(expected.size(), world_->owner_of.size());
    }
    EXPECT_FALSE(expected.empty());
    auto list = get("/api/v1/opportunities?limit=500", token);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(listed_ids(list), expected);
    for (const auto& [deal, owner] : world_->owner_of) {
      auto report = get("/api/v1/opportunities/" + deal, token);
      int wanted = expected.count(deal) ? 200 : 404;
      EXPECT_EQ(report.status, wanted) << deal;
      if (wanted == 404) {
        EXPECT_EQ(report.body.find(owner), std::string::npos);
      }
    }
  }
}

TEST_F(WebAppTest, AForeignDealAndAMissingOneAnswerTheSame) {
  std::string foreign;
  auto visible = world_->expected_visible("rep");
  for (const auto& [deal, owner] : world_->owner_of)
    if (!visible.count(deal)) foreign = deal;
  auto hidden = get("/api/v1/opportunities/" + foreign, world_->token_of["rep"]);
  auto missing = get("/api/v1/opportunities/006NOSUCHDEAL", world_->token_of["rep"]);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(missing.status, 404);
  auto message = [](const HttpResponse& response) {
    auto text = boost::json::parse(response.body).at("error").at("message").as_string();
    return std::string(text);
  };
  EXPECT_EQ(message(hidden), "there is no opportunity " + foreign);
  EXPECT_EQ(message(missing), "there is no opportunity 006NOSUCHDEAL");
}

TEST_F(WebAppTest, TheReportIsTheReportJson) {
  auto deal = *world_->expected_visible("rep").begin();
  auto report = get("/api/v1/opportunities/" + deal, world_->token_of["rep"]);
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.content_type, "application/json");
  auto body = boost::json::parse(report.body).as_object();
  EXPECT_EQ(body.at("opportunity").at("id").as_string(), deal);
}

TEST_F(WebAppTest, PagesFollowTheNextLinkToTheEnd) {
  std::set<std::string> seen;
  std::string target = "/api/v1/opportunities?limit=7";
  int pages = 0;
  while (!target.empty() && pages < 20) {
    auto page = get(target, world_->token_of["admin"]);
    ASSERT_EQ(page.status, 200) << page.body;
    for (const auto& id : listed_ids(page)) EXPECT_TRUE(seen.insert(id).second) << id;
    auto next = boost::json::parse(page.body).at("next");
    target = next.is_null() ? "" : std::string(next.as_string());
    ++pages;
  }
  EXPECT_EQ(seen.size(), world_->owner_of.size());
  EXPECT_EQ(pages, static_cast<int>((world_->owner_of.size() + 6) / 7) +
                       (world_->owner_of.size() % 7 == 0 ? 1 : 0));
}

TEST_F(WebAppTest, FiltersNarrowTheList) {
  auto won = get("/api/v1/opportunities?outcome=won&limit=500", world_->token_of["admin"]);
  ASSERT_EQ(won.status, 200);
  auto body = boost::json::parse(won.body);
  for (const auto& deal : body.at("opportunities").as_array())
    EXPECT_EQ(deal.at("outcome").as_string(), "won");
  auto bad = get("/api/v1/opportunities?outcome=maybe", world_->token_of["admin"]);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(boost::json::parse(bad.body).at("error").at("code").as_string(), "bad_request");
  EXPECT_EQ(get("/api/v1/opportunities?limit=0", world_->token_of["admin"]).status, 400);
  EXPECT_EQ(get("/api/v1/opportunities?limit=9x", world_->token_of["admin"]).status, 400);
}

TEST_F(WebAppTest, NoTokenOrAWrongOneIs401) {
  EXPECT_EQ(get("/api/v1/opportunities", "").status, 401);
  auto wrong = get("/api/v1/opportunities", "not-a-token");
  EXPECT_EQ(wrong.status, 401);
  auto header = std::find_if(wrong.headers.begin(), wrong.headers.end(),
                             [](const auto& h) { return h.first == "WWW-Authenticate"; });
  EXPECT_NE(header, wrong.headers.end());
}

TEST_F(WebAppTest, HealthAndMetricsNeedNoLogin) {
  EXPECT_EQ(get("/healthz", "").body, "ok\n");
  auto metrics = get("/metrics", "");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("# TYPE rearview_http_requests_total counter"), std::string::npos);
}

TEST_F(WebAppTest, TokensAndPasswordsAreKeptOnlyAsHashes) {
  for (const auto& [role, token] : world_->token_of) {
    auto stored = testing::query_value(
        world_->database_file, "SELECT count(*) FROM api_tokens WHERE token_hash = '" + token + "'");
    EXPECT_EQ(stored, "0");
  }
  auto hash = testing::query_value(world_->database_file,
                                   "SELECT password_hash FROM app_users WHERE role = 'rep'");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("a password of rep"), std::string::npos);
}

TEST_F(WebAppTest, EveryAccountChangeIsInTheAuditLog) {
  auto entries = world_->session->accounts().audit_log(100);
  ASSERT_TRUE(entries);
  int users = 0, tokens = 0, assignments = 0;
  for (const auto& entry : *entries) {
    users += entry.action == "user.add";
    tokens += entry.action == "token.create";
    assignments += entry.action == "interview.assign";
  }
  EXPECT_EQ(users, 5);
  EXPECT_EQ(tokens, 5);
  EXPECT_EQ(assignments, 1);
}

class LoginTest : public WebAppTest {};

TEST_F(LoginTest, AWrongPasswordIsDeniedAndTooManyAreRateLimited) {
  service::Authenticator authenticator(world_->clock,
                                       service::LoginLimits{.failures_per_address = 3});
  auto& session = *world_->session;
  auto right = authenticator.log_in(session, "REP@rearview.test", "a password of rep", "10.0.0.1");
  ASSERT_TRUE(right) << right.error().message;
  EXPECT_EQ(right->csrf_token.size(), 64u);
  auto who = authenticator.session_user(session, right->session_token);
  ASSERT_TRUE(who && *who);
  EXPECT_EQ((*who)->email, "rep@rearview.test");
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto wrong = authenticator.log_in(session, "rep@rearview.test", "guess", "10.0.0.1");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::denied);
  }
  auto limited = authenticator.log_in(session, "rep@rearview.test", "a password of rep", "10.0.0.1");
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, ErrorCode::rate_limited);
  auto unknown = authenticator.log_in(session, "nobody@rearview.test", "guess", "10.0.0.2");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "the e-mail address or the password is wrong");
  ASSERT_TRUE(authenticator.log_out(session, right->session_token));
  auto gone = authenticator.session_user(session, right->session_token);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
}

TEST_F(LoginTest, ASessionEndsWhenItExpires) {
  service::FixedClock later(world_->clock.now() + std::chrono::hours(13));
  service::Authenticator now(world_->clock), afterwards(later);
  auto login = now.log_in(*world_->session, "admin@rearview.test", "a password of admin", "x");
  ASSERT_TRUE(login);
  auto still = now.session_user(*world_->session, login->session_token);
  ASSERT_TRUE(still && *still);
  auto expired = afterwards.session_user(*world_->session, login->session_token);
  ASSERT_TRUE(expired);
  EXPECT_FALSE(*expired);
}

TEST(AccountsTest, RepsAndManagersNeedACrmUserAndPasswordsAreLongEnough) {
  auto world = testing::make_web_test_world();
  service::NewUserRequest rep{.name = "R", .email = "r@x.test", .role = "rep",
                              .password = "long enough password"};
  auto no_crm = service::add_user(*world->session, rep, world->clock);
  ASSERT_FALSE(no_crm);
  EXPECT_EQ(no_crm.error().code, ErrorCode::usage);
  rep.crm_user = "005NOBODY";
  auto unknown = service::add_user(*world->session, rep, world->clock);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  service::NewUserRequest viewer{.name = "V", .email = "v@x.test", .role = "viewer",
                                 .password = "short"};
  EXPECT_FALSE(service::add_user(*world->session, viewer, world->clock));
  viewer.password = "long enough password";
  viewer.role = "boss";
  EXPECT_FALSE(service::add_user(*world->session, viewer, world->clock));
  viewer.role = "viewer";
  EXPECT_TRUE(service::add_user(*world->session, viewer, world->clock));
  viewer.email = "V@X.test";
  auto twice = service::add_user(*world->session, viewer, world->clock);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::invalid_input);
}

}  // namespace
}  // namespace rearview::web

namespace rearview::web {
namespace {

TEST(UserCommandsTest, AddAnAccountThenATokenFromTheCommandLine) {
  auto world = testing::make_web_test_world();
  auto password = world->folder / "password.txt";
  testing::write_file(password, "a long enough password\n");
  std::string db = " --db " + world->database_file.string();
  auto added = testing::run_command(testing::rearview_command(
      "user add --role viewer --name 'Vera Viewer' --email Vera@Example.COM --password-file " +
      password.string() + db));
  EXPECT_EQ(added.exit_status, 0) << added.output;
  EXPECT_NE(added.output.find("Vera Viewer <vera@example.com>: viewer"), std::string::npos);
  auto again = testing::run_command(testing::rearview_command(
      "user add --role viewer --name V --email vera@example.com --password-file " +
      password.string() + db));
  EXPECT_EQ(again.exit_status, 3) << again.output;
  auto token = testing::run_command(
      testing::rearview_command("token create --user vera@example.com" + db));
  EXPECT_EQ(token.exit_status, 0);
  EXPECT_EQ(token.output.find('\n'), 43u) << token.output;  // the token's line, then the advice
  auto nobody = testing::run_command(
      testing::rearview_command("token create --user nobody@example.com" + db));
  EXPECT_EQ(nobody.exit_status, 4) << nobody.output;
  EXPECT_EQ(testing::query_value(world->database_file,
                                 "SELECT count(*) FROM app_users WHERE email = 'vera@example.com'"),
            "1");
}

TEST(UserCommandsTest, ImportCrmGivesEveryCrmUserWithoutAnAccountOneOnce) {
  auto world = testing::make_web_test_world();
  auto password = world->folder / "password.txt";
  testing::write_file(password, "a first password\n");
  std::string command = "user import-crm --password-file " + password.string() + " --db " +
                        world->database_file.string();
  auto count = [&](const std::string& sql) { return testing::query_value(world->database_file, sql); };
  // The world gave the manager, the viewer and the rep accounts: the viewer
  // shares the manager's CRM user, so two CRM users have one.
  auto expected_new = std::stoi(count("SELECT count(*) FROM users WHERE is_active = 1 AND "
                                      "email <> ''")) - 2;
  auto first = testing::run_command(testing::rearview_command(command));
  ASSERT_EQ(first.exit_status, 0) << first.output;
  EXPECT_NE(first.output.find(std::to_string(expected_new) + " accounts added; 2 CRM users had one"),
            std::string::npos)
      << first.output;
  // A manager exactly when someone reports to them.
  EXPECT_EQ(count("SELECT count(*) FROM app_users a JOIN users u ON u.id = a.crm_user_id WHERE "
                  "a.role = 'manager' AND NOT EXISTS (SELECT 1 FROM users r WHERE r.manager_id = u.id)"),
            "0");
  EXPECT_EQ(count("SELECT count(*) FROM app_users a JOIN users u ON u.id = a.crm_user_id WHERE "
                  "a.role = 'rep' AND EXISTS (SELECT 1 FROM users r WHERE r.manager_id = u.id)"),
            "0");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'user.add'"),
            std::to_string(expected_new + 5));
  auto second = testing::run_command(testing::rearview_command(command));
  ASSERT_EQ(second.exit_status, 0) << second.output;
  EXPECT_NE(second.output.find("0 accounts added"), std::string::npos) << second.output;
  // Each can sign in with the first password.
  service::Authenticator authenticator(world->clock);
  auto email = count("SELECT a.email FROM app_users a WHERE a.role = 'rep' AND a.email NOT LIKE "
                     "'%@rearview.test' LIMIT 1");
  EXPECT_TRUE(authenticator.log_in(*world->session, email, "a first password", "127.0.0.1"));
}

}  // namespace
}  // namespace rearview::web
