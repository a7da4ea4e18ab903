#include "rearview/config/config.h"

#include "rearview/core/text.h"

#include <fmt/format.h>

#include <cmath>
#include <type_traits>

#include <algorithm>
#include <set>
#include <toml++/toml.h>

namespace rearview {
namespace {

class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}

  void add(const toml::source_region& where, const std::string& what) {
    lines_.push_back(fmt::format("{}:{}:{}: {}", file_, where.begin.line, where.begin.column, what));
  }
  void add(const std::string& what) { lines_.push_back(fmt::format("{}: {}", file_, what)); }
  bool empty() const { return lines_.empty(); }
  std::string joined() const {
    std::string text;
    for (const auto& line : lines_) text += (text.empty() ? "" : "\n") + line;
    return text;
  }

 private:
  std::string file_;
  std::vector<std::string> lines_;
};

void reject_unknown_keys(const toml::table& table, const std::set<std::string>& known,
                         const std::string& section, Problems& problems) {
  for (const auto& [key, node] : table) {
    if (!known.contains(std::string(key.str())))
      problems.add(node.source(), fmt::format("unknown setting '{}{}' (known: {})", section,
                                              key.str(), fmt::join(known, ", ")));
  }
}

void read_string(const toml::table& table, const char* key, std::string& out, Problems& problems) {
  const toml::node* node = table.get(key);
  if (!node) return;
  if (auto value = node->value<std::string>()) {
    out = *value;
  } else {
    problems.add(node->source(), fmt::format("'{}' must be a string", key));
  }
}

void read_string_list(const toml::table& table, const char* key, std::vector<std::string>& out,
                      Problems& problems) {
  const toml::node* node = table.get(key);
  if (!node) return;
  const toml::array* array = node->as_array();
  if (!array) {
    problems.add(node->source(), fmt::format("'{}' must be a list of strings", key));
    return;
  }
  out.clear();
  for (const auto& element : *array) {
    if (auto value = element.value<std::string>()) {
      out.push_back(*value);
    } else {
      problems.add(element.source(), fmt::format("'{}' must hold only strings", key));
    }
  }
}

void read_flag(const toml::table& table, const char* key, bool& out, Problems& problems) {
  const toml::node* node = table.get(key);
  if (!node) return;
  if (auto value = node->value<bool>()) {
    out = *value;
  } else {
    problems.add(node->source(), fmt::format("'{}' must be true or false", key));
  }
}

void read_time_zone(const toml::table& company, Settings& settings, Problems& problems) {
  const toml::node* node = company.get("time_zone");
  if (!node) return;
  std::string name = settings.time_zone.name();
  read_string(company, "time_zone", name, problems);
  auto zone = TimeZone::lookup(name);
  if (!zone) {
    const Error& error = zone.error();
    problems.add(node->source(), error.hint.empty()
                                     ? error.message
                                     : fmt::format("{}: {}", error.message, error.hint));
    return;
  }
  settings.time_zone = *zone;
}

void read_company(const toml::table& root, Settings& settings, Problems& problems) {
  const toml::table* company = root["company"].as_table();
  if (!company) return;
  reject_unknown_keys(*company, {"name", "email_domains", "time_zone"}, "company.", problems);
  read_string(*company, "name", settings.company_name, problems);
  read_string_list(*company, "email_domains", settings.company_email_domains, problems);
  for (auto& domain : settings.company_email_domains) {
    domain = lower(domain);
    if (domain.find('@') != std::string::npos || domain.find('.') == std::string::npos)
      problems.add(company->get("email_domains")->source(),
                   fmt::format("'{}' is not an e-mail domain (expected e.g. example.com)", domain));
  }
  read_time_zone(*company, settings, problems);
}

void read_salesforce(const toml::table& root, Settings& settings, Problems& problems) {
  const toml::table* salesforce = root["salesforce"].as_table();
  if (!salesforce) return;
  reject_unknown_keys(*salesforce, {"loss_reason_field", "win_reason_field", "competitor_field"},
                      "salesforce.", problems);
  read_string(*salesforce, "loss_reason_field", settings.loss_reason_field, problems);
  read_string(*salesforce, "win_reason_field", settings.win_reason_field, problems);
  read_string(*salesforce, "competitor_field", settings.competitor_field, problems);
}

