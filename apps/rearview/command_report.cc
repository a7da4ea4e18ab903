// rearview report OPPORTUNITY | --all: postmortem reports as HTML, PDF,
// Markdown or JSON. rearview tells: the back-test of the early warnings.
// rearview health evaluate: how well the health score predicts outcomes.
#include <fmt/format.h>
#include <unistd.h>


#include "cli.h"
#include "rearview/core/text.h"
#include "rearview/report/output.h"
#include "rearview/report/render.h"
#include "rearview/service/live_engine.h"
#include "rearview/service/opportunity_lookup.h"
#include "rearview/service/postmortems.h"

namespace rearview::cli {
namespace {

struct ReportArguments {
  std::string opportunity;
  bool all = false;
  bool closed_only = false;
  std::string format = "html";
  std::filesystem::path out;
  std::filesystem::path database = "rearview.db";
  std::string as_of;
  service::CohortRequest cohort;
};

// Writes the report's bytes to `out`, or to standard output when it is empty.
Result<void> emit(const std::string& bytes, const std::filesystem::path& out,
                  Durability durability = Durability::synced) {
  if (out.empty()) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return {};
  }
  return write_file_atomically(out, bytes, durability);
}

int report_one(Session& session, const service::AnalysisContext& context,
               const service::OutputFormat& format, const ReportArguments& arguments) {
  auto id = service::resolve_opportunity(session.opportunities(), arguments.opportunity);
  if (!id) return report_error(id.error());
  auto report = service::postmortem(session.snapshots(), context, *id, context.settings.as_of);
  if (!report) return report_error(report.error());
  auto bytes = service::render_report(*report, format);
  if (!bytes) return report_error(bytes.error());
  std::filesystem::path out = arguments.out;
  if (out.empty() && format.name == "pdf") out = report_file_name(*id, "pdf");
  if (auto written = emit(*bytes, out); !written) return report_error(written.error());
  if (!out.empty()) fmt::print(stderr, "wrote {}\n", out.string());
  return 0;
}

int report_all(SnapshotSource& snapshots, const service::AnalysisContext& context,
               const service::OutputFormat& format, const ReportArguments& arguments) {
  if (arguments.out.empty())
    return report_error(Error{ErrorCode::usage, "--all needs --out DIR", "the folder for the reports"});
  std::error_code error;
  std::filesystem::create_directories(arguments.out, error);
  if (error)
    return report_error(Error{ErrorCode::io, fmt::format("cannot create {}: {}",
                                                         arguments.out.string(), error.message()),
                              ""});
  std::vector<IndexEntry> index;
  long long failed = 0;
  bool terminal = isatty(STDERR_FILENO);
  using Stopwatch = std::chrono::steady_clock;
  Stopwatch::duration writing{};
  auto started = Stopwatch::now();
  DealFilter filter{.outcome = arguments.closed_only ? OutcomeFilter::closed : OutcomeFilter::any};
  auto write_one = [&](service::AnalysedDeal& analysed) -> Result<void> {
    auto writing_started = Stopwatch::now();
    const PostmortemReport& report = analysed.report;
    std::string file = report_file_name(report.opportunity.id, std::string(format.extension));
    auto written = analysed.rendered
                       ? emit(*analysed.rendered, arguments.out / file, Durability::batch)
                       : Result<void>(std::unexpected(analysed.rendered.error()));
    writing += Stopwatch::now() - writing_started;
    if (!written) {
      // One report that cannot be written must not cost the others theirs.
      report_error(written.error());
      ++failed;
      return {};
    }
    index.push_back(make_index_entry(report, file));
    if (terminal && index.size() % 500 == 0) fmt::print(stderr, "\r{} reports", index.size());
    return {};
  };
  auto visited = service::for_each_postmortem(snapshots, context, filter, &format, write_one);
  Stopwatch::duration elapsed = Stopwatch::now() - started;
  if (terminal) fmt::print(stderr, "\r{:40}\r", "");
  if (!visited) return report_error(visited.error());
  sync_to_disk(arguments.out);  // the reports, before the index that links them
  if (auto written = write_file_atomically(arguments.out / "index.html", render_index_html(index, context.settings.time_zone));
      !written)
    return report_error(written.error());
  auto seconds = [](Stopwatch::duration duration) { return std::chrono::duration<double>(duration).count(); };
  fmt::print("wrote {} {} reports and index.html to {} in {:.1f} s ({} threads analysing and "
             "rendering; {:.1f} s of it writing files)\n",
             index.size(), format.name, arguments.out.string(), seconds(elapsed),
             service::analysis_threads(), seconds(writing));
  if (failed == 0) return 0;
  return report_error(Error{ErrorCode::io,
                            fmt::format("{} of {} reports could not be written", failed, *visited),
                            "the index lists the others; see the messages above"});
}

int run_report(const GlobalOptions& global, const ReportArguments& arguments) {
  if (arguments.all == !arguments.opportunity.empty())
    return report_error(Error{ErrorCode::usage, "name one OPPORTUNITY, or give --all", ""});
  auto format = service::output_format(arguments.format);
  if (!format) return report_error(format.error());
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  service::SystemClock clock;
  auto as_of = service::time_or_now(arguments.as_of, clock, "--as-of", loaded->time_zone);
  if (!as_of) return report_error(as_of.error());
  auto opened = service::open_session(arguments.database, OpenMode::read_only);
  if (!opened) return report_error(opened.error());
  Session& session = *opened->session;
  auto cohort = service::parse_cohort(arguments.cohort, loaded->time_zone);
  if (!cohort) return report_error(cohort.error());
  // The context and the reports see one state of the database, also while an
  // import commits.
  auto reading = session.read_transaction();
  if (!reading) return report_error(reading.error());
  auto context = service::current_context(session, *loaded, *as_of, *cohort);
  if (!context) return report_error(context.error());
  std::string cohort_text = cohort->describe(loaded->time_zone);
  if (context->cohort.deals() == 0 && !cohort_text.empty())
    fmt::print(stderr, "warning: no won deal matches the cohort ({}); nothing to compare with\n",
               cohort_text);
  return arguments.all ? report_all(session.snapshots(), *context, **format, arguments)
                       : report_one(session, *context, **format, arguments);
}

// Phrases said on fewer deals than this are left out of the table: a lift
// over two deals is noise.
constexpr long long kFewestDealsForAPhrase = 5;

int print_phrase_backtest(Session& session) {
  auto tested = service::backtest_phrases(session.snapshots());
  if (!tested) return report_error(tested.error());
  auto rows = tested->rows();
  fmt::print("\nThe phrases we heard before the close (the trackers, docs/trackers.md)\n\n");
  if (rows.empty()) {
    fmt::print("no tracked phrase was found on a closed deal: the trackers read mail, meetings, "
               "calls and notes as `rearview refresh` brings them in\n");
    return 0;
  }
  fmt::print("{} lost and {} won deals: the share of each on which the phrase was said before "
             "the close\n\n",
             tested->lost_deals(), tested->won_deals());
  fmt::print("{:<40} {:>13} {:>13} {:>9}\n", "tracker / phrase", "of lost deals", "of won deals",
             "lift");
  long long hidden = 0;
  for (const auto& row : rows) {
    if (!row.phrase.empty() && row.lost_deals + row.won_deals < kFewestDealsForAPhrase) {
      ++hidden;
      continue;
    }
    std::string name = row.phrase.empty() ? printable(row.tracker) : "  \"" + printable(row.phrase) + "\"";
    std::string lift = row.lift            ? fmt::format("{:.1f}", *row.lift)
                       : row.lost_deals > 0 ? std::string("lost only")
                                            : std::string("-");
    fmt::print("{:<40} {:>12.0f}% {:>12.0f}% {:>9}\n", name, row.lost_share * 100,
               row.won_share * 100, lift);
  }
  if (hidden > 0)
    fmt::print("({} phrases said on fewer than {} deals left out)\n", hidden,
               kFewestDealsForAPhrase);
  return 0;
}

int run_tells(const GlobalOptions& global, const std::filesystem::path& database) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto opened = service::open_session(database, OpenMode::read_only);
  if (!opened) return report_error(opened.error());
  Session& session = *opened->session;
  auto reading = session.read_transaction();
  if (!reading) return report_error(reading.error());
  auto context = service::current_context(session, *loaded, service::SystemClock().now());
  if (!context) return report_error(context.error());
  auto tested = service::backtest_tells(session, *context);
  if (!tested) return report_error(tested.error());
  const TellBacktest& backtest = *tested;
  fmt::print("The tells we missed: {} lost and {} won deals\n\n", backtest.lost_deals(),
             backtest.won_deals());
  fmt::print("{:<20} {:>11} {:>11} {:>7} {:>16} {:>16}\n", "tell", "lost deals", "won deals", "lift",
             "days before loss", "days before win");
  auto days = [](const std::optional<double>& value) {
    return value ? fmt::format("{:.0f}", *value) : std::string("-");
  };
  for (const auto& row : backtest.rows())
    fmt::print("{:<20} {:>10.0f}% {:>10.0f}% {:>7} {:>16} {:>16}\n", row.kind, row.lost_share * 100,
               row.won_share * 100, row.lift ? fmt::format("{:.1f}", *row.lift) : "-",
               days(row.lost_median_days_before_close), days(row.won_median_days_before_close));
  return print_phrase_backtest(session);
}

