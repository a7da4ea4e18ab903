// rearview import calendar: events from .ics files into meetings, with their
// participants resolved to contacts and users. Which opportunity each
// belongs to is matching's work, not the import's.
#include "rearview/importers/calendar_import.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "address_book.h"
#include "calendar_writer.h"
#include "rearview/core/text.h"
#include "source_files.h"

namespace rearview {
namespace {

using importing::SourceFile;

std::optional<int> calendar_format(const std::filesystem::path& file) {
  std::string extension = lower(file.extension().string());
  if (extension == ".ics" || extension == ".ical" || extension == ".icalendar") return 0;
  std::string head = importing::file_head(file, 64);
  std::string_view start(head);
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);
  return lower(trim(start)).starts_with("begin:vcalendar") ? std::optional(0) : std::nullopt;
}

class CalendarImport {
 public:
  CalendarImport(Session& session, const Settings& settings) : session_(session), settings_(settings) {}
  Result<void> import_file(const SourceFile& file);
  CalendarImportReport& report() { return report_; }

 private:
  void problem(const SourceFile& file, long long line, std::string message) {
    report_.add_problem({file.path.string(), line, std::move(message)});
  }

  Session& session_;
  const Settings& settings_;
  CalendarImportReport report_;
};

Result<void> CalendarImport::import_file(const SourceFile& file) {
  auto transaction = session_.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  std::string location = std::filesystem::absolute(file.path).lexically_normal().string();
  SourceCursor now{.location = location,
                   .size = file.size,
                   .modified = importing::modified_time(file.path),
                   .position = file.size};
  importing::AddressBook book(transaction->records());
  importing::CalendarWriter writer(
      *transaction, book, settings_, report_.events,
      [&](long long line, std::string message) { problem(file, line, std::move(message)); });
  // A file is read again when the window its series were expanded in moved.
  auto window = writer.window_fingerprint();
  if (!window) return std::unexpected(window.error());
  now.fingerprint = *window;
  auto cursor = transaction->records().source_cursor(SourceKind::calendar, location);
  if (!cursor) return std::unexpected(cursor.error());
  if (*cursor && (*cursor)->size == now.size && (*cursor)->modified == now.modified &&
      (*cursor)->fingerprint == now.fingerprint) {
    ++report_.files_unchanged;
    return {};
  }
  std::ifstream in(file.path, std::ios::binary);
  if (!in)
    return fail(ErrorCode::io, fmt::format("cannot read {}", file.path.string()),
                "check that the file is readable");
  std::stringstream text;
  text << in.rdbuf();
  ++report_.files_read;
  if (auto applied = writer.apply(text.str()); !applied) return applied;
  if (auto saved = transaction->records().save_source_cursor(SourceKind::calendar, now); !saved)
    return saved;
  return transaction->commit();
}

}  // namespace

std::string describe(const CalendarCounts& counts) {
  std::string text = fmt::format("events: {} read, {} meetings imported, {} updated, {} unchanged",
                                 counts.events_read, counts.imported, counts.updated,
                                 counts.unchanged);
  auto add = [&](long long count, std::string_view what) {
    if (count) text += fmt::format(", {} {}", count, what);
  };
  add(counts.removed, "removed (cancelled, or no longer in their series)");
  add(counts.older_versions, "older updates ignored");
  add(counts.replies, "attendees' replies left out");
  add(counts.series_cut, "series cut short");
  add(counts.skipped, "skipped");
  return text;
}


Result<CalendarImportReport> import_calendar(Session& session, const Settings& settings,
                                             const std::vector<std::filesystem::path>& paths,
                                             const CalendarImportOptions& options) {
  CalendarImport import(session, settings);
  CalendarImportReport& report = import.report();
  auto imported = importing::import_source_files(
      paths, calendar_format, "give .ics files or folders holding them", options.progress,
      report.not_calendar, report.not_calendar_count,
      [&](const SourceFile& file) { return import.import_file(file); });
  if (!imported) return std::unexpected(imported.error());
  return std::move(report);
}

}  // namespace rearview
