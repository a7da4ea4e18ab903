// rearview import calendar PATH... (.ics files) and rearview import calls
// PATH... (.vtt and .srt transcripts with their sidecars): files, or folders
// holding them. Both read files into interactions, then match and refresh.
#include <fmt/format.h>

#include <functional>

#include "cli.h"
#include "import_summary.h"
#include "progress.h"
#include "rearview/core/text.h"
#include "rearview/importers/calendar_import.h"
#include "rearview/importers/call_import.h"

namespace rearview::cli {
namespace {

struct FileImportArguments {
  std::vector<std::filesystem::path> paths;
  std::filesystem::path database = "rearview.db";
  std::string progress = "auto";
  bool refresh = true;
};

// Imports the files (`import` prints its own summary), then matches and refreshes.
using FileImport = std::function<Result<void>(Session&, const Settings&,
                                              const std::vector<std::filesystem::path>&,
                                              ImportProgress&)>;

int import_files(const GlobalOptions& global, const FileImportArguments& arguments,
                 const FileImport& import) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto opened = service::open_session(arguments.database, OpenMode::create_if_missing);
  if (!opened) return report_error(opened.error());
  TerminalProgress progress(parse_progress_style(arguments.progress));
  if (auto imported = import(*opened->session, *loaded, arguments.paths, progress); !imported)
    return report_error(imported.error());
  fmt::print("imported into {}\n", arguments.database.string());
  return match_then_refresh(*opened->session, *loaded, arguments.progress, arguments.refresh);
}

void add_file_import_command(CLI::App& import, const GlobalOptions& global, Action& action,
                             const char* name, const char* description, FileImport run) {
  auto* command = import.add_subcommand(name, description);
  auto arguments = std::make_shared<FileImportArguments>();
  command->add_option("PATH", arguments->paths, "files and folders (searched recursively)")
      ->required();
  command->add_option("--db", arguments->database, "database file (created when missing)")
      ->capture_default_str();
  add_progress_and_refresh_options(*command, arguments->progress, arguments->refresh);
  command->callback([&global, &action, arguments, run] {
    action = [&global, arguments, run] { return import_files(global, *arguments, run); };
  });
}

Result<void> import_calendar_files(Session& session, const Settings& settings,
                                   const std::vector<std::filesystem::path>& paths,
                                   ImportProgress& progress) {
  auto report = import_calendar(session, settings, paths, {.progress = &progress});
  if (!report) return std::unexpected(report.error());
  print_problems(report->problems, report->problem_count,
                 [](const CalendarProblem& problem) { return describe(problem); });
  print_left_out(report->not_calendar, report->not_calendar_count, "not a calendar");
  fmt::print("files: {} read, {} unchanged since the last import\n", report->files_read,
             report->files_unchanged);
  fmt::print("{}\n", describe(report->events));
  return {};
}

Result<void> import_call_files(Session& session, const Settings& settings,
                               const std::vector<std::filesystem::path>& paths,
                               ImportProgress& progress) {
  auto report = import_calls(session, settings, paths, {.progress = &progress});
  if (!report) return std::unexpected(report.error());
  print_problems(report->problems, report->problem_count,
                 [](const CallProblem& problem) { return describe(problem); });
  print_left_out(report->not_transcript, report->not_transcript_count, "not a transcript");
  if (report->files_unchanged)
    fmt::print("files: {} unchanged since the last import\n", report->files_unchanged);
  fmt::print("{}\n", describe(report->calls));
  return {};
}

}  // namespace

void add_import_calendar_command(CLI::App& import, const GlobalOptions& global, Action& action) {
  add_file_import_command(import, global, action, "calendar",
                          "import meetings from calendars: .ics files, or folders holding them",
                          import_calendar_files);
}

void add_import_calls_command(CLI::App& import, const GlobalOptions& global, Action& action) {
  add_file_import_command(
      import, global, action, "calls",
      "import recorded calls: .vtt and .srt transcripts, each with its <name>.json sidecar",
      import_call_files);
}

}  // namespace rearview::cli
