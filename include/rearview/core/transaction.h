// Transactions are scoped objects: one that ends without commit() rolls back,
// whether it is left by a return, an error or an exception.
#pragma once

#include "rearview/core/calendar_events.h"
#include "rearview/core/error.h"
#include "rearview/core/interaction_links.h"
#include "rearview/core/milestone_recorder.h"
#include "rearview/core/record_writer.h"

namespace rearview {

// The engine's side of an open transaction (a session implements it).
class TransactionControl {
 public:
  virtual Result<void> commit() = 0;
  virtual void rollback() = 0;

 protected:
  ~TransactionControl() = default;
};

// Movable, not copyable. It must end before the session that began it.
class Transaction {
 public:
  explicit Transaction(TransactionControl& control) : control_(&control) {}
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() { rollback(); }

  // Makes the writes durable and visible to other sessions, and ends the
  // transaction. When it fails the transaction is still open (and rolls
  // back when it ends).
  Result<void> commit();
  // Ends it now, undoing its writes; nothing happens once it has ended.
  void rollback();
  bool is_open() const { return control_ != nullptr; }

 private:
  TransactionControl* control_;
};

// Several reads that see one state of the database: writes other sessions
// commit meanwhile are not seen, and do not wait for it.
class ReadTransaction : public Transaction {
 public:
  using Transaction::Transaction;
};

// The only way to the write roles. Other sessions see nothing of it until it
// commits; while it is open, a second writer waits (see the engine's writer
// wait), readers do not.
class WriteTransaction : public Transaction {
 public:
  WriteTransaction(TransactionControl& control, RecordWriter& records,
                   MilestoneRecorder& milestones, InteractionLinks& links,
                   CalendarEvents& calendar)
      : Transaction(control),
        records_(&records),
        milestones_(&milestones),
        links_(&links),
        calendar_(&calendar) {}

  RecordWriter& records() const { return *records_; }
  MilestoneRecorder& milestones() const { return *milestones_; }
  InteractionLinks& links() const { return *links_; }
  CalendarEvents& calendar() const { return *calendar_; }

 private:
  RecordWriter* records_;
  MilestoneRecorder* milestones_;
  InteractionLinks* links_;
  CalendarEvents* calendar_;
};

}  // namespace rearview
