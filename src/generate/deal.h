// One opportunity's life: how it moved through the stages, when its close
// date slipped, who on the buyer's side took part, and when the buyer was
// talking or silent. Planned from the opportunity's own sub-seed, so each one
// is independent of the others.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "company.h"
#include "rearview/core/model.h"

namespace rearview::generate {

// The opportunity's state after a save, as OpportunityHistory records it.
struct HistoryRow {
  Timestamp at;
  int stage = 0;
  long long amount = 0;
  Date close_date;
};

struct DealContact {
  int contact = 0;  // index into the account's contacts
  Timestamp joins_at;
  std::string_view role;  // OpportunityContactRole.Role; empty: engaged but not listed
  Timestamp listed_at;    // when the contact role was added
  bool is_primary = false;
};

// A stretch of the deal during which the buyer either talks with us or has
// gone silent (we keep chasing them). Gaps between phases (a lost deal before
// it was reopened) have no activity at all.
struct Phase {
  Timestamp from;
  Timestamp to;
  bool buyer_engaged = true;
};

struct Deal {
  long long number = 0;  // of the Id
  std::string id;
  const CustomerAccount* account = nullptr;
  const SalesUser* owner = nullptr;
  const SalesUser* manager = nullptr;
  const SalesUser* engineer = nullptr;
  std::string name;
  std::string_view type;
  std::string_view lead_source;
  std::string_view loss_reason;
  std::string_view win_reason;
  std::string_view competitor;
  std::string_view next_step;
  Timestamp created_at;
  std::vector<HistoryRow> history;    // time order, up to the export time
  std::vector<DealContact> contacts;  // the primary first
  std::vector<Phase> phases;          // time order, up to the export time
  bool first_touch_before_creation = false;
};

// Entering a stage: the history row where the stage changed.
struct StageVisit {
  Timestamp at;
  int stage = 0;
};

// What the history says, computed the way the importer must compute it.
struct DealFacts {
  Outcome outcome = Outcome::open;
  int stage = 0;
  std::optional<Timestamp> closed_at;  // when it last entered its final closed stage
  Timestamp last_stage_change;
  std::vector<StageVisit> stage_path;  // every stage entered, in time order, from creation on
  int furthest_open_stage = 0;         // the furthest open stage the deal ever reached
  int close_date_pushes = 0;           // CloseDate changes to a later date
};

Deal plan_deal(const Company& company, std::uint64_t seed, long long index, long long total);
DealFacts facts_of(const Deal& deal);

}  // namespace rearview::generate
