// Which deals a scan or a query over many deals takes. Engines turn it into
// their query (SQL WHERE clauses), so that deals it leaves out are never read.
#pragma once

#include <optional>
#include <string>

#include "rearview/core/model.h"

namespace rearview {

enum class OutcomeFilter { any, open, closed, won, lost };

struct CustomFieldEquals {
  std::string field;  // the API name, e.g. Segment__c
  std::string value;  // compared exactly
  bool operator==(const CustomFieldEquals&) const = default;
};

// Every condition that is set must hold.
struct DealFilter {
  OutcomeFilter outcome = OutcomeFilter::any;
  std::optional<std::string> type;  // exactly this type ("" is deals without one)
  std::optional<CustomFieldEquals> custom_field;
  // Closed at or after `closed_from` and before `closed_until`; a deal
  // without a closed time fails either.
  std::optional<Timestamp> closed_from;
  std::optional<Timestamp> closed_until;
  bool operator==(const DealFilter&) const = default;
};

}  // namespace rearview
