// rearview import mail PATH...: mbox files, maildir folders, .eml files.
#include <fmt/format.h>

#include "cli.h"
#include "import_summary.h"
#include "progress.h"
#include "rearview/core/text.h"
#include "rearview/importers/mail_import.h"

namespace rearview::cli {
namespace {

struct MailArguments {
  std::vector<std::filesystem::path> paths;
  std::filesystem::path database = "rearview.db";
  std::string progress = "auto";
  bool refresh = true;
};

void print_summary(const MailImportReport& report) {
  print_problems(report.problems, report.problem_count,
                 [](const MailProblem& problem) { return describe(problem); });
  print_left_out(report.not_mail, report.not_mail_count, "neither a mailbox nor a message");
  fmt::print("files: {} read, {} unchanged since the last import\n", report.files_read,
             report.files_unchanged);
  print_message_counts(report);
}

int import_mail_files(const GlobalOptions& global, const MailArguments& arguments) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto opened = service::open_session(arguments.database, OpenMode::create_if_missing);
  if (!opened) return report_error(opened.error());
  if (loaded->company_email_domains.empty())
    fmt::print(stderr,
               "warning: no company e-mail domains are configured ([company] email_domains in "
               "rearview.toml): only mail with our users' own addresses reads as ours\n");
  TerminalProgress progress(parse_progress_style(arguments.progress));
  auto imported = import_mail(*opened->session, *loaded, arguments.paths,
                              MailImportOptions{.progress = &progress});
  if (!imported) return report_error(imported.error());
  print_summary(*imported);
  fmt::print("imported into {}\n", arguments.database.string());
  return match_then_refresh(*opened->session, *loaded, arguments.progress, arguments.refresh);
}

}  // namespace

void add_import_mail_command(CLI::App& import, const GlobalOptions& global, Action& action) {
  auto* mail = import.add_subcommand(
      "mail", "import e-mail: mbox files, maildir folders, .eml files, or folders holding them");
  auto arguments = std::make_shared<MailArguments>();
  mail->add_option("PATH", arguments->paths, "files and folders (searched recursively)")
      ->required();
  mail->add_option("--db", arguments->database, "database file (created when missing)")
      ->capture_default_str();
  add_progress_and_refresh_options(*mail, arguments->progress, arguments->refresh);
  mail->callback([&global, &action, arguments] {
    action = [&global, arguments] { return import_mail_files(global, *arguments); };
  });
}

}  // namespace rearview::cli
