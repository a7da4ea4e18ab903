// POST /api/v1/interactions: posted e-mails, meetings and calls stored as the
// importers store them, matched, idempotent, all or nothing per batch.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "rearview/service/secrets.h"
#include "rearview/web/web_app.h"
#include "sqlite_query.h"
#include "web_test_world.h"

namespace rearview::web {
namespace {

using testing::query_value;
using testing::WebTestWorld;

struct Deal {
  std::string id, name, contact_email, owner_email, created;
};

class WebInteractionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { world_ = testing::make_web_test_world().release(); }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  void SetUp() override {
    app_ = std::make_unique<WebApp>(*world_->database, Settings{}, world_->clock,
                                    [this] { ++changes_; });
  }

  HttpResponse post(const std::string& body, const std::string& role,
                    const std::string& type = "application/json") {
    HttpRequest request{.method = "POST", .target = "/api/v1/interactions", .body = body,
                        .client = "127.0.0.1"};
    split_target(request);
    request.headers["content-type"] = type;
    if (!role.empty()) request.headers["authorization"] = "Bearer " + world_->token_of.at(role);
    return app_->handle(request);
  }

  // A deal of `owner` with a contact who has a role on it and on no other deal.
  static Deal deal_with_one_contact(const std::string& owner, bool same_owner) {
    std::string sql =
        "SELECT o.id || '|' || o.name || '|' || c.email || '|' || u.email || '|' || "
        "strftime('%Y-%m-%dT%H:%M:%SZ', o.created_at + 86400 * 2, 'unixepoch') "
        "FROM opportunities o JOIN contact_roles r ON r.opportunity_id = o.id "
        "JOIN contacts c ON c.id = r.contact_id JOIN users u ON u.id = o.owner_id "
        "WHERE o.owner_id " + std::string(same_owner ? "=" : "<>") + " '" + owner +
        "' AND c.email <> '' AND u.email <> '' AND o.created_at IS NOT NULL AND "
        "(SELECT count(*) FROM contact_roles x WHERE x.contact_id = c.id) = 1 "
        "ORDER BY o.id LIMIT 1";
    auto row = query_value(world_->database_file, sql);
    Deal deal;
    std::vector<std::string*> fields{&deal.id, &deal.name, &deal.contact_email, &deal.owner_email,
                                     &deal.created};
    std::size_t start = 0;
    for (auto* field : fields) {
      auto bar = row.find('|', start);
      *field = row.substr(start, bar - start);
      start = bar == std::string::npos ? row.size() : bar + 1;
    }
    return deal;
  }

  static std::string email_json(const Deal& deal, const std::string& message_id,
                                const std::string& subject_extra = "") {
    boost::json::object email{{"kind", "email"},
                              {"message_id", "<" + message_id + ">"},
                              {"date", deal.created},
                              {"subject", "Re: " + deal.name + subject_extra},
                              {"text", "Thanks for the call; here is the proposal."},
                              {"from", boost::json::object{{"address", deal.owner_email},
                                                           {"name", "Our Rep"}}},
                              {"to", boost::json::array{deal.contact_email}}};
    return boost::json::serialize(email);
  }

