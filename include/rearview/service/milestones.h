// Recording a milestone attained inside a stage: which configured milestone
// is meant, whether the value suits its kind, and storing it.
#pragma once

#include <string>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/settings.h"
#include "rearview/service/accounts.h"
#include "rearview/service/clock.h"

namespace rearview::service {

struct MilestoneRequest {
  std::string opportunity;  // an id or a unique part of the name
  std::string key;
  std::string value;        // true/false, an option, or options separated by commas
  std::string stage;        // needed only when several stages define the key
  std::string by;           // who attained or recorded it
  std::string at;           // empty: now
};

struct RecordedMilestone {
  Id opportunity_id;
  std::string label;
  MilestoneAttainment attainment;
};

// The milestone `key` of `stage_name`, or of the only stage that defines it.
struct MilestoneDefinitionIn {
  const Stage* stage;
  const MilestoneDefinition* definition;
};
Result<MilestoneDefinitionIn> find_milestone(const std::vector<Stage>& stages,
                                             const std::string& key, const std::string& stage_name);

// Toggles take true/false; dropdowns one option; picklists one or more,
// comma-separated. Returns the value as it is stored.
Result<std::string> checked_milestone_value(const MilestoneDefinition& definition,
                                            const std::string& value);

// Validates the request, then records it, with its audit entry, in a write
// transaction of its own. `by`: the account that did it (none: the command line).
Result<RecordedMilestone> record_milestone(Session& session, const Settings& settings,
                                           const MilestoneRequest& request, const Clock& clock,
                                           Actor by = std::nullopt);

}  // namespace rearview::service
