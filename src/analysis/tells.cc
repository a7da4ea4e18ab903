#include "tells.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "close_date.h"
#include "wording.h"

namespace rearview::analysis {
namespace {

struct Episode {
  Timestamp fired{};
  std::optional<Timestamp> cleared;
  Timestamp until(const DealIndex& index) const { return cleared.value_or(index.end); }
};

struct Finding {
  std::string description;
  std::vector<Id> evidence;
};

class TellRule {
 public:
  virtual ~TellRule() = default;
  virtual std::string_view kind() const = 0;
  // Every moment at which the tell may appear or disappear.
  virtual void change_points(const DealIndex& index, std::vector<Timestamp>& points) const = 0;
  virtual bool present(const DealIndex& index, Timestamp at) const = 0;
  virtual Finding describe(const DealIndex& index, const Episode& episode) const = 0;
};

void add_moments(const std::vector<Moment>& moments, double plus_days,
                 std::vector<Timestamp>& points) {
  for (const auto& moment : moments) {
    points.push_back(moment.at);
    points.push_back(add_days(moment.at, plus_days));
  }
}

const TimeZone& zone_of(const DealIndex& index) { return index.settings.time_zone; }

void add_evidence(const DealIndex& index, const Moment* moment, std::vector<Id>& evidence) {
  if (moment) evidence.push_back(index.interaction_ids[std::size_t(moment->item)]);
}

// No interaction of some kind for N days: no_activity (any buyer interaction)
// and no_next_meeting (meetings). The clock starts at the first touch.
class SilenceRule : public TellRule {
 public:
  SilenceRule(std::string_view kind, const std::vector<Moment> DealIndex::*moments,
              int TellSettings::*days, std::string_view what)
      : kind_(kind), moments_(moments), days_(days), what_(what) {}

  std::string_view kind() const override { return kind_; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    points.push_back(add_days(index.start, limit(index)));
    add_moments(index.*moments_, limit(index), points);
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    return days_between(silent_since(index, at), at) >= limit(index);
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    const Moment* last = last_by(index.*moments_, episode.fired);
    double days = days_between(silent_since(index, episode.fired), episode.until(index));
    Finding finding;
    finding.description = last ? fmt::format("no {} with the buyer for {} after {}", what_,
                                             elapsed_days(days), day_of(last->at, zone_of(index)))
                               : fmt::format("no {} with the buyer for {} from the first touch",
                                             what_, elapsed_days(days));
    add_evidence(index, last, finding.evidence);
    if (episode.cleared)
      add_evidence(index, last_by(index.*moments_, *episode.cleared), finding.evidence);
    return finding;
  }

 private:
  double limit(const DealIndex& index) const { return index.settings.tells.*days_; }
  Timestamp silent_since(const DealIndex& index, Timestamp at) const {
    const Moment* last = last_by(index.*moments_, at);
    return last ? std::max(last->at, index.start) : index.start;
  }

  std::string_view kind_;
  const std::vector<Moment> DealIndex::*moments_;
  int TellSettings::*days_;
  std::string_view what_;
};

// We wrote at least k times since the buyer's last reply, the first of those
// messages N days ago or more.
class GhostedRule : public TellRule {
 public:
  std::string_view kind() const override { return "ghosted"; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    add_moments(index.outbound_messages, index.settings.tells.ghosted_days, points);
    for (const auto& reply : index.replies) points.push_back(reply.at);
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    Timestamp since = last_reply(index, at);
    if (count_between(index.outbound_messages, since, at) < threshold(index)) return false;
    const Moment* first_unanswered = first_after(index.outbound_messages, since);
    return days_between(first_unanswered->at, at) >= index.settings.tells.ghosted_days;
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    Timestamp since = last_reply(index, episode.fired);
    Timestamp until = episode.until(index);
    Finding finding;
    Timestamp first_unanswered = until;
    int messages = 0;
    for (const auto& message : index.outbound_messages) {
      if (message.at <= since || message.at > until) continue;
      first_unanswered = std::min(first_unanswered, message.at);
      ++messages;
      add_evidence(index, &message, finding.evidence);
    }
    finding.description = fmt::format("no reply from the buyer for {} after {}",
                                      elapsed_days(days_between(first_unanswered, until)),
                                      count_of(messages, "message", "messages"));
    if (episode.cleared)
      add_evidence(index, last_by(index.replies, *episode.cleared), finding.evidence);
    return finding;
  }

