#include "rearview/core/model.h"

#include "rearview/core/interview.h"
#include "rearview/core/matching_store.h"

#include <array>

namespace rearview {
namespace {

template <typename Enum, std::size_t N>
using Names = std::array<std::pair<Enum, std::string_view>, N>;

constexpr Names<Outcome, 3> kOutcomeNames{{
    {Outcome::open, "open"}, {Outcome::won, "won"}, {Outcome::lost, "lost"}}};
constexpr Names<InteractionKind, 4> kKindNames{{{InteractionKind::email, "email"},
                                                {InteractionKind::meeting, "meeting"},
                                                {InteractionKind::call, "call"},
                                                {InteractionKind::note, "note"}}};
constexpr Names<Direction, 4> kDirectionNames{{{Direction::inbound, "inbound"},
                                               {Direction::outbound, "outbound"},
                                               {Direction::internal, "internal"},
                                               {Direction::unknown, "unknown"}}};
constexpr Names<ParticipantRole, 6> kRoleNames{{{ParticipantRole::from, "from"},
                                                {ParticipantRole::to, "to"},
                                                {ParticipantRole::cc, "cc"},
                                                {ParticipantRole::bcc, "bcc"},
                                                {ParticipantRole::attendee, "attendee"},
                                                {ParticipantRole::owner, "owner"}}};
constexpr Names<MilestoneKind, 3> kMilestoneKindNames{{{MilestoneKind::toggle, "toggle"},
                                                       {MilestoneKind::dropdown, "dropdown"},
                                                       {MilestoneKind::picklist, "picklist"}}};
constexpr Names<SourceKind, 4> kSourceKindNames{{{SourceKind::crm, "crm"},
                                                {SourceKind::mailbox, "mailbox"},
                                                {SourceKind::calendar, "calendar"},
                                                {SourceKind::transcript, "transcript"}}};
constexpr Names<LinkMethod, 6> kLinkMethodNames{{{LinkMethod::crm, "crm"},
                                                 {LinkMethod::thread, "thread"},
                                                 {LinkMethod::contact, "contact"},
                                                 {LinkMethod::domain, "domain"},
                                                 {LinkMethod::calendar, "calendar"},
                                                 {LinkMethod::manual, "manual"}}};
constexpr Names<SaidBy, 3> kSaidByNames{
    {{SaidBy::buyer, "buyer"}, {SaidBy::ours, "ours"}, {SaidBy::unknown, "unknown"}}};
constexpr Names<MatchStatus, 3> kMatchStatusNames{{{MatchStatus::linked, "linked"},
                                                   {MatchStatus::review, "review"},
                                                   {MatchStatus::unmatched, "unmatched"}}};
constexpr Names<OutcomeDriver, 3> kDriverNames{{{OutcomeDriver::competitor, "competitor"},
                                                {OutcomeDriver::no_decision, "no_decision"},
                                                {OutcomeDriver::other, "other"}}};

template <typename Enum, std::size_t N>
std::string_view name_of(const Names<Enum, N>& names, Enum value) {
  for (const auto& [candidate, name] : names)
    if (candidate == value) return name;
  return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const Names<Enum, N>& names, std::string_view text) {
  for (const auto& [value, name] : names)
    if (name == text) return value;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Outcome value) { return name_of(kOutcomeNames, value); }
std::string_view to_string(OutcomeDriver value) { return name_of(kDriverNames, value); }
std::optional<OutcomeDriver> outcome_driver_from_string(std::string_view text) {
  return value_of(kDriverNames, text);
}
std::string_view to_string(InteractionKind value) { return name_of(kKindNames, value); }
std::string_view to_string(Direction value) { return name_of(kDirectionNames, value); }
std::string_view to_string(ParticipantRole value) { return name_of(kRoleNames, value); }
std::string_view to_string(MilestoneKind value) { return name_of(kMilestoneKindNames, value); }
std::string_view to_string(SourceKind value) { return name_of(kSourceKindNames, value); }
std::string_view to_string(LinkMethod value) { return name_of(kLinkMethodNames, value); }
std::string_view to_string(SaidBy value) { return name_of(kSaidByNames, value); }
std::string_view to_string(MatchStatus value) { return name_of(kMatchStatusNames, value); }

std::optional<Outcome> outcome_from_string(std::string_view text) {
  return value_of(kOutcomeNames, text);
}
std::optional<InteractionKind> interaction_kind_from_string(std::string_view text) {
  return value_of(kKindNames, text);
}
std::optional<Direction> direction_from_string(std::string_view text) {
  return value_of(kDirectionNames, text);
}
std::optional<ParticipantRole> participant_role_from_string(std::string_view text) {
  return value_of(kRoleNames, text);
}
std::optional<MilestoneKind> milestone_kind_from_string(std::string_view text) {
  return value_of(kMilestoneKindNames, text);
}
std::optional<SourceKind> source_kind_from_string(std::string_view text) {
  return value_of(kSourceKindNames, text);
}
std::optional<LinkMethod> link_method_from_string(std::string_view text) {
  return value_of(kLinkMethodNames, text);
}
std::optional<SaidBy> said_by_from_string(std::string_view text) {
  return value_of(kSaidByNames, text);
}
std::optional<MatchStatus> match_status_from_string(std::string_view text) {
  return value_of(kMatchStatusNames, text);
}

std::optional<double> our_talk_share(const CallTalk& talk) {
  long long known = talk.our_seconds + talk.buyer_seconds;
  if (known <= 0) return std::nullopt;
  return static_cast<double>(talk.our_seconds) / static_cast<double>(known);
}

InteractionLink crm_link(Id opportunity_id, std::optional<Timestamp> linked_at) {
  return InteractionLink{.opportunity_id = std::move(opportunity_id),
                         .method = LinkMethod::crm,
                         .score = 1,
                         .rule = "the CRM record names the opportunity",
                         .linked_at = linked_at,
                         .linked_by = "import"};
}

}  // namespace rearview
