// The report as JSON: the contract with the web app, described field by
// field in docs/report.schema.json. Keep the two in step.
#include "json_writer.h"
#include "rearview/report/render.h"
#include "report_model.h"
#include "text_format.h"

namespace rearview {
namespace {

using report::JsonWriter;

constexpr int kReportVersion = 3;

template <typename Item, typename Write>
void write_array(JsonWriter& json, std::string_view name, const std::vector<Item>& items,
                 Write write) {
  json.key(name);
  json.begin_array();
  for (const auto& item : items) write(json, item);
  json.end_array();
}

void write_custom_fields(JsonWriter& json, const CustomFields& fields) {
  json.begin_array();
  for (const auto& [field, value] : fields) {
    json.begin_object();
    json.key("field");
    json.string(field);
    json.key("value");
    json.string(value);
    json.end_object();
  }
  json.end_array();
}

void write_opportunity(JsonWriter& json, const PostmortemReport& report) {
  const auto& opportunity = report.opportunity;
  json.begin_object();
  json.key("id");
  json.string(opportunity.id);
  json.key("name");
  json.string(opportunity.name);
  json.key("amount");
  json.optional_number(opportunity.amount);
  json.key("currency");
  json.optional_string(opportunity.currency);
  json.key("stage");
  json.optional_string(opportunity.stage);
  json.key("account");
  json.optional_string(report.account_name);
  json.key("account_id");
  json.optional_string(opportunity.account_id.value_or(""));
  json.key("owner");
  json.optional_string(report.owner_name);
  json.key("owner_id");
  json.optional_string(opportunity.owner_id.value_or(""));
  json.key("manager");
  json.optional_string(report.manager_name);
  json.key("created_at");
  json.time(opportunity.created_at);
  json.key("close_date");
  if (opportunity.close_date)
    json.string(format_date(*opportunity.close_date));
  else
    json.null();
  json.key("last_stage_change_at");
  json.time(opportunity.last_stage_change_at);
  const std::pair<std::string_view, const std::string*> texts[] = {
      {"type", &opportunity.type},
      {"source", &opportunity.source},
      {"loss_reason", &opportunity.loss_reason},
      {"win_reason", &opportunity.win_reason},
      {"competitor", &opportunity.competitor},
  };
  for (const auto& [name, value] : texts) {
    json.key(name);
    json.optional_string(*value);
  }
  json.key("custom");
  write_custom_fields(json, opportunity.custom);
  json.end_object();
}

void write_won_cycle(JsonWriter& json, const PostmortemReport& report) {
  const auto& won = report.won_cycle;
  json.begin_object();
  json.key("mean");
  json.optional_number(won ? std::optional(report.won_cycle_mean_days) : std::nullopt);
  json.key("median");
  json.optional_number(won ? std::optional(won->median_days) : std::nullopt);
  json.key("p25");
  json.optional_number(won ? std::optional(won->p25_days) : std::nullopt);
  json.key("p75");
  json.optional_number(won ? std::optional(won->p75_days) : std::nullopt);
  json.key("deals");
  json.integer(won ? won->deals : 0);
  json.end_object();
}

void write_milestone(JsonWriter& json, const MilestoneView& milestone) {
  json.begin_object();
  json.key("key");
  json.string(milestone.key);
  json.key("label");
  json.string(milestone.label);
  json.key("attained");
  json.boolean(milestone.attained_at.has_value());
  json.key("value");
  json.optional_string(milestone.value);
  json.key("attained_at");
  json.time(milestone.attained_at);
  json.key("attained_by");
  json.optional_string(milestone.attained_by);
  json.key("source");
  json.optional_string(milestone.source);
  json.end_object();
}

void write_stage(JsonWriter& json, const StageStay& stay) {
  const auto& won = stay.won;
  json.begin_object();
  json.key("name");
  json.string(stay.name);
  json.key("entered_at");
  json.time(stay.entered_at);
  json.key("left_at");
  json.time(stay.left_at);
  json.key("days");
  json.number(stay.days);
  json.key("won_median_days");
  json.optional_number(won ? std::optional(won->median_days) : std::nullopt);
  json.key("won_p25_days");
  json.optional_number(won ? std::optional(won->p25_days) : std::nullopt);
  json.key("won_p75_days");
  json.optional_number(won ? std::optional(won->p75_days) : std::nullopt);
  json.key("won_deals");
  json.integer(won ? won->deals : 0);
  json.key("is_closed");
  json.boolean(stay.is_closed);
  json.key("visit");
  json.integer(stay.visit);
  json.key("id");
  json.optional_string(stay.id);
  write_array(json, "milestones", stay.milestones, write_milestone);
  json.end_object();
}

void write_reason(JsonWriter& json, const HealthReason& reason) {
  json.begin_object();
  json.key("text");
  json.string(reason.text);
  json.key("effect");
  json.number(reason.effect);
  json.key("evidence");
  json.strings(reason.evidence);
  json.key("feature");
  json.optional_string(reason.feature);
  json.end_object();
}

void write_health_point(JsonWriter& json, const HealthPoint& point) {
  json.begin_object();
  json.key("at");
  json.time(point.at);
  json.key("score");
  json.number(point.score);
  json.key("trigger");
  json.optional_string(point.trigger);
  json.key("change");
  json.number(point.change);
  write_array(json, "reasons", point.reasons, write_reason);
  write_array(json, "changes", point.changes, write_reason);
  json.end_object();
}

void write_tell(JsonWriter& json, const Tell& tell) {
  json.begin_object();
  json.key("kind");
  json.string(tell.kind);
  json.key("label");
  json.string(report::tell_label(tell.kind));
  json.key("description");
  json.string(tell.description);
  json.key("first_fired_at");
  json.time(tell.first_fired_at);
  json.key("cleared_at");
  json.time(tell.cleared_at);
  json.key("active");
  json.boolean(!tell.cleared_at.has_value());
  json.key("days_before_close");
  json.optional_number(tell.days_before_close);
  json.key("evidence");
  json.strings(tell.evidence);
  json.end_object();
}

// An interaction's source and its link to this deal; null for other items.
void write_origin(JsonWriter& json, const std::optional<ItemOrigin>& origin) {
  json.key("source");
  if (origin)
    json.string(to_string(origin->source));
  else
    json.null();
  json.key("source_id");
  json.optional_string(origin ? origin->source_id : "");
  json.key("link");
  if (!origin) return json.null();
  json.begin_object();
  json.key("method");
  json.string(to_string(origin->method));
  json.key("score");
  json.number(origin->score);
  json.key("rule");
  json.optional_string(origin->rule);
  json.end_object();
}

void write_tracker_hits(JsonWriter& json, const std::vector<TrackerHit>& hits) {
  json.key("tracker_hits");
  json.begin_array();
  for (const auto& hit : hits) {
    json.begin_object();
    json.key("tracker");
    json.string(hit.tracker);
    json.key("phrase");
    json.string(hit.phrase);
    json.key("excerpt");
    json.string(hit.excerpt);
    json.key("at");
    json.time(hit.at);
    json.key("cue_seconds");
    if (hit.cue_seconds)
      json.integer(*hit.cue_seconds);
    else
      json.null();
    json.key("speaker");
    json.optional_string(hit.speaker);
    json.key("said_by");
    json.string(to_string(hit.said_by));
    json.key("mentions");
    json.integer(hit.mentions);
    json.end_object();
  }
  json.end_array();
}

void write_talk(JsonWriter& json, const std::optional<CallTalk>& talk) {
  json.key("talk");
  if (!talk) return json.null();
  json.begin_object();
  json.key("speaker_turns");
  json.integer(talk->speaker_turns);
  json.key("our_seconds");
  json.integer(talk->our_seconds);
  json.key("buyer_seconds");
  json.integer(talk->buyer_seconds);
  json.key("unattributed_seconds");
  json.integer(talk->unattributed_seconds);
  json.key("our_share");
  if (auto share = our_talk_share(*talk))
    json.number(*share);
  else
    json.null();
  json.end_object();
}

void write_timeline_item(JsonWriter& json, const TimelineItem& item) {
  json.begin_object();
  json.key("id");
  json.string(item.id);
  json.key("at");
  json.time(item.at);
  json.key("kind");
  json.string(item.kind);
  json.key("direction");
  json.optional_string(item.direction);
  json.key("stage");
  json.optional_string(item.stage);
  json.key("summary");
  json.string(item.summary);
  json.key("subject");
  json.optional_string(item.subject);
  json.key("body");
  json.optional_string(item.body);
  json.key("participants");
  json.strings(item.participants);
  json.key("duration_seconds");
  if (item.duration_seconds)
    json.integer(*item.duration_seconds);
  else
    json.null();
  write_talk(json, item.talk);
  write_tracker_hits(json, item.tracker_hits);
  write_origin(json, item.origin);
  json.end_object();
}

void write_deal_facts(JsonWriter& json, const PostmortemReport& report) {
  json.key("outcome");
  json.string(to_string(report.opportunity.outcome));
  json.key("level");
  json.string(report::level_name(report.level));
  json.key("audience");
  json.strings(report.audience);
  json.key("as_of");
  json.time(report.as_of);
  json.key("time_zone");
  json.string(report.time_zone.name());
  json.key("first_touch");
  json.time(report.first_touch);
  json.key("first_touch_days_before_creation");
  json.optional_number(report::first_touch_days_before_creation(report));
  json.key("closed_at");
  json.time(report.closed_at);
  json.key("cycle_days");
  json.optional_number(report.cycle_days);
  json.key("won_cycle_days");
  write_won_cycle(json, report);
  json.key("furthest_stage");
  json.optional_string(report.furthest_stage);
  json.key("close_date_pushes");
  json.integer(report.close_date_pushes);
  json.key("health_model");
  json.optional_string(report.health_model);
  json.key("line_in_the_sand");
  json.optional_string(report.line_in_the_sand);
  json.key("late_stage");
  json.optional_string(report.late_stage);
  json.key("notes");
  json.strings(report.notes);
}

void write_interview(JsonWriter& json, const PostmortemReport& report) {
  const BuyerInterview& interview = *report.interview;
  json.begin_object();
  json.key("interviewer");
  json.string(interview.interviewer);
  json.key("recorded_at");
  json.string(format_timestamp(interview.recorded_at));
  json.key("owner_override");
  json.boolean(interview.owner_override);
  json.key("value_in_their_words");
  json.optional_string(interview.value_in_their_words);
  json.key("voices");
  json.begin_array();
  for (const auto& voice : interview.voices) {
    json.begin_object();
    json.key("name");
    json.string(voice.name);
    json.key("role");
    json.optional_string(voice.role);
    json.key("in_the_room");
    json.boolean(voice.in_the_room);
    json.end_object();
  }
  json.end_array();
  json.key("deciding_factors");
  json.optional_string(interview.deciding_factors);
  json.key("driver");
  if (interview.driver)
    json.string(to_string(*interview.driver));
  else
    json.null();
  json.key("competitor");
  json.optional_string(interview.competitor);
  json.key("reasons");
  json.strings(interview.reasons);
  json.key("quotes");
  json.strings(interview.quotes);
  json.key("beside_crm");
  if (!report.reasons) {
    json.null();
  } else {
    json.begin_object();
    json.key("crm_reason");
    json.optional_string(report.reasons->crm_reason);
    json.key("crm_competitor");
    json.optional_string(report.reasons->crm_competitor);
    json.key("reasons_differ");
    json.boolean(report.reasons->reasons_differ);
    json.key("competitor_differs");
    json.boolean(report.reasons->competitor_differs);
    json.key("summary");
    json.string(report.reasons->summary);
    json.end_object();
  }
  json.end_object();
}

// Debriefs and action items are filled by a later release; the keys are
// present now so readers can rely on them.
void write_placeholders(JsonWriter& json, const PostmortemReport& report) {
  json.key("interview");
  if (report.interview)
    write_interview(json, report);
  else
    json.null();
  json.key("debriefs");
  json.begin_array();
  json.end_array();
  json.key("action_items");
  json.begin_array();
  json.end_array();
}

}  // namespace

std::string render_json(const PostmortemReport& report) {
  std::string out;
  out.reserve(4096 + report.timeline.size() * 1024 + report.health.size() * 256);
  JsonWriter json(out);
  json.begin_object();
  json.key("report_version");
  json.integer(kReportVersion);
  json.key("opportunity");
  write_opportunity(json, report);
  write_deal_facts(json, report);
  write_array(json, "stages", report.stages, write_stage);
  write_array(json, "health", report.health, write_health_point);
  write_array(json, "tells", report.tells, write_tell);
  write_array(json, "timeline", report.timeline, write_timeline_item);
  write_placeholders(json, report);
  json.end_object();
  return out;
}

}  // namespace rearview
