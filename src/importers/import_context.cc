#include "import_context.h"

#include "rearview/core/number.h"

#include <fmt/format.h>

namespace rearview::importing {
namespace {

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

void FieldReader::fault(const Column& column, std::string message) {
  problems_.push_back(RowProblem{.file = std::string(file_),
                                 .line = record_.line(),
                                 .column = column.name,
                                 .message = std::move(message)});
}

std::string FieldReader::required_text(const Column& column) {
  std::string_view value = trim(text(column));
  if (value.empty() && column.index) problem(column, value, "a value (it may not be empty)");
  return std::string(value);
}

std::optional<Timestamp> FieldReader::timestamp(const Column& column, Requirement requirement) {
  std::string_view value = trim(text(column));
  if (value.empty()) {
    if (requirement == Requirement::required && column.index)
      problem(column, value, std::string(kTimestampFormats));
    return std::nullopt;
  }
  auto parsed = parse_timestamp(value);
  if (!parsed) problem(column, value, std::string(kTimestampFormats));
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
  return parsed;
}

std::optional<double> FieldReader::number(const Column& column) {
  std::string_view value = trim(text(column));
  if (value.empty()) return std::nullopt;
  auto parsed = parse_number(value);
  if (!parsed) problem(column, value, "a number such as 12500 or 12500.50");
  return parsed;
}

std::optional<long long> FieldReader::integer(const Column& column) {
  std::string_view value = trim(text(column));
  if (value.empty()) return std::nullopt;
  auto parsed = parse_integer(value);
  if (!parsed) problem(column, value, "a whole number such as 30");
  return parsed;
}

std::optional<bool> FieldReader::boolean(const Column& column) {
  if (!column.index) return std::nullopt;
  std::string_view value = text(column);
  auto parsed = parse_bool(value);
  if (!parsed) problem(column, value, "true/false, TRUE/FALSE, 1/0 or empty");
  return parsed.value_or(false);
}

std::optional<std::string> FieldReader::reference(const Column& column) const {
  std::string_view value = trim(text(column));
  // Salesforce writes an empty lookup as the all-zero Id in some exports.
  if (value.empty() || value == "000000000000000" || value == "000000000000000AAA")
    return std::nullopt;
  return std::string(value);
}

// --- ImportContext ---------------------------------------------------------

ImportContext::ImportContext(Store& store, const Settings& settings, const ImportOptions& options,
                             ImportReport& report)
    : store_(store), settings_(settings), options_(options), report_(report) {}

ImportContext::~ImportContext() = default;

std::unique_ptr<CsvReader> ImportContext::open(const std::filesystem::path& file,
                                               ObjectCounts& counts) {
  counts.file = file.filename().string();
  auto reader = CsvReader::open(file);
  if (!reader) {
    add_problem(RowProblem{.file = counts.file, .line = 0, .message = reader.error().message});
    return nullptr;
  }
  return std::move(*reader);
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
  if (options_.bad_rows == BadRows::skip) {
    if (!rejects_) {
      rejects_ = std::make_unique<std::ofstream>(options_.rejects_file, std::ios::binary);
      *rejects_ << "file,line,column,value,problem,record\n";
      report_.rejects_file = options_.rejects_file;
    }
    for (const auto& problem : problems) {
      std::string line;
      // Named, so it outlives the loop: a temporary in the braced list would
      // be destroyed before the first field is written.
      const std::string line_number = std::to_string(problem.line);
      for (std::string_view field :
           {std::string_view(problem.file), std::string_view(line_number),
            std::string_view(problem.column), std::string_view(problem.value),
            std::string_view(problem.expected)}) {
        append_csv_field(line, field);
        line += ',';
      }
      append_csv_field(line, record ? record->raw_text() : std::string(file.filename().string()));
      *rejects_ << line << '\n';
    }
  }
  for (auto& problem : problems) add_problem(std::move(problem));
  problems.clear();
}

Result<void> ImportContext::explain_missing_reference(FieldReader& fields,
                                                      const std::vector<ReferenceCheck>& references) {
  for (const auto& reference : references) {
    if (!reference.value) continue;
    auto found = store_.exists(reference.kind, *reference.value);
    if (!found) return std::unexpected(found.error());
    if (!*found)
      fields.problem(*reference.column, *reference.value,
                     fmt::format("an existing {} Id (in this export or already imported)",
                                 kind_name(reference.kind)));
  }
  if (fields.ok())
    fields.fault(Column{}, "the row refers to a record that does not exist");
  return {};
}

Result<void> ImportContext::ensure_placeholder(RecordKind kind, const std::string& id) {
  if (!unverifiable(kind) || placeholders_.contains({int(kind), id})) return {};
  auto found = store_.exists(kind, id);
  if (!found) return std::unexpected(found.error());
  placeholders_.insert({int(kind), id});
  if (*found) return {};
  Result<WriteOutcome> written;
  if (kind == RecordKind::user) {
    written = store_.upsert(User{.id = id, .name = fmt::format("Unknown user {}", id)});
  } else if (kind == RecordKind::account) {
    written = store_.upsert(Account{.id = id, .name = fmt::format("Unknown account {}", id)});
  } else if (kind == RecordKind::contact) {
    written = store_.upsert(Contact{.id = id, .last_name = fmt::format("Unknown contact {}", id)});
  } else {
    return {};
  }
  if (!written) return std::unexpected(written.error());
  warn(fmt::format("{} {} is referenced but neither the export nor the database has {} records: "
                   "added a placeholder",
                   kind_name(kind), id, kind_name(kind)));
  return {};
}

void ImportContext::progress(long long bytes_in_file, std::string_view file) {
  if (options_.progress) options_.progress->update(progress_base_ + bytes_in_file, file);
}

Result<ImportReport> ImportContext::finish(Result<void> outcome) {
  rejects_.reset();
  if (options_.progress) options_.progress->finish();
  if (!outcome) {
    store_.rollback();
    return std::unexpected(outcome.error());
  }
  if (report_.problem_count > 0 && options_.bad_rows == BadRows::fail_import) {
    store_.rollback();
    report_.committed = false;
    return report_;
  }
  if (auto committed = store_.commit(); !committed) {
    store_.rollback();
    return std::unexpected(committed.error());
  }
  report_.committed = true;
  return report_;
}

}  // namespace rearview::importing

namespace rearview {

std::string describe(const RowProblem& problem) {
  std::string where =
      problem.line > 0 ? fmt::format("{}:{}", problem.file, problem.line) : problem.file;
  std::string column = problem.column.empty() ? "" : fmt::format("column {}: ", problem.column);
  if (!problem.message.empty()) return fmt::format("{}: {}{}", where, column, problem.message);
  return fmt::format("{}: {}\"{}\" is not valid (expected {})", where, column, problem.value,
                     problem.expected);
}

}  // namespace rearview
