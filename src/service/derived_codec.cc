#include "derived_codec.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "rearview/core/stable_hash.h"

namespace rearview::service {
namespace {

// Raise with every change to what analyze() computes from the same inputs,
// so stored analyses are recomputed after an upgrade.
// 2: the cycle runs from creation. 3: monotone gradient-boosted trees,
// reasons as changes. 4: each tell keeps its days before the close.
constexpr int kAnalysisCodeVersion = 4;

boost::json::value distribution_json(const Distribution& distribution) {
  return {{"median_days", distribution.median_days},
          {"p25_days", distribution.p25_days},
          {"p75_days", distribution.p75_days},
          {"deals", distribution.deals}};
}

Distribution distribution_from(const boost::json::value& value) {
  const auto& object = value.as_object();
  return Distribution{.median_days = object.at("median_days").to_number<double>(),
                      .p25_days = object.at("p25_days").to_number<double>(),
                      .p75_days = object.at("p75_days").to_number<double>(),
                      .deals = object.at("deals").to_number<long long>()};
}

boost::json::value optional_time(const std::optional<Timestamp>& time) {
  return time ? boost::json::value(format_timestamp(*time)) : boost::json::value(nullptr);
}

boost::json::value optional_number(const std::optional<double>& number) {
  return number ? boost::json::value(*number) : boost::json::value(nullptr);
}

Timestamp stored_time(const boost::json::value& value) {
  const auto& text = value.as_string();
  auto parsed = parse_timestamp(std::string_view(text.data(), text.size()));
  if (!parsed) throw std::runtime_error(fmt::format("a time reads \"{}\"", text.c_str()));
  return *parsed;
}

Tell tell_from(const boost::json::value& value) {
  const auto& object = value.as_object();
  Tell tell{.kind = std::string(object.at("kind").as_string()),
            .first_fired_at = stored_time(object.at("first_fired_at"))};
  if (!object.at("cleared_at").is_null()) tell.cleared_at = stored_time(object.at("cleared_at"));
  if (!object.at("days_before_close").is_null())
    tell.days_before_close = object.at("days_before_close").to_number<double>();
  return tell;
}

}  // namespace

std::uint64_t analysis_inputs_fingerprint(const AnalysisSettings& settings) {
  // Every field the analysis reads, spelt out: a new setting must be added here.
  std::string text =
      fmt::format("code {}\nzone {}\n", kAnalysisCodeVersion, settings.time_zone.name());
  for (const auto& stage : settings.stages) {
    text += fmt::format("stage {}|{}|{}|{}|{}\n", stage.name, stage.sort_order, stage.probability,
                        stage.is_closed, stage.is_won);
    for (const auto& milestone : stage.milestones)
      text += fmt::format(" milestone {}|{}|{}|{}\n", milestone.key, int(milestone.kind),
                          fmt::join(milestone.options, ","), milestone.contact_role);
  }
  const TellSettings& tells = settings.tells;
  text += fmt::format("tells {}|{}|{}|{}|{}|{}|{}|{}|{}\n", tells.no_activity_days,
                      tells.ghosted_days, tells.ghosted_unanswered, tells.single_threaded_days,
                      tells.close_date_pushes, tells.stalled_factor, tells.no_next_meeting_days,
                      fmt::join(tells.senior_title_words, ","), fmt::join(tells.senior_roles, ","));
  const PostmortemSettings& postmortem = settings.postmortem;
  text += fmt::format("postmortem {}|{}|{}|{}|{}|{}\n", postmortem.line_in_the_sand,
                      postmortem.late_stage, fmt::join(postmortem.early_loss_audience, ","),
                      fmt::join(postmortem.mid_stage_audience, ","),
                      fmt::join(postmortem.late_stage_audience, ","),
                      fmt::join(postmortem.open_deal_audience, ","));
  for (const auto& tracker : settings.trackers)
    text += fmt::format("tracker {}|{}|{}|{}|{}\n", tracker.name, int(tracker.role),
                        tracker.buyer_only, tracker.expected_before,
                        fmt::join(tracker.phrases, "|"));
  return stable_hash(text);
}

std::string cohort_to_json(const WonCohort& cohort) {
  const auto& summaries = cohort.summaries();
  boost::json::object stages;
  for (const auto& [name, distribution] : summaries.stages)
    stages[name] = distribution_json(distribution);
  boost::json::object json{
      {"deals", cohort.deals()},
      {"excluded", cohort.excluded()},
      {"stages", std::move(stages)},
      {"cycle", summaries.cycle ? distribution_json(*summaries.cycle) : boost::json::value(nullptr)},
      {"cycle_mean_days", summaries.cycle_mean_days},
  };
  return boost::json::serialize(json);
}

Result<WonCohort> cohort_from_json(std::string_view json, std::vector<Stage> stages) {
  try {
    auto object = boost::json::parse(json).as_object();
    WonCohort::Summaries summaries;
    for (const auto& [name, distribution] : object.at("stages").as_object())
      summaries.stages.emplace(std::string(name), distribution_from(distribution));
    if (!object.at("cycle").is_null()) summaries.cycle = distribution_from(object.at("cycle"));
    summaries.cycle_mean_days = object.at("cycle_mean_days").to_number<double>();
    return WonCohort::from_summaries(std::move(stages), std::move(summaries),
                                     object.at("deals").to_number<long long>(),
                                     object.at("excluded").to_number<long long>());
  } catch (const std::exception& error) {
    return fail(ErrorCode::database,
                fmt::format("the stored cohort statistics cannot be read: {}", error.what()),
                "they are computed again on the next refresh");
  }
}

std::string cohort_key(const CohortFilter& filter) {
  return boost::json::serialize(boost::json::object{
      {"type", filter.type},
      {"field", filter.custom_field},
      {"value", filter.custom_value},
      {"closed_from", optional_time(filter.closed_from)},
      {"closed_until", optional_time(filter.closed_until)}});
}

std::optional<CohortFilter> cohort_filter_from_key(std::string_view key) {
  try {
    auto object = boost::json::parse(key).as_object();
    CohortFilter filter{.type = std::string(object.at("type").as_string()),
                        .custom_field = std::string(object.at("field").as_string()),
                        .custom_value = std::string(object.at("value").as_string())};
    if (!object.at("closed_from").is_null()) filter.closed_from = stored_time(object.at("closed_from"));
    if (!object.at("closed_until").is_null())
      filter.closed_until = stored_time(object.at("closed_until"));
    return filter;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string analysis_to_json(const PostmortemReport& report, long long context_version) {
  boost::json::object health;
  if (!report.health.empty()) {
    auto lowest = std::min_element(report.health.begin(), report.health.end(),
                                   [](const auto& a, const auto& b) { return a.score < b.score; });
    health = {{"latest", report.health.back().score},
              {"latest_at", format_timestamp(report.health.back().at)},
              {"lowest", lowest->score},
              {"lowest_at", format_timestamp(lowest->at)},
              {"points", report.health.size()}};
  }
  boost::json::array tells;
  for (const auto& tell : report.tells)
    tells.push_back({{"kind", tell.kind},
                     {"first_fired_at", format_timestamp(tell.first_fired_at)},
                     {"cleared_at", optional_time(tell.cleared_at)},
                     {"days_before_close", optional_number(tell.days_before_close)}});
  boost::json::array stages;
  for (const auto& stay : report.stages)
    stages.push_back({{"name", stay.name}, {"days", stay.days}, {"visit", stay.visit}});
  boost::json::object json{
      {"context_version", context_version},
      {"as_of", format_timestamp(report.as_of)},
      {"level", to_string(report.level)},
      {"cycle_days", optional_number(report.cycle_days)},
      {"close_date_pushes", report.close_date_pushes},
      {"furthest_stage", report.furthest_stage},
      {"health", std::move(health)},
      {"tells", std::move(tells)},
      {"stages", std::move(stages)},
  };
  return boost::json::serialize(json);
}

Result<std::vector<Tell>> tells_from_json(std::string_view analysis_json) {
  try {
    // Kept in a variable: a temporary in the range expression would die before the loop.
    boost::json::value analysis = boost::json::parse(analysis_json);
    std::vector<Tell> tells;
    for (const auto& tell : analysis.as_object().at("tells").as_array())
      tells.push_back(tell_from(tell));
    return tells;
  } catch (const std::exception& error) {
    return fail(ErrorCode::database,
                fmt::format("a stored analysis cannot be read: {}", error.what()),
                "it is computed again on the next refresh");
  }
}

}  // namespace rearview::service
