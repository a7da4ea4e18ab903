// The one reader of the system time. Everything that needs "now" — open deals
// measured up to the present, a milestone recorded without --at — asks a
// Clock, so tests and replays pin the time and a server can share one.
#pragma once

#include <string>

#include "rearview/core/error.h"
#include "rearview/core/time.h"
#include "rearview/core/time_zone.h"

namespace rearview::service {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;  // whole seconds, UTC
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// Always the same instant: for tests, and for `--as-of`.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp at) : at_(at) {}
  Timestamp now() const override { return at_; }

 private:
  Timestamp at_;
};

// "now" (or empty) is the clock's time; anything else must parse as a time
// (without an offset, a time on the zone's clock).
Result<Timestamp> time_or_now(const std::string& text, const Clock& clock, const char* option,
                              const TimeZone& zone);

}  // namespace rearview::service
