// What an organisation configures (rearview.toml). Plain data; the config
// layer reads it from TOML, everything else only reads these fields.
#pragma once

#include <string>
#include <vector>

#include "rearview/core/model.h"
#include "rearview/core/time_zone.h"

namespace rearview {

// Thresholds of the early-warning tells (rearview.toml [tells]).
struct TellSettings {
  int no_activity_days = 14;      // no interaction at all for this long
  int ghosted_days = 10;          // we wrote, they have not answered for this long
  int ghosted_unanswered = 2;     // ... with at least this many unanswered messages
  int single_threaded_days = 30;  // only one buyer contact engaged in this window
  int close_date_pushes = 2;      // fires at this many pushes
  double stalled_factor = 2.0;    // in a stage longer than this x won deals' median
  int no_next_meeting_days = 21;  // no meeting with the buyer in the last this many days
  // Matched as whole words, ignoring case ("Head of IT" is senior, "Headquarters" is not).
  std::vector<std::string> senior_title_words = {
      "chief",          "ceo",       "cfo",  "cio",      "cto",   "coo",    "vp", "svp", "evp",
      "vice president", "president", "head", "director", "owner", "founder"};
  std::vector<std::string> senior_roles = {"Economic Buyer", "Decision Maker",
                                           "Economic Decision Maker", "Executive Sponsor"};
};

// Who reads which postmortem (rearview.toml [postmortem]).
struct PostmortemSettings {
  // Deals lost before this stage get the short postmortem. Empty: the first
  // stage with probability >= 50%.
  std::string line_in_the_sand;
  std::vector<std::string> early_loss_audience = {"rep", "first-line manager", "marketing"};
  std::vector<std::string> mid_stage_audience = {"the team"};
  std::vector<std::string> late_stage_audience = {"quarterly business review"};
  // Losses at or after this stage are late-stage. Empty: the first stage
  // with probability >= 75%.
  std::string late_stage;
  // Open deals: the live report is read by the rep and their manager.
  std::vector<std::string> open_deal_audience = {"rep", "first-line manager"};
  // The codes a buyer interview's reasons are given in.
  std::vector<std::string> reason_codes = {
      "Price",           "Product fit",        "Missing feature", "Ease of use",
      "Implementation",  "Integration",        "Security and compliance", "Support",
      "Relationship",    "Trust in the vendor", "Timing",          "Budget",
      "No business case", "Champion left",     "Internal politics", "Competitor's strength"};
};

// Which opportunity an interaction read from a mailbox, a calendar or a
// call recorder belongs to (rearview.toml [matching]; docs/matching.md).
struct MatchingSettings {
  // Candidates are the opportunities alive at the time, widened by this many
  // days before creation and after the close.
  int window_days = 14;
  double link_score = 0.6;    // linked at or above this, when no rival is close
  double review_score = 0.35;  // queued for review at or above this; unmatched below
  double margin = 0.2;        // the lead over the runner-up a link needs
  std::vector<std::string> free_mail_domains;  // beside the built-in list (gmail.com, ...)
};

// What a tracker's hits mean to the tells: a competitor named, a red flag
// the buyer raised, or a topic (pricing, budget, a review) discussed.
enum class TrackerRole { topic, competitor, red_flag };

// Phrases found in the text of mail, meetings, calls and notes
// (rearview.toml [trackers]; docs/trackers.md). Matched as whole words,
// ignoring case and word endings ("prices" is "pricing", "going" is "go").
struct Tracker {
  std::string name;  // "pricing": a word or two, as shown on the timeline
  std::vector<std::string> phrases;
  TrackerRole role = TrackerRole::topic;
  bool buyer_only = false;  // only the buyer's words count
  // A tell fires when the deal reaches this stage before the topic was
  // discussed ("pricing never discussed before Proposal/Price Quote").
  // "" for none; "late stage" for the postmortem's late stage.
  std::string expected_before;
};

// Tracker::expected_before naming the postmortem's late stage, whatever it is.
inline constexpr std::string_view kLateStageName = "late stage";

std::string_view to_string(TrackerRole role);  // topic, competitor, red_flag
std::optional<TrackerRole> tracker_role_from_string(std::string_view text);

struct TrackerSettings {
  std::string language = "english";  // the word endings' rules (Snowball's names)
  // The CRM's competitor field (Competitor__c) names competitors too.
  bool competitors_from_crm = true;
  std::vector<Tracker> trackers = default_trackers();

  static std::vector<Tracker> default_trackers();
};

struct Settings {
  std::string company_name = "Our company";
  std::vector<std::string> company_email_domains;  // lower-case, e.g. "example.com"
  TimeZone time_zone;                              // times are shown in it (default UTC)

  // Salesforce custom fields that carry what the standard object lacks.
  std::string loss_reason_field = "Loss_Reason__c";
  std::string win_reason_field = "Win_Reason__c";
  std::string competitor_field = "Competitor__c";

  // The sales process in order. Stages the data uses but this list lacks are
  // added on import (order from StageSortOrder, closed/won from IsClosed/IsWon).
  std::vector<Stage> stages;

  TellSettings tells;
  PostmortemSettings postmortem;
  MatchingSettings matching;
  TrackerSettings trackers;

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