 private:
  static int threshold(const DealIndex& index) {
    return std::max(1, index.settings.tells.ghosted_unanswered);
  }
  static Timestamp last_reply(const DealIndex& index, Timestamp at) {
    const Moment* reply = last_by(index.replies, at);
    return reply ? reply->at : Timestamp::min();
  }
};

// Only one buyer contact engaged in the last N days, once the deal is N days old.
class SingleThreadedRule : public TellRule {
 public:
  std::string_view kind() const override { return "single_threaded"; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    double window = window_days(index);
    points.push_back(add_days(index.start, window));
    for (const auto& engagement : index.engagements) {
      points.push_back(engagement.at);
      points.push_back(add_days(engagement.at, window));
    }
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    double window = window_days(index);
    if (days_between(index.start, at) < window) return false;
    return index.contacts_engaged(add_days(at, -window), at) == 1;
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    double window = window_days(index);
    Timestamp window_start = add_days(episode.fired, -window);
    Timestamp until = episode.until(index);
    int contact = 0;
    index.contacts_engaged(window_start, episode.fired, &contact);
    Finding finding;
    finding.description = fmt::format(
        "only one buyer contact engaged in the {} days before {}: {}", whole_number_text(window),
        day_of(episode.fired, zone_of(index)), index.buyer_contacts[std::size_t(contact)].name);
    double lasted = days_between(episode.fired, until);
    if (lasted >= 1)
      finding.description += fmt::format("; it stayed so for {}", elapsed_days(lasted));
    for (const auto& engagement : index.engagements)
      if (engagement.contact == contact && engagement.at > window_start && engagement.at <= until)
        finding.evidence.push_back(index.interaction_ids[std::size_t(engagement.interaction)]);
    return finding;
  }

 private:
  static double window_days(const DealIndex& index) {
    return index.settings.tells.single_threaded_days;
  }
};

// The deal reached the line-in-the-sand stage without a senior buyer contact engaged.
class NoSeniorContactRule : public TellRule {
 public:
  std::string_view kind() const override { return "no_senior_contact"; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    for (const auto& entry : index.entries) points.push_back(entry.entry->entered_at);
    if (index.first_senior_engagement) points.push_back(index.first_senior_engagement->at);
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    return index.reached(index.line_in_the_sand, at) && !index.senior_engaged_by(at);
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    Finding finding;
    finding.description = "no decision maker or senior contact engaged when the deal reached " +
                          index.stage_at(episode.fired);
    if (const EntryFacts* entry = index.entry_at(episode.fired))
      finding.evidence.push_back(entry->id);
    double lasted = days_between(episode.fired, episode.until(index));
    if (episode.cleared) {
      const Engagement& senior = *index.first_senior_engagement;
      finding.description += fmt::format("; {} engaged on {}, {} later",
                                         index.buyer_contacts[std::size_t(senior.contact)].name,
                                         day_of(senior.at, zone_of(index)), elapsed_days(lasted));
      finding.evidence.push_back(index.interaction_ids[std::size_t(senior.interaction)]);
    } else {
      finding.description += fmt::format("; none in the {} after", elapsed_days(lasted));
    }
    return finding;
  }
};

// The close date was pushed out k times.
class CloseDatePushedRule : public TellRule {
 public:
  std::string_view kind() const override { return "close_date_pushed"; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    for (const auto& change : index.close_date_changes)
      if (change.pushed) points.push_back(change.at);
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    return index.pushes_by(at) >= threshold(index);
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    Finding finding;
    const CloseDateChange* firing = nullptr;
    const CloseDateChange* last = nullptr;
    int pushes = 0;
    for (const auto& change : index.close_date_changes) {
      if (!change.pushed || change.at > episode.until(index)) continue;
      ++pushes;
      if (pushes == threshold(index)) firing = &change;
      last = &change;
      finding.evidence.push_back(index.change_ids[std::size_t(change.change)]);
    }
    finding.description = fmt::format("close date pushed a {} time, now {}",
                                      ordinal(threshold(index)), format_date(*firing->to));
    if (last != firing)
      finding.description +=
          fmt::format("; {} pushes in all, the last to {}", pushes, format_date(*last->to));
    return finding;
  }

