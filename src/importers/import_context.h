// The machinery every importer shares: typed field reading that records
// problems with their place, rejected-row bookkeeping, counting, progress.
#pragma once

#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "rearview/core/text.h"
#include "rearview/importers/csv_reader.h"
#include "rearview/importers/import.h"

namespace rearview::importing {

// A column an importer reads; `index` is empty when the file lacks it.
struct Column {
  std::string name;
  std::optional<std::size_t> index;
};

enum class Requirement { optional, required };

// Reads typed values out of one record, collecting a problem for every value
// that does not parse.
class FieldReader {
 public:
  FieldReader(const CsvRecord& record, std::string_view file, std::vector<RowProblem>& problems)
      : record_(record), file_(file), problems_(problems) {}

  bool has(const Column& column) const { return column.index.has_value(); }
  std::string_view text(const Column& column) const;
  std::string required_text(const Column& column);
  std::optional<Timestamp> timestamp(const Column& column, Requirement requirement);
  std::optional<Date> date(const Column& column, Requirement requirement);
  std::optional<double> number(const Column& column);
  std::optional<long long> integer(const Column& column);
  // nullopt when the file has no such column; an empty value is false.
  std::optional<bool> boolean(const Column& column);
  std::optional<std::string> reference(const Column& column) const;

  void problem(const Column& column, std::string_view value, std::string expected);
  void fault(const Column& column, std::string message);  // a problem that is not a bad value
  bool ok() const { return problems_.size() == problems_at_start_; }
  long long line() const { return record_.line(); }

 private:
  const CsvRecord& record_;
  std::string_view file_;
  std::vector<RowProblem>& problems_;
  std::size_t problems_at_start_ = problems_.size();
};

// Where a reference points when its target is missing.
struct ReferenceCheck {
  const Column* column;
  RecordKind kind;
  std::optional<std::string> value;
};

class ImportContext {
 public:
  ImportContext(Store& store, const Settings& settings, const ImportOptions& options,
                ImportReport& report);
  ~ImportContext();

  Store& store() { return store_; }
  const Settings& settings() const { return settings_; }
  ImportReport& report() { return report_; }

  // Opens a file of the import, resolving `wanted` columns; a missing
  // required column is a problem of the whole file (returns nullptr).
  std::unique_ptr<CsvReader> open(const std::filesystem::path& file, ObjectCounts& counts);
  std::map<std::string, Column> resolve(const CsvReader& reader,
                                        const std::vector<std::string>& wanted,
                                        const std::vector<std::string>& required);

  // Reads every record of `reader` and hands the good ones to `handle`,
  // which returns false when it rejected the row (after adding problems).
  using RowHandler = std::function<Result<bool>(const CsvRecord&, std::vector<RowProblem>&)>;
  Result<void> for_each_row(CsvReader& reader, ObjectCounts& counts, const RowHandler& handle);

  void count(ObjectCounts& counts, WriteOutcome outcome);
  void reject(const CsvRecord* record, const std::filesystem::path& file,
              std::vector<RowProblem>& problems, ObjectCounts* counts);
  void add_problem(RowProblem problem);
  void warn(std::string warning) { report_.warnings.push_back(std::move(warning)); }

  // After a write failed with missing_reference: which of the row's
  // references is the missing one, as a problem.
  Result<void> explain_missing_reference(FieldReader& fields,
                                         const std::vector<ReferenceCheck>& references);

  // An export may lack an object altogether (no User.csv, say). When the
  // database knows no such records either, references to them cannot be
  // checked: they become placeholders (or, for opportunities, stay unlinked).
  void set_unverifiable(RecordKind kind, bool unverifiable) { unverifiable_[int(kind)] = unverifiable; }
  bool unverifiable(RecordKind kind) const { return unverifiable_[int(kind)]; }
  Result<void> ensure_placeholder(RecordKind kind, const std::string& id);

  void set_progress_base(long long bytes) { progress_base_ = bytes; }
  void progress(long long bytes_in_file, std::string_view file);

  Result<ImportReport> finish(Result<void> outcome);

 private:
  Store& store_;
  const Settings& settings_;
  const ImportOptions& options_;
  ImportReport& report_;
  std::unique_ptr<std::ofstream> rejects_;
  bool unverifiable_[4] = {false, false, false, false};
  std::set<std::pair<int, std::string>> placeholders_;
  long long progress_base_ = 0;
  long long rows_since_progress_ = 0;
};

// Shared by the importers.
using Columns = std::map<std::string, Column>;
bool all_present(const Columns& columns, const std::vector<std::string>& required);
bool is_deleted(FieldReader& fields, const Column& is_deleted_column);
CustomFields custom_fields(const CsvRecord& record, const std::vector<std::size_t>& indexes,
                           const std::vector<std::string>& header);
std::vector<std::size_t> custom_columns(const std::vector<std::string>& header);

// Upserts a record, first adding placeholders for references into files the
// export lacks; a reference to a missing record becomes a row problem.
template <typename Record>
Result<bool> write_record(ImportContext& context, FieldReader& fields, ObjectCounts& counts,
                          const Record& record, const std::vector<ReferenceCheck>& references) {
  for (const auto& reference : references) {
    if (reference.value && reference.kind != RecordKind::opportunity)
      if (auto ensured = context.ensure_placeholder(reference.kind, *reference.value); !ensured)
        return std::unexpected(ensured.error());
  }
  auto written = context.store().upsert(record);
  if (!written) {
    if (written.error().code != ErrorCode::missing_reference) return std::unexpected(written.error());
    if (auto explained = context.explain_missing_reference(fields, references); !explained)
      return std::unexpected(explained.error());
    return false;
  }
  context.count(counts, *written);
  return true;
}



}  // namespace rearview::importing
