// rearview sync imap: the messages of IMAP folders, incrementally.
#include <sys/stat.h>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>

#include "cli.h"
#include "import_summary.h"
#include "progress.h"
#include "rearview/core/text.h"
#include "rearview/importers/imap_sync.h"

namespace rearview::cli {
namespace {

struct ImapArguments {
  ImapSyncOptions options;
  std::string security = "tls";
  std::string password_env;
  std::filesystem::path password_file;
  std::filesystem::path database = "rearview.db";
  std::string progress = "auto";
  bool refresh = true;
};

// The password from the environment or the first line of a file; never from
// the command line, where other users see it.
Result<std::string> password(const ImapArguments& arguments) {
  if (!arguments.password_env.empty()) {
    const char* value = std::getenv(arguments.password_env.c_str());
    if (!value || !*value)
      return fail(ErrorCode::usage,
                  fmt::format("the environment variable {} holds no password",
                              arguments.password_env),
                  "export it before running rearview, or use --password-file");
    return std::string(value);
  }
  if (arguments.password_file.empty())
    return fail(ErrorCode::usage, "no password given",
                "--password-env VARIABLE or --password-file FILE");
  std::ifstream in(arguments.password_file);
  std::string line;
  if (!in || !std::getline(in, line))
    return fail(ErrorCode::io, fmt::format("cannot read {}", arguments.password_file.string()),
                "check the path and its permissions");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  struct stat status {};
  if (::stat(arguments.password_file.c_str(), &status) == 0 && (status.st_mode & 077))
    fmt::print(stderr, "warning: {} can be read by others; chmod 600 it\n",
               arguments.password_file.string());
  return line;
}

void print_summary(const ImapSyncReport& report) {
  // A problem's position is its UID, which its message names already.
  print_problems(report.mail.problems, report.mail.problem_count, [](const MailProblem& problem) {
    return fmt::format("{}: {}", problem.file, problem.message);
  });
  for (const auto& folder : report.folders)
    fmt::print("{}: {} new{}\n", folder.location, folder.fetched,
               folder.renumbered ? " (the server renumbered the folder: read again from the start)"
                                 : "");
  print_message_counts(report.mail);
}

int sync(const GlobalOptions& global, ImapArguments& arguments) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto secret = password(arguments);
  if (!secret) return report_error(secret.error());
  arguments.options.password = std::move(*secret);
  arguments.options.security = arguments.security == "starttls" ? ImapSecurity::starttls
                               : arguments.security == "none"   ? ImapSecurity::none
                                                                : ImapSecurity::tls;
  if (arguments.options.security == ImapSecurity::none && arguments.options.host != "127.0.0.1" &&
      arguments.options.host != "localhost" && arguments.options.host != "::1")
    fmt::print(stderr, "warning: --security none sends the password unencrypted to {}\n",
               arguments.options.host);
  auto opened = service::open_session(arguments.database, OpenMode::create_if_missing);
  if (!opened) return report_error(opened.error());
  TerminalProgress progress(parse_progress_style(arguments.progress), ProgressUnit::messages);
  arguments.options.progress = &progress;
  auto synced = sync_imap(*opened->session, *loaded, arguments.options);
  arguments.options.password.clear();
  if (!synced) return report_error(synced.error());
  print_summary(*synced);
  fmt::print("imported into {}\n", arguments.database.string());
  return match_then_refresh(*opened->session, *loaded, arguments.progress, arguments.refresh);
}

}  // namespace

void add_sync_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* sync_command = app.add_subcommand("sync", "read mail where it lives, incrementally");
  sync_command->require_subcommand(1);
  auto* imap = sync_command->add_subcommand(
      "imap", "the messages of IMAP folders: only what is new since the last sync");
  auto arguments = std::make_shared<ImapArguments>();
  imap->add_option("--host", arguments->options.host, "the IMAP server")->required();
  imap->add_option("--port", arguments->options.port, "default: 993 with TLS, 143 otherwise")
      ->check(CLI::Range(1, 65535));
  imap->add_option("--user", arguments->options.user, "the login")->required();
  auto* env = imap->add_option("--password-env", arguments->password_env,
                               "the environment variable that holds the password");
  auto* file = imap->add_option("--password-file", arguments->password_file,
                                "a file whose first line is the password (chmod 600)");
  env->excludes(file);
  imap->add_option("--folder", arguments->options.folders, "folders to read (default: INBOX)")
      ->take_all();
  imap->add_option("--security", arguments->security,
                   "tls (port 993), starttls (port 143) or none (loopback tests only)")
      ->check(CLI::IsMember({"tls", "starttls", "none"}))
      ->capture_default_str();
  imap->add_option("--ca-file", arguments->options.ca_file,
                   "certificates to trust besides the system's (PEM)")
      ->check(CLI::ExistingFile);
  imap->add_option("--db", arguments->database, "database file (created when missing)")
      ->capture_default_str();
  add_progress_and_refresh_options(*imap, arguments->progress, arguments->refresh);
  imap->callback([&global, &action, arguments] {
    action = [&global, arguments] { return sync(global, *arguments); };
  });
}

}  // namespace rearview::cli
