// The sample company's recorded calls (written with --calls): one transcript
// per call under calls/YYYY-MM/ — WebVTT as Zoom writes it ("Name: words"),
// WebVTT as Teams writes it (<v Name>), or SubRip — each with its sidecar
// <id>.json, and calls/truth.csv saying which opportunity each call belongs
// to and how long each side talked: what `rearview import calls` and
// matching must reproduce. Calls then leave Task.csv, as with a recorder
// that never writes them to the CRM (voicemails stay: nothing was recorded).
//
//   truth.csv: source_id (the call's id), opportunity_id, expected (link;
//   review: a buyer on two deals at once; unmatched: our own people only),
//   case (see CallCase), start (UTC), turns, our_seconds, buyer_seconds (of
//   the cues that can be read, worked out as the cues were written).
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "csv_file.h"
#include "mailbox.h"
#include "rearview/core/error.h"
#include "rearview/core/time.h"

namespace rearview::generate {

enum class CallCase {
  ordinary,                     // the rep and the buyer
  contact_on_concurrent_deals,  // the buyer is on another deal of the account then: review
  internal,                     // the rep and the manager reviewing the deal: unmatched
  duplicate,                    // exported twice, as .vtt and .srt beside one sidecar: stored once
  damaged_cue,                  // the last cue's time is unreadable: that cue is left out
};
inline constexpr std::size_t kCallCases = 5;
std::string_view to_string(CallCase call_case);
std::string_view expected_outcome(CallCase call_case);

enum class TranscriptStyle { zoom, teams, subrip };

struct CallSpeaker {
  MailParty party;
  bool ours = false;
};

struct CallTurn {
  std::size_t speaker = 0;  // into CallDraft::speakers; never the previous turn's
  long long start_ms = 0, end_ms = 0;
  std::string text;
};

struct CallDraft {
  std::string id;
  std::string title;
  Timestamp start;
  std::string zone;  // IANA: the sidecar's started_at is written in its offset
  std::vector<CallSpeaker> speakers;
  std::vector<CallTurn> turns;
  TranscriptStyle style = TranscriptStyle::zoom;
  std::string direction;  // "inbound", "outbound", or empty when the recorder does not say
};

class CallRecordings {
 public:
  CallRecordings() = default;
  // Creates out_dir/calls with truth.csv.
  static Result<CallRecordings> create(const std::filesystem::path& out_dir);

  void write(const CallDraft& call, std::string_view opportunity_id, CallCase call_case,
             std::string_view expected = {});
  // Reports the first file that could not be written.
  Result<void> close();

  long long calls() const { return calls_; }
  long long bytes() const { return bytes_ + truth_.bytes(); }
  const std::array<long long, kCallCases>& by_case() const { return by_case_; }

 private:
  CallRecordings(std::filesystem::path folder, CsvFile truth)
      : folder_(std::move(folder)), truth_(std::move(truth)), open_(true) {}
  void write_file(const std::filesystem::path& path, const std::string& text);

  std::filesystem::path folder_;
  CsvFile truth_;
  bool open_ = false;
  Result<void> first_error_;
  long long calls_ = 0;
  long long bytes_ = 0;
  std::array<long long, kCallCases> by_case_{};
};

}  // namespace rearview::generate
