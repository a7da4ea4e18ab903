// The trackers: configured phrases found in what buyers and sellers wrote and
// said (docs/trackers.md). A scan reads one interaction's subject and text
// and returns its hits, each with who said it and, on a call, when. Pure:
// the same text and settings give the same hits.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"
#include "rearview/core/settings.h"
#include "rearview/core/tracker_store.h"

namespace rearview::trackers {

// The values of a CRM's competitor field that name a competitor: "None",
// "Other", "N/A", "Unknown" and the like left out; sorted, each once.
std::vector<std::string> competitor_names(std::vector<std::string> field_values);

class TrackerScanner {
 public:
  // `crm_competitors` joins the competitor trackers' phrases when the
  // settings ask for it. Fails for a language Snowball has no rules for, or
  // a phrase without a word in it.
  static Result<std::unique_ptr<TrackerScanner>> create(
      const Settings& settings, const std::vector<std::string>& crm_competitors);
  ~TrackerScanner();
  TrackerScanner(const TrackerScanner&) = delete;
  TrackerScanner& operator=(const TrackerScanner&) = delete;

  // Not thread-safe: one scanner per thread.
  std::vector<TrackerHit> scan(const InteractionText& text);

  // Of everything that decides the hits (language, trackers, phrases, our
  // domains): hits stored under another fingerprint are out of date.
  std::uint64_t fingerprint() const;

 private:
  struct Parts;
  explicit TrackerScanner(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace rearview::trackers
