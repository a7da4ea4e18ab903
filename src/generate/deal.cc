#include "deal.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>

#include "calendar.h"
#include "ids.h"
#include "random.h"
#include "stages.h"

namespace rearview::generate {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

enum class Fate { won, lost, stalled };

struct StageStep {
  Timestamp at;
  int stage = 0;
};

// How the deal would go if nobody stopped watching; the export time cuts it.
struct Plan {
  std::vector<StageStep> steps;  // after creation
  std::vector<Phase> phases;
  Timestamp forecast_basis;  // the close the rep expects at creation
  Timestamp pushes_until;    // a stalled deal's close date stops being maintained
  Fate fate = Fate::lost;
};

constexpr long long kMinimumAmount = 5'000;
constexpr long long kMaximumAmount = 500'000;

// Where a lost deal got to before it died: losses happen at every stage,
// most of them early.
constexpr int kLossTopWeights[] = {22, 20, 14, 12, 10, 8, 8, 6};
constexpr int kStallTopWeights[] = {20, 20, 18, 15, 12, 10};
constexpr int kCreationStageWeights[] = {65, 28, 7};
constexpr int kEngagedCountWeights[] = {32, 30, 20, 11, 7};  // 1..5 buyer contacts

constexpr std::string_view kNextSteps[] = {
    "Book discovery call",
    "Confirm budget and timeline",
    "Schedule tailored demo",
    "Share ROI model with the team",
    "Get intro to the economic buyer",
    "Security review: send SOC 2 report",
    "Send revised quote",
    "Redlines back from legal",
};

struct RoleChoice {
  std::span<const std::string_view> roles;
  std::span<const int> weights;
};
constexpr std::string_view kExecutiveRoles[] = {"Economic Buyer", "Decision Maker",
                                                "Executive Sponsor", "Economic Decision Maker"};
constexpr int kExecutiveRoleWeights[] = {30, 25, 25, 20};
constexpr std::string_view kDirectorRoles[] = {"Decision Maker", "Technical Buyer", "Influencer",
                                               "Executive Sponsor"};
constexpr int kDirectorRoleWeights[] = {35, 30, 25, 10};
constexpr std::string_view kManagerRoles[] = {"Evaluator", "Influencer", "Business User", "Other"};
constexpr int kManagerRoleWeights[] = {30, 30, 20, 20};
constexpr std::string_view kIndividualRoles[] = {"Evaluator", "Technical Buyer", "Business User",
                                                 "Other"};
constexpr int kIndividualRoleWeights[] = {40, 25, 30, 5};
// Indexed by Seniority.
constexpr RoleChoice kRoleChoices[] = {{kExecutiveRoles, kExecutiveRoleWeights},
                                       {kDirectorRoles, kDirectorRoleWeights},
                                       {kManagerRoles, kManagerRoleWeights},
                                       {kIndividualRoles, kIndividualRoleWeights}};
constexpr std::size_t kMaximumListedRoles = 4;

constexpr std::string_view kNewBusinessNames[] = {"{product} Subscription", "{seats} Seats",
                                                  "Data Ops Pilot", "Platform Rollout",
                                                  "Enterprise License"};
constexpr std::string_view kExistingBusinessNames[] = {"Expansion", "{seats} Additional Seats",
                                                       "Renewal + Upsell", "Analytics Add-on",
                                                       "Second Business Unit"};

Timestamp creation_time(Random& random, long long index, long long total) {
  const double fraction = (double(index) + random.uniform()) / double(total);
  // Inverse of a density rising linearly to three times its start: the
  // company grows, so recent months hold more new deals. Ids follow time.
  const double position = (std::sqrt(1.0 + 8.0 * fraction) - 1.0) / 2.0;
  const double span_days = days_between(kHistoryStart, kExportTime) - 2.0;
  return working_time(random, day_of(days_after(kHistoryStart, position * span_days)));
}

long long round_amount(double amount) {
  return std::clamp<long long>(std::llround(amount / 500.0) * 500, kMinimumAmount, kMaximumAmount);
}

// Bigger customers buy bigger deals.
long long initial_amount(Random& random, const CustomerAccount& account) {
  const double median = 25'000.0 * std::pow(double(account.employees) / 350.0, 0.3);
  return round_amount(random.lognormal(median, 0.7));
}

bool is_executive(const CustomerAccount& account, int contact) {
  return contact_title(account.contacts[std::size_t(contact)]).seniority == Seniority::executive;
}

// The buyer-side people who will take part. The champion (primary) is
// usually not an executive.
std::vector<int> choose_engaged_contacts(Random& random, const CustomerAccount& account) {
  const std::size_t available = account.contacts.size();
  const std::size_t count =
      std::min(available, std::size_t(1 + random.weighted(kEngagedCountWeights)));
  std::vector<int> chosen;
  for (int attempt = 0; attempt < 8 && chosen.empty(); ++attempt) {
    const int candidate = int(random.below(available));
    if (!is_executive(account, candidate) || random.chance(0.15)) chosen.push_back(candidate);
  }
  if (chosen.empty()) chosen.push_back(int(random.below(available)));
  while (chosen.size() < count) {
    const int candidate = int(random.below(available));
    if (std::ranges::find(chosen, candidate) == chosen.end()) chosen.push_back(candidate);
  }
  return chosen;
}

// The levers a postmortem should find: single-threaded deals, deals without
// an executive and deals of weaker reps lose more often.
double win_probability(const CustomerAccount& account, const std::vector<int>& engaged,
                       const SalesUser& owner, bool existing_business) {
  const bool executive =
      std::ranges::any_of(engaged, [&](int contact) { return is_executive(account, contact); });
  double probability = 0.34 * owner.skill;
  if (engaged.size() == 1) probability *= 0.45;
  if (engaged.size() >= 3) probability *= 1.3;
  probability *= executive ? 1.3 : 0.85;
  if (existing_business) probability *= 1.25;
  return std::clamp(probability, 0.03, 0.9);
}

class StagePlanner {
 public:
  StagePlanner(Random& random, double pace, int first_stage, Timestamp created)
      : random_(random), pace_(pace), stage_(first_stage), time_(created), phase_start_(created) {}

