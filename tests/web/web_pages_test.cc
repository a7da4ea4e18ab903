// The web app's pages, asked the way a browser asks: a cookie jar, forms
// posted with the CSRF token the page gave, redirects followed by hand.
#include <gtest/gtest.h>

#include <regex>

#include <boost/json.hpp>

#include "rearview/core/settings.h"
#include "rearview/service/accounts.h"
#include "rearview/service/postmortems.h"
#include "rearview/web/web_app.h"
#include "sqlite_query.h"
#include "web_test_world.h"

namespace rearview::web {
namespace {

using testing::WebTestWorld;

// What a browser keeps between requests: the cookies the app set.
class Browser {
 public:
  explicit Browser(WebApp& app) : app_(app) {}

  HttpResponse get(const std::string& target) { return send("GET", target, ""); }
  HttpResponse post(const std::string& target, const std::string& form) {
    return send("POST", target, form);
  }
  std::string cookie(const std::string& name) const {
    auto found = jar_.find(name);
    return found == jar_.end() ? "" : found->second;
  }
  void forget(const std::string& name) { jar_.erase(name); }

  // Fetches the login form and posts it with the token it carried.
  HttpResponse log_in(const std::string& email, const std::string& password) {
    auto form = get("/login");
    EXPECT_EQ(form.status, 200);
    return post("/login", "csrf=" + hidden_csrf(form.body) + "&email=" + percent_encode(email) +
                              "&password=" + percent_encode(password));
  }

