// Storage for several readers and writers at once. Core owns these
// interfaces; adapters (SQLite now, PostgreSQL later) implement them, and
// nothing above an adapter knows which engine is behind them.
//
// A Database hands out Sessions, each with a connection of its own. A
// session exposes the roles (small interfaces, one per kind of use) and
// begins transactions; callers take only the roles they need.
#pragma once

#include <memory>

#include "rearview/core/account_store.h"
#include "rearview/core/interview_store.h"
#include "rearview/core/deal_queries.h"
#include "rearview/core/derived_store.h"
#include "rearview/core/matching_store.h"
#include "rearview/core/error.h"
#include "rearview/core/opportunity_directory.h"
#include "rearview/core/snapshot_source.h"
#include "rearview/core/stage_catalogue.h"
#include "rearview/core/tracker_store.h"
#include "rearview/core/transaction.h"

namespace rearview {

// One session per thread: a session and what it hands out are used by one
// thread at a time. Several sessions (of one database, in one process or
// several) work at once; each sees the others' writes once they commit.
class Session {
 public:
  virtual ~Session() = default;

  // Waits for another session's write transaction to end (up to the
  // engine's writer wait), then fails with database_locked. One transaction
  // at a time per session.
  virtual Result<WriteTransaction> write_transaction() = 0;
  // Pins what the reads of this session see until it ends. Without one,
  // each call sees the database as it is when the call begins.
  virtual Result<ReadTransaction> read_transaction() = 0;

  // The read roles. Inside a write transaction they see its writes.
  virtual SnapshotSource& snapshots() = 0;
  virtual StageCatalogue& stage_catalogue() = 0;
  virtual OpportunityDirectory& opportunities() = 0;
  virtual DealQueries& deals() = 0;
  // The live engine's derived data. It reads and writes: its writes belong
  // in a write transaction of this session, with the records they come from.
  virtual DerivedStore& derived() = 0;
  // Where matching reads the CRM and the interactions, and keeps where each
  // one went. Like derived(), its writes belong in a write transaction.
  virtual MatchingStore& matching() = 0;
  // Where the trackers read interactions' text and keep the phrases found.
  // Like derived(), its writes belong in a write transaction.
  virtual TrackerStore& trackers() = 0;
  // The people who sign in, their sessions and tokens, the audit log. Like
  // derived(), its writes belong in a write transaction.
  virtual AccountStore& accounts() = 0;
  // Buyer interviews. Like derived(), its writes belong in a write transaction.
  virtual InterviewStore& interviews() = 0;
};

// Thread-safe: any thread may open sessions. Sessions end before their database.
class Database {
 public:
  virtual ~Database() = default;
  virtual Result<std::unique_ptr<Session>> open_session() = 0;
};

}  // namespace rearview
