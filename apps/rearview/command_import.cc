// rearview import salesforce DIR | import hubspot PATH... | import csv FILE --mapping MAP
#include <fmt/format.h>

#include <fstream>

#include "cli.h"
#include "rearview/importers/csv_reader.h"
#include "progress.h"
#include "rearview/core/text.h"
#include "rearview/importers/import.h"
#include "rearview/service/clock.h"

namespace rearview::cli {
namespace {

struct ImportArguments {
  std::filesystem::path source;
  std::vector<std::filesystem::path> sources;
  std::filesystem::path mapping;
  std::filesystem::path database = "rearview.db";
  bool skip_bad_rows = false;
  std::filesystem::path rejects = "rejected-rows.csv";
  std::string encoding;
  std::string progress = "auto";
  bool refresh = true;
};

void add_common_options(CLI::App& command, ImportArguments& arguments) {
  command.add_option("--db", arguments.database, "database file (created when missing)")
      ->capture_default_str();
  command.add_flag("--skip-bad-rows", arguments.skip_bad_rows,
                   "import the good rows and write the bad ones to --rejects, instead of "
                   "failing the whole import");
  command.add_option("--rejects", arguments.rejects, "where --skip-bad-rows writes rejected rows")
      ->capture_default_str();
  command.add_option("--encoding", arguments.encoding,
                     "the files' encoding, e.g. ISO-8859-1, windows-1252, UTF-16 (default: UTF-8, "
                     "or what the bytes leave no doubt about)");
  add_progress_and_refresh_options(command, arguments.progress, arguments.refresh);
}

void print_summary(const ImportReport& report) {
  fmt::print("{:<26} {:>10} {:>9} {:>9} {:>10} {:>8} {:>9}\n", "object", "rows", "new",
             "updated", "unchanged", "deleted", "rejected");
  for (const auto& object : report.objects)
    fmt::print("{:<26} {:>10} {:>9} {:>9} {:>10} {:>8} {:>9}\n", object.object, object.rows,
               object.inserted, object.updated, object.unchanged, object.deleted, object.rejected);
  constexpr std::size_t kShownWarnings = 20;
  for (std::size_t i = 0; i < report.warnings.size() && i < kShownWarnings; ++i)
    fmt::print("warning: {}\n", printable(report.warnings[i]));
  if (report.warnings.size() > kShownWarnings)
    fmt::print("warning: ... and {} more warnings\n", report.warnings.size() - kShownWarnings);
}

// Every problem kept, one per line, beside the database (the name is ours:
// it overwrites only its own earlier list).
std::optional<std::filesystem::path> write_problem_list(const ImportReport& report,
                                                        const std::filesystem::path& database) {
  std::filesystem::path path = database;
  path += ".problems.txt";
  std::ofstream out(path, std::ios::trunc);
  for (const auto& problem : report.problems) out << describe(problem) << '\n';
  if (report.problem_count > static_cast<long long>(report.problems.size()))
    out << "... and " << report.problem_count - static_cast<long long>(report.problems.size())
        << " more problems\n";
  out.close();
  if (!out) return std::nullopt;
  return path;
}

// A few problems one by one; many by kind, with the full list in a file.
void print_row_problems(const ImportReport& report, const ImportArguments& arguments) {
  constexpr long long kListedOneByOne = 20;
  if (report.problem_count <= kListedOneByOne) {
    for (const auto& problem : report.problems) fmt::print(stderr, "{}\n", describe(problem));
    return;
  }
  auto groups = group_problems(report.problems);
  constexpr std::size_t kShownKinds = 20;
  for (std::size_t i = 0; i < groups.size() && i < kShownKinds; ++i)
    fmt::print(stderr, "{}\n", describe(groups[i]));
  if (groups.size() > kShownKinds)
    fmt::print(stderr, "... and {} more kinds of problem\n", groups.size() - kShownKinds);
  if (report.committed) return;  // the rejects file lists them
  if (auto written = write_problem_list(report, arguments.database))
    fmt::print(stderr, "{} problems in {} kinds; every one is listed in {}\n", report.problem_count,
               groups.size(), written->string());
}

int conclude(const Result<ImportReport>& outcome, const ImportArguments& arguments) {
  if (!outcome) return report_error(outcome.error());
  const ImportReport& report = *outcome;
  print_row_problems(report, arguments);
  print_summary(report);
  if (!report.committed) {
    return report_error(Error{
        ErrorCode::invalid_input,
        fmt::format("import failed with {} problem(s); nothing was imported and {} is unchanged",
                    report.problem_count, arguments.database.string()),
        "fix the rows listed above, or run again with --skip-bad-rows to import the rest"});
  }
  if (!report.rejects_file.empty())
    fmt::print("{} row problem(s); the rejected rows and their reasons are in {}\n",
               report.problem_count, report.rejects_file.string());
  fmt::print("imported into {}\n", arguments.database.string());
  return 0;
}

ImportOptions import_options(const ImportArguments& arguments, TerminalProgress& progress) {
  ImportOptions options;
  options.bad_rows = arguments.skip_bad_rows ? BadRows::skip : BadRows::fail_import;
  options.rejects_file = arguments.rejects;
  options.encoding = arguments.encoding;
  options.database_file = arguments.database;
  options.progress = &progress;
  options.imported_at = service::SystemClock().now();
  return options;
}

template <typename Run>
int run_import(const GlobalOptions& global, const ImportArguments& arguments, Run&& run) {
  if (auto known = check_encoding(arguments.encoding); !known) return report_error(known.error());
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto opened = service::open_session(arguments.database, OpenMode::create_if_missing);
  if (!opened) return report_error(opened.error());
  TerminalProgress progress(parse_progress_style(arguments.progress));
  int status =
      conclude(run(*opened->session, *loaded, import_options(arguments, progress)), arguments);
  if (status != 0) return status;
  // New contacts and deals may decide where earlier mail and meetings go.
  return match_then_refresh(*opened->session, *loaded, arguments.progress, arguments.refresh);
}

}  // namespace

void add_import_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* import = app.add_subcommand("import", "import CRM data into the database");
  import->require_subcommand(1);
  auto arguments = std::make_shared<ImportArguments>();

