#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/generate/generator.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::read_file;
using testing::TemporaryDirectory;

constexpr long long kOpportunities = 300;
constexpr std::uint64_t kSeed = 42;

constexpr std::string_view kExportFiles[] = {"User.csv",
                                             "Account.csv",
                                             "Contact.csv",
                                             "Opportunity.csv",
                                             "OpportunityHistory.csv",
                                             "OpportunityFieldHistory.csv",
                                             "OpportunityContactRole.csv",
                                             "Task.csv",
                                             "Event.csv",
                                             "EmailMessage.csv",
                                             "truth.json"};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  std::size_t column(std::string_view name) const {
    for (std::size_t index = 0; index < header.size(); ++index)
      if (header[index] == name) return index;
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
  std::set<std::string> values(std::string_view name) const {
    std::set<std::string> result;
    const std::size_t index = column(name);
    for (const auto& row : rows) result.insert(row[index]);
    return result;
  }
};

// Just enough RFC 4180 for the export: quoted fields may hold commas, quotes
// (doubled) and line breaks.
Table parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (std::size_t position = 0; position < text.size(); ++position) {
    const char c = text[position];
    if (quoted) {
      if (c != '"') {
        field.push_back(c);
      } else if (position + 1 < text.size() && text[position + 1] == '"') {
        field.push_back('"');
        ++position;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
    } else {
      field.push_back(c);
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(records.back().empty() && field.empty()) << "the last line has no line end";
  records.pop_back();
  Table table;
  table.header = std::move(records.front());
  table.rows.assign(std::make_move_iterator(records.begin() + 1),
                    std::make_move_iterator(records.end()));
  for (const auto& row : table.rows) EXPECT_EQ(row.size(), table.header.size());
  return table;
}

Result<GenerateSummary> generate(const std::filesystem::path& directory, std::uint64_t seed,
                                 long long opportunities = kOpportunities) {
  GenerateOptions options;
  options.out_dir = directory;
  options.opportunities = opportunities;
  options.seed = seed;
  return generate_company(options);
}

class GenerateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TemporaryDirectory;
    auto summary = generate(directory_->path() / "company", kSeed);
    ASSERT_TRUE(summary) << summary.error().message;
    summary_ = *summary;
  }
  static void TearDownTestSuite() {
    delete directory_;
    directory_ = nullptr;
  }

  static std::filesystem::path folder() { return directory_->path() / "company"; }
  static Table table(std::string_view name) {
    return parse_csv(read_file(folder() / std::string(name)));
  }
  static boost::json::object truth() {
    return boost::json::parse(read_file(folder() / "truth.json")).as_object();
  }

  static inline TemporaryDirectory* directory_ = nullptr;
  static inline GenerateSummary summary_;
};

long long count_of(const boost::json::value& value) { return value.to_number<long long>(); }

TEST_F(GenerateTest, WritesEveryFile) {
  long long bytes = 0;
  for (std::string_view name : kExportFiles) {
    const auto path = folder() / std::string(name);
    ASSERT_TRUE(std::filesystem::exists(path)) << name;
    EXPECT_GT(std::filesystem::file_size(path), 0u) << name;
    bytes += static_cast<long long>(std::filesystem::file_size(path));
  }
  EXPECT_EQ(summary_.bytes_written, bytes);
  EXPECT_EQ(summary_.opportunities, kOpportunities);
  EXPECT_FALSE(std::filesystem::exists(folder() / "truth.json.part"));
}

TEST_F(GenerateTest, SameSeedGivesTheSameBytes) {
  TemporaryDirectory again;
  ASSERT_TRUE(generate(again.path(), kSeed));
  for (std::string_view name : kExportFiles)
    EXPECT_TRUE(read_file(folder() / std::string(name)) ==
                read_file(again.path() / std::string(name)))
        << name << " differs between two runs with the same seed";
}

TEST_F(GenerateTest, DifferentSeedGivesADifferentCompany) {
  TemporaryDirectory other;
  ASSERT_TRUE(generate(other.path(), kSeed + 1));
  EXPECT_NE(read_file(folder() / "Opportunity.csv"), read_file(other.path() / "Opportunity.csv"));
}

