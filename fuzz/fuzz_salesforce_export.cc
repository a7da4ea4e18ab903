// A whole Salesforce export folder built from arbitrary bytes, imported into
// a fresh SQLite database. The input is a list of sections separated by the
// byte 0x1E (ASCII record separator); the first byte of a section picks the
// file it becomes, the rest is that file's content. scripts/fuzz.sh builds
// seeds from real exports in this form.
#include <array>
#include <string>

#include "fuzz_support.h"
#include "rearview/core/settings.h"
#include "rearview/importers/import.h"
#include "rearview/storage/sqlite_database.h"

namespace {

constexpr std::array<std::string_view, 10> kFiles = {
    "User.csv",     "Account.csv",          "Contact.csv", "Opportunity.csv", "OpportunityHistory.csv",
    "OpportunityFieldHistory.csv", "OpportunityContactRole.csv", "Task.csv", "Event.csv",
    "EmailMessage.csv"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rearview;
  const auto& scratch = fuzz::fresh_scratch_folder();
  auto folder = scratch / "export";
  std::filesystem::create_directory(folder);
  fuzz::write_sections(fuzz::as_text(data, size), folder, kFiles);

  auto database = open_sqlite_database(scratch / "rearview.db", OpenMode::create_if_missing);
  if (!database) return 0;
  auto session = (*database)->open_session();
  if (!session) return 0;
  Settings settings = default_settings();
  ImportOptions options{.bad_rows = size % 2 ? BadRows::skip : BadRows::fail_import, .rejects_file = scratch / "rejected-rows.csv"};
  (void)import_salesforce(**session, settings, folder, options);
  return 0;
}
