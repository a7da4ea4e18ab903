// rearview generate: a sample company as a Salesforce export.
#include <fmt/format.h>
#include <unistd.h>

#include "cli.h"
#include "rearview/generate/generator.h"

namespace rearview::cli {

void add_generate_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "generate", "write a realistic sample company as a Salesforce export (plus truth.json)");
  auto options = std::make_shared<GenerateOptions>();
  command->add_option("--out", options->out_dir, "folder to write into")->required();
  command->add_option("--opportunities", options->opportunities, "how many opportunities")
      ->check(CLI::Range(1LL, 10'000'000LL))
      ->capture_default_str();
  command->add_option("--seed", options->seed, "the same seed gives the same company")
      ->capture_default_str();
  command->add_flag("--mailbox", options->mailbox,
                    "write the e-mail as a mailbox (mail/all-mail.mbox, with mail/truth.csv: "
                    "which deal each message belongs to) instead of EmailMessage.csv");
  command->add_flag("--calendar", options->calendar,
                    "write the meetings as calendars (calendar/team.ics and copies.ics, with "
                    "calendar/truth.csv: which deal each meeting belongs to) instead of Event.csv");
  command->add_flag("--calls", options->calls,
                    "write the calls as a recorder's transcripts (calls/YYYY-MM/*.vtt and *.srt "
                    "with .json sidecars, and calls/truth.csv) instead of Task.csv");
  command->add_flag("!--no-crm-activities", options->crm_activities,
                    "leave calls, notes and meetings (Task.csv, Event.csv) out of the export");
  command->callback([&action, options] {
    action = [options] {
      bool terminal = isatty(STDERR_FILENO);
      auto summary = generate_company(*options, [terminal](long long done, long long total) {
        if (terminal) fmt::print(stderr, "\rgenerating: {} of {} opportunities", done, total);
      });
      if (terminal) fmt::print(stderr, "\r{:60}\r", "");
      if (!summary) return report_error(summary.error());
      fmt::print("wrote {} users, {} accounts, {} contacts, {} opportunities, {} history rows and "
                 "{} interactions ({:.1f} MB) to {}\n",
                 summary->users, summary->accounts, summary->contacts, summary->opportunities,
                 summary->history_rows, summary->interactions,
                 double(summary->bytes_written) / 1e6, options->out_dir.string());
      if (options->mailbox)
        fmt::print("the e-mail ({} messages) is in {}; rearview import mail reads it\n",
                   summary->mail_messages, (options->out_dir / "mail").string());
      if (options->calendar)
        fmt::print("the meetings ({} events) are in {}; rearview import calendar reads them\n",
                   summary->calendar_events, (options->out_dir / "calendar").string());
      if (options->calls)
        fmt::print("the calls ({} transcripts) are in {}; rearview import calls reads them\n",
                   summary->recorded_calls, (options->out_dir / "calls").string());
      return 0;
    };
  });
}

}  // namespace rearview::cli
