// The live engine's latencies on a database made by bench/import_benchmark.sh:
//   - one deal's postmortem (read, analyse, render HTML and JSON) once the
//     analysis context is cached, over random deals: p50, p99, max;
//   - opening the context: loading the stored one, and building it from the deals;
//   - an incremental update: one new interaction, then one milestone, to
//     the refreshed analysis of that deal.
//   live_benchmark DATABASE [DEALS=1000]
// The database is changed (the interaction and the milestone): use a copy.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <random>

#include "rearview/core/settings.h"
#include "rearview/service/live_engine.h"
#include "rearview/service/postmortems.h"

namespace {

using namespace rearview;
using Stopwatch = std::chrono::steady_clock;

double milliseconds_since(Stopwatch::time_point started) {
  return std::chrono::duration<double, std::milli>(Stopwatch::now() - started).count();
}

double percentile(std::vector<double> values, double share) {
  std::sort(values.begin(), values.end());
  auto index = std::size_t(share * double(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

void print_latencies(const char* what, const std::vector<double>& milliseconds) {
  fmt::print("{:<44} p50 {:7.2f} ms   p99 {:7.2f} ms   max {:7.2f} ms   (n = {})\n", what,
             percentile(milliseconds, 0.5), percentile(milliseconds, 0.99),
             *std::max_element(milliseconds.begin(), milliseconds.end()), milliseconds.size());
}

int fail_with(const Error& error) {
  fmt::print(stderr, "live_benchmark: {}\n", error.message);
  return 1;
}

// Runs `change` in a write transaction of its own and commits it.
Result<void> write(Session& session, const std::function<Result<void>(WriteTransaction&)>& change) {
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  if (auto changed = change(*transaction); !changed) return changed;
  return transaction->commit();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: live_benchmark DATABASE [DEALS]\n");
    return 2;
  }
  std::size_t samples = argc > 2 ? std::stoul(argv[2]) : 1000;
  auto opened = service::open_session(argv[1], OpenMode::must_exist);
  if (!opened) return fail_with(opened.error());
  Session& session = *opened->session;
  Settings settings = default_settings();
  service::SystemClock clock;

  auto started = Stopwatch::now();
  auto refreshed = service::refresh(session, settings, clock);
  if (!refreshed) return fail_with(refreshed.error());
  fmt::print("{:<44} {:10.1f} ms   ({} deals analysed)\n", "refresh before measuring",
             milliseconds_since(started), refreshed->analysed);

  started = Stopwatch::now();
  auto built = service::build_analysis_context(session.snapshots(), session.stage_catalogue(),
                                               settings, clock.now());
  if (!built) return fail_with(built.error());
  fmt::print("{:<44} {:10.1f} ms\n", "context built from every closed deal", milliseconds_since(started));
  started = Stopwatch::now();
  auto loaded = service::current_context(session, settings, clock.now());
  if (!loaded) return fail_with(loaded.error());
  fmt::print("{:<44} {:10.1f} ms   (version {})\n", "context loaded from the database",
             milliseconds_since(started), loaded->version);

  auto names = session.opportunities().opportunity_names();
  if (!names || names->empty()) return fail_with(Error{ErrorCode::not_found, "no deals", ""});
  std::mt19937_64 random(7);
  std::vector<double> html_ms, json_ms;
  const auto& html = **service::output_format("html");
  const auto& json = **service::output_format("json");
  for (std::size_t i = 0; i < samples; ++i) {
    const Id& id = (*names)[random() % names->size()].id;
    for (auto [format, latencies] : {std::pair{&html, &html_ms}, std::pair{&json, &json_ms}}) {
      started = Stopwatch::now();
      auto report = service::postmortem(session.snapshots(), *loaded, id, clock.now());
      if (!report) return fail_with(report.error());
      auto bytes = service::render_report(*report, *format);
      if (!bytes) return fail_with(bytes.error());
      latencies->push_back(milliseconds_since(started));
    }
  }
  print_latencies("one deal's report, HTML", html_ms);
  print_latencies("one deal's report, JSON", json_ms);

  // One new interaction on an open deal, then one milestone, each refreshed.
  Id changed;
  session.snapshots().for_each_snapshot(
      DealFilter{.outcome = OutcomeFilter::open},
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        if (changed.empty() || random() % 100 == 0) changed = deal.opportunity.id;
        return {};
      },
      SnapshotDetail::without_bodies);
  std::vector<double> interaction_ms, milestone_ms;
  for (int round = 0; round < 20; ++round) {
    Interaction note{.id = fmt::format("bench-note-{}-{}", round, clock.now().time_since_epoch().count()),
                     .kind = InteractionKind::note,
                     .links = {crm_link(changed)},
                     .subject = "call notes",
                     .occurred_at = clock.now()};
    started = Stopwatch::now();
    if (auto written = write(session,
                             [&](WriteTransaction& transaction) -> Result<void> {
                               auto upserted = transaction.records().upsert(note);
                               if (!upserted) return std::unexpected(upserted.error());
                               return {};
                             });
        !written)
      return fail_with(written.error());
    if (auto again = service::refresh(session, settings, clock); !again || again->analysed != 1)
      return fail_with(again ? Error{ErrorCode::database, "the refresh did not analyse one deal", ""}
                             : again.error());
    interaction_ms.push_back(milliseconds_since(started));

    started = Stopwatch::now();
    MilestoneAttainment attained{"Prospecting", fmt::format("bench_{}", round), "true",
                                 clock.now() + std::chrono::seconds(round), "bench", "user"};
    if (auto recorded = write(session,
                              [&](WriteTransaction& transaction) {
                                return transaction.milestones().record_milestone(changed, attained);
                              });
        !recorded)
      return fail_with(recorded.error());
    if (auto again = service::refresh(session, settings, clock); !again)
      return fail_with(again.error());
    milestone_ms.push_back(milliseconds_since(started));
  }
  print_latencies("new interaction -> refreshed analysis", interaction_ms);
  print_latencies("milestone -> refreshed analysis", milestone_ms);
  return 0;
}
