// The role that answers questions about many deals at once without loading
// them: counts, and the spans of the deals a filter admits.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rearview/core/deal_filter.h"
#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview {

struct RecordCounts {
  long long users = 0;
  long long accounts = 0;
  long long contacts = 0;
  long long opportunities_open = 0;
  long long opportunities_won = 0;
  long long opportunities_lost = 0;
  long long stage_entries = 0;
  long long emails = 0;
  long long meetings = 0;
  long long calls = 0;
  long long notes = 0;
  long long unlinked_interactions = 0;  // on no opportunity (yet)
  long long field_changes = 0;
  long long contact_roles = 0;
};

struct OpportunitySpan {
  Timestamp created_at;
  Timestamp closed_at;
};

// Which deals a person may see. The service layer decides it from their
// role (service/access.h); the store only applies it.
struct DealScope {
  enum class Kind {
    everything,
    owned_by,       // the deals `crm_user_id` owns
    team_of,        // the deals of `crm_user_id` and of everyone below them
    interviews_of,  // the deals given to `app_user_id` to interview
    nothing,
  };
  Kind kind = Kind::nothing;
  Id crm_user_id;
  long long app_user_id = 0;
};

// A page of the deals in a scope, in id order, after `after_id`.
struct DealListQuery {
  DealScope scope;
  std::optional<Outcome> outcome;
  std::string owner_id;  // "" : any owner
  std::string text;      // "" : any name; else a part of the deal's or the account's name
  std::string after_id;  // "" : from the first
  int limit = 50;
};

struct DealSummary {
  Id id;
  std::string name;
  std::string account;
  Id owner_id;
  std::string owner;
  std::string stage;
  std::optional<double> amount;
  std::string currency;
  Outcome outcome = Outcome::open;
  std::optional<Timestamp> created_at;
  std::optional<Timestamp> closed_at;
  std::string close_date;               // as the CRM has it
  std::optional<double> health_score;   // of the stored analysis, if any
};

class DealQueries {
 public:
  virtual ~DealQueries() = default;
  virtual Result<RecordCounts> counts() = 0;
  // From creation to close, of the deals `filter` admits that have both
  // times, in no particular order.
  virtual Result<std::vector<OpportunitySpan>> spans(const DealFilter& filter) = 0;
  virtual Result<std::vector<DealSummary>> list_deals(const DealListQuery& query) = 0;
  // Whether the deal exists and is in the scope.
  virtual Result<bool> in_scope(const Id& opportunity_id, const DealScope& scope) = 0;
};

}  // namespace rearview