// TOML allows nan and inf, and a number beyond what the setting's type
// holds would wrap: both are problems, like a number below the minimum.
template <typename Number>
void read_number(const toml::table& table, const char* key, Number& out, double minimum,
                 double maximum, Problems& problems) {
  const toml::node* node = table.get(key);
  if (!node) return;
  auto value = node->value<double>();
  bool whole = std::is_integral_v<Number>;
  if (!value || !(*value >= minimum && *value <= maximum) ||
      (whole && *value != std::trunc(*value))) {
    problems.add(node->source(), fmt::format("'{}' must be a {} from {} to {}", key,
                                             whole ? "whole number" : "number", minimum, maximum));
    return;
  }
  out = static_cast<Number>(*value);
}

void read_tells(const toml::table& root, Settings& settings, Problems& problems) {
  const toml::table* tells = root["tells"].as_table();
  if (!tells) return;
  reject_unknown_keys(*tells,
                      {"no_activity_days", "ghosted_days", "ghosted_unanswered",
                       "single_threaded_days", "close_date_pushes", "stalled_factor",
                       "no_next_meeting_days", "senior_title_words", "senior_roles"},
                      "tells.", problems);
  auto& values = settings.tells;
  read_number(*tells, "no_activity_days", values.no_activity_days, 1, 3650, problems);
  read_number(*tells, "ghosted_days", values.ghosted_days, 1, 3650, problems);
  read_number(*tells, "ghosted_unanswered", values.ghosted_unanswered, 1, 1000, problems);
  read_number(*tells, "single_threaded_days", values.single_threaded_days, 1, 3650, problems);
  read_number(*tells, "close_date_pushes", values.close_date_pushes, 1, 1000, problems);
  read_number(*tells, "stalled_factor", values.stalled_factor, 1, 100, problems);
  read_number(*tells, "no_next_meeting_days", values.no_next_meeting_days, 1, 3650, problems);
  read_string_list(*tells, "senior_title_words", values.senior_title_words, problems);
  read_string_list(*tells, "senior_roles", values.senior_roles, problems);
}

void read_matching(const toml::table& root, Settings& settings, Problems& problems) {
  const toml::table* matching = root["matching"].as_table();
  if (!matching) return;
  reject_unknown_keys(*matching,
                      {"window_days", "link_score", "review_score", "margin", "free_mail_domains"},
                      "matching.", problems);
  auto& values = settings.matching;
  read_number(*matching, "window_days", values.window_days, 0, 3650, problems);
  read_number(*matching, "link_score", values.link_score, 0, 1, problems);
  read_number(*matching, "review_score", values.review_score, 0, 1, problems);
  read_number(*matching, "margin", values.margin, 0, 1, problems);
  read_string_list(*matching, "free_mail_domains", values.free_mail_domains, problems);
  for (auto& domain : values.free_mail_domains) domain = lower(trim(domain));
  if (values.review_score > values.link_score)
    problems.add(matching->source(), "'review_score' must not be above 'link_score'");
}

void read_postmortem(const toml::table& root, Settings& settings, Problems& problems) {
  const toml::table* postmortem = root["postmortem"].as_table();
  if (!postmortem) return;
  reject_unknown_keys(*postmortem,
                      {"line_in_the_sand", "late_stage", "early_loss_audience",
                       "mid_stage_audience", "late_stage_audience", "open_deal_audience",
                       "reason_codes"},
                      "postmortem.", problems);
  auto& values = settings.postmortem;
  read_string(*postmortem, "line_in_the_sand", values.line_in_the_sand, problems);
  read_string(*postmortem, "late_stage", values.late_stage, problems);
  read_string_list(*postmortem, "early_loss_audience", values.early_loss_audience, problems);
  read_string_list(*postmortem, "mid_stage_audience", values.mid_stage_audience, problems);
  read_string_list(*postmortem, "late_stage_audience", values.late_stage_audience, problems);
  read_string_list(*postmortem, "open_deal_audience", values.open_deal_audience, problems);
  read_string_list(*postmortem, "reason_codes", values.reason_codes, problems);
}

