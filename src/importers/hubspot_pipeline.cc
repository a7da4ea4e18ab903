#include "hubspot_pipeline.h"

#include <fmt/format.h>

#include <algorithm>

#include "rearview/core/text.h"

namespace rearview::importing::hubspot {
namespace {

// HubSpot's default deal pipeline ("Sales Pipeline"), in order, with the
// probabilities it ships with.
struct DefaultStage {
  std::string_view label;
  double probability;
};
constexpr DefaultStage kDefaultPipeline[] = {
    {"appointment scheduled", 20},   {"qualified to buy", 40}, {"presentation scheduled", 60},
    {"decision maker bought-in", 80}, {"contract sent", 90},   {"closed won", 100},
    {"closed lost", 0}};

const DefaultStage* default_stage(std::string_view label) {
  std::string key = lower(label);
  for (const auto& stage : kDefaultPipeline)
    if (stage.label == key) return &stage;
  return nullptr;
}

bool label_says_won(std::string_view label) {
  std::string key = lower(label);
  return key == "closed won" || key == "won" || key == "closed - won";
}
bool label_says_lost(std::string_view label) {
  std::string key = lower(label);
  return key == "closed lost" || key == "lost" || key == "closed - lost";
}

}  // namespace

std::optional<StageKey> entered_column_stage(std::string_view column) {
  constexpr std::string_view kPrefix = "date entered ";
  std::string folded = lower(trim(column));
  if (!folded.starts_with(kPrefix)) return std::nullopt;
  std::string_view rest = trim(trim(column).substr(kPrefix.size()));
  if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') && rest.back() == rest.front())
    rest = rest.substr(1, rest.size() - 2);
  StageKey key;
  auto open = rest.rfind(" (");
  if (open != std::string_view::npos && rest.ends_with(')')) {
    key.pipeline = std::string(trim(rest.substr(open + 2, rest.size() - open - 3)));
    rest = rest.substr(0, open);
  }
  key.label = std::string(trim(rest));
  if (key.label.empty()) return std::nullopt;
  return key;
}

void PipelineCatalogue::observe_deal(const StageKey& stage, std::optional<bool> closed,
                                     std::optional<bool> won, std::optional<double> probability) {
  pipelines_.insert(stage.pipeline);
  Facts& facts = facts_[stage];
  ++facts.deals;
  if (closed || won) {
    ++facts.flagged;
    if (closed.value_or(false) || won.value_or(false)) ++facts.closed;
    if (won.value_or(false)) ++facts.won;
  }
  // HubSpot writes probabilities from 0 to 1; some exports as percentages.
  if (probability) ++facts.probabilities[*probability <= 1 ? *probability * 100 : *probability];
}

void PipelineCatalogue::observe_path(const std::vector<StageKey>& entered_in_order) {
  if (entered_in_order.size() < 2) return;
  for (std::size_t i = 0; i < entered_in_order.size(); ++i) {
    pipelines_.insert(entered_in_order[i].pipeline);
    Facts& facts = facts_[entered_in_order[i]];
    facts.rank_sum += double(i) / double(entered_in_order.size() - 1);
    ++facts.ranked;
  }
}

std::string PipelineCatalogue::stage_name(const StageKey& stage) const {
  std::size_t named_pipelines = 0;
  for (const auto& pipeline : pipelines_) named_pipelines += !pipeline.empty();
  if (named_pipelines < 2 || stage.pipeline.empty()) return stage.label;
  return fmt::format("{} ({})", stage.label, stage.pipeline);
}

std::vector<Stage> PipelineCatalogue::stages(const std::vector<Stage>& configured) const {
  struct Candidate {
    Stage stage;
    std::string pipeline;
    double position;  // 0..1 along the deals' paths
    bool probability_known;
  };
  std::vector<Candidate> candidates;
  std::map<std::string, bool> named;
  for (const auto& [key, facts] : facts_) {
    Stage stage{.name = stage_name(key)};
    if (named[stage.name]) continue;
    named[stage.name] = true;
    const DefaultStage* known = default_stage(key.label);
    if (facts.flagged > 0) {
      stage.is_closed = facts.closed * 2 > facts.flagged;
      stage.is_won = stage.is_closed && facts.won * 2 > facts.flagged;
    } else {
      stage.is_won = label_says_won(key.label);
      stage.is_closed = stage.is_won || label_says_lost(key.label);
    }
    auto most_common = std::max_element(
        facts.probabilities.begin(), facts.probabilities.end(),
        [](const auto& a, const auto& b) { return a.second < b.second; });
    bool probability_known = true;
    if (stage.is_closed) stage.probability = stage.is_won ? 100 : 0;
    else if (most_common != facts.probabilities.end()) stage.probability = most_common->first;
    else if (known) stage.probability = known->probability;
    else probability_known = false;
    double position = facts.ranked > 0 ? facts.rank_sum / double(facts.ranked)
                      : known ? double(known - kDefaultPipeline) / 6.0
                              : 0.5;
    candidates.push_back({std::move(stage), key.pipeline, position, probability_known});
  }
  // Open stages along the paths, then won, then lost; the pipelines apart.
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    auto group = [](const Stage& s) { return s.is_closed ? (s.is_won ? 1 : 2) : 0; };
    if (group(a.stage) != group(b.stage)) return group(a.stage) < group(b.stage);
    if (a.pipeline != b.pipeline) return a.pipeline < b.pipeline;
    return a.position < b.position;
  });
  // Configured stages come first, as configured; the export's others after them.
  std::vector<Stage> stages = configured;
  int order = 0;
  for (const auto& stage : stages) order = std::max(order, stage.sort_order);
  std::vector<std::size_t> without_probability;
  for (auto& candidate : candidates) {
    bool known = std::any_of(configured.begin(), configured.end(),
                             [&](const Stage& s) { return s.name == candidate.stage.name; });
    if (known) continue;
    if (!candidate.probability_known) without_probability.push_back(stages.size());
    candidate.stage.sort_order = ++order;
    stages.push_back(std::move(candidate.stage));
  }
  // Open stages nothing gives a probability follow their order, 10% to 90%.
  double steps = double(std::max<std::size_t>(2, without_probability.size()) - 1);
  for (std::size_t i = 0; i < without_probability.size(); ++i)
    stages[without_probability[i]].probability = 10 + 80.0 * double(i) / steps;
  return stages;
}

}  // namespace rearview::importing::hubspot
