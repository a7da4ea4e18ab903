// The data model: what rearview knows about a sales organisation. Records are
// keyed by the id of the system they came from (a Salesforce Id, or a mapped
// CSV's key), so re-importing newer data updates them in place.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rearview/core/time.h"

namespace rearview {

using Id = std::string;
using CustomFields = std::vector<std::pair<std::string, std::string>>;  // API name, value

struct User {
  Id id;
  std::string name;
  std::string email;
  std::string title;
  std::optional<Id> manager_id;  // teams follow from this hierarchy
  bool is_active = true;
};

struct Account {
  Id id;
  std::string name;
  std::string type;
  std::string industry;
  std::optional<Id> owner_id;
  std::vector<std::string> email_domains;
  CustomFields custom;
};

struct Contact {
  Id id;
  std::optional<Id> account_id;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string title;
  CustomFields custom;
};

enum class Outcome { open, won, lost };

struct Opportunity {
  Id id;
  std::string name;
  std::optional<Id> account_id;
  std::optional<Id> owner_id;
  std::optional<double> amount;
  std::string currency;
  std::string stage;
  std::optional<Timestamp> created_at;
  std::optional<Date> close_date;
  Outcome outcome = Outcome::open;
  std::string loss_reason;
  std::string win_reason;
  std::string competitor;
  std::string type;
  std::string source;  // lead source
  std::optional<Timestamp> last_stage_change_at;
  CustomFields custom;
};

// One snapshot row of the CRM's opportunity history (Salesforce writes one
// whenever stage, amount, probability or close date change).
struct OpportunityHistoryRow {
  Id id;
  Id opportunity_id;
  Timestamp changed_at{};
  std::string stage;
  std::optional<double> amount;
  std::optional<Date> close_date;
  std::optional<double> probability;
  long long sequence = 0;  // position in the export: orders rows with equal times
};

enum class TrackedField { amount, close_date, stage, other };

struct FieldChange {
  Id id;
  Id opportunity_id;
  std::string field;  // the CRM's field name, e.g. Amount, CloseDate
  std::string old_value;
  std::string new_value;
  Timestamp changed_at{};
  std::optional<Id> changed_by;
};

struct ContactRole {
  Id id;
  Id opportunity_id;
  Id contact_id;
  std::string role;
  bool is_primary = false;
  std::optional<Timestamp> created_at;  // when the contact got the role
};

// Derived from the history: each time an opportunity entered a stage.
struct StageEntry {
  Id opportunity_id;
  int sequence = 0;
  std::string stage;
  Timestamp entered_at{};
};

enum class InteractionKind { email, meeting, call, note };
enum class Direction { inbound, outbound, internal, unknown };

enum class ParticipantRole { from, to, cc, bcc, attendee, owner };

struct Participant {
  ParticipantRole role = ParticipantRole::to;
  std::string address;
  std::string name;
  std::optional<Id> contact_id;
  std::optional<Id> user_id;
};

// Where an interaction was read: a CRM export, a mailbox, a calendar or a
// call recorder's transcripts.
enum class SourceKind { crm, mailbox, calendar, transcript };

// How an interaction came to belong to an opportunity: the CRM record named
// it, or matching found it by the thread, a contact, the buyer's domain or a
// calendar invitation, or a person assigned it by hand. An automatic run
// never overrides a manual assignment.
enum class LinkMethod { crm, thread, contact, domain, calendar, manual };

struct InteractionLink {
  Id opportunity_id;
  LinkMethod method = LinkMethod::crm;
  double score = 1;   // 0..1: how sure the rule was
  std::string rule;   // the rule that decided, in words
  std::optional<Timestamp> linked_at;  // none: linked before rearview recorded when
  std::string linked_by;  // "import", "matching", or the person who assigned it
};

// The link an importer writes for an activity its CRM record ties to an
// opportunity.
InteractionLink crm_link(Id opportunity_id, std::optional<Timestamp> linked_at = std::nullopt);

// Who spoke how much on a recorded call, from its transcript: our side's
// speakers (users, the company's addresses), the buyer's, and speakers the
// transcript names but the call's participants do not.
struct CallTalk {
  long long speaker_turns = 0;  // runs of cues by one speaker
  long long our_seconds = 0;
  long long buyer_seconds = 0;
  long long unattributed_seconds = 0;
};

// Our side's share of the talk both sides are known for; none when nobody's is.
std::optional<double> our_talk_share(const CallTalk& talk);

// Whose words a tracker found: the buyer's (an inbound message, a buyer
// speaking on a call), ours (an outbound message, our speaker, a rep's
// note), or nobody knows.
enum class SaidBy { buyer, ours, unknown };

// A configured phrase found in an interaction's subject or text
// (rearview.toml [trackers]; docs/trackers.md). One per tracker and phrase
// and interaction: the first place it was said, and how often it was.
struct TrackerHit {
  std::string tracker;  // the tracker's name, "pricing"
  std::string phrase;   // the configured phrase it matched, "too expensive"
  std::string excerpt;  // the words around it, as written: untrusted text
  Timestamp at{};       // the interaction's time; for a call, plus the cue's offset
  std::optional<long long> cue_seconds;  // where in the recording
  std::string speaker;                   // the transcript's name for who said it
  SaidBy said_by = SaidBy::unknown;
  long long mentions = 1;  // how often the phrase occurs in the interaction
};

struct Interaction {
  Id id;
  InteractionKind kind = InteractionKind::note;
  Direction direction = Direction::unknown;
  // The opportunities it belongs to. Read in a snapshot: the one link to
  // that snapshot's opportunity.
  std::vector<InteractionLink> links;
  std::optional<Id> account_id;
  std::optional<Id> owner_id;
  std::string subject;
  std::string body;
  Timestamp occurred_at{};
  std::optional<long long> duration_seconds;
  std::string thread_id;
  std::string source_object;  // Task, Event, EmailMessage, ...
  SourceKind source = SourceKind::crm;
  // The source's own id: the CRM record's Id, a message's Message-ID without
  // angle brackets, a calendar event's UID (UID@YYYYMMDDTHHMMSSZ for one
  // occurrence of a series), a transcript's id. Empty: the interaction's id.
  std::string source_id;
  // An e-mail's Message-ID without angle brackets, wherever it was read (a
  // mailbox, or the CRM's MessageIdentifier): one message is one interaction.
  std::string message_id;
  // Sent by a machine or to a list (noreply senders, List-Unsubscribe, ...):
  // never matched to an opportunity by its participants.
  bool automated = false;
  std::vector<Participant> participants;
  std::optional<CallTalk> talk;  // calls read from a transcript
  // Found by the trackers; read with the interaction even without its body.
  std::vector<TrackerHit> tracker_hits;
};

enum class MilestoneKind { toggle, dropdown, picklist };

struct MilestoneDefinition {
  std::string key;
  std::string label;
  MilestoneKind kind = MilestoneKind::toggle;
  std::vector<std::string> options;  // for dropdown and picklist
  // Driven from the CRM: attained when a contact gets this role on the
  // opportunity (e.g. "Economic Buyer" -> economic buyer identified).
  std::string contact_role;
};

struct Stage {
  std::string name;
  int sort_order = 0;
  double probability = 0;
  bool is_closed = false;
  bool is_won = false;
  std::vector<MilestoneDefinition> milestones;
};

std::string_view to_string(Outcome outcome);
std::string_view to_string(InteractionKind kind);
std::string_view to_string(Direction direction);
std::string_view to_string(ParticipantRole role);
std::string_view to_string(MilestoneKind kind);
std::string_view to_string(SourceKind kind);
std::string_view to_string(LinkMethod method);
std::string_view to_string(SaidBy said_by);
std::optional<Outcome> outcome_from_string(std::string_view text);
std::optional<InteractionKind> interaction_kind_from_string(std::string_view text);
std::optional<Direction> direction_from_string(std::string_view text);
std::optional<ParticipantRole> participant_role_from_string(std::string_view text);
std::optional<MilestoneKind> milestone_kind_from_string(std::string_view text);
std::optional<SourceKind> source_kind_from_string(std::string_view text);
std::optional<LinkMethod> link_method_from_string(std::string_view text);
std::optional<SaidBy> said_by_from_string(std::string_view text);

}  // namespace rearview
