// The role the calendar import writes through besides the records: which
// version of each event it applied (an update with a lower SEQUENCE, or an
// older DTSTAMP at the same SEQUENCE, changes nothing), which occurrences of
// a series are stored (an update that shortens a series, or a cancellation,
// removes the others), and the span of the opportunities' lives, within
// which recurring series are expanded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview {

struct EventVersion {
  long long sequence = 0;
  std::optional<Timestamp> stamp;  // DTSTAMP
  bool cancelled = false;
  // Whether `other` may replace this version: a higher SEQUENCE, or the same
  // and a DTSTAMP no older (the same version read again changes nothing).
  bool superseded_by(const EventVersion& other) const;
};

struct OpportunitiesLife {
  Timestamp from{};        // the first opportunity's creation
  Timestamp to{};          // the last close (or expected close)
  bool any_open = false;   // an open opportunity lives on to this day
};

class CalendarEvents {
 public:
  virtual ~CalendarEvents() = default;
  // An event's version; `occurrence` is empty for the event or series
  // itself, else the occurrence's original start as "YYYYMMDDTHHMMSSZ".
  virtual Result<std::optional<EventVersion>> version(const std::string& uid,
                                                      const std::string& occurrence) = 0;
  virtual Result<void> save_version(const std::string& uid, const std::string& occurrence,
                                    const EventVersion& version) = 0;
  // The interactions read from the calendar for the event `uid`: the event
  // (source_id `uid`) and its occurrences (`uid@...`).
  virtual Result<std::vector<Id>> interactions_of(const std::string& uid) = 0;
  // Removes an interaction with its participants, links and match outcome.
  virtual Result<void> remove_interaction(const Id& interaction_id) = 0;
  // Nothing when there are no opportunities.
  virtual Result<std::optional<OpportunitiesLife>> opportunities_life() = 0;
};

}  // namespace rearview
