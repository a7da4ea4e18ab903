#include "health_features.h"

#include <algorithm>

#include "close_date.h"
#include "wording.h"

namespace rearview::analysis {
namespace {

constexpr double kDaysCap = 365;
constexpr double kStageTimeRatioCap = 10;

bool attained_by(const MilestoneTrack& track, Timestamp at) {
  bool attained = false;
  for (const auto& [time, state] : track.states) {
    if (time > at) break;
    attained = state;
  }
  return attained;
}

// Milestones count once the deal has reached their stage.
bool in_scope(const MilestoneTrack& track, int furthest_order) {
  return track.stage_order <= furthest_order;
}

void fill_milestones(const DealIndex& index, const EntryFacts* entry, Timestamp at,
                     HealthFeatures& features) {
  int furthest = entry ? entry->furthest_order : kUnknownStageOrder;
  features.milestones_defined = 0;
  features.milestones_attained = 0;
  for (const auto& track : index.milestones) {
    if (!in_scope(track, furthest)) continue;
    ++features.milestones_defined;
    if (attained_by(track, at)) ++features.milestones_attained;
  }
  features.milestone_ratio =
      features.milestones_defined == 0
          ? 1
          : double(features.milestones_attained) / features.milestones_defined;
}

void fill_stage(const DealIndex& index, const EntryFacts* entry, Timestamp at,
                HealthFeatures& features) {
  // assign() keeps the string's storage across a sweep.
  features.stage.assign(entry ? entry->entry->stage : index.stage_at(at));
  features.days_in_stage = entry ? std::max(0.0, days_between(entry->entry->entered_at, at)) : 0;
  features.won_stage_median_days = entry && entry->won ? entry->won->median_days : 0;
  features.stage_time_ratio = features.won_stage_median_days > 0
                                  ? features.days_in_stage / features.won_stage_median_days
                                  : 1;
}

void fill_close_date(const DealIndex& index, Timestamp at, HealthFeatures& features) {
  features.close_date = index.close_date_at(at);
  features.close_date_pushes = index.pushes_by(at);
  features.days_overdue =
      features.close_date ? days_past_close_date(*features.close_date, at, index.settings.time_zone)
                          : 0;
}

void fill_buyer(const DealIndex& index, Timestamp at, HealthFeatures& features) {
  const Moment* reply = last_by(index.replies, at);
  features.buyer_replied = reply != nullptr;
  features.days_since_reply = std::max(0.0, days_between(reply ? reply->at : index.start, at));
  features.unanswered_messages =
      count_between(index.outbound_messages, reply ? reply->at : Timestamp::min(), at);
  Timestamp recent = add_days(at, -kRecentDays);
  features.buyer_contacts_engaged = index.contacts_engaged(recent, at);
  features.recent_meetings = count_between(index.meetings, recent, at);
  bool senior = index.senior_engaged_by(at);
  features.senior_contact_engaged = senior ? 1 : 0;
  if (senior) {
    features.senior_contact.assign(
        index.buyer_contacts[std::size_t(index.first_senior_engagement->contact)].name);
  } else {
    features.senior_contact.clear();
  }
}

void add_interactions(const DealIndex& index, const std::vector<Moment>& moments, Timestamp from,
                      Timestamp to, std::vector<Id>& evidence) {
  for (const auto& moment : moments)
    if (moment.at > from && moment.at <= to)
      evidence.push_back(index.interaction_ids[std::size_t(moment.item)]);
}

template <typename Change, typename Predicate>
void add_changes(const DealIndex& index, const std::vector<Change>& changes, Timestamp at,
                 Predicate counts, std::vector<Id>& evidence) {
  for (const auto& change : changes)
    if (change.at <= at && counts(change))
      evidence.push_back(index.change_ids[std::size_t(change.change)]);
}

}  // namespace

void fill_features(const DealIndex& index, Timestamp at, HealthFeatures& features) {
  features.deal_age_days = std::max(0.0, days_between(index.start, at));
  fill_buyer(index, at, features);
  const EntryFacts* entry = index.entry_at(at);
  fill_stage(index, entry, at, features);
  fill_close_date(index, at, features);
  features.amount_decreases = index.decreases_by(at);
  fill_milestones(index, entry, at, features);
}

std::vector<Id> evidence_for(const DealIndex& index, HealthFeature feature, Timestamp at) {
  std::vector<Id> evidence;
  const Moment* reply = last_by(index.replies, at);
  Timestamp recent = add_days(at, -kRecentDays);
  switch (feature) {
    case HealthFeature::days_since_reply:
      if (reply) evidence.push_back(index.interaction_ids[std::size_t(reply->item)]);
      break;
    case HealthFeature::unanswered_messages:
      add_interactions(index, index.outbound_messages, reply ? reply->at : Timestamp::min(), at,
                       evidence);
      break;
    case HealthFeature::buyer_contacts_engaged:
      for (const auto& engagement : index.engagements) {
        const Id& id = index.interaction_ids[std::size_t(engagement.interaction)];
        bool recent_enough = engagement.at > recent && engagement.at <= at;
        if (recent_enough && (evidence.empty() || evidence.back() != id)) evidence.push_back(id);
      }
      break;
    case HealthFeature::senior_contact_engaged:
      if (index.senior_engaged_by(at))
        evidence.push_back(
            index.interaction_ids[std::size_t(index.first_senior_engagement->interaction)]);
      break;
    case HealthFeature::recent_meetings:
      add_interactions(index, index.meetings, recent, at, evidence);
      break;
    case HealthFeature::stage_time_ratio:
      if (const EntryFacts* entry = index.entry_at(at)) evidence.push_back(entry->id);
      break;
    case HealthFeature::close_date_pushes:
      add_changes(
          index, index.close_date_changes, at, [](const auto& change) { return change.pushed; },
          evidence);
      break;
    case HealthFeature::amount_decreases:
      add_changes(
          index, index.amount_changes, at, [](const auto& change) { return change.decreased; },
          evidence);
      break;
    case HealthFeature::milestone_ratio: {
      int furthest = index.furthest_order_by(at);
      for (const auto& track : index.milestones) {
        if (!in_scope(track, furthest) || !attained_by(track, at)) continue;
        for (int attainment : track.attainments)
          if (index.snapshot.milestones[std::size_t(attainment)].attained_at <= at)
            evidence.push_back(index.milestone_ids[std::size_t(attainment)]);
      }
      break;
    }
    case HealthFeature::days_overdue:
      if (const CloseDateChange* change = index.close_date_change_at(at))
        evidence.push_back(index.change_ids[std::size_t(change->change)]);
      break;
  }
  return evidence;
}

}  // namespace rearview::analysis

namespace rearview {

HealthVector HealthFeatures::values() const {
  using analysis::kDaysCap;
  return {std::min(days_since_reply, kDaysCap),
          unanswered_messages,
          buyer_contacts_engaged,
          senior_contact_engaged,
          recent_meetings,
          std::min(stage_time_ratio, analysis::kStageTimeRatioCap),
          close_date_pushes,
          amount_decreases,
          milestone_ratio,
          std::min(days_overdue, kDaysCap)};
}

HealthFeatures features_at(const OpportunitySnapshot& snapshot, Timestamp at,
                           const WonCohort& cohort, const AnalysisSettings& settings) {
  analysis::DealIndex index(snapshot, cohort, settings);
  HealthFeatures features;
  analysis::fill_features(index, at, features);
  return features;
}

}  // namespace rearview