// [trackers.NAME]: replaces the built-in tracker of that name key by key, or
// adds one; an empty 'phrases' list removes it.
void read_tracker(const std::string& name, const toml::table& table, Settings& settings,
                  Problems& problems) {
  reject_unknown_keys(table, {"phrases", "role", "buyer_only", "expected_before"},
                      fmt::format("trackers.{}.", name), problems);
  auto& trackers = settings.trackers.trackers;
  auto found = std::find_if(trackers.begin(), trackers.end(),
                            [&](const Tracker& tracker) { return tracker.name == name; });
  Tracker tracker = found == trackers.end() ? Tracker{.name = name} : *found;
  read_string_list(table, "phrases", tracker.phrases, problems);
  if (const toml::node* node = table.get("role")) {
    auto role = node->value<std::string>();
    auto known = role ? tracker_role_from_string(*role) : std::nullopt;
    if (known) tracker.role = *known;
    else problems.add(node->source(), "'role' must be \"topic\", \"competitor\" or \"red_flag\"");
  }
  read_flag(table, "buyer_only", tracker.buyer_only, problems);
  read_string(table, "expected_before", tracker.expected_before, problems);
  if (found != trackers.end()) trackers.erase(found);
  if (!tracker.phrases.empty()) trackers.push_back(std::move(tracker));
}

void read_trackers(const toml::table& root, Settings& settings, Problems& problems) {
  const toml::table* trackers = root["trackers"].as_table();
  if (!trackers) return;
  for (const auto& [key, node] : *trackers) {
    std::string name(key.str());
    if (name == "language") {
      read_string(*trackers, "language", settings.trackers.language, problems);
    } else if (name == "competitors_from_crm") {
      read_flag(*trackers, "competitors_from_crm", settings.trackers.competitors_from_crm,
                problems);
    } else if (const toml::table* tracker = node.as_table()) {
      read_tracker(name, *tracker, settings, problems);
    } else {
      problems.add(node.source(),
                   fmt::format("'trackers.{}' must be a table of a tracker ([trackers.{}] with "
                               "phrases = [...]), or one of 'language', 'competitors_from_crm'",
                               name, name));
    }
  }
}

// A named stage must be one of the configured ones (when stages are configured).
void check_stage_names(const toml::table& root, const Settings& settings, Problems& problems) {
  const toml::table* postmortem = root["postmortem"].as_table();
  if (!postmortem) return;
  for (const char* key : {"line_in_the_sand", "late_stage"}) {
    const toml::node* node = postmortem->get(key);
    auto name = node ? node->value<std::string>() : std::nullopt;
    if (!name || name->empty()) continue;
    bool known = std::any_of(settings.stages.begin(), settings.stages.end(),
                             [&](const Stage& stage) { return stage.name == *name; });
    if (!known)
      problems.add(node->source(), fmt::format("'{}' names stage '{}', which is not in the stages",
                                               key, *name));
  }
}

void check_tracker_stages(const toml::table& root, const Settings& settings, Problems& problems) {
  const toml::table* trackers = root["trackers"].as_table();
  if (!trackers) return;
  for (const auto& tracker : settings.trackers.trackers) {
    const std::string& name = tracker.expected_before;
    if (name.empty() || name == kLateStageName) continue;
    bool known = std::any_of(settings.stages.begin(), settings.stages.end(),
                             [&](const Stage& stage) { return stage.name == name; });
    if (known) continue;
    const toml::table* table = (*trackers)[tracker.name].as_table();
    std::string what = fmt::format(
        "tracker '{}': 'expected_before' names stage '{}', which is not in the stages (or say "
        "\"{}\")",
        tracker.name, name, kLateStageName);
    if (table) problems.add(table->source(), what);
    else problems.add(what);
  }
}

MilestoneDefinition read_milestone(const toml::table& table, Problems& problems) {
  reject_unknown_keys(table, {"key", "label", "kind", "options", "contact_role"}, "milestones.",
                     problems);
  MilestoneDefinition milestone;
  read_string(table, "key", milestone.key, problems);
  read_string(table, "label", milestone.label, problems);
  std::string kind = "toggle";
  read_string(table, "kind", kind, problems);
  if (auto parsed = milestone_kind_from_string(kind)) {
    milestone.kind = *parsed;
  } else {
    problems.add(table.source(), fmt::format("milestone kind '{}' is not one of toggle, "
                                             "dropdown, picklist", kind));
  }
  read_string_list(table, "options", milestone.options, problems);
  read_string(table, "contact_role", milestone.contact_role, problems);
  if (!milestone.contact_role.empty() && milestone.kind != MilestoneKind::toggle)
    problems.add(table.source(), fmt::format("milestone '{}' is driven by a contact role, so it "
                                             "must be a toggle", milestone.key));
  if (milestone.key.empty()) problems.add(table.source(), "a milestone needs a 'key'");
  if (milestone.label.empty()) milestone.label = milestone.key;
  if (milestone.kind != MilestoneKind::toggle && milestone.options.empty())
    problems.add(table.source(), fmt::format("milestone '{}' is a {} and needs 'options'",
                                             milestone.key, kind));
  return milestone;
}

