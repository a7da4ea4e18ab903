#include "import_context.h"

#include "rearview/core/number.h"

#include <fmt/format.h>

#include <cctype>
#include <tuple>

#include <cmath>

namespace rearview::importing {
namespace {

static_assert(int(RecordTable::user) == int(RecordKind::user) &&
              int(RecordTable::account) == int(RecordKind::account) &&
              int(RecordTable::contact) == int(RecordKind::contact) &&
              int(RecordTable::opportunity) == int(RecordKind::opportunity));

constexpr long long kRowsPerProgressUpdate = 4096;

std::string_view kind_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::user:
      return "User";
    case RecordKind::account:
      return "Account";
    case RecordKind::contact:
      return "Contact";
    case RecordKind::opportunity:
      return "Opportunity";
  }
  return "record";
}

}  // namespace

bool all_present(const Columns& columns, const std::vector<std::string>& required) {
  for (const auto& name : required)
    if (!columns.at(name).index) return false;
  return true;
}

bool is_deleted(FieldReader& fields, const Column& is_deleted_column) {
  return fields.boolean(is_deleted_column).value_or(false);
}

std::vector<std::size_t> custom_columns(const std::vector<std::string>& header) {
  std::vector<std::size_t> indexes;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name = lower(header[i]);
    if (name.ends_with("__c") || name.find(' ') != std::string::npos) indexes.push_back(i);
  }
  return indexes;
}

CustomFields custom_fields(const CsvRecord& record, const std::vector<std::size_t>& indexes,
                           const std::vector<std::string>& header) {
  CustomFields fields;
  for (auto index : indexes) {
    std::string_view value = record.field(index);
    if (!value.empty()) fields.emplace_back(header[index], std::string(value));
  }
  return fields;
}

// --- FieldReader -----------------------------------------------------------

std::string_view FieldReader::text(const Column& column) const {
  if (!column.index) return {};
  return record_.field(*column.index);
}

void FieldReader::problem(const Column& column, std::string_view value, std::string expected) {
  problems_.push_back(RowProblem{std::string(file_), record_.line(), column.name,
                                 std::string(value), std::move(expected)});
}

void FieldReader::fault(const Column& column, std::string message, std::string_view value) {
  problems_.push_back(RowProblem{.file = std::string(file_),
                                 .line = record_.line(),
                                 .column = column.name,
                                 .value = std::string(value),
                                 .message = std::move(message)});
}

std::string FieldReader::required_text(const Column& column) {
  std::string_view value = trim(text(column));
  if (value.empty() && column.index) problem(column, value, "a value (it may not be empty)");
  return std::string(value);
}

std::optional<Timestamp> FieldReader::timestamp(const Column& column, Requirement requirement) {
  return timestamp_in(column, requirement, TimeZone{});
}

std::optional<Timestamp> FieldReader::timestamp_in(const Column& column, Requirement requirement,
                                                   const TimeZone& zone) {
  std::string_view value = trim(text(column));
  if (value.empty()) {
    if (requirement == Requirement::required && column.index)
      problem(column, value, std::string(kTimestampFormats));
    return std::nullopt;
  }
  auto parsed = parse_timestamp_in(value, zone);
  if (!parsed) problem(column, value, std::string(kTimestampFormats));
  else check_plausible(column, value, *parsed);
  return parsed;
}

std::optional<Date> FieldReader::date(const Column& column, Requirement requirement) {
  std::string_view value = trim(text(column));
  if (value.empty()) {
    if (requirement == Requirement::required && column.index)
      problem(column, value, std::string(kDateFormats));
    return std::nullopt;
  }
  auto parsed = parse_date(value);
  if (!parsed) problem(column, value, std::string(kDateFormats));
  else check_plausible(column, value, Timestamp{*parsed});
  return parsed;
}

std::optional<double> FieldReader::number(const Column& column, const NumberRange& range) {
  std::string_view value = trim(text(column));
  if (value.empty()) return std::nullopt;
  auto parsed = parse_number(value);  // finite, or nothing
  bool valid = parsed && *parsed >= range.min && *parsed <= range.max &&
               (!range.whole || *parsed == std::trunc(*parsed));
  if (!valid) {
    problem(column, value, std::string(range.expected));
    return std::nullopt;
  }
  return parsed;
}

std::optional<long long> FieldReader::integer(const Column& column, const NumberRange& range) {
  auto value = number(column, NumberRange{range.min, range.max, true, range.expected});
  if (!value) return std::nullopt;
  return static_cast<long long>(*value);  // exact: whole and within range
}

