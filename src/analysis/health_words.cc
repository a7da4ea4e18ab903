#include "health_words.h"

#include <array>

#include "health_features.h"
#include "wording.h"

namespace rearview::analysis {
namespace {

std::string reply_text(const HealthFeatures& features, bool favourable) {
  std::string days = elapsed_days(features.days_since_reply);
  if (!features.buyer_replied)
    return favourable ? concat("a new deal: ", days, " since the first touch")
                      : concat("no reply from the buyer yet, ", days, " after the first touch");
  return favourable ? concat("the buyer replied ", days, " ago")
                    : concat("no reply from the buyer for ", days);
}

std::string unanswered_text(const HealthFeatures& features) {
  auto messages = static_cast<long long>(features.unanswered_messages);
  if (messages == 0) return "no message to the buyer waiting for a reply";
  return concat(count_of(messages, "message", "messages"), " to the buyer without a reply");
}

std::string contacts_text(const HealthFeatures& features) {
  auto contacts = static_cast<long long>(features.buyer_contacts_engaged);
  auto window = static_cast<long long>(kRecentDays);
  if (contacts == 0) return concat("no buyer contact engaged in the last ", window, " days");
  if (contacts == 1) return concat("only one buyer contact engaged in the last ", window, " days");
  return concat(contacts, " buyer contacts engaged in the last ", window, " days");
}

std::string senior_text(const HealthFeatures& features) {
  if (features.senior_contact_engaged > 0)
    return concat("a senior contact is engaged: ", features.senior_contact);
  return "no decision maker or senior contact engaged";
}

std::string meetings_text(const HealthFeatures& features) {
  auto meetings = static_cast<long long>(features.recent_meetings);
  auto window = static_cast<long long>(kRecentDays);
  if (meetings == 0) return concat("no meeting with the buyer in the last ", window, " days");
  return concat(count_of(meetings, "meeting", "meetings"), " with the buyer in the last ", window,
                " days");
}

std::string stage_text(const HealthFeatures& features) {
  std::string text = concat(elapsed_days(features.days_in_stage), " in ", features.stage);
  if (features.won_stage_median_days > 0)
    append(text, concat(", won deals' median is ", rounded_days(features.won_stage_median_days)));
  return text;
}

std::string pushes_text(const HealthFeatures& features) {
  int pushes = int(features.close_date_pushes);
  if (pushes == 0) return "close date never pushed";
  std::string text = concat("close date pushed ", times(pushes));
  if (features.close_date) append(text, concat(", now ", format_date(*features.close_date)));
  return text;
}

std::string decreases_text(const HealthFeatures& features) {
  int decreases = int(features.amount_decreases);
  return decreases == 0 ? "amount never lowered" : concat("amount lowered ", times(decreases));
}

std::string milestones_text(const HealthFeatures& features) {
  if (features.milestones_defined == 0) return "no milestones expected yet";
  return concat(static_cast<long long>(features.milestones_attained), " of ",
                count_of(features.milestones_defined, "milestone", "milestones"), " attained");
}

std::string overdue_text(const HealthFeatures& features) {
  if (!features.close_date) return "no close date set";
  if (features.days_overdue > 0)
    return concat(elapsed_days(features.days_overdue), " past the close date of ",
                  format_date(*features.close_date));
  return concat("close date ", format_date(*features.close_date), " still ahead");
}

}  // namespace

std::string feature_text(HealthFeature feature, const HealthFeatures& features, bool favourable) {
  switch (feature) {
    case HealthFeature::days_since_reply:
      return reply_text(features, favourable);
    case HealthFeature::unanswered_messages:
      return unanswered_text(features);
    case HealthFeature::buyer_contacts_engaged:
      return contacts_text(features);
    case HealthFeature::senior_contact_engaged:
      return senior_text(features);
    case HealthFeature::recent_meetings:
      return meetings_text(features);
    case HealthFeature::stage_time_ratio:
      return stage_text(features);
    case HealthFeature::close_date_pushes:
      return pushes_text(features);
    case HealthFeature::amount_decreases:
      return decreases_text(features);
    case HealthFeature::milestone_ratio:
      return milestones_text(features);
    case HealthFeature::days_overdue:
      return overdue_text(features);
  }
  return "";
}

}  // namespace rearview::analysis

namespace rearview {
namespace {

constexpr std::array<std::string_view, kHealthFeatureCount> kFeatureNames = {
    "days_since_reply", "unanswered_messages", "buyer_contacts_engaged", "senior_contact_engaged",
    "recent_meetings",  "stage_time_ratio",    "close_date_pushes",      "amount_decreases",
    "milestone_ratio",  "days_overdue"};

}  // namespace

std::string_view to_string(HealthFeature feature) { return kFeatureNames[std::size_t(feature)]; }

HealthFeature health_feature(std::size_t position) { return static_cast<HealthFeature>(position); }

std::optional<HealthFeature> health_feature_named(std::string_view name) {
  for (std::size_t i = 0; i < kFeatureNames.size(); ++i)
    if (kFeatureNames[i] == name) return health_feature(i);
  return std::nullopt;
}

}  // namespace rearview