TEST_F(GenerateTest, TruthCountsMatchTheFiles) {
  const auto document = truth();
  EXPECT_EQ(count_of(document.at("seed")), static_cast<long long>(kSeed));
  EXPECT_EQ(count_of(document.at("opportunities_requested")), kOpportunities);
  EXPECT_EQ(document.at("export_time").as_string(), "2026-06-30T23:59:59Z");
  const auto& counts = document.at("counts").as_object();
  const auto& opportunities = counts.at("opportunities").as_object();

  const Table opportunity_table = table("Opportunity.csv");
  const long long total = count_of(opportunities.at("total"));
  EXPECT_EQ(total, kOpportunities);
  EXPECT_EQ(static_cast<long long>(opportunity_table.rows.size()), total);
  EXPECT_EQ(count_of(opportunities.at("won")) + count_of(opportunities.at("lost")) +
                count_of(opportunities.at("open")),
            total);
  for (std::string_view outcome : {"won", "lost", "open"})
    EXPECT_GT(count_of(opportunities.at(outcome)), 0) << outcome;

  const double win_rate = counts.at("win_rate").to_number<double>();
  EXPECT_GT(win_rate, 0.0);
  EXPECT_LT(win_rate, 1.0);
  const auto& cycle = counts.at("won_cycle_days").as_object();
  EXPECT_GT(cycle.at("mean").to_number<double>(), 0.0);
  EXPECT_GT(cycle.at("median").to_number<double>(), 0.0);

  EXPECT_EQ(count_of(counts.at("users")), static_cast<long long>(table("User.csv").rows.size()));
  EXPECT_EQ(count_of(counts.at("accounts")),
            static_cast<long long>(table("Account.csv").rows.size()));
  EXPECT_EQ(document.at("opportunities").as_array().size(), std::size_t(total));
}

TEST_F(GenerateTest, DeletedRowsAreNotCounted) {
  const auto counts = truth().at("counts").as_object();
  const Table contacts = table("Contact.csv");
  const std::size_t deleted = contacts.column("IsDeleted");
  long long live = 0;
  long long removed = 0;
  for (const auto& row : contacts.rows) ++(row[deleted] == "true" ? removed : live);
  EXPECT_GT(removed, 0);
  EXPECT_EQ(count_of(counts.at("contacts")), live);

  const Table tasks = table("Task.csv");
  const std::size_t task_deleted = tasks.column("IsDeleted");
  const std::size_t subtype = tasks.column("TaskSubtype");
  long long calls = 0;
  long long notes = 0;
  for (const auto& row : tasks.rows)
    if (row[task_deleted] == "false") ++(row[subtype] == "Call" ? calls : notes);
  const auto& interactions = counts.at("interactions").as_object();
  EXPECT_EQ(count_of(interactions.at("call")), calls);
  EXPECT_EQ(count_of(interactions.at("note")), notes);
  EXPECT_EQ(count_of(interactions.at("meeting")),
            static_cast<long long>(table("Event.csv").rows.size()));
  EXPECT_EQ(count_of(interactions.at("email")),
            static_cast<long long>(table("EmailMessage.csv").rows.size()));
  EXPECT_EQ(summary_.interactions, calls + notes + count_of(interactions.at("meeting")) +
                                       count_of(interactions.at("email")));
}

TEST_F(GenerateTest, ReferencesPointToExportedRows) {
  const std::set<std::string> opportunities = table("Opportunity.csv").values("Id");
  const std::set<std::string> users = table("User.csv").values("Id");
  std::set<std::string> live_contacts;
  const Table contacts = table("Contact.csv");
  for (const auto& row : contacts.rows)
    if (row[contacts.column("IsDeleted")] == "false") live_contacts.insert(row[0]);

  struct Reference {
    std::string_view file;
    std::string_view column;
    const std::set<std::string>& targets;
    bool optional;
  };
  const Reference references[] = {
      {"OpportunityHistory.csv", "OpportunityId", opportunities, false},
      {"OpportunityFieldHistory.csv", "OpportunityId", opportunities, false},
      {"OpportunityContactRole.csv", "OpportunityId", opportunities, false},
      {"OpportunityContactRole.csv", "ContactId", live_contacts, false},
      {"Task.csv", "WhatId", opportunities, false},
      {"Task.csv", "WhoId", live_contacts, true},
      {"Task.csv", "OwnerId", users, false},
      {"Event.csv", "WhatId", opportunities, false},
      {"Event.csv", "WhoId", live_contacts, false},
      {"EmailMessage.csv", "RelatedToId", opportunities, false},
      {"EmailMessage.csv", "CreatedById", users, false},
      {"Opportunity.csv", "OwnerId", users, false},
  };
  for (const Reference& reference : references) {
    for (const std::string& id : table(reference.file).values(reference.column)) {
      if (reference.optional && id.empty()) continue;
      EXPECT_TRUE(reference.targets.contains(id))
          << reference.file << "." << reference.column << " names " << id;
    }
  }
}

