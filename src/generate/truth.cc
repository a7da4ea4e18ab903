#include "truth.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <numeric>

#include "calendar.h"
#include "stages.h"

namespace rearview::generate {
namespace {

namespace json = boost::json;

constexpr std::string_view kTruthFileName = "truth.json";
constexpr std::string_view kEntriesFileName = "truth.json.part";

Error truth_error(const std::filesystem::path& path, std::string_view action, int error_number) {
  return Error{ErrorCode::io,
               fmt::format("cannot {} {}: {}", action, path.string(), std::strerror(error_number)),
               "check that the output directory is writable and the disk is not full"};
}

std::string_view outcome_text(Outcome outcome) {
  switch (outcome) {
    case Outcome::won:
      return "won";
    case Outcome::lost:
      return "lost";
    case Outcome::open:
      break;
  }
  return "open";
}

json::value median(std::vector<double> values) {
  if (values.empty()) return nullptr;
  std::ranges::sort(values);
  const std::size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2.0;
}

json::value mean(const std::vector<double>& values) {
  if (values.empty()) return nullptr;
  return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

// Lost before the line in the sand: the short postmortem. Every other deal,
// open ones included, gets the full one.
std::string_view level_text(const DealFacts& facts) {
  bool early_loss = facts.outcome == Outcome::lost && facts.furthest_open_stage < kLineInTheSand;
  return early_loss ? "short" : "full";
}

json::array stage_path_json(const DealFacts& facts) {
  json::array path;
  for (const StageVisit& visit : facts.stage_path)
    path.push_back(
        {{"stage", stage_name(visit.stage)}, {"entered_at", format_timestamp(visit.at)}});
  return path;
}

// Closed time minus created time; an open deal's cycle depends on when it is
// measured, so it has none here.
std::optional<double> closed_cycle_days(const Deal& deal, const DealFacts& facts) {
  if (!facts.closed_at) return std::nullopt;
  return days_between(deal.created_at, *facts.closed_at);
}

bool write_all(std::FILE* file, std::string_view text) {
  return std::fwrite(text.data(), 1, text.size(), file) == text.size();
}

}  // namespace

Result<TruthWriter> TruthWriter::create(const std::filesystem::path& directory) {
  const std::filesystem::path path = directory / kEntriesFileName;
  std::unique_ptr<std::FILE, Closer> entries(std::fopen(path.c_str(), "w+b"));
  if (!entries) return std::unexpected(truth_error(path, "create", errno));
  return TruthWriter(directory, std::move(entries));
}

TruthWriter::TruthWriter(std::filesystem::path directory,
                         std::unique_ptr<std::FILE, Closer> entries)
    : directory_(std::move(directory)), entries_(std::move(entries)) {}

void TruthWriter::add(const Deal& deal, const DealFacts& facts) {
  ++(facts.outcome == Outcome::won ? won_ : facts.outcome == Outcome::lost ? lost_ : open_);
  stage_entries_ += static_cast<long long>(facts.stage_path.size());
  const std::optional<double> cycle = closed_cycle_days(deal, facts);
  if (facts.outcome == Outcome::won) won_cycle_days_.push_back(*cycle);

  json::object entry;
  entry["id"] = deal.id;
  entry["outcome"] = outcome_text(facts.outcome);
  entry["stage"] = stage_name(facts.stage);
  entry["created_at"] = format_timestamp(deal.created_at);
  entry["closed_at"] =
      facts.closed_at ? json::value(format_timestamp(*facts.closed_at)) : json::value(nullptr);
  entry["close_date"] = format_date(deal.history.back().close_date);
  entry["stage_entries"] = facts.stage_path.size();
  entry["stages"] = stage_path_json(facts);
  entry["close_date_pushes"] = facts.close_date_pushes;
  entry["cycle_days"] = cycle ? json::value(*cycle) : json::value(nullptr);
  entry["level"] = level_text(facts);
  entry["first_touch_before_creation"] = deal.first_touch_before_creation;
  std::string line = first_entry_ ? "\n" : ",\n";
  line += json::serialize(entry);
  first_entry_ = false;
  // A failed write shows in ferror() when finish() reads the file back.
  write_all(entries_.get(), line);
}

Result<long long> TruthWriter::finish(std::uint64_t seed, long long requested,
                                      const TruthTotals& totals) {
  const std::filesystem::path entries_path = directory_ / kEntriesFileName;
  const std::filesystem::path path = directory_ / kTruthFileName;
  if (std::fflush(entries_.get()) != 0 || std::ferror(entries_.get()))
    return std::unexpected(truth_error(entries_path, "write", errno));

  json::object counts;
  counts["users"] = totals.users;
  counts["accounts"] = totals.accounts;
  counts["contacts"] = totals.contacts;
  counts["opportunities"] = {
      {"total", open_ + won_ + lost_}, {"open", open_}, {"won", won_}, {"lost", lost_}};
  counts["stage_entries"] = stage_entries_;
  counts["interactions"] = {{"email", totals.emails},
                            {"meeting", totals.meetings},
                            {"call", totals.calls},
                            {"note", totals.notes}};
  counts["win_rate"] =
      won_ + lost_ > 0 ? json::value(double(won_) / double(won_ + lost_)) : json::value(nullptr);
  counts["won_cycle_days"] = {{"mean", mean(won_cycle_days_)}, {"median", median(won_cycle_days_)}};

  const std::string head = fmt::format(
      "{{\"seed\":{},\"opportunities_requested\":{},\"export_time\":\"{}\",\n\"counts\":{},\n"
      "\"opportunities\":[",
      json::serialize(json::value(seed)), requested, kExportTimeText, json::serialize(counts));
  constexpr std::string_view kTail = "\n]}\n";

  std::unique_ptr<std::FILE, Closer> truth(std::fopen(path.c_str(), "wb"));
  if (!truth) return std::unexpected(truth_error(path, "create", errno));
  bool written = write_all(truth.get(), head);
  std::rewind(entries_.get());
  std::vector<char> block(std::size_t{1} << 20);
  long long bytes = static_cast<long long>(head.size() + kTail.size());
  while (written) {
    const std::size_t read = std::fread(block.data(), 1, block.size(), entries_.get());
    if (read == 0) break;
    written = write_all(truth.get(), {block.data(), read});
    bytes += static_cast<long long>(read);
  }
  written = written && !std::ferror(entries_.get()) && write_all(truth.get(), kTail);
  const int write_errno = errno;
  if (std::fclose(truth.release()) != 0 || !written)
    return std::unexpected(truth_error(path, "write", written ? errno : write_errno));
  entries_.reset();
  std::error_code ignored;
  std::filesystem::remove(entries_path, ignored);
  return bytes;
}

}  // namespace rearview::generate
