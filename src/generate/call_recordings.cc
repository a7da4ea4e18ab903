#include "call_recordings.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "output_file.h"
#include "rearview/core/time_zone.h"

namespace rearview::generate {
namespace {

// 00:01:02.500, with a comma for SubRip.
std::string cue_time(long long ms, char separator) {
  return fmt::format("{:02}:{:02}:{:02}{}{:03}", ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60,
                     separator, ms % 1000);
}

std::string first_name(std::string_view name) { return std::string(name.substr(0, name.find(' '))); }

// SubRip files name speakers by first name where that is unambiguous.
std::string speaker_label(const CallDraft& call, TranscriptStyle style, std::size_t speaker) {
  const std::string& name = call.speakers[speaker].party.name;
  if (style != TranscriptStyle::subrip) return name;
  std::string first = first_name(name);
  auto same = std::count_if(call.speakers.begin(), call.speakers.end(), [&](const CallSpeaker& s) {
    return first_name(s.party.name) == first;
  });
  return same == 1 ? first : name;
}

std::string transcript_text(const CallDraft& call, TranscriptStyle style, bool damaged) {
  const char separator = style == TranscriptStyle::subrip ? ',' : '.';
  std::string out = style == TranscriptStyle::subrip ? "" : "WEBVTT\n\n";
  for (std::size_t index = 0; index < call.turns.size(); ++index) {
    const CallTurn& turn = call.turns[index];
    if (style == TranscriptStyle::teams)
      out += fmt::format("{}/{}-0\n", call.id, index);
    else
      out += fmt::format("{}\n", index + 1);
    std::string start = cue_time(turn.start_ms, separator);
    if (damaged && index + 1 == call.turns.size()) start.replace(3, 2, "7x");
    out += fmt::format("{} --> {}\n", start, cue_time(turn.end_ms, separator));
    std::string label = speaker_label(call, style, turn.speaker);
    if (style == TranscriptStyle::teams)
      out += fmt::format("<v {}>{}</v>\n\n", label, turn.text);
    else
      out += fmt::format("{}: {}\n\n", label, turn.text);
  }
  return out;
}

// A JSON string, quoted and escaped by Boost.JSON; the layout around it is ours.
std::string json_string(std::string_view text) {
  return boost::json::serialize(boost::json::value(boost::json::string(text)));
}

std::string offset_time(Timestamp at, std::string_view zone_name) {
  auto zone = TimeZone::lookup(std::string(zone_name));
  LocalTime local = (zone ? *zone : TimeZone()).local(at);
  std::chrono::year_month_day day{local.date};
  long long clock = local.time_of_day.count(), offset = local.offset.count();
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", int(day.year()),
                     unsigned(day.month()), unsigned(day.day()), clock / 3600, clock / 60 % 60,
                     clock % 60, offset < 0 ? '-' : '+', std::abs(offset) / 3600,
                     std::abs(offset) / 60 % 60);
}

std::string sidecar_text(const CallDraft& call) {
  std::string participants;
  for (const auto& speaker : call.speakers) {
    if (!participants.empty()) participants += ",\n";
    participants += fmt::format("    {{\"name\": {}, \"email\": {}}}", json_string(speaker.party.name),
                                json_string(speaker.party.address));
  }
  std::string direction =
      call.direction.empty() ? "" : fmt::format("  \"direction\": {},\n", json_string(call.direction));
  return fmt::format(
      "{{\n  \"id\": {},\n  \"title\": {},\n  \"started_at\": \"{}\",\n{}  \"participants\": "
      "[\n{}\n  ]\n}}\n",
      json_string(call.id), json_string(call.title), offset_time(call.start, call.zone), direction,
      participants);
}

// Turns, and each side's talk in seconds, of the cues an import can read.
struct TalkTruth {
  long long turns = 0, ours_ms = 0, buyer_ms = 0;
};

TalkTruth talk_of(const CallDraft& call, bool damaged) {
  TalkTruth truth;
  std::size_t readable = call.turns.size() - (damaged ? 1 : 0);
  for (std::size_t index = 0; index < readable; ++index) {
    const CallTurn& turn = call.turns[index];
    ++truth.turns;
    (call.speakers[turn.speaker].ours ? truth.ours_ms : truth.buyer_ms) += turn.end_ms - turn.start_ms;
  }
  return truth;
}

long long rounded_seconds(long long ms) { return (ms + 500) / 1000; }

std::filesystem::path month_folder(const std::filesystem::path& folder, std::string_view start) {
  return folder / std::string(start.substr(0, 7));  // YYYY-MM of 2024-01-15T...
}

// A company generated before into the same folder: its transcripts are
// removed (those its truth.csv names, nothing else), so that an import of
// the folder reads this company's calls only.
void remove_previous_calls(const std::filesystem::path& folder) {
  std::ifstream truth(folder / "truth.csv");
  std::string line;
  if (!std::getline(truth, line)) return;
  while (std::getline(truth, line)) {
    std::vector<std::string> fields;  // source_id,opportunity_id,expected,case,start,...
    std::stringstream row(line);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
    if (fields.size() < 5) continue;
    const std::string& id = fields[0];
    if (id.empty() || id.find('/') != std::string::npos || id.starts_with('.')) continue;
    const std::string& start = fields[4];  // 2024-01-15T...: its YYYY-MM names the folder
    if (start.size() < 7 || start[4] != '-' ||
        !std::all_of(start.begin(), start.begin() + 7, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '-'; }))
      continue;
    auto month = month_folder(folder, start);
    std::error_code ignored;
    for (const char* extension : {".vtt", ".srt", ".json"})
      std::filesystem::remove(month / (id + extension), ignored);
    std::filesystem::remove(month, ignored);  // only when empty
  }
}

}  // namespace