int run_health_evaluation(const GlobalOptions& global, const std::filesystem::path& database,
                          double holdout, std::uint64_t seed) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto opened = service::open_session(database, OpenMode::read_only);
  if (!opened) return report_error(opened.error());
  Session& session = *opened->session;
  auto evaluated = service::evaluate_health(session.snapshots(), session.stage_catalogue(), *loaded,
                                            service::SystemClock().now(), holdout, seed);
  if (!evaluated) return report_error(evaluated.error());
  const HealthEvaluation& result = *evaluated;
  auto figure = [](const std::optional<double>& value) {
    return value ? fmt::format("{:.3f}", *value) : std::string("n/a");
  };
  auto row = [&](std::string_view name, const HealthMeasure& measure) {
    fmt::print("  {:<34} {:>7} {:>7}\n", name, figure(measure.auc), figure(measure.brier));
  };
  fmt::print("closed deals: {} for training ({} won), {} held out ({} won), {} skipped\n",
             result.training_deals, result.training_won, result.holdout_deals, result.holdout_won,
             result.skipped_deals);
  fmt::print("the score halfway through each held-out deal at predicting a win\n");
  fmt::print("(AUC: 0.5 is chance, 1 perfect; Brier: 0 is perfect, always 50 scores 0.250):\n");
  fmt::print("  {:<34} {:>7} {:>7}\n", "", "AUC", "Brier");
  row("rules", result.rules);
  row("trees without constraints", result.unconstrained);
  row("trees with monotone constraints", result.constrained);
  if (result.constrained.auc) {
    fmt::print("calibration of the trees with monotone constraints, held out:\n");
    fmt::print("  {:<10} {:>7} {:>11} {:>9}\n", "score", "deals", "mean score", "won");
    for (std::size_t band = 0; band < result.constrained.bands.size(); ++band) {
      const auto& counted = result.constrained.bands[band];
      if (counted.deals == 0) continue;
      fmt::print("  {:<10} {:>7} {:>11.1f} {:>8.1f}%\n",
                 fmt::format("{}-{}", band * 10, band * 10 + 10), counted.deals,
                 counted.mean_score, counted.won_share * 100);
    }
  }
  fmt::print("reports use: {}\n", result.learned_model.empty()
                                      ? "the rules (too few closed deals to learn from)"
                                      : result.learned_model);
  return 0;
}

}  // namespace

