// Call import and matching as a user meets them: a generated company whose
// calls are only a recorder's transcripts (--calls --no-crm-activities),
// imported and matched, against the generator's calls/truth.csv — which deal
// each call was written for, whether matching can know it, and how many
// turns and seconds each side had, summed by the generator as it wrote the
// cues (not by the importer's arithmetic).
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
  std::string opportunity_id, expected, call_case, start, turns, our_seconds, buyer_seconds;
};

std::map<std::string, TruthRow> read_truth(const std::filesystem::path& file) {
  std::map<std::string, TruthRow> truth;
  for (auto& [id, fields] : testing::read_truth_csv(
           file, "source_id,opportunity_id,expected,case,start,turns,our_seconds,buyer_seconds")) {
    fields.resize(7);
    truth[id] = TruthRow{fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]};
  }
  return truth;
}

struct Stored {
  std::string start, turns, our_seconds, buyer_seconds;
  std::string opportunity;  // empty: not linked
};

std::map<std::string, Stored> calls(const std::filesystem::path& database) {
  std::string rows = testing::query_value(
      database,
      "SELECT group_concat(i.source_id || ' ' || strftime('%Y-%m-%dT%H:%M:%S.000Z', i.occurred_at, "
      "'unixepoch') || ' ' || i.speaker_turns || ' ' || i.our_talk_seconds || ' ' || "
      "i.buyer_talk_seconds || ' ' || coalesce(l.opportunity_id, '-'), char(10)) FROM "
      "interactions i LEFT JOIN interaction_links l ON l.interaction_id = i.id "
      "WHERE i.source = 'transcript'");
  std::map<std::string, Stored> stored;
  std::stringstream lines(rows);
  std::string id;
  Stored row;
  while (lines >> id >> row.start >> row.turns >> row.our_seconds >> row.buyer_seconds >>
         row.opportunity) {
    if (row.opportunity == "-") row.opportunity.clear();
    stored[id] = row;
  }
  return stored;
}

class CallTruth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TemporaryDirectory();
    auto generated = run_command(rearview("generate --out " + folder().string() +
                                          " --opportunities 600 --seed 23 --calls "
                                          "--no-crm-activities"));
    ASSERT_EQ(generated.exit_status, 0) << generated.output;
    database_ = directory_->path() / "calls.db";
    auto crm = run_command(rearview("import salesforce " + folder().string() + " --no-refresh --db " +
                                    database_.string()));
    ASSERT_EQ(crm.exit_status, 0) << crm.output;
    import_ = run_command(rearview("import calls " + (folder() / "calls").string() + " --db " +
                                   database_.string()));
    ASSERT_EQ(import_.exit_status, 0) << import_.output;
    truth_ = read_truth(folder() / "calls" / "truth.csv");
    stored_ = calls(database_);
  }
  static void TearDownTestSuite() { delete directory_; }
  static std::filesystem::path folder() { return directory_->path() / "export"; }

  static inline TemporaryDirectory* directory_ = nullptr;
  static inline std::filesystem::path database_;
  static inline testing::CommandResult import_;
  static inline std::map<std::string, TruthRow> truth_;
  static inline std::map<std::string, Stored> stored_;
};

TEST_F(CallTruth, CallsAreLinkedPreciselyAndTheAmbiguousAreNotGuessed) {
  std::map<std::string, long long> cases;
  long long correct = 0, wrong = 0, decidable = 0, decided = 0, review_wrong = 0, reviews = 0;
  for (const auto& [id, row] : truth_) {
    ++cases[row.call_case];
    auto found = stored_.find(id);
    ASSERT_NE(found, stored_.end()) << id << " (" << row.call_case << ") was not stored";
    const std::string& linked = found->second.opportunity;
    if (!linked.empty()) ++(linked == row.opportunity_id ? correct : wrong);
    if (row.expected == "link") {
      ++decidable;
      decided += linked == row.opportunity_id;
    } else if (row.expected == "review") {
      ++reviews;
      review_wrong += !linked.empty() && linked != row.opportunity_id;
    } else {
      EXPECT_TRUE(linked.empty()) << id << ": our own people's call names no deal";
    }
  }
  for (const char* call_case :
       {"ordinary", "contact_on_concurrent_deals", "internal", "duplicate", "damaged_cue"})
    EXPECT_GT(cases[call_case], 0) << "the generator wrote no " << call_case << " call";
  EXPECT_GE(double(correct) / double(correct + wrong), 0.99) << wrong << " wrong links";
  EXPECT_GE(double(decided) / double(decidable), 0.97) << decided << " of " << decidable;
  EXPECT_LE(double(review_wrong) / double(reviews), 0.03);
  EXPECT_EQ(stored_.size(), truth_.size()) << "duplicates stored once, nothing beyond the truth";
}

TEST_F(CallTruth, EachCallHasItsStartTurnsAndTalkAsWritten) {
  long long reported = 0;
  for (const auto& [id, row] : truth_) {
    auto found = stored_.find(id);
    if (found == stored_.end()) continue;
    const Stored& call = found->second;
    bool same = call.start == row.start && call.turns == row.turns &&
                call.our_seconds == row.our_seconds && call.buyer_seconds == row.buyer_seconds;
    if (!same && ++reported <= 5)
      ADD_FAILURE() << id << " (" << row.call_case << "): " << call.start << " " << call.turns
                    << " turns " << call.our_seconds << "/" << call.buyer_seconds
                    << " s; the truth says " << row.start << " " << row.turns << " turns "
                    << row.our_seconds << "/" << row.buyer_seconds << " s";
  }
  EXPECT_EQ(reported, 0);
}

