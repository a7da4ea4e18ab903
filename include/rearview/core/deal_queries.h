// The role that answers questions about many deals at once without loading
// them: counts, and the spans of the deals a filter admits.
#pragma once

#include <vector>

#include "rearview/core/deal_filter.h"
#include "rearview/core/error.h"

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

class DealQueries {
 public:
  virtual ~DealQueries() = default;
  virtual Result<RecordCounts> counts() = 0;
  // From creation to close, of the deals `filter` admits that have both
  // times, in no particular order.
  virtual Result<std::vector<OpportunitySpan>> spans(const DealFilter& filter) = 0;
};

}  // namespace rearview
