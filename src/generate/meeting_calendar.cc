#include "meeting_calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <system_error>

#include "rearview/core/time_zone.h"

namespace rearview::generate {
namespace {

using std::chrono::days;
using std::chrono::seconds;

constexpr std::string_view kCaseNames[kMeetingCases] = {
    "ordinary",  "series",   "moved_occurrence", "skipped_occurrence",
    "rescheduled", "cancelled", "internal",       "contact_on_concurrent_deals"};

// Outlook's names for the zones the sample company's people work in.
constexpr std::pair<std::string_view, std::string_view> kWindowsIds[] = {
    {"America/New_York", "Eastern Standard Time"},
    {"America/Chicago", "Central Standard Time"},
    {"America/Los_Angeles", "Pacific Standard Time"},
    {"Europe/London", "GMT Standard Time"}};

// The zone the generator computes a TZID's clock in: a Windows id by the
// IANA zone it stands for (the reader finds that through ICU, not this).
const TimeZone& zone_for(std::string_view tzid) {
  static std::map<std::string, TimeZone, std::less<>> zones;
  if (auto found = zones.find(tzid); found != zones.end()) return found->second;
  std::string_view name = tzid;
  for (auto [iana, windows] : kWindowsIds)
    if (tzid == windows) name = iana;
  auto zone = tzid.empty() ? Result<TimeZone>(TimeZone()) : TimeZone::lookup(name);
  return zones.emplace(std::string(tzid), zone ? *zone : TimeZone()).first->second;
}

std::string compact(const LocalTime& local, bool utc) {
  std::chrono::year_month_day day{local.date};
  auto clock = local.time_of_day.count();
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}{}", int(day.year()), unsigned(day.month()),
                     unsigned(day.day()), clock / 3600, clock / 60 % 60, clock % 60,
                     utc ? "Z" : "");
}

std::string utc_text(Timestamp at) { return compact(TimeZone().local(at), true); }

// "DTSTART;TZID=Europe/London:20260302T090000", or UTC with a Z.
std::string time_property(std::string_view name, Timestamp at, std::string_view tzid) {
  if (tzid.empty()) return fmt::format("{}:{}\r\n", name, utc_text(at));
  return fmt::format("{};TZID={}:{}\r\n", name, tzid, compact(zone_for(tzid).local(at), false));
}

// TEXT values (RFC 5545 3.3.11).
std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out.push_back('\\');
    if (c == '\n') {
      out.append("\\n");
      continue;
    }
    if (c != '\r') out.push_back(c);
  }
  return out;
}

// Content lines folded at 75 octets, never inside a UTF-8 sequence.
void append_line(std::string& out, std::string_view line) {
  constexpr std::size_t kOctets = 75;
  std::size_t width = kOctets;
  while (line.size() > width) {
    std::size_t cut = width;
    while (cut > 1 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut)).append("\r\n ");
    line.remove_prefix(cut);
    width = kOctets - 1;
  }
  out.append(line).append("\r\n");
}

std::string party_line(std::string_view property, const MailParty& party) {
  return fmt::format("{};CN=\"{}\":mailto:{}", property, party.name, party.address);
}

struct EventText {
  const MeetingDraft& meeting;
  int sequence = 0;
  Timestamp stamp;
  std::string extra;  // RRULE, EXDATE, RECURRENCE-ID, STATUS lines
  bool moved_start = false;
  Timestamp start;
};

void append_event(std::string& out, const EventText& event) {
  const MeetingDraft& meeting = event.meeting;
  out.append("BEGIN:VEVENT\r\n");
  append_line(out, "UID:" + meeting.uid);
  out.append(fmt::format("SEQUENCE:{}\r\nDTSTAMP:{}\r\n", event.sequence, utc_text(event.stamp)));
  out.append(time_property("DTSTART", event.start, meeting.zone));
  out.append(fmt::format("DURATION:PT{}M\r\n", meeting.minutes));
  append_line(out, "SUMMARY:" + escaped(meeting.summary));
  if (!meeting.description.empty()) append_line(out, "DESCRIPTION:" + escaped(meeting.description));
  if (!meeting.location.empty()) append_line(out, "LOCATION:" + escaped(meeting.location));
  append_line(out, party_line("ORGANIZER", meeting.organizer));
  for (const auto& attendee : meeting.attendees)
    append_line(out, party_line("ATTENDEE;ROLE=REQ-PARTICIPANT", attendee));
  out.append(event.extra);
  out.append("END:VEVENT\r\n");
}

constexpr std::string_view kCalendarHead =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rearview//sample company//EN\r\n"
    "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";

}  // namespace

std::string calendar_zone_of(std::string_view time_zone, std::uint64_t person) {
  switch (person % 3) {
    case 0: return {};
    case 1: return std::string(time_zone);
    default:
      for (auto [iana, windows] : kWindowsIds)
        if (iana == time_zone) return std::string(windows);
      return std::string(time_zone);
  }
}

std::string_view to_string(MeetingCase meeting_case) {
  return kCaseNames[std::size_t(meeting_case)];
}

std::string_view expected_outcome(MeetingCase meeting_case) {
  switch (meeting_case) {
    case MeetingCase::internal: return "unmatched";
    case MeetingCase::contact_on_concurrent_deals: return "review";
    case MeetingCase::cancelled:
    case MeetingCase::skipped_occurrence: return "cancelled";
    default: return "link";
  }
}