TEST_F(GenerateTest, HistoryAgreesWithOpportunitiesAndTruth) {
  const Table history = table("OpportunityHistory.csv");
  const std::size_t opportunity = history.column("OpportunityId");
  const std::size_t stage = history.column("StageName");
  std::map<std::string, std::vector<const std::vector<std::string>*>> rows_of;
  for (const auto& row : history.rows) rows_of[row[opportunity]].push_back(&row);

  std::map<std::string, long long> truth_entries;
  const auto document = truth();
  for (const auto& entry : document.at("opportunities").as_array())
    truth_entries[std::string(entry.at("id").as_string())] = count_of(entry.at("stage_entries"));

  const Table opportunities = table("Opportunity.csv");
  for (const auto& row : opportunities.rows) {
    const auto& rows = rows_of[row[0]];
    ASSERT_FALSE(rows.empty()) << row[0];
    EXPECT_EQ((*rows.front())[history.column("CreatedDate")],
              row[opportunities.column("CreatedDate")]);
    for (std::string_view field : {"StageName", "Amount", "CloseDate"})
      EXPECT_EQ((*rows.back())[history.column(field)], row[opportunities.column(field)])
          << row[0] << " " << field;
    long long entries = 1;
    for (std::size_t index = 1; index < rows.size(); ++index)
      entries += (*rows[index])[stage] != (*rows[index - 1])[stage];
    EXPECT_EQ(truth_entries[row[0]], entries) << row[0];
  }
}

// --mailbox moves the e-mail from EmailMessage.csv into mail/all-mail.mbox and
// changes nothing else; every message is in mail/truth.csv, on a real deal.
TEST_F(GenerateTest, TheMailboxHoldsTheEmailAndChangesNothingElse) {
  TemporaryDirectory mailbox;
  GenerateOptions options{.out_dir = mailbox.path(), .opportunities = kOpportunities,
                          .seed = kSeed, .mailbox = true};
  auto summary = generate_company(options);
  ASSERT_TRUE(summary) << summary.error().message;
  for (std::string_view name : kExportFiles)
    if (name != "EmailMessage.csv" && name != "truth.json")
      EXPECT_TRUE(read_file(folder() / std::string(name)) ==
                  read_file(mailbox.path() / std::string(name)))
          << name << " changed with --mailbox";
  EXPECT_TRUE(parse_csv(read_file(mailbox.path() / "EmailMessage.csv")).rows.empty());
  // The truth counts the mailbox's messages: the threads, and the forwards and
  // notices only the mailbox has.
  auto counts = boost::json::parse(read_file(mailbox.path() / "truth.json")).at("counts");
  EXPECT_EQ(counts.at("interactions").at("email").to_number<long long>(), summary->mail_messages);
  EXPECT_GE(summary->mail_messages, static_cast<long long>(table("EmailMessage.csv").rows.size()));

  Table truth_rows = parse_csv(read_file(mailbox.path() / "mail" / "truth.csv"));
  ASSERT_EQ(truth_rows.header,
            (std::vector<std::string>{"message_id", "opportunity_id", "expected", "case"}));
  std::set<std::string> deals;
  for (const auto& row : table("Opportunity.csv").rows) deals.insert(row[0]);
  std::map<std::string, long long> cases;
  for (const auto& row : truth_rows.rows) {
    EXPECT_TRUE(deals.contains(row[1])) << row[1];
    ++cases[row[3]];
  }
  for (const char* mail_case : {"ordinary", "internal", "automated", "personal_address_reply"})
    EXPECT_GT(cases[mail_case], 0) << mail_case;
  EXPECT_EQ(static_cast<long long>(truth_rows.rows.size()) - cases["malformed"],
            summary->mail_messages);
  // Each message once in the mbox, each with its Message-ID; the damaged
  // ones in damaged.mbox, without a Date header.
  std::string mbox = read_file(mailbox.path() / "mail" / "all-mail.mbox");
  std::string damaged = read_file(mailbox.path() / "mail" / "damaged.mbox");
  for (const auto& row : truth_rows.rows)
    EXPECT_NE((row[3] == "malformed" ? damaged : mbox).find("Message-ID: <" + row[0] + ">\n"),
              std::string::npos)
        << row[0];
  EXPECT_EQ(damaged.find("\nDate: "), std::string::npos);
  long long from_lines = 0;
  for (std::size_t at = 0; (at = mbox.find("\nFrom ", at)) != std::string::npos; ++at) ++from_lines;
  EXPECT_EQ(from_lines + 1, summary->mail_messages) << "one From_ line per message";
}

