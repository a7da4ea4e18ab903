#include "health_series.h"

#include <cmath>

#include "health_features.h"
#include "health_reasons.h"

namespace rearview::analysis {
namespace {

struct Checkpoint {
  Timestamp at{};
  const std::string* trigger = nullptr;  // a timeline id; none for a daily check
  bool always_kept = false;              // events and the end
};

const std::string kDaily = "daily";
const std::string kAsOf = "as_of";
const std::string kClosed = "closed";

// Events and days merged in time order; an event and a day at the same
// instant keep only the event. A day is checked when it begins on the
// zone's calendar (local midnight), the first after the deal's start. Then
// the end, unless an event is there.
std::vector<Checkpoint> checkpoints(const DealIndex& index,
                                    const std::vector<TimelineItem>& timeline) {
  const TimeZone& zone = index.settings.time_zone;
  std::vector<Checkpoint> merged;
  auto event = timeline.begin();
  auto take_events_until = [&](Timestamp limit) {
    for (; event != timeline.end() && event->at <= limit; ++event)
      if (event->at >= index.start && event->at <= index.end)
        merged.push_back({event->at, &event->id, true});
  };
  if (index.start <= index.end) {
    for (Date day = zone.local_date(index.start) + std::chrono::days{1};;
         day += std::chrono::days{1}) {
      Timestamp at = zone.start_of_day(day);
      if (at >= index.end) break;
      take_events_until(at);
      if (merged.empty() || merged.back().at != at) merged.push_back({at, nullptr, false});
    }
    take_events_until(index.end);
  }
  if (merged.empty() || merged.back().at < index.end)
    merged.push_back({index.end, index.closed ? &kClosed : &kAsOf, true});
  return merged;
}

std::vector<HealthVector> inputs_at(const DealIndex& index,
                                    const std::vector<Checkpoint>& moments) {
  std::vector<HealthVector> inputs;
  inputs.reserve(moments.size());
  HealthFeatures features;  // reused: its strings keep their storage
  for (const Checkpoint& moment : moments) {
    fill_features(index, moment.at, features);
    inputs.push_back(features.values());
  }
  return inputs;
}

// The moments that become points: events, the end, and days whose score in
// whole points differs from the last point's.
std::vector<std::size_t> kept_moments(const std::vector<Checkpoint>& moments,
                                      const std::vector<double>& scores) {
  std::vector<std::size_t> kept;
  double last_score = -1;
  for (std::size_t i = 0; i < moments.size(); ++i) {
    double score = std::round(scores[i]);
    if (!moments[i].always_kept && score == last_score) continue;
    kept.push_back(i);
    last_score = score;
  }
  return kept;
}

// For each point after the first: against the first point (its reasons),
// then against the point before (its changes).
std::vector<Comparison> comparisons_of(const std::vector<std::size_t>& kept) {
  std::vector<Comparison> comparisons;
  comparisons.reserve(2 * kept.size());
  for (std::size_t k = 1; k < kept.size(); ++k) {
    comparisons.push_back({.before = kept.front(), .after = kept[k]});
    comparisons.push_back({.before = kept[k - 1], .after = kept[k]});
  }
  return comparisons;
}

void add_evidence(const DealIndex& index, Timestamp at, std::vector<HealthReason>& reasons) {
  for (auto& reason : reasons)
    if (auto feature = health_feature_named(reason.feature))
      reason.evidence = evidence_for(index, *feature, at);
}

}  // namespace

std::vector<HealthPoint> health_over_time(const DealIndex& index,
                                          const std::vector<TimelineItem>& timeline,
                                          const HealthModel& model) {
  std::vector<Checkpoint> moments = checkpoints(index, timeline);
  std::vector<HealthVector> inputs = inputs_at(index, moments);
  std::vector<double> scores = model.points(inputs);
  std::vector<std::size_t> kept = kept_moments(moments, scores);
  std::vector<Comparison> comparisons = comparisons_of(kept);
  ChangeEffects effects = effects_of_changes(model, inputs, scores, comparisons);

  std::vector<HealthFeatures> features(kept.size());  // for the words
  std::vector<HealthPoint> series;
  series.reserve(kept.size());
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Checkpoint& moment = moments[kept[k]];
    fill_features(index, moment.at, features[k]);
    HealthPoint point{.at = moment.at,
                      .score = std::round(scores[kept[k]]),
                      .trigger = moment.trigger ? *moment.trigger : kDaily};
    if (k > 0) {
      point.reasons =
          strongest(reasons_for(effects.of(2 * (k - 1)), features.front(), features[k]));
      point.changes = reasons_for(effects.of(2 * (k - 1) + 1), features[k - 1], features[k]);
      point.change = point.score - series.back().score;
      add_evidence(index, moment.at, point.reasons);
      add_evidence(index, moment.at, point.changes);
    }
    series.push_back(std::move(point));
  }
  return series;
}

}  // namespace rearview::analysis
