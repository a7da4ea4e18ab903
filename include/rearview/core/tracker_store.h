// The role the trackers read and write through: the text of interactions
// whose hits are out of date, and the hits found in them (docs/trackers.md).
// Hits are kept beside the interactions so that the analysis, which reads
// deals without their text, still sees every phrase and when it was said.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview {

// What a tracker reads of one interaction.
struct InteractionText {
  Id id;
  InteractionKind kind = InteractionKind::note;
  Direction direction = Direction::unknown;
  SourceKind source = SourceKind::crm;
  Timestamp occurred_at{};
  std::string subject;
  std::string body;
  std::vector<Participant> participants;
};

class TrackerStore {
 public:
  virtual ~TrackerStore() = default;

  // The interactions never scanned, or scanned under another fingerprint of
  // the trackers, or changed since, in id order and in batches: writes
  // between two calls of `visit` are allowed.
  using Visit = std::function<Result<void>(const InteractionText&)>;
  virtual Result<void> for_each_interaction_to_scan(std::uint64_t fingerprint,
                                                    const Visit& visit) = 0;
  virtual Result<long long> interactions_to_scan(std::uint64_t fingerprint) = 0;

  // Keeps `hits` as the interaction's, found under `fingerprint`. Hits equal
  // to those kept already change nothing, so the deals are not analysed again.
  virtual Result<void> save_hits(const Id& interaction_id, std::uint64_t fingerprint,
                                 const std::vector<TrackerHit>& hits) = 0;

  // Every value of the CRM's competitor field, each once.
  virtual Result<std::vector<std::string>> competitor_field_values() = 0;
};

}  // namespace rearview