// The trackers against a plain reading of the stored transcripts: a phrase
// is there exactly where a case-blind substring search finds it, at the turn
// its cue names; and the generator's buyers voice red flags on deals they
// will not sign, never on the ones they do.
std::string lower_ascii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST_F(CallTruth, TheBuyersRedFlagsAreFoundAtTheirTurnOnLostDealsOnly) {
  auto count = [&](const std::string& sql) { return std::stoll(testing::query_value(database_, sql)); };
  const std::string said = "lower(i.body) LIKE '%too expensive%'";
  const std::string hit =
      "EXISTS (SELECT 1 FROM tracker_hits h WHERE h.interaction_id = i.id AND "
      "h.phrase = 'too expensive' AND h.said_by = 'buyer')";
  long long calls_saying_it =
      count("SELECT count(*) FROM interactions i WHERE i.source = 'transcript' AND " + said);
  EXPECT_GT(calls_saying_it, 5) << "the generator's doubtful buyers say it now and then";
  EXPECT_EQ(count("SELECT count(*) FROM interactions i WHERE i.source = 'transcript' AND " + said +
                  " AND NOT " + hit),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM interactions i WHERE i.source = 'transcript' AND " + hit +
                  " AND NOT " + said),
            0);

  // Each hit's cue heads the line that says it: "[m:ss] Name: ...".
  std::string rows = testing::query_value(
      database_,
      "SELECT group_concat(h.cue_seconds || char(31) || i.body, char(30)) FROM tracker_hits h "
      "JOIN interactions i ON i.id = h.interaction_id WHERE h.phrase = 'too expensive'");
  long long checked = 0;
  std::stringstream records(rows);
  for (std::string record; std::getline(records, record, '\x1e');) {
    auto separator = record.find('\x1f');
    ASSERT_NE(separator, std::string::npos);
    long long cue = std::stoll(record.substr(0, separator));
    std::string heading = cue >= 3600 ? fmt::format("[{}:{:02}:{:02}] ", cue / 3600, cue / 60 % 60, cue % 60)
                                      : fmt::format("[{}:{:02}] ", cue / 60, cue % 60);
    std::stringstream lines(record.substr(separator + 1));
    bool found = false;
    for (std::string line; std::getline(lines, line);)
      found = found || (line.starts_with(heading) &&
                        lower_ascii(line).find("too expensive") != std::string::npos);
    EXPECT_TRUE(found) << "no turn at " << heading << "says it";
    ++checked;
  }
  EXPECT_EQ(checked, calls_saying_it) << "one hit per call, however often it was said";

  auto red_flag_calls = [&](const char* outcome) {
    return count(fmt::format(
        "SELECT count(DISTINCT i.id) FROM interactions i JOIN interaction_links l ON "
        "l.interaction_id = i.id JOIN opportunities o ON o.id = l.opportunity_id JOIN tracker_hits "
        "h ON h.interaction_id = i.id WHERE i.source = 'transcript' AND h.tracker = 'red flags' "
        "AND o.outcome = '{}'",
        outcome));
  };
  EXPECT_GT(red_flag_calls("lost"), 10);
  EXPECT_EQ(red_flag_calls("won"), 0);
}

// The generator's doubtful buyers (deals it will lose) say these on calls;
// its e-mails may say "came in lower" on any deal, so the tracker's own row
// is not "lost only".
TEST_F(CallTruth, TheBackTestSaysTheCallsRedFlagsWereHeardOnLostDealsOnly) {
  auto tells = run_command(rearview("tells --db " + database_.string()));
  ASSERT_EQ(tells.exit_status, 0) << tells.output;
  for (const char* phrase : {"too expensive", "go another direction", "on hold"}) {
    std::string row;
    std::stringstream lines(tells.output);
    for (std::string line; std::getline(lines, line);)
      if (line.starts_with(fmt::format("  \"{}\" ", phrase))) row = line;
    ASSERT_FALSE(row.empty()) << phrase << " is not in\n" << tells.output;
    EXPECT_NE(row.find(" 0% "), std::string::npos) << row;
    EXPECT_TRUE(row.ends_with("lost only")) << row;
  }
}

TEST_F(CallTruth, TheImportReportsTheDamagedCuesAndTheDuplicates) {
  EXPECT_NE(import_.output.find("damaged cues left out"), std::string::npos) << import_.output;
  EXPECT_NE(import_.output.find("cannot be read; skipped"), std::string::npos);
  EXPECT_NE(import_.output.find("duplicates"), std::string::npos);
}

// The report's timeline shows a linked call's source and talk as stored.
TEST_F(CallTruth, TheReportShowsACallsTranscriptSourceAndTalk) {
  for (const auto& [id, row] : truth_) {
    if (row.call_case != "ordinary" || stored_[id].opportunity != row.opportunity_id) continue;
    auto report = run_command(rearview("report " + row.opportunity_id + " --format json --db " +
                                       database_.string()));
    ASSERT_EQ(report.exit_status, 0) << report.output;
    auto json = boost::json::parse(report.output).as_object();
    for (const auto& value : json.at("timeline").as_array()) {
      const auto& item = value.as_object();
      if (!item.contains("source_id") || item.at("source_id") != boost::json::value(id)) continue;
      EXPECT_EQ(item.at("source"), "transcript");
      EXPECT_EQ(item.at("kind"), "call");
      const auto& talk = item.at("talk").as_object();
      EXPECT_EQ(std::to_string(talk.at("speaker_turns").as_int64()), row.turns);
      EXPECT_EQ(std::to_string(talk.at("our_seconds").as_int64()), row.our_seconds);
      EXPECT_EQ(std::to_string(talk.at("buyer_seconds").as_int64()), row.buyer_seconds);
      return;
    }
    FAIL() << id << " is not on the timeline of " << row.opportunity_id;
  }
  FAIL() << "no ordinary call was linked";
}

}  // namespace
}  // namespace rearview
