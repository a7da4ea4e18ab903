// Filling empty tables fast: their secondary indexes and triggers are
// dropped while the rows go in, then the indexes are built in one sort each
// and the triggers' work is done in one statement, before the transaction
// commits. Inserting each index entry at its place and running a trigger per
// row cost an import more than a third of its time. Private to the adapter.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "connection.h"

namespace rearview::sqlite {

class BulkLoad {
 public:
  explicit BulkLoad(Connection& connection) : connection_(connection) {}

  // Inside a write transaction: when every one of `tables` is empty, drops
  // their secondary indexes and triggers. `catch_up` is SQL that does, for
  // every row then in the tables, what their triggers would have done; it
  // runs in finish(). Nothing needs the indexes to be correct, only fast.
  Result<void> begin_if_empty(std::initializer_list<const char*> tables, std::string catch_up);
  // Builds the indexes and triggers again and runs the catch-up; before the
  // transaction commits.
  Result<void> finish();
  // The transaction rolled back, and with it the drops.
  void forget();

 private:
  Connection& connection_;
  std::vector<std::string> dropped_;  // CREATE statements, in the order read
  std::vector<std::string> catch_ups_;
};

}  // namespace rearview::sqlite
