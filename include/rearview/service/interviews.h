// Recording a deal's buyer interview (docs/web.md, "Buyer interview"). The
// interviewer must not be the deal's owner, so the buyer can speak freely;
// an admin may override that, and the override is in the audit log.
#pragma once

#include <optional>

#include "rearview/core/account_store.h"
#include "rearview/core/database.h"
#include "rearview/core/interview.h"
#include "rearview/core/settings.h"
#include "rearview/service/clock.h"

namespace rearview::service {

// Who may record one: an admin, a manager or an interviewer who may see the deal.
bool may_interview(const AppUser& user);

// Whether `user`'s CRM user owns the deal.
Result<bool> owns_deal(Session& session, const AppUser& user, const Id& opportunity_id);

// Validates (reason codes from settings, a competitor named when it drove
// the outcome, something answered) and saves it, stamped with `by` and now.
// not_found for a deal `by` may not see; denied for a role that may not
// interview or for the owner without `override_owner` (admins only).
Result<BuyerInterview> record_interview(Session& session, const Settings& settings,
                                        const Clock& clock, const AppUser& by,
                                        BuyerInterview interview, bool override_owner = false);

Result<std::optional<BuyerInterview>> interview_of(Session& session, const AppUser& user,
                                                   const Id& opportunity_id);

}  // namespace rearview::service
