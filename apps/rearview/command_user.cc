// rearview user add and import-crm, rearview interview assign, rearview token create: the accounts people sign in to
// `rearview serve` with, and API tokens for programs.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli.h"
#include "rearview/service/accounts.h"
#include "rearview/service/opportunity_lookup.h"

namespace rearview::cli {
namespace {

struct UserArguments {
  service::NewUserRequest request;
  std::filesystem::path password_file;
  std::filesystem::path database = "rearview.db";
};

struct CrmUserArguments {
  std::filesystem::path password_file;
  std::filesystem::path database = "rearview.db";
};

struct InterviewArguments {
  std::string opportunity;
  std::string interviewer;
  std::filesystem::path database = "rearview.db";
};

struct TokenArguments {
  std::string email;
  std::string label;
  std::filesystem::path database = "rearview.db";
};

// The first line of the file ("-": standard input), without its line end:
// a password never goes on a command line, where `ps` shows it.
Result<std::string> read_password(const std::filesystem::path& file) {
  std::string line;
  if (file == "-") {
    std::getline(std::cin, line);
  } else {
    std::ifstream in(file);
    if (!in) return fail(ErrorCode::not_found, fmt::format("cannot read {}", file.string()));
    std::getline(in, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int add_user(const UserArguments& arguments) {
  auto password = read_password(arguments.password_file);
  if (!password) return report_error(password.error());
  auto opened = service::open_session(arguments.database, OpenMode::must_exist);
  if (!opened) return report_error(opened.error());
  service::SystemClock clock;
  auto request = arguments.request;
  request.password = *password;
  auto user = service::add_user(*opened->session, request, clock);
  if (!user) return report_error(user.error());
  fmt::print("{} <{}>: {}{}\n", user->name, user->email, role_name(user->role),
             user->crm_user_id ? fmt::format(", CRM user {}", *user->crm_user_id) : "");
  return 0;
}

int add_crm_users(const CrmUserArguments& arguments) {
  auto password = read_password(arguments.password_file);
  if (!password) return report_error(password.error());
  auto opened = service::open_session(arguments.database, OpenMode::must_exist);
  if (!opened) return report_error(opened.error());
  service::SystemClock clock;
  auto added = service::add_crm_users(*opened->session, *password, clock);
  if (!added) return report_error(added.error());
  for (const auto& user : added->added)
    fmt::print("{} <{}>: {}, CRM user {}\n", user.name, user.email, role_name(user.role),
               *user.crm_user_id);
  fmt::print(stderr,
             "{} accounts added; {} CRM users had one already, {} have no address, {} are "
             "inactive\n",
             added->added.size(), added->had_one, added->without_address, added->inactive);
  return 0;
}

int assign_interview(const InterviewArguments& arguments) {
  auto opened = service::open_session(arguments.database, OpenMode::must_exist);
  if (!opened) return report_error(opened.error());
  auto id = service::resolve_opportunity(opened->session->opportunities(), arguments.opportunity);
  if (!id) return report_error(id.error());
  service::SystemClock clock;
  auto assigned =
      service::assign_interview(*opened->session, *id, arguments.interviewer, clock, std::nullopt);
  if (!assigned) return report_error(assigned.error());
  fmt::print("{} is to interview the buyer of {}\n", arguments.interviewer, *id);
  return 0;
}

int create_token(const TokenArguments& arguments) {
  auto opened = service::open_session(arguments.database, OpenMode::must_exist);
  if (!opened) return report_error(opened.error());
  service::SystemClock clock;
  auto token = service::create_api_token(*opened->session, arguments.email, arguments.label, clock);
  if (!token) return report_error(token.error());
  fmt::print("{}\n", token->token);
  std::fflush(stdout);  // the token line comes before the advice on stderr
  fmt::print(stderr, "an API token for {}: send it as \"Authorization: Bearer TOKEN\"; "
                     "it is shown only now\n", token->user.email);
  return 0;
}

}  // namespace

void add_user_commands(CLI::App& app, Action& action) {
  auto* user = app.add_subcommand("user", "accounts for the web app (rearview serve)");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "create an account (the first admin too)");
  auto arguments = std::make_shared<UserArguments>();
  add->add_option("--name", arguments->request.name, "their name (default: the CRM user's)");
  add->add_option("--email", arguments->request.email,
                  "the address they sign in with (default: the CRM user's)");
  add->add_option("--role", arguments->request.role,
                  "admin, manager, rep, interviewer or viewer")
      ->required();
  add->add_option("--crm-user", arguments->request.crm_user,
                  "their user in the imported CRM (needed for reps and managers)");
  add->add_option("--time-zone", arguments->request.time_zone,
                  "their IANA time zone (default: the company's)");
  add->add_option("--password-file", arguments->password_file,
                  "a file whose first line is the password (- : standard input)")
      ->required();
  add->add_option("--db", arguments->database, "database file")->capture_default_str();
  add->callback([&action, arguments] { action = [arguments] { return add_user(*arguments); }; });

  auto* crm = user->add_subcommand(
      "import-crm", "an account for every active CRM user who has none: managers (someone "
                    "reports to them) and reps, all with one first password");
  auto crm_arguments = std::make_shared<CrmUserArguments>();
  crm->add_option("--password-file", crm_arguments->password_file,
                  "a file whose first line is their first password (- : standard input)")
      ->required();
  crm->add_option("--db", crm_arguments->database, "database file")->capture_default_str();
  crm->callback([&action, crm_arguments] {
    action = [crm_arguments] { return add_crm_users(*crm_arguments); };
  });

  auto* interview = app.add_subcommand("interview", "buyer interviews of deals");
  interview->require_subcommand(1);
  auto* assign = interview->add_subcommand(
      "assign", "give a deal to an interviewer, who then sees it in the web app");
  auto interview_arguments = std::make_shared<InterviewArguments>();
  assign->add_option("OPPORTUNITY", interview_arguments->opportunity,
                     "id or a unique part of the name")
      ->required();
  assign->add_option("--to", interview_arguments->interviewer,
                     "the interviewer's account (e-mail address)")
      ->required();
  assign->add_option("--db", interview_arguments->database, "database file")->capture_default_str();
  assign->callback([&action, interview_arguments] {
    action = [interview_arguments] { return assign_interview(*interview_arguments); };
  });

  auto* token = app.add_subcommand("token", "API tokens (Authorization: Bearer)");
  token->require_subcommand(1);
  auto* create = token->add_subcommand("create", "print a new API token for an account");
  auto token_arguments = std::make_shared<TokenArguments>();
  create->add_option("--user", token_arguments->email, "the account's e-mail address")->required();
  create->add_option("--label", token_arguments->label, "what it is for, e.g. \"mail add-in\"");
  create->add_option("--db", token_arguments->database, "database file")->capture_default_str();
  create->callback([&action, token_arguments] {
    action = [token_arguments] { return create_token(*token_arguments); };
  });
}

}  // namespace rearview::cli