  Plan plan(Fate fate) {
    plan_.fate = fate;
    switch (fate) {
      case Fate::won:
        walk(random_.chance(0.85) ? kNegotiation : kProposal);
        close_won();
        plan_.forecast_basis = time_;
        break;
      case Fate::lost:
        walk(stage_ +
             int(random_.weighted(std::span(kLossTopWeights).subspan(std::size_t(stage_)))));
        plan_.forecast_basis = close_lost();
        if (random_.chance(0.03)) reopen();
        break;
      case Fate::stalled:
        walk(stage_ +
             int(random_.weighted(std::span(kStallTopWeights).subspan(std::size_t(stage_)))));
        stall();
        break;
    }
    return std::move(plan_);
  }

  void start_phases_at(Timestamp first_touch) { phase_start_ = first_touch; }

 private:
  double dwell_days(int stage) {
    return std::max(0.3, random_.lognormal(kStages[std::size_t(stage)].median_days * pace_, 0.6));
  }

  // Saves happen in working hours, and always after the previous one.
  Timestamp later(Timestamp from, double days_later) {
    Timestamp time = working_time(random_, day_of(days_after(from, days_later)));
    if (time <= from) time = from + seconds(random_.between(1800, 4 * 3600));
    return time;
  }

  // Forward to `top`, now and then skipping a stage or slipping back one.
  void walk(int top) {
    int slips = 0;
    while (stage_ < top) {
      time_ = later(time_, dwell_days(stage_));
      const double draw = random_.uniform();
      if (draw < 0.05 && slips < 2 && stage_ > kQualification) {
        --stage_;
        ++slips;
      } else if (draw < 0.17 && stage_ + 2 <= top) {
        stage_ += 2;
      } else {
        ++stage_;
      }
      plan_.steps.push_back({time_, stage_});
    }
  }

  void close_won() {
    time_ = later(time_, dwell_days(stage_));
    plan_.steps.push_back({time_, kClosedWon});
    plan_.phases.push_back({phase_start_, time_, true});
  }

  // A lost deal goes quiet for weeks before someone marks it lost. Returns
  // when the buyer stopped answering.
  Timestamp close_lost() {
    const double quiet_days = std::clamp(random_.lognormal(30, 0.4), 14.0, 90.0);
    const Timestamp silent_from = later(time_, dwell_days(stage_) * random_.uniform(0.4, 1.0));
    time_ = later(silent_from, quiet_days);
    plan_.steps.push_back({time_, kClosedLost});
    plan_.phases.push_back({phase_start_, silent_from, true});
    plan_.phases.push_back({silent_from, time_, false});
    return silent_from;
  }

