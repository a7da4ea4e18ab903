#include "timeline.h"

#include <fmt/format.h>

#include <algorithm>

#include "wording.h"

namespace rearview::analysis {
namespace {

// Ties at one instant: the creation opens the story, the close ends it.
enum class TieRank { created, event, closed };

enum class Source { created, closed, stage, close_date, amount, milestone, interaction };

// Where an item comes from; items are built in their final order from these,
// so the (large) items themselves are never moved around by the sort.
struct Placement {
  Timestamp at{};
  TieRank rank = TieRank::event;
  Source source = Source::interaction;
  std::size_t position = 0;  // in the list of its source
};

std::string subject_or_placeholder(const Interaction& interaction) {
  return interaction.subject.empty() ? "(no subject)" : interaction.subject;
}

std::string duration_suffix(const Interaction& interaction) {
  if (!interaction.duration_seconds || *interaction.duration_seconds <= 0) return "";
  return fmt::format(" ({} min)", started_minutes(*interaction.duration_seconds));
}

std::string short_name(const DealIndex& index, const Participant& participant) {
  if (!participant.name.empty()) return participant.name;
  if (participant.contact_id)
    if (const ContactSummary* contact = contact_with_id(index.snapshot, *participant.contact_id);
        contact && !contact->name.empty())
      return contact->name;
  if (participant.user_id && participant.user_id == index.snapshot.opportunity.owner_id &&
      !index.snapshot.owner_name.empty())
    return index.snapshot.owner_name;
  if (!participant.address.empty()) return participant.address;
  if (participant.contact_id) return *participant.contact_id;
  return participant.user_id.value_or("");
}

// The other side of an e-mail: its sender when it came in, its first
// recipient when it went out.
std::string correspondent(const DealIndex& index, const Interaction& email, ParticipantRole role) {
  for (const auto& participant : email.participants)
    if (participant.role == role) return short_name(index, participant);
  return "";
}

std::string interaction_summary(const DealIndex& index, const Interaction& interaction) {
  std::string subject = subject_or_placeholder(interaction);
  switch (interaction.kind) {
    case InteractionKind::email: {
      if (interaction.direction == Direction::inbound) {
        std::string from = correspondent(index, interaction, ParticipantRole::from);
        return from.empty() ? "Email from the buyer: " + subject
                            : "Email from " + from + ": " + subject;
      }
      if (interaction.direction == Direction::outbound) {
        std::string to = correspondent(index, interaction, ParticipantRole::to);
        return to.empty() ? "Email to the buyer: " + subject : "Email to " + to + ": " + subject;
      }
      if (interaction.direction == Direction::internal) return "Internal email: " + subject;
      return "Email: " + subject;
    }
    case InteractionKind::meeting:
      return "Meeting: " + subject + duration_suffix(interaction);
    case InteractionKind::call: {
      std::string_view kind = interaction.direction == Direction::inbound    ? "Inbound call"
                              : interaction.direction == Direction::outbound ? "Outbound call"
                                                                             : "Call";
      return fmt::format("{}: {}{}", kind, subject, duration_suffix(interaction));
    }
    case InteractionKind::note:
      return "Note: " + subject;
  }
  return subject;
}

TimelineItem interaction_item(const DealIndex& index, std::size_t position) {
  const Interaction& interaction = index.snapshot.interactions[position];
  TimelineItem item{.at = interaction.occurred_at,
                    .kind = std::string(to_string(interaction.kind)),
                    .direction = std::string(to_string(interaction.direction)),
                    .stage = index.stage_at(interaction.occurred_at),
                    .summary = interaction_summary(index, interaction),
                    .id = index.interaction_ids[position],
                    .subject = interaction.subject,
                    .body = interaction.body,
                    .duration_seconds = interaction.duration_seconds,
                    .talk = interaction.talk,
                    .tracker_hits = interaction.tracker_hits};
  for (const auto& participant : interaction.participants)
    item.participants.push_back(participant_text(index, participant, interaction.kind));
  item.origin = ItemOrigin{.source = interaction.source,
                           .source_id = interaction.source_id.empty() ? interaction.id
                                                                      : interaction.source_id};
  // A snapshot holds the one link to its deal (none for a deal built in memory).
  for (const auto& link : interaction.links) {
    if (link.opportunity_id != index.snapshot.opportunity.id) continue;
    item.origin->method = link.method;
    item.origin->score = link.score;
    item.origin->rule = link.rule;
  }
  return item;
}

int open_stages_between(const DealIndex& index, int lower_order, int upper_order) {
  int between = 0;
  for (const auto& stage : index.settings.stages)
    if (!stage.is_closed && stage.sort_order > lower_order && stage.sort_order < upper_order)
      ++between;
  return between;
}

std::string stage_summary(const DealIndex& index, std::size_t position) {
  const EntryFacts& entry = index.entries[position];
  const std::string& stage = entry.entry->stage;
  if (position == 0) return "Started in " + stage;
  const EntryFacts& previous = index.entries[position - 1];
  const std::string& from = previous.entry->stage;
  if (previous.is_closed && !entry.is_closed)
    return fmt::format("Reopened in {} (was {})", stage, from);
  if (entry.is_closed) return fmt::format("{} (from {})", stage, from);
  bool known = entry.order != kUnknownStageOrder && previous.order != kUnknownStageOrder;
  if (known && entry.order > previous.order) {
    int skipped = open_stages_between(index, previous.order, entry.order);
    if (skipped == 0) return fmt::format("Moved forward from {} to {}", from, stage);
    return fmt::format("Moved forward from {} to {}, skipping {}", from, stage,
                       count_of(skipped, "stage", "stages"));
  }
  if (known && entry.order < previous.order)
    return fmt::format("Moved back from {} to {}", from, stage);
  return fmt::format("Moved from {} to {}", from, stage);
}

TimelineItem stage_item(const DealIndex& index, std::size_t position) {
  const EntryFacts& entry = index.entries[position];
  return TimelineItem{.at = entry.entry->entered_at,
                      .kind = "stage",
                      .stage = entry.entry->stage,
                      .summary = stage_summary(index, position),
                      .id = entry.id};
}

std::string date_or_none(const std::optional<Date>& date) {
  return date ? format_date(*date) : "none";
}

std::string close_date_summary(const CloseDateChange& change) {
  if (!change.from) return "Close date set to " + date_or_none(change.to);
  if (!change.to) return "Close date cleared (was " + format_date(*change.from) + ")";
  double days = double((*change.to - *change.from).count());
  if (change.pushed)
    return fmt::format("Close date pushed from {} to {} ({} later)", format_date(*change.from),
                       format_date(*change.to), elapsed_days(days));
  if (days < 0)
    return fmt::format("Close date pulled in from {} to {} ({} earlier)", format_date(*change.from),
                       format_date(*change.to), elapsed_days(-days));
  return "Close date confirmed as " + format_date(*change.to);
}

std::string amount_summary(const DealIndex& index, const AmountChange& change) {
  const std::string& currency = index.snapshot.opportunity.currency;
  auto text = [&](const std::optional<double>& amount) {
    return amount ? amount_text(*amount, currency) : std::string("none");
  };
  if (!change.from) return "Amount set to " + text(change.to);
  if (change.decreased)
    return fmt::format("Amount lowered from {} to {}", text(change.from), text(change.to));
  if (change.to && *change.to > *change.from)
    return fmt::format("Amount raised from {} to {}", text(change.from), text(change.to));
  return fmt::format("Amount changed from {} to {}", text(change.from), text(change.to));
}

TimelineItem close_date_item(const DealIndex& index, std::size_t position) {
  const CloseDateChange& change = index.close_date_changes[position];
  return TimelineItem{.at = change.at,
                      .kind = "close_date",
                      .stage = index.stage_at(change.at),
                      .summary = close_date_summary(change),
                      .id = index.change_ids[std::size_t(change.change)]};
}

TimelineItem amount_item(const DealIndex& index, std::size_t position) {
  const AmountChange& change = index.amount_changes[position];
  return TimelineItem{.at = change.at,
                      .kind = "amount",
                      .stage = index.stage_at(change.at),
                      .summary = amount_summary(index, change),
                      .id = index.change_ids[std::size_t(change.change)]};
}

std::string milestone_summary(const DealIndex& index, const MilestoneAttainment& attainment) {
  std::string label = milestone_label(index, attainment);
  if (!is_attained(attainment)) return "Milestone taken back: " + label;
  if (equal_ignoring_case(attainment.value, "true")) return "Milestone attained: " + label;
  return fmt::format("Milestone attained: {}: {}", label, attainment.value);
}

TimelineItem milestone_item(const DealIndex& index, std::size_t position) {
  const auto& attainment = index.snapshot.milestones[position];
  return TimelineItem{.at = attainment.attained_at,
                      .kind = "milestone",
                      .stage = index.stage_at(attainment.attained_at),
                      .summary = milestone_summary(index, attainment),
                      .id = index.milestone_ids[position]};
}

std::string closed_summary(const Opportunity& opportunity) {
  std::string summary = opportunity.outcome == Outcome::won ? "Closed won" : "Closed lost";
  std::vector<std::string> details;
  const std::string& reason =
      opportunity.outcome == Outcome::won ? opportunity.win_reason : opportunity.loss_reason;
  if (!reason.empty()) details.push_back("reason: " + reason);
  if (!opportunity.competitor.empty()) details.push_back("competitor: " + opportunity.competitor);
  if (!details.empty()) summary += fmt::format(" ({})", fmt::join(details, "; "));
  return summary;
}

TimelineItem created_item(const DealIndex& index) {
  Timestamp at = *index.snapshot.opportunity.created_at;
  std::string stage = index.stage_at(at);
  std::string summary = stage.empty() ? "Opportunity created" : "Opportunity created in " + stage;
  return TimelineItem{.at = at,
                      .kind = "created",
                      .stage = std::move(stage),
                      .summary = std::move(summary),
                      .id = "created"};
}

TimelineItem closed_item(const DealIndex& index) {
  return TimelineItem{.at = index.end,
                      .kind = "closed",
                      .stage = index.stage_at(index.end),
                      .summary = closed_summary(index.snapshot.opportunity),
                      .id = "closed"};
}

std::vector<Placement> placements(const DealIndex& index) {
  std::vector<Placement> placed;
  placed.reserve(index.snapshot.interactions.size() + index.entries.size() +
                 index.close_date_changes.size() + index.amount_changes.size() +
                 index.snapshot.milestones.size() + 2);
  if (index.snapshot.opportunity.created_at)
    placed.push_back({*index.snapshot.opportunity.created_at, TieRank::created, Source::created});
  if (index.closed) placed.push_back({index.end, TieRank::closed, Source::closed});
  auto place_all = [&](Source source, std::size_t count, auto time_of) {
    for (std::size_t i = 0; i < count; ++i)
      placed.push_back({time_of(i), TieRank::event, source, i});
  };
  place_all(Source::stage, index.entries.size(),
            [&](std::size_t i) { return index.entries[i].entry->entered_at; });
  place_all(Source::close_date, index.close_date_changes.size(),
            [&](std::size_t i) { return index.close_date_changes[i].at; });
  place_all(Source::amount, index.amount_changes.size(),
            [&](std::size_t i) { return index.amount_changes[i].at; });
  place_all(Source::milestone, index.snapshot.milestones.size(),
            [&](std::size_t i) { return index.snapshot.milestones[i].attained_at; });
  place_all(Source::interaction, index.snapshot.interactions.size(),
            [&](std::size_t i) { return index.snapshot.interactions[i].occurred_at; });
  std::stable_sort(placed.begin(), placed.end(), [](const Placement& left, const Placement& right) {
    if (left.at != right.at) return left.at < right.at;
    return left.rank < right.rank;
  });
  return placed;
}

TimelineItem item_at(const DealIndex& index, const Placement& placement) {
  switch (placement.source) {
    case Source::created:
      return created_item(index);
    case Source::closed:
      return closed_item(index);
    case Source::stage:
      return stage_item(index, placement.position);
    case Source::close_date:
      return close_date_item(index, placement.position);
    case Source::amount:
      return amount_item(index, placement.position);
    case Source::milestone:
      return milestone_item(index, placement.position);
    case Source::interaction:
      return interaction_item(index, placement.position);
  }
  return {};
}

}  // namespace

std::string participant_text(const DealIndex& index, const Participant& participant,
                             InteractionKind kind) {
  std::string name = short_name(index, participant);
  // A meeting's sender is the one who organized it.
  std::string_view role = kind == InteractionKind::meeting && participant.role == ParticipantRole::from
                              ? "organizer"
                              : to_string(participant.role);
  std::string text;
  text.reserve(name.size() + participant.address.size() + role.size() + 6);
  text += name;
  if (!participant.address.empty() && participant.address != name) {
    if (!text.empty()) text += " <";
    text += participant.address;
    if (!name.empty()) text += '>';
  }
  text += " (";
  text += role;
  text += ')';
  return text;
}

std::string milestone_label(const DealIndex& index, const MilestoneAttainment& attainment) {
  for (const auto& stage : index.settings.stages) {
    if (!attainment.stage.empty() && stage.name != attainment.stage) continue;
    for (const auto& definition : stage.milestones)
      if (definition.key == attainment.key && !definition.label.empty()) return definition.label;
  }
  return attainment.key;
}

std::vector<TimelineItem> build_timeline(const DealIndex& index) {
  std::vector<Placement> placed = placements(index);
  std::vector<TimelineItem> timeline;
  timeline.reserve(placed.size());
  for (const auto& placement : placed) timeline.push_back(item_at(index, placement));
  return timeline;
}

}  // namespace rearview::analysis