  static WebTestWorld* world_;
  std::unique_ptr<WebApp> app_;
  int changes_ = 0;
};

WebTestWorld* WebInteractionsTest::world_ = nullptr;

boost::json::object body_of(const HttpResponse& response) {
  return boost::json::parse(response.body).as_object();
}

TEST_F(WebInteractionsTest, APostedEmailIsStoredMatchedToItsDealAndAuditedOnce) {
  auto deal = deal_with_one_contact(world_->rep_crm_user, true);
  ASSERT_FALSE(deal.id.empty());
  auto response = post(email_json(deal, "proposal-1@rearview.test"), "rep");
  ASSERT_EQ(response.status, 200) << response.body;
  auto body = body_of(response);
  auto item = body.at("interactions").as_array().at(0).as_object();
  EXPECT_EQ(item.at("id").as_string(), "mail:proposal-1@rearview.test");
  EXPECT_EQ(item.at("outcome").as_string(), "imported");
  ASSERT_EQ(item.at("opportunities").as_array().size(), 1u) << response.body;
  EXPECT_EQ(item.at("opportunities").as_array().at(0).as_string(), deal.id);
  EXPECT_EQ(changes_, 1);
  EXPECT_EQ(query_value(world_->database_file,
                        "SELECT kind || ' ' || direction || ' ' || source FROM interactions "
                        "WHERE id = 'mail:proposal-1@rearview.test'"),
            "email outbound mailbox");
  EXPECT_EQ(query_value(world_->database_file,
                        "SELECT group_concat(opportunity_id) FROM interaction_links WHERE "
                        "interaction_id = 'mail:proposal-1@rearview.test'"),
            deal.id);
  EXPECT_EQ(query_value(world_->database_file,
                        "SELECT count(*) FROM audit_log WHERE action = 'interactions.post' AND "
                        "target = 'mail:proposal-1@rearview.test'"),
            "1");
}

TEST_F(WebInteractionsTest, PostingTheSameEmailAgainChangesNothing) {
  auto deal = deal_with_one_contact(world_->rep_crm_user, true);
  ASSERT_EQ(post(email_json(deal, "again@rearview.test"), "rep").status, 200);
  auto count_before = query_value(world_->database_file, "SELECT count(*) FROM interactions");
  auto again = post(email_json(deal, "again@rearview.test"), "rep");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(body_of(again).at("interactions").as_array().at(0).at("outcome").as_string(),
            "unchanged");
  EXPECT_EQ(query_value(world_->database_file, "SELECT count(*) FROM interactions"), count_before);
}

TEST_F(WebInteractionsTest, ABadLineFailsTheWholeBatchAndSaysWhichLine) {
  auto deal = deal_with_one_contact(world_->rep_crm_user, true);
  std::string batch = email_json(deal, "batch-1@rearview.test") + "\n" +
                      R"({"kind": "email", "message_id": "x@y", "date": "yesterday", "from": "a@b.com"})" +
                      "\n";
  auto response = post(batch, "rep", "application/x-ndjson");
  ASSERT_EQ(response.status, 400) << response.body;
  auto message = std::string(body_of(response).at("error").at("message").as_string());
  EXPECT_EQ(message, "line 2: \"date\" is \"yesterday\", not an RFC 3339 time");
  EXPECT_EQ(query_value(world_->database_file,
                        "SELECT count(*) FROM interactions WHERE id = 'mail:batch-1@rearview.test'"),
            "0");
  EXPECT_EQ(changes_, 0);
  auto not_json = post("{\"kind\": \"email\",\n \"subject\": }", "rep");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(std::string(body_of(not_json).at("error").at("message").as_string()).substr(0, 8),
            "line 2: ");
  auto note = post(R"({"kind": "note"})", "rep");
  EXPECT_EQ(note.status, 400);
}

TEST_F(WebInteractionsTest, ManyAtOnceAsNdjsonAndAMeetingFromItsCalendarText) {
  auto deal = deal_with_one_contact(world_->rep_crm_user, true);
  std::string start = deal.created.substr(0, 4) + deal.created.substr(5, 2) +
                      deal.created.substr(8, 2) + "T150000Z";
  std::string ics =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
      "UID:posted-meeting-1@rearview.test\r\nDTSTAMP:" + start + "\r\nDTSTART:" + start +
      "\r\nDURATION:PT30M\r\nSUMMARY:" + deal.name + " review\r\nORGANIZER:mailto:" +
      deal.owner_email + "\r\nATTENDEE:mailto:" + deal.contact_email +
      "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  std::string batch = email_json(deal, "many-1@rearview.test") + "\n\n" +
                      email_json(deal, "many-2@rearview.test", " (2)") + "\n" +
                      boost::json::serialize(boost::json::object{{"kind", "meeting"}, {"ics", ics}});
  auto response = post(batch, "rep", "application/x-ndjson");
  ASSERT_EQ(response.status, 200) << response.body;
  auto items = body_of(response).at("interactions").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items.at(0).at("line").as_int64(), 1);
  EXPECT_EQ(items.at(1).at("line").as_int64(), 3);
  EXPECT_EQ(items.at(2).at("line").as_int64(), 4);
  EXPECT_EQ(body_of(response).at("imported").as_int64(), 3);
  EXPECT_EQ(query_value(world_->database_file,
                        "SELECT kind FROM interactions WHERE source_id LIKE "
                        "'posted-meeting-1@rearview.test%'"),
            "meeting");
}