Stage read_stage(const toml::table& table, int order, Problems& problems) {
  reject_unknown_keys(table, {"name", "probability", "closed", "won", "milestones"}, "stages.",
                      problems);
  Stage stage;
  stage.sort_order = order;
  read_string(table, "name", stage.name, problems);
  if (stage.name.empty()) problems.add(table.source(), "a stage needs a 'name'");
  if (const toml::node* node = table.get("probability")) {
    auto value = node->value<double>();
    if (!value || *value < 0 || *value > 100) {
      problems.add(node->source(), "'probability' must be a number from 0 to 100");
    } else {
      stage.probability = *value;
    }
  }
  read_flag(table, "closed", stage.is_closed, problems);
  read_flag(table, "won", stage.is_won, problems);
  if (stage.is_won && !stage.is_closed)
    problems.add(table.source(), fmt::format("stage '{}' is won but not closed", stage.name));
  if (const toml::array* milestones = table["milestones"].as_array()) {
    for (const auto& element : *milestones) {
      if (const toml::table* milestone = element.as_table())
        stage.milestones.push_back(read_milestone(*milestone, problems));
    }
  }
  return stage;
}

void read_stages(const toml::table& root, Settings& settings, Problems& problems) {
  const toml::node* node = root.get("stages");
  if (!node) return;
  const toml::array* stages = node->as_array();
  if (!stages) {
    problems.add(node->source(), "'stages' must be a list of [[stages]] tables");
    return;
  }
  settings.stages.clear();
  std::set<std::string> names;
  for (const auto& element : *stages) {
    const toml::table* table = element.as_table();
    if (!table) continue;
    Stage stage = read_stage(*table, int(settings.stages.size()) + 1, problems);
    if (!names.insert(stage.name).second)
      problems.add(table->source(), fmt::format("stage '{}' is listed twice", stage.name));
    settings.stages.push_back(std::move(stage));
  }
  bool any_won = std::any_of(settings.stages.begin(), settings.stages.end(),
                             [](const Stage& stage) { return stage.is_won; });
  bool any_lost = std::any_of(settings.stages.begin(), settings.stages.end(),
                              [](const Stage& stage) { return stage.is_closed && !stage.is_won; });
  if (!any_won || !any_lost)
    problems.add(node->source(), "the stages need at least one closed won and one closed lost "
                                 "stage (closed = true, won = true / false)");
}

}  // namespace

Result<Settings> load_settings(const std::filesystem::path& file) {
  std::error_code missing;
  if (!std::filesystem::exists(file, missing))
    return fail(ErrorCode::not_found, fmt::format("configuration file {} does not exist", file.string()),
                "rearview config init writes one with the defaults");
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return fail(ErrorCode::config, fmt::format("{}:{}:{}: {}", file.string(), where.line,
                                               where.column, error.description()));
  }
  Settings settings = default_settings();
  settings.source = file.string();
  Problems problems(file.string());
  reject_unknown_keys(root,
                      {"company", "salesforce", "stages", "tells", "postmortem", "matching",
                       "trackers"},
                      "", problems);
  read_company(root, settings, problems);
  read_salesforce(root, settings, problems);
  read_stages(root, settings, problems);
  read_tells(root, settings, problems);
  read_postmortem(root, settings, problems);
  read_matching(root, settings, problems);
  read_trackers(root, settings, problems);
  check_stage_names(root, settings, problems);
  check_tracker_stages(root, settings, problems);
  if (!problems.empty()) return fail(ErrorCode::config, problems.joined());
  return settings;
}

Result<Settings> resolve_settings(const std::optional<std::filesystem::path>& explicit_file) {
  if (explicit_file) return load_settings(*explicit_file);
  std::error_code missing;
  if (std::filesystem::exists(kDefaultConfigFile, missing)) return load_settings(kDefaultConfigFile);
  return default_settings();
}

