#include "calendar_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "rearview/core/direction.h"
#include "rearview/core/stable_hash.h"

namespace rearview::importing {
namespace {

using std::chrono::days;

// A meeting's interaction id: its source id after the calendar's prefix.
constexpr std::string_view kMeetingPrefix = "calendar:";
std::string meeting_id(const std::string& source_id) {
  return std::string(kMeetingPrefix) + source_id;
}

// Attendees' answers and counter-proposals carry one attendee, not the event.
bool is_answer(const std::string& method) {
  return method == "REPLY" || method == "COUNTER" || method == "DECLINECOUNTER" ||
         method == "REFRESH";
}

// An event without a UID is known by a digest of what it says.
std::string uid_of(const CalendarEvent& event) {
  if (!event.uid.empty()) return event.uid;
  std::uint64_t hash = stable_hash(event.summary);
  hash = stable_hash(format_timestamp(event.start), hash);
  hash = stable_hash(event.organizer ? event.organizer->address : "", hash);
  return fmt::format("digest-{:016x}", hash);
}

std::string body_of(const CalendarEvent& event) {
  if (event.location.empty()) return event.description;
  std::string where = "Location: " + event.location;
  return event.description.empty() ? where : event.description + "\n\n" + where;
}

}  // namespace

std::string compact_utc(Timestamp time) {
  std::string text = format_timestamp(time);  // 2026-03-02T15:00:00Z
  std::erase(text, '-');
  std::erase(text, ':');
  return text;
}

// Series are expanded within the opportunities' lives, widened by matching's
// window (and on to today while a deal is open); with no opportunities yet,
// from five years back to a year ahead.
Result<CalendarReadOptions> CalendarWriter::read_options() {
  if (options_) return *options_;
  auto span = transaction_.calendar().opportunities_life();
  if (!span) return std::unexpected(span.error());
  // Today at midnight UTC, so that the window moves once a day.
  Timestamp now = std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::floor<days>(std::chrono::system_clock::now()));
  days window{settings_.matching.window_days};
  CalendarReadOptions options{.default_zone = settings_.time_zone.name() == "UTC"
                                                  ? std::string()
                                                  : settings_.time_zone.name()};
  if (*span) {
    options.from = (*span)->from - window;
    options.to = ((*span)->any_open ? std::max((*span)->to, now) : (*span)->to) + window;
  } else {
    options.from = now - days{5 * 365};
    options.to = now + days{365};
  }
  options_ = options;
  return options;
}

Result<long long> CalendarWriter::window_fingerprint() {
  auto options = read_options();
  if (!options) return std::unexpected(options.error());
  std::uint64_t hash = stable_hash(format_timestamp(options->from));
  hash = stable_hash(format_timestamp(options->to), hash);
  return static_cast<long long>(hash);
}

Result<void> CalendarWriter::apply(std::string_view text) {
  auto options = read_options();
  if (!options) return std::unexpected(options.error());
  Result<void> applied;
  read_calendar(text, *options, [&](CalendarText&& batch) {
    if (applied) applied = apply_batch(batch);
  });
  return applied;
}

// Masters and their changed occurrences may come in different batches (or
// files): apply_series and apply_override give the same result in any order.
Result<void> CalendarWriter::apply_batch(CalendarText& calendar) {
  for (const auto& problem : calendar.problems) {
    ++counts_.skipped;
    problem_(problem.line, problem.message);
  }
  std::stable_sort(calendar.events.begin(), calendar.events.end(),
                   [](const CalendarEvent& a, const CalendarEvent& b) {
                     return !a.recurrence_id && b.recurrence_id;
                   });
  for (const auto& event : calendar.events) {
    ++counts_.events_read;
    if (is_answer(calendar.method)) {
      ++counts_.replies;
      continue;
    }
    for (const auto& warning : event.warnings)
      problem_(event.line, warning + "; the rest of the event was read");
    if (auto applied = apply_event(event); !applied) return applied;
  }
  return {};
}

