#include "reason_comparison.h"

#include <fmt/format.h>

#include "rearview/core/text.h"

namespace rearview::analysis {
namespace {

// "Price" and "price / budget" tell the same story: one names the other.
bool same_reason(std::string_view crm, std::string_view buyer) {
  std::string a = lower(trim(crm));
  std::string b = lower(trim(buyer));
  if (a.empty() || b.empty()) return false;
  return a.find(b) != std::string::npos || b.find(a) != std::string::npos;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i)
    text += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return text;
}

std::string summary_of(const ReasonComparison& comparison, const BuyerInterview& interview,
                       std::string_view crm_field) {
  std::string crm = comparison.crm_reason.empty()
                        ? fmt::format("The CRM records no {} reason", crm_field)
                        : fmt::format("The CRM's {} reason is \"{}\"", crm_field,
                                      comparison.crm_reason);
  std::string buyer = interview.reasons.empty()
                          ? "the buyer gave no coded reason"
                          : fmt::format("the buyer named {}", joined(interview.reasons));
  std::string verdict = comparison.reasons_differ ? "they differ" : "they agree";
  std::string text = fmt::format("{}; {}: {}.", crm, buyer, verdict);
  if (comparison.competitor_differs)
    text += fmt::format(" The CRM names {} as the competitor, the buyer {}.",
                        comparison.crm_competitor.empty() ? "no one"
                                                          : "\"" + comparison.crm_competitor + "\"",
                        interview.competitor.empty() ? "no one" : "\"" + interview.competitor + "\"");
  return text;
}

}  // namespace

std::optional<ReasonComparison> compare_reasons(const Opportunity& opportunity,
                                                const std::optional<BuyerInterview>& interview) {
  if (!interview || opportunity.outcome == Outcome::open) return std::nullopt;
  bool lost = opportunity.outcome == Outcome::lost;
  ReasonComparison comparison{.crm_reason = lost ? opportunity.loss_reason : opportunity.win_reason,
                              .crm_competitor = opportunity.competitor};
  bool agreed = false;
  for (const auto& reason : interview->reasons) agreed = agreed || same_reason(comparison.crm_reason, reason);
  comparison.reasons_differ = !agreed;
  bool buyer_names_one = interview->driver == OutcomeDriver::competitor;
  comparison.competitor_differs =
      lost && (buyer_names_one || !comparison.crm_competitor.empty()) &&
      !(buyer_names_one && same_reason(comparison.crm_competitor, interview->competitor));
  comparison.summary = summary_of(comparison, *interview, lost ? "loss" : "win");
  return comparison;
}

}  // namespace rearview::analysis