  // Rarely a lost deal comes back to life and closes again.
  void reopen() {
    time_ = later(time_, random_.uniform(20, 120));
    stage_ = kQualification + int(random_.below(3));
    plan_.steps.push_back({time_, stage_});
    phase_start_ = time_;
    if (random_.chance(0.45)) {
      plan_.fate = Fate::won;
      walk(kNegotiation);
      close_won();
    } else {
      walk(std::min(kLastOpenStage, stage_ + int(random_.below(3))));
      close_lost();
    }
  }

  // Nobody closes it: the buyer drifts away, the rep stops chasing.
  void stall() {
    const Timestamp silent_from = later(time_, random_.uniform(10, 40));
    const Timestamp given_up = later(silent_from, random_.uniform(20, 50));
    plan_.phases.push_back({phase_start_, silent_from, true});
    plan_.phases.push_back({silent_from, given_up, false});
    plan_.forecast_basis = silent_from;
    plan_.pushes_until = given_up + days{60};
  }

  Random& random_;
  double pace_;
  int stage_;
  Timestamp time_;
  Timestamp phase_start_;
  Plan plan_;
};

// Replays the planned stage changes as saves, adding what reps do between
// them: pushing a close date that has passed, re-forecasting, changing the
// amount. Stops at the export time.
class HistoryBuilder {
 public:
  HistoryBuilder(Random& random, std::vector<HistoryRow>& rows) : random_(random), rows_(rows) {}

  void replay(HistoryRow created, const Plan& plan) {
    rows_.push_back(created);
    for (std::size_t index = 0; index < plan.steps.size() && !cut_; ++index) {
      const StageStep& step = plan.steps[index];
      push_overdue_close_dates(step.at, plan.fate == Fate::stalled ? 2 : 1000);
      const Timestamp next =
          index + 1 < plan.steps.size() ? plan.steps[index + 1].at : step.at + days{3650};
      change_stage(step, next);
    }
    if (plan.fate == Fate::stalled) push_overdue_close_dates(plan.pushes_until, 2);
  }

 private:
  const HistoryRow& current() const { return rows_.back(); }

  // Keeps rows in time order at least a second apart and ends the history
  // at the export time.
  void emit(HistoryRow row) {
    if (cut_ || (row.stage == current().stage && row.amount == current().amount &&
                 row.close_date == current().close_date))
      return;  // nothing changed, so Salesforce writes no history row
    if (row.at <= current().at) row.at = current().at + seconds(random_.between(1, 300));
    if (row.at > kExportTime) {
      cut_ = true;
      return;
    }
    if (is_closed(row.stage) && row.stage != current().stage) row.close_date = day_of(row.at);
    rows_.push_back(row);
  }

  // Reps notice an overdue close date within days and move it weeks out.
  void push_overdue_close_dates(Timestamp before, int maximum) {
    for (int pushes = 0; pushes < maximum && !cut_ && !is_closed(current().stage); ++pushes) {
      Timestamp noticed = working_time(random_, current().close_date + days{random_.between(1, 9)});
      // Overdue already at the last save: fixed in the hours after it.
      if (noticed <= current().at) noticed = current().at + minutes{random_.between(60, 360)};
      if (noticed + hours{1} >= before) return;
      HistoryRow row = current();
      row.at = noticed;
      row.close_date = forecast_date(day_of(noticed) + days{random_.between(14, 45)});
      emit(row);
    }
  }

  void change_stage(const StageStep& step, Timestamp next) {
    HistoryRow row = current();
    row.at = step.at;
    row.stage = step.stage;
    if (is_closed(current().stage) && !is_closed(step.stage))  // reopened: a fresh forecast
      row.close_date = forecast_date(day_of(step.at) + days{random_.between(30, 75)});
    else if (!is_closed(step.stage) && random_.chance(0.07))
      row.close_date = forecast_date(row.close_date + days{random_.between(7, 30)});
    const std::optional<long long> amount = changed_amount(step.stage);
    const bool same_save = random_.chance(0.5);
    if (amount && same_save) row.amount = *amount;
    emit(row);
    if (!amount || same_save || cut_) return;
    HistoryRow revised = current();
    revised.at = current().at + hours{random_.between(1, 30)};
    revised.amount = *amount;
    if (revised.at + hours{1} < next) emit(revised);
  }

