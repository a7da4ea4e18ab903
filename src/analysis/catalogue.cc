#include "catalogue.h"

#include "rearview/core/settings.h"

namespace rearview::analysis {

const Stage* StageCatalogue::find(std::string_view name) const {
  for (const auto& stage : *stages_)
    if (stage.name == name) return &stage;
  return nullptr;
}

bool StageCatalogue::is_closed(std::string_view name) const {
  if (const Stage* stage = find(name)) return stage->is_closed;
  return guess_stage(name).is_closed;
}

int StageCatalogue::order(std::string_view name) const {
  const Stage* stage = find(name);
  return stage ? stage->sort_order : kUnknownStageOrder;
}

const Stage* StageCatalogue::threshold_stage(std::string_view configured,
                                             double probability) const {
  if (const Stage* stage = find(configured); stage && !stage->is_closed) return stage;
  const Stage* first = nullptr;
  for (const auto& stage : *stages_) {
    if (stage.is_closed || stage.probability < probability) continue;
    if (!first || stage.sort_order < first->sort_order) first = &stage;
  }
  return first;
}

}  // namespace rearview::analysis