 private:
  static int threshold(const DealIndex& index) {
    return std::max(1, index.settings.tells.close_date_pushes);
  }
};

// In the current stay of an open stage longer than factor x won deals' median there.
class StalledRule : public TellRule {
 public:
  std::string_view kind() const override { return "stalled"; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    for (const auto& entry : index.entries) {
      points.push_back(entry.entry->entered_at);
      if (auto limit = limit_days(index, entry))
        points.push_back(add_days(entry.entry->entered_at, *limit));
    }
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    const EntryFacts* entry = index.entry_at(at);
    if (!entry) return false;
    auto limit = limit_days(index, *entry);
    return limit && days_between(entry->entry->entered_at, at) >= *limit;
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    const EntryFacts& entry = *index.entry_at(episode.fired);
    double days = days_between(entry.entry->entered_at, episode.until(index));
    return Finding{fmt::format("{} in {}, won deals' median is {}", elapsed_days(days),
                               entry.entry->stage, rounded_days(entry.won->median_days)),
                   {entry.id}};
  }

 private:
  static std::optional<double> limit_days(const DealIndex& index, const EntryFacts& entry) {
    if (entry.is_closed || !entry.won || entry.won->median_days <= 0) return std::nullopt;
    return index.settings.tells.stalled_factor * entry.won->median_days;
  }
};

// The then-current close date has passed while the deal was still open.
class CloseDateOverdueRule : public TellRule {
 public:
  std::string_view kind() const override { return "close_date_overdue"; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    if (index.initial_close_date)
      points.push_back(overdue_from(*index.initial_close_date, zone_of(index)));
    for (const auto& change : index.close_date_changes) {
      points.push_back(change.at);
      if (change.to) points.push_back(overdue_from(*change.to, zone_of(index)));
    }
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    auto close_date = index.close_date_at(at);
    return close_date && at >= overdue_from(*close_date, zone_of(index));
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    Date close_date = *index.close_date_at(episode.fired);
    double days = days_past_close_date(close_date, episode.until(index), zone_of(index));
    Finding finding;
    if (episode.cleared) {
      auto moved_to = index.close_date_at(*episode.cleared);
      finding.description =
          fmt::format("{} past the close date of {}, until it was {}", elapsed_days(days),
                      format_date(close_date),
                      moved_to ? "moved to " + format_date(*moved_to) : std::string("removed"));
    } else if (index.closed) {
      finding.description = fmt::format("closed {} after the close date of {}", elapsed_days(days),
                                        format_date(close_date));
    } else {
      finding.description =
          fmt::format("{} past the close date of {}", elapsed_days(days), format_date(close_date));
    }
    if (const CloseDateChange* set = index.close_date_change_at(episode.fired))
      finding.evidence.push_back(index.change_ids[std::size_t(set->change)]);
    if (episode.cleared)
      if (const CloseDateChange* moved = index.close_date_change_at(*episode.cleared))
        finding.evidence.push_back(index.change_ids[std::size_t(moved->change)]);
    return finding;
  }
};

// The amount is below the highest it has been.
class AmountDecreasedRule : public TellRule {
 public:
  std::string_view kind() const override { return "amount_decreased"; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    for (const auto& change : index.amount_changes) points.push_back(change.at);
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    auto amount = index.amount_at(at);
    auto peak = index.peak_amount_by(at);
    return amount && peak && *amount < *peak;
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    const std::string& currency = index.snapshot.opportunity.currency;
    double peak = *index.peak_amount_by(episode.fired);
    double first = *index.amount_at(episode.fired);
    Finding finding;
    finding.description = fmt::format("amount lowered from {} to {}", amount_text(peak, currency),
                                      amount_text(first, currency));
    double change = (first - peak) / peak * 100;
    if (peak > 0 && std::isfinite(change)) finding.description += fmt::format(" ({:+.0f}%)", change);
    double lowest = first;
    for (const auto& change : index.amount_changes) {
      if (change.at < episode.fired || change.at > episode.until(index)) continue;
      finding.evidence.push_back(index.change_ids[std::size_t(change.change)]);
      if (change.to && *change.to < lowest && change.at > episode.fired) lowest = *change.to;
    }
    if (lowest < first) finding.description += "; later to " + amount_text(lowest, currency);
    return finding;
  }
};

// Where and by whom a phrase was said: "Pat Buyer on the call of 2024-03-05
// at 4:05", "the buyer in the e-mail of 2024-03-05".
std::string mention_place(const DealIndex& index, const PhraseMention& mention) {
  const Interaction& interaction = index.snapshot.interactions[std::size_t(mention.interaction)];
  const TrackerHit& hit = *mention.hit;
  std::string who = !hit.speaker.empty()                ? hit.speaker
                    : hit.said_by == SaidBy::buyer      ? std::string("the buyer")
                    : hit.said_by == SaidBy::ours       ? std::string("our side")
                                                        : std::string("someone");
  std::string_view what = interaction.kind == InteractionKind::email     ? "in the e-mail"
                          : interaction.kind == InteractionKind::meeting ? "in the meeting"
                          : interaction.kind == InteractionKind::call    ? "on the call"
                                                                         : "in the note";
  std::string place = fmt::format("{} {} of {}", who, what, day_of(hit.at, zone_of(index)));
  if (hit.cue_seconds)
    place += fmt::format(" at {}:{:02}", *hit.cue_seconds / 60, *hit.cue_seconds % 60);
  return place;
}

// The distinct phrases of `mentions` up to `until`, in the order first said,
// with the first mention of each.
std::vector<const PhraseMention*> first_of_each_phrase(const std::vector<PhraseMention>& mentions,
                                                       Timestamp until) {
  std::vector<const PhraseMention*> firsts;
  for (const auto& mention : mentions) {
    if (mention.at > until) break;
    bool seen = std::any_of(firsts.begin(), firsts.end(), [&](const PhraseMention* first) {
      return lower(first->hit->phrase) == lower(mention.hit->phrase);
    });
    if (!seen) firsts.push_back(&mention);
  }
  return firsts;
}

// A phrase of some kind was said, and the deal carries it from then on: a
// competitor named (competitor_named), a red flag the buyer raised (red_flag).
class MentionRule : public TellRule {
 public:
  MentionRule(std::string_view kind, const std::vector<PhraseMention> DealIndex::*mentions,
              std::string_view what)
      : kind_(kind), mentions_(mentions), what_(what) {}

