// Finding the export's files, running the handlers in dependency order and
// finishing the stage catalogue and the derived stage history.
#include "salesforce_import.h"

#include <fmt/format.h>

#include <stdlib.h>

#include <utility>

#include "rearview/core/stage_history.h"
#include "rearview/core/text.h"
#include "salesforce_tree.h"

namespace rearview {
namespace importing {
namespace {

struct ObjectFile {
  const char* object;
  const char* file_name;  // lower-case
  ObjectHandler handler;
  std::optional<RecordKind> kind;
};

// Parents before children, so every reference can be checked on arrival.
const ObjectFile kObjectFiles[] = {
    {"User", "user.csv", import_users, RecordKind::user},
    {"Account", "account.csv", import_accounts, RecordKind::account},
    {"Contact", "contact.csv", import_contacts, RecordKind::contact},
    {"Opportunity", "opportunity.csv", import_opportunities, RecordKind::opportunity},
    {"OpportunityHistory", "opportunityhistory.csv", import_history, std::nullopt},
    {"OpportunityFieldHistory", "opportunityfieldhistory.csv", import_field_history, std::nullopt},
    {"OpportunityContactRole", "opportunitycontactrole.csv", import_contact_roles, std::nullopt},
    {"Task", "task.csv", import_tasks, std::nullopt},
    {"Event", "event.csv", import_events, std::nullopt},
    {"EmailMessage", "emailmessage.csv", import_email_messages, std::nullopt},
};

// The object file a name stands for: Opportunity.csv in any case, and as a
// warehouse lands it (Fivetran's sf_opportunity_history_data.csv).
std::string export_file_key(const std::filesystem::path& file) {
  std::string name = lower(file.filename().string());
  if (!name.ends_with(".csv")) return name;
  std::string stem = name.substr(0, name.size() - 4);
  if (stem.starts_with("sf_") && stem.ends_with("_data")) {
    stem = stem.substr(3, stem.size() - 8);
    std::erase(stem, '_');
  }
  return stem + ".csv";
}

Result<std::map<std::string, std::filesystem::path>> find_export_files(
    const std::filesystem::path& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error))
    return fail(ErrorCode::not_found,
                fmt::format("{} is not a folder", directory.string()),
                "point it at the folder that holds the export's CSV files (User.csv, "
                "Opportunity.csv, ...)");
  std::map<std::string, std::filesystem::path> files;
  // The non-throwing increment: a folder that changes or cannot be read is
  // an error to report, not an exception.
  for (std::filesystem::directory_iterator entry(directory, error), end; !error && entry != end;
       entry.increment(error))
    if (entry->is_regular_file(error)) files[export_file_key(entry->path())] = entry->path();
  if (error)
    return fail(ErrorCode::io, fmt::format("cannot read the folder {}: {}", directory.string(),
                                           error.message()),
                "check that you may read it");
  bool any = false;
  for (const auto& object : kObjectFiles) any = any || files.contains(object.file_name);
  if (!any)
    return fail(ErrorCode::not_found,
                fmt::format("{} holds no Salesforce export files", directory.string()),
                "expected some of User.csv, Account.csv, Contact.csv, Opportunity.csv, "
                "OpportunityHistory.csv, OpportunityFieldHistory.csv, "
                "OpportunityContactRole.csv, Task.csv, Event.csv, EmailMessage.csv");
  return files;
}

Result<void> load_catalogue(SalesforceImport& import) {
  for (const auto& stage : import.context.settings().stages) {
    auto written = import.context.records().upsert(stage);
    if (!written) return std::unexpected(written.error());
  }
  auto stages = import.stored_stages.stages();
  if (!stages) return std::unexpected(stages.error());
  for (auto& stage : *stages) import.catalogue[stage.name] = std::move(stage);
  return {};
}

// Stages the export uses that the catalogue lacks join it, ordered by the
// export's StageSortOrder when it has one, else after the known stages.
Result<void> extend_catalogue(SalesforceImport& import) {
  int next_order = 0;
  for (const auto& [name, stage] : import.catalogue) next_order = std::max(next_order, stage.sort_order);
  for (const auto& [name, seen] : import.observed) {
    if (import.catalogue.contains(name)) continue;
    Stage stage = guess_stage(name);
    if (seen.seen > 0) {
      stage.is_closed = seen.closed * 2 > seen.seen;
      stage.is_won = stage.is_closed && seen.won * 2 > seen.seen;
    }
    if (seen.probability) stage.probability = *seen.probability;
    stage.sort_order = seen.sort_order ? *seen.sort_order : ++next_order;
    auto written = import.context.records().upsert(stage);
    if (!written) return std::unexpected(written.error());
    import.context.warn(fmt::format("stage '{}' is not configured: added it as {}{}", name,
                                    stage.is_closed ? (stage.is_won ? "closed won" : "closed lost")
                                                    : "open",
                                    seen.sort_order ? " (order from StageSortOrder)" : ""));
    import.catalogue[name] = std::move(stage);
  }
  return {};
}

Result<void> rederive(SalesforceImport& import) {
  auto is_closed = [&](std::string_view name) {
    auto found = import.catalogue.find(std::string(name));
    return found != import.catalogue.end() ? found->second.is_closed : guess_stage(name).is_closed;
  };
  auto derived = import.context.records().rederive_changed_opportunities(
      [&](const OpportunityForDerivation& opportunity) {
        return derive_stage_entries(opportunity, is_closed);
      });
  if (!derived) return std::unexpected(derived.error());
  import.context.report().opportunities_rederived = *derived;
  return {};
}

Result<void> run(SalesforceImport& import, const std::map<std::string, std::filesystem::path>& files) {
  if (auto loaded = load_catalogue(import); !loaded) return loaded;
  long long bytes_before = 0;
  for (const auto& object : kObjectFiles) {
    auto found = files.find(object.file_name);
    if (found == files.end()) continue;
    ObjectCounts counts;
    counts.object = object.object;
    import.context.set_progress_base(bytes_before);
    auto reader = import.context.open(found->second, counts);
    if (reader) {
      if (auto done = object.handler(import, *reader, counts); !done) return done;
    }
    std::error_code error;
    bytes_before += static_cast<long long>(std::filesystem::file_size(found->second, error));
    import.context.report().objects.push_back(std::move(counts));
  }
  if (auto extended = extend_catalogue(import); !extended) return extended;
  return rederive(import);
}

}  // namespace
}  // namespace importing

