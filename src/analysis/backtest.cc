#include "rearview/analysis/backtest.h"

#include <algorithm>

#include "rearview/analysis/analysis.h"
#include "rearview/core/text.h"
#include "statistics.h"

namespace rearview {
namespace {

std::optional<double> median_or_none(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  return analysis::median_of(values);
}

double share(long long part, long long whole) {
  return whole == 0 ? 0 : double(part) / double(whole);
}

}  // namespace

// A deal counts once per tell kind, with the earliest time it fired; tells
// that only appeared at or after the close say nothing about warning signs.
void TellBacktest::add(const PostmortemReport& closed_report) {
  add(closed_report.opportunity.outcome, closed_report.tells);
}

void TellBacktest::add(Outcome outcome, std::span<const Tell> tells) {
  if (outcome == Outcome::open) return;
  bool lost = outcome == Outcome::lost;
  ++(lost ? lost_deals_ : won_deals_);
  std::map<std::string_view, double> earliest;
  for (const auto& tell : tells) {
    if (!tell.days_before_close || *tell.days_before_close <= 0) continue;
    auto [found, inserted] = earliest.emplace(tell.kind, *tell.days_before_close);
    if (!inserted) found->second = std::max(found->second, *tell.days_before_close);
  }
  for (const auto& [kind, days] : earliest) {
    Firings& firings = firings_[std::string(kind)];
    (lost ? firings.lost_days_before_close : firings.won_days_before_close).push_back(days);
  }
}

std::vector<TellBacktestRow> TellBacktest::rows() const {
  std::vector<std::string> kinds = tell_kinds();
  for (const auto& [kind, firings] : firings_)
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);

  static const Firings kNone;
  std::vector<TellBacktestRow> rows;
  for (const auto& kind : kinds) {
    auto found = firings_.find(kind);
    const Firings& firings = found == firings_.end() ? kNone : found->second;
    TellBacktestRow row{.kind = kind,
                        .lost_deals = static_cast<long long>(firings.lost_days_before_close.size()),
                        .won_deals = static_cast<long long>(firings.won_days_before_close.size())};
    row.lost_share = share(row.lost_deals, lost_deals_);
    row.won_share = share(row.won_deals, won_deals_);
    row.lost_median_days_before_close = median_or_none(firings.lost_days_before_close);
    row.won_median_days_before_close = median_or_none(firings.won_days_before_close);
    if (row.won_share > 0) row.lift = row.lost_share / row.won_share;
    rows.push_back(std::move(row));
  }
  return rows;
}

// Said before the close: what was said at or after it warned nobody.
void PhraseBacktest::add(const OpportunitySnapshot& closed_deal) {
  Outcome outcome = closed_deal.opportunity.outcome;
  if (outcome == Outcome::open) return;
  bool lost = outcome == Outcome::lost;
  ++(lost ? lost_deals_ : won_deals_);
  std::map<std::pair<std::string, std::string>, std::string_view> said;
  for (const auto& interaction : closed_deal.interactions)
    for (const auto& hit : interaction.tracker_hits) {
      if (closed_deal.closed_at && hit.at >= *closed_deal.closed_at) continue;
      said.emplace(std::pair(hit.tracker, std::string()), std::string_view());
      said.emplace(std::pair(hit.tracker, lower(hit.phrase)), hit.phrase);
    }
  for (const auto& [key, phrase] : said) {
    Said& counts = said_[key];
    if (counts.phrase.empty()) counts.phrase = phrase;
    ++(lost ? counts.lost : counts.won);
  }
}

std::vector<PhraseBacktestRow> PhraseBacktest::rows() const {
  std::vector<PhraseBacktestRow> rows;
  for (const auto& [key, said] : said_) {
    PhraseBacktestRow row{.tracker = key.first,
                          .phrase = said.phrase,
                          .lost_deals = said.lost,
                          .won_deals = said.won,
                          .lost_share = share(said.lost, lost_deals_),
                          .won_share = share(said.won, won_deals_)};
    if (row.won_share > 0) row.lift = row.lost_share / row.won_share;
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const PhraseBacktestRow& a, const PhraseBacktestRow& b) {
                     if (a.tracker != b.tracker) return a.tracker < b.tracker;
                     if (a.phrase.empty() != b.phrase.empty()) return a.phrase.empty();
                     return a.lost_deals > b.lost_deals;
                   });
  return rows;
}

}  // namespace rearview