  std::string_view kind() const override { return kind_; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    const auto& mentions = index.*mentions_;
    if (!mentions.empty()) points.push_back(first_within(index, mentions));
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    const auto& mentions = index.*mentions_;
    return !mentions.empty() && first_within(index, mentions) <= at;
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    constexpr std::size_t kNamed = 4;
    auto firsts = first_of_each_phrase(index.*mentions_, episode.until(index));
    std::erase_if(firsts, [&](const PhraseMention* m) { return m->at < episode.fired; });
    Finding finding;
    if (firsts.empty()) return finding;
    finding.description = fmt::format("{}: \"{}\", {}", what_, firsts.front()->hit->phrase,
                                      mention_place(index, *firsts.front()));
    std::vector<std::string> later;
    for (std::size_t i = 1; i < firsts.size() && i < kNamed; ++i)
      later.push_back(fmt::format("\"{}\"", firsts[i]->hit->phrase));
    if (!later.empty()) finding.description += fmt::format("; later {}", fmt::join(later, ", "));
    if (firsts.size() > kNamed)
      finding.description += fmt::format(" and {} more", firsts.size() - kNamed);
    for (std::size_t i = 0; i < firsts.size() && i < kNamed; ++i)
      finding.evidence.push_back(index.interaction_ids[std::size_t(firsts[i]->interaction)]);
    finding.evidence.erase(std::unique(finding.evidence.begin(), finding.evidence.end()),
                           finding.evidence.end());
    return finding;
  }

 private:
  // Mentions before the deal's first touch cannot be: they start with it.
  static Timestamp first_within(const DealIndex& index, const std::vector<PhraseMention>& mentions) {
    return std::max(mentions.front().at, index.start);
  }

  std::string_view kind_;
  const std::vector<PhraseMention> DealIndex::*mentions_;
  std::string_view what_;
};

// The deal reached a stage before a topic expected by then was discussed:
// "pricing never discussed before Proposal/Price Quote" (topic_not_discussed).
class TopicNotDiscussedRule : public TellRule {
 public:
  std::string_view kind() const override { return "topic_not_discussed"; }

  void change_points(const DealIndex& index, std::vector<Timestamp>& points) const override {
    if (index.expected_topics.empty()) return;
    for (const auto& entry : index.entries) points.push_back(entry.entry->entered_at);
    for (const auto& topic : index.expected_topics)
      if (!topic.mentions.empty()) points.push_back(topic.mentions.front().at);
  }

  bool present(const DealIndex& index, Timestamp at) const override {
    return std::any_of(index.expected_topics.begin(), index.expected_topics.end(),
                       [&](const ExpectedTopic& topic) { return missing(index, topic, at); });
  }

