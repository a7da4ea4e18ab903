// Everything known about one opportunity, loaded from the store in one go
// (SnapshotSource; put together by SnapshotAssembler): the input of every
// analysis. Plain data, no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rearview/core/interview.h"
#include "rearview/core/model.h"

namespace rearview {

struct MilestoneAttainment {
  std::string stage;
  std::string key;
  std::string value;           // "true" for a toggle; the option for dropdowns and picklists
  Timestamp attained_at{};
  std::string attained_by;     // a user id or name
  std::string source;          // "crm:<field or contact role>", "user", "api"
};

struct ContactSummary {
  Id id;
  std::string name;
  std::string title;
  std::string email;
  std::vector<std::string> roles;  // contact roles on this opportunity (Economic Buyer, ...)
};

struct OpportunitySnapshot {
  Opportunity opportunity;
  std::optional<Timestamp> closed_at;
  std::string account_name;
  std::string owner_name;
  std::string manager_name;
  std::vector<StageEntry> stage_entries;       // in order
  std::vector<FieldChange> field_changes;      // in time order
  std::vector<Interaction> interactions;       // in time order, with participants
  std::vector<ContactSummary> contacts;        // who took part in its interactions or holds a role
  std::vector<MilestoneAttainment> milestones; // in time order
  std::optional<BuyerInterview> interview;
};

}  // namespace rearview
