// Secondary indexes built once at the end of a bulk load instead of row by
// row: filling an empty table and then sorting its index entries costs far
// less than inserting each entry at its place. Private to the adapter.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "connection.h"

namespace rearview::sqlite {

class DeferredIndexes {
 public:
  explicit DeferredIndexes(Connection& connection) : connection_(connection) {}

  // Inside a write transaction: when every one of `tables` is empty, drops
  // their secondary indexes, to be built again by rebuild(). Nothing needs
  // them to be correct meanwhile, only to be fast.
  Result<void> defer_if_empty(std::initializer_list<const char*> tables);
  // Builds the dropped indexes again; before the transaction commits.
  Result<void> rebuild();
  // The transaction rolled back, and with it the drops.
  void forget() { dropped_.clear(); }

 private:
  Connection& connection_;
  std::vector<std::string> dropped_;  // each index's CREATE INDEX statement
};

}  // namespace rearview::sqlite
