// truth.json: what an importer of the export, and the reports made from it,
// must reproduce, computed from the generator's own plan of each deal. The
// per-deal entries stream to a side file while deals are generated (memory
// stays flat); finish() puts the totals first and the entries after them.
//
//   seed, opportunities_requested, export_time
//   counts: users, accounts, contacts, opportunities {total, open, won, lost},
//           stage_entries, interactions {email, meeting, call, note}, win_rate,
//           won_cycle_days {mean, median}
//   opportunities[], one per deal:
//     id, outcome (won, lost, open), stage (the current one), created_at,
//     closed_at (when it last entered its closed stage; null while open),
//     close_date (the last one), stage_entries (how many stages it entered),
//     stages [{stage, entered_at}] (each entry, in time order, the stage it
//       was created in first),
//     close_date_pushes (changes of CloseDate to a later date),
//     cycle_days (closed_at - created_at in days; null while open),
//     level ("short" for a deal lost before Value Proposition, rearview's
//       default line in the sand; "full" for the others),
//     first_touch_before_creation (the deal's first interaction came before
//       the opportunity was created)
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "deal.h"
#include "rearview/core/error.h"

namespace rearview::generate {

// Totals that come from outside the deals.
struct TruthTotals {
  long long users = 0;
  long long accounts = 0;
  long long contacts = 0;  // live ones
  long long emails = 0;
  long long meetings = 0;
  long long calls = 0;
  long long notes = 0;
};

class TruthWriter {
 public:
  static Result<TruthWriter> create(const std::filesystem::path& directory);

  void add(const Deal& deal, const DealFacts& facts);

  // Writes truth.json and removes the side file; returns the bytes written.
  Result<long long> finish(std::uint64_t seed, long long requested, const TruthTotals& totals);

 private:
  struct Closer {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };

  TruthWriter(std::filesystem::path directory, std::unique_ptr<std::FILE, Closer> entries);

  std::filesystem::path directory_;
  std::unique_ptr<std::FILE, Closer> entries_;
  std::vector<double> won_cycle_days_;
  long long open_ = 0;
  long long won_ = 0;
  long long lost_ = 0;
  long long stage_entries_ = 0;
  bool first_entry_ = true;
};

}  // namespace rearview::generate
