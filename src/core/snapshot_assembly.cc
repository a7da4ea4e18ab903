#include "rearview/core/snapshot_assembly.h"

#include <algorithm>

namespace rearview {
namespace {

ContactSummary& contact_in(OpportunitySnapshot& snapshot, const Id& id) {
  auto found = std::find_if(snapshot.contacts.begin(), snapshot.contacts.end(),
                            [&](const ContactSummary& contact) { return contact.id == id; });
  if (found != snapshot.contacts.end()) return *found;
  snapshot.contacts.push_back(ContactSummary{.id = id});
  return snapshot.contacts.back();
}

// The first source to know a detail of a contact provides it.
void fill_in(std::string& detail, std::string_view known) {
  if (detail.empty()) detail = known;
}

}  // namespace

std::string person_name(std::string_view first_name, std::string_view last_name) {
  if (first_name.empty()) return std::string(last_name);
  if (last_name.empty()) return std::string(first_name);
  std::string name(first_name);
  name += ' ';
  name += last_name;
  return name;
}

SnapshotAssembler::SnapshotAssembler(const std::vector<Stage>& catalogue) {
  for (const auto& stage : catalogue)
    for (const auto& milestone : stage.milestones)
      if (!milestone.contact_role.empty())
        role_milestones_.push_back({stage.name, milestone.key, milestone.contact_role});
}

void SnapshotAssembler::add_participant(OpportunitySnapshot& snapshot,
                                        StoredParticipant stored) const {
  Participant& participant = stored.participant;
  if (participant.contact_id) {
    std::string contact_name = person_name(stored.contact_first_name, stored.contact_last_name);
    fill_in(participant.name, contact_name);
    auto& contact = contact_in(snapshot, *participant.contact_id);
    fill_in(contact.name, contact_name);
    fill_in(contact.title, stored.contact_title);
    fill_in(contact.email, participant.address);
  } else if (participant.user_id) {
    fill_in(participant.name, stored.user_name);
  }
  snapshot.interactions.back().participants.push_back(std::move(participant));
}

void SnapshotAssembler::add_contact_role(OpportunitySnapshot& snapshot,
                                         const StoredContactRole& stored) const {
  std::string name = person_name(stored.first_name, stored.last_name);
  auto& contact = contact_in(snapshot, stored.contact_id);
  contact.roles.push_back(stored.role);
  fill_in(contact.name, name);
  fill_in(contact.title, stored.title);
  fill_in(contact.email, stored.email);
  // Without the role's own time, the deal's creation is the latest it can be.
  auto at = stored.created_at ? stored.created_at : snapshot.opportunity.created_at;
  if (!at) return;
  for (const auto& milestone : role_milestones_)
    if (milestone.role == stored.role)
      snapshot.milestones.push_back(MilestoneAttainment{milestone.stage, milestone.key, "true", *at,
                                                        name, "crm:contact role " + stored.role});
}

void SnapshotAssembler::finish(OpportunitySnapshot& snapshot) const {
  std::stable_sort(snapshot.milestones.begin(), snapshot.milestones.end(),
                   [](const MilestoneAttainment& a, const MilestoneAttainment& b) {
                     return a.attained_at < b.attained_at;
                   });
}

}  // namespace rearview
