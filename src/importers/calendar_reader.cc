// The libical wrapper: the only file that includes libical's headers.
// libical does the iCalendar work — unfolding, escapes, every property's
// value types, VTIMEZONE rules, the system's zone database, RRULE iteration —
// and this file copies what rearview keeps into CalendarEvents. What it does
// by hand: which zone a TZID names when the calendar carries no VTIMEZONE
// for it (prefixed names such as "/mozilla.org/20070129_1/America/New_York",
// Windows ids through ICU); calendar_text_scan finds the events' lines and
// their SEQUENCE as written (libical reads SEQUENCE into an int).
#include "calendar_reader.h"

#include <libical/ical.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>

#include "calendar_text_scan.h"
#include "icu_text.h"
#include "rearview/core/text.h"

namespace rearview::importing {
namespace {

// libical keeps its zones and errors in globals; one reader at a time.
std::mutex& libical_lock() {
  static std::mutex lock;
  return lock;
}

void initialise_libical() {
  static std::once_flag once;
  // Otherwise libical aborts the program on a malformed value.
  std::call_once(once, [] { icalerror_set_errors_are_fatal(0); });
}

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using OwnedComponent = std::unique_ptr<icalcomponent, ComponentFree>;

struct IteratorFree {
  void operator()(icalrecur_iterator* iterator) const { icalrecur_iterator_free(iterator); }
};

std::string text_of(const char* value) { return value ? std::string(trim(value)) : std::string(); }

// SEQUENCE as written: a number beyond 64 bits is the largest; a negative or
// unreadable one is 0.
long long sequence_from(std::string_view text) {
  if (text.empty() || text.front() == '-') return 0;
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) return std::numeric_limits<long long>::max();
  return error == std::errc() ? value : 0;
}

bool is_sane(const icaltimetype& time) {
  if (icaltime_is_null_time(time) || !icaltime_is_valid_time(time)) return false;
  if (time.year < 1900 || time.year > 2999 || time.month < 1 || time.month > 12 || time.day < 1 ||
      time.day > icaltime_days_in_month(time.month, time.year))
    return false;
  return time.is_date || (time.hour >= 0 && time.hour <= 23 && time.minute >= 0 &&
                          time.minute <= 59 && time.second >= 0 && time.second <= 60);
}

std::string without_mailto(const char* value) {
  std::string address = lower(text_of(value));
  if (address.starts_with("mailto:")) address.erase(0, 7);
  address = std::string(trim(address));
  return address.find('@') == std::string::npos ? std::string() : address;
}

class Reader {
 public:
  explicit Reader(const CalendarReadOptions& options) : options_(options) {
    utc_ = icaltimezone_get_utc_timezone();
    default_zone_ = options.default_zone.empty()
                        ? utc_
                        : icaltimezone_get_builtin_timezone(options.default_zone.c_str());
    if (!default_zone_) default_zone_ = utc_;
  }

  // Reads `text` a batch of events at a time, so that memory does not grow
  // with the calendar, and gives each batch's events and problems to `sink`.
  void read(std::string_view text, const CalendarSink& sink);

 private:
  void read_batch(const ScannedText& scanned, std::span<const EventHead> heads);
  void read_calendar_component(icalcomponent* calendar, icalcomponent* event_parent);
  void read_event(icalcomponent* calendar, icalcomponent* event, const EventHead& head);
  icaltimezone* zone_named(icalcomponent* calendar, const std::string& tzid,
                           CalendarEvent& event);
  icaltimezone* zone_of(icalcomponent* calendar, icalproperty* property, CalendarEvent& event);
  std::optional<Timestamp> instant(icaltimetype time, icaltimezone* zone) const;
  void read_people(icalcomponent* event, CalendarEvent& into) const;
  void expand(icalcomponent* calendar, icalcomponent* component, icaltimetype start,
              icaltimezone* zone, CalendarEvent& event);

