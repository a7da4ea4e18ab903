#include "rearview/service/assignment.h"

#include <fmt/format.h>

#include "rearview/service/opportunity_lookup.h"

namespace rearview::service {

Result<Assignment> assign_interaction(Session& session, const AssignmentRequest& request,
                                      const Clock& clock) {
  auto opportunity = resolve_opportunity(session.opportunities(), request.opportunity);
  if (!opportunity) return std::unexpected(opportunity.error());
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  InteractionLinks& links = transaction->links();
  auto found = links.find_interaction(request.interaction);
  if (!found) return std::unexpected(found.error());
  if (!*found)
    return fail(ErrorCode::not_found,
                fmt::format("no interaction has the id or source id '{}'", request.interaction),
                "`rearview report OPPORTUNITY --format json` lists each timeline item's source_id");
  Assignment assignment{
      .interaction_id = **found,
      .link = InteractionLink{.opportunity_id = *opportunity,
                              .method = LinkMethod::manual,
                              .score = 1,
                              .rule = fmt::format("assigned by hand by {}", request.by),
                              .linked_at = clock.now(),
                              .linked_by = request.by}};
  auto before = links.links_of(assignment.interaction_id);
  if (!before) return std::unexpected(before.error());
  assignment.replaced = std::move(*before);
  if (auto assigned = links.assign(assignment.interaction_id, assignment.link); !assigned)
    return std::unexpected(assigned.error());
  if (auto committed = transaction->commit(); !committed) return std::unexpected(committed.error());
  return assignment;
}

}  // namespace rearview::service
