// The role that keeps buyer interviews, one per opportunity. Reads anywhere;
// writes belong in a write transaction of the same session.
#pragma once

#include <optional>

#include "rearview/core/error.h"
#include "rearview/core/interview.h"

namespace rearview {

class InterviewStore {
 public:
  virtual ~InterviewStore() = default;
  // Replaces the deal's interview; its analysis is queued to be refreshed.
  // A missing opportunity fails with ErrorCode::missing_reference.
  virtual Result<void> save_interview(const BuyerInterview& interview) = 0;
  virtual Result<std::optional<BuyerInterview>> interview(const Id& opportunity_id) = 0;
};

}  // namespace rearview
