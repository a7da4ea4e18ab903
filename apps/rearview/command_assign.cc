// rearview assign INTERACTION OPPORTUNITY: puts an interaction on an
// opportunity's timeline by hand.
#include <fmt/format.h>

#include "cli.h"
#include "rearview/service/assignment.h"

namespace rearview::cli {
namespace {

struct AssignArguments {
  service::AssignmentRequest request{.by = "cli"};
  std::filesystem::path database = "rearview.db";
};

std::string links_text(const std::vector<InteractionLink>& links) {
  if (links.empty()) return "no opportunity";
  std::string text;
  for (const auto& link : links)
    text += fmt::format("{}{} ({})", text.empty() ? "" : ", ", link.opportunity_id,
                        to_string(link.method));
  return text;
}

int assign(const GlobalOptions& global, const AssignArguments& arguments) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto opened = service::open_session(arguments.database, OpenMode::must_exist);
  if (!opened) return report_error(opened.error());
  service::SystemClock clock;
  auto assigned = service::assign_interaction(*opened->session, arguments.request, clock);
  if (!assigned) return report_error(assigned.error());
  fmt::print("{}: assigned to {} by {} (it was on {}); automatic matching leaves it there\n",
             assigned->interaction_id, assigned->link.opportunity_id, assigned->link.linked_by,
             links_text(assigned->replaced));
  return refresh_analyses(*opened->session, *loaded);
}

}  // namespace

void add_assign_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* command = app.add_subcommand(
      "assign", "put an interaction on an opportunity by hand (matching never moves it)");
  auto arguments = std::make_shared<AssignArguments>();
  command->add_option("INTERACTION", arguments->request.interaction,
                      "the interaction's id, or its source's id (a Message-ID, a calendar UID)")
      ->required();
  command->add_option("OPPORTUNITY", arguments->request.opportunity,
                      "id or a unique part of the name")
      ->required();
  command->add_option("--by", arguments->request.by, "who assigned it")->capture_default_str();
  command->add_option("--db", arguments->database, "database file")->capture_default_str();
  command->callback([&global, &action, arguments] {
    action = [&global, arguments] { return assign(global, *arguments); };
  });
}

}  // namespace rearview::cli