namespace {

// C0 controls and DEL have no place in an Id, nor a byte-order mark, which
// appears mid-file where two exports were concatenated.
bool has_control_or_bom(std::string_view value) {
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7F) return true;
  return value.find("\xEF\xBB\xBF") != std::string_view::npos;
}

}  // namespace

bool FieldReader::valid_identifier(const Column& column, std::string_view value) {
  if (has_control_or_bom(value)) {
    problem(column, value, "an Id without control characters or byte-order marks");
    return false;
  }
  if (value.size() > kMaxIdBytes) {
    problem(column, fmt::format("{}...", value.substr(0, 40)),
            fmt::format("an Id of at most {} bytes (this one has {})", kMaxIdBytes, value.size()));
    return false;
  }
  return true;
}

std::string FieldReader::identifier(const Column& column) {
  std::string value = required_text(column);
  if (!value.empty() && !valid_identifier(column, value)) return {};
  return value;
}

std::optional<bool> FieldReader::boolean(const Column& column) {
  if (!column.index) return std::nullopt;
  std::string_view value = text(column);
  auto parsed = parse_bool(value);
  if (!parsed) problem(column, value, "true/false, TRUE/FALSE, 1/0 or empty");
  return parsed.value_or(false);
}

std::optional<std::string> FieldReader::reference(const Column& column) {
  std::string_view value = trim(text(column));
  // Salesforce writes an empty lookup as the all-zero Id in some exports.
  if (value.empty() || value == "000000000000000" || value == "000000000000000AAA")
    return std::nullopt;
  if (!valid_identifier(column, value)) return std::nullopt;
  return std::string(value);
}

void FieldReader::check_plausible(const Column& column, std::string_view value, Timestamp time) {
  if (implausible_dates_ && !is_plausible(time))
    implausible_dates_->note(file_, column.name, record_.line(), value);
}

void ImplausibleDates::note(std::string_view file, const std::string& column, long long line,
                            std::string_view value) {
  Tally& tally = tallies_[{std::string(file), column}];
  if (tally.count++ == 0) {
    tally.first_line = line;
    tally.first_value = value;
  }
}

std::vector<std::string> ImplausibleDates::warnings() const {
  std::vector<std::string> warnings;
  for (const auto& [where, tally] : tallies_)
    warnings.push_back(fmt::format(
        "{}: column {}: {} date(s) outside {} (the first, \"{}\", on line {}); kept, but left out "
        "of cycle and stage statistics",
        where.first, where.second, tally.count, kPlausibleRange, printable(tally.first_value),
        tally.first_line));
  return warnings;
}

// --- ImportContext ---------------------------------------------------------

ImportContext::ImportContext(WriteTransaction& transaction, const Settings& settings,
                             const ImportOptions& options, ImportReport& report)
    : transaction_(transaction),
      records_(transaction.records()),
      settings_(settings),
      options_(options),
      report_(report) {}

ImportContext::~ImportContext() = default;

namespace {

std::optional<RecordKind> parent_kind(std::string_view object) {
  for (auto kind : {RecordKind::user, RecordKind::account, RecordKind::contact, RecordKind::opportunity})
    if (kind_name(kind) == object) return kind;
  return std::nullopt;
}

}  // namespace

std::unique_ptr<CsvReader> ImportContext::open(const std::filesystem::path& file,
                                               ObjectCounts& counts) {
  counts.file = file.filename().string();
  current_file_ = counts.file;
  current_file_index_ = claim_files_.size();
  claim_files_.push_back(current_file_);
  current_kind_.reset();
  current_id_index_.reset();
  auto reader = CsvReader::open(file, options_.encoding);
  if (!reader) {
    add_problem(RowProblem{.file = counts.file, .line = 0, .message = reader.error().message});
    return nullptr;
  }
  if ((*reader)->encoding_detected())
    warn(fmt::format("{} is not UTF-8: read as {}, as its bytes say (--encoding names another)",
                     counts.file, (*reader)->encoding()));
  current_kind_ = parent_kind(counts.object);
  current_id_index_ = CsvColumns((*reader)->header()).find("Id");
  return std::move(*reader);
}

// Rows are claimed while their file is the one open() opened last.
std::uint64_t ImportContext::claim_place(long long line) const {
  return std::uint64_t(current_file_index_) << 40 | std::uint64_t(line);
}

RowPlace ImportContext::place_of(std::uint64_t encoded) const {
  return RowPlace{claim_files_[encoded >> 40], static_cast<long long>(encoded & ((1ULL << 40) - 1))};
}

