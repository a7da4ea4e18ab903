// rearview refresh: brings every deal's stored analysis up to date (the live
// engine). Import and milestone run it after they change deals.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>

#include "cli.h"
#include "rearview/service/live_engine.h"

namespace rearview::cli {

int refresh_analyses(Store& store, const Settings& settings) {
  bool terminal = isatty(STDERR_FILENO);
  auto started = std::chrono::steady_clock::now();
  auto shown = [terminal](long long done, long long total) {
    if (terminal) fmt::print(stderr, "\ranalysing deals: {} of {}", done, total);
  };
  service::SystemClock clock;
  auto refreshed = service::refresh(store, settings, clock, shown);
  if (terminal) fmt::print(stderr, "\r{:50}\r", "");
  if (!refreshed) return report_error(refreshed.error());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (refreshed->context_rebuilt)
    fmt::print("analysed {} deals in {:.1f} s; the cohort and the health model were learned again "
               "({}): version {}, {}\n",
               refreshed->analysed, seconds, refreshed->rebuilt_because,
               refreshed->context_version, refreshed->model);
  else
    fmt::print("analysed {} changed deals in {:.2f} s (model version {})\n", refreshed->analysed,
               seconds, refreshed->context_version);
  return 0;
}

void add_refresh_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* command = app.add_subcommand(
      "refresh", "bring every deal's stored analysis up to date (import and milestone do it too)");
  auto database = std::make_shared<std::filesystem::path>("rearview.db");
  command->add_option("--db", *database, "database file")->capture_default_str();
  command->callback([&global, &action, database] {
    action = [&global, database] {
      auto loaded = settings(global);
      if (!loaded) return report_error(loaded.error());
      auto store = service::open_store(*database, OpenMode::must_exist);
      if (!store) return report_error(store.error());
      return refresh_analyses(**store, *loaded);
    };
  });
}

}  // namespace rearview::cli
