// rearview refresh: brings every deal's stored analysis up to date (the live
// engine). Import and milestone run it after they change deals.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>

#include "cli.h"
#include "rearview/service/live_engine.h"

namespace rearview::cli {

int refresh_analyses(Session& session, const Settings& settings,
                     const std::vector<service::CohortFilter>& cohorts) {
  bool terminal = isatty(STDERR_FILENO);
  auto started = std::chrono::steady_clock::now();
  auto shown = [terminal](service::RefreshPhase phase, long long done, long long total) {
    if (!terminal) return;
    fmt::print(stderr, "\r{}: {} of {}",
               phase == service::RefreshPhase::scanning_interactions ? "finding tracked phrases"
                                                                     : "analysing deals",
               done, total);
  };
  service::SystemClock clock;
  auto refreshed = service::refresh(session, settings, clock, shown, cohorts);
  if (terminal) fmt::print(stderr, "\r{:50}\r", "");
  if (!refreshed) return report_error(refreshed.error());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (const auto& scan = refreshed->trackers; scan.scanned > 0)
    fmt::print("trackers: {} interactions read, {} with tracked phrases ({} hits)\n", scan.scanned,
               scan.with_hits, scan.hits);
  if (refreshed->context_rebuilt)
    fmt::print("analysed {} deals in {:.1f} s; the cohort and the health model were learned again "
               "({}): version {}, {}\n",
               refreshed->analysed, seconds, refreshed->rebuilt_because,
               refreshed->context_version, refreshed->model);
  else
    fmt::print("analysed {} changed deals in {:.2f} s (model version {})\n", refreshed->analysed,
               seconds, refreshed->context_version);
  if (refreshed->cohorts_refreshed > 0)
    fmt::print("comparison cohorts computed again: {}\n", refreshed->cohorts_refreshed);
  return 0;
}

void add_refresh_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* command = app.add_subcommand(
      "refresh", "bring every deal's stored analysis up to date (import and milestone do it too)");
  struct Arguments {
    std::filesystem::path database = "rearview.db";
    service::CohortRequest cohort;
  };
  auto arguments = std::make_shared<Arguments>();
  command->add_option("--db", arguments->database, "database file")->capture_default_str();
  add_cohort_options(*command, arguments->cohort,
                     "store and keep current the comparison with");
  command->callback([&global, &action, arguments] {
    action = [&global, arguments] {
      auto loaded = settings(global);
      if (!loaded) return report_error(loaded.error());
      auto cohort = service::parse_cohort(arguments->cohort, loaded->time_zone);
      if (!cohort) return report_error(cohort.error());
      auto opened = service::open_session(arguments->database, OpenMode::must_exist);
      if (!opened) return report_error(opened.error());
      std::vector<service::CohortFilter> cohorts;
      if (*cohort != service::CohortFilter{}) cohorts.push_back(*cohort);
      return refresh_analyses(*opened->session, *loaded, cohorts);
    };
  });
}

}  // namespace rearview::cli
