#include "health_series.h"

#include <algorithm>
#include <cmath>

#include "health_features.h"
#include "health_words.h"
#include "wording.h"

namespace rearview::analysis {
namespace {

constexpr double kSmallestChange = 0.5;  // points; smaller moves are noise

struct Checkpoint {
  Timestamp at{};
  const std::string* trigger = nullptr;  // a timeline id; none for a daily check
};

const std::string kDaily = "daily";
const std::string kAsOf = "as_of";

// Events and days merged in time order; an event and a day at the same
// instant keep only the event. A day is checked when it begins on the
// zone's calendar (local midnight), the first after the deal's start.
std::vector<Checkpoint> checkpoints(const DealIndex& index,
                                    const std::vector<TimelineItem>& timeline) {
  const TimeZone& zone = index.settings.time_zone;
  std::vector<Checkpoint> merged;
  auto event = timeline.begin();
  auto take_events_until = [&](Timestamp limit) {
    for (; event != timeline.end() && event->at <= limit; ++event)
      if (event->at >= index.start && event->at <= index.end)
        merged.push_back({event->at, &event->id});
  };
  for (Date day = zone.local_date(index.start) + std::chrono::days{1};;
       day += std::chrono::days{1}) {
    Timestamp at = zone.start_of_day(day);
    if (at >= index.end) break;
    take_events_until(at);
    if (merged.empty() || merged.back().at != at) merged.push_back({at, nullptr});
  }
  take_events_until(index.end);
  return merged;
}

class SeriesBuilder {
 public:
  SeriesBuilder(const DealIndex& index, const HealthModel& model) : index_(index), model_(model) {}

  void check(const Checkpoint& checkpoint) {
    fill_features(index_, checkpoint.at, features_);
    double score = std::round(model_.points(features_));
    if (checkpoint.trigger || score != last_score_)
      emit(checkpoint.at, checkpoint.trigger ? *checkpoint.trigger : kDaily);
  }

  void finish(Timestamp end, const std::string& trigger) {
    if (!series_.empty() && series_.back().at >= end) return;
    fill_features(index_, end, features_);
    emit(end, trigger);
  }

  std::vector<HealthPoint> take() { return std::move(series_); }

 private:
  void emit(Timestamp at, const std::string& trigger) {
    HealthScore scored = model_.score(features_);
    HealthPoint point{.at = at,
                      .score = std::round(scored.score),
                      .reasons = std::move(scored.reasons),
                      .trigger = trigger};
    for (auto& reason : point.reasons)
      if (auto feature = health_feature_named(reason.feature))
        reason.evidence = evidence_for(index_, *feature, at);
    if (!series_.empty()) {
      point.change = point.score - series_.back().score;
      point.changes = changes_since_last(scored.contributions, at);
    }
    last_score_ = point.score;
    last_contributions_ = scored.contributions;
    series_.push_back(std::move(point));
  }

  // The features whose effect moved, largest move first.
  std::vector<HealthReason> changes_since_last(const HealthVector& contributions,
                                               Timestamp at) const {
    std::vector<HealthReason> changes;
    for (std::size_t i = 0; i < kHealthFeatureCount; ++i) {
      double moved = contributions[i] - last_contributions_[i];
      if (std::fabs(moved) < kSmallestChange) continue;
      HealthFeature feature = health_feature(i);
      changes.push_back(
          HealthReason{.text = feature_text(feature, features_, contributions[i] >= 0),
                       .effect = moved,
                       .evidence = evidence_for(index_, feature, at),
                       .feature = std::string(to_string(feature))});
    }
    // Added in feature order; equal moves keep it.
    std::stable_sort(changes.begin(), changes.end(),
                     [](const HealthReason& left, const HealthReason& right) {
                       return std::fabs(left.effect) > std::fabs(right.effect);
                     });
    return changes;
  }

  const DealIndex& index_;
  const HealthModel& model_;
  HealthFeatures features_;
  std::vector<HealthPoint> series_;
  double last_score_ = -1;
  HealthVector last_contributions_{};
};

}  // namespace

std::vector<HealthPoint> health_over_time(const DealIndex& index,
                                          const std::vector<TimelineItem>& timeline,
                                          const HealthModel& model) {
  SeriesBuilder builder(index, model);
  if (index.start <= index.end)
    for (const auto& checkpoint : checkpoints(index, timeline)) builder.check(checkpoint);
  builder.finish(index.end, index.closed ? std::string("closed") : kAsOf);
  return builder.take();
}

}  // namespace rearview::analysis
