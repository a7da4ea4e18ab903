// Fixed postmortem reports for the renderer tests and the browser test: a
// won deal, an early loss, and the won deal as it looked while still open.
// Outside text is hostile on purpose (markup in bodies, quotes in subjects,
// pipes and fences), and everything is fixed so golden files stay stable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rearview/analysis/postmortem.h"
#include "rearview/core/time.h"

namespace rearview::testing {

inline constexpr std::string_view kWonDealName = "Acme Analytics Platform & Pilot";
inline constexpr std::string_view kLostDealName = "Globex Data Warehouse Migration";
inline constexpr std::string_view kTrickySubject = "Re: Pricing \"final\" offer & terms <draft>";
inline constexpr std::string_view kInjectedMarkup =
    "<script>alert(1)</script><img src=x onerror=alert(2)>";
// Sets window.__xss if any of it ever runs in a browser.
inline constexpr std::string_view kMaliciousBody =
    "Thanks, here is our counter-offer.\n"
    "<script>alert(1)</script><img src=x onerror=alert(2)>\n"
    "<script>window.__xss = 'script'</script><img src=\"x\" onerror=\"window.__xss = 'img'\">\n"
    "<a href=\"javascript:window.__xss = 'link'\">Open the offer</a>\n"
    "Best regards,\nPriya";
inline constexpr std::string_view kPilotSentence =
    "We agreed to start the pilot with the finance team in March.";
// An id that would break out of an attribute if it were not escaped.
inline constexpr std::string_view kMaliciousId = "email-8\"onmouseover=\"alert(3)";

inline Timestamp fixture_time(std::string_view text) { return *parse_timestamp(text); }

inline TimelineItem fixture_item(std::string id, std::string_view at, std::string kind,
                                 std::string stage, std::string summary) {
  TimelineItem item;
  item.id = std::move(id);
  item.at = fixture_time(at);
  item.kind = std::move(kind);
  item.stage = std::move(stage);
  item.summary = std::move(summary);
  return item;
}

inline TimelineItem fixture_interaction(std::string id, std::string_view at, std::string kind,
                                        std::string direction, std::string stage,
                                        std::string subject, std::string body,
                                        std::vector<std::string> participants) {
  TimelineItem item = fixture_item(std::move(id), at, std::move(kind), std::move(stage), subject);
  item.direction = std::move(direction);
  item.subject = std::move(subject);
  item.body = std::move(body);
  item.participants = std::move(participants);
  return item;
}

inline Distribution fixture_won(double median, double p25, double p75) {
  return Distribution{median, p25, p75, 42};
}

inline StageStay fixture_stay(std::string id, std::string name, std::string_view entered,
                              std::optional<std::string_view> left, double days,
                              std::optional<Distribution> won) {
  StageStay stay;
  stay.id = std::move(id);
  stay.is_closed = name.starts_with("Closed");
  stay.name = std::move(name);
  stay.entered_at = fixture_time(entered);
  if (left) stay.left_at = fixture_time(*left);
  stay.days = days;
  stay.won = won;
  return stay;
}

inline MilestoneView fixture_milestone(std::string key, std::string label, std::string value,
                                       std::optional<std::string_view> attained_at) {
  MilestoneView milestone{std::move(key), std::move(label), std::move(value), std::nullopt, "", ""};
  if (attained_at) {
    milestone.attained_at = fixture_time(*attained_at);
    milestone.attained_by = "Dana Reyes";
    milestone.source = "user";
  }
  return milestone;
}

// A score that moves at events (with reasons and evidence) and drifts daily
// in between, as the analysis produces it: one point a day plus one per event.
struct FixtureHealthEvent {
  std::string_view at;
  double score;
  std::string_view trigger;
  std::string_view reason;
  double effect;
};

inline HealthPoint fixture_event_point(const FixtureHealthEvent& event) {
  std::string trigger(event.trigger);
  return {fixture_time(event.at),
          event.score,
          {{std::string(event.reason), event.effect, {trigger}}},
          trigger};
}

// What moved each point: the whole move, put down to its first reason.
inline void fixture_changes(std::vector<HealthPoint>& points) {
  for (std::size_t i = 1; i < points.size(); ++i) {
    auto& point = points[i];
    point.change = point.score - points[i - 1].score;
    if (point.change == 0 || point.reasons.empty()) continue;
    point.changes = {point.reasons.front()};
    point.changes.front().effect = point.change;
  }
}

inline std::vector<HealthPoint> fixture_health(std::string_view first_day, int days,
                                               const std::vector<FixtureHealthEvent>& events,
                                               double start_score) {
  std::vector<HealthPoint> points;
  Timestamp day = fixture_time(first_day);
  Timestamp last_event = day;
  double score = start_score;
  std::size_t next_event = 0;
  for (int i = 0; i <= days; ++i, day += std::chrono::days{1}) {
    for (; next_event < events.size() && fixture_time(events[next_event].at) <= day; ++next_event) {
      points.push_back(fixture_event_point(events[next_event]));
      score = points.back().score;
      last_event = points.back().at;
    }
    int quiet_days = static_cast<int>(days_between(last_event, day));
    double drift = quiet_days > 5 ? -0.5 : 0;
    score = std::max(0.0, score + drift);
    std::vector<HealthReason> reasons;
    if (drift < 0)
      reasons.push_back({"no interaction for " + std::to_string(quiet_days) + " days",
                         drift,
                         {},
                         "days_since_activity"});
    points.push_back({day, score, std::move(reasons), "daily"});
  }
  for (; next_event < events.size(); ++next_event)
    points.push_back(fixture_event_point(events[next_event]));
  fixture_changes(points);
  return points;
}

inline std::vector<TimelineItem> won_timeline() {
  const std::vector<std::string> buyer_thread = {"Priya Shah <priya@acme.example> (from)",
                                                 "Dana Reyes <dana@northwind.example> (to)"};
  std::vector<TimelineItem> timeline{
      fixture_item("created-1", "2024-01-08T09:00:00Z", "created", "Prospecting",
                   "Opportunity created by Dana Reyes"),
      fixture_interaction(
          "email-1", "2024-01-08T14:30:00Z", "email", "outbound", "Prospecting",
          "Intro: analytics for Acme finance",
          "Hi Priya,\n\nGreat to meet you at the summit. Would a 30-minute call "
          "next week work to look at your reporting backlog?\n\nDana",
          {"Dana Reyes <dana@northwind.example> (from)", "Priya Shah <priya@acme.example> (to)"}),
      fixture_interaction("email-2", "2024-01-10T15:04:05Z", "email", "inbound", "Prospecting",
                          "Re: Intro: analytics for Acme finance",
                          std::string("Hi Dana,\n\nThanks for the call. ") +
                              std::string(kPilotSentence) +
                              " Please send the security questionnaire.\n\nPriya",
                          buyer_thread),
      fixture_interaction("meeting-1", "2024-01-15T16:00:00Z", "meeting", "outbound", "Prospecting",
                          "Discovery call",
                          "Pains: month-end close takes 9 days; 14 spreadsheets.\nNext: demo for "
                          "the controller team.",
                          {"Dana Reyes (owner)", "Priya Shah (attendee)", "Tom Berg (attendee)"}),
      fixture_item("stage-2", "2024-01-16T10:00:00Z", "stage", "Qualification",
                   "Stage changed from Prospecting to Qualification"),
      fixture_item("milestone-1", "2024-01-16T10:05:00Z", "milestone", "Qualification",
                   "Economic buyer identified: Priya Shah, CFO"),
      fixture_interaction(
          "email-3", "2024-01-22T08:15:00Z", "email", "internal", "Qualification",
          "Deal review prep | Acme",
          "Notes for the review:\n```\nrisk: single-threaded\n```\n"
          "| owner | next step |\n# not a heading\n- not a list\n    not code either",
          {"Dana Reyes <dana@northwind.example> (from)",
           "Sam O'Neill <sam@northwind.example> (to)"}),
      fixture_interaction(std::string(kMaliciousId), "2024-02-01T11:20:00Z", "email", "inbound",
                          "Qualification", std::string(kTrickySubject), std::string(kMaliciousBody),
                          buyer_thread),
      fixture_item("stage-3", "2024-02-05T09:30:00Z", "stage", "Proposal",
                   "Stage changed from Qualification to Proposal"),
      fixture_interaction(
          "email-4", "2024-02-08T10:00:00Z", "email", "outbound", "Proposal",
          "Following up on the proposal",
          "Hi Priya, did you have a chance to review the proposal? Dana",
          {"Dana Reyes <dana@northwind.example> (from)", "Priya Shah <priya@acme.example> (to)"}),
      fixture_item("close-date-1", "2024-02-20T17:45:00Z", "close_date", "Proposal",
                   "Close date pushed from 2024-02-29 to 2024-03-29"),
      fixture_interaction("call-1", "2024-02-27T15:00:00Z", "call", "outbound", "Proposal",
                          "Negotiation call with procurement",
                          "Procurement asked for a 15% discount for a 2-year term.",
                          {"Dana Reyes (owner)", "Lee Park <lee@acme.example> (attendee)"}),
      fixture_item("amount-1", "2024-03-01T12:00:00Z", "amount", "Proposal",
                   "Amount changed from USD 140,000 to USD 120,000"),
      fixture_item("stage-4", "2024-03-05T09:00:00Z", "stage", "Negotiation",
                   "Stage changed from Proposal to Negotiation"),
      fixture_interaction("note-1", "2024-03-12T13:00:00Z", "note", "", "Negotiation", "",
                          "Legal review done. Signature expected next week.", {}),
      fixture_item("stage-5", "2024-03-20T16:00:00Z", "stage", "Closed Won",
                   "Stage changed from Negotiation to Closed Won"),
      fixture_item("closed-1", "2024-03-20T16:00:00Z", "closed", "Closed Won", "Closed won"),
  };
  timeline[3].duration_seconds = 3600;   // the discovery call
  timeline[11].duration_seconds = 1320;  // the negotiation call
  return timeline;
}

inline PostmortemReport won_report() {
  PostmortemReport report;
  auto& opportunity = report.opportunity;
  opportunity.id = "006Acme0001";
  opportunity.name = std::string(kWonDealName);
  opportunity.account_id = "001Acme";
  opportunity.owner_id = "005Dana";
  opportunity.amount = 120000;
  opportunity.currency = "USD";
  opportunity.stage = "Closed Won";
  opportunity.created_at = fixture_time("2024-01-08T09:00:00Z");
  opportunity.close_date = parse_date("2024-03-29");
  opportunity.outcome = Outcome::won;
  opportunity.win_reason = "Fastest month-end close";
  opportunity.competitor = "Initech BI";
  report.account_name = "Acme | Europe";
  report.owner_name = "Dana Reyes";
  report.manager_name = "Sam O'Neill";
  report.level = ReportLevel::full;
  report.audience = {"quarterly business review"};
  report.first_touch = fixture_time("2024-01-08T09:00:00Z");
  report.closed_at = fixture_time("2024-03-20T16:00:00Z");
  report.as_of = fixture_time("2024-03-21T06:00:00Z");
  report.cycle_days = 72.2916666667;
  report.won_cycle = Distribution{58, 41, 77, 42};
  report.won_cycle_mean_days = 63.5;
  report.furthest_stage = "Negotiation";
  report.close_date_pushes = 1;
  report.health_model = "rules";
  report.line_in_the_sand = "Proposal";
  report.late_stage = "Negotiation";
  report.stages = {
      fixture_stay("created-1", "Prospecting", "2024-01-08T09:00:00Z", "2024-01-16T10:00:00Z",
                   8.0417, fixture_won(6, 3, 10)),
      fixture_stay("stage-2", "Qualification", "2024-01-16T10:00:00Z", "2024-02-05T09:30:00Z",
                   19.9792, fixture_won(12, 8, 16)),
      fixture_stay("stage-3", "Proposal", "2024-02-05T09:30:00Z", "2024-03-05T09:00:00Z", 28.9792,
                   fixture_won(21, 14, 30)),
      fixture_stay("stage-4", "Negotiation", "2024-03-05T09:00:00Z", "2024-03-20T16:00:00Z",
                   15.2917, fixture_won(10, 6, 15)),
      fixture_stay("stage-5", "Closed Won", "2024-03-20T16:00:00Z", std::nullopt, 0, std::nullopt),
  };
  report.stages[1].milestones = {
      fixture_milestone("economic_buyer", "Economic buyer identified", "Priya Shah, CFO",
                        "2024-01-16T10:05:00Z"),
      fixture_milestone("budget", "Budget confirmed", "true", "2024-01-30T09:00:00Z"),
  };
  report.stages[2].milestones = {
      fixture_milestone("mutual_plan", "Mutual close plan agreed", "", std::nullopt),
  };
  report.timeline = won_timeline();
  report.health = fixture_health(
      "2024-01-08T00:00:00Z", 72,
      {{"2024-01-10T15:04:05Z", 68, "email-2", "the buyer replied within 2 days", 8},
       {"2024-01-16T10:00:00Z", 74, "stage-2", "moved to Qualification on pace", 6},
       {"2024-02-01T11:20:00Z", 62, kMaliciousId, "the buyer asked for a lower price", -6},
       {"2024-02-20T17:45:00Z", 41, "close-date-1", "close date pushed a first time", -12},
       {"2024-02-27T15:00:00Z", 55, "call-1", "procurement engaged: a second buyer contact", 14},
       {"2024-03-05T09:00:00Z", 70, "stage-4", "moved to Negotiation", 15},
       {"2024-03-20T16:00:00Z", 100, "closed-1", "closed won", 30}},
      60);
  report.tells = {
      Tell{"stalled",
           "In Qualification for 19 days, longer than 3 in 4 won deals (16 days).",
           fixture_time("2024-02-01T10:00:00Z"),
           fixture_time("2024-02-05T09:30:00Z"),
           48.25,
           {"stage-2"}},
      Tell{"ghosted",
           "Two messages to Priya Shah unanswered for 12 days.",
           fixture_time("2024-02-20T10:00:00Z"),
           fixture_time("2024-02-27T15:00:00Z"),
           29.25,
           {"email-4", std::string(kMaliciousId)}},
      Tell{"close_date_pushed",
           "The close date moved from 2024-02-29 to 2024-03-29.",
           fixture_time("2024-02-20T17:45:00Z"),
           std::nullopt,
           28.9271,
           {"close-date-1"}},
  };
  return report;
}

inline PostmortemReport lost_report() {
  PostmortemReport report;
  auto& opportunity = report.opportunity;
  opportunity.id = "006Globex01";
  opportunity.name = std::string(kLostDealName);
  opportunity.account_id = "001Globex";
  opportunity.amount = 48500.5;
  opportunity.currency = "EUR";
  opportunity.stage = "Closed Lost";
  opportunity.created_at = fixture_time("2024-04-02T08:00:00Z");
  opportunity.close_date = parse_date("2024-05-31");
  opportunity.outcome = Outcome::lost;
  opportunity.loss_reason = "No budget this year";
  report.account_name = "Globex #1 GmbH";
  report.owner_name = "Ravi Menon";
  report.manager_name = "";
  report.level = ReportLevel::short_form;
  report.audience = {"rep", "first-line manager", "marketing"};
  report.first_touch = fixture_time("2024-03-28T12:00:00Z");
  report.closed_at = fixture_time("2024-05-06T10:00:00Z");
  report.as_of = fixture_time("2024-05-07T06:00:00Z");
  report.cycle_days = 34.0833;  // creation to close, not from the first touch
  report.won_cycle_mean_days = 63.5;
  report.won_cycle = Distribution{58, 41, 77, 42};
  report.furthest_stage = "Qualification";
  report.health_model = "learned (logistic regression on 120 closed deals)";
  report.line_in_the_sand = "Proposal";
  report.late_stage = "Negotiation";
  report.notes = {"2 e-mails could not be matched to a contact | see <unmatched>",
                  "the time it closed is not recorded; its close date is used"};
  report.stages = {
      fixture_stay("created-20", "Prospecting", "2024-04-02T08:00:00Z", "2024-04-10T09:00:00Z",
                   8.0417, fixture_won(6, 3, 10)),
      fixture_stay("stage-21", "Qualification", "2024-04-10T09:00:00Z", "2024-05-06T10:00:00Z",
                   26.0417, fixture_won(12, 8, 16)),
      fixture_stay("stage-22", "Closed Lost", "2024-05-06T10:00:00Z", std::nullopt, 0,
                   std::nullopt),
  };
  report.stages[1].milestones = {
      fixture_milestone("economic_buyer", "Economic buyer identified", "", std::nullopt),
  };
  report.timeline = {
      fixture_interaction(
          "email-20", "2024-03-28T12:00:00Z", "email", "inbound", "",
          "Question about migration tooling",
          "Hello, we are moving off our on-premise warehouse. `Do` you support "
          "incremental loads?\n\nMarta",
          {"Marta Kühn <marta@globex.example> (from)", "Ravi Menon <ravi@northwind.example> (to)"}),
      fixture_item("created-20", "2024-04-02T08:00:00Z", "created", "Prospecting",
                   "Opportunity created by Ravi Menon"),
      fixture_interaction("meeting-20", "2024-04-09T14:00:00Z", "meeting", "outbound",
                          "Prospecting", "Technical deep dive",
                          "Only the data engineer joined; no one from finance.",
                          {"Ravi Menon (owner)", "Marta Kühn (attendee)"}),
      fixture_item("stage-21", "2024-04-10T09:00:00Z", "stage", "Qualification",
                   "Stage changed from Prospecting to Qualification"),
      fixture_interaction(
          "email-21", "2024-04-15T09:30:00Z", "email", "outbound", "Qualification",
          "Pricing for 40 TB",
          "Hi Marta, attached is the pricing for 40 TB.\n\n````\nnot a fence "
          "end\n```` \n\nRavi",
          {"Ravi Menon <ravi@northwind.example> (from)", "Marta Kühn <marta@globex.example> (to)"}),
      fixture_interaction(
          "email-22", "2024-05-06T09:45:00Z", "email", "inbound", "Qualification",
          "Re: Pricing for 40 TB", "Hi Ravi, budget was cut for this year. We will revisit in Q1.",
          {"Marta Kühn <marta@globex.example> (from)", "Ravi Menon <ravi@northwind.example> (to)"}),
      fixture_item("stage-22", "2024-05-06T10:00:00Z", "stage", "Closed Lost",
                   "Stage changed from Qualification to Closed Lost"),
      fixture_item("closed-20", "2024-05-06T10:00:00Z", "closed", "Closed Lost",
                   "Closed lost: No budget this year"),
  };
  report.timeline[2].duration_seconds = 2700;  // the deep dive
  report.health = fixture_health(
      "2024-03-28T00:00:00Z", 39,
      {{"2024-03-28T12:00:00Z", 55, "email-20", "the buyer reached out first", 5},
       {"2024-04-09T14:00:00Z", 50, "meeting-20", "only one buyer contact engaged", -5},
       {"2024-05-06T09:45:00Z", 12, "email-22", "the buyer reported no budget", -25}},
      50);
  report.tells = {
      Tell{"single_threaded",
           "Only Marta Kühn engaged in the last 30 days.",
           fixture_time("2024-04-27T00:00:00Z"),
           std::nullopt,
           9.4167,
           {"meeting-20"}},
      Tell{"no_senior_contact",
           "No one above manager level took part.",
           fixture_time("2024-04-16T00:00:00Z"),
           std::nullopt,
           20.4167,
           {"meeting-20", "gone-1"}},
  };
  return report;
}

// The won deal on 2024-02-21, while it was still open in Proposal.
inline PostmortemReport open_report() {
  PostmortemReport report = won_report();
  Timestamp as_of = fixture_time("2024-02-21T08:00:00Z");
  report.as_of = as_of;
  report.closed_at.reset();
  report.opportunity.outcome = Outcome::open;
  report.opportunity.stage = "Proposal";
  report.opportunity.win_reason.clear();
  report.furthest_stage = "Proposal";
  report.cycle_days = 43.9583;
  std::erase_if(report.timeline, [&](const TimelineItem& item) { return item.at > as_of; });
  std::erase_if(report.health, [&](const HealthPoint& point) { return point.at > as_of; });
  std::erase_if(report.stages, [&](const StageStay& stay) { return stay.entered_at > as_of; });
  report.stages.back().left_at.reset();
  report.stages.back().days = 15.9375;
  std::erase_if(report.tells, [&](const Tell& tell) { return tell.first_fired_at > as_of; });
  for (auto& tell : report.tells) {
    tell.days_before_close.reset();
    if (tell.cleared_at && *tell.cleared_at > as_of) tell.cleared_at.reset();
  }
  return report;
}

}  // namespace rearview::testing
