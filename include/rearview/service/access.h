// Who may see and change what (docs/web.md, "Roles"):
//   admin        every deal; everything
//   manager      the deals of their CRM user and of everyone below them
//   rep          the deals their CRM user owns
//   interviewer  the deals given to them to interview
//   viewer       as a manager, but read-only
// A deal someone may not see is, to them, a deal that does not exist.
#pragma once

#include "rearview/core/account_store.h"
#include "rearview/core/database.h"

namespace rearview::service {

DealScope deal_scope(const AppUser& user);

// not_found (never "forbidden") when the deal is outside the user's scope.
Result<void> check_may_see(Session& session, const AppUser& user, const Id& opportunity_id);

// Whether the role may record milestones, interactions and interviews.
bool may_change_deals(const AppUser& user);
bool is_admin(const AppUser& user);

}  // namespace rearview::service
