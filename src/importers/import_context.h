// The machinery every importer shares: typed field reading that records
// problems with their place, rejected-row bookkeeping, counting, progress.
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>

#include <cstdint>
#include <fstream>
#include <map>
#include <unordered_map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "rearview/core/text.h"
#include "rearview/core/time_zone.h"
#include "rearview/importers/csv_reader.h"
#include "rearview/importers/import.h"
#include "rejects_file.h"

namespace rearview::importing {

// A column an importer reads; `index` is empty when the file lacks it.
struct Column {
  std::string name;
  std::optional<std::size_t> index;
};

enum class Requirement { optional, required };

// The values a numeric column may hold; anything outside, and anything not
// finite, is a bad value. docs/import.md lists them.
struct NumberRange {
  double min;
  double max;
  bool whole;                 // an integer is required
  std::string_view expected;  // what a valid value looks like, for the message
};

inline constexpr NumberRange kAmountRange{
    -1e15, 1e15, false, "a number such as 12500 or 12500.50, at most 1e15 either side of zero"};
inline constexpr NumberRange kProbabilityRange{0, 100, false, "a percentage from 0 to 100"};
inline constexpr NumberRange kSortOrderRange{-1e6, 1e6, true,
                                             "a whole number from -1000000 to 1000000"};
inline constexpr NumberRange kDurationSecondsRange{
    0, 31 * 86400, true, "a whole number of seconds from 0 to 2678400 (31 days)"};
inline constexpr NumberRange kDurationMinutesRange{
    0, 31 * 1440, true, "a whole number of minutes from 0 to 44640 (31 days)"};

// Ids are at most this long; longer ones are bad values.
inline constexpr std::size_t kMaxIdBytes = 255;

// Dates outside the plausible range are kept, and counted per file and
// column for one warning each.
class ImplausibleDates {
 public:
  void note(std::string_view file, const std::string& column, long long line, std::string_view value);
  std::vector<std::string> warnings() const;

 private:
  struct Tally {
    long long count = 0;
    long long first_line = 0;
    std::string first_value;
  };
  std::map<std::pair<std::string, std::string>, Tally> tallies_;
};

// Reads typed values out of one record, collecting a problem for every value
// that does not parse.
class FieldReader {
 public:
  FieldReader(const CsvRecord& record, std::string_view file, std::vector<RowProblem>& problems,
              ImplausibleDates* implausible_dates = nullptr)
      : record_(record), file_(file), problems_(problems), implausible_dates_(implausible_dates) {}

  bool has(const Column& column) const { return column.index.has_value(); }
  std::string_view text(const Column& column) const;
  std::string required_text(const Column& column);
  // The record's own Id: required, bounded, free of control characters.
  std::string identifier(const Column& column);
  std::optional<Timestamp> timestamp(const Column& column, Requirement requirement);
  // A time without an offset read on `zone`'s clock (exports that write local times).
  std::optional<Timestamp> timestamp_in(const Column& column, Requirement requirement,
                                        const TimeZone& zone);
  std::optional<Date> date(const Column& column, Requirement requirement);
  std::optional<double> number(const Column& column, const NumberRange& range);
  std::optional<long long> integer(const Column& column, const NumberRange& range);
  // nullopt when the file has no such column; an empty value is false.
  std::optional<bool> boolean(const Column& column);
  // An Id of another record, checked as identifier() checks; empty is none.
  std::optional<std::string> reference(const Column& column);

  void problem(const Column& column, std::string_view value, std::string expected);
  // A problem that is not a bad value; `value` is the value it concerns, if any.
  void fault(const Column& column, std::string message, std::string_view value = {});
  bool ok() const { return problems_.size() == problems_at_start_; }
  long long line() const { return record_.line(); }
  std::string_view file() const { return file_; }

 private:
  bool valid_identifier(const Column& column, std::string_view value);
  void check_plausible(const Column& column, std::string_view value, Timestamp time);

  const CsvRecord& record_;
  std::string_view file_;
  std::vector<RowProblem>& problems_;
  ImplausibleDates* implausible_dates_;
  std::size_t problems_at_start_ = problems_.size();
};

// Where a reference points when its target is missing.
struct ReferenceCheck {
  const Column* column;
  RecordKind kind;
  std::optional<std::string> value;
};

// The tables an import writes; an Id is unique within one. Tasks, events and
// e-mails share one: all are interactions.
enum class RecordTable {
  user, account, contact, opportunity, history, field_change, contact_role, interaction, count
};
inline RecordTable table_of(const User&) { return RecordTable::user; }
inline RecordTable table_of(const Account&) { return RecordTable::account; }
inline RecordTable table_of(const Contact&) { return RecordTable::contact; }
inline RecordTable table_of(const Opportunity&) { return RecordTable::opportunity; }
inline RecordTable table_of(const OpportunityHistoryRow&) { return RecordTable::history; }
inline RecordTable table_of(const FieldChange&) { return RecordTable::field_change; }
inline RecordTable table_of(const ContactRole&) { return RecordTable::contact_role; }
inline RecordTable table_of(const Interaction&) { return RecordTable::interaction; }

// A row of a file of this import.
struct RowPlace {
  std::string file;
  long long line = 0;
};

// One import, inside its write transaction: finish() commits it when the
// import lands; otherwise it rolls back as it ends.
class ImportContext {
 public:
  ImportContext(WriteTransaction& transaction, const Settings& settings,
                const ImportOptions& options, ImportReport& report);
  ~ImportContext();

