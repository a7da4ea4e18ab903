// The role that finds opportunities by what a person types.
#pragma once

#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview {

struct OpportunityName {
  Id id;
  std::string name;
  bool operator==(const OpportunityName&) const = default;
};

class OpportunityDirectory {
 public:
  virtual ~OpportunityDirectory() = default;
  // The opportunity whose id is `text`; when there is none, up to `limit`
  // whose name contains it in any case, ordered by name, then id.
  virtual Result<std::vector<OpportunityName>> find_opportunities(const std::string& text,
                                                                  int limit) = 0;
  // Every opportunity's id and name in id order, for suggesting close matches.
  virtual Result<std::vector<OpportunityName>> opportunity_names() = 0;
};

}  // namespace rearview
