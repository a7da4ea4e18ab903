#include "deal_index.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <unordered_set>

#include "deal_life.h"
#include "wording.h"

namespace rearview::analysis {
namespace {

// The first element later than `at` in a range sorted by time.
template <typename Range, typename TimeOf>
auto first_later(const Range& range, Timestamp at, TimeOf time_of) {
  return std::upper_bound(range.begin(), range.end(), at, [&](Timestamp time, const auto& element) {
    return time < time_of(element);
  });
}

// A lambda rather than a function, so that the searches inline it.
constexpr auto time_of_moment = [](const Moment& moment) { return moment.at; };

// Positions of the items in time order (equal times keep their order): the
// snapshot promises time order, but one unsorted list must not skew a report.
template <typename Item, typename TimeOf>
std::vector<int> positions_in_time_order(const std::vector<Item>& items, TimeOf time_of) {
  std::vector<int> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = int(i);
  std::stable_sort(order.begin(), order.end(), [&](int left, int right) {
    return time_of(items[std::size_t(left)]) < time_of(items[std::size_t(right)]);
  });
  return order;
}

std::string alphanumeric_lower(std::string_view text) {
  std::string folded;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c)))
      folded += char(std::tolower(static_cast<unsigned char>(c)));
  return folded;
}

const ContactSummary* contact_with_address(const OpportunitySnapshot& snapshot,
                                           std::string_view address) {
  for (const auto& contact : snapshot.contacts)
    if (!contact.email.empty() && equal_ignoring_case(contact.email, address)) return &contact;
  return nullptr;
}

// Whether a participant of a buyer interaction is on the buyer's side. Our
// users are known by user id; a sender without one on an inbound e-mail is
// the buyer even when the address is not a known contact.
bool is_buyer(const Interaction& interaction, const Participant& participant) {
  if (participant.user_id) return false;
  if (participant.contact_id) return true;
  if (participant.address.empty()) return false;
  if (interaction.kind == InteractionKind::email)
    return participant.role == ParticipantRole::from && interaction.direction == Direction::inbound;
  return participant.role == ParticipantRole::attendee;
}

bool is_buyer_interaction(const Interaction& interaction) {
  return interaction.kind != InteractionKind::note && interaction.direction != Direction::internal;
}

// Replying or meeting engages the buyer; being written to does not.
bool engages_buyer(const Interaction& interaction) {
  if (!is_buyer_interaction(interaction)) return false;
  if (interaction.kind == InteractionKind::email)
    return interaction.direction == Direction::inbound;
  return true;
}

bool is_reply(const Interaction& interaction) {
  if (!is_buyer_interaction(interaction)) return false;
  return interaction.direction == Direction::inbound ||
         interaction.kind == InteractionKind::meeting;
}

}  // namespace

const ContactSummary* contact_with_id(const OpportunitySnapshot& snapshot, const Id& id) {
  for (const auto& contact : snapshot.contacts)
    if (contact.id == id) return &contact;
  return nullptr;
}

TrackedChange tracked_change(const FieldChange& change) {
  std::string field = alphanumeric_lower(change.field);
  if (field == "amount") return TrackedChange::amount;
  if (field == "closedate") return TrackedChange::close_date;
  return TrackedChange::other;
}

