// Importing another CRM's CSV export through a column mapping. Owners and
// accounts are known there by name; they become users and accounts whose
// ids are derived from the name.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "import_context.h"
#include "mapping.h"
#include "rearview/core/stable_hash.h"
#include "rearview/core/stage_history.h"

namespace rearview {
namespace importing {
namespace {

std::string user_id(const Mapping& mapping, std::string_view name) {
  return fmt::format("{}user:{}", mapping.id_prefix, name);
}
std::string account_id(const Mapping& mapping, std::string_view name) {
  return fmt::format("{}account:{}", mapping.id_prefix, name);
}

bool contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// "{account} - {product}" with the record's columns in the braces (a column
// the file lacks is empty).
std::string expand_template(std::string_view pattern, const CsvRecord& record,
                            const CsvColumns& header) {
  std::string text;
  while (!pattern.empty()) {
    auto open = pattern.find('{');
    auto close = pattern.find('}', open);
    if (open == std::string_view::npos || close == std::string_view::npos) {
      text += pattern;
      break;
    }
    text += pattern.substr(0, open);
    if (auto index = header.find(pattern.substr(open + 1, close - open - 1)))
      text += record.field(*index);
    pattern.remove_prefix(close + 1);
  }
  return std::string(trim(text));
}

class MappedImport {
 public:
  MappedImport(ImportContext& context, const Mapping& mapping) : context_(context), mapping_(mapping) {}

  Result<void> run(const std::filesystem::path& csv_file) {
    if (auto done = write_stages(); !done) return done;
    if (mapping_.users)
      if (auto done = import_users(*mapping_.users); !done) return done;
    if (mapping_.accounts)
      if (auto done = import_accounts(*mapping_.accounts); !done) return done;
    if (auto done = import_opportunities(csv_file); !done) return done;
    warn_of_unlisted();
    if (auto done = write_stages(); !done) return done;  // stages first seen in the data
    return rederive();
  }

 private:
  Stage stage_for(const std::string& name, int order) const {
    Stage stage;
    stage.name = name;
    stage.sort_order = order;
    stage.is_won = contains(mapping_.won_values, name);
    stage.is_closed = stage.is_won || contains(mapping_.lost_values, name);
    stage.probability = stage.is_won ? 100 : 0;
    return stage;
  }

  Result<void> write_stages() {
    std::vector<std::string> names = mapping_.stage_order;
    for (const auto& name : seen_stages_)
      if (!contains(names, name)) names.push_back(name);
    int order = 0;
    for (const auto& name : names) {
      Stage stage = stage_for(name, ++order);
      auto written = context_.records().upsert(stage);
      if (!written) return std::unexpected(written.error());
      catalogue_[name] = stage;
    }
    return {};
  }

  std::unique_ptr<CsvReader> open(const std::filesystem::path& file, ObjectCounts& counts) {
    auto reader = context_.open(file, counts);
    if (reader) context_.set_progress_base(bytes_before_);
    std::error_code error;
    bytes_before_ += static_cast<long long>(std::filesystem::file_size(file, error));
    return reader;
  }

  std::vector<std::string> mapped_columns(const std::map<std::string, std::string>& columns) {
    std::vector<std::string> names;
    for (const auto& [field, column] : columns) names.push_back(column);
    return names;
  }

  // Our field name -> the linked file's column (absent fields map to nothing).
  std::map<std::string, Column> resolve_linked(const CsvReader& reader, const LinkedFile& linked) {
    std::vector<std::string> required;
    if (linked.name_template.empty()) required.push_back(linked.columns.at("name"));
    auto columns = context_.resolve(reader, mapped_columns(linked.columns), required);
    std::map<std::string, Column> by_field;
    for (const auto& [field, column] : linked.columns) by_field[field] = columns[column];
    return by_field;
  }

