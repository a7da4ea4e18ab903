// How a deal's snapshot is put together from the rows an engine keeps: who
// the participants are, which contacts the deal has, the milestones its
// contact roles attain. The rules live here so that engines differ only in
// their queries; an adapter reads the rows and hands them over in order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/model.h"
#include "rearview/core/snapshot.h"

namespace rearview {

// A person's name as reports show it; either part may be empty.
std::string person_name(std::string_view first_name, std::string_view last_name);

// A participant as imported, with what the store knows of the contact or
// user it was matched to (empty when it was matched to none).
struct StoredParticipant {
  Participant participant;
  std::string contact_first_name;
  std::string contact_last_name;
  std::string contact_title;
  std::string user_name;
};

// A contact role on the deal, with the contact it names.
struct StoredContactRole {
  Id contact_id;
  std::string role;
  std::optional<Timestamp> created_at;  // when the contact got the role
  std::string first_name;
  std::string last_name;
  std::string title;
  std::string email;
};

class SnapshotAssembler {
 public:
  // The catalogue as stored: it says which contact roles attain which milestones.
  explicit SnapshotAssembler(const std::vector<Stage>& catalogue);

  // Adds a participant to the deal's last interaction. A participant the
  // CRM gave no name is named after its contact or user; a contact who took
  // part becomes one of the deal's contacts.
  void add_participant(OpportunitySnapshot& snapshot, StoredParticipant stored) const;
  // Roles arrive primary first: what the first one says of a contact wins.
  // A role that a milestone definition names attains that milestone.
  void add_contact_role(OpportunitySnapshot& snapshot, const StoredContactRole& stored) const;
  // When every row of the deal is in: milestones in time order.
  void finish(OpportunitySnapshot& snapshot) const;

 private:
  struct RoleMilestone {
    std::string stage;
    std::string key;
    std::string role;
  };
  std::vector<RoleMilestone> role_milestones_;
};

}  // namespace rearview