  // Before any row is read: with --skip-bad-rows, checks the rejects path
  // against the inputs and the database and creates its temporary file, so
  // that a rejects file that cannot be written fails before anything is written.
  Result<void> start(const std::vector<std::filesystem::path>& input_files,
                     const std::vector<std::filesystem::path>& input_folders);

  RecordWriter& records() { return records_; }
  ImplausibleDates* implausible_dates() { return &implausible_dates_; }
  const Settings& settings() const { return settings_; }
  const ImportOptions& options() const { return options_; }
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
  // "a, b, c and 4 more": the first `shown` of `names`, for a grouped warning.
  static std::string first_and_count(const std::vector<std::string>& names, std::size_t shown);
  void warn_of_placeholders();

  // After a write failed with missing_reference: which of the row's
  // references is the missing one, as a problem.
  Result<void> explain_missing_reference(FieldReader& fields,
                                         const std::vector<ReferenceCheck>& references);
  // What a missing reference's value should have been, in words: an
  // existing record of `kind`, or — when `id` is a Salesforce Id from an
  // instance no Id of this export is from — a record of this org, not another's.
  std::string missing_reference_expectation(RecordKind kind, const std::string& id) const;
  void note_own_id(std::string_view id);
  bool is_this_orgs_id(std::string_view id) const;

  // An export may lack an object altogether (no User.csv, say). When the
  // database knows no such records either, references to them cannot be
  // checked: they become placeholders (or, for opportunities, stay unlinked).
  void set_unverifiable(RecordKind kind, bool unverifiable) { unverifiable_[int(kind)] = unverifiable; }
  bool unverifiable(RecordKind kind) const { return unverifiable_[int(kind)]; }
  Result<void> ensure_placeholder(RecordKind kind, const std::string& id);

  // The first row to bring an Id claims it; a later row with the same Id in
  // the same import is a problem naming both lines (returns false).
  bool claim_id(RecordTable table, const std::string& id, FieldReader& fields);

  // Where a user, account, contact or opportunity was rejected in this
  // import, so that rows depending on it are rejected too.
  const RowPlace* rejected(RecordKind kind, const std::string& id) const;
  // False, with a problem on `fields`, when `id` of `kind` was rejected.
  bool check_not_rejected(FieldReader& fields, const Column& column, RecordKind kind,
                          const std::optional<std::string>& id);

  void set_progress_base(long long bytes) { progress_base_ = bytes; }
  void progress(long long bytes_in_file, std::string_view file);

  Result<ImportReport> finish(Result<void> outcome);

 private:
  WriteTransaction& transaction_;
  RecordWriter& records_;
  const Settings& settings_;
  const ImportOptions& options_;
  ImportReport& report_;
  // Claimed Ids by a 64-bit hash of the Id, to the row that claimed them
  // (file index << 40 | line): flat and small, since e-mails run to millions.
  // Two Ids sharing a hash are improbable enough (about 1 in 10^6 for four
  // million) to be reported as duplicates, naming both lines to check.
  using Claims = boost::unordered_flat_map<std::uint64_t, std::uint64_t>;
  Claims claims_[int(RecordTable::count)];
  std::vector<std::string> claim_files_;
  std::uint64_t claim_place(long long line) const;
  RowPlace place_of(std::uint64_t encoded) const;
  void remember_rejection(const CsvRecord& record);
  std::unordered_map<std::string, RowPlace> rejected_[4];
  // The file open() opened last: which parent kind it holds, and its Id column.
  std::optional<RecordKind> current_kind_;
  std::optional<std::size_t> current_id_index_;
  std::string current_file_;
  std::size_t current_file_index_ = 0;  // into claim_files_
  std::optional<RejectsFile> rejects_;
  ImplausibleDates implausible_dates_;
  bool unverifiable_[4] = {false, false, false, false};
  std::set<std::pair<int, std::string>> placeholders_;
  // The instance part (characters 4 and 5) of the Salesforce Ids in the
  // export's own Id columns: a reference from elsewhere is another org's.
  std::set<std::string> own_instances_;
  std::map<int, std::vector<std::string>> placeholders_added_;  // by RecordKind, in order
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
// https://www.acme.com/about -> acme.com; "" when it names no domain.
std::string domain_of_website(std::string_view website);

// Upserts a record, first adding placeholders for references into files the
// export lacks; a reference to a missing record becomes a row problem.
template <typename Record>
Result<bool> write_record(ImportContext& context, FieldReader& fields, ObjectCounts& counts,
                          const Record& record, const std::vector<ReferenceCheck>& references) {
  for (const auto& reference : references)
    if (!context.check_not_rejected(fields, *reference.column, reference.kind, reference.value))
      return false;
  if (!context.claim_id(table_of(record), record.id, fields)) return false;
  for (const auto& reference : references) {
    if (reference.value && reference.kind != RecordKind::opportunity)
      if (auto ensured = context.ensure_placeholder(reference.kind, *reference.value); !ensured)
        return std::unexpected(ensured.error());
  }
  auto written = context.records().upsert(record);
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
