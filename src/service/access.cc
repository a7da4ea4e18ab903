#include "rearview/service/access.h"

#include <fmt/format.h>

namespace rearview::service {

DealScope deal_scope(const AppUser& user) {
  if (user.disabled) return {};
  Id crm = user.crm_user_id.value_or("");
  switch (user.role) {
    case Role::admin:
      return {DealScope::Kind::everything};
    case Role::manager:
    case Role::viewer:
      if (crm.empty()) return {};
      return {DealScope::Kind::team_of, crm};
    case Role::rep:
      if (crm.empty()) return {};
      return {DealScope::Kind::owned_by, crm};
    case Role::interviewer:
      return {DealScope::Kind::interviews_of, "", user.id};
  }
  return {};
}

Result<void> check_may_see(Session& session, const AppUser& user, const Id& opportunity_id) {
  auto visible = session.deals().in_scope(opportunity_id, deal_scope(user));
  if (!visible) return std::unexpected(visible.error());
  if (!*visible)
    return fail(ErrorCode::not_found, fmt::format("there is no opportunity {}", opportunity_id));
  return {};
}

bool may_change_deals(const AppUser& user) { return !user.disabled && user.role != Role::viewer; }

bool is_admin(const AppUser& user) { return !user.disabled && user.role == Role::admin; }

}  // namespace rearview::service