Result<void> CalendarWriter::apply_event(const CalendarEvent& event) {
  std::string uid = uid_of(event);
  std::string occurrence = event.recurrence_id ? compact_utc(*event.recurrence_id) : "";
  EventVersion incoming{.sequence = event.sequence, .stamp = event.stamp,
                        .cancelled = event.cancelled};
  auto stored = transaction_.calendar().version(uid, occurrence);
  if (!stored) return std::unexpected(stored.error());
  if (*stored && !(*stored)->superseded_by(incoming)) {
    ++counts_.older_versions;
    return {};
  }
  if (event.occurrences_cut) {
    ++counts_.series_cut;
    problem_(event.line, fmt::format("the series has more than {} occurrences within the "
                                     "opportunities' lives: the first {} are read",
                                     event.occurrences.size(), event.occurrences.size()));
  }
  auto applied = event.recurrence_id ? apply_override(uid, event) : apply_series(uid, event);
  if (!applied) return applied;
  return transaction_.calendar().save_version(uid, occurrence, incoming);
}

// The event itself, or every occurrence of its series; what was stored of it
// before and is no more (a shortened series, an EXDATE added, a cancellation)
// goes. An occurrence changed on its own (an override) keeps its version.
Result<void> CalendarWriter::apply_series(const std::string& uid, const CalendarEvent& event) {
  auto existing = transaction_.calendar().interactions_of(uid);
  if (!existing) return std::unexpected(existing.error());
  std::set<Id> kept;
  if (!event.cancelled) {
    for (Timestamp at : event.occurrences) {
      std::string source_id = event.recurring ? uid + "@" + compact_utc(at) : uid;
      kept.insert(meeting_id(source_id));
      if (event.recurring) {
        auto own = has_own_version(uid, compact_utc(at));
        if (!own) return std::unexpected(own.error());
        if (*own) continue;
      }
      if (auto written = write(source_id, event, at); !written) return written;
    }
  }
  // Stored ids are kMeetingPrefix + uid, or kMeetingPrefix + uid + "@" + occurrence.
  const std::size_t occurrence_at = kMeetingPrefix.size() + uid.size() + 1;
  for (const auto& id : *existing) {
    if (kept.contains(id)) continue;
    if (!event.cancelled && id.size() > occurrence_at) {
      auto own = has_own_version(uid, id.substr(occurrence_at));
      if (!own) return std::unexpected(own.error());
      if (*own) continue;
    }
    if (auto removed = remove(id); !removed) return removed;
  }
  return {};
}

Result<bool> CalendarWriter::has_own_version(const std::string& uid, const std::string& occurrence) {
  auto version = transaction_.calendar().version(uid, occurrence);
  if (!version) return std::unexpected(version.error());
  return version->has_value();
}

Result<void> CalendarWriter::apply_override(const std::string& uid, const CalendarEvent& event) {
  std::string source_id = uid + "@" + compact_utc(*event.recurrence_id);
  if (!event.cancelled) return write(source_id, event, event.start);
  auto existing = transaction_.links().find_interaction(meeting_id(source_id));
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return remove(**existing);
  return {};
}

Result<void> CalendarWriter::remove(const Id& interaction_id) {
  if (auto removed = transaction_.calendar().remove_interaction(interaction_id); !removed)
    return removed;
  ++counts_.removed;
  return {};
}

Result<void> CalendarWriter::write(const std::string& source_id, const CalendarEvent& event,
                                   Timestamp at) {
  Interaction meeting{.id = meeting_id(source_id),
                      .kind = InteractionKind::meeting,
                      .subject = event.summary,
                      .body = body_of(event),
                      .occurred_at = at,
                      .duration_seconds = event.duration_seconds,
                      .source_object = "event",
                      .source = SourceKind::calendar,
                      .source_id = source_id};
  if (event.organizer) {
    auto organizer =
        book_.participant(ParticipantRole::from, event.organizer->address, event.organizer->name);
    if (!organizer) return std::unexpected(organizer.error());
    meeting.owner_id = organizer->user_id;
    meeting.participants.push_back(std::move(*organizer));
  }
  for (const auto& attendee : event.attendees) {
    auto participant = book_.participant(ParticipantRole::attendee, attendee.address, attendee.name);
    if (!participant) return std::unexpected(participant.error());
    meeting.participants.push_back(std::move(*participant));
  }
  meeting.direction = classify_email(std::nullopt, meeting.participants, settings_);
  auto written = transaction_.records().upsert(meeting);
  if (!written) return std::unexpected(written.error());
  ++(*written == WriteOutcome::inserted  ? counts_.imported
     : *written == WriteOutcome::updated ? counts_.updated
                                         : counts_.unchanged);
  return {};
}

}  // namespace rearview::importing