  // Managers who own no deals still belong in the hierarchy, so every name
  // in the manager column becomes a user too.
  Result<void> import_users(const LinkedFile& linked) {
    ObjectCounts counts{.object = "User"};
    auto reader = open(linked.file, counts);
    if (reader) {
      auto field = resolve_linked(*reader, linked);
      Column name = field["name"], manager = field["manager"], email = field["email"],
             title = field["title"];
      CsvColumns header(reader->header());
      std::vector<User> users;
      std::set<std::string> names;
      auto read = context_.for_each_row(*reader, counts, [&](const CsvRecord& record, auto& problems)
                                                             -> Result<bool> {
        FieldReader fields(record, counts.file, problems, context_.implausible_dates());
        User user;
        user.name = linked_name(fields, record, header, linked, name);
        user.email = lower(trim(fields.text(email)));
        user.title = std::string(trim(fields.text(title)));
        std::string manager_name(trim(fields.text(manager)));
        if (!fields.ok()) return false;
        user.id = user_id(mapping_, user.name);
        if (!manager_name.empty()) user.manager_id = user_id(mapping_, manager_name);
        names.insert(user.name);
        if (!manager_name.empty() && !names.contains(manager_name)) managers_.insert(manager_name);
        users.push_back(std::move(user));
        return true;
      });
      if (!read) return read;
      for (const auto& manager_name : managers_)
        if (!names.contains(manager_name))
          users.push_back(User{.id = user_id(mapping_, manager_name), .name = manager_name});
      for (const auto& user : users) {
        auto written = context_.records().upsert(user);
        if (!written) return std::unexpected(written.error());
        context_.count(counts, *written);
        known_users_.insert(user.name);
      }
    }
    context_.report().objects.push_back(std::move(counts));
    return {};
  }

  Result<void> import_accounts(const LinkedFile& linked) {
    ObjectCounts counts{.object = "Account"};
    auto reader = open(linked.file, counts);
    if (reader) {
      auto field = resolve_linked(*reader, linked);
      Column name = field["name"], industry = field["industry"], type = field["type"];
      CsvColumns header(reader->header());
      auto read = context_.for_each_row(*reader, counts, [&](const CsvRecord& record, auto& problems)
                                                             -> Result<bool> {
        FieldReader fields(record, counts.file, problems, context_.implausible_dates());
        Account account;
        account.name = linked_name(fields, record, header, linked, name);
        account.industry = std::string(trim(fields.text(industry)));
        account.type = std::string(trim(fields.text(type)));
        if (!fields.ok()) return false;
        account.id = account_id(mapping_, account.name);
        known_accounts_.insert(account.name);
        return write_record(context_, fields, counts, account, {});
      });
      if (!read) return read;
    }
    context_.report().objects.push_back(std::move(counts));
    return {};
  }

  // A name the linked file does not list is a row problem when there is such
  // a file; without one, names create their records.
  Result<std::optional<Id>> resolve_name(FieldReader& fields, const Column& column, bool listed,
                                         std::set<std::string>& known, RecordKind kind) {
    // The name becomes part of an Id, so it is checked as one.
    auto reference = fields.reference(column);
    if (!reference) return std::optional<Id>();
    std::string name = std::move(*reference);
    if (!known.contains(name)) {
      // A partial export: the deal stands, its owner (account) is added by
      // name, and the import says so once for all of them.
      if (listed) unlisted_[kind == RecordKind::user ? 0 : 1].push_back(name);
      Result<WriteOutcome> written =
          kind == RecordKind::user
              ? context_.records().upsert(User{.id = user_id(mapping_, name), .name = name})
              : context_.records().upsert(Account{.id = account_id(mapping_, name), .name = name});
      if (!written) return std::unexpected(written.error());
      known.insert(name);
    }
    return std::optional<Id>(kind == RecordKind::user ? user_id(mapping_, name)
                                                      : account_id(mapping_, name));
  }

  void warn_of_unlisted() {
    constexpr std::size_t kExamples = 5;
    const std::optional<LinkedFile>* files[] = {&mapping_.users, &mapping_.accounts};
    const char* what[] = {"owner", "account"};
    for (int kind = 0; kind < 2; ++kind) {
      const auto& names = unlisted_[kind];
      if (names.empty()) continue;
      context_.warn(fmt::format("{} {}{} not in {}: added by name, without details ({})",
                                names.size(), what[kind], names.size() == 1 ? " is" : "s are",
                                (*files[kind])->file.filename().string(),
                                ImportContext::first_and_count(names, kExamples)));
    }
  }

