// What the mail, calendar and IMAP commands print after an import: the
// problems kept and how many more there were, the files left out, the
// message counts.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/text.h"
#include "rearview/importers/mail_import.h"

namespace rearview::cli {

// Each kept problem, as `describe` words it, on standard error; then how
// many more there were.
template <typename Problem, typename Describe>
void print_problems(const std::vector<Problem>& kept, long long count, Describe&& describe) {
  for (const auto& problem : kept) fmt::print(stderr, "{}\n", printable(describe(problem)));
  if (count > static_cast<long long>(kept.size()))
    fmt::print(stderr, "... and {} more problems\n", count - static_cast<long long>(kept.size()));
}

// "left out (WHY): FILE" for the first files, then how many more there were.
void print_left_out(const std::vector<std::string>& files, long long count, std::string_view why);

// "messages: ... read, ... imported, ..." and the invitations' events.
void print_message_counts(const MailImportReport& report);

}  // namespace rearview::cli
