#include "import_summary.h"

#include "rearview/importers/calendar_import.h"

namespace rearview::cli {

void print_left_out(const std::vector<std::string>& files, long long count, std::string_view why) {
  for (const auto& file : files) fmt::print("left out ({}): {}\n", why, printable(file));
  if (count > static_cast<long long>(files.size()))
    fmt::print("left out: ... and {} more files\n", count - static_cast<long long>(files.size()));
}

void print_message_counts(const MailImportReport& report) {
  fmt::print("messages: {} read, {} imported, {} updated, {} duplicate, {} skipped\n",
             report.messages_read, report.imported, report.updated, report.duplicates,
             report.skipped);
  if (report.invitations.events_read > 0)
    fmt::print("invitations: {}\n", describe(report.invitations));
}

}  // namespace rearview::cli
