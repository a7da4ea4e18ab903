// Filling empty tables fast: their secondary indexes and triggers are
// dropped while the rows go in, then the indexes are built in one sort each
// and the triggers' work is done in one statement, before the transaction
// commits. Inserting each index entry at its place and running a trigger per
// row cost an import more than a third of its time. Private to the adapter.
#pragma once

#include <initializer_list>
#include <string_view>
#include <string>
#include <vector>

#include "connection.h"

namespace rearview::sqlite {

class BulkLoad {
 public:
  explicit BulkLoad(Connection& connection) : connection_(connection) {}

  // Inside a write transaction, on its first call there: when every one of
  // `tables` is empty, drops their secondary indexes and triggers.
  // `catch_up` (a string literal) is SQL that does, for every row then in the
  // tables, what their triggers would have done; it runs in finish(). Later
  // calls in the same transaction do nothing. The indexes in `kept` stay:
  // the load itself looks rows up by them (a message seen twice by its
  // Message-ID), and without them each lookup reads the whole table.
  Result<void> begin_if_empty(std::initializer_list<const char*> tables,
                              std::initializer_list<std::string_view> kept, const char* catch_up);
  // Builds the indexes and triggers again and runs the catch-up; before the
  // transaction commits.
  Result<void> finish();
  // The transaction rolled back, and with it the drops.
  void forget();

 private:
  Connection& connection_;
  bool considered_ = false;           // begin_if_empty ran in this transaction
  std::vector<std::string> dropped_;  // CREATE statements, in the order read
  const char* catch_up_ = nullptr;    // SQL text with static storage; none: no bulk load
};

}  // namespace rearview::sqlite
