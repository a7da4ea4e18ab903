// The role matching reads and writes through: what the CRM knows about who
// is whose (users, contacts, accounts and their domains, opportunities and
// contact roles), the interactions to match, and where each one went.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview {

// The CRM as matching sees it: only what decides where an interaction goes.
struct MatchingDirectory {
  struct Person {
    Id id;
    std::string email;  // lower-case
    std::optional<Id> account_id;  // contacts only
  };
  struct Company {
    Id id;
    std::string name;
    std::string type;  // "Partner": its people and domains never decide the account
    std::vector<std::string> email_domains;
  };
  struct Deal {
    Id id;
    std::string name;
    std::optional<Id> account_id;
    std::optional<Id> owner_id;
    std::optional<Timestamp> created_at;
    std::optional<Date> close_date;
    Outcome outcome = Outcome::open;
  };
  struct Role {
    Id opportunity_id;
    Id contact_id;
  };
  std::vector<Person> users;
  std::vector<Person> contacts;
  std::vector<Company> accounts;
  std::vector<Deal> opportunities;
  std::vector<Role> contact_roles;
};

// One interaction as matching reads it, with the links it has now.
struct InteractionToMatch {
  Id id;
  InteractionKind kind = InteractionKind::email;
  SourceKind source = SourceKind::mailbox;
  std::string subject;
  Timestamp occurred_at{};
  std::string thread_id;
  bool automated = false;  // sent by a machine or to a list
  std::vector<Participant> participants;
  std::vector<InteractionLink> links;
};

enum class MatchStatus { linked, review, unmatched };

struct MatchCandidate {
  Id opportunity_id;
  double score = 0;
  std::string rule;  // why it is a candidate and what scored, in words
};

// Where matching put one interaction: on one opportunity (with the link),
// in the review queue (with the candidates), or nowhere (with the reason).
struct MatchOutcome {
  Id interaction_id;
  MatchStatus status = MatchStatus::unmatched;
  std::optional<InteractionLink> link;  // linked only
  std::string reason;                   // review and unmatched
  std::vector<MatchCandidate> candidates;  // best first
};

// An interaction in the review queue or left unmatched, as listed for a person.
struct QueuedInteraction {
  Id interaction_id;
  SourceKind source = SourceKind::mailbox;
  std::string source_id;
  InteractionKind kind = InteractionKind::email;
  Timestamp occurred_at{};
  std::string subject;
  MatchStatus status = MatchStatus::unmatched;
  std::string reason;
  std::optional<Timestamp> matched_at;
  struct Candidate {
    MatchCandidate match;
    std::string name;  // the opportunity's
  };
  std::vector<Candidate> candidates;
};

class MatchingStore {
 public:
  virtual ~MatchingStore() = default;

  virtual Result<MatchingDirectory> directory() = 0;

  // Every interaction from a source other than the CRM, and the CRM's own
  // that belong to a thread (their links show where a thread went), oldest
  // first, in batches: writes between two calls of `visit` are allowed.
  using Visit = std::function<Result<void>(InteractionToMatch&)>;
  virtual Result<void> for_each_interaction(const Visit& visit) = 0;
  // How many for_each_interaction visits.
  virtual Result<long long> interaction_count() = 0;

  // Keeps `outcome` for its interaction: its automatic links (thread,
  // contact, domain, calendar) are replaced by the outcome's link, or
  // removed when it has none; CRM and manual links stay. True when anything
  // changed.
  virtual Result<bool> save(const MatchOutcome& outcome, Timestamp matched_at) = 0;

  // The review queue, then the unmatched, each oldest first.
  virtual Result<std::vector<QueuedInteraction>> queue(std::optional<MatchStatus> only,
                                                       std::size_t limit) = 0;
};

std::string_view to_string(MatchStatus status);
std::optional<MatchStatus> match_status_from_string(std::string_view text);

}  // namespace rearview