  static std::string hidden_csrf(const std::string& page) {
    std::smatch match;
    std::regex field(R"re(name="csrf" value="([^"]+)")re");
    return std::regex_search(page, match, field) ? match[1].str() : "";
  }

 private:
  HttpResponse send(const std::string& method, const std::string& target, const std::string& body) {
    HttpRequest request{.method = method, .target = target, .body = body, .client = "127.0.0.1"};
    split_target(request);
    std::string cookies;
    for (const auto& [name, value] : jar_) cookies += (cookies.empty() ? "" : "; ") + name + "=" + value;
    if (!cookies.empty()) request.headers["cookie"] = cookies;
    if (method == "POST") request.headers["content-type"] = "application/x-www-form-urlencoded";
    auto response = app_.handle(request);
    for (const auto& [name, value] : response.headers)
      if (name == "Set-Cookie") keep(value);
    return response;
  }
  void keep(const std::string& set_cookie) {
    auto equals = set_cookie.find('=');
    auto end = set_cookie.find(';');
    std::string name = set_cookie.substr(0, equals);
    std::string value = set_cookie.substr(equals + 1, end - equals - 1);
    if (value.empty() || set_cookie.find("Max-Age=0") != std::string::npos)
      jar_.erase(name);
    else
      jar_[name] = value;
  }

  WebApp& app_;
  std::map<std::string, std::string> jar_;
};

std::string header(const HttpResponse& response, const std::string& name) {
  std::string all;
  for (const auto& [key, value] : response.headers)
    if (key == name) all += (all.empty() ? "" : "\n") + value;
  return all;
}

std::string password_of(const std::string& role) { return "a password of " + role; }

// The stage open deals are in gets one milestone of each kind.
Settings settings_with_milestones(const std::string& stage_name) {
  Settings settings;
  settings.stages = default_stages();
  Stage stage{.name = stage_name, .sort_order = 50};
  stage.milestones = {
      {.key = "champion", .label = "Champion confirmed", .kind = MilestoneKind::toggle},
      {.key = "budget", .label = "Budget", .kind = MilestoneKind::dropdown,
       .options = {"unknown", "allocated", "approved"}},
      {.key = "security", .label = "Security review", .kind = MilestoneKind::picklist,
       .options = {"questionnaire", "pen test"}},
  };
  bool found = false;
  for (auto& known : settings.stages)
    if (known.name == stage_name) {
      known.milestones = stage.milestones;
      found = true;
    }
  if (!found) settings.stages.push_back(stage);
  return settings;
}

class WebPagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = testing::make_web_test_world().release();
    auto rep = world_->rep_crm_user;
    open_deal_ = testing::query_value(
        world_->database_file,
        "SELECT id FROM opportunities WHERE owner_id = '" + rep +
            "' AND outcome = 'open' ORDER BY id LIMIT 1");
    open_stage_ = testing::query_value(world_->database_file,
                                       "SELECT stage FROM opportunities WHERE id = '" +
                                           open_deal_ + "'");
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  void SetUp() override {
    app_ = std::make_unique<WebApp>(*world_->database, settings_with_milestones(open_stage_),
                                    world_->clock, [this] { ++changes_; });
  }

  Browser signed_in(const std::string& role) {
    Browser browser(*app_);
    auto login = browser.log_in(world_->email_of.at(role), password_of(role));
    EXPECT_EQ(login.status, 303) << login.body;
    return browser;
  }

  static WebTestWorld* world_;
  static std::string open_deal_;
  static std::string open_stage_;
  std::unique_ptr<WebApp> app_;
  int changes_ = 0;
};

WebTestWorld* WebPagesTest::world_ = nullptr;
std::string WebPagesTest::open_deal_;
std::string WebPagesTest::open_stage_;

TEST_F(WebPagesTest, SignedOutPagesGoToTheLoginForm) {
  Browser browser(*app_);
  for (const auto& target : std::vector<std::string>{"/", "/opportunities/" + open_deal_, "/nowhere"}) {
    auto response = browser.get(target);
    EXPECT_EQ(response.status, 303) << target;
    EXPECT_EQ(header(response, "Location"), "/login") << target;
  }
  EXPECT_EQ(browser.post("/opportunities/" + open_deal_ + "/milestones", "key=x").status, 403);
}

TEST_F(WebPagesTest, LoggingInSetsAnHttpOnlySameSiteSessionCookie) {
  Browser browser(*app_);
  auto form = browser.get("/login");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(header(form, "Set-Cookie").find("rearview_login="), std::string::npos);
  EXPECT_NE(header(form, "Set-Cookie").find("SameSite=Strict"), std::string::npos);
  auto login = browser.post("/login", "csrf=" + Browser::hidden_csrf(form.body) +
                                          "&email=rep%40rearview.test&password=" +
                                          percent_encode(password_of("rep")));
  ASSERT_EQ(login.status, 303) << login.body;
  EXPECT_EQ(header(login, "Location"), "/");
  auto cookies = header(login, "Set-Cookie");
  EXPECT_NE(cookies.find("rearview_session="), std::string::npos);
  EXPECT_NE(cookies.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookies.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookies.find("Secure"), std::string::npos);  // plain HTTP here
  EXPECT_EQ(browser.get("/").status, 200);
  EXPECT_EQ(browser.post("/logout", "csrf=" + Browser::hidden_csrf(browser.get("/").body)).status,
            303);
  EXPECT_EQ(browser.get("/").status, 303);
}

TEST_F(WebPagesTest, ALoginWithoutItsFormTokenOrWithAWrongPasswordIsRefused) {
  Browser browser(*app_);
  browser.get("/login");
  auto forged = browser.post("/login", "csrf=guess&email=rep%40rearview.test&password=" +
                                           percent_encode(password_of("rep")));
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(browser.cookie("rearview_session").empty());
  auto wrong = browser.log_in("rep@rearview.test", "not the password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_TRUE(browser.cookie("rearview_session").empty());
}

TEST_F(WebPagesTest, EveryPageCarriesThePolicyThatForbidsInlineScript) {
  auto browser = signed_in("rep");
  Browser stranger(*app_);
  std::vector<HttpResponse> pages = {browser.get("/"), browser.get("/opportunities/" + open_deal_),
                                     browser.get("/nowhere"), stranger.get("/login")};
  for (const auto& page : pages) {
    auto policy = header(page, "Content-Security-Policy");
    SCOPED_TRACE(policy);
    EXPECT_NE(policy.find("script-src 'self';"), std::string::npos);
    EXPECT_NE(policy.find("frame-ancestors 'self'"), std::string::npos);
    // Only style attributes may be inline (the report's SVG bars use them).
    auto inline_at = policy.find("'unsafe-inline'");
    EXPECT_EQ(inline_at, policy.find("style-src-attr 'unsafe-inline'") + 15);
    EXPECT_EQ(policy.find("'unsafe-inline'", inline_at + 1), std::string::npos);
    EXPECT_EQ(header(page, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  }
  // The deal page updates itself from a script file, never an inline one.
  EXPECT_NE(pages[1].body.find("<script src=\"/static/live.js\" defer></script>"),
            std::string::npos);
  EXPECT_NE(pages[1].body.find("data-live=\"/api/v1/opportunities/" + open_deal_ + "/state\""),
            std::string::npos);
}

TEST_F(WebPagesTest, HomeListsExactlyTheRepsOpenDeals) {
  auto browser = signed_in("rep");
  auto home = browser.get("/");
  ASSERT_EQ(home.status, 200);
  auto open = testing::query_value(world_->database_file,
                                   "SELECT group_concat(id, ' ') FROM opportunities WHERE "
                                   "outcome = 'open' AND owner_id = '" + world_->rep_crm_user + "'");
  int listed = 0;
  for (const auto& [deal, owner] : world_->owner_of) {
    bool shown = home.body.find("href=\"/opportunities/" + deal + "\"") != std::string::npos;
    bool expected = open.find(deal) != std::string::npos;
    EXPECT_EQ(shown, expected) << deal;
    listed += shown;
  }
  EXPECT_GT(listed, 0);
}

TEST_F(WebPagesTest, AnInterviewersHomeListsTheDealsGivenToThemOpenOrClosed) {
  auto browser = signed_in("interviewer");
  auto home = browser.get("/");
  ASSERT_EQ(home.status, 200);
  for (const auto& [deal, owner] : world_->owner_of) {
    bool shown = home.body.find("href=\"/opportunities/" + deal + "\"") != std::string::npos;
    EXPECT_EQ(shown, deal == world_->interviewed_deal) << deal;
  }
}

TEST_F(WebPagesTest, AForeignDealPageIsNotFound) {
  auto browser = signed_in("rep");
  auto visible = world_->expected_visible("rep");
  for (const auto& [deal, owner] : world_->owner_of) {
    auto page = browser.get("/opportunities/" + deal);
    EXPECT_EQ(page.status, visible.count(deal) ? 200 : 404) << deal;
    auto milestones = browser.get("/opportunities/" + deal + "/milestones");
    EXPECT_EQ(milestones.status, visible.count(deal) ? 200 : 404) << deal;
  }
}

TEST_F(WebPagesTest, AFormPostedWithoutTheSessionsTokenIsRefused) {
  auto browser = signed_in("rep");
  auto target = "/opportunities/" + open_deal_ + "/milestones";
  auto refused = browser.post(target, "stage=x&key=champion&value=true");
  EXPECT_EQ(refused.status, 403);
  auto wrong = browser.post(target, "csrf=0000&stage=x&key=champion&value=true");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(changes_, 0);
}

// The form of one button, as the page has it: its hidden fields in order.
std::string button_form(const std::string& page, const std::string& key, const std::string& value) {
  std::regex form("<form method=\"post\"[^>]*>(<input type=\"hidden\" name=\"csrf\" value=\"([^\"]*)\">)?"
                  "<input type=\"hidden\" name=\"stage\" value=\"([^\"]*)\">"
                  "<input type=\"hidden\" name=\"key\" value=\"" + key + "\">"
                  "<input type=\"hidden\" name=\"value\" value=\"" + value + "\">");
  std::smatch match;
  if (!std::regex_search(page, match, form)) return "";
  return "csrf=" + match[2].str() + "&stage=" + percent_encode(match[3].str()) + "&key=" + key +
         "&value=" + percent_encode(value);
}

TEST_F(WebPagesTest, TickingAMilestoneRecordsItAuditsItAndShowsItPressed) {
  auto browser = signed_in("rep");
  auto target = "/opportunities/" + open_deal_ + "/milestones";
  auto before = browser.get(target);
  ASSERT_EQ(before.status, 200);
  ASSERT_NE(before.body.find("Champion confirmed"), std::string::npos) << before.body;
  auto form = button_form(before.body, "champion", "true");
  ASSERT_FALSE(form.empty()) << before.body;
  auto ticked = browser.post(target, form);
  ASSERT_EQ(ticked.status, 303) << ticked.body;
  EXPECT_EQ(header(ticked, "Location"), target);
  EXPECT_EQ(changes_, 1);
  auto after = browser.get(target);
  EXPECT_NE(after.body.find("aria-pressed=\"true\">Done ✓</button>"), std::string::npos);
  EXPECT_FALSE(button_form(after.body, "champion", "false").empty());
  auto audited = testing::query_value(
      world_->database_file,
      "SELECT a.action || ' ' || a.target || ' ' || u.email FROM audit_log a JOIN app_users u "
      "ON u.id = a.user_id WHERE a.action = 'milestone.record' ORDER BY a.id DESC LIMIT 1");
  EXPECT_EQ(audited, "milestone.record " + open_deal_ + " rep@rearview.test");
  auto stored = testing::query_value(
      world_->database_file,
      "SELECT value FROM milestone_attainments WHERE opportunity_id = '" + open_deal_ +
          "' AND key = 'champion' ORDER BY attained_at DESC LIMIT 1");
  EXPECT_EQ(stored, "true");
}

TEST_F(WebPagesTest, APicklistTapAddsOneOptionAndKeepsTheOthers) {
  auto browser = signed_in("rep");
  auto target = "/opportunities/" + open_deal_ + "/milestones";
  auto first = button_form(browser.get(target).body, "security", "questionnaire");
  ASSERT_FALSE(first.empty());
  ASSERT_EQ(browser.post(target, first).status, 303);
  auto page = browser.get(target).body;
  // Pressing "pen test" now sends both options.
  EXPECT_FALSE(button_form(page, "security", "questionnaire,pen test").empty()) << page;
  // Pressing "questionnaire" again takes it out.
  EXPECT_FALSE(button_form(page, "security", "").empty()) << page;
}

TEST_F(WebPagesTest, AViewerSeesTheMilestonesButMayNotChangeThem) {
  auto browser = signed_in("viewer");
  auto target = "/opportunities/" + open_deal_ + "/milestones";
  ASSERT_TRUE(world_->expected_visible("viewer").count(open_deal_));
  auto page = browser.get(target);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("read-only for your role"), std::string::npos);
  EXPECT_NE(page.body.find(" disabled>"), std::string::npos);
  auto form = button_form(page.body, "budget", "approved");
  ASSERT_FALSE(form.empty());
  EXPECT_EQ(browser.post(target, form).status, 403);
  EXPECT_EQ(changes_, 0);
}

TEST_F(WebPagesTest, ADealsNameWithMarkupIsShownAsText) {
  std::string hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
  testing::execute_sql(world_->database_file, "UPDATE opportunities SET name = '" + hostile +
                                                  "' WHERE id = '" + open_deal_ + "'");
  auto browser = signed_in("rep");
  for (const auto& target : std::vector<std::string>{"/", "/opportunities/" + open_deal_,
                                   "/opportunities/" + open_deal_ + "/milestones"}) {
    auto page = browser.get(target);
    ASSERT_EQ(page.status, 200) << target;
    EXPECT_EQ(page.body.find("<script>alert"), std::string::npos) << target;
    EXPECT_EQ(page.body.find("<img src=x"), std::string::npos) << target;
    EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << target;
  }
}

}  // namespace
}  // namespace rearview::web

namespace rearview::web {
namespace {

// The form a browser would post: its fields percent-encoded, the session's token.
std::string interview_form(const std::string& csrf, const std::string& extra) {
  return "csrf=" + csrf + "&value=" + percent_encode("It paid back in a quarter") +
         "&inside=" + percent_encode("Dana Smith, CFO\nLee Park, IT lead") +
         "&outside=" + percent_encode("Gartner, analyst") + "&factors=" +
         percent_encode("Support in our time zone") + "&driver=competitor&competitor=Globex" +
         "&reason=Timing&reason=" + percent_encode("Product fit") + "&quotes=" +
         percent_encode("<script>alert('q')</script> We just could not wait.\n\nSecond quote.") +
         extra;
}

class WebInterviewTest : public WebPagesTest {
 protected:
  std::string closed_deal() const { return world_->interviewed_deal; }
};

TEST_F(WebInterviewTest, AnInterviewerRecordsTheInterviewAndTheReportShowsIt) {
  auto browser = signed_in("interviewer");
  auto target = "/opportunities/" + closed_deal() + "/interview";
  auto page = browser.get(target);
  ASSERT_EQ(page.status, 200);
  ASSERT_NE(page.body.find("name=\"inside\""), std::string::npos) << page.body;
  auto saved = browser.post(target, interview_form(Browser::hidden_csrf(page.body), ""));
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(changes_, 1);
  // The report's JSON carries it, beside the CRM's reason.
  HttpRequest api{.method = "GET", .target = "/api/v1/opportunities/" + closed_deal(),
                  .client = "127.0.0.1"};
  split_target(api);
  api.headers["authorization"] = "Bearer " + world_->token_of.at("interviewer");
  auto report = boost::json::parse(app_->handle(api).body).as_object();
  ASSERT_TRUE(report.at("interview").is_object()) << report.at("interview");
  const auto& interview = report.at("interview").as_object();
  EXPECT_EQ(interview.at("interviewer").as_string(), "Test interviewer");
  EXPECT_EQ(interview.at("driver").as_string(), "competitor");
  EXPECT_EQ(interview.at("competitor").as_string(), "Globex");
  EXPECT_EQ(interview.at("voices").as_array().size(), 3u);
  EXPECT_EQ(interview.at("voices").as_array().at(0).at("role").as_string(), "CFO");
  EXPECT_FALSE(interview.at("voices").as_array().at(2).at("in_the_room").as_bool());
  EXPECT_EQ(interview.at("quotes").as_array().size(), 2u);
  auto crm_reason = testing::query_value(
      world_->database_file, "SELECT CASE outcome WHEN 'lost' THEN loss_reason ELSE win_reason END "
                             "FROM opportunities WHERE id = '" + closed_deal() + "'");
  ASSERT_TRUE(interview.at("beside_crm").is_object()) << "the interviewed deal is closed";
  const auto& beside = interview.at("beside_crm").as_object();
  bool agrees = crm_reason.find("Timing") != std::string::npos ||
                crm_reason.find("Product fit") != std::string::npos;
  EXPECT_EQ(beside.at("reasons_differ").as_bool(), !agrees) << crm_reason;
  EXPECT_EQ(testing::query_value(world_->database_file,
                                 "SELECT count(*) FROM audit_log WHERE action = 'interview.record' "
                                 "AND target = '" + closed_deal() + "'"),
            "1");
  // The deal page shows the answers, a quote's markup as text.
  auto deal = browser.get("/opportunities/" + closed_deal());
  EXPECT_NE(deal.body.find("It paid back in a quarter"), std::string::npos);
  EXPECT_NE(deal.body.find("&lt;script&gt;alert("), std::string::npos);
  EXPECT_EQ(deal.body.find("<script>alert("), std::string::npos);
  // And the form comes back filled in.
  auto again = browser.get(target);
  EXPECT_NE(again.body.find("value=\"Timing\" checked"), std::string::npos);
  EXPECT_NE(again.body.find("Dana Smith, CFO"), std::string::npos);
}

TEST_F(WebInterviewTest, AReasonThatIsNotACodeIsRefusedAndWhatWasTypedStays) {
  auto browser = signed_in("interviewer");
  auto target = "/opportunities/" + closed_deal() + "/interview";
  auto csrf = Browser::hidden_csrf(browser.get(target).body);
  auto refused = browser.post(target, interview_form(csrf, "&reason=Bad%20vibes"));
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("&quot;Bad vibes&quot; is not one of the reason codes"), std::string::npos);
  EXPECT_NE(refused.body.find("It paid back in a quarter"), std::string::npos);
  auto no_competitor = browser.post(target, "csrf=" + csrf + "&driver=competitor");
  EXPECT_EQ(no_competitor.status, 400);
  EXPECT_EQ(changes_, 0);
}

TEST_F(WebInterviewTest, TheOwnerDoesNotInterviewTheirOwnBuyer) {
  auto browser = signed_in("rep");
  auto target = "/opportunities/" + open_deal_ + "/interview";
  auto page = browser.get(target);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("name=\"inside\""), std::string::npos);
  EXPECT_NE(page.body.find("the deal's owner"), std::string::npos);
  auto refused = browser.post(target, interview_form(Browser::hidden_csrf(browser.get("/").body), ""));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(changes_, 0);
}

TEST_F(WebInterviewTest, AnAdminWhoOwnsTheDealMayOverrideAndItIsLogged) {
  service::NewUserRequest request{.name = "Owning admin", .email = "owning-admin@rearview.test",
                                  .role = "admin", .crm_user = world_->rep_crm_user,
                                  .password = "a password of owning admin"};
  ASSERT_TRUE(service::add_user(*world_->session, request, world_->clock));
  Browser browser(*app_);
  ASSERT_EQ(browser.log_in(request.email, request.password).status, 303);
  auto target = "/opportunities/" + open_deal_ + "/interview";
  auto csrf = Browser::hidden_csrf(browser.get(target).body);
  EXPECT_EQ(browser.post(target, interview_form(csrf, "")).status, 403);
  EXPECT_EQ(browser.post(target, interview_form(csrf, "&override=yes")).status, 303);
  EXPECT_EQ(testing::query_value(world_->database_file,
                                 "SELECT count(*) FROM audit_log WHERE action = "
                                 "'interview.owner_override' AND target = '" + open_deal_ + "'"),
            "1");
}

TEST_F(WebInterviewTest, AViewerReadsTheInterviewButHasNoForm) {
  auto browser = signed_in("viewer");
  auto page = browser.get("/opportunities/" + open_deal_ + "/interview");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<form method=\"post\" action=\"/opportunities"), std::string::npos);
  EXPECT_EQ(browser.post("/opportunities/" + open_deal_ + "/interview",
                         interview_form(Browser::hidden_csrf(browser.get("/").body), ""))
                .status,
            403);
}

}  // namespace
}  // namespace rearview::web

