#include "rearview/core/settings.h"

#include "rearview/core/text.h"

#include <algorithm>

namespace rearview {

std::vector<Stage> default_stages() {
  struct Row {
    const char* name;
    double probability;
    bool closed;
    bool won;
  };
  static constexpr Row kRows[] = {
      {"Prospecting", 10, false, false},        {"Qualification", 10, false, false},
      {"Needs Analysis", 20, false, false},     {"Value Proposition", 50, false, false},
      {"Id. Decision Makers", 60, false, false}, {"Perception Analysis", 70, false, false},
      {"Proposal/Price Quote", 75, false, false}, {"Negotiation/Review", 90, false, false},
      {"Closed Won", 100, true, true},          {"Closed Lost", 0, true, false},
  };
  std::vector<Stage> stages;
  int order = 1;
  for (const auto& row : kRows) {
    Stage stage;
    stage.name = row.name;
    stage.sort_order = order++;
    stage.probability = row.probability;
    stage.is_closed = row.closed;
    stage.is_won = row.won;
    stages.push_back(std::move(stage));
  }
  return stages;
}

std::string_view to_string(TrackerRole role) {
  switch (role) {
    case TrackerRole::competitor: return "competitor";
    case TrackerRole::red_flag: return "red_flag";
    case TrackerRole::topic: break;
  }
  return "topic";
}

std::optional<TrackerRole> tracker_role_from_string(std::string_view text) {
  for (auto role : {TrackerRole::topic, TrackerRole::competitor, TrackerRole::red_flag})
    if (to_string(role) == text) return role;
  return std::nullopt;
}

// What most sales teams listen for; rearview.toml [trackers.NAME] replaces
// one, and adds the team's own (docs/trackers.md).
std::vector<Tracker> TrackerSettings::default_trackers() {
  return {
      Tracker{.name = "competitors",
              .phrases = {"competitor", "alternative vendor", "other vendor", "other vendors"},
              .role = TrackerRole::competitor},
      Tracker{.name = "pricing",
              .phrases = {"price", "pricing", "quote", "discount", "cost", "per seat",
                          "list price"},
              .expected_before = "late stage"},
      Tracker{.name = "budget",
              .phrases = {"budget", "funding", "fiscal year", "spend approval"}},
      Tracker{.name = "legal review",
              .phrases = {"legal", "MSA", "redline", "contract terms", "procurement"}},
      Tracker{.name = "security review",
              .phrases = {"security review", "security questionnaire", "security team", "SOC 2",
                          "penetration test", "DPA", "GDPR"}},
      Tracker{.name = "red flags",
              .phrases = {"too expensive", "go another direction", "decided to go with",
                          "budget was cut", "budget cut", "on hold", "not a priority",
                          "no longer interested", "not moving forward", "pause the project",
                          "came in lower", "lower on price"},
              .role = TrackerRole::red_flag,
              .buyer_only = true},
  };
}

Settings default_settings() {
  Settings settings;
  settings.stages = default_stages();
  settings.source = "built-in defaults";
  return settings;
}

bool is_company_address(const Settings& settings, std::string_view address) {
  auto at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  std::string domain = lower(address.substr(at + 1));
  for (const auto& ours : settings.company_email_domains) {
    if (domain == ours) return true;
    if (domain.size() > ours.size() && domain.ends_with(ours) &&
        domain[domain.size() - ours.size() - 1] == '.')
      return true;  // a subdomain of ours
  }
  return false;
}

}  // namespace rearview

namespace rearview {

Stage guess_stage(std::string_view name) {
  std::string folded = lower(name);
  Stage stage;
  stage.name = std::string(name);
  bool won = folded.find("won") != std::string::npos;
  bool lost = folded.find("lost") != std::string::npos;
  stage.is_closed = won || lost || folded.find("closed") != std::string::npos;
  stage.is_won = won && !lost;
  stage.probability = stage.is_won ? 100 : 0;
  return stage;
}

}  // namespace rearview
