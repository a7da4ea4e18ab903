// The postmortem report of one opportunity: what the analysis computes and
// every renderer (JSON, HTML, Markdown, PDF) shows. Plain data.
//
// Times are UTC instants; `time_zone` is the zone people read them in, whose
// calendar decided the dates in the descriptions. Days are fractional
// (86,400 seconds each) unless a comment says otherwise. Every `evidence`
// list holds ids of items in `timeline`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/interview.h"
#include "rearview/core/model.h"
#include "rearview/core/time_zone.h"

namespace rearview {

enum class ReportLevel { short_form, full };  // JSON: "short", "full"

struct Distribution {  // of won deals
  double median_days = 0;
  double p25_days = 0;
  double p75_days = 0;
  long long deals = 0;  // how many won deals it is drawn from
};

struct MilestoneView {
  std::string key;
  std::string label;
  std::string value;  // empty when not attained
  std::optional<Timestamp> attained_at;
  std::string attained_by;
  std::string source;
};

// One stay in a stage (a deal that re-enters a stage has several).
// The stay in the closed stage a deal ended in is the last one and has 0 days;
// a closed stage that was left again (a reopened deal) counts the time until
// the deal was reopened.
struct StageStay {
  std::string name;
  Timestamp entered_at{};
  std::optional<Timestamp> left_at;       // none while the deal is still in it (or closed in it)
  double days = 0;                        // until left_at, or until close / "now" for an open deal
  std::optional<Distribution> won;        // time won deals spent in this stage (open stages only)
  std::vector<MilestoneView> milestones;  // the stage's milestones as they stood when it was left
  bool is_closed = false;                 // a closed stage (won or lost)
  int visit = 1;                          // 2 for the second stay in the same stage, ...
  std::string id;                         // the timeline item of entering it ("stage-3")
};

struct HealthReason {
  std::string text;          // "meetings with the buyer in the last 30 days fell from 3 to 2"
  double effect = 0;         // points this reason moved the score (negative = worse)
  std::vector<Id> evidence;  // timeline item ids behind it
  std::string feature;       // which input it is about: days_since_reply, ... (see health.h)
};

struct HealthPoint {
  Timestamp at{};
  double score = 0;                   // 0..100, whole points
  std::vector<HealthReason> reasons;  // what moved it since the first point (first touch)
  std::string trigger;                // "daily", "as_of" (the last point of an open deal),
                                      // or the timeline item id of the event
  double change = 0;                  // points since the previous point (0 for the first)
  std::vector<HealthReason> changes;  // what moved it since the previous point, largest first
};

struct Tell {
  std::string kind;         // no_activity, ghosted, single_threaded, no_senior_contact,
                            // close_date_pushed, stalled, close_date_overdue,
                            // amount_decreased, no_next_meeting, competitor_named,
                            // red_flag, topic_not_discussed
  std::string description;  // in plain words, with the facts
  Timestamp first_fired_at{};
  std::optional<Timestamp> cleared_at;      // none: still present at the close / as_of
  std::optional<double> days_before_close;  // after close: how long before the close it fired
  std::vector<Id> evidence;
};

// Where an interaction on the timeline was read, and why it is on this deal's.
struct ItemOrigin {
  SourceKind source = SourceKind::crm;
  std::string source_id;  // the source's own id (a CRM record's Id, a Message-ID, ...)
  LinkMethod method = LinkMethod::crm;
  double score = 1;  // 0..1
  std::string rule;  // the rule that linked it, in words
};

struct TimelineItem {
  Timestamp at{};
  std::string kind;       // email, meeting, call, note, stage, amount, close_date, milestone,
                          // created, closed
  std::string direction;  // inbound, outbound, internal, unknown, or empty
  std::string stage;      // the stage the deal was in at that moment
  std::string summary;    // one line
  std::string id;         // unique within the report; findings link to it
  std::string subject;    // e-mails
  std::string body;       // full text of e-mails, notes, call logs
  std::vector<std::string> participants;      // "Pat Buyer <pat@acme.com> (from)"
  std::optional<long long> duration_seconds;  // meetings and calls, when known
  std::optional<CallTalk> talk;               // calls read from a transcript
  std::optional<ItemOrigin> origin;           // interactions only
  std::vector<TrackerHit> tracker_hits;       // phrases the trackers found in it
};

// The buyer's stated reasons beside the rep's (the CRM's loss or win reason
// and competitor), and whether they tell the same story.
struct ReasonComparison {
  std::string crm_reason;      // "" when the CRM has none
  std::string crm_competitor;
  bool reasons_differ = false;     // no coded reason of the buyer's names the CRM's reason
  bool competitor_differs = false; // the buyer named another competitor (or none, or one the CRM lacks)
  std::string summary;             // in words, e.g. "The CRM says Price; the buyer ..."
};

struct PostmortemReport {
  Opportunity opportunity;
  std::string account_name;
  std::string owner_name;
  std::string manager_name;
  ReportLevel level = ReportLevel::full;
  std::vector<std::string> audience;
  std::optional<Timestamp> first_touch;  // the earlier of creation and the first interaction
  std::optional<Timestamp> closed_at;
  Timestamp as_of{};   // when the report was compiled (open deals run until then)
  TimeZone time_zone;  // the zone times are shown in
  // cycle_days() (rearview/core/cycle.h): closed_at minus the opportunity's
  // created_at, or as_of minus created_at while open. None when it cannot be
  // measured; `notes` then says why.
  std::optional<double> cycle_days;
  std::optional<Distribution> won_cycle;  // median and quartiles of won deals' cycles
  double won_cycle_mean_days = 0;         // their mean (0 without won deals)
  std::string furthest_stage;
  int close_date_pushes = 0;
  std::vector<StageStay> stages;
  std::vector<HealthPoint> health;
  std::vector<Tell> tells;  // ordered by first_fired_at
  std::vector<TimelineItem> timeline;
  std::string health_model;        // HealthModel::describe(): "gradient-boosted trees with
                                   // monotone constraints, learned from N closed deals", "rules"
  std::string line_in_the_sand;    // the stage that separates short from full postmortems
  std::string late_stage;          // losses at or after it are late-stage
  std::vector<std::string> notes;  // caveats about the data, in plain words
  std::optional<BuyerInterview> interview;
  std::optional<ReasonComparison> reasons;  // with the interview of a closed deal
};

std::string_view to_string(ReportLevel level);

}  // namespace rearview