Result<MeetingCalendar> MeetingCalendar::create(const std::filesystem::path& out_dir) {
  if (auto created = create_output_folder(out_dir / "calendar"); !created)
    return std::unexpected(created.error());
  auto team = OutputFile::create(out_dir / "calendar" / "team.ics");
  if (!team) return std::unexpected(team.error());
  auto copies = OutputFile::create(out_dir / "calendar" / "copies.ics");
  if (!copies) return std::unexpected(copies.error());
  auto truth = CsvFile::create(out_dir / "calendar" / "truth.csv",
                               "source_id,opportunity_id,expected,case,start");
  if (!truth) return std::unexpected(truth.error());
  team->buffer().append(kCalendarHead);
  copies->buffer().append(kCalendarHead);
  return MeetingCalendar(std::move(*team), std::move(*copies), std::move(*truth));
}

void MeetingCalendar::add_truth(std::string_view source_id, std::string_view opportunity_id,
                                MeetingCase meeting_case, Timestamp start,
                                std::string_view expected) {
  truth_.text(source_id).text(opportunity_id);
  truth_.text(expected.empty() ? expected_outcome(meeting_case) : expected);
  truth_.text(to_string(meeting_case)).timestamp(start).end_row();
  ++by_case_[std::size_t(meeting_case)];
}

void MeetingCalendar::write(const MeetingDraft& meeting, std::string_view opportunity_id,
                            MeetingCase meeting_case, bool copied) {
  EventText event{.meeting = meeting, .stamp = meeting.start - days{3}, .start = meeting.start};
  append_event(team_.buffer(), event);
  team_.flush_if_full();
  if (copied) {
    append_event(copies_.buffer(), event);
    copies_.flush_if_full();
  }
  add_truth(meeting.uid, opportunity_id, meeting_case, meeting.start);
  ++events_;
}

void MeetingCalendar::write_cancelled(const MeetingDraft& meeting, std::string_view opportunity_id) {
  append_event(team_.buffer(),
               {.meeting = meeting, .stamp = meeting.start - days{3}, .start = meeting.start});
  append_event(team_.buffer(), {.meeting = meeting,
                                .sequence = 1,
                                .stamp = meeting.start - days{1},
                                .extra = "STATUS:CANCELLED\r\n",
                                .start = meeting.start});
  team_.flush_if_full();
  add_truth(meeting.uid, opportunity_id, MeetingCase::cancelled, meeting.start);
  ++events_;
}

void MeetingCalendar::write_rescheduled(const MeetingDraft& meeting, Timestamp moved_to,
                                        std::string_view opportunity_id,
                                        std::string_view expected) {
  // The update comes first, as a calendar lists events in any order: the
  // older version after it must change nothing.
  append_event(team_.buffer(), {.meeting = meeting,
                                .sequence = 1,
                                .stamp = meeting.start - days{1},
                                .start = moved_to});
  append_event(team_.buffer(),
               {.meeting = meeting, .stamp = meeting.start - days{3}, .start = meeting.start});
  team_.flush_if_full();
  add_truth(meeting.uid, opportunity_id, MeetingCase::rescheduled, moved_to, expected);
  ++events_;
}

std::vector<Timestamp> MeetingCalendar::occurrences(const MeetingSeries& series) {
  const TimeZone& zone = zone_for(series.first.zone);
  LocalTime first = zone.local(series.first.start);
  std::vector<Timestamp> starts;
  for (int index = 0;; ++index) {
    Date day = first.date + days{7 * series.interval_weeks * index};
    Timestamp at = zone.from_local(std::chrono::local_seconds{day.time_since_epoch()} +
                                   first.time_of_day);
    if (at >= series.until) break;
    starts.push_back(at);
  }
  return starts;
}

void MeetingCalendar::write_series(const MeetingSeries& series, std::string_view opportunity_id) {
  const MeetingDraft& first = series.first;
  std::string rule = fmt::format("RRULE:FREQ=WEEKLY;INTERVAL={};UNTIL={}\r\n",
                                 series.interval_weeks, utc_text(series.until - seconds{1}));
  for (Timestamp skipped : series.skipped) rule += time_property("EXDATE", skipped, first.zone);
  Timestamp stamp = first.start - days{3};
  append_event(team_.buffer(),
               {.meeting = first, .stamp = stamp, .extra = rule, .start = first.start});
  if (series.moved)
    append_event(team_.buffer(),
                 {.meeting = first,
                  .sequence = 1,
                  .stamp = stamp,
                  .extra = time_property("RECURRENCE-ID", *series.moved, first.zone),
                  .start = *series.moved + days{1}});
  team_.flush_if_full();
  std::vector<Timestamp> starts = occurrences(series);
  for (std::size_t index = 0; index < starts.size(); ++index) {
    std::string id = first.uid + "@" + utc_text(starts[index]);
    bool skipped = std::find(series.skipped.begin(), series.skipped.end(), starts[index]) !=
                   series.skipped.end();
    std::string_view expected =
        index < series.expected.size() ? std::string_view(series.expected[index]) : "link";
    if (skipped)
      add_truth(id, opportunity_id, MeetingCase::skipped_occurrence, starts[index]);
    else if (series.moved && *series.moved == starts[index])
      add_truth(id, opportunity_id, MeetingCase::moved_occurrence, starts[index] + days{1},
                expected);
    else
      add_truth(id, opportunity_id, MeetingCase::series, starts[index], expected);
  }
  ++events_;
}

Result<void> MeetingCalendar::close() {
  Result<void> first;
  if (!open_) return first;
  for (OutputFile* file : {&team_, &copies_}) {
    file->buffer().append("END:VCALENDAR\r\n");
    if (auto closed = file->close(); !closed && first) first = closed;
  }
  if (auto closed = truth_.close(); !closed && first) first = closed;
  return first;
}

}  // namespace rearview::generate