  // Scope grows or shrinks during discovery; negotiation brings discounts.
  std::optional<long long> changed_amount(int stage) {
    const long long amount = current().amount;
    if (stage == kNegotiation && random_.chance(0.35))
      return round_amount(double(amount) * random_.uniform(0.8, 0.97));
    const bool scoping =
        stage == kNeedsAnalysis || stage == kValueProposition || stage == kProposal;
    if (scoping && random_.chance(0.18))
      return round_amount(double(amount) * random_.uniform(0.8, 1.35));
    return std::nullopt;
  }

  // Reps like month ends.
  Date forecast_date(Date day) { return random_.chance(0.45) ? end_of_month(day) : day; }

  Random& random_;
  std::vector<HistoryRow>& rows_;
  bool cut_ = false;
};

std::string deal_name(Random& random, const CustomerAccount& account, bool existing_business) {
  std::string_view pattern =
      existing_business ? random.pick(kExistingBusinessNames) : random.pick(kNewBusinessNames);
  std::string suffix(pattern);
  if (auto at = suffix.find("{product}"); at != std::string::npos)
    suffix.replace(at, 9, kProductName);
  if (auto at = suffix.find("{seats}"); at != std::string::npos)
    suffix.replace(at, 7, fmt::format("{}", 25 * random.between(2, 40)));
  return fmt::format("{} {} {}", account.name, random.chance(0.1) ? "—" : "-", suffix);
}

Date initial_close_date(Random& random, Timestamp created, Timestamp forecast_basis) {
  const double planned_days = std::max(14.0, days_between(created, forecast_basis));
  const Timestamp expected = days_after(created, planned_days * random.uniform(0.55, 1.15));
  return random.chance(0.5) ? end_of_month(day_of(expected)) : day_of(expected);
}

// The phases as seen at the export time.
void cut_phases(std::vector<Phase>& phases) {
  std::erase_if(phases, [](const Phase& phase) { return phase.from >= kExportTime; });
  for (Phase& phase : phases) phase.to = std::min(phase.to, kExportTime);
}

// When each engaged contact first takes part, and their role on the deal.
// Won deals usually pull in an executive to sign, late in the cycle.
void cast_contacts(Random& random, Deal& deal, std::vector<int> engaged, Fate fate) {
  const CustomerAccount& account = *deal.account;
  const Timestamp first = deal.phases.front().from;
  Timestamp last = first;
  for (const Phase& phase : deal.phases)
    if (phase.buyer_engaged) last = phase.to;
  const bool has_executive =
      std::ranges::any_of(engaged, [&](int contact) { return is_executive(account, contact); });
  std::optional<int> late_signer;
  if (fate == Fate::won && !has_executive && random.chance(0.7)) {
    for (int contact = 0; contact < int(account.contacts.size()); ++contact)
      if (is_executive(account, contact) && std::ranges::find(engaged, contact) == engaged.end())
        late_signer = contact;
  }
  // Executives are listed right after the primary so they keep a role.
  std::stable_partition(engaged.begin() + 1, engaged.end(),
                        [&](int contact) { return is_executive(account, contact); });
  if (late_signer) engaged.insert(engaged.begin() + 1, *late_signer);

  const double span_seconds = double((last - first).count());
  for (std::size_t index = 0; index < engaged.size(); ++index) {
    DealContact cast;
    cast.contact = engaged[index];
    cast.is_primary = index == 0;
    if (cast.is_primary) {
      cast.joins_at = first;
    } else if (late_signer && cast.contact == *late_signer) {
      cast.joins_at =
          first + seconds(static_cast<long long>(span_seconds * random.uniform(0.7, 0.9)));
    } else {
      cast.joins_at =
          first + seconds(static_cast<long long>(span_seconds * random.uniform(0.0, 0.6)));
    }
    if (index < kMaximumListedRoles) {
      const Seniority seniority =
          contact_title(account.contacts[std::size_t(cast.contact)]).seniority;
      const RoleChoice& choice = kRoleChoices[std::size_t(seniority)];
      cast.role = choice.roles[random.weighted(choice.weights)];
      cast.listed_at = cast.is_primary ? deal.created_at + minutes{random.between(2, 90)}
                                       : std::max(deal.created_at + minutes{5}, cast.joins_at);
    }
    deal.contacts.push_back(cast);
  }
}

void set_reasons(Random& random, Deal& deal, const DealFacts& facts) {
  if (facts.outcome == Outcome::won) {
    deal.win_reason = kWinReasons[random.weighted(kWinReasonWeights)];
    if (random.chance(0.3)) deal.competitor = random.pick(kCompetitors);
  } else if (facts.outcome == Outcome::lost) {
    const LossReason& reason =
        random.pick_weighted(kLossReasons, [](const LossReason& item) { return item.weight; });
    deal.loss_reason = reason.name;
    if (random.chance(reason.competitor_chance)) deal.competitor = random.pick(kCompetitors);
  } else {
    deal.next_step = kNextSteps[std::size_t(std::min(facts.stage, kLastOpenStage))];
  }
}

}  // namespace