  // A linked file's name: its name column, or its name template.
  std::string linked_name(FieldReader& fields, const CsvRecord& record, const CsvColumns& header,
                          const LinkedFile& linked, const Column& name) {
    if (linked.name_template.empty()) return fields.identifier(name);  // names make the Ids here
    std::string expanded = expand_template(linked.name_template, record, header);
    if (expanded.empty())
      fields.fault(Column{}, fmt::format("the name ({}) is empty", linked.name_template));
    return expanded;
  }

  Result<void> import_opportunities(const std::filesystem::path& csv_file) {
    ObjectCounts counts{.object = "Opportunity"};
    auto reader = open(csv_file, counts);
    if (reader) {
      if (auto done = read_opportunities(*reader, counts); !done) return done;
    }
    context_.report().objects.push_back(std::move(counts));
    return {};
  }

  Result<void> read_opportunities(CsvReader& reader, ObjectCounts& counts) {
    std::vector<std::string> wanted = mapped_columns(mapping_.columns);
    for (const auto& [field_name, others] : mapping_.fallbacks)
      wanted.insert(wanted.end(), others.begin(), others.end());
    if (!mapping_.outcome_column.empty()) wanted.push_back(mapping_.outcome_column);
    std::vector<std::string> required = {mapping_.columns.at("stage")};
    if (mapping_.columns.contains("id")) required.push_back(mapping_.columns.at("id"));
    if (!mapping_.outcome_column.empty()) required.push_back(mapping_.outcome_column);
    auto columns = context_.resolve(reader, wanted, required);
    for (const auto& custom : mapping_.custom_columns) columns[custom] = Column{custom, CsvColumns(reader.header()).find(custom)};
    auto field = [&](const char* name) {
      auto found = mapping_.columns.find(name);
      return found == mapping_.columns.end() ? Column{} : columns[found->second];
    };
    Column id = field("id"), name = field("name"), owner = field("owner"), account = field("account"),
           stage = field("stage"), created = field("created"), close_date = field("close_date"),
           amount = field("amount"), currency = field("currency"), type = field("type"),
           source = field("source"), loss_reason = field("loss_reason"),
           win_reason = field("win_reason"), competitor = field("competitor");
    Column outcome_column =
        mapping_.outcome_column.empty() ? Column{} : columns[mapping_.outcome_column];
    if ((!id.index && mapping_.id_template.empty()) || !stage.index) return {};
    if (!mapping_.outcome_column.empty() && !outcome_column.index) return {};
    CsvColumns header(reader.header());
    // The field's column, or the first of its fallbacks that is not empty.
    auto filled = [&](const char* field_name, const Column& first, const CsvRecord& record) {
      auto others = mapping_.fallbacks.find(field_name);
      if (others == mapping_.fallbacks.end() ||
          (first.index && !trim(record.field(*first.index)).empty()))
        return first;
      for (const auto& other : others->second)
        if (const Column& column = columns[other];
            column.index && !trim(record.field(*column.index)).empty())
          return column;
      return first;
    };
    return context_.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                     -> Result<bool> {
      FieldReader fields(record, counts.file, problems, context_.implausible_dates());
      Opportunity opportunity;
      opportunity.id = mapping_.id_prefix +
                       (id.index ? fields.identifier(id)
                                 : fmt::format("{:016x}", stable_hash(expand_template(
                                                              mapping_.id_template, record, header))));
      opportunity.stage = fields.required_text(stage);
      opportunity.name = name.index ? std::string(trim(fields.text(name)))
                                    : expand_template(mapping_.name_template, record, header);
      if (opportunity.name.empty()) opportunity.name = opportunity.id;
      opportunity.created_at = fields.timestamp(created, Requirement::optional);
      opportunity.close_date =
          fields.date(filled("close_date", close_date, record), Requirement::optional);
      opportunity.amount = fields.number(filled("amount", amount, record), kAmountRange);
      opportunity.currency = std::string(trim(fields.text(currency)));
      opportunity.type = std::string(trim(fields.text(type)));
      opportunity.source = std::string(trim(fields.text(source)));
      opportunity.loss_reason = std::string(trim(fields.text(loss_reason)));
      opportunity.win_reason = std::string(trim(fields.text(win_reason)));
      opportunity.competitor = std::string(trim(fields.text(competitor)));
      for (const auto& custom : mapping_.custom_columns)
        if (auto value = fields.text(columns[custom]); !value.empty())
          opportunity.custom.emplace_back(custom, std::string(value));
      auto owner_id = resolve_name(fields, owner, mapping_.users.has_value(), known_users_, RecordKind::user);
      if (!owner_id) return std::unexpected(owner_id.error());
      auto account_ref = resolve_name(fields, account, mapping_.accounts.has_value(), known_accounts_,
                                      RecordKind::account);
      if (!account_ref) return std::unexpected(account_ref.error());
      if (!fields.ok()) return false;
      opportunity.owner_id = *owner_id;
      opportunity.account_id = *account_ref;
      std::string decided = outcome_column.index ? std::string(trim(fields.text(outcome_column)))
                                                 : opportunity.stage;
      opportunity.outcome = contains(mapping_.won_values, decided)    ? Outcome::won
                            : contains(mapping_.lost_values, decided) ? Outcome::lost
                                                                      : Outcome::open;
      // A closed deal's stage is the outcome's value, a closed stage.
      if (outcome_column.index && opportunity.outcome != Outcome::open) opportunity.stage = decided;
      if (!catalogue_.contains(opportunity.stage)) seen_stages_.insert(opportunity.stage);
      return write_record(context_, fields, counts, opportunity, {});
    });
  }