std::string default_config_text() {
  std::string text =
      "# rearview configuration. Every setting is optional; these are the defaults.\n\n"
      "[company]\n"
      "name = \"Our company\"\n"
      "# Our own e-mail domains: mail among these addresses only is internal.\n"
      "email_domains = []\n"
      "# Times and dates are shown in this IANA time zone (daylight saving included).\n"
      "time_zone = \"UTC\"\n\n"
      "[salesforce]\n"
      "# API names of the custom fields that hold these on Opportunity.\n"
      "loss_reason_field = \"Loss_Reason__c\"\n"
      "win_reason_field = \"Win_Reason__c\"\n"
      "competitor_field = \"Competitor__c\"\n\n"
      "# The sales process, in order. Milestones go inside a stage:\n"
      "#   [[stages.milestones]]\n"
      "#   key = \"economic_buyer\"\n"
      "#   label = \"Economic buyer identified\"\n"
      "#   kind = \"toggle\"          # toggle, dropdown or picklist (these need options = [...])\n"
      "#   contact_role = \"Economic Buyer\"  # optional: the CRM attains it when a contact gets this role\n"
      "\n# Early-warning tells and their thresholds.\n"
      "# [tells]\n"
      "# no_activity_days = 14        # no interaction at all for this long\n"
      "# ghosted_days = 10            # we wrote, they have not answered for this long\n"
      "# ghosted_unanswered = 2       # ... with at least this many unanswered messages\n"
      "# single_threaded_days = 30    # only one buyer contact engaged in this window\n"
      "# close_date_pushes = 2        # fires at this many pushes\n"
      "# stalled_factor = 2.0         # in a stage longer than this x won deals' median\n"
      "# no_next_meeting_days = 21    # no meeting with the buyer for this long\n"
      "\n# Who reads which postmortem.\n"
      "# [postmortem]\n"
      "# line_in_the_sand = \"Value Proposition\"  # losses before it get the short postmortem\n"
      "# late_stage = \"Proposal/Price Quote\"     # losses from it on go to the QBR\n"
      "# early_loss_audience = [\"rep\", \"first-line manager\", \"marketing\"]\n"
      "# mid_stage_audience = [\"the team\"]\n"
      "# late_stage_audience = [\"quarterly business review\"]\n"
      "# reason_codes = [\"Price\", \"Product fit\", \"Timing\"]   # a buyer interview's reasons\n"
      "\n# Matching mail, meetings and calls to opportunities (docs/matching.md).\n"
      "# [matching]\n"
      "# window_days = 14        # candidates: deals alive then, this many days either side\n"
      "# link_score = 0.6        # linked at or above this score, when no rival is close\n"
      "# review_score = 0.35     # queued for review at or above it, unmatched below\n"
      "# margin = 0.2            # the lead over the runner-up that a link needs\n"
      "# free_mail_domains = []  # never an account's domain, beside the built-in list\n"
      "\n# Phrases found in mail, meetings, calls and notes (docs/trackers.md). Built in:\n"
      "# competitors, pricing, budget, \"legal review\", \"security review\", \"red flags\".\n"
      "# [trackers]\n"
      "# language = \"english\"         # whose word endings: \"prices\" is \"price\"\n"
      "# competitors_from_crm = true    # the opportunities' competitor field names them too\n"
      "# [trackers.competitors]          # replaces the built-in one, key by key\n"
      "# phrases = [\"Globex\", \"Initech Cloud\"]\n"
      "# [trackers.pricing]\n"
      "# expected_before = \"late stage\"  # a tell when the deal gets there first; or a stage\n"
      "# [trackers.\"data residency\"]     # a tracker of your own\n"
      "# phrases = [\"data residency\", \"EU hosting\"]\n"
      "# role = \"topic\"                # topic, competitor or red_flag\n"
      "# buyer_only = false             # only the buyer's words count\n";
  for (const auto& stage : default_stages()) {
    text += fmt::format("\n[[stages]]\nname = \"{}\"\nprobability = {}\n", stage.name,
                        stage.probability);
    if (stage.is_closed) text += fmt::format("closed = true\nwon = {}\n", stage.is_won);
  }
  return text;
}

}  // namespace rearview