TEST_F(GenerateTest, TheCalendarHoldsTheMeetingsAndChangesNothingElse) {
  TemporaryDirectory calendar;
  GenerateOptions options{.out_dir = calendar.path(), .opportunities = kOpportunities,
                          .seed = kSeed, .calendar = true};
  auto summary = generate_company(options);
  ASSERT_TRUE(summary) << summary.error().message;
  for (std::string_view name : kExportFiles)
    if (name != "Event.csv" && name != "truth.json")
      EXPECT_TRUE(read_file(folder() / std::string(name)) ==
                  read_file(calendar.path() / std::string(name)))
          << name << " changed with --calendar";
  EXPECT_TRUE(parse_csv(read_file(calendar.path() / "Event.csv")).rows.empty());
  Table truth_rows = parse_csv(read_file(calendar.path() / "calendar" / "truth.csv"));
  ASSERT_EQ(truth_rows.header, (std::vector<std::string>{"source_id", "opportunity_id", "expected",
                                                         "case", "start"}));
  std::set<std::string> deals;
  for (const auto& row : table("Opportunity.csv").rows) deals.insert(row[0]);
  std::string team = read_file(calendar.path() / "calendar" / "team.ics");
  std::map<std::string, long long> cases;
  for (const auto& row : truth_rows.rows) {
    EXPECT_TRUE(deals.contains(row[1])) << row[1];
    ++cases[row[3]];
    // An occurrence is named after its series' UID.
    std::string uid = row[0].substr(0, row[0].find('@', row[0].find('@') + 1));
    EXPECT_NE(team.find("UID:" + uid + "\r\n"), std::string::npos) << uid;
  }
  for (const char* meeting_case : {"ordinary", "series", "internal", "cancelled", "rescheduled"})
    EXPECT_GT(cases[meeting_case], 0) << meeting_case;
  EXPECT_TRUE(team.starts_with("BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(team.ends_with("END:VCALENDAR\r\n"));
  // Content lines are folded at 75 octets.
  std::size_t longest = 0;
  for (std::size_t at = 0, next; at < team.size(); at = next + 2) {
    next = team.find("\r\n", at);
    longest = std::max(longest, next - at);
  }
  EXPECT_LE(longest, 75u);
}

TEST_F(GenerateTest, TheRecordingsHoldTheCallsAndChangeNothingElse) {
  TemporaryDirectory recorded;
  GenerateOptions options{.out_dir = recorded.path(), .opportunities = kOpportunities,
                          .seed = kSeed, .calls = true};
  auto summary = generate_company(options);
  ASSERT_TRUE(summary) << summary.error().message;
  for (std::string_view name : kExportFiles)
    if (name != "Task.csv" && name != "truth.json")
      EXPECT_TRUE(read_file(folder() / std::string(name)) ==
                  read_file(recorded.path() / std::string(name)))
          << name << " changed with --calls";
  // Only voicemails stay in Task.csv: nothing was recorded.
  Table tasks = parse_csv(read_file(recorded.path() / "Task.csv"));
  const std::size_t subtype = tasks.column("TaskSubtype"), description = tasks.column("Description");
  long long voicemails = 0;
  for (const auto& row : tasks.rows)
    if (row[subtype] == "Call") {
      EXPECT_TRUE(row[description].starts_with("Left voicemail")) << row[description];
      voicemails += row[tasks.column("IsDeleted")] == "false";
    }
  Table truth_rows = parse_csv(read_file(recorded.path() / "calls" / "truth.csv"));
  ASSERT_EQ(truth_rows.header,
            (std::vector<std::string>{"source_id", "opportunity_id", "expected", "case", "start",
                                      "turns", "our_seconds", "buyer_seconds"}));
  std::map<std::string, long long> cases;
  long long deal_calls = 0;
  for (const auto& row : truth_rows.rows) {
    ++cases[row[3]];
    deal_calls += row[3] != "internal";
    auto month = recorded.path() / "calls" / row[4].substr(0, 7);
    std::string sidecar = read_file(month / (row[0] + ".json"));
    EXPECT_NE(sidecar.find("\"id\": \"" + row[0] + "\""), std::string::npos) << row[0];
    bool vtt = std::filesystem::exists(month / (row[0] + ".vtt"));
    bool srt = std::filesystem::exists(month / (row[0] + ".srt"));
    EXPECT_TRUE(row[3] == "duplicate" ? vtt && srt : vtt != srt) << row[0];
    EXPECT_GT(std::stoll(row[5]), 0);
  }
  EXPECT_EQ(summary->recorded_calls, static_cast<long long>(truth_rows.rows.size()));
  for (const char* call_case : {"ordinary", "internal", "contact_on_concurrent_deals"})
    EXPECT_GT(cases[call_case], 0) << call_case;
  auto counts = boost::json::parse(read_file(recorded.path() / "truth.json")).at("counts");
  EXPECT_EQ(count_of(counts.at("interactions").at("call")), voicemails + deal_calls);
}

// Regression: a second company generated into the same folder left the
// first one's transcripts beside its own, and an import read both.
TEST(GenerateCalls, ASecondCompanyInTheSameFolderReplacesTheFirstsCalls) {
  TemporaryDirectory folder;
  auto count_files = [&] {
    long long files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder.path() / "calls"))
      files += entry.is_regular_file();
    return files;
  };
  ASSERT_TRUE(generate_company({.out_dir = folder.path(), .opportunities = 40, .seed = 1, .calls = true}));
  auto second = generate_company({.out_dir = folder.path(), .opportunities = 20, .seed = 2, .calls = true});
  ASSERT_TRUE(second);
  long long written = count_files();
  TemporaryDirectory fresh;
  ASSERT_TRUE(generate_company({.out_dir = fresh.path(), .opportunities = 20, .seed = 2, .calls = true}));
  long long expected = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(fresh.path() / "calls"))
    expected += entry.is_regular_file();
  EXPECT_EQ(written, expected);
}