bool ImportContext::claim_id(RecordTable table, const std::string& id, FieldReader& fields) {
  auto place = claim_place(fields.line());
  auto [claimed, inserted] = claims_[int(table)].try_emplace(std::hash<std::string>{}(id), place);
  if (inserted || claimed->second == place) return true;
  RowPlace first = place_of(claimed->second);
  fields.fault(Column{"Id"}, fmt::format("Id {} is also on line {} of {}; an Id may appear once in "
                                         "an import (the first row was kept)",
                                         id, first.line, first.file));
  return false;
}

const RowPlace* ImportContext::rejected(RecordKind kind, const std::string& id) const {
  const auto& rows = rejected_[int(kind)];
  auto found = rows.find(id);
  return found == rows.end() ? nullptr : &found->second;
}

bool ImportContext::check_not_rejected(FieldReader& fields, const Column& column, RecordKind kind,
                                       const std::optional<std::string>& id) {
  if (!id) return true;
  const RowPlace* place = rejected(kind, *id);
  if (!place) return true;
  fields.fault(column, fmt::format("depends on {} {}, which was rejected ({}:{})", kind_name(kind),
                                   *id, place->file, place->line),
               *id);
  return false;
}

// A rejected parent row is remembered unless its Id belongs to an earlier
// row that was kept (a duplicate's rejection must not take the original's
// children with it).
void ImportContext::remember_rejection(const CsvRecord& record) {
  if (!current_kind_ || !current_id_index_) return;
  std::string id(trim(record.field(*current_id_index_)));
  if (id.empty()) return;
  auto table = static_cast<RecordTable>(int(*current_kind_));
  const auto& claims = claims_[int(table)];
  if (auto claimed = claims.find(std::hash<std::string>{}(id));
      claimed != claims.end() && claimed->second != claim_place(record.line()))
    return;
  rejected_[int(*current_kind_)].try_emplace(id, RowPlace{current_file_, record.line()});
}

std::map<std::string, Column> ImportContext::resolve(const CsvReader& reader,
                                                     const std::vector<std::string>& wanted,
                                                     const std::vector<std::string>& required) {
  CsvColumns columns(reader.header());
  std::map<std::string, Column> resolved;
  for (const auto& name : wanted) resolved[name] = Column{name, columns.find(name)};
  for (const auto& name : required) {
    auto& column = resolved[name];
    column.name = name;
    column.index = columns.find(name);
    if (!column.index)
      add_problem(RowProblem{.file = reader.path().filename().string(),
                             .line = 1,
                             .message = fmt::format("the header has no column {}", name)});
  }
  return resolved;
}

Result<void> ImportContext::for_each_row(CsvReader& reader, ObjectCounts& counts,
                                         const RowHandler& handle) {
  CsvRecord record;
  CsvDamage damage;
  std::vector<RowProblem> problems;
  std::string file = reader.path().filename().string();
  while (true) {
    auto status = reader.next(record, damage);
    if (status == CsvReader::Status::end) break;
    ++counts.rows;
    // The records other rows refer to tell which org the export is from (a
    // Task's own Id would not: Task.csv may be another org's).
    if (current_kind_ && current_id_index_ && *current_id_index_ < record.size())
      note_own_id(record[*current_id_index_]);
    problems.clear();
    if (status == CsvReader::Status::damaged) {
      std::string column;
      if (damage.column > 0)
        column = damage.column <= reader.header().size() ? reader.header()[damage.column - 1]
                                                         : fmt::format("#{}", damage.column);
      problems.push_back(
          RowProblem{.file = file, .line = damage.line, .column = column, .message = damage.what});
      reject(&record, reader.path(), problems, &counts);
    } else {
      auto accepted = handle(record, problems);
      if (!accepted) return std::unexpected(accepted.error());
      if (!*accepted) reject(&record, reader.path(), problems, &counts);
    }
    if (++rows_since_progress_ >= kRowsPerProgressUpdate) {
      rows_since_progress_ = 0;
      progress(reader.bytes_read(), file);
    }
  }
  progress(reader.bytes_read(), file);
  return {};
}

void ImportContext::count(ObjectCounts& counts, WriteOutcome outcome) {
  switch (outcome) {
    case WriteOutcome::inserted:
      ++counts.inserted;
      break;
    case WriteOutcome::updated:
      ++counts.updated;
      break;
    case WriteOutcome::unchanged:
      ++counts.unchanged;
      break;
  }
}

void ImportContext::add_problem(RowProblem problem) {
  ++report_.problem_count;
  if (report_.problems.size() < ImportReport::kMaxKeptProblems)
    report_.problems.push_back(std::move(problem));
}

