// A HubSpot portal's pipelines as rearview's stage catalogue. An export
// names stages by their labels and does not give their order: the order is
// the one deals went through them ("Date entered ..." columns), closed
// stages last; won and lost come from "Is Closed Won" and "Is Deal Closed?"
// where the export has them, else from the label; probabilities from the
// stages configured in rearview.toml, HubSpot's defaults for its default
// pipeline, or the deals' "Deal probability". With one pipeline a stage is
// its label; with several, "Label (Pipeline)", since each has its own.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rearview/core/model.h"

namespace rearview::importing::hubspot {

struct StageKey {
  std::string pipeline;  // the label, "Sales Pipeline"; may be empty
  std::string label;     // "Appointment Scheduled"
  auto operator<=>(const StageKey&) const = default;
};

// "Date entered "Closed Won (Sales Pipeline)"" -> {Sales Pipeline, Closed Won};
// also with single quotes or none. None: not such a column.
std::optional<StageKey> entered_column_stage(std::string_view column);

class PipelineCatalogue {
 public:
  // A deal now in `stage`, with what the export says of it.
  void observe_deal(const StageKey& stage, std::optional<bool> closed, std::optional<bool> won,
                    std::optional<double> probability);
  // One deal's stages in the order it entered them.
  void observe_path(const std::vector<StageKey>& entered_in_order);

  // Call after every deal was observed.
  std::string stage_name(const StageKey& stage) const;
  // The stages configured in rearview.toml (all of them, as configured),
  // then every other stage observed, in order, as Stages.
  std::vector<Stage> stages(const std::vector<Stage>& configured) const;

 private:
  struct Facts {
    long long deals = 0, closed = 0, won = 0, flagged = 0;
    std::map<double, long long> probabilities;  // percent -> deals
    double rank_sum = 0;
    long long ranked = 0;
  };
  std::map<StageKey, Facts> facts_;
  std::set<std::string> pipelines_;
};

}  // namespace rearview::importing::hubspot
