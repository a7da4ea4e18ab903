// Matching as a user meets it: a generated company whose e-mail is only in a
// mailbox (--mailbox --no-crm-activities), imported and matched, against the
// generator's mail/truth.csv — which deal each message was written for, and
// whether matching can know it. The expectations are the generator's, not
// the matcher's.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

#include "sqlite_query.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::run_command;
using testing::TemporaryDirectory;

std::string rearview(const std::string& arguments) { return testing::rearview_command(arguments); }

struct TruthRow {
  std::string opportunity_id, expected, mail_case;
};

std::map<std::string, TruthRow> read_truth(const std::filesystem::path& file) {
  std::map<std::string, TruthRow> truth;
  for (auto& [id, fields] :
       testing::read_truth_csv(file, "message_id,opportunity_id,expected,case")) {
    fields.resize(3);
    truth[id] = TruthRow{fields[0], fields[1], fields[2]};
  }
  return truth;
}

// "source_id opportunity_id" per line, for every mailbox interaction's link.
std::map<std::string, std::string> links_by_message(const std::filesystem::path& database) {
  std::string rows = testing::query_value(
      database,
      "SELECT group_concat(i.source_id || ' ' || l.opportunity_id, char(10)) FROM interactions i "
      "JOIN interaction_links l ON l.interaction_id = i.id WHERE i.source = 'mailbox'");
  std::map<std::string, std::string> links;
  std::stringstream lines(rows);
  std::string message, opportunity;
  while (lines >> message >> opportunity) links[message] = opportunity;
  return links;
}

struct Tally {
  long long correct = 0, wrong = 0, not_linked = 0;
  long long total() const { return correct + wrong + not_linked; }
};

class MatchingTruth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TemporaryDirectory();
    auto generated = run_command(rearview("generate --out " + folder().string() +
                                          " --opportunities 400 --seed 21 --mailbox "
                                          "--no-crm-activities"));
    ASSERT_EQ(generated.exit_status, 0) << generated.output;
  }
  static void TearDownTestSuite() { delete directory_; }
  static std::filesystem::path folder() { return directory_->path() / "export"; }

  // Imports the export, then the mailbox.
  static std::filesystem::path imported(const std::string& name) {
    auto database = directory_->path() / (name + ".db");
    std::string crm = "import salesforce " + folder().string() + " --no-refresh --db " +
                      database.string();
    std::string mail = "import mail " + (folder() / "mail").string() + " --no-refresh --db " +
                       database.string();
    for (const auto& command : {crm, mail}) {
      auto result = run_command(rearview(command));
      EXPECT_EQ(result.exit_status, 0) << result.output;
    }
    return database;
  }

  // By case, and by what the truth expects ("expected:link", ...).
  static std::map<std::string, Tally> tally(const std::filesystem::path& database) {
    auto truth = read_truth(folder() / "mail" / "truth.csv");
    auto links = links_by_message(database);
    std::map<std::string, Tally> tallies;
    for (const auto& [message, row] : truth) {
      auto link = links.find(message);
      for (const auto& key : {row.mail_case, "expected:" + row.expected}) {
        Tally& tally = tallies[key];
        if (link == links.end()) ++tally.not_linked;
        else if (link->second == row.opportunity_id) ++tally.correct;
        else ++tally.wrong;
      }
    }
    return tallies;
  }

  static inline TemporaryDirectory* directory_ = nullptr;
};

TEST_F(MatchingTruth, LinksArePreciseTheDecidableAreFoundAndTheRestAreNotGuessed) {
  auto by_case = tally(imported("matched"));
  Tally all;
  for (const char* expected : {"expected:link", "expected:review", "expected:unmatched"}) {
    all.correct += by_case[expected].correct;
    all.wrong += by_case[expected].wrong;
  }
  const Tally& decidable = by_case["expected:link"];
  for (const char* mail_case :
       {"ordinary", "internal", "automated", "contact_on_concurrent_deals", "personal_address_reply",
        "new_contact_not_in_crm", "malformed", "partner_copied", "partner_only",
        "renewal_after_close"})
    EXPECT_GT(by_case[mail_case].total(), 0) << "the generator wrote no " << mail_case << " mail";
  EXPECT_GE(double(all.correct) / double(all.correct + all.wrong), 0.99)
      << all.wrong << " wrong links of " << all.correct + all.wrong;
  EXPECT_GE(double(decidable.correct) / double(decidable.total()), 0.97)
      << decidable.correct << " of " << decidable.total();
  EXPECT_EQ(by_case["internal"].correct + by_case["internal"].wrong, 0)
      << "mail among colleagues names no deal";
  EXPECT_EQ(by_case["automated"].correct + by_case["automated"].wrong, 0)
      << "a machine's mail is never matched";
  const Tally& ambiguous = by_case["expected:review"];
  EXPECT_LE(double(ambiguous.wrong) / double(ambiguous.total()), 0.03)
      << "a buyer on two deals at once goes to review, not to a guess";
  EXPECT_EQ(by_case["malformed"].correct + by_case["malformed"].wrong, 0);
  EXPECT_EQ(by_case["partner_only"].correct + by_case["partner_only"].wrong, 0)
      << "a partner's people never decide the account";
  EXPECT_EQ(by_case["renewal_after_close"].correct + by_case["renewal_after_close"].wrong, 0)
      << "no deal was open when the buyer wrote about renewing";
  EXPECT_LE(by_case["partner_copied"].wrong, 0) << "a partner in Cc does not move a thread";
}

