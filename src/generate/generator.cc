// Writes the sample company one opportunity at a time: the team, accounts and
// contacts first (they are small and every deal picks from them), then each
// deal planned from its own sub-seed and streamed straight to every file.
#include "rearview/generate/generator.h"

#include <fmt/format.h>

#include <system_error>

#include "activities.h"
#include "company.h"
#include "concurrent_deals.h"
#include "call_recordings.h"
#include "meeting_calendar.h"
#include "deal.h"
#include "export_files.h"
#include "opportunity_rows.h"
#include "truth.h"

namespace rearview {
namespace {

// Ids have 15 digits and contacts are numbered in 32 bits; far beyond any
// useful sample, and it keeps a typo from filling the disk.
constexpr long long kMaximumOpportunities = 20'000'000;
constexpr long long kProgressEvery = 1000;

Result<void> check_options(const GenerateOptions& options) {
  if (options.opportunities < 1 || options.opportunities > kMaximumOpportunities)
    return fail(ErrorCode::usage,
                fmt::format("cannot generate {} opportunities", options.opportunities),
                fmt::format("ask for between 1 and {}", kMaximumOpportunities));
  if (options.out_dir.empty())
    return fail(ErrorCode::usage, "no output directory given for the sample company");
  return {};
}

Result<void> ensure_directory(const std::filesystem::path& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (!error && std::filesystem::is_directory(directory, error)) {
    // The export files are overwritten: only in an empty folder or one an
    // earlier run wrote (it has truth.json), never in someone's real export.
    bool empty = std::filesystem::is_empty(directory, error);
    if (error || empty || std::filesystem::exists(directory / "truth.json", error)) return {};
    return fail(ErrorCode::usage,
                fmt::format("{} is not empty and was not written by rearview generate",
                            directory.string()),
                "give --out a new or empty folder, so that no file of yours is overwritten");
  }
  return fail(ErrorCode::io,
              fmt::format("cannot create the output directory {}: {}", directory.string(),
                          error ? error.message() : "a file of that name exists"),
              "choose a directory you can write to");
}

}  // namespace

Result<GenerateSummary> generate_company(const GenerateOptions& options,
                                         const GenerateProgress& progress) {
  using namespace generate;
  if (auto checked = check_options(options); !checked) return std::unexpected(checked.error());
  if (auto created = ensure_directory(options.out_dir); !created)
    return std::unexpected(created.error());
  auto files = open_export_files(options.out_dir);
  if (!files) return std::unexpected(files.error());
  auto truth = TruthWriter::create(options.out_dir);
  if (!truth) return std::unexpected(truth.error());

  const long long total = options.opportunities;
  const Company company = build_company(options.seed, total);
  write_company(company, *files);

  Mailbox mailbox;
  MeetingCalendar calendar;
  ConcurrentDeals concurrent;
  if (options.mailbox) {
    auto created = Mailbox::create(options.out_dir);
    if (!created) return std::unexpected(created.error());
    mailbox = std::move(*created);
  }
  if (options.calendar) {
    auto created = MeetingCalendar::create(options.out_dir);
    if (!created) return std::unexpected(created.error());
    calendar = std::move(*created);
  }
  CallRecordings recordings;
  if (options.calls) {
    auto created = CallRecordings::create(options.out_dir);
    if (!created) return std::unexpected(created.error());
    recordings = std::move(*created);
  }
  const bool captured = options.mailbox || options.calendar || options.calls;
  if (captured) concurrent = ConcurrentDeals::build(company, options.seed, total);
  ActivityOutputs outputs{.files = *files,
                          .mailbox = options.mailbox ? &mailbox : nullptr,
                          .calendar = options.calendar ? &calendar : nullptr,
                          .recordings = options.calls ? &recordings : nullptr,
                          .concurrent = captured ? &concurrent : nullptr,
                          .partners = &company.partners,
                          .crm_activities = options.crm_activities};

  OpportunityLedger opportunity_ledger;
  ActivityLedger activity_ledger;
  for (long long index = 0; index < total; ++index) {
    const Deal deal = plan_deal(company, options.seed, index, total);
    const DealFacts facts = facts_of(deal);
    write_opportunity(deal, facts, *files, opportunity_ledger);
    write_activities(deal, facts, options.seed, outputs, activity_ledger);
    truth->add(deal, facts);
    const long long done = index + 1;
    if (progress && (done % kProgressEvery == 0 || done == total)) progress(done, total);
  }
  if (auto closed = files->close_all(); !closed) return std::unexpected(closed.error());
  if (auto closed = mailbox.close(); !closed) return std::unexpected(closed.error());
  if (auto closed = calendar.close(); !closed) return std::unexpected(closed.error());
  if (auto closed = recordings.close(); !closed) return std::unexpected(closed.error());

  TruthTotals totals;
  totals.users = static_cast<long long>(company.users.size());
  totals.accounts = static_cast<long long>(company.accounts.size() + company.partners.size());
  totals.contacts = company.live_contacts;
  totals.emails = activity_ledger.emails;
  totals.meetings = activity_ledger.meetings;
  totals.calls = activity_ledger.calls;
  totals.notes = activity_ledger.notes;
  auto truth_bytes = truth->finish(options.seed, total, totals);
  if (!truth_bytes) return std::unexpected(truth_bytes.error());

  GenerateSummary summary;
  summary.users = totals.users;
  summary.accounts = totals.accounts;
  summary.contacts = totals.contacts;
  summary.opportunities = total;
  summary.history_rows = files->history.rows();
  summary.interactions = activity_ledger.interactions();
  summary.mail_messages = mailbox.messages();
  summary.calendar_events = calendar.events();
  summary.recorded_calls = recordings.calls();
  summary.bytes_written =
      files->bytes() + mailbox.bytes() + calendar.bytes() + recordings.bytes() + *truth_bytes;
  return summary;
}

}  // namespace rearview
