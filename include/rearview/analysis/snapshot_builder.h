// Builds opportunity snapshots by hand, with times given in days after the
// opportunity's creation: fixtures for tests, renderer examples and demos.
#pragma once

#include <string>
#include <vector>

#include "rearview/analysis/snapshot.h"

namespace rearview {

class SnapshotBuilder {
 public:
  // An open opportunity created at `created_at`, in no stage yet; its owner
  // is the user "rep" (Riley Rep <riley@seller.example>).
  SnapshotBuilder(Id id, Timestamp created_at);

  Timestamp day(double days) const;  // created_at + days

  SnapshotBuilder& stage(const std::string& name, double at_day);
  SnapshotBuilder& contact(const Id& id, const std::string& name, const std::string& title = "",
                           std::vector<std::string> roles = {});
  // E-mails between the owner and a contact (its address is <id>@buyer.example).
  SnapshotBuilder& email_from(const Id& contact, double at_day, const std::string& subject = "");
  SnapshotBuilder& email_to(const Id& contact, double at_day, const std::string& subject = "");
  SnapshotBuilder& meeting(const std::vector<Id>& contacts, double at_day,
                           const std::string& subject = "");
  SnapshotBuilder& call(const Id& contact, Direction direction, double at_day);
  SnapshotBuilder& note(double at_day, const std::string& text);
  // A phrase the trackers found in the interaction added last, at its time.
  SnapshotBuilder& tracked(const std::string& tracker, const std::string& phrase,
                           SaidBy said_by = SaidBy::buyer);
  SnapshotBuilder& close_date(Date date);  // the close date before any recorded change
  SnapshotBuilder& close_date_change(double at_day, Date from, Date to);
  SnapshotBuilder& amount(double value);  // the amount before any recorded change
  SnapshotBuilder& amount_change(double at_day, double from, double to);
  SnapshotBuilder& milestone(const std::string& stage, const std::string& key, double at_day,
                             const std::string& value = "true");
  // Closes the deal: enters the closed stage at that time.
  SnapshotBuilder& won(double at_day, const std::string& stage = "Closed Won");
  SnapshotBuilder& lost(double at_day, const std::string& stage = "Closed Lost");
  // Reopens a closed deal into an open stage.
  SnapshotBuilder& reopen(const std::string& stage, double at_day);

  const OpportunitySnapshot& snapshot() const { return snapshot_; }
  OpportunitySnapshot build() const { return snapshot_; }

 private:
  Interaction& add_interaction(InteractionKind kind, Direction direction, double at_day);
  Participant contact_participant(const Id& contact, ParticipantRole role) const;
  Participant owner_participant(ParticipantRole role) const;
  void close(Outcome outcome, const std::string& stage, double at_day);

  OpportunitySnapshot snapshot_;
  int next_number_ = 1;
  Id last_interaction_;
};

}  // namespace rearview