TEST_F(GenerateTest, WithoutCrmActivitiesNoTaskOrEventIsWritten) {
  TemporaryDirectory bare;
  GenerateOptions options{.out_dir = bare.path(), .opportunities = kOpportunities, .seed = kSeed,
                          .mailbox = true, .crm_activities = false};
  ASSERT_TRUE(generate_company(options));
  for (const char* name : {"Task.csv", "Event.csv", "EmailMessage.csv"})
    EXPECT_TRUE(parse_csv(read_file(bare.path() / name)).rows.empty()) << name;
  EXPECT_EQ(read_file(folder() / "Opportunity.csv"), read_file(bare.path() / "Opportunity.csv"));
  auto counts = boost::json::parse(read_file(bare.path() / "truth.json")).at("counts");
  EXPECT_EQ(counts.at("interactions").at("meeting").to_number<long long>(), 0);
  EXPECT_EQ(counts.at("interactions").at("call").to_number<long long>(), 0);
}

TEST(GenerateErrors, UnwritableDirectoryIsAnIoError) {
  TemporaryDirectory directory;
  testing::write_file(directory / "occupied", "a file, not a folder");
  auto result = generate(directory / "occupied" / "company", kSeed, 10);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_NE(result.error().message.find("occupied"), std::string::npos);
}

TEST(GenerateErrors, NeedsAtLeastOneOpportunity) {
  TemporaryDirectory directory;
  auto result = generate(directory.path(), kSeed, 0);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::usage);
}

TEST(GenerateProgress, ReportsTheEnd) {
  TemporaryDirectory directory;
  GenerateOptions options;
  options.out_dir = directory.path();
  options.opportunities = 25;
  long long last_done = 0;
  long long last_total = 0;
  auto result = generate_company(options, [&](long long done, long long total) {
    last_done = done;
    last_total = total;
  });
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(last_done, 25);
  EXPECT_EQ(last_total, 25);
}

}  // namespace
}  // namespace rearview
