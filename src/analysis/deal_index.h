// Everything the analysis asks about one deal, sorted once so that each
// question "what was true at time t" is a binary search. Reports evaluate
// the deal at hundreds of moments; building this index is the only pass over
// the snapshot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalogue.h"
#include "rearview/analysis/analysis.h"

namespace rearview::analysis {

// Without configured stages, the line in the sand and the late stage are the
// first open stages with at least these probabilities (PostmortemSettings).
inline constexpr double kLineInTheSandProbability = 50;
inline constexpr double kLateStageProbability = 75;

// A dated item, pointing back to its position in the snapshot's list.
struct Moment {
  Timestamp at{};
  int item = 0;
};

// Someone on the buyer's side, identified by contact id or address.
struct BuyerContact {
  std::string key;
  std::string name;  // "Dana Chief (CFO)"
  bool senior = false;
};

struct Engagement {
  Timestamp at{};
  int contact = 0;  // into DealIndex::buyer_contacts
  int interaction = 0;
};

// A tracker's hit on one of the deal's interactions.
struct PhraseMention {
  Timestamp at{};
  int interaction = 0;  // into the snapshot's interactions
  const TrackerHit* hit = nullptr;
};

// A topic that should be discussed before the deal reaches a stage.
struct ExpectedTopic {
  const Tracker* tracker = nullptr;
  const Stage* before = nullptr;
  std::vector<PhraseMention> mentions;  // in time order
};

struct EntryFacts {
  const StageEntry* entry = nullptr;
  int order = kUnknownStageOrder;
  bool is_closed = false;
  int furthest_order = kUnknownStageOrder;  // the furthest open stage reached by then
  std::optional<Distribution> won;          // won deals' time there (open stages)
  std::string id;                           // its timeline item
};

struct CloseDateChange {
  Timestamp at{};
  std::optional<Date> from;
  std::optional<Date> to;
  bool pushed = false;  // to a later date
  int change = 0;       // into the snapshot's field changes
};

struct AmountChange {
  Timestamp at{};
  std::optional<double> from;
  std::optional<double> to;
  bool decreased = false;
  int change = 0;
};

// One milestone definition of an open stage and when it was attained.
struct MilestoneTrack {
  const MilestoneDefinition* definition = nullptr;
  int stage_order = 0;
  std::vector<std::pair<Timestamp, bool>> states;  // attained (or not) from then on
  std::vector<int> attainments;                    // into the snapshot's milestones
};

const ContactSummary* contact_with_id(const OpportunitySnapshot& snapshot, const Id& id);

enum class TrackedChange { amount, close_date, other };
TrackedChange tracked_change(const FieldChange& change);
std::optional<double> parse_amount(std::string_view text);
// An attainment whose value is empty or "false" takes the milestone back.
bool is_attained(const MilestoneAttainment& attainment);

class DealIndex {
 public:
  DealIndex(const OpportunitySnapshot& snapshot, const WonCohort& cohort,
            const AnalysisSettings& settings);
  DealIndex(const DealIndex&) = delete;
  DealIndex& operator=(const DealIndex&) = delete;

  const OpportunitySnapshot& snapshot;
  const AnalysisSettings& settings;
  StageCatalogue catalogue;

  bool closed = false;
  std::optional<Timestamp> first_touch;
  Timestamp start{};  // first touch, else the first stage entry, else the end
  Timestamp end{};    // the close, or as_of for an open deal
  const Stage* line_in_the_sand = nullptr;
  const Stage* late_stage = nullptr;

  // Timeline ids, unique within the report.
  std::vector<std::string> interaction_ids;
  std::vector<std::string> change_ids;  // empty for fields the timeline does not show
  std::vector<std::string> milestone_ids;

  std::vector<Moment> activities;  // every buyer interaction (not internal)
  std::vector<Moment> replies;     // inbound interactions and meetings
  std::vector<Moment> outbound_messages;
  std::vector<Moment> meetings;  // with the buyer
  std::vector<Engagement> engagements;
  std::vector<BuyerContact> buyer_contacts;
  std::optional<Engagement> first_senior_engagement;

  std::vector<EntryFacts> entries;  // in time order
  std::optional<Date> initial_close_date;
  std::vector<CloseDateChange> close_date_changes;
  std::optional<double> initial_amount;
  std::vector<AmountChange> amount_changes;
  std::vector<MilestoneTrack> milestones;

  // The trackers' hits that tells read, in time order.
  std::vector<PhraseMention> competitor_mentions;
  std::vector<PhraseMention> red_flags;
  std::vector<ExpectedTopic> expected_topics;

  // The entry of the stay at `at`; none before the first entry.
  const EntryFacts* entry_at(Timestamp at) const;
  // Before the first entry: the first stage (the deal was created in it).
  const std::string& stage_at(Timestamp at) const;
  std::optional<Date> close_date_at(Timestamp at) const;
  const CloseDateChange* close_date_change_at(Timestamp at) const;  // the one in force
  int pushes_by(Timestamp at) const;
  std::optional<double> amount_at(Timestamp at) const;
  std::optional<double> peak_amount_by(Timestamp at) const;
  int decreases_by(Timestamp at) const;
  int furthest_order_by(Timestamp at) const;
  bool reached(const Stage* stage, Timestamp at) const;
  bool senior_engaged_by(Timestamp at) const;
  // Distinct buyer contacts engaged in (from, to]; `one` gets one of them.
  int contacts_engaged(Timestamp from, Timestamp to, int* one = nullptr) const;

  const std::string& id_of(const Moment& moment, const std::vector<std::string>& ids) const {
    return ids[std::size_t(moment.item)];
  }

 private:
  void index_interactions();
  void index_participants(const Interaction& interaction, int position);
  int buyer_contact(const Participant& participant);
  void index_entries(const WonCohort& cohort);
  void index_field_changes();
  void index_milestones();
  void index_tracker_hits();
  void assign_unique_ids();

  std::vector<std::string> senior_title_words_;  // lower-case
};

// Moments in (from, to].
int count_between(const std::vector<Moment>& moments, Timestamp from, Timestamp to);
// The last moment at or before `at`.
const Moment* last_by(const std::vector<Moment>& moments, Timestamp at);
// The first moment after `at`.
const Moment* first_after(const std::vector<Moment>& moments, Timestamp at);

}  // namespace rearview::analysis