std::optional<double> parse_amount(std::string_view text) {
  std::string digits;
  for (char c : text)
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-') digits += c;
  if (digits.empty()) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(digits.c_str(), &end);
  // 400 digits parse as infinity, which no amount is.
  if (end != digits.c_str() + digits.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool is_attained(const MilestoneAttainment& attainment) {
  return !attainment.value.empty() && !equal_ignoring_case(attainment.value, "false");
}

DealIndex::DealIndex(const OpportunitySnapshot& snapshot, const WonCohort& cohort,
                     const AnalysisSettings& settings)
    : snapshot(snapshot), settings(settings), catalogue(settings.stages) {
  closed = snapshot.opportunity.outcome != Outcome::open;
  end = end_of_life(snapshot, settings.as_of);
  first_touch = analysis::first_touch(snapshot);
  line_in_the_sand =
      catalogue.threshold_stage(settings.postmortem.line_in_the_sand, kLineInTheSandProbability);
  late_stage = catalogue.threshold_stage(settings.postmortem.late_stage, kLateStageProbability);
  for (const auto& word : settings.tells.senior_title_words)
    senior_title_words_.push_back(lower(word));

  index_interactions();
  index_entries(cohort);
  index_field_changes();
  index_milestones();
  index_tracker_hits();
  assign_unique_ids();

  if (first_touch) {
    start = *first_touch;
  } else {
    start = entries.empty() ? end : entries.front().entry->entered_at;
  }
}

void DealIndex::index_interactions() {
  const auto& interactions = snapshot.interactions;
  interaction_ids.reserve(interactions.size());
  for (const auto& interaction : interactions) interaction_ids.push_back(interaction.id);
  auto time_of = [](const Interaction& interaction) { return interaction.occurred_at; };
  for (int position : positions_in_time_order(interactions, time_of)) {
    const Interaction& interaction = interactions[std::size_t(position)];
    Moment moment{interaction.occurred_at, position};
    if (!is_buyer_interaction(interaction)) continue;
    activities.push_back(moment);
    if (is_reply(interaction)) replies.push_back(moment);
    if (interaction.kind == InteractionKind::email && interaction.direction == Direction::outbound)
      outbound_messages.push_back(moment);
    if (interaction.kind == InteractionKind::meeting) meetings.push_back(moment);
    if (engages_buyer(interaction)) index_participants(interaction, position);
  }
}

void DealIndex::index_participants(const Interaction& interaction, int position) {
  for (const auto& participant : interaction.participants) {
    if (!is_buyer(interaction, participant)) continue;
    int contact = buyer_contact(participant);
    Engagement engagement{interaction.occurred_at, contact, position};
    engagements.push_back(engagement);
    if (buyer_contacts[std::size_t(contact)].senior && !first_senior_engagement)
      first_senior_engagement = engagement;
  }
}

int DealIndex::buyer_contact(const Participant& participant) {
  // Most participants are known contacts: compare without building a key.
  for (std::size_t i = 0; i < buyer_contacts.size(); ++i) {
    const std::string& known = buyer_contacts[i].key;
    if (participant.contact_id ? known == *participant.contact_id
                               : equal_ignoring_case(known, participant.address))
      return int(i);
  }
  std::string key = participant.contact_id ? *participant.contact_id : lower(participant.address);

  const ContactSummary* contact = participant.contact_id
                                      ? contact_with_id(snapshot, *participant.contact_id)
                                      : contact_with_address(snapshot, participant.address);
  BuyerContact buyer{.key = key};
  buyer.name = contact && !contact->name.empty() ? contact->name
               : !participant.name.empty()       ? participant.name
               : !participant.address.empty()    ? participant.address
                                                 : key;
  if (contact) {
    if (!contact->title.empty()) buyer.name += " (" + contact->title + ")";
    std::string title = lower(contact->title);
    for (const auto& word : senior_title_words_)
      buyer.senior = buyer.senior || contains_words(title, word);
    for (const auto& role : contact->roles)
      for (const auto& senior_role : settings.tells.senior_roles)
        buyer.senior = buyer.senior || equal_ignoring_case(role, senior_role);
  }
  buyer_contacts.push_back(std::move(buyer));
  return int(buyer_contacts.size() - 1);
}

void DealIndex::index_entries(const WonCohort& cohort) {
  int furthest = kUnknownStageOrder;
  for (const StageEntry* entry : entries_in_time_order(snapshot)) {
    EntryFacts facts{.entry = entry,
                     .order = catalogue.order(entry->stage),
                     .is_closed = catalogue.is_closed(entry->stage)};
    if (!facts.is_closed) {
      furthest = std::max(furthest, facts.order);
      facts.won = cohort.stage(entry->stage);
    }
    facts.furthest_order = furthest;
    facts.id = "stage-" + std::to_string(entry->sequence);
    entries.push_back(std::move(facts));
  }
}

void DealIndex::index_field_changes() {
  const auto& changes = snapshot.field_changes;
  change_ids.resize(changes.size());
  auto time_of = [](const FieldChange& change) { return change.changed_at; };
  for (int position : positions_in_time_order(changes, time_of)) {
    const FieldChange& change = changes[std::size_t(position)];
    switch (tracked_change(change)) {
      case TrackedChange::close_date: {
        CloseDateChange dated{change.changed_at, parse_date(change.old_value),
                              parse_date(change.new_value), false, position};
        dated.pushed = dated.from && dated.to && *dated.to > *dated.from;
        close_date_changes.push_back(dated);
        change_ids[std::size_t(position)] = "close_date-" + change.id;
        break;
      }
      case TrackedChange::amount: {
        AmountChange amount{change.changed_at, parse_amount(change.old_value),
                            parse_amount(change.new_value), false, position};
        amount.decreased = amount.from && amount.to && *amount.to < *amount.from;
        amount_changes.push_back(amount);
        change_ids[std::size_t(position)] = "amount-" + change.id;
        break;
      }
      case TrackedChange::other:
        break;
    }
  }
  // Before the first recorded change the field held that change's old value.
  initial_close_date = close_date_changes.empty() ? snapshot.opportunity.close_date
                                                  : close_date_changes.front().from;
  initial_amount =
      amount_changes.empty() ? snapshot.opportunity.amount : amount_changes.front().from;
}

void DealIndex::index_milestones() {
  const auto& attainments = snapshot.milestones;
  auto time_of = [](const MilestoneAttainment& attainment) { return attainment.attained_at; };
  std::vector<int> order = positions_in_time_order(attainments, time_of);
  for (const auto& attainment : attainments) milestone_ids.push_back("milestone-" + attainment.key);
  for (const auto& stage : settings.stages) {
    if (stage.is_closed) continue;
    for (const auto& definition : stage.milestones) {
      MilestoneTrack track{.definition = &definition, .stage_order = stage.sort_order};
      for (int position : order) {
        const auto& attainment = attainments[std::size_t(position)];
        if (attainment.key != definition.key) continue;
        if (!attainment.stage.empty() && attainment.stage != stage.name) continue;
        track.states.emplace_back(attainment.attained_at, is_attained(attainment));
        track.attainments.push_back(position);
      }
      milestones.push_back(std::move(track));
    }
  }
}

// Ids come from the CRM and may repeat (a mapped CSV's keys are only unique
// per file); later duplicates get "-2", "-3", ...
// Hits of trackers that are no longer configured are left out: the next
// scan removes them.
void DealIndex::index_tracker_hits() {
  for (const auto& tracker : settings.trackers) {
    if (tracker.expected_before.empty()) continue;
    const Stage* before = tracker.expected_before == kLateStageName
                              ? late_stage
                              : catalogue.find(tracker.expected_before);
    if (before) expected_topics.push_back(ExpectedTopic{&tracker, before, {}});
  }
  const auto& interactions = snapshot.interactions;
  for (std::size_t i = 0; i < interactions.size(); ++i) {
    for (const auto& hit : interactions[i].tracker_hits) {
      auto tracker = std::find_if(settings.trackers.begin(), settings.trackers.end(),
                                  [&](const Tracker& t) { return t.name == hit.tracker; });
      if (tracker == settings.trackers.end()) continue;
      PhraseMention mention{hit.at, int(i), &hit};
      if (tracker->role == TrackerRole::competitor) competitor_mentions.push_back(mention);
      if (tracker->role == TrackerRole::red_flag) red_flags.push_back(mention);
      for (auto& topic : expected_topics)
        if (topic.tracker == &*tracker) topic.mentions.push_back(mention);
    }
  }
  auto by_time = [](const PhraseMention& a, const PhraseMention& b) { return a.at < b.at; };
  std::stable_sort(competitor_mentions.begin(), competitor_mentions.end(), by_time);
  std::stable_sort(red_flags.begin(), red_flags.end(), by_time);
  for (auto& topic : expected_topics)
    std::stable_sort(topic.mentions.begin(), topic.mentions.end(), by_time);
}

void DealIndex::assign_unique_ids() {
  std::vector<std::string*> ids;
  for (auto& id : interaction_ids) ids.push_back(&id);
  for (auto& entry : entries) ids.push_back(&entry.id);
  for (auto& id : change_ids)
    if (!id.empty()) ids.push_back(&id);
  for (auto& id : milestone_ids) ids.push_back(&id);

  std::vector<std::string_view> sorted{"created", "closed"};
  for (const std::string* id : ids) sorted.push_back(*id);
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) return;

  std::unordered_set<std::string> taken{"created", "closed"};
  for (std::string* id : ids) {
    std::string unique = *id;
    for (int suffix = 2; !taken.insert(unique).second; ++suffix)
      unique = *id + "-" + std::to_string(suffix);
    *id = std::move(unique);
  }
}

const EntryFacts* DealIndex::entry_at(Timestamp at) const {
  auto after =
      first_later(entries, at, [](const EntryFacts& facts) { return facts.entry->entered_at; });
  if (after == entries.begin()) return nullptr;
  return &*std::prev(after);
}

const std::string& DealIndex::stage_at(Timestamp at) const {
  if (const EntryFacts* entry = entry_at(at)) return entry->entry->stage;
  if (!entries.empty()) return entries.front().entry->stage;
  return snapshot.opportunity.stage;
}

const CloseDateChange* DealIndex::close_date_change_at(Timestamp at) const {
  const CloseDateChange* in_force = nullptr;
  for (const auto& change : close_date_changes) {
    if (change.at > at) break;
    in_force = &change;
  }
  return in_force;
}

std::optional<Date> DealIndex::close_date_at(Timestamp at) const {
  const CloseDateChange* change = close_date_change_at(at);
  return change ? change->to : initial_close_date;
}

int DealIndex::pushes_by(Timestamp at) const {
  int pushes = 0;
  for (const auto& change : close_date_changes) {
    if (change.at > at) break;
    pushes += change.pushed ? 1 : 0;
  }
  return pushes;
}

std::optional<double> DealIndex::amount_at(Timestamp at) const {
  std::optional<double> amount = initial_amount;
  for (const auto& change : amount_changes) {
    if (change.at > at) break;
    amount = change.to;
  }
  return amount;
}

std::optional<double> DealIndex::peak_amount_by(Timestamp at) const {
  std::optional<double> peak = initial_amount;
  for (const auto& change : amount_changes) {
    if (change.at > at) break;
    if (change.to && (!peak || *change.to > *peak)) peak = change.to;
  }
  return peak;
}

int DealIndex::decreases_by(Timestamp at) const {
  int decreases = 0;
  for (const auto& change : amount_changes) {
    if (change.at > at) break;
    decreases += change.decreased ? 1 : 0;
  }
  return decreases;
}

int DealIndex::furthest_order_by(Timestamp at) const {
  const EntryFacts* entry = entry_at(at);
  return entry ? entry->furthest_order : kUnknownStageOrder;
}

bool DealIndex::reached(const Stage* stage, Timestamp at) const {
  return stage && furthest_order_by(at) >= stage->sort_order;
}

bool DealIndex::senior_engaged_by(Timestamp at) const {
  return first_senior_engagement && first_senior_engagement->at <= at;
}

int DealIndex::contacts_engaged(Timestamp from, Timestamp to, int* one) const {
  auto first =
      first_later(engagements, from, [](const Engagement& engagement) { return engagement.at; });
  std::vector<bool> seen;
  std::uint64_t seen_bits = 0;  // enough for almost every deal, without allocating
  int distinct = 0;
  for (auto engagement = first; engagement != engagements.end() && engagement->at <= to;
       ++engagement) {
    auto contact = std::size_t(engagement->contact);
    bool already = false;
    if (contact < 64) {
      already = (seen_bits >> contact) & 1U;
      seen_bits |= std::uint64_t{1} << contact;
    } else {
      if (seen.size() <= contact) seen.resize(contact + 1);
      already = seen[contact];
      seen[contact] = true;
    }
    if (already) continue;
    ++distinct;
    if (one) *one = engagement->contact;
  }
  return distinct;
}

int count_between(const std::vector<Moment>& moments, Timestamp from, Timestamp to) {
  if (to <= from) return 0;
  return int(first_later(moments, to, time_of_moment) - first_later(moments, from, time_of_moment));
}

const Moment* last_by(const std::vector<Moment>& moments, Timestamp at) {
  auto after = first_later(moments, at, time_of_moment);
  return after == moments.begin() ? nullptr : &*std::prev(after);
}

const Moment* first_after(const std::vector<Moment>& moments, Timestamp at) {
  auto after = first_later(moments, at, time_of_moment);
  return after == moments.end() ? nullptr : &*after;
}

}  // namespace rearview::analysis