  Finding describe(const DealIndex& index, const Episode& episode) const override {
    Finding finding;
    std::vector<std::string> parts;
    for (const auto& topic : index.expected_topics) {
      if (!missing(index, topic, episode.fired)) continue;
      std::string part =
          fmt::format("{} never discussed before {}", topic.tracker->name, topic.before->name);
      const PhraseMention* first = topic.mentions.empty() ? nullptr : &topic.mentions.front();
      if (first && first->at <= episode.until(index)) {
        part += fmt::format(" (first on {}, {} after it was reached)",
                            day_of(first->at, zone_of(index)),
                            elapsed_days(days_between(episode.fired, first->at)));
        finding.evidence.push_back(index.interaction_ids[std::size_t(first->interaction)]);
      }
      parts.push_back(std::move(part));
    }
    finding.description = fmt::format("{}", fmt::join(parts, "; "));
    if (const EntryFacts* entry = index.entry_at(episode.fired))
      finding.evidence.insert(finding.evidence.begin(), entry->id);
    return finding;
  }

 private:
  static bool missing(const DealIndex& index, const ExpectedTopic& topic, Timestamp at) {
    return index.reached(topic.before, at) &&
           (topic.mentions.empty() || topic.mentions.front().at > at);
  }
};

const std::vector<std::unique_ptr<TellRule>>& rules() {
  static const auto kRules = [] {
    std::vector<std::unique_ptr<TellRule>> all;
    all.push_back(std::make_unique<SilenceRule>("no_activity", &DealIndex::activities,
                                                &TellSettings::no_activity_days, "activity"));
    all.push_back(std::make_unique<GhostedRule>());
    all.push_back(std::make_unique<SingleThreadedRule>());
    all.push_back(std::make_unique<NoSeniorContactRule>());
    all.push_back(std::make_unique<CloseDatePushedRule>());
    all.push_back(std::make_unique<StalledRule>());
    all.push_back(std::make_unique<CloseDateOverdueRule>());
    all.push_back(std::make_unique<AmountDecreasedRule>());
    all.push_back(std::make_unique<SilenceRule>("no_next_meeting", &DealIndex::meetings,
                                                &TellSettings::no_next_meeting_days, "meeting"));
    all.push_back(std::make_unique<MentionRule>("competitor_named", &DealIndex::competitor_mentions,
                                                "a competitor was named"));
    all.push_back(std::make_unique<MentionRule>("red_flag", &DealIndex::red_flags,
                                                "a red flag was raised"));
    all.push_back(std::make_unique<TopicNotDiscussedRule>());
    return all;
  }();
  return kRules;
}

bool within_evaluation(const DealIndex& index, Timestamp at) {
  if (at < index.start) return false;
  return index.closed ? at < index.end : at <= index.end;
}

Tell make_tell(const DealIndex& index, const TellRule& rule, const Episode& episode) {
  Finding finding = rule.describe(index, episode);
  Tell tell{.kind = std::string(rule.kind()),
            .description = std::move(finding.description),
            .first_fired_at = episode.fired,
            .cleared_at = episode.cleared,
            .evidence = std::move(finding.evidence)};
  if (index.closed) tell.days_before_close = days_between(episode.fired, index.end);
  return tell;
}

void evaluate_rule(const DealIndex& index, const TellRule& rule, std::vector<Timestamp>& points,
                   std::vector<Tell>& tells) {
  points.clear();
  points.push_back(index.start);
  rule.change_points(index, points);
  std::erase_if(points, [&](Timestamp at) { return !within_evaluation(index, at); });
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  std::optional<Episode> open;
  for (Timestamp at : points) {
    bool present = rule.present(index, at);
    if (present && !open) open = Episode{at};
    if (!present && open) {
      open->cleared = at;
      tells.push_back(make_tell(index, rule, *open));
      open.reset();
    }
  }
  if (open) tells.push_back(make_tell(index, rule, *open));
}

}  // namespace

std::vector<Tell> evaluate_tells(const DealIndex& index) {
  std::vector<Tell> tells;
  if (index.end < index.start) return tells;
  std::vector<Timestamp> points;
  for (const auto& rule : rules()) evaluate_rule(index, *rule, points, tells);
  std::stable_sort(tells.begin(), tells.end(), [](const Tell& left, const Tell& right) {
    return left.first_fired_at < right.first_fired_at;
  });
  return tells;
}

}  // namespace rearview::analysis

namespace rearview {

const std::vector<std::string>& tell_kinds() {
  static const auto kKinds = [] {
    std::vector<std::string> kinds;
    for (const auto& rule : analysis::rules()) kinds.emplace_back(rule->kind());
    return kinds;
  }();
  return kKinds;
}

}  // namespace rearview