namespace rearview::web {
namespace {

// A company whose mail went to a mailbox: matching leaves some for review.
class WebReviewTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new testing::TemporaryDirectory();
    auto crm = (folder_->path() / "crm").string();
    database_file_ = folder_->path() / "r.db";
    std::string db = " --db " + database_file_.string();
    auto ran = testing::run_command(testing::rearview_command(
        "generate --opportunities 40 --seed 5 --mailbox --out " + crm));
    ASSERT_EQ(ran.exit_status, 0) << ran.output;
    ran = testing::run_command(testing::rearview_command("import salesforce " + crm + db));
    ASSERT_EQ(ran.exit_status, 0) << ran.output;
    ran = testing::run_command(testing::rearview_command("import mail " + crm + "/mail/all-mail.mbox" + db));
    ASSERT_EQ(ran.exit_status, 0) << ran.output;
    // The rep: the owner of the best candidate of the first item for review.
    rep_crm_user_ = testing::query_value(
        database_file_,
        "SELECT o.owner_id FROM match_candidates c JOIN opportunities o ON o.id = c.opportunity_id "
        "ORDER BY c.interaction_id, c.rank LIMIT 1");
    auto database = service::open_database(database_file_, OpenMode::must_exist);
    ASSERT_TRUE(database);
    database_ = database->release();
    auto session = database_->open_session();
    for (auto [role, crm] : {std::pair{"admin", std::string()}, std::pair{"rep", rep_crm_user_},
                             std::pair{"viewer", rep_crm_user_}}) {
      service::NewUserRequest request{.name = std::string("Test ") + role,
                                      .email = std::string(role) + "@rearview.test",
                                      .role = role,
                                      .crm_user = crm,
                                      .password = std::string("a password of ") + role};
      ASSERT_TRUE(service::add_user(**session, request, clock_));
    }
  }
  static void TearDownTestSuite() {
    delete database_;
    delete folder_;
  }
  void SetUp() override { app_ = std::make_unique<WebApp>(*database_, Settings{}, clock_); }

