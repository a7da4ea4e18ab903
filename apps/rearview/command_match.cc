// rearview match: decides again where every interaction from a mailbox, a
// calendar or a call recorder goes; rearview unmatched: the review queue.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli.h"
#include "progress.h"
#include "rearview/core/text.h"
#include "rearview/service/matching.h"

namespace rearview::cli {
namespace {

struct MatchArguments {
  std::filesystem::path database = "rearview.db";
  std::string progress = "auto";
  bool refresh = true;
};

struct QueueArguments {
  std::filesystem::path database = "rearview.db";
  std::string status = "all";
  std::size_t limit = 50;
  bool json = false;
};

int match(const GlobalOptions& global, const MatchArguments& arguments) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto opened = service::open_session(arguments.database, OpenMode::must_exist);
  if (!opened) return report_error(opened.error());
  return match_then_refresh(*opened->session, *loaded, arguments.progress, arguments.refresh);
}

boost::json::object queued_json(const QueuedInteraction& entry) {
  boost::json::array candidates;
  for (const auto& candidate : entry.candidates)
    candidates.push_back({{"opportunity_id", candidate.match.opportunity_id},
                          {"name", candidate.name},
                          {"score", candidate.match.score},
                          {"rule", candidate.match.rule}});
  return {{"interaction_id", entry.interaction_id},
          {"source", to_string(entry.source)},
          {"source_id", entry.source_id},
          {"kind", to_string(entry.kind)},
          {"occurred_at", format_timestamp(entry.occurred_at)},
          {"subject", entry.subject},
          {"status", to_string(entry.status)},
          {"reason", entry.reason},
          {"matched_at", entry.matched_at ? boost::json::value(format_timestamp(*entry.matched_at))
                                          : boost::json::value(nullptr)},
          {"candidates", std::move(candidates)}};
}

void print_queued(const QueuedInteraction& entry) {
  fmt::print("{:9} {}  {} {}\n  {}\n  {}\n", to_string(entry.status),
             format_timestamp(entry.occurred_at), to_string(entry.source),
             printable(entry.source_id),
             entry.subject.empty() ? "(no subject)" : printable(entry.subject),
             printable(entry.reason));
  for (const auto& candidate : entry.candidates)
    fmt::print("    {:.2f}  {} ({}): {}\n", candidate.match.score, printable(candidate.name),
               printable(candidate.match.opportunity_id), printable(candidate.match.rule));
}

int list_queue(const QueueArguments& arguments) {
  auto opened = service::open_session(arguments.database, OpenMode::must_exist);
  if (!opened) return report_error(opened.error());
  std::optional<MatchStatus> only;
  if (arguments.status != "all") only = match_status_from_string(arguments.status);
  auto queued = service::matching_queue(*opened->session, only, arguments.limit);
  if (!queued) return report_error(queued.error());
  if (arguments.json) {
    boost::json::array items;
    for (const auto& entry : *queued) items.push_back(queued_json(entry));
    fmt::print("{}\n", boost::json::serialize(boost::json::object{{"queue", std::move(items)}}));
    return 0;
  }
  if (queued->empty()) fmt::print("nothing waits for review and nothing is unmatched\n");
  for (const auto& entry : *queued) print_queued(entry);
  if (queued->size() == arguments.limit)
    fmt::print("(the first {}; --limit shows more)\n", arguments.limit);
  return 0;
}

}  // namespace

int match_then_refresh(Session& session, const Settings& settings, const std::string& progress_style,
                       bool refresh) {
  TerminalProgress progress(parse_progress_style(progress_style));
  service::SystemClock clock;
  auto matched = service::run_matching(session, settings, clock, &progress);
  if (!matched) return report_error(matched.error());
  long long decided = matched->linked + matched->review + matched->unmatched;
  if (decided > 0)
    fmt::print("matching: {} linked, {} for review, {} unmatched ({} changed); "
               "`rearview unmatched` lists the rest\n",
               matched->linked, matched->review, matched->unmatched, matched->changed);
  return refresh ? refresh_analyses(session, settings) : 0;
}

void add_match_commands(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* match_command = app.add_subcommand(
      "match", "decide again which opportunity each e-mail, meeting and call belongs to");
  auto match_arguments = std::make_shared<MatchArguments>();
  match_command->add_option("--db", match_arguments->database, "database file")
      ->capture_default_str();
  add_progress_and_refresh_options(*match_command, match_arguments->progress,
                                   match_arguments->refresh);
  match_command->callback([&global, &action, match_arguments] {
    action = [&global, match_arguments] { return match(global, *match_arguments); };
  });

  auto* queue_command = app.add_subcommand(
      "unmatched", "list the interactions waiting for review, with their candidates, and the "
                   "unmatched with the reason");
  auto queue_arguments = std::make_shared<QueueArguments>();
  queue_command->add_option("--db", queue_arguments->database, "database file")
      ->capture_default_str();
  queue_command->add_option("--status", queue_arguments->status, "review, unmatched or all")
      ->check(CLI::IsMember({"review", "unmatched", "all"}))
      ->capture_default_str();
  queue_command->add_option("--limit", queue_arguments->limit, "at most this many")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  queue_command->add_flag("--json", queue_arguments->json, "as JSON");
  queue_command->callback([&action, queue_arguments] {
    action = [queue_arguments] { return list_queue(*queue_arguments); };
  });
}

}  // namespace rearview::cli
