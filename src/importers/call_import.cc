// rearview import calls: transcripts with their sidecars into calls, with
// their participants resolved to contacts and users. Which opportunity each
// belongs to is matching's work, not the import's.
#include "rearview/importers/call_import.h"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

#include "address_book.h"
#include "call_sidecar.h"
#include "call_writer.h"
#include "icu_text.h"
#include "rearview/core/stable_hash.h"
#include "rearview/core/text.h"
#include "rearview/importers/csv_reader.h"
#include "source_files.h"
#include "transcript_reader.h"

namespace rearview {
namespace {

using importing::SourceFile;
using importing::TranscriptFormat;

// A transcript longer than a working day's recording is not a call's.
constexpr long long kMaxTranscriptBytes = 64LL << 20;

std::optional<int> transcript_format(const std::filesystem::path& file) {
  std::string extension = lower(file.extension().string());
  if (extension == ".vtt") return static_cast<int>(TranscriptFormat::webvtt);
  if (extension == ".srt") return static_cast<int>(TranscriptFormat::srt);
  return std::nullopt;
}

std::filesystem::path sidecar_path(const std::filesystem::path& transcript) {
  std::filesystem::path path = transcript;
  return path.replace_extension(".json");
}

// A sidecar beside its transcript is part of the call, not a file left out.
bool is_sidecar(const std::filesystem::path& file) {
  if (lower(file.extension().string()) != ".json") return false;
  std::filesystem::path stem = file;
  for (const char* extension : {".vtt", ".srt", ".VTT", ".SRT"}) {
    std::error_code error;
    if (std::filesystem::exists(stem.replace_extension(extension), error)) return true;
  }
  return false;
}

Result<std::string> read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(ErrorCode::io, fmt::format("cannot read {}", path.string()),
                "check that the file is readable");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class CallImport {
 public:
  CallImport(Session& session, const Settings& settings) : session_(session), settings_(settings) {}
  Result<void> import_file(const SourceFile& file);
  CallImportReport& report() { return report_; }

 private:
  void problem(const std::filesystem::path& file, long long line, std::string message) {
    report_.add_problem({file.string(), line, std::move(message)});
  }
  void skip(const std::filesystem::path& file, long long line, std::string message) {
    ++report_.calls.skipped;
    problem(file, line, std::move(message));
  }
  std::string utf8_text(const SourceFile& file, std::string bytes);
  Result<void> store(WriteTransaction& transaction, const SourceFile& file,
                     const std::string& text, const importing::CallSidecar& sidecar);

  Session& session_;
  const Settings& settings_;
  CallImportReport report_;
  std::set<std::string> ids_read_;
};

// Recorders write UTF-8; an older tool's Latin-1 is decoded with a warning.
std::string CallImport::utf8_text(const SourceFile& file, std::string bytes) {
  if (!find_invalid_utf8(bytes)) return bytes;
  auto encoding = importing::detect_western_encoding(bytes);
  auto decoder = importing::TextDecoder::open(encoding.value_or("windows-1252"));
  if (!decoder) return importing::valid_utf8(bytes);
  std::string text;
  (*decoder)->decode(bytes, true, text);
  problem(file.path, 0,
          fmt::format("not UTF-8: read as {} (check the names and words in the report)",
                      (*decoder)->name()));
  return text;
}

Result<void> CallImport::import_file(const SourceFile& file) {
  auto sidecar_file = sidecar_path(file.path);
  std::error_code error;
  if (!std::filesystem::is_regular_file(sidecar_file, error)) {
    skip(file.path, 0,
         fmt::format("no sidecar {} beside it (id, title, started_at, participants); skipped",
                     sidecar_file.filename().string()));
    return {};
  }
  std::string location = std::filesystem::absolute(file.path).lexically_normal().string();
  long long sidecar_size = static_cast<long long>(std::filesystem::file_size(sidecar_file, error));
  SourceCursor now{
      .location = location,
      .size = file.size,
      .modified = importing::modified_time(file.path),
      .position = file.size,
      // The sidecar changes what the call is: a new one is read again.
      .fingerprint = static_cast<long long>(
          stable_hash(std::to_string(importing::modified_time(sidecar_file)),
                      stable_hash(std::to_string(sidecar_size))) >> 1)};
  auto transaction = session_.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto cursor = transaction->records().source_cursor(SourceKind::transcript, location);
  if (!cursor) return std::unexpected(cursor.error());
  if (*cursor && (*cursor)->size == now.size && (*cursor)->modified == now.modified &&
      (*cursor)->fingerprint == now.fingerprint) {
    ++report_.files_unchanged;
    return {};
  }
  ++report_.calls.transcripts_read;
  if (file.size > kMaxTranscriptBytes) {
    skip(file.path, 0, fmt::format("{} MB is more than a call's transcript; skipped",
                                   file.size >> 20));
    return {};
  }
  auto sidecar_text = read_whole(sidecar_file);
  if (!sidecar_text) return std::unexpected(sidecar_text.error());
  auto sidecar = importing::parse_call_sidecar(importing::valid_utf8(*sidecar_text));
  if (!sidecar) {
    skip(sidecar_file, sidecar.error().line,
         sidecar.error().message + "; its call is skipped (see \"Calls\" in docs/import.md)");
    return {};
  }
  auto bytes = read_whole(file.path);
  if (!bytes) return std::unexpected(bytes.error());
  std::string text = utf8_text(file, std::move(*bytes));
  if (auto stored = store(*transaction, file, text, *sidecar); !stored) return stored;
  if (auto saved = transaction->records().save_source_cursor(SourceKind::transcript, now); !saved)
    return saved;
  return transaction->commit();
}

Result<void> CallImport::store(WriteTransaction& transaction, const SourceFile& file,
                               const std::string& text, const importing::CallSidecar& sidecar) {
  if (!ids_read_.insert(sidecar.id).second) {
    ++report_.calls.duplicates;
    return {};
  }
  auto transcript = importing::read_transcript(text, static_cast<TranscriptFormat>(file.format));
  if (!transcript) {
    skip(file.path, 1, transcript.error().message + "; skipped");
    return {};
  }
  for (const auto& cue_problem : transcript->problems) problem(file.path, cue_problem.line, cue_problem.message);
  report_.calls.cues_skipped += static_cast<long long>(transcript->problems.size());
  if (transcript->cues.empty()) {
    skip(file.path, 0, "no cue in it says anything; skipped");
    return {};
  }
  importing::AddressBook book(transaction.records());
  auto call = importing::call_from(sidecar, *transcript, book, settings_);
  if (!call) return std::unexpected(call.error());
  auto written = transaction.records().upsert(*call);
  if (!written) return std::unexpected(written.error());
  ++(*written == WriteOutcome::inserted  ? report_.calls.imported
     : *written == WriteOutcome::updated ? report_.calls.updated
                                         : report_.calls.unchanged);
  return {};
}

}  // namespace

std::string describe(const CallCounts& counts) {
  std::string text = fmt::format("calls: {} transcripts read, {} imported, {} updated, {} unchanged",
                                 counts.transcripts_read, counts.imported, counts.updated,
                                 counts.unchanged);
  auto add = [&](long long count, std::string_view what) {
    if (count) text += fmt::format(", {} {}", count, what);
  };
  add(counts.duplicates, "duplicates (a call id read from another file)");
  add(counts.skipped, "skipped");
  add(counts.cues_skipped, "damaged cues left out");
  return text;
}

Result<CallImportReport> import_calls(Session& session, const Settings& settings,
                                      const std::vector<std::filesystem::path>& paths,
                                      const CallImportOptions& options) {
  CallImport import(session, settings);
  CallImportReport& report = import.report();
  auto imported = importing::import_source_files(
      paths, transcript_format, "give .vtt or .srt transcripts or folders holding them",
      options.progress, report.not_transcript, report.not_transcript_count,
      [&](const SourceFile& file) { return import.import_file(file); }, is_sidecar);
  if (!imported) return std::unexpected(imported.error());
  return std::move(report);
}

}  // namespace rearview