TEST_F(WebInteractionsTest, ACallFromItsSidecarAndTranscriptHasItsSpeakers) {
  auto deal = deal_with_one_contact(world_->rep_crm_user, true);
  boost::json::object sidecar{
      {"id", "posted-call-1"},
      {"title", deal.name + " discovery"},
      {"started_at", deal.created},
      {"participants", boost::json::array{
                           boost::json::object{{"name", "Our Rep"}, {"email", deal.owner_email}},
                           boost::json::object{{"name", "Pat Buyer"}, {"email", deal.contact_email}}}}};
  std::string transcript =
      "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n<v Our Rep>Thanks for joining.\n\n"
      "00:00:05.000 --> 00:00:12.000\n<v Pat Buyer>We need this live before the audit.\n";
  auto response = post(boost::json::serialize(boost::json::object{
                           {"kind", "call"}, {"sidecar", sidecar}, {"transcript", transcript}}),
                       "rep");
  ASSERT_EQ(response.status, 200) << response.body;
  auto item = body_of(response).at("interactions").as_array().at(0);
  EXPECT_EQ(item.at("id").as_string(), "call:posted-call-1");
  EXPECT_EQ(query_value(world_->database_file,
                        "SELECT kind || ' ' || source FROM interactions WHERE id = 'call:posted-call-1'"),
            "call transcript");
  EXPECT_NE(query_value(world_->database_file,
                        "SELECT body FROM interactions WHERE id = 'call:posted-call-1'")
                .find("before the audit"),
            std::string::npos);
  auto broken = post(R"({"kind": "call", "sidecar": {"id": "c2"}, "transcript": "WEBVTT\n"})", "rep");
  EXPECT_EQ(broken.status, 400) << broken.body;
}

TEST_F(WebInteractionsTest, ADealThePosterMayNotSeeIsNotNamedInTheAnswer) {
  auto foreign = deal_with_one_contact(world_->rep_crm_user, false);
  ASSERT_FALSE(foreign.id.empty());
  ASSERT_FALSE(world_->expected_visible("rep").count(foreign.id));
  auto response = post(email_json(foreign, "foreign@rearview.test"), "rep");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_TRUE(body_of(response).at("interactions").as_array().at(0).at("opportunities")
                  .as_array().empty());
  EXPECT_EQ(response.body.find(foreign.id), std::string::npos);
  EXPECT_EQ(query_value(world_->database_file,
                        "SELECT group_concat(opportunity_id) FROM interaction_links WHERE "
                        "interaction_id = 'mail:foreign@rearview.test'"),
            foreign.id);
}

TEST_F(WebInteractionsTest, WhoMayPost) {
  auto deal = deal_with_one_contact(world_->rep_crm_user, true);
  EXPECT_EQ(post(email_json(deal, "who-1@rearview.test"), "").status, 401);
  auto viewer = post(email_json(deal, "who-2@rearview.test"), "viewer");
  EXPECT_EQ(viewer.status, 403);
  EXPECT_EQ(body_of(viewer).at("error").at("code").as_string(), "forbidden");
  EXPECT_EQ(post(email_json(deal, "who-3@rearview.test"), "rep", "text/plain").status, 415);
  EXPECT_EQ(query_value(world_->database_file,
                        "SELECT count(*) FROM interactions WHERE id LIKE 'mail:who-%'"),
            "0");
}

TEST_F(WebInteractionsTest, ASessionCookieAloneCannotPost) {
  auto deal = deal_with_one_contact(world_->rep_crm_user, true);
  service::Authenticator authenticator(world_->clock);
  auto login = authenticator.log_in(*world_->session, world_->email_of.at("rep"),
                                    "a password of rep", "127.0.0.1");
  ASSERT_TRUE(login);
  HttpRequest request{.method = "POST", .target = "/api/v1/interactions",
                      .body = email_json(deal, "cookie@rearview.test"), .client = "127.0.0.1"};
  split_target(request);
  request.headers["content-type"] = "application/json";
  request.headers["cookie"] = "rearview_session=" + login->session_token;
  EXPECT_EQ(app_->handle(request).status, 403);
  request.headers["x-csrf-token"] = service::csrf_token_of(login->session_token);
  auto allowed = app_->handle(request);
  EXPECT_EQ(allowed.status, 200) << allowed.body;
}

}  // namespace
}  // namespace rearview::web
