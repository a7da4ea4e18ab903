#include "close_date.h"

namespace rearview::analysis {

Timestamp overdue_from(Date close_date, const TimeZone& zone) {
  return zone.start_of_day(close_date + std::chrono::days{1});
}

double days_past_close_date(Date close_date, Timestamp at, const TimeZone& zone) {
  Timestamp overdue = overdue_from(close_date, zone);
  return at < overdue ? 0 : 1 + days_between(overdue, at);
}

}  // namespace rearview::analysis