  const CalendarReadOptions& options_;
  icaltimezone* utc_ = nullptr;
  icaltimezone* default_zone_ = nullptr;
  std::map<std::pair<icalcomponent*, std::string>, icaltimezone*> zones_;
  std::vector<EventHead> heads_;
  std::size_t next_head_ = 0;
  std::string method_;
  CalendarText result_;
};

std::optional<Timestamp> Reader::instant(icaltimetype time, icaltimezone* zone) const {
  if (!is_sane(time)) return std::nullopt;
  if (time.is_date) {  // a day begins at midnight where the company is
    time.is_date = 0;
    time.hour = time.minute = time.second = 0;
    zone = default_zone_;
  } else if (icaltime_is_utc(time)) {
    zone = utc_;
  }
  time.zone = nullptr;
  time_t seconds = icaltime_as_timet_with_zone(time, zone ? zone : default_zone_);
  Timestamp at{std::chrono::seconds{static_cast<long long>(seconds)}};
  return is_plausible(at) ? std::optional(at) : std::nullopt;
}

// The zone a TZID names: the calendar's own VTIMEZONE first (RFC 5545 says
// it rules), then the name as the zone database knows it, with any prefix a
// calendar program put before it, then a Windows zone id.
icaltimezone* Reader::zone_named(icalcomponent* calendar, const std::string& tzid,
                                 CalendarEvent& event) {
  auto key = std::pair(calendar, tzid);
  if (auto found = zones_.find(key); found != zones_.end()) return found->second;
  icaltimezone* zone = calendar ? icalcomponent_get_timezone(calendar, tzid.c_str()) : nullptr;
  std::string name(trim(tzid));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);
  for (std::size_t from = 0; !zone && from < name.size();) {
    zone = icaltimezone_get_builtin_timezone(name.c_str() + from);
    std::size_t slash = name.find('/', from);
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  if (!zone)
    if (auto iana = iana_zone_for_windows_id(name))
      zone = icaltimezone_get_builtin_timezone(iana->c_str());
  if (!zone) zone = icaltimezone_get_builtin_timezone_from_tzid(tzid.c_str());
  if (!zone)
    event.warnings.push_back(fmt::format("the time zone \"{}\" is not known: its times are read "
                                         "in {}",
                                         printable(tzid),
                                         options_.default_zone.empty() ? "UTC"
                                                                       : options_.default_zone));
  zones_.emplace(key, zone);
  return zone;
}

icaltimezone* Reader::zone_of(icalcomponent* calendar, icalproperty* property,
                              CalendarEvent& event) {
  icalparameter* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
  const char* name = tzid ? icalparameter_get_tzid(tzid) : nullptr;
  if (!name || !*name) return default_zone_;  // floating: the company's clock
  icaltimezone* zone = zone_named(calendar, name, event);
  return zone ? zone : default_zone_;
}

void Reader::read_people(icalcomponent* component, CalendarEvent& event) const {
  if (icalproperty* organizer = icalcomponent_get_first_property(component, ICAL_ORGANIZER_PROPERTY)) {
    std::string address = without_mailto(icalproperty_get_organizer(organizer));
    icalparameter* cn = icalproperty_get_first_parameter(organizer, ICAL_CN_PARAMETER);
    if (!address.empty())
      event.organizer = CalendarPerson{.name = cn ? text_of(icalparameter_get_cn(cn)) : "",
                                       .address = address};
  }
  for (icalproperty* attendee = icalcomponent_get_first_property(component, ICAL_ATTENDEE_PROPERTY);
       attendee; attendee = icalcomponent_get_next_property(component, ICAL_ATTENDEE_PROPERTY)) {
    icalparameter* type = icalproperty_get_first_parameter(attendee, ICAL_CUTYPE_PARAMETER);
    if (type && (icalparameter_get_cutype(type) == ICAL_CUTYPE_ROOM ||
                 icalparameter_get_cutype(type) == ICAL_CUTYPE_RESOURCE))
      continue;
    std::string address = without_mailto(icalproperty_get_attendee(attendee));
    if (address.empty() || (event.organizer && event.organizer->address == address)) continue;
    if (std::any_of(event.attendees.begin(), event.attendees.end(),
                    [&](const CalendarPerson& p) { return p.address == address; }))
      continue;
    icalparameter* cn = icalproperty_get_first_parameter(attendee, ICAL_CN_PARAMETER);
    event.attendees.push_back({.name = cn ? text_of(icalparameter_get_cn(cn)) : "",
                               .address = std::move(address)});
  }
}

// The series' starts within the window: DTSTART, every RRULE's and RDATE's,
// less the EXDATEs (a date-valued EXDATE takes out that whole local day).
void Reader::expand(icalcomponent* calendar, icalcomponent* component, icaltimetype start,
                    icaltimezone* zone, CalendarEvent& event) {
  constexpr long long kMostSteps = 200000;  // bounds a rule that never reaches the window
  std::set<Timestamp> starts{event.start};
  auto within = [&](Timestamp at) { return at >= options_.from && at < options_.to; };
  start.zone = zone;
  for (icalproperty* property = icalcomponent_get_first_property(component, ICAL_RRULE_PROPERTY);
       property; property = icalcomponent_get_next_property(component, ICAL_RRULE_PROPERTY)) {
    icalrecurrencetype rule = icalproperty_get_rrule(property);
    if (rule.freq == ICAL_NO_RECURRENCE) continue;
    std::unique_ptr<icalrecur_iterator, IteratorFree> iterator(icalrecur_iterator_new(rule, start));
    if (!iterator) {
      event.warnings.push_back("its RRULE cannot be followed: only its first occurrence is read");
      continue;
    }
    if (rule.count == 0 && options_.from > event.start) {
      icaltimetype from = icaltime_from_timet_with_zone(
          static_cast<time_t>(options_.from.time_since_epoch().count()), start.is_date, zone);
      icalrecur_iterator_set_start(iterator.get(), from);
    }
    for (long long step = 0; step < kMostSteps; ++step) {
      icaltimetype next = icalrecur_iterator_next(iterator.get());
      if (icaltime_is_null_time(next)) break;
      auto at = instant(next, zone);
      if (!at || *at >= options_.to) break;
      if (within(*at)) starts.insert(*at);
      if (starts.size() > options_.most_occurrences + 1) break;
    }
  }
  for (icalproperty* property = icalcomponent_get_first_property(component, ICAL_RDATE_PROPERTY);
       property; property = icalcomponent_get_next_property(component, ICAL_RDATE_PROPERTY)) {
    icaldatetimeperiodtype rdate = icalproperty_get_rdate(property);
    icaltimetype time = icaltime_is_null_time(rdate.time) ? rdate.period.start : rdate.time;
    if (auto at = instant(time, zone_of(calendar, property, event))) starts.insert(*at);
  }
  std::set<Timestamp> excluded;
  std::set<int> excluded_days;  // yyyymmdd on the series' clock
  auto day_of = [&](Timestamp at) {
    icaltimetype local = icaltime_from_timet_with_zone(
        static_cast<time_t>(at.time_since_epoch().count()), 0, zone);
    return local.year * 10000 + local.month * 100 + local.day;
  };
  for (icalproperty* property = icalcomponent_get_first_property(component, ICAL_EXDATE_PROPERTY);
       property; property = icalcomponent_get_next_property(component, ICAL_EXDATE_PROPERTY)) {
    icaltimetype time = icalproperty_get_exdate(property);
    if (!is_sane(time)) continue;
    if (time.is_date && !start.is_date)
      excluded_days.insert(time.year * 10000 + time.month * 100 + time.day);
    else if (auto at = instant(time, zone_of(calendar, property, event)))
      excluded.insert(*at);
  }
  for (Timestamp at : starts) {
    if (!within(at) || excluded.contains(at) || excluded_days.contains(day_of(at))) continue;
    if (event.occurrences.size() == options_.most_occurrences) {
      event.occurrences_cut = true;
      break;
    }
    event.occurrences.push_back(at);
  }
}

void Reader::read_event(icalcomponent* calendar, icalcomponent* component, const EventHead& head) {
  CalendarEvent event{.uid = text_of(icalcomponent_get_uid(component)),
                      .sequence = sequence_from(head.sequence),
                      .line = head.line};
  for (icalproperty* error = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY);
       error; error = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
    std::string warning = valid_utf8(text_of(icalproperty_get_xlicerror(error)));
    // An empty property (LOCATION:) is nothing lost.
    if (!warning.starts_with("No value for")) event.warnings.push_back(std::move(warning));
  }
  icalproperty* dtstart = icalcomponent_get_first_property(component, ICAL_DTSTART_PROPERTY);
  icaltimetype start = dtstart ? icalproperty_get_dtstart(dtstart) : icaltime_null_time();
  icaltimezone* zone = dtstart ? zone_of(calendar, dtstart, event) : default_zone_;
  if (icaltime_is_utc(start)) zone = utc_;  // and so are the series' occurrences
  auto at = instant(start, zone);
  if (!at) {
    std::string why = dtstart ? "its DTSTART cannot be read" : "it has no DTSTART";
    if (!event.warnings.empty()) why += " (" + event.warnings.front() + ")";
    result_.problems.push_back({head.line, why + "; skipped"});
    return;
  }
  event.start = *at;
  event.all_day = start.is_date != 0;
  event.summary = text_of(icalcomponent_get_summary(component));
  event.description = text_of(icalcomponent_get_description(component));
  event.location = text_of(icalcomponent_get_location(component));
  event.cancelled = method_ == "CANCEL" || icalcomponent_get_status(component) == ICAL_STATUS_CANCELLED;
  if (icalproperty* stamp = icalcomponent_get_first_property(component, ICAL_DTSTAMP_PROPERTY))
    event.stamp = instant(icalproperty_get_dtstamp(stamp), utc_);
  if (icalproperty* recurrence = icalcomponent_get_first_property(component, ICAL_RECURRENCEID_PROPERTY))
    event.recurrence_id =
        instant(icalproperty_get_recurrenceid(recurrence), zone_of(calendar, recurrence, event));
  if (!event.all_day) {
    if (icalproperty* dtend = icalcomponent_get_first_property(component, ICAL_DTEND_PROPERTY)) {
      if (auto end = instant(icalproperty_get_dtend(dtend), zone_of(calendar, dtend, event));
          end && *end > event.start)
        event.duration_seconds = (*end - event.start).count();
    } else if (icalproperty* length =
                   icalcomponent_get_first_property(component, ICAL_DURATION_PROPERTY)) {
      if (int seconds = icaldurationtype_as_int(icalproperty_get_duration(length)); seconds > 0)
        event.duration_seconds = seconds;
    }
  }
  read_people(component, event);
  event.recurring = !event.recurrence_id &&
                    (icalcomponent_get_first_property(component, ICAL_RRULE_PROPERTY) ||
                     icalcomponent_get_first_property(component, ICAL_RDATE_PROPERTY));
  if (event.recurring)
    expand(calendar, component, start, zone, event);
  else
    event.occurrences.push_back(event.start);
  for (std::string* text : {&event.uid, &event.summary, &event.description, &event.location})
    *text = valid_utf8(*text);
  result_.events.push_back(std::move(event));
}

