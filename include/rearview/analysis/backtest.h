// "The tells we missed": how often each early-warning sign showed up before
// the close on lost deals compared with won deals.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rearview/analysis/postmortem.h"
#include "rearview/core/snapshot.h"

namespace rearview {

struct TellBacktestRow {
  std::string kind;
  long long lost_deals = 0;  // lost deals on which it fired at least once before the close
  long long won_deals = 0;   // won deals on which it did
  double lost_share = 0;     // lost_deals / every lost deal added (0 without lost deals)
  double won_share = 0;      // won_deals / every won deal added
  // Median over those deals of how long before the close it first fired.
  std::optional<double> lost_median_days_before_close;
  std::optional<double> won_median_days_before_close;
  // lost_share / won_share: how much likelier the tell is on a lost deal.
  // None when it never fired on a won deal.
  std::optional<double> lift;
};

class TellBacktest {
 public:
  void add(const PostmortemReport& closed_report);  // open deals' reports are ignored
  // The same from a closed deal's outcome and tells alone (a stored analysis):
  // only each tell's kind and days_before_close are read.
  void add(Outcome outcome, std::span<const Tell> tells);
  // One row per tell kind (tell_kinds() order, then any other kind seen).
  std::vector<TellBacktestRow> rows() const;
  long long lost_deals() const { return lost_deals_; }
  long long won_deals() const { return won_deals_; }

 private:
  struct Firings {
    std::vector<double> lost_days_before_close;  // one per deal it fired on
    std::vector<double> won_days_before_close;
  };
  std::map<std::string, Firings> firings_;
  long long lost_deals_ = 0;
  long long won_deals_ = 0;
};

// "The phrases we heard": for each tracker, and each of its phrases, on how
// many lost and won deals it was said before the close. A deal counts once
// per tracker and once per phrase.
struct PhraseBacktestRow {
  std::string tracker;
  std::string phrase;  // empty: the tracker's row (any of its phrases)
  long long lost_deals = 0;
  long long won_deals = 0;
  double lost_share = 0;
  double won_share = 0;
  std::optional<double> lift;  // lost_share / won_share; none when never said on a won deal
};

class PhraseBacktest {
 public:
  void add(const OpportunitySnapshot& closed_deal);  // open deals are ignored
  // Each tracker's row, then its phrases' rows by lost deals, most first;
  // trackers in name order.
  std::vector<PhraseBacktestRow> rows() const;
  long long lost_deals() const { return lost_deals_; }
  long long won_deals() const { return won_deals_; }

 private:
  struct Said {
    std::string phrase;  // as first written
    long long lost = 0;
    long long won = 0;
  };
  // By (tracker, lower-case phrase or "").
  std::map<std::pair<std::string, std::string>, Said> said_;
  long long lost_deals_ = 0;
  long long won_deals_ = 0;
};

}  // namespace rearview
