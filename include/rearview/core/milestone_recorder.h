// The role that records milestones attained inside a stage (by a person, or
// through the API), beside those the CRM's contact roles attain.
#pragma once

#include "rearview/core/error.h"
#include "rearview/core/snapshot.h"

namespace rearview {

class MilestoneRecorder {
 public:
  virtual ~MilestoneRecorder() = default;
  // One attainment per opportunity, stage, key and time: recording the same
  // again replaces its value, who and source. A missing opportunity fails
  // with ErrorCode::missing_reference.
  virtual Result<void> record_milestone(const Id& opportunity_id,
                                        const MilestoneAttainment& attainment) = 0;
};

}  // namespace rearview
