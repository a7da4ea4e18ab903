#include "rearview/analysis/snapshot_builder.h"

#include <algorithm>
#include <cmath>

#include "rearview/core/number_text.h"

namespace rearview {
namespace {

const Id kOwnerId = "rep";
const std::string kOwnerName = "Riley Rep";
const std::string kOwnerAddress = "riley@seller.example";

}  // namespace

SnapshotBuilder::SnapshotBuilder(Id id, Timestamp created_at) {
  snapshot_.opportunity.id = std::move(id);
  snapshot_.opportunity.name = "Opportunity " + snapshot_.opportunity.id;
  snapshot_.opportunity.created_at = created_at;
  snapshot_.opportunity.owner_id = kOwnerId;
  snapshot_.account_name = "Buyer Inc.";
  snapshot_.owner_name = kOwnerName;
  snapshot_.manager_name = "Morgan Manager";
}

Timestamp SnapshotBuilder::day(double days) const {
  return *snapshot_.opportunity.created_at + std::chrono::seconds(std::llround(days * 86400));
}

SnapshotBuilder& SnapshotBuilder::stage(const std::string& name, double at_day) {
  StageEntry entry{.opportunity_id = snapshot_.opportunity.id,
                   .sequence = int(snapshot_.stage_entries.size()),
                   .stage = name,
                   .entered_at = day(at_day)};
  snapshot_.stage_entries.push_back(std::move(entry));
  snapshot_.opportunity.stage = name;
  snapshot_.opportunity.last_stage_change_at = day(at_day);
  return *this;
}

SnapshotBuilder& SnapshotBuilder::contact(const Id& id, const std::string& name,
                                          const std::string& title,
                                          std::vector<std::string> roles) {
  snapshot_.contacts.push_back(ContactSummary{.id = id,
                                              .name = name,
                                              .title = title,
                                              .email = id + "@buyer.example",
                                              .roles = std::move(roles)});
  return *this;
}

Participant SnapshotBuilder::contact_participant(const Id& contact, ParticipantRole role) const {
  std::string name;
  for (const auto& known : snapshot_.contacts)
    if (known.id == contact) name = known.name;
  return Participant{
      .role = role, .address = contact + "@buyer.example", .name = name, .contact_id = contact};
}

Participant SnapshotBuilder::owner_participant(ParticipantRole role) const {
  return Participant{
      .role = role, .address = kOwnerAddress, .name = kOwnerName, .user_id = kOwnerId};
}

// Interactions stay in time order, as the store delivers them.
Interaction& SnapshotBuilder::add_interaction(InteractionKind kind, Direction direction,
                                              double at_day) {
  Interaction interaction{.id = std::string(to_string(kind)) + "-" + std::to_string(next_number_++),
                          .kind = kind,
                          .direction = direction,
                          .links = {crm_link(snapshot_.opportunity.id)},
                          .owner_id = kOwnerId,
                          .occurred_at = day(at_day)};
  last_interaction_ = interaction.id;
  auto& interactions = snapshot_.interactions;
  auto position = std::upper_bound(
      interactions.begin(), interactions.end(), interaction.occurred_at,
      [](Timestamp at, const Interaction& other) { return at < other.occurred_at; });
  return *interactions.insert(position, std::move(interaction));
}

SnapshotBuilder& SnapshotBuilder::tracked(const std::string& tracker, const std::string& phrase,
                                          SaidBy said_by) {
  for (auto& interaction : snapshot_.interactions) {
    if (interaction.id != last_interaction_) continue;
    interaction.tracker_hits.push_back(TrackerHit{.tracker = tracker,
                                                  .phrase = phrase,
                                                  .excerpt = "we said " + phrase,
                                                  .at = interaction.occurred_at,
                                                  .said_by = said_by});
  }
  return *this;
}

SnapshotBuilder& SnapshotBuilder::email_from(const Id& contact, double at_day,
                                             const std::string& subject) {
  Interaction& email = add_interaction(InteractionKind::email, Direction::inbound, at_day);
  email.subject = subject.empty() ? "Re: our proposal" : subject;
  email.body = "Thanks, " + email.subject;
  email.participants = {contact_participant(contact, ParticipantRole::from),
                        owner_participant(ParticipantRole::to)};
  return *this;
}

SnapshotBuilder& SnapshotBuilder::email_to(const Id& contact, double at_day,
                                           const std::string& subject) {
  Interaction& email = add_interaction(InteractionKind::email, Direction::outbound, at_day);
  email.subject = subject.empty() ? "Following up" : subject;
  email.body = "Hello, " + email.subject;
  email.participants = {owner_participant(ParticipantRole::from),
                        contact_participant(contact, ParticipantRole::to)};
  return *this;
}

SnapshotBuilder& SnapshotBuilder::meeting(const std::vector<Id>& contacts, double at_day,
                                          const std::string& subject) {
  Interaction& meeting = add_interaction(InteractionKind::meeting, Direction::unknown, at_day);
  meeting.subject = subject.empty() ? "Meeting" : subject;
  meeting.duration_seconds = 1800;
  for (const auto& contact : contacts)
    meeting.participants.push_back(contact_participant(contact, ParticipantRole::attendee));
  meeting.participants.push_back(owner_participant(ParticipantRole::owner));
  return *this;
}

SnapshotBuilder& SnapshotBuilder::call(const Id& contact, Direction direction, double at_day) {
  Interaction& call = add_interaction(InteractionKind::call, direction, at_day);
  call.subject = "Call";
  call.duration_seconds = 600;
  call.participants = {contact_participant(contact, ParticipantRole::attendee),
                       owner_participant(ParticipantRole::owner)};
  return *this;
}

SnapshotBuilder& SnapshotBuilder::note(double at_day, const std::string& text) {
  Interaction& note = add_interaction(InteractionKind::note, Direction::internal, at_day);
  note.subject = "Note";
  note.body = text;
  return *this;
}

SnapshotBuilder& SnapshotBuilder::close_date(Date date) {
  snapshot_.opportunity.close_date = date;
  return *this;
}

SnapshotBuilder& SnapshotBuilder::close_date_change(double at_day, Date from, Date to) {
  snapshot_.field_changes.push_back(FieldChange{.id = "fc" + std::to_string(next_number_++),
                                                .opportunity_id = snapshot_.opportunity.id,
                                                .field = "CloseDate",
                                                .old_value = format_date(from),
                                                .new_value = format_date(to),
                                                .changed_at = day(at_day)});
  snapshot_.opportunity.close_date = to;
  return *this;
}

SnapshotBuilder& SnapshotBuilder::amount(double value) {
  snapshot_.opportunity.amount = value;
  return *this;
}

SnapshotBuilder& SnapshotBuilder::amount_change(double at_day, double from, double to) {
  auto text = [](double value) { return whole_number_text(value); };
  snapshot_.field_changes.push_back(FieldChange{.id = "fc" + std::to_string(next_number_++),
                                                .opportunity_id = snapshot_.opportunity.id,
                                                .field = "Amount",
                                                .old_value = text(from),
                                                .new_value = text(to),
                                                .changed_at = day(at_day)});
  snapshot_.opportunity.amount = to;
  return *this;
}

SnapshotBuilder& SnapshotBuilder::milestone(const std::string& stage, const std::string& key,
                                            double at_day, const std::string& value) {
  snapshot_.milestones.push_back(MilestoneAttainment{.stage = stage,
                                                     .key = key,
                                                     .value = value,
                                                     .attained_at = day(at_day),
                                                     .attained_by = kOwnerName,
                                                     .source = "user"});
  return *this;
}

void SnapshotBuilder::close(Outcome outcome, const std::string& stage, double at_day) {
  this->stage(stage, at_day);
  snapshot_.opportunity.outcome = outcome;
  snapshot_.closed_at = day(at_day);
}

SnapshotBuilder& SnapshotBuilder::won(double at_day, const std::string& stage) {
  close(Outcome::won, stage, at_day);
  return *this;
}

SnapshotBuilder& SnapshotBuilder::lost(double at_day, const std::string& stage) {
  close(Outcome::lost, stage, at_day);
  return *this;
}

SnapshotBuilder& SnapshotBuilder::reopen(const std::string& stage, double at_day) {
  this->stage(stage, at_day);
  snapshot_.opportunity.outcome = Outcome::open;
  snapshot_.closed_at.reset();
  return *this;
}

}  // namespace rearview
