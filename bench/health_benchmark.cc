// What the health series costs per deal: a deal of about 300 scored moments
// (200 days, an event every two days) analysed with the learned model and
// with the rules. The difference is the trees and their reasons.
#include <benchmark/benchmark.h>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"

namespace {

using namespace rearview;

const Timestamp kStart = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / 1 / 1}};

AnalysisSettings settings() {
  return AnalysisSettings{.stages = default_stages(), .as_of = kStart + std::chrono::days{400}};
}

// Won deals hear back every few days; lost ones go quiet after a week.
OpportunitySnapshot closed_deal(int number) {
  bool won = number % 2 == 0;
  SnapshotBuilder builder("deal-" + std::to_string(number), kStart + std::chrono::days{number});
  builder.contact("alex", "Alex Buyer").stage("Qualification", 0).stage("Needs Analysis", 10);
  int length = 40 + number % 30;
  for (int day = 1; day < length; day += 3) {
    builder.email_to("alex", day);
    if (won || day < 7) builder.email_from("alex", day + 1);
  }
  won ? builder.won(length) : builder.lost(length);
  return builder.build();
}

OpportunitySnapshot long_open_deal() {
  SnapshotBuilder builder("long", kStart);
  builder.contact("alex", "Alex Buyer").contact("casey", "Casey Chief", "CFO");
  builder.stage("Qualification", 0).stage("Needs Analysis", 30).stage("Value Proposition", 90);
  for (int day = 1; day < 200; day += 2) {
    if (day % 6 == 1)
      builder.email_from("alex", day);
    else if (day % 6 == 3)
      builder.email_to("alex", day);
    else
      builder.meeting({"alex", "casey"}, day);
  }
  return builder.build();
}

struct Fixture {
  AnalysisSettings settings = ::settings();
  WonCohort cohort{settings.stages};
  HealthModel learned = HealthModel::rules();
  OpportunitySnapshot deal = long_open_deal();
  Fixture() {
    std::vector<OpportunitySnapshot> deals;
    for (int i = 0; i < 400; ++i) deals.push_back(closed_deal(i));
    for (const auto& closed : deals) cohort.add(closed);
    settings.as_of = kStart + std::chrono::days{200};
    learned = train_health_model(training_examples(deals, cohort, settings));
  }
};

Fixture& fixture() {
  static Fixture* made = new Fixture();  // never destroyed: XGBoost's statics go first
  return *made;
}

void AnalyseWith(benchmark::State& state, bool learned) {
  Fixture& f = fixture();
  const HealthModel& model = learned ? f.learned : HealthModel::rules();
  std::size_t points = 0;
  for (auto _ : state) {
    PostmortemReport report = analyze(f.deal, f.cohort, model, f.settings);
    points = report.health.size();
    benchmark::DoNotOptimize(report);
  }
  state.counters["points"] = double(points);
  state.SetLabel(model.describe());
}
void AnalyseWithLearnedModel(benchmark::State& state) { AnalyseWith(state, true); }
void AnalyseWithRules(benchmark::State& state) { AnalyseWith(state, false); }
BENCHMARK(AnalyseWithLearnedModel)->Unit(benchmark::kMicrosecond);
BENCHMARK(AnalyseWithRules)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