std::string_view to_string(CallCase call_case) {
  switch (call_case) {
    case CallCase::ordinary: return "ordinary";
    case CallCase::contact_on_concurrent_deals: return "contact_on_concurrent_deals";
    case CallCase::internal: return "internal";
    case CallCase::duplicate: return "duplicate";
    case CallCase::damaged_cue: return "damaged_cue";
  }
  return "ordinary";
}

std::string_view expected_outcome(CallCase call_case) {
  switch (call_case) {
    case CallCase::contact_on_concurrent_deals: return "review";
    case CallCase::internal: return "unmatched";
    default: return "link";
  }
}

Result<CallRecordings> CallRecordings::create(const std::filesystem::path& out_dir) {
  std::filesystem::path folder = out_dir / "calls";
  remove_previous_calls(folder);
  if (auto created = create_output_folder(folder); !created) return std::unexpected(created.error());
  auto truth = CsvFile::create(folder / "truth.csv",
                               "source_id,opportunity_id,expected,case,start,turns,our_seconds,"
                               "buyer_seconds");
  if (!truth) return std::unexpected(truth.error());
  return CallRecordings(std::move(folder), std::move(*truth));
}

void CallRecordings::write_file(const std::filesystem::path& path, const std::string& text) {
  bytes_ += static_cast<long long>(text.size());
  if (!first_error_) return;
  first_error_ = write_whole_file(path, text);
}

void CallRecordings::write(const CallDraft& call, std::string_view opportunity_id,
                           CallCase call_case, std::string_view expected) {
  std::filesystem::path month = month_folder(folder_, format_timestamp(call.start));
  if (first_error_) first_error_ = create_output_folder(month);
  const bool damaged = call_case == CallCase::damaged_cue;
  const char* extension = call.style == TranscriptStyle::subrip ? ".srt" : ".vtt";
  write_file(month / (call.id + extension), transcript_text(call, call.style, damaged));
  if (call_case == CallCase::duplicate)
    write_file(month / (call.id + ".srt"), transcript_text(call, TranscriptStyle::subrip, false));
  write_file(month / (call.id + ".json"), sidecar_text(call));
  TalkTruth talk = talk_of(call, damaged);
  truth_.text(call.id).text(opportunity_id);
  truth_.text(expected.empty() ? expected_outcome(call_case) : expected);
  truth_.text(to_string(call_case)).timestamp(call.start).number(talk.turns);
  truth_.number(rounded_seconds(talk.ours_ms)).number(rounded_seconds(talk.buyer_ms)).end_row();
  ++by_case_[std::size_t(call_case)];
  ++calls_;
}

Result<void> CallRecordings::close() {
  if (!open_) return {};
  open_ = false;
  if (auto closed = truth_.close(); !closed) return closed;
  return first_error_;
}

}  // namespace rearview::generate
