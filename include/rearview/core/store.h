// The storage interface. Core owns it; adapters (SQLite now, PostgreSQL later)
// implement it, and nothing above an adapter knows which engine is behind it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rearview/core/derived_store.h"
#include "rearview/core/error.h"
#include "rearview/core/model.h"
#include "rearview/core/snapshot.h"

namespace rearview {

enum class WriteOutcome { inserted, updated, unchanged };

// A bulk transaction (an import) may trade concurrent readers for speed.
enum class TransactionSize { small, bulk };

enum class RecordKind { user, account, contact, opportunity };

struct StoreCounts {
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
  long long field_changes = 0;
  long long contact_roles = 0;
};

enum class OpportunityFilter { all, open, closed, won };

// Statistics over many deals need no message text; leaving it out makes a
// pass over every deal several times faster.
enum class SnapshotDetail { full, without_bodies };

struct OpportunityName {
  Id id;
  std::string name;
};

struct OpportunitySpan {
  Timestamp created_at;
  Timestamp closed_at;
};

// What deriving the stage history of one opportunity needs to know.
struct OpportunityForDerivation {
  Id id;
  std::string stage;
  Outcome outcome = Outcome::open;
  std::optional<Timestamp> created_at;
  std::optional<Date> close_date;
  std::optional<Timestamp> last_stage_change_at;
  std::vector<OpportunityHistoryRow> history;  // ordered by time, then export position
};

struct StageEntriesAndClose {
  std::vector<StageEntry> entries;
  std::optional<Timestamp> closed_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // All writes happen inside one transaction; a kill before commit() leaves
  // the database as it was.
  virtual Result<void> begin(TransactionSize size = TransactionSize::small) = 0;
  virtual Result<void> commit() = 0;
  virtual void rollback() = 0;

  // Each upsert compares with what is stored and writes only on a change.
  // A reference to a missing record fails with ErrorCode::missing_reference
  // and writes nothing.
  virtual Result<WriteOutcome> upsert(const User& user) = 0;
  virtual Result<WriteOutcome> upsert(const Account& account) = 0;
  virtual Result<WriteOutcome> upsert(const Contact& contact) = 0;
  virtual Result<WriteOutcome> upsert(const Opportunity& opportunity) = 0;
  virtual Result<WriteOutcome> upsert(const OpportunityHistoryRow& row) = 0;
  virtual Result<WriteOutcome> upsert(const FieldChange& change) = 0;
  virtual Result<WriteOutcome> upsert(const ContactRole& role) = 0;
  virtual Result<WriteOutcome> upsert(const Interaction& interaction) = 0;
  virtual Result<WriteOutcome> upsert(const Stage& stage) = 0;

  virtual Result<bool> exists(RecordKind kind, const Id& id) = 0;
  // Contact or user ids by e-mail address (lower-case), for matching participants.
  virtual Result<std::optional<Id>> contact_by_email(const std::string& address) = 0;
  virtual Result<std::optional<Id>> user_by_email(const std::string& address) = 0;
  virtual Result<std::optional<Id>> user_by_name(const std::string& name) = 0;
  virtual Result<std::optional<Id>> account_by_name(const std::string& name) = 0;

  virtual Result<std::vector<Stage>> stages() = 0;

  // Opportunities whose record or history changed since their stage entries
  // were last derived. `derive` computes the new entries; the store keeps them.
  virtual Result<long long> rederive_changed_opportunities(
      const std::function<StageEntriesAndClose(const OpportunityForDerivation&)>& derive) = 0;

  virtual Result<StoreCounts> counts() = 0;

  // --- Reading for analysis -------------------------------------------------

  // Everything about one opportunity; nullopt when there is no such id.
  virtual Result<std::optional<OpportunitySnapshot>> snapshot(const Id& id) = 0;
  // Streams the snapshots of the matching opportunities in id order, one at
  // a time, so memory stays flat however many there are. Returns how many.
  virtual Result<long long> for_each_snapshot(
      OpportunityFilter filter,
      const std::function<Result<void>(const OpportunitySnapshot&)>& visit,
      SnapshotDetail detail = SnapshotDetail::full) = 0;
  // Opportunities whose id is `text` or whose name contains it (any case).
  virtual Result<std::vector<OpportunityName>> find_opportunities(const std::string& text,
                                                                  int limit) = 0;
  // Every opportunity's id and name, for suggesting close matches.
  virtual Result<std::vector<OpportunityName>> opportunity_names() = 0;

  virtual Result<void> record_milestone(const Id& opportunity_id,
                                        const MilestoneAttainment& attainment) = 0;
  virtual Result<std::vector<OpportunitySpan>> won_opportunity_spans() = 0;

  // The live engine's derived data, in the same database and transactions.
  virtual DerivedStore& derived() = 0;
};

}  // namespace rearview
