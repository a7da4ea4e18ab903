// A HubSpot export: which file is which, in which order they are read, and
// the parents they share.
#include "hubspot_import.h"

#include <fmt/format.h>

#include <algorithm>

#include "source_files.h"

namespace rearview {
namespace importing::hubspot {
namespace {

bool has(const CsvColumns& columns, std::string_view name) { return columns.find(name).has_value(); }

constexpr std::size_t kExamples = 3;

}  // namespace

std::optional<FileKind> kind_of(const std::vector<std::string>& header) {
  CsvColumns columns(header);
  if (!has(columns, "Record ID")) return std::nullopt;
  if (has(columns, "Deal Name") && has(columns, "Deal Stage")) return FileKind::deals;
  if (has(columns, "Call Title") || has(columns, "Call notes") || has(columns, "Call direction"))
    return FileKind::calls;
  if (has(columns, "Email subject") || has(columns, "Email direction")) return FileKind::emails;
  if (has(columns, "Meeting name") || has(columns, "Meeting start time")) return FileKind::meetings;
  if (has(columns, "Note body")) return FileKind::notes;
  if (has(columns, "Company name")) return FileKind::companies;
  if (has(columns, "Email") || has(columns, "First Name") || has(columns, "Last Name"))
    return FileKind::contacts;
  return std::nullopt;
}

std::string_view object_name(FileKind kind) {
  switch (kind) {
    case FileKind::companies: return "Company";
    case FileKind::contacts: return "Contact";
    case FileKind::deals: return "Deal";
    case FileKind::calls: return "Call";
    case FileKind::emails: return "Email";
    case FileKind::meetings: return "Meeting";
    case FileKind::notes: return "Note";
  }
  return "";
}

std::string deal_id(std::string_view record_id) { return fmt::format("hubspot-deal-{}", record_id); }
std::string company_id(std::string_view record_id) {
  return fmt::format("hubspot-company-{}", record_id);
}
std::string contact_id(std::string_view record_id) {
  return fmt::format("hubspot-contact-{}", record_id);
}

std::vector<std::string> record_ids(std::string_view list) {
  std::vector<std::string> ids;
  while (!list.empty()) {
    auto end = list.find_first_of(";,");
    std::string_view id = trim(list.substr(0, end));
    if (!id.empty()) ids.emplace_back(id);
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return ids;
}

Column first_present(const CsvReader& reader, std::initializer_list<std::string_view> names) {
  CsvColumns columns(reader.header());
  for (auto name : names)
    if (auto index = columns.find(name)) return Column{std::string(name), index};
  return Column{std::string(*names.begin()), std::nullopt};
}

Result<std::optional<Id>> HubspotImport::owner(std::string_view written) {
  std::string name = collapse_spaces(written);
  if (name.empty()) return std::optional<Id>();
  if (auto known = owners_.find(name); known != owners_.end()) return std::optional<Id>(known->second);
  Id id = "hubspot-owner:" + lower(name);
  User user{.id = id, .name = name};
  if (name.find('@') != std::string::npos && name.find(' ') == std::string::npos)
    user.email = lower(name);
  auto written_user = context.records().upsert(user);
  if (!written_user) return std::unexpected(written_user.error());
  owners_[name] = id;
  return std::optional<Id>(id);
}

Result<bool> HubspotImport::exists(RecordKind kind, const Id& id) {
  if (written_[int(kind)].contains(id)) return true;
  auto found = context.records().exists(kind, id);
  if (!found) return std::unexpected(found.error());
  if (*found) written_[int(kind)].insert(id);
  return *found;
}

Result<Id> HubspotImport::ensure_company(std::string_view record_id, std::string_view name) {
  Id id = company_id(record_id);
  auto found = exists(RecordKind::account, id);
  if (!found) return std::unexpected(found.error());
  if (*found) return id;
  std::string shown = name.empty() ? fmt::format("Unknown company {}", record_id)
                                   : collapse_spaces(name);
  auto written = context.records().upsert(Account{.id = id, .name = shown});
  if (!written) return std::unexpected(written.error());
  written_[int(RecordKind::account)].insert(id);
  missing_companies_.push_back(std::string(record_id));
  return id;
}

Result<std::optional<Id>> HubspotImport::existing_deal(std::string_view record_id) {
  Id id = deal_id(record_id);
  auto found = exists(RecordKind::opportunity, id);
  if (!found) return std::unexpected(found.error());
  if (!*found) missing_deals_.insert(std::string(record_id));
  return *found ? std::optional<Id>(id) : std::nullopt;
}

Result<std::optional<Id>> HubspotImport::existing_contact(std::string_view record_id) {
  Id id = contact_id(record_id);
  auto found = exists(RecordKind::contact, id);
  if (!found) return std::unexpected(found.error());
  if (!*found) missing_contacts_.insert(std::string(record_id));
  return *found ? std::optional<Id>(id) : std::nullopt;
}

void HubspotImport::warn_of_missing() {
  if (!missing_companies_.empty())
    context.warn(fmt::format(
        "{} associated compan{} not in the export nor in the database: added by the name the "
        "deal or contact gives (Record IDs {})",
        missing_companies_.size(), missing_companies_.size() == 1 ? "y is" : "ies are",
        ImportContext::first_and_count(missing_companies_, kExamples)));
  auto listed = [](const std::set<std::string>& ids) {
    return ImportContext::first_and_count(std::vector<std::string>(ids.begin(), ids.end()),
                                          kExamples);
  };
  if (!missing_deals_.empty())
    context.warn(fmt::format(
        "{} associated deal{} not in the export nor in the database: activities associated with "
        "no other deal stay on no deal (Record IDs {})",
        missing_deals_.size(), missing_deals_.size() == 1 ? " is" : "s are",
        listed(missing_deals_)));
  if (!missing_contacts_.empty())
    context.warn(fmt::format(
        "{} associated contact{} not in the export nor in the database: left out of the "
        "activities' participants (Record IDs {})",
        missing_contacts_.size(), missing_contacts_.size() == 1 ? " is" : "s are",
        listed(missing_contacts_)));
}

namespace {

struct ExportFile {
  std::filesystem::path path;
  FileKind kind;
};

// The CSV files among `paths` (folders searched recursively), each with
// the export it is; other CSV files are named in a warning.
Result<std::vector<ExportFile>> find_export_files(const std::vector<std::filesystem::path>& paths,
                                                  const ImportOptions& options,
                                                  std::vector<std::string>& not_hubspot) {
  auto found = find_source_files(
      paths,
      [&](const std::filesystem::path& file) -> std::optional<int> {
        if (lower(file.extension().string()) != ".csv") return std::nullopt;
        auto reader = CsvReader::open(file, options.encoding);
        auto kind = reader ? kind_of((*reader)->header()) : std::nullopt;
        return kind ? std::optional<int>(int(*kind)) : std::nullopt;
      },
      "give the folder of a HubSpot export, or its CSV files");
  if (!found) return std::unexpected(found.error());
  std::vector<ExportFile> files;
  for (const auto& file : found->files) files.push_back({file.path, FileKind(file.format)});
  for (const auto& file : found->left_out)
    if (lower(file.extension().string()) == ".csv") not_hubspot.push_back(file.filename().string());
  // Parents before what refers to them.
  std::stable_sort(files.begin(), files.end(),
                   [](const ExportFile& a, const ExportFile& b) { return a.kind < b.kind; });
  return files;
}

Result<void> import_file(HubspotImport& import, const ExportFile& file, long long& bytes_before) {
  ObjectCounts counts{.object = std::string(object_name(file.kind))};
  auto reader = import.context.open(file.path, counts);
  import.context.set_progress_base(bytes_before);
  std::error_code error;
  bytes_before += static_cast<long long>(std::filesystem::file_size(file.path, error));
  Result<void> read;
  if (reader) {
    switch (file.kind) {
      case FileKind::companies: read = import_companies(import, *reader, counts); break;
      case FileKind::contacts: read = import_contacts(import, *reader, counts); break;
      case FileKind::deals: read = import_deals(import, *reader, counts); break;
      default: read = import_activities(import, file.kind, *reader, counts); break;
    }
  }
  import.context.report().objects.push_back(std::move(counts));
  return read;
}

}  // namespace
}  // namespace importing::hubspot

Result<ImportReport> import_hubspot(Session& session, const Settings& settings,
                                    const std::vector<std::filesystem::path>& paths,
                                    const ImportOptions& options) {
  using namespace importing::hubspot;
  std::vector<std::string> not_hubspot;
  auto files = find_export_files(paths, options, not_hubspot);
  if (!files) return std::unexpected(files.error());
  bool zipped = std::any_of(paths.begin(), paths.end(), [](const std::filesystem::path& path) {
    return lower(path.extension().string()) == ".zip";
  });
  if (files->empty() && zipped)
    return fail(ErrorCode::not_found, "rearview reads the CSV files of a HubSpot export, not its .zip",
                "unzip it (unzip FILE.zip -d FOLDER) and give the folder");
  if (files->empty())
    return fail(ErrorCode::not_found,
                fmt::format("no HubSpot export among {} ({} CSV file{} of other kinds)",
                            paths.size() == 1 ? paths.front().string() : "the paths given",
                            not_hubspot.size(), not_hubspot.size() == 1 ? "" : "s"),
                "export deals, companies, contacts, calls, e-mails, meetings or notes from "
                "HubSpot's object views (Export, CSV) with their Record ID column");
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  ImportReport report;
  importing::ImportContext context(*transaction, settings, options, report);
  std::vector<std::filesystem::path> inputs;
  long long total = 0;
  for (const auto& file : *files) {
    inputs.push_back(file.path);
    std::error_code error;
    total += static_cast<long long>(std::filesystem::file_size(file.path, error));
  }
  if (auto started = context.start(inputs, {}); !started) return std::unexpected(started.error());
  if (options.progress) options.progress->start(total);
  if (!not_hubspot.empty())
    context.warn(fmt::format("{} CSV file{} not a HubSpot export we read, left out: {}",
                             not_hubspot.size(), not_hubspot.size() == 1 ? " is" : "s are",
                             importing::ImportContext::first_and_count(not_hubspot, 5)));
  HubspotImport import(context);
  Result<void> outcome;
  long long bytes_before = 0;
  for (const auto& file : *files) {
    outcome = import_file(import, file, bytes_before);
    if (!outcome) break;
  }
  if (outcome) import.warn_of_missing();
  return context.finish(outcome);
}

}  // namespace rearview
