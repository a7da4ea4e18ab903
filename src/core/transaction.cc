#include "rearview/core/transaction.h"

#include <utility>

namespace rearview {

Transaction::Transaction(Transaction&& other) noexcept
    : control_(std::exchange(other.control_, nullptr)) {}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    rollback();
    control_ = std::exchange(other.control_, nullptr);
  }
  return *this;
}

Result<void> Transaction::commit() {
  if (!control_) return fail(ErrorCode::database, "the transaction has already ended");
  auto committed = control_->commit();
  if (committed) control_ = nullptr;
  return committed;
}

void Transaction::rollback() {
  if (auto* control = std::exchange(control_, nullptr)) control->rollback();
}

}  // namespace rearview