void Reader::read_calendar_component(icalcomponent* calendar, icalcomponent* parent) {
  method_.clear();
  if (calendar)
    if (icalproperty* method = icalcomponent_get_first_property(calendar, ICAL_METHOD_PROPERTY))
      method_ = upper_ascii(text_of(icalproperty_get_value_as_string(method)));
  if (result_.method.empty()) result_.method = method_;
  auto read_one = [&](icalcomponent* event) {
    EventHead head = next_head_ < heads_.size() ? heads_[next_head_] : EventHead{};
    ++next_head_;
    read_event(calendar, event, head);
  };
  if (!calendar) {
    read_one(parent);
    return;
  }
  for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
       event; event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT))
    read_one(event);
}

void Reader::read_batch(const ScannedText& scanned, std::span<const EventHead> heads) {
  std::string text;
  if (heads.front().calendar >= 0) {
    const CalendarPart& calendar = scanned.calendars[std::size_t(heads.front().calendar)];
    text = "BEGIN:VCALENDAR\r\n" + calendar.properties;
    for (const Block& zone : calendar.zones)
      text.append(scanned.cleaned, zone.begin, zone.end - zone.begin);
  }
  for (const EventHead& head : heads)
    text.append(scanned.cleaned, head.block.begin, head.block.end - head.block.begin);
  if (heads.front().calendar >= 0) text += "END:VCALENDAR\r\n";
  text = valid_utf8(text);
  std::replace(text.begin(), text.end(), '\0', ' ');
  zones_.clear();  // they belonged to the batch before
  heads_.assign(heads.begin(), heads.end());
  next_head_ = 0;
  OwnedComponent root(icalparser_parse_string(text.c_str()));
  if (!root) {
    for (const EventHead& head : heads)
      result_.problems.push_back({head.line, "the event cannot be read; skipped"});
    return;
  }
  switch (icalcomponent_isa(root.get())) {
    case ICAL_XROOT_COMPONENT:
      for (icalcomponent* calendar =
               icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT);
           calendar;
           calendar = icalcomponent_get_next_component(root.get(), ICAL_VCALENDAR_COMPONENT))
        read_calendar_component(calendar, nullptr);
      break;
    case ICAL_VCALENDAR_COMPONENT: read_calendar_component(root.get(), nullptr); break;
    case ICAL_VEVENT_COMPONENT: read_calendar_component(nullptr, root.get()); break;
    default: break;
  }
}