  Browser signed_in(const std::string& role) {
    Browser browser(*app_);
    EXPECT_EQ(browser.log_in(role + "@rearview.test", "a password of " + role).status, 303);
    return browser;
  }
  static int items_on(const std::string& page) {
    int count = 0;
    for (auto at = page.find("class=\"card review-item\""); at != std::string::npos;
         at = page.find("class=\"card review-item\"", at + 1))
      ++count;
    return count;
  }

  static inline testing::TemporaryDirectory* folder_ = nullptr;
  static inline std::filesystem::path database_file_;
  static inline Database* database_ = nullptr;
  static inline std::string rep_crm_user_;
  static inline service::FixedClock clock_{Timestamp{std::chrono::seconds{1'800'000'000}}};
  std::unique_ptr<WebApp> app_;
};

TEST_F(WebReviewTest, AnAdminSeesTheWholeQueueAndARepOnlyItemsWithTheirDeals) {
  int queued = std::stoi(testing::query_value(
      database_file_, "SELECT count(*) FROM match_outcomes WHERE status = 'review'"));
  ASSERT_GT(queued, 0);
  ASSERT_LT(queued, 200);
  EXPECT_EQ(items_on(signed_in("admin").get("/review").body), queued);
  int theirs = std::stoi(testing::query_value(
      database_file_,
      "SELECT count(DISTINCT c.interaction_id) FROM match_candidates c JOIN opportunities o "
      "ON o.id = c.opportunity_id WHERE o.owner_id = '" + rep_crm_user_ + "'"));
  auto page = signed_in("rep").get("/review");
  EXPECT_EQ(items_on(page.body), theirs);
  EXPECT_LT(theirs, queued);
}

TEST_F(WebReviewTest, ARepAssignsAnItemToTheirDealAndNotToAnotherOne) {
  auto browser = signed_in("rep");
  auto interaction = testing::query_value(
      database_file_,
      "SELECT c.interaction_id FROM match_candidates c JOIN opportunities o ON o.id = "
      "c.opportunity_id WHERE o.owner_id = '" + rep_crm_user_ + "' LIMIT 1");
  auto mine = testing::query_value(
      database_file_, "SELECT c.opportunity_id FROM match_candidates c JOIN opportunities o ON o.id "
                      "= c.opportunity_id WHERE c.interaction_id = '" + interaction +
                          "' AND o.owner_id = '" + rep_crm_user_ + "' LIMIT 1");
  // A deal of someone else's, a candidate of some item for review.
  auto foreign = testing::query_value(
      database_file_, "SELECT c.opportunity_id FROM match_candidates c JOIN opportunities o ON o.id "
                      "= c.opportunity_id WHERE o.owner_id <> '" + rep_crm_user_ + "' LIMIT 1");
  ASSERT_NE(foreign, "<no row>");
  auto page = browser.get("/review");
  auto csrf = Browser::hidden_csrf(page.body);
  EXPECT_EQ(page.body.find("value=\"" + foreign + "\""), std::string::npos);
  auto form = [&](const std::string& deal) {
    return "csrf=" + csrf + "&interaction=" + percent_encode(interaction) + "&opportunity=" + deal;
  };
  EXPECT_EQ(browser.post("/review", form(foreign)).status, 404);
  auto viewer = signed_in("viewer");
  EXPECT_EQ(viewer.post("/review", "csrf=" + Browser::hidden_csrf(viewer.get("/review").body) +
                                       "&interaction=" + percent_encode(interaction) +
                                       "&opportunity=" + mine)
                .status,
            403);
  ASSERT_EQ(browser.post("/review", form(mine)).status, 303);
  EXPECT_EQ(testing::query_value(database_file_,
                                 "SELECT opportunity_id || ' ' || method || ' ' || linked_by FROM "
                                 "interaction_links WHERE interaction_id = '" + interaction + "'"),
            mine + " manual Test rep");
  EXPECT_EQ(browser.get("/review").body.find(percent_encode(interaction)), std::string::npos);
}

}  // namespace
}  // namespace rearview::web
