// A whole HubSpot export folder built from arbitrary bytes, imported into a
// fresh SQLite database. As in fuzz_salesforce_export: sections separated
// by the byte 0x1E, the first byte of each picking the file it becomes (the
// files are known by their columns, so the name only keeps them apart).
#include <array>
#include <string>

#include "fuzz_support.h"
#include "rearview/core/settings.h"
#include "rearview/importers/import.h"
#include "rearview/storage/sqlite_database.h"

namespace {

constexpr std::array<std::string_view, 7> kFiles = {
    "companies.csv", "contacts.csv", "deals.csv", "calls.csv", "emails.csv", "meetings.csv",
    "notes.csv"};

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
  ImportOptions options{.bad_rows = size % 2 ? BadRows::skip : BadRows::fail_import,
                        .rejects_file = scratch / "rejected-rows.csv"};
  (void)import_hubspot(**session, settings, {folder}, options);
  return 0;
}