namespace {

// Imports the export's CSV files in `files_folder`; `given_folder` is the
// folder the user named, which the rejects file may not be written into.
Result<ImportReport> import_export_files(Session& session, const Settings& settings,
                                         const std::filesystem::path& files_folder,
                                         const std::filesystem::path& given_folder,
                                         const ImportOptions& options) {
  auto files = importing::find_export_files(files_folder);
  if (!files) return std::unexpected(files.error());
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  ImportReport report;
  importing::ImportContext context(*transaction, settings, options, report);
  auto known = session.deals().counts();
  if (!known) return std::unexpected(known.error());
  long long known_opportunities =
      known->opportunities_open + known->opportunities_won + known->opportunities_lost;
  long long total_bytes = 0;
  for (const auto& object : importing::kObjectFiles) {
    auto found = files->find(object.file_name);
    if (object.kind) {
      long long stored = *object.kind == RecordKind::user      ? known->users
                         : *object.kind == RecordKind::account ? known->accounts
                         : *object.kind == RecordKind::contact ? known->contacts
                                                               : known_opportunities;
      context.set_unverifiable(*object.kind, found == files->end() && stored == 0);
    }
    std::error_code error;
    if (found != files->end())
      total_bytes += static_cast<long long>(std::filesystem::file_size(found->second, error));
  }
  if (auto started = context.start({}, {given_folder}); !started)
    return std::unexpected(started.error());
  if (options.progress) options.progress->start(total_bytes);
  importing::SalesforceImport import{context, session.stage_catalogue(), {}, {}};
  return context.finish(importing::run(import, *files));
}

// A folder of its own under the system's temporary folder, removed after use.
class ScratchFolder {
 public:
  static Result<ScratchFolder> create() {
    std::string pattern = (std::filesystem::temp_directory_path() / "rearview-tree-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      return fail(ErrorCode::io, "cannot create a temporary folder for the data tree's tables",
                  "check TMPDIR and the space there");
    return ScratchFolder(pattern);
  }
  ScratchFolder(ScratchFolder&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  ~ScratchFolder() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit ScratchFolder(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

// The data tree through the same importer: its tables written as the
// export's CSV files, the problems put back where the JSON has them.
Result<ImportReport> import_data_tree(Session& session, const Settings& settings,
                                      const std::filesystem::path& folder,
                                      const ImportOptions& options) {
  auto scratch = ScratchFolder::create();
  if (!scratch) return std::unexpected(scratch.error());
  auto conversion = importing::convert_data_tree(folder, scratch->path());
  if (!conversion) return std::unexpected(conversion.error());
  auto report = import_export_files(session, settings, scratch->path(), folder, options);
  if (!report) return report;
  for (auto& problem : report->problems) {
    auto place = conversion->places.find({problem.file, problem.line});
    if (place == conversion->places.end()) continue;
    problem.file = place->second.file;
    problem.line = place->second.line;
  }
  for (auto& warning : report->warnings)
    for (const auto& object : importing::kObjectFiles) {
      std::string csv = std::string(object.object) + ".csv";
      if (auto at = warning.find(csv); at != std::string::npos)
        warning.replace(at, csv.size(), fmt::format("the data tree's {} records", object.object));
    }
  for (auto& warning : conversion->warnings) report->warnings.push_back(std::move(warning));
  return report;
}

}  // namespace

Result<ImportReport> import_salesforce(Session& session, const Settings& settings,
                                       const std::filesystem::path& directory,
                                       const ImportOptions& options) {
  auto files = importing::find_export_files(directory);
  if (!files && files.error().code == ErrorCode::not_found && importing::is_data_tree(directory))
    return import_data_tree(session, settings, directory, options);
  if (!files) return std::unexpected(files.error());
  return import_export_files(session, settings, directory, directory, options);
}

}  // namespace rearview
