#include <array>

#include "rearview/core/account_store.h"

namespace rearview {
namespace {

struct RoleName {
  Role role;
  std::string_view name;
};
constexpr std::array<RoleName, 5> kRoleNames = {{
    {Role::admin, "admin"},
    {Role::manager, "manager"},
    {Role::rep, "rep"},
    {Role::interviewer, "interviewer"},
    {Role::viewer, "viewer"},
}};

}  // namespace

std::string_view role_name(Role role) {
  for (const auto& entry : kRoleNames)
    if (entry.role == role) return entry.name;
  return "viewer";
}

std::optional<Role> role_from_string(std::string_view text) {
  for (const auto& entry : kRoleNames)
    if (entry.name == text) return entry.role;
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> all;
    for (const auto& entry : kRoleNames) all.push_back(entry.role);
    return all;
  }();
  return roles;
}

}  // namespace rearview