void Reader::read(std::string_view text, const CalendarSink& sink) {
  constexpr std::size_t kBatch = 200;  // events parsed at once
  ScannedText scanned = scan_calendar_text(text);
  if (scanned.truncated)
    result_.problems.push_back(
        {0, "the text ends inside a component (END:VCALENDAR or another END is missing): what it "
            "holds was read"});
  if (!scanned.has_component)
    result_.problems.push_back({0, "this is not iCalendar text (no BEGIN:VCALENDAR or other component)"});
  std::span<const EventHead> heads(scanned.heads);
  while (!heads.empty()) {
    std::size_t count = 1;
    while (count < heads.size() && count < kBatch && heads[count].calendar == heads[0].calendar)
      ++count;
    read_batch(scanned, heads.first(count));
    heads = heads.subspan(count);
    sink(std::move(result_));
    result_ = CalendarText{};
  }
  if (!result_.problems.empty()) sink(std::move(result_));
}

}  // namespace

void read_calendar(std::string_view text, const CalendarReadOptions& options,
                   const CalendarSink& sink) {
  std::lock_guard guard(libical_lock());
  initialise_libical();
  Reader(options).read(text, sink);
}

CalendarText read_calendar(std::string_view text, const CalendarReadOptions& options) {
  CalendarText all;
  read_calendar(text, options, [&](CalendarText&& batch) {
    if (all.method.empty()) all.method = batch.method;
    for (auto& event : batch.events) all.events.push_back(std::move(event));
    for (auto& problem : batch.problems) all.problems.push_back(std::move(problem));
  });
  return all;
}

}  // namespace rearview::importing
