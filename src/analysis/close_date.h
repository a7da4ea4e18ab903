// A close date is a date on the organisation's calendar (its time zone), not
// an instant: the tells and the health score ask the same two questions of it.
#pragma once

#include "rearview/core/time_zone.h"

namespace rearview::analysis {

// A close date is met until the end of that day in the zone: a deal still
// open is overdue from the first moment of the next local day.
Timestamp overdue_from(Date close_date, const TimeZone& zone);

// How far past the close date `at` is: 1 day at the moment it becomes
// overdue, then the time elapsed on top (in days of 86,400 s); 0 before.
// In UTC this is the time since the close date's midnight, as it always was.
double days_past_close_date(Date close_date, Timestamp at, const TimeZone& zone);

}  // namespace rearview::analysis