Deal plan_deal(const Company& company, std::uint64_t seed, long long index, long long total) {
  Random random = Random::for_item(seed, Stream::opportunity, std::uint64_t(index));
  Deal deal;
  deal.number = index + 1;
  deal.id = salesforce_id(key_prefix::kOpportunity, deal.number);
  deal.account = &random.pick(company.accounts);
  const int owner = random.chance(0.8) ? deal.account->owner : random.pick(company.reps);
  deal.owner = &company.users[std::size_t(owner)];
  deal.manager = &company.users[std::size_t(deal.owner->manager)];
  deal.engineer = &company.users[std::size_t(deal.owner->engineer)];
  deal.created_at = creation_time(random, index, total);

  const bool customer = kAccountTypes[deal.account->type] != "Prospect";
  const bool existing_business = random.chance(customer ? 0.85 : 0.1);
  deal.type = existing_business ? "Existing Business" : "New Business";
  deal.lead_source = kLeadSources[random.weighted(kLeadSourceWeights)];
  deal.name = deal_name(random, *deal.account, existing_business);
  const long long amount = initial_amount(random, *deal.account);

  std::vector<int> engaged = choose_engaged_contacts(random, *deal.account);
  const double win = win_probability(*deal.account, engaged, *deal.owner, existing_business);
  const Fate fate = random.chance(0.16)  ? Fate::stalled
                    : random.chance(win) ? Fate::won
                                         : Fate::lost;
  const int first_stage = int(random.weighted(kCreationStageWeights));
  const double pace = std::pow(double(amount) / 40'000.0, 0.15) * random.lognormal(1.0, 0.25);
  StagePlanner planner(random, pace, first_stage, deal.created_at);
  deal.first_touch_before_creation = random.chance(0.12);
  if (deal.first_touch_before_creation)
    planner.start_phases_at(
        working_time(random, day_of(deal.created_at) - days{random.between(1, 10)}));
  Plan plan = planner.plan(fate);

  HistoryRow created{deal.created_at, first_stage, amount,
                     initial_close_date(random, deal.created_at, plan.forecast_basis)};
  HistoryBuilder(random, deal.history).replay(created, plan);
  deal.phases = std::move(plan.phases);
  cut_phases(deal.phases);
  cast_contacts(random, deal, std::move(engaged), plan.fate);
  set_reasons(random, deal, facts_of(deal));
  return deal;
}

DealFacts facts_of(const Deal& deal) {
  DealFacts facts;
  const HistoryRow* previous = nullptr;
  for (const HistoryRow& row : deal.history) {
    if (!previous || row.stage != previous->stage) {
      facts.stage_path.push_back({row.at, row.stage});
      facts.last_stage_change = row.at;
      if (!is_closed(row.stage))
        facts.furthest_open_stage = std::max(facts.furthest_open_stage, row.stage);
    }
    if (previous && row.close_date > previous->close_date) ++facts.close_date_pushes;
    previous = &row;
  }
  facts.stage = previous->stage;
  if (facts.stage == kClosedWon) facts.outcome = Outcome::won;
  if (facts.stage == kClosedLost) facts.outcome = Outcome::lost;
  if (is_closed(facts.stage)) facts.closed_at = facts.last_stage_change;
  return facts;
}

}  // namespace rearview::generate
