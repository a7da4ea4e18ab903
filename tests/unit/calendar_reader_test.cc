// The calendar reader: iCalendar text into events, with times in UTC worked
// out by hand from the zones' rules (2026: Europe's summer time from 29
// March, America's from 8 March).
#include "calendar_reader.h"

#include <gtest/gtest.h>

#include <limits>

namespace rearview::importing {
namespace {

Timestamp at(const char* text) { return *parse_timestamp(text); }

CalendarReadOptions options() {
  return CalendarReadOptions{.from = at("2026-01-01T00:00:00Z"),
                             .to = at("2027-01-01T00:00:00Z"),
                             .default_zone = "Europe/Berlin"};
}

// One VEVENT with `lines` inside, in a VCALENDAR with `head` before it.
std::string calendar(const std::string& lines, const std::string& head = "") {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + head +
         "BEGIN:VEVENT\r\nUID:event-1\r\nDTSTAMP:20260101T000000Z\r\n" + lines +
         "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

CalendarEvent only_event(const std::string& text, const CalendarReadOptions& with = options()) {
  CalendarText read = read_calendar(text, with);
  EXPECT_TRUE(read.problems.empty()) << read.problems.front().message;
  EXPECT_EQ(read.events.size(), 1u);
  return read.events.empty() ? CalendarEvent{} : read.events.front();
}

TEST(CalendarReader, UtcStartAndEndGiveTheDuration) {
  auto event = only_event(calendar("DTSTART:20260302T150000Z\r\nDTEND:20260302T154500Z\r\n"
                                   "SUMMARY:Acme demo\r\nDESCRIPTION:Agenda:\\nslides\\, demo\r\n"));
  EXPECT_EQ(event.uid, "event-1");
  EXPECT_EQ(event.start, at("2026-03-02T15:00:00Z"));
  EXPECT_EQ(event.duration_seconds, 45 * 60);
  EXPECT_EQ(event.summary, "Acme demo");
  EXPECT_EQ(event.description, "Agenda:\nslides, demo");
  EXPECT_EQ(event.occurrences, std::vector<Timestamp>{event.start});
  EXPECT_FALSE(event.recurring);
}

TEST(CalendarReader, WindowsZoneIdWithoutVtimezoneIsReadAsItsIanaZone) {
  // Romance Standard Time is Europe/Paris: 09:30 CEST is 07:30 UTC.
  auto event = only_event(calendar("DTSTART;TZID=Romance Standard Time:20260701T093000\r\n"
                                   "DTEND;TZID=Romance Standard Time:20260701T100000\r\n"));
  EXPECT_EQ(event.start, at("2026-07-01T07:30:00Z"));
  EXPECT_EQ(event.duration_seconds, 30 * 60);
  EXPECT_TRUE(event.warnings.empty());
}

TEST(CalendarReader, TheCalendarsOwnVtimezoneRulesOverTheName) {
  // A zone named like Berlin but defined at +05:30: the definition counts.
  std::string zone =
      "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
      "TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
  auto event = only_event(calendar("DTSTART;TZID=Europe/Berlin:20260701T100000\r\n", zone));
  EXPECT_EQ(event.start, at("2026-07-01T04:30:00Z"));
}

TEST(CalendarReader, PrefixedZoneNamesAreFoundInTheDatabase) {
  auto event = only_event(calendar(
      "DTSTART;TZID=/mozilla.org/20070129_1/America/New_York:20260115T090000\r\n"));
  EXPECT_EQ(event.start, at("2026-01-15T14:00:00Z"));  // EST, UTC-5
}

TEST(CalendarReader, UnknownZoneIsReadInTheDefaultZoneWithAWarning) {
  auto event = only_event(calendar("DTSTART;TZID=Nowhere Standard Time:20260115T090000\r\n"));
  EXPECT_EQ(event.start, at("2026-01-15T08:00:00Z"));  // Berlin, UTC+1
  ASSERT_EQ(event.warnings.size(), 1u);
  EXPECT_NE(event.warnings[0].find("Nowhere Standard Time"), std::string::npos);
}

TEST(CalendarReader, FloatingTimeAndDatesAreOnTheDefaultZonesClock) {
  auto floating = only_event(calendar("DTSTART:20260701T090000\r\nDURATION:PT1H30M\r\n"));
  EXPECT_EQ(floating.start, at("2026-07-01T07:00:00Z"));  // CEST, UTC+2
  EXPECT_EQ(floating.duration_seconds, 90 * 60);
  auto day = only_event(calendar("DTSTART;VALUE=DATE:20260701\r\nDTEND;VALUE=DATE:20260702\r\n"));
  EXPECT_TRUE(day.all_day);
  EXPECT_EQ(day.start, at("2026-06-30T22:00:00Z"));
  EXPECT_FALSE(day.duration_seconds);
}

TEST(CalendarReader, WeeklySeriesKeepsItsLocalTimeAcrossTheClockChange) {
  // Mondays 09:00 New York from 2 March: 14:00 UTC before 8 March, 13:00
  // after; the third (16 March) is taken out.
  auto event = only_event(calendar(
      "DTSTART;TZID=America/New_York:20260302T090000\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\n"
      "EXDATE;TZID=America/New_York:20260316T090000\r\n"));
  EXPECT_TRUE(event.recurring);
  EXPECT_EQ(event.occurrences,
            (std::vector<Timestamp>{at("2026-03-02T14:00:00Z"), at("2026-03-09T13:00:00Z"),
                                    at("2026-03-23T13:00:00Z"), at("2026-03-30T13:00:00Z")}));
}

TEST(CalendarReader, EndlessSeriesIsExpandedWithinTheWindowOnly) {
  CalendarReadOptions window = options();
  window.from = at("2026-05-10T00:00:00Z");
  window.to = at("2026-05-20T00:00:00Z");
  auto event = only_event(calendar("DTSTART:20200101T100000Z\r\nRRULE:FREQ=DAILY\r\n"), window);
  ASSERT_EQ(event.occurrences.size(), 10u);
  EXPECT_EQ(event.occurrences.front(), at("2026-05-10T10:00:00Z"));
  EXPECT_EQ(event.occurrences.back(), at("2026-05-19T10:00:00Z"));
  EXPECT_FALSE(event.occurrences_cut);
}

TEST(CalendarReader, SeriesBeyondTheMostKeptIsCut) {
  CalendarReadOptions few = options();
  few.most_occurrences = 3;
  auto event = only_event(calendar("DTSTART:20260105T100000Z\r\nRRULE:FREQ=DAILY\r\n"), few);
  EXPECT_EQ(event.occurrences.size(), 3u);
  EXPECT_TRUE(event.occurrences_cut);
}

TEST(CalendarReader, RdateAddsAnOccurrence) {
  auto event = only_event(calendar("DTSTART:20260105T100000Z\r\nRRULE:FREQ=DAILY;COUNT=2\r\n"
                                   "RDATE:20260110T120000Z\r\n"));
  EXPECT_EQ(event.occurrences,
            (std::vector<Timestamp>{at("2026-01-05T10:00:00Z"), at("2026-01-06T10:00:00Z"),
                                    at("2026-01-10T12:00:00Z")}));
}

TEST(CalendarReader, OverrideCarriesItsRecurrenceIdAndIsNotASeries) {
  auto event = only_event(calendar("RECURRENCE-ID;TZID=Europe/Paris:20260112T100000\r\n"
                                   "DTSTART;TZID=Europe/Paris:20260112T140000\r\nSEQUENCE:2\r\n"));
  ASSERT_TRUE(event.recurrence_id);
  EXPECT_EQ(*event.recurrence_id, at("2026-01-12T09:00:00Z"));
  EXPECT_EQ(event.start, at("2026-01-12T13:00:00Z"));
  EXPECT_EQ(event.sequence, 2);
  EXPECT_FALSE(event.recurring);
}

TEST(CalendarReader, SequenceBeyondSixtyFourBitsIsTheLargest) {
  auto event = only_event(calendar("DTSTART:20260105T100000Z\r\nSEQUENCE:99999999999999999999\r\n"));
  EXPECT_EQ(event.sequence, std::numeric_limits<long long>::max());
  auto big = only_event(calendar("DTSTART:20260105T100000Z\r\nSEQUENCE:1407317367304\r\n"));
  EXPECT_EQ(big.sequence, 1407317367304LL);
}

TEST(CalendarReader, CancellationsByStatusOrByMethod) {
  EXPECT_TRUE(only_event(calendar("DTSTART:20260105T100000Z\r\nSTATUS:CANCELLED\r\n")).cancelled);
  CalendarText cancel =
      read_calendar(calendar("DTSTART:20260105T100000Z\r\n", "METHOD:CANCEL\r\n"), options());
  EXPECT_EQ(cancel.method, "CANCEL");
  ASSERT_EQ(cancel.events.size(), 1u);
  EXPECT_TRUE(cancel.events[0].cancelled);
  EXPECT_FALSE(only_event(calendar("DTSTART:20260105T100000Z\r\n")).cancelled);
}

TEST(CalendarReader, PeopleWithoutMailtoInLowerCaseRoomsLeftOut) {
  auto event = only_event(calendar(
      "DTSTART:20260105T100000Z\r\nORGANIZER;CN=Rita Rep:MAILTO:Rita@Seller.example\r\n"
      "ATTENDEE;CN=Pat Buyer;PARTSTAT=ACCEPTED:mailto:PAT@acme.example\r\n"
      "ATTENDEE;CN=Rita Rep:mailto:rita@seller.example\r\n"
      "ATTENDEE;CUTYPE=ROOM;CN=Board room:mailto:board@seller.example\r\n"
      "ATTENDEE;CN=Pat again:mailto:pat@acme.example\r\n"));
  ASSERT_TRUE(event.organizer);
  EXPECT_EQ(event.organizer->address, "rita@seller.example");
  EXPECT_EQ(event.organizer->name, "Rita Rep");
  ASSERT_EQ(event.attendees.size(), 1u);
  EXPECT_EQ(event.attendees[0].address, "pat@acme.example");
  EXPECT_EQ(event.attendees[0].name, "Pat Buyer");
}

TEST(CalendarReader, EventWithoutAReadableStartIsSkippedWithItsLine) {
  std::string text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
      "BEGIN:VEVENT\r\nUID:good\r\nDTSTART:20260105T100000Z\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:bad\r\nDTSTART:20261399T250000Z\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  CalendarText read = read_calendar(text, options());
  ASSERT_EQ(read.events.size(), 1u);
  EXPECT_EQ(read.events[0].uid, "good");
  EXPECT_EQ(read.events[0].line, 3);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].line, 7);
  EXPECT_NE(read.problems[0].message.find("DTSTART"), std::string::npos);
}

TEST(CalendarReader, TextCutShortKeepsTheEventsItHolds) {
  std::string text =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:kept\r\nDTSTART:20260105T100000Z\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:cut\r\nDTSTART:20260106T100000Z\r\nSUMM";
  CalendarText read = read_calendar(text, options());
  ASSERT_EQ(read.events.size(), 2u);
  EXPECT_EQ(read.events[0].uid, "kept");
  ASSERT_FALSE(read.problems.empty());
  EXPECT_NE(read.problems[0].message.find("ends inside"), std::string::npos);
}

TEST(CalendarReader, TextThatIsNotICalendarIsOneProblem) {
  CalendarText read = read_calendar("From: someone\r\n\r\nhello", options());
  EXPECT_TRUE(read.events.empty());
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_NE(read.problems[0].message.find("not iCalendar"), std::string::npos);
}

// A large calendar is read a batch of events at a time: every batch keeps
// the calendar's time zones and each event its own line.
TEST(CalendarReader, LargeCalendarIsReadInBatchesWithItsZones) {
  std::string text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Plus Three\r\n"
      "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\n"
      "END:STANDARD\r\nEND:VTIMEZONE\r\n";  // 10 lines
  constexpr int kEvents = 450;  // more than two batches
  for (int i = 0; i < kEvents; ++i)
    text += "BEGIN:VEVENT\r\nUID:e" + std::to_string(i) +
            "\r\nDTSTART;TZID=Plus Three:20260105T120000\r\nEND:VEVENT\r\n";
  text += "END:VCALENDAR\r\n";
  std::size_t batches = 0;
  std::vector<CalendarEvent> events;
  read_calendar(text, options(), [&](CalendarText&& batch) {
    ++batches;
    EXPECT_TRUE(batch.problems.empty());
    for (auto& event : batch.events) events.push_back(std::move(event));
  });
  EXPECT_GE(batches, 3u);
  ASSERT_EQ(events.size(), std::size_t(kEvents));
  for (int i : {0, 199, 200, kEvents - 1}) {
    EXPECT_EQ(events[std::size_t(i)].uid, "e" + std::to_string(i));
    EXPECT_EQ(events[std::size_t(i)].line, 11 + 4 * i);
    EXPECT_EQ(events[std::size_t(i)].start, at("2026-01-05T09:00:00Z"));
  }
}

TEST(CalendarReader, InvalidUtf8IsReplacedNotPassedOn) {
  auto event = only_event(calendar("DTSTART:20260105T100000Z\r\nSUMMARY:caf\xE9 \xFF\r\n"));
  EXPECT_EQ(event.summary, "caf\xEF\xBF\xBD \xEF\xBF\xBD");
}

}  // namespace
}  // namespace rearview::importing
