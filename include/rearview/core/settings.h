// What an organisation configures (rearview.toml). Plain data; the config
// layer reads it from TOML, everything else only reads these fields.
#pragma once

#include <string>
#include <vector>

#include "rearview/core/model.h"

namespace rearview {

struct Settings {
  std::string company_name = "Our company";
  std::vector<std::string> company_email_domains;  // lower-case, e.g. "example.com"
  std::string time_zone = "UTC";                   // IANA name; dates are shown in it

  // Salesforce custom fields that carry what the standard object lacks.
  std::string loss_reason_field = "Loss_Reason__c";
  std::string win_reason_field = "Win_Reason__c";
  std::string competitor_field = "Competitor__c";

  // The sales process in order. Stages the data uses but this list lacks are
  // added on import (order from StageSortOrder, closed/won from IsClosed/IsWon).
  std::vector<Stage> stages;

  std::string source;  // the file these came from, or "built-in defaults"
};

// Salesforce's standard sales process, used when rearview.toml has no stages.
std::vector<Stage> default_stages();

Settings default_settings();

// Lower-cases and checks whether the address's domain is one of ours.
bool is_company_address(const Settings& settings, std::string_view address);

}  // namespace rearview

namespace rearview {

// For a stage name that no configuration or export describes: "Closed Won",
// "Won" -> closed and won; "Closed Lost", "Lost", "Closed" -> closed, not won.
Stage guess_stage(std::string_view name);

}  // namespace rearview
