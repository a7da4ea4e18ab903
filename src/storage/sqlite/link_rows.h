// An interaction_links row, and an interaction's participants, read the same
// way by every writer and reader of the adapter.
#pragma once

#include "rearview/core/model.h"
#include "connection.h"
#include "statement.h"

namespace rearview::sqlite {

// Binds ?1 to `interaction_id` and ?2 to ?7 to the link's opportunity_id,
// method, score, rule, linked_at and linked_by, without copying: both must
// outlive the statement's run.
void bind_link(Statement& insert, const Id& interaction_id, const InteractionLink& link);

// The link to `opportunity_id` whose method is in `method_column`, followed by
// its score, rule, linked_at and linked_by.
InteractionLink read_link(const Statement& row, int method_column, Id opportunity_id);

// The interaction's participants, in their order, appended to `out`.
// Deletes an interaction; its participants, links, match outcomes and
// tracker hits go with it (ON DELETE CASCADE), and the links' trigger
// queues their deals' analysis.
Result<void> delete_interaction(Connection& connection, const Id& interaction_id);

Result<void> read_participants(Connection& connection, const Id& interaction_id,
                               std::vector<Participant>& out);

}  // namespace rearview::sqlite