void ImportContext::reject(const CsvRecord* record, const std::filesystem::path& file,
                           std::vector<RowProblem>& problems, ObjectCounts* counts) {
  if (counts) ++counts->rejected;
  if (record) remember_rejection(*record);
  if (rejects_) {
    std::string text = record ? record->raw_text() : file.filename().string();
    for (const auto& problem : problems) rejects_->add(problem, text);
  }
  for (auto& problem : problems) add_problem(std::move(problem));
  problems.clear();
}

Result<void> ImportContext::explain_missing_reference(FieldReader& fields,
                                                      const std::vector<ReferenceCheck>& references) {
  for (const auto& reference : references) {
    if (!reference.value) continue;
    auto found = records_.exists(reference.kind, *reference.value);
    if (!found) return std::unexpected(found.error());
    if (!*found)
      fields.problem(*reference.column, *reference.value,
                     missing_reference_expectation(reference.kind, *reference.value));
  }
  if (fields.ok())
    fields.fault(Column{}, "the row refers to a record that does not exist");
  return {};
}

namespace {

// A 15- or 18-character Salesforce Id: its key prefix (3), the instance it
// was made on (2), a reserved character, the record's number.
std::optional<std::string> salesforce_instance(std::string_view id) {
  if (id.size() != 15 && id.size() != 18) return std::nullopt;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
  return std::string(id.substr(3, 2));
}

}  // namespace

void ImportContext::note_own_id(std::string_view id) {
  constexpr std::size_t kEnoughInstances = 16;  // an export from one org has one or two
  if (own_instances_.size() >= kEnoughInstances) return;
  if (auto instance = salesforce_instance(id)) own_instances_.insert(*instance);
}

bool ImportContext::is_this_orgs_id(std::string_view id) const {
  auto instance = salesforce_instance(id);
  return instance && own_instances_.contains(*instance);
}

std::string ImportContext::missing_reference_expectation(RecordKind kind,
                                                         const std::string& id) const {
  auto instance = salesforce_instance(id);
  if (instance && !own_instances_.empty() && !own_instances_.contains(*instance))
    return fmt::format("an Id of this org's {} records; this one is another Salesforce org's "
                       "(instance \"{}\"; this export's Ids are from \"{}\")",
                       kind_name(kind), *instance, *own_instances_.begin());
  return fmt::format("an existing {} Id (in this export or already imported)", kind_name(kind));
}

Result<void> ImportContext::ensure_placeholder(RecordKind kind, const std::string& id) {
  // A parent the export left out (the file, or just this record: an owner
  // who left, an account not exported) is a placeholder; another org's Id
  // is a problem, not a record this org lacks.
  if (placeholders_.contains({int(kind), id})) return {};
  if (!unverifiable(kind) && !is_this_orgs_id(id)) return {};
  auto found = records_.exists(kind, id);
  if (!found) return std::unexpected(found.error());
  placeholders_.insert({int(kind), id});
  if (*found) return {};
  Result<WriteOutcome> written;
  if (kind == RecordKind::user) {
    written = records_.upsert(User{.id = id, .name = fmt::format("Unknown user {}", id)});
  } else if (kind == RecordKind::account) {
    written = records_.upsert(Account{.id = id, .name = fmt::format("Unknown account {}", id)});
  } else if (kind == RecordKind::contact) {
    written =
        records_.upsert(Contact{.id = id, .last_name = fmt::format("Unknown contact {}", id)});
  } else {
    return {};
  }
  if (!written) return std::unexpected(written.error());
  placeholders_added_[int(kind)].push_back(id);
  return {};
}

std::string ImportContext::first_and_count(const std::vector<std::string>& names,
                                           std::size_t shown) {
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < shown; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > shown) text += fmt::format(" and {} more", names.size() - shown);
  return text;
}

// One warning per kind, however many records were missing: a partial export
// lacks them by the hundred.
void ImportContext::warn_of_placeholders() {
  constexpr std::size_t kExamples = 3;
  for (const auto& [kind_number, ids] : placeholders_added_) {
    std::string_view kind = kind_name(RecordKind(kind_number));
    if (ids.size() == 1) {
      warn(fmt::format("{} {} is referenced but is neither in the export nor in the database: "
                       "added a placeholder",
                       kind, ids.front()));
      continue;
    }
    warn(fmt::format("{} {} records are referenced but are neither in the export nor in the "
                     "database: added placeholders, named \"Unknown {} <Id>\" ({})",
                     ids.size(), kind, lower(kind), first_and_count(ids, kExamples)));
  }
  placeholders_added_.clear();
}

