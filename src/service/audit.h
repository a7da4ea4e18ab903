// Writing the audit log: who (an account, or nobody: the command line) did
// what to which record. Called inside the write transaction of the change,
// so a change is never kept without its entry. Private to the service.
#pragma once

#include <string>

#include "rearview/core/database.h"
#include "rearview/service/accounts.h"
#include "rearview/service/clock.h"

namespace rearview::service {

inline Result<void> audit(Session& session, const Clock& clock, Actor by, std::string action,
                          std::string target, std::string detail = {}) {
  return session.accounts().audit(
      AuditEntry{clock.now(), by, std::move(action), std::move(target), std::move(detail)});
}

}  // namespace rearview::service
