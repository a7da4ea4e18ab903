#include "rearview/service/interviews.h"

#include <fmt/format.h>

#include <algorithm>

#include "audit.h"
#include "rearview/core/text.h"
#include "rearview/service/access.h"

namespace rearview::service {
namespace {

Result<void> check_answers(const Settings& settings, const BuyerInterview& interview) {
  for (const auto& reason : interview.reasons) {
    const auto& codes = settings.postmortem.reason_codes;
    if (std::find(codes.begin(), codes.end(), reason) == codes.end())
      return fail(ErrorCode::invalid_input, fmt::format("\"{}\" is not one of the reason codes", reason),
                  "use the codes of rearview.toml [postmortem] reason_codes");
  }
  if (interview.driver == OutcomeDriver::competitor && trim(interview.competitor).empty())
    return fail(ErrorCode::invalid_input, "name the competitor that won the buyer over");
  bool answered = !trim(interview.value_in_their_words).empty() || !interview.voices.empty() ||
                  !trim(interview.deciding_factors).empty() || interview.driver ||
                  !interview.reasons.empty() || !interview.quotes.empty();
  if (!answered) return fail(ErrorCode::invalid_input, "the interview has no answer yet");
  return {};
}

}  // namespace

bool may_interview(const AppUser& user) {
  return user.role == Role::admin || user.role == Role::manager || user.role == Role::interviewer;
}

Result<bool> owns_deal(Session& session, const AppUser& user, const Id& opportunity_id) {
  if (!user.crm_user_id) return false;
  return session.deals().in_scope(
      opportunity_id, DealScope{.kind = DealScope::Kind::owned_by, .crm_user_id = *user.crm_user_id});
}

Result<BuyerInterview> record_interview(Session& session, const Settings& settings,
                                        const Clock& clock, const AppUser& by,
                                        BuyerInterview interview, bool override_owner) {
  const Id id = interview.opportunity_id;
  if (auto visible = check_may_see(session, by, id); !visible) return std::unexpected(visible.error());
  if (!may_interview(by))
    return fail(ErrorCode::denied, "your role may not record buyer interviews");
  auto owner = owns_deal(session, by, id);
  if (!owner) return std::unexpected(owner.error());
  if (*owner && !(override_owner && is_admin(by)))
    return fail(ErrorCode::denied,
                "the deal's owner does not interview its buyer: the buyer speaks more freely "
                "to someone else",
                "ask an interviewer or a manager, or (an admin) override it");
  if (auto valid = check_answers(settings, interview); !valid) return std::unexpected(valid.error());
  interview.interviewer = by.name;
  interview.interviewer_email = by.email;
  interview.recorded_at = clock.now();
  interview.owner_override = *owner;
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  if (auto saved = session.interviews().save_interview(interview); !saved)
    return std::unexpected(saved.error());
  if (auto logged = audit(session, clock, by.id, *owner ? "interview.owner_override" : "interview.record",
                          id, interview.driver ? std::string(to_string(*interview.driver)) : "");
      !logged)
    return std::unexpected(logged.error());
  if (auto committed = transaction->commit(); !committed) return std::unexpected(committed.error());
  return interview;
}

Result<std::optional<BuyerInterview>> interview_of(Session& session, const AppUser& user,
                                                   const Id& opportunity_id) {
  if (auto visible = check_may_see(session, user, opportunity_id); !visible)
    return std::unexpected(visible.error());
  return session.interviews().interview(opportunity_id);
}

}  // namespace rearview::service