void ImportContext::progress(long long bytes_in_file, std::string_view file) {
  if (options_.progress) options_.progress->update(progress_base_ + bytes_in_file, file);
}

Result<void> ImportContext::start(const std::vector<std::filesystem::path>& input_files,
                                  const std::vector<std::filesystem::path>& input_folders) {
  if (options_.bad_rows != BadRows::skip) return {};
  auto safe = RejectsFile::check_path(options_.rejects_file, options_.database_file, input_files,
                                      input_folders);
  if (!safe) return safe;
  auto created = RejectsFile::create(options_.rejects_file);
  if (!created) return std::unexpected(created.error());
  rejects_.emplace(std::move(*created));
  return {};
}

// The rejects file is complete on disk before the commit and renamed into
// place after it: a rejects file that cannot be written fails the import.
// Every way out but the commit leaves the transaction to roll back.
Result<ImportReport> ImportContext::finish(Result<void> outcome) {
  if (options_.progress) options_.progress->finish();
  warn_of_placeholders();
  bool has_rejects = rejects_ && !rejects_->empty();
  if (outcome && has_rejects) outcome = rejects_->finish();
  if (!outcome) return std::unexpected(outcome.error());
  if (report_.problem_count > 0 && options_.bad_rows == BadRows::fail_import) {
    report_.committed = false;
    return report_;
  }
  if (auto committed = transaction_.commit(); !committed) return std::unexpected(committed.error());
  report_.committed = true;
  for (auto& warning : implausible_dates_.warnings()) warn(std::move(warning));
  if (has_rejects) {
    if (auto published = rejects_->publish(); !published) {
      Error error = published.error();
      error.hint = "the rows that were good are imported; " + error.hint;
      return std::unexpected(error);
    }
    report_.rejects_file = rejects_->path();
  }
  rejects_.reset();
  return report_;
}

std::string domain_of_website(std::string_view website) {
  website = trim(website);
  if (auto scheme = website.find("://"); scheme != std::string_view::npos)
    website.remove_prefix(scheme + 3);
  website = website.substr(0, website.find_first_of("/:?#"));
  std::string domain = lower(website);
  if (domain.starts_with("www.")) domain.erase(0, 4);
  if (domain.find('.') == std::string::npos) return {};
  return domain;
}

}  // namespace rearview::importing

namespace rearview {

std::string describe(const FileProblem& problem) {
  if (problem.line == 0) return fmt::format("{}: {}", problem.file, problem.message);
  return fmt::format("{}:{}: {}", problem.file, problem.line, problem.message);
}

std::vector<ProblemGroup> group_problems(const std::vector<RowProblem>& problems) {
  std::vector<ProblemGroup> groups;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> index;
  for (const auto& problem : problems) {
    std::string fault = problem.message.empty() ? "expected " + problem.expected : problem.message;
    auto [found, added] = index.try_emplace({problem.file, problem.column, fault}, groups.size());
    if (added) groups.push_back({.file = problem.file, .column = problem.column, .fault = fault});
    ProblemGroup& group = groups[found->second];
    ++group.count;
    if (group.examples.size() < ProblemGroup::kExamples) group.examples.push_back(problem);
  }
  return groups;
}

std::string describe(const ProblemGroup& group) {
  if (group.count == 1) return describe(group.examples.front());
  std::string column = group.column.empty() ? "" : fmt::format("column {}: ", group.column);
  std::string first;
  for (const auto& example : group.examples) {
    if (!first.empty()) first += ", ";
    first += example.line > 0 ? fmt::format("{}", example.line) : std::string("the file");
    if (example.message.empty()) first += fmt::format(" (\"{}\")", printable(example.value));
  }
  bool has_values = group.examples.front().message.empty();
  return fmt::format("{}: {} rows: {}{}{}; first on lines {}", group.file, group.count, column,
                     has_values ? "not valid (" : "", printable(group.fault) + (has_values ? ")" : ""),
                     first);
}

std::string describe(const RowProblem& problem) {
  std::string where =
      problem.line > 0 ? fmt::format("{}:{}", problem.file, problem.line) : problem.file;
  std::string column = problem.column.empty() ? "" : fmt::format("column {}: ", problem.column);
  if (!problem.message.empty())
    return fmt::format("{}: {}{}", where, column, printable(problem.message));
  return fmt::format("{}: {}\"{}\" is not valid (expected {})", where, column,
                     printable(problem.value), problem.expected);
}

}  // namespace rearview
