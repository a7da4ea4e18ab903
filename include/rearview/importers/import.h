// Importing CRM data through a session. An import is one write transaction
// of its own: it lands whole, or (when any row is bad and bad rows are not
// skipped) not at all.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/error.h"
#include "rearview/core/record_writer.h"
#include "rearview/core/settings.h"

namespace rearview {

// One thing wrong with the input, located precisely.
struct RowProblem {
  std::string file;
  long long line = 0;
  std::string column;  // empty when the whole row or file is affected
  std::string value;
  std::string expected;  // what a valid value looks like, for a value that does not parse
  std::string message;   // otherwise: what is wrong, in words
};

// "Opportunity.csv:12: column CloseDate: "2024-13-01" is not valid (expected ...)"
std::string describe(const RowProblem& problem);

// Problems of one kind: the same file, column and fault (a long list is
// mostly a few kinds: every Task of another org, every date in another format).
struct ProblemGroup {
  std::string file;
  std::string column;
  std::string fault;  // what is expected, or what is wrong
  long long count = 0;
  std::vector<RowProblem> examples;  // the first few
  static constexpr std::size_t kExamples = 3;
};

// In the order each kind first appears.
std::vector<ProblemGroup> group_problems(const std::vector<RowProblem>& problems);

// "Task.csv: 2303 rows: column WhatId: not valid (expected ...); first on lines 2
// ("0068c00000odYRfAAM"), 3 (...), 4 (...)"
std::string describe(const ProblemGroup& group);

// A problem of a file an import reads whole (a calendar, a transcript):
// where (the line; 0: the file as a whole) and what is wrong.
struct FileProblem {
  std::string file;
  long long line = 0;
  std::string message;
};

// "work.ics:120: its DTSTART cannot be read; skipped"
std::string describe(const FileProblem& problem);

// The first problems an import met, and how many it met in all.
template <typename Problem>
struct KeptProblems {
  static constexpr std::size_t kMaxKeptProblems = 100;
  std::vector<Problem> problems;  // the first kMaxKeptProblems
  long long problem_count = 0;

  void add_problem(Problem problem) {
    ++problem_count;
    if (problems.size() < kMaxKeptProblems) problems.push_back(std::move(problem));
  }
};

struct ObjectCounts {
  std::string object;  // e.g. Opportunity
  std::string file;
  long long rows = 0;
  long long inserted = 0;
  long long updated = 0;
  long long unchanged = 0;
  long long deleted = 0;  // IsDeleted rows, ignored
  long long rejected = 0;
};

enum class BadRows { fail_import, skip };

class ImportProgress {
 public:
  virtual ~ImportProgress() = default;
  virtual void start(long long total_bytes) = 0;
  virtual void update(long long bytes_done, std::string_view current_file) = 0;
  virtual void finish() = 0;
};

struct ImportOptions {
  BadRows bad_rows = BadRows::fail_import;
  std::filesystem::path rejects_file = "rejected-rows.csv";
  // The database being imported into, which the rejects file may never be.
  std::filesystem::path database_file;
  ImportProgress* progress = nullptr;
  // The files' encoding (ISO-8859-1, windows-1252, UTF-16, ...); empty:
  // UTF-8, or what the bytes leave no doubt about (see CsvReader::open).
  std::string encoding;
  // When the import runs, which the links it makes record (from the
  // front-end's clock; none: not recorded).
  std::optional<Timestamp> imported_at;
};

struct ImportReport {
  std::vector<ObjectCounts> objects;
  std::vector<RowProblem> problems;  // the first kMaxKeptProblems
  long long problem_count = 0;
  std::vector<std::string> warnings;
  long long opportunities_rederived = 0;
  bool committed = false;
  std::filesystem::path rejects_file;  // set when rows were rejected and written out

  static constexpr std::size_t kMaxKeptProblems = 10000;
};

// Reads whichever Salesforce export files exist in `directory` (User.csv,
// Account.csv, Contact.csv, Opportunity.csv, OpportunityHistory.csv,
// OpportunityFieldHistory.csv, OpportunityContactRole.csv, Task.csv,
// Event.csv, EmailMessage.csv; names in any case). An Err is returned for
// failures that stop the import (no such folder, a storage failure); bad
// rows are in the report, and then `committed` says whether anything landed.
Result<ImportReport> import_salesforce(Session& session, const Settings& settings,
                                       const std::filesystem::path& directory,
                                       const ImportOptions& options);

// Reads a HubSpot export (docs/import.md, "HubSpot exports"): the CSV files
// of deals, companies, contacts, calls, e-mails, meetings and notes among
// `paths` (files, or folders searched recursively), each known by its
// columns. Times without an offset are on the company's clock.
Result<ImportReport> import_hubspot(Session& session, const Settings& settings,
                                    const std::vector<std::filesystem::path>& paths,
                                    const ImportOptions& options);

// Imports any CRM's CSV file using a column mapping (see docs/mapping.md).
Result<ImportReport> import_mapped_csv(Session& session, const Settings& settings,
                                       const std::filesystem::path& csv_file,
                                       const std::filesystem::path& mapping_file,
                                       const ImportOptions& options);

}  // namespace rearview