  Result<void> rederive() {
    auto derived = context_.records().rederive_changed_opportunities(
        [&](const OpportunityForDerivation& opportunity) {
          return derive_stage_entries(opportunity, [&](std::string_view stage) {
            auto found = catalogue_.find(std::string(stage));
            return found != catalogue_.end() && found->second.is_closed;
          });
        });
    if (!derived) return std::unexpected(derived.error());
    context_.report().opportunities_rederived = *derived;
    return {};
  }

  ImportContext& context_;
  const Mapping& mapping_;
  std::map<std::string, Stage> catalogue_;
  std::set<std::string> seen_stages_;
  std::set<std::string> managers_;
  std::set<std::string> known_users_;
  std::set<std::string> known_accounts_;
  std::vector<std::string> unlisted_[2];  // owners, accounts the linked file does not list
  long long bytes_before_ = 0;
};

}  // namespace
}  // namespace importing

Result<ImportReport> import_mapped_csv(Session& session, const Settings& settings,
                                       const std::filesystem::path& csv_file,
                                       const std::filesystem::path& mapping_file,
                                       const ImportOptions& options) {
  std::error_code missing;
  if (!std::filesystem::is_regular_file(csv_file, missing))
    return fail(ErrorCode::not_found, fmt::format("{} does not exist", csv_file.string()),
                "give the path of the CSV file to import");
  auto mapping = importing::load_mapping(mapping_file, csv_file);
  if (!mapping) return std::unexpected(mapping.error());
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  ImportReport report;
  importing::ImportContext context(*transaction, settings, options, report);
  long long total = 0;
  std::error_code error;
  for (const auto* linked : {mapping->users ? &*mapping->users : nullptr,
                             mapping->accounts ? &*mapping->accounts : nullptr})
    if (linked) total += static_cast<long long>(std::filesystem::file_size(linked->file, error));
  total += static_cast<long long>(std::filesystem::file_size(csv_file, error));
  std::vector<std::filesystem::path> inputs = {csv_file, mapping_file};
  for (const auto* linked : {mapping->users ? &*mapping->users : nullptr,
                             mapping->accounts ? &*mapping->accounts : nullptr})
    if (linked) inputs.push_back(linked->file);
  if (auto started = context.start(inputs, {}); !started) return std::unexpected(started.error());
  if (options.progress) options.progress->start(total);
  importing::MappedImport import(context, *mapping);
  return context.finish(import.run(csv_file));
}

}  // namespace rearview
