#include "rearview/core/calendar_events.h"

namespace rearview {

bool EventVersion::superseded_by(const EventVersion& other) const {
  if (other.sequence != sequence) return other.sequence > sequence;
  if (!stamp || !other.stamp) return true;
  return *other.stamp >= *stamp;
}

}  // namespace rearview
