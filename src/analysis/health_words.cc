#include "health_words.h"

#include <charconv>
#include <cmath>

#include "health_features.h"
#include "wording.h"

namespace rearview::analysis {
namespace {

long long whole(double value) { return static_cast<long long>(std::floor(value)); }

// "<what> rose from <from> to <to>"
template <typename From, typename To>
std::string moved(std::string_view what, bool rose, const From& from, const To& to) {
  return concat(what, rose ? " rose from " : " fell from ", from, " to ", to);
}

std::string one_decimal(double value) {
  char digits[32];
  auto [end, error] =
      std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, 1);
  return error == std::errc() ? std::string(digits, end) : std::string("many");
}

const auto kWindow = static_cast<long long>(kRecentDays);

std::string reply_change(const HealthFeatures& before, const HealthFeatures& after, bool rose) {
  std::string_view what = after.buyer_replied ? "days since the buyer last replied"
                                              : "days without a reply since the first touch";
  return moved(what, rose, whole(before.days_since_reply), whole(after.days_since_reply));
}

std::string senior_change(const HealthFeatures& after, bool rose) {
  return rose ? concat("a senior contact engaged: ", after.senior_contact)
              : std::string("no decision maker or senior contact is engaged any more");
}

// One decimal unless whole: a deal 7 days in a stage whose median is 6.9 is
// beyond it, which "median is 7" would hide.
std::string median_days(double days) {
  return days == std::floor(days) ? rounded_days(days) : one_decimal(days);
}

// How the stay compares with won deals: "2.5× won deals' median in Needs
// Analysis". Only the time beyond the median is an input, so within it is
// all there is to say.
std::string stage_pace(const HealthFeatures& features) {
  if (features.won_stage_median_days <= 0)
    return concat("no won deals to compare with in ", features.stage);
  double ratio = std::floor(features.days_in_stage) / features.won_stage_median_days;
  if (ratio <= 1) return concat("within won deals' median in ", features.stage);
  return concat(one_decimal(ratio), "× won deals' median in ", features.stage);
}

std::string stage_change(const HealthFeatures& before, const HealthFeatures& after, bool rose) {
  // Against the same median, the days say it plainly.
  if (before.stage == after.stage && before.won_stage_median_days == after.won_stage_median_days)
    return concat(moved(concat("days in ", after.stage), rose, whole(before.days_in_stage),
                        whole(after.days_in_stage)),
                  ", won deals' median is ", median_days(after.won_stage_median_days));
  return moved("time in the stage", rose, stage_pace(before), stage_pace(after));
}

std::string pushes_change(const HealthFeatures& before, const HealthFeatures& after, bool rose) {
  std::string text = moved("close date pushes", rose, whole(before.close_date_pushes),
                           whole(after.close_date_pushes));
  if (after.close_date) append(text, concat(", now ", format_date(*after.close_date)));
  return text;
}

std::string milestones_value(const HealthFeatures& features) {
  if (features.milestones_defined == 0) return "all (none due yet)";
  return concat(static_cast<long long>(features.milestones_attained), " of ",
                static_cast<long long>(features.milestones_defined));
}

std::string overdue_change(const HealthFeatures& before, const HealthFeatures& after, bool rose) {
  std::string text = moved("days past the close date", rose, whole(before.days_overdue),
                           whole(after.days_overdue));
  if (after.close_date && after.close_date != before.close_date)
    append(text, concat(", the close date is now ", format_date(*after.close_date)));
  return text;
}

}  // namespace

std::string change_text(HealthFeature feature, const HealthFeatures& before,
                        const HealthFeatures& after, bool rose) {
  switch (feature) {
    case HealthFeature::days_since_reply:
      return reply_change(before, after, rose);
    case HealthFeature::unanswered_messages:
      return moved("messages to the buyer without a reply", rose, whole(before.unanswered_messages),
                   whole(after.unanswered_messages));
    case HealthFeature::buyer_contacts_engaged:
      return moved(concat("buyer contacts engaged in the last ", kWindow, " days"), rose,
                   whole(before.buyer_contacts_engaged), whole(after.buyer_contacts_engaged));
    case HealthFeature::senior_contact_engaged:
      return senior_change(after, rose);
    case HealthFeature::recent_meetings:
      return moved(concat("meetings with the buyer in the last ", kWindow, " days"), rose,
                   whole(before.recent_meetings), whole(after.recent_meetings));
    case HealthFeature::stage_time_beyond_median:
      return stage_change(before, after, rose);
    case HealthFeature::close_date_pushes:
      return pushes_change(before, after, rose);
    case HealthFeature::amount_decreases:
      return moved("amount decreases", rose, whole(before.amount_decreases),
                   whole(after.amount_decreases));
    case HealthFeature::milestone_ratio:
      return moved("milestones attained", rose, milestones_value(before), milestones_value(after));
    case HealthFeature::days_overdue:
      return overdue_change(before, after, rose);
    case HealthFeature::deal_age_days:
      return concat(
          moved("the deal's age", rose, whole(before.deal_age_days), whole(after.deal_age_days)),
          " days");
  }
  return "";
}

}  // namespace rearview::analysis