  auto* salesforce = import->add_subcommand(
      "salesforce", "import a Salesforce data export (a folder of CSV files)");
  salesforce->add_option("DIR", arguments->source, "the export's folder")->required();
  add_common_options(*salesforce, *arguments);
  salesforce->callback([&global, &action, arguments] {
    action = [&global, arguments] {
      return run_import(
          global, *arguments,
          [&](Session& session, const Settings& settings, const ImportOptions& options) {
            return import_salesforce(session, settings, arguments->source, options);
          });
    };
  });

  auto* hubspot = import->add_subcommand(
      "hubspot", "import a HubSpot export: CSV files of deals, companies, contacts, calls, "
                 "e-mails, meetings and notes (or folders of them)");
  hubspot->add_option("PATH", arguments->sources, "the export's files or folders")->required();
  add_common_options(*hubspot, *arguments);
  hubspot->callback([&global, &action, arguments] {
    action = [&global, arguments] {
      return run_import(
          global, *arguments,
          [&](Session& session, const Settings& settings, const ImportOptions& options) {
            return import_hubspot(session, settings, arguments->sources, options);
          });
    };
  });

  add_import_mail_command(*import, global, action);
  add_import_calendar_command(*import, global, action);
  add_import_calls_command(*import, global, action);

  auto* csv = import->add_subcommand("csv", "import another CRM's CSV file with a column mapping");
  csv->add_option("FILE", arguments->source, "the CSV file")->required();
  csv->add_option("--mapping", arguments->mapping, "the column mapping (TOML)")->required();
  add_common_options(*csv, *arguments);
  csv->callback([&global, &action, arguments] {
    action = [&global, arguments] {
      return run_import(
          global, *arguments,
          [&](Session& session, const Settings& settings, const ImportOptions& options) {
            return import_mapped_csv(session, settings, arguments->source, arguments->mapping,
                                     options);
          });
    };
  });
}

}  // namespace rearview::cli
