// rearview stats: the headline numbers, as text or JSON.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "cli.h"
#include "rearview/core/stats.h"

namespace rearview::cli {
namespace {

boost::json::value optional_number(const std::optional<double>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::object stats_json(const Stats& stats) {
  const auto& counts = stats.counts;
  const auto& won = stats.won_cycle;
  auto figure = [&](double CycleSummary::*days) {
    return optional_number(won ? std::optional((*won).*days) : std::nullopt);
  };
  boost::json::object cycle;
  cycle["mean"] = figure(&CycleSummary::mean_days);
  cycle["median"] = figure(&CycleSummary::median_days);
  cycle["p25"] = figure(&CycleSummary::p25_days);
  cycle["p75"] = figure(&CycleSummary::p75_days);
  cycle["deals"] = won ? won->deals : 0;
  cycle["excluded"] = stats.won_cycle_excluded;
  cycle["implausible_dates"] = stats.won_cycle_implausible;
  cycle["undated"] = stats.won_cycle_undated;
  return {
      {"users", counts.users},
      {"accounts", counts.accounts},
      {"contacts", counts.contacts},
      {"opportunities",
       {{"total", counts.opportunities_open + counts.opportunities_won + counts.opportunities_lost},
        {"open", counts.opportunities_open},
        {"won", counts.opportunities_won},
        {"lost", counts.opportunities_lost}}},
      {"stage_entries", counts.stage_entries},
      {"field_changes", counts.field_changes},
      {"contact_roles", counts.contact_roles},
      {"interactions",
       {{"email", counts.emails}, {"meeting", counts.meetings}, {"call", counts.calls},
        {"note", counts.notes}, {"on_no_opportunity", counts.unlinked_interactions}}},
      {"win_rate", optional_number(stats.win_rate)},
      {"won_cycle_days", cycle},
  };
}

void print_text(const Stats& stats) {
  const auto& counts = stats.counts;
  long long total = counts.opportunities_open + counts.opportunities_won + counts.opportunities_lost;
  fmt::print("users            {:>10}\n", counts.users);
  fmt::print("accounts         {:>10}\n", counts.accounts);
  fmt::print("contacts         {:>10}\n", counts.contacts);
  fmt::print("opportunities    {:>10}  ({} open, {} won, {} lost)\n", total,
             counts.opportunities_open, counts.opportunities_won, counts.opportunities_lost);
  fmt::print("stage entries    {:>10}\n", counts.stage_entries);
  fmt::print("interactions     {:>10}  ({} emails, {} meetings, {} calls, {} notes)\n",
             counts.emails + counts.meetings + counts.calls + counts.notes, counts.emails,
             counts.meetings, counts.calls, counts.notes);
  if (counts.unlinked_interactions > 0)
    fmt::print("                              {} on no opportunity yet\n",
               counts.unlinked_interactions);
  if (stats.win_rate) fmt::print("win rate         {:>9.1f}%\n", *stats.win_rate * 100);
  if (stats.won_cycle)
    fmt::print("won cycle        {:>10.1f}  days on average, median {:.1f} (creation to close)\n",
               stats.won_cycle->mean_days, stats.won_cycle->median_days);
  if (stats.won_cycle_excluded > 0)
    fmt::print("                 ({} won deals closed before their creation date are left out)\n",
               stats.won_cycle_excluded);
  if (stats.won_cycle_implausible > 0)
    fmt::print("                 ({} won deals with a date outside {} are left out)\n",
               stats.won_cycle_implausible, kPlausibleRange);
  if (stats.won_cycle_undated > 0)
    fmt::print("                 ({} won deals without a created or closed time are left out)\n",
               stats.won_cycle_undated);
}

}  // namespace

std::string stats_to_json(const Stats& stats) { return boost::json::serialize(stats_json(stats)); }

void add_stats_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand("stats", "show counts, win rate and cycle length");
  auto database = std::make_shared<std::filesystem::path>("rearview.db");
  auto json = std::make_shared<bool>(false);
  command->add_option("--db", *database, "database file")->capture_default_str();
  command->add_flag("--json", *json, "print JSON (for scripts)");
  command->callback([&action, database, json] {
    action = [database, json] {
      auto opened = service::open_session(*database, OpenMode::read_only);
      if (!opened) return report_error(opened.error());
      auto stats = compute_stats(opened->session->deals());
      if (!stats) return report_error(stats.error());
      if (*json) fmt::print("{}\n", stats_to_json(*stats));
      else print_text(*stats);
      return 0;
    };
  });
}

}  // namespace rearview::cli
