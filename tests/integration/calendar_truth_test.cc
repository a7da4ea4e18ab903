// Calendar import and matching as a user meets them: a generated company
// whose meetings are only in calendars (--calendar --no-crm-activities),
// imported and matched, against the generator's calendar/truth.csv — which
// deal each meeting (each occurrence of a series) was written for, whether
// matching can know it, and when it starts, worked out by the generator from
// the local clock and the zone the file states (the date library's rules,
// not libical's; Windows ids by the generator's own table, not ICU's).
#include <gtest/gtest.h>

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
  std::string opportunity_id, expected, meeting_case, start;
};

std::map<std::string, TruthRow> read_truth(const std::filesystem::path& file) {
  std::map<std::string, TruthRow> truth;
  for (auto& [id, fields] :
       testing::read_truth_csv(file, "source_id,opportunity_id,expected,case,start")) {
    fields.resize(4);
    truth[id] = TruthRow{fields[0], fields[1], fields[2], fields[3]};
  }
  return truth;
}

struct Stored {
  std::string start;        // as the truth writes it
  std::string opportunity;  // empty: not linked
};

// Every meeting read from the calendar, by source id.
std::map<std::string, Stored> meetings(const std::filesystem::path& database) {
  std::string rows = testing::query_value(
      database,
      "SELECT group_concat(i.source_id || ' ' || strftime('%Y-%m-%dT%H:%M:%S.000Z', i.occurred_at, "
      "'unixepoch') || ' ' || coalesce(l.opportunity_id, '-'), char(10)) FROM interactions i "
      "LEFT JOIN interaction_links l ON l.interaction_id = i.id WHERE i.source = 'calendar'");
  std::map<std::string, Stored> stored;
  std::stringstream lines(rows);
  std::string id, start, opportunity;
  while (lines >> id >> start >> opportunity)
    stored[id] = Stored{start, opportunity == "-" ? "" : opportunity};
  return stored;
}

struct Tally {
  long long correct = 0, wrong = 0, not_linked = 0, absent = 0;
  long long stored() const { return correct + wrong + not_linked; }
};

class CalendarTruth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TemporaryDirectory();
    auto generated = run_command(rearview("generate --out " + folder().string() +
                                          " --opportunities 300 --seed 22 --calendar "
                                          "--no-crm-activities"));
    ASSERT_EQ(generated.exit_status, 0) << generated.output;
    database_ = directory_->path() / "calendar.db";
    for (const auto& command :
         {"import salesforce " + folder().string(), "import calendar " + (folder() / "calendar").string()}) {
      auto result = run_command(rearview(command + " --no-refresh --db " + database_.string()));
      ASSERT_EQ(result.exit_status, 0) << result.output;
    }
    truth_ = read_truth(folder() / "calendar" / "truth.csv");
    stored_ = meetings(database_);
  }
  static void TearDownTestSuite() { delete directory_; }
  static std::filesystem::path folder() { return directory_->path() / "export"; }

  // By case, and by what the truth expects ("expected:link", ...).
  static std::map<std::string, Tally> tally() {
    std::map<std::string, Tally> tallies;
    for (const auto& [id, row] : truth_) {
      auto found = stored_.find(id);
      for (const auto& key : {row.meeting_case, "expected:" + row.expected}) {
        Tally& tally = tallies[key];
        if (found == stored_.end()) ++tally.absent;
        else if (found->second.opportunity.empty()) ++tally.not_linked;
        else if (found->second.opportunity == row.opportunity_id) ++tally.correct;
        else ++tally.wrong;
      }
    }
    return tallies;
  }

  static inline TemporaryDirectory* directory_ = nullptr;
  static inline std::filesystem::path database_;
  static inline std::map<std::string, TruthRow> truth_;
  static inline std::map<std::string, Stored> stored_;
};

TEST_F(CalendarTruth, MeetingsAreLinkedPreciselyAndTheAmbiguousAreNotGuessed) {
  auto by_case = tally();
  for (const char* meeting_case : {"ordinary", "series", "moved_occurrence", "skipped_occurrence",
                                   "rescheduled", "cancelled", "internal",
                                   "contact_on_concurrent_deals"})
    EXPECT_GT(by_case[meeting_case].stored() + by_case[meeting_case].absent, 0)
        << "the generator wrote no " << meeting_case << " meeting";
  long long correct = 0, wrong = 0;
  for (const char* expected : {"expected:link", "expected:review", "expected:unmatched"}) {
    correct += by_case[expected].correct;
    wrong += by_case[expected].wrong;
  }
  EXPECT_GE(double(correct) / double(correct + wrong), 0.99) << wrong << " wrong links";
  const Tally& decidable = by_case["expected:link"];
  EXPECT_GE(double(decidable.correct) / double(decidable.stored() + decidable.absent), 0.97)
      << decidable.correct << " of " << decidable.stored() + decidable.absent;
  const Tally& ambiguous = by_case["expected:review"];
  EXPECT_LE(double(ambiguous.wrong) / double(ambiguous.stored()), 0.03);
  EXPECT_EQ(by_case["internal"].correct + by_case["internal"].wrong, 0)
      << "our own people preparing name no deal";
}

TEST_F(CalendarTruth, CancelledMeetingsAndSkippedOccurrencesAreNotKept) {
  auto by_case = tally();
  for (const char* meeting_case : {"cancelled", "skipped_occurrence"}) {
    EXPECT_GT(by_case[meeting_case].absent, 0) << meeting_case;
    EXPECT_EQ(by_case[meeting_case].stored(), 0) << meeting_case;
  }
}

// Series expanded, overrides and reschedules applied, copies stored once:
// exactly the meetings the truth has, each at the start it says.
TEST_F(CalendarTruth, EveryMeetingIsStoredOnceAtItsStart) {
  long long kept = 0, on_time = 0, reported = 0;
  for (const auto& [id, row] : truth_) {
    if (row.expected == "cancelled") continue;
    ++kept;
    auto found = stored_.find(id);
    if (found == stored_.end()) {
      ADD_FAILURE() << id << " (" << row.meeting_case << ") was not stored";
      continue;
    }
    if (found->second.start == row.start) ++on_time;
    else if (++reported <= 5)
      ADD_FAILURE() << id << " (" << row.meeting_case << "): " << found->second.start
                    << ", the truth says " << row.start;
  }
  EXPECT_EQ(on_time, kept);
  EXPECT_EQ(static_cast<long long>(stored_.size()), kept) << "nothing beyond the truth";
}

}  // namespace
}  // namespace rearview