void add_report_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* command = app.add_subcommand("report", "write the postmortem report of an opportunity");
  auto arguments = std::make_shared<ReportArguments>();
  command->add_option("OPPORTUNITY", arguments->opportunity, "id or a unique part of the name");
  command->add_flag("--all", arguments->all, "every opportunity (with --closed: every closed one)");
  command->add_flag("--closed", arguments->closed_only, "with --all: closed deals only");
  command->add_option("--format", arguments->format, "html, pdf, md or json")
      ->check(CLI::IsMember(service::output_format_names()))
      ->capture_default_str();
  command->add_option("--out", arguments->out,
                      "file (default: standard output; PDF: OPPORTUNITY.pdf); with --all, a folder");
  command->add_option("--db", arguments->database, "database file")->capture_default_str();
  command->add_option("--as-of", arguments->as_of, "measure open deals up to this time (default: now; without an offset, in the "
                      "configured time zone)");
  add_cohort_options(*command, arguments->cohort, "compare with");
  command->callback([&global, &action, arguments] {
    action = [&global, arguments] { return run_report(global, *arguments); };
  });

  auto* tells = app.add_subcommand("tells", "back-test the early warnings on the closed deals");
  auto tells_database = std::make_shared<std::filesystem::path>("rearview.db");
  tells->add_option("--db", *tells_database, "database file")->capture_default_str();
  tells->callback([&global, &action, tells_database] {
    action = [&global, tells_database] { return run_tells(global, *tells_database); };
  });

  auto* health = app.add_subcommand("health", "the health score's model");
  health->require_subcommand(1);
  auto* evaluate_command = health->add_subcommand(
      "evaluate",
      "measure on held-out closed deals how well the score predicts a win (AUC, Brier score)");
  auto health_database = std::make_shared<std::filesystem::path>("rearview.db");
  auto holdout = std::make_shared<double>(0.3);
  auto seed = std::make_shared<std::uint64_t>(1);
  evaluate_command->add_option("--db", *health_database, "database file")->capture_default_str();
  evaluate_command->add_option("--holdout", *holdout, "share of closed deals held out")
      ->check(CLI::Range(0.05, 0.95))
      ->capture_default_str();
  evaluate_command->add_option("--seed", *seed, "how the deals are split")->capture_default_str();
  evaluate_command->callback([&global, &action, health_database, holdout, seed] {
    action = [&global, health_database, holdout, seed] {
      return run_health_evaluation(global, *health_database, *holdout, *seed);
    };
  });
}

}  // namespace rearview::cli