// The mailbox's damaged messages are reported and skipped, its copies stored
// once; both counts are the generator's.
TEST_F(MatchingTruth, DamagedMessagesAreSkippedAndCopiesStoredOnce) {
  auto database = directory_->path() / "counts.db";
  auto crm = run_command(rearview("import salesforce " + folder().string() +
                                  " --no-refresh --db " + database.string()));
  ASSERT_EQ(crm.exit_status, 0) << crm.output;
  auto mail = run_command(rearview("import mail " + (folder() / "mail").string() +
                                   " --no-refresh --db " + database.string()));
  ASSERT_EQ(mail.exit_status, 0) << mail.output;
  auto truth = read_truth(folder() / "mail" / "truth.csv");
  long long damaged = 0;
  for (const auto& [message, row] : truth) damaged += row.expected == "skipped";
  std::string copies = testing::read_file(folder() / "mail" / "copies.mbox");
  long long copied = 0;
  for (std::size_t at = 0; (at = copies.find("\nMessage-ID: ", at)) != std::string::npos; ++at)
    ++copied;
  ASSERT_GT(damaged, 0);
  ASSERT_GT(copied, 0);
  EXPECT_NE(mail.output.find(fmt::format("{} duplicate, {} skipped", copied, damaged)),
            std::string::npos)
      << mail.output;
  EXPECT_NE(mail.output.find("damaged.mbox"), std::string::npos) << "each skipped one is reported";
  EXPECT_EQ(testing::query_value(database, "SELECT count(*) FROM interactions"),
            std::to_string(truth.size() - std::size_t(damaged)));
}

TEST_F(MatchingTruth, TheReviewQueueListsTheRightDealAmongItsCandidates) {
  auto database = imported("queue");
  auto truth = read_truth(folder() / "mail" / "truth.csv");
  auto listed = run_command(rearview("unmatched --status review --limit 100000 --json --db " +
                                     database.string()));
  ASSERT_EQ(listed.exit_status, 0) << listed.output;
  auto queue = boost::json::parse(listed.output).at("queue").as_array();
  ASSERT_FALSE(queue.empty());
  long long with_truth = 0;
  for (const auto& entry : queue) {
    std::string message(entry.at("source_id").as_string());
    ASSERT_TRUE(truth.contains(message)) << message;
    EXPECT_EQ(entry.at("status").as_string(), "review");
    const auto& candidates = entry.at("candidates").as_array();
    EXPECT_GE(candidates.size(), 1u);
    for (const auto& candidate : candidates)
      if (candidate.at("opportunity_id").as_string() == truth[message].opportunity_id) ++with_truth;
  }
  EXPECT_GE(double(with_truth) / double(queue.size()), 0.99)
      << "the deal the message was written for is one of the candidates";
}

TEST_F(MatchingTruth, ARerunChangesNothingAndAnAssignmentByHandStays) {
  auto database = imported("rerun");
  auto again = run_command(rearview("match --no-refresh --db " + database.string()));
  ASSERT_EQ(again.exit_status, 0) << again.output;
  EXPECT_NE(again.output.find("(0 changed)"), std::string::npos) << again.output;
  auto listed = run_command(rearview("unmatched --status review --limit 1 --json --db " +
                                     database.string()));
  auto entry = boost::json::parse(listed.output).at("queue").at(0).as_object();
  std::string message(entry.at("source_id").as_string());
  std::string chosen(entry.at("candidates").at(0).at("opportunity_id").as_string());
  auto assigned = run_command(rearview("assign " + message + " " + chosen + " --db " +
                                       database.string()));
  ASSERT_EQ(assigned.exit_status, 0) << assigned.output;
  auto rerun = run_command(rearview("match --no-refresh --db " + database.string()));
  ASSERT_EQ(rerun.exit_status, 0) << rerun.output;
  EXPECT_EQ(links_by_message(database).at(message), chosen);
  EXPECT_EQ(testing::query_value(database, "SELECT method FROM interaction_links l JOIN "
                                           "interactions i ON i.id = l.interaction_id WHERE "
                                           "i.source_id = '" + message + "'"),
            "manual");
  auto queue = run_command(rearview("unmatched --status review --limit 100000 --json --db " +
                                    database.string()));
  EXPECT_EQ(queue.output.find(message), std::string::npos) << "assigned: out of the queue";
}

// Mail read before the CRM knew anyone is matched once the CRM's export
// arrives: the import that brings contacts and deals runs matching again.
TEST_F(MatchingTruth, MailImportedBeforeTheCrmIsMatchedWhenTheCrmArrives) {
  auto before = directory_->path() / "mail-first.db";
  auto mail = run_command(rearview("import mail " + (folder() / "mail").string() +
                                   " --no-refresh --db " + before.string()));
  ASSERT_EQ(mail.exit_status, 0) << mail.output;
  EXPECT_NE(mail.output.find("matching: 0 linked"), std::string::npos) << mail.output;
  auto crm = run_command(rearview("import salesforce " + folder().string() + " --no-refresh --db " +
                                  before.string()));
  ASSERT_EQ(crm.exit_status, 0) << crm.output;
  auto in_order = tally(imported("crm-first"));
  auto late = tally(before);
  for (const auto& [mail_case, tally] : in_order) {
    EXPECT_EQ(late[mail_case].correct, tally.correct) << mail_case;
    EXPECT_EQ(late[mail_case].wrong, tally.wrong) << mail_case;
  }
}

}  // namespace
}  // namespace rearview
