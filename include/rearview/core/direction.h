// Which way an interaction went: from the buyer (inbound), to the buyer
// (outbound) or among ourselves (internal, not a buyer interaction).
#pragma once

#include <optional>
#include <vector>

#include "rearview/core/model.h"
#include "rearview/core/settings.h"

namespace rearview {

// A participant is one of us when they are a known user or write from one of
// the company's domains.
bool is_ours(const Participant& participant, const Settings& settings);

// `incoming` is the CRM's own flag when it has one. Mail among ourselves only
// is internal whatever the flag says.
Direction classify_email(std::optional<bool> incoming, const std::vector<Participant>& participants,
                         const Settings& settings);

}  // namespace rearview
