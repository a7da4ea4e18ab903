#include "stage_history.h"

#include <algorithm>

#include "deal_life.h"
#include "timeline.h"

namespace rearview::analysis {
namespace {

MilestoneView view_of(const MilestoneAttainment& attainment, std::string label) {
  MilestoneView view{.key = attainment.key, .label = std::move(label)};
  if (!is_attained(attainment)) return view;
  view.value = attainment.value;
  view.attained_at = attainment.attained_at;
  view.attained_by = attainment.attained_by;
  view.source = attainment.source;
  return view;
}

// The latest attainment of a stage's milestone up to `until`.
const MilestoneAttainment* latest(const DealIndex& index, const std::string& stage,
                                  const std::string& key, Timestamp until) {
  const MilestoneAttainment* found = nullptr;
  for (const auto& attainment : index.snapshot.milestones) {
    if (attainment.key != key || attainment.attained_at > until) continue;
    if (!attainment.stage.empty() && attainment.stage != stage) continue;
    if (!found || attainment.attained_at >= found->attained_at) found = &attainment;
  }
  return found;
}

// The catalogue's milestones of the stage, then any the CRM recorded for it
// that the catalogue does not define.
std::vector<MilestoneView> milestones_of(const DealIndex& index, const std::string& stage,
                                         Timestamp until) {
  std::vector<MilestoneView> views;
  const Stage* definition = index.catalogue.find(stage);
  if (definition)
    for (const auto& milestone : definition->milestones) {
      const MilestoneAttainment* attainment = latest(index, stage, milestone.key, until);
      views.push_back(attainment ? view_of(*attainment, milestone.label)
                                 : MilestoneView{.key = milestone.key, .label = milestone.label});
    }
  for (const auto& attainment : index.snapshot.milestones) {
    if (attainment.stage != stage || attainment.attained_at > until) continue;
    bool known = std::any_of(views.begin(), views.end(),
                             [&](const MilestoneView& view) { return view.key == attainment.key; });
    if (known) continue;
    const MilestoneAttainment* last = latest(index, stage, attainment.key, until);
    views.push_back(view_of(*last, milestone_label(index, *last)));
  }
  return views;
}

}  // namespace

// Milestones show as they stood when the stay ended; for the last stay in a
// stage, as they stand at the end of the deal, so late ticks still show.
std::vector<StageStay> stage_history(const DealIndex& index) {
  std::vector<const StageEntry*> entries;
  for (const auto& entry : index.entries) entries.push_back(entry.entry);
  std::vector<StayTimes> stays = stays_of(entries, index.end, index.catalogue);

  std::vector<StageStay> history;
  for (std::size_t i = 0; i < stays.size(); ++i) {
    const EntryFacts& facts = index.entries[i];
    const std::string& name = facts.entry->stage;
    StageStay stay{.name = name,
                   .entered_at = facts.entry->entered_at,
                   .left_at = stays[i].left_at,
                   .days = stays[i].days,
                   .won = facts.won,
                   .is_closed = facts.is_closed,
                   .id = facts.id};
    for (const auto& earlier : history) stay.visit += earlier.name == name ? 1 : 0;
    bool stays_later =
        std::any_of(index.entries.begin() + std::ptrdiff_t(i) + 1, index.entries.end(),
                    [&](const EntryFacts& later) { return later.entry->stage == name; });
    Timestamp until = stays_later && stay.left_at ? *stay.left_at : index.end;
    stay.milestones = milestones_of(index, name, until);
    history.push_back(std::move(stay));
  }
  return history;
}

std::string furthest_stage(const DealIndex& index) {
  const EntryFacts* furthest = nullptr;
  for (const auto& entry : index.entries)
    if (!entry.is_closed && (!furthest || entry.order > furthest->order)) furthest = &entry;
  return furthest ? furthest->entry->stage : std::string();
}

}  // namespace rearview::analysis
