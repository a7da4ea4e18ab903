// rearview import calendar PATH...: .ics files, or folders holding them.
#include <fmt/format.h>

#include "cli.h"
#include "import_summary.h"
#include "progress.h"
#include "rearview/core/text.h"
#include "rearview/importers/calendar_import.h"

namespace rearview::cli {
namespace {

struct CalendarArguments {
  std::vector<std::filesystem::path> paths;
  std::filesystem::path database = "rearview.db";
  std::string progress = "auto";
  bool refresh = true;
};

void print_summary(const CalendarImportReport& report) {
  print_problems(report.problems, report.problem_count,
                 [](const CalendarProblem& problem) { return describe(problem); });
  print_left_out(report.not_calendar, report.not_calendar_count, "not a calendar");
  fmt::print("files: {} read, {} unchanged since the last import\n", report.files_read,
             report.files_unchanged);
  fmt::print("{}\n", describe(report.events));
}

int import_calendar_files(const GlobalOptions& global, const CalendarArguments& arguments) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto opened = service::open_session(arguments.database, OpenMode::create_if_missing);
  if (!opened) return report_error(opened.error());
  TerminalProgress progress(parse_progress_style(arguments.progress));
  auto imported = import_calendar(*opened->session, *loaded, arguments.paths,
                                  CalendarImportOptions{.progress = &progress});
  if (!imported) return report_error(imported.error());
  print_summary(*imported);
  fmt::print("imported into {}\n", arguments.database.string());
  return match_then_refresh(*opened->session, *loaded, arguments.progress, arguments.refresh);
}

}  // namespace

void add_import_calendar_command(CLI::App& import, const GlobalOptions& global, Action& action) {
  auto* calendar = import.add_subcommand(
      "calendar", "import meetings from calendars: .ics files, or folders holding them");
  auto arguments = std::make_shared<CalendarArguments>();
  calendar->add_option("PATH", arguments->paths, "files and folders (searched recursively)")
      ->required();
  calendar->add_option("--db", arguments->database, "database file (created when missing)")
      ->capture_default_str();
  add_progress_and_refresh_options(*calendar, arguments->progress, arguments->refresh);
  calendar->callback([&global, &action, arguments] {
    action = [&global, arguments] { return import_calendar_files(global, *arguments); };
  });
}

}  // namespace rearview::cli
