// Boost.JSON reads the sidecar (as it reads the Salesforce CLI's data tree).
#include "call_sidecar.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "json_text.h"

#include "rearview/core/text.h"
#include "rearview/core/time.h"

namespace rearview::importing {
namespace {

namespace json = boost::json;

SidecarProblem sidecar_error(long long line, std::string what) {
  return SidecarProblem{line, std::move(what)};
}

template <typename T>
using Read = std::expected<T, SidecarProblem>;

// Boost.JSON keeps no positions: a member's line is where its key is first written.
class SidecarReader {
 public:
  explicit SidecarReader(std::string_view text) : text_(text) {}
  Read<CallSidecar> read(const json::object& object);

 private:
  SidecarProblem error(std::string_view key, std::string what) const {
    std::size_t at = text_.find(fmt::format("\"{}\"", key));
    return sidecar_error(at == std::string_view::npos ? 1 : line_at(text_, at), std::move(what));
  }
  Read<std::string> string_member(const json::object& object, std::string_view key) const;
  Read<std::vector<CallParticipant>> participants_of(const json::object& object) const;
  Read<Timestamp> start_of(const std::string& text) const;

  std::string_view text_;
};

// A string member, or an error naming it when it is there but not a string.
Read<std::string> SidecarReader::string_member(const json::object& object,
                                                 std::string_view key) const {
  const json::value* value = object.if_contains(key);
  if (!value || value->is_null()) return std::string();
  if (!value->is_string())
    return std::unexpected(error(key, fmt::format("\"{}\" must be a string", key)));
  return std::string(value->get_string());
}

Read<std::vector<CallParticipant>> SidecarReader::participants_of(
    const json::object& object) const {
  std::vector<CallParticipant> participants;
  const json::value* list = object.if_contains("participants");
  if (!list || list->is_null()) return participants;
  if (!list->is_array())
    return std::unexpected(error("participants", "\"participants\" must be a list of {name, email}"));
  for (const auto& entry : list->get_array()) {
    if (!entry.is_object())
      return std::unexpected(error("participants", "each participant must be an object {name, email}"));
    auto name = string_member(entry.get_object(), "name");
    if (!name) return std::unexpected(name.error());
    auto email = string_member(entry.get_object(), "email");
    if (!email) return std::unexpected(email.error());
    if (trim(*name).empty() && trim(*email).empty()) continue;
    participants.push_back({std::string(trim(*name)), lower(trim(*email))});
  }
  return participants;
}

Read<Timestamp> SidecarReader::start_of(const std::string& text) const {
  auto written = parse_written_time(text);
  if (!written || !written->offset)
    return std::unexpected(error(
        "started_at", fmt::format("\"started_at\" must be a time with its offset, such as "
                       "2026-03-04T15:00:00+01:00 or 2026-03-04T14:00:00Z; found \"{}\"",
                       printable(text.substr(0, 60)))));
  auto at = parse_timestamp(text);
  if (!at || !has_four_digit_year(*at))
    return std::unexpected(error("started_at", "\"started_at\" is not a time rearview can place"));
  return *at;
}

Read<CallSidecar> SidecarReader::read(const json::object& object) {
  CallSidecar sidecar;
  auto id = string_member(object, "id");
  if (!id) return std::unexpected(id.error());
  sidecar.id = std::string(trim(*id));
  if (sidecar.id.empty())
    return std::unexpected(error("id", "the call has no \"id\" (the recorder's id of the call)"));
  auto title = string_member(object, "title");
  if (!title) return std::unexpected(title.error());
  sidecar.title = std::string(trim(*title));
  auto started = string_member(object, "started_at");
  if (!started) return std::unexpected(started.error());
  if (started->empty())
    return std::unexpected(error("started_at", "the call has no \"started_at\""));
  auto at = start_of(*started);
  if (!at) return std::unexpected(at.error());
  sidecar.started_at = *at;
  auto participants = participants_of(object);
  if (!participants) return std::unexpected(participants.error());
  sidecar.participants = std::move(*participants);
  auto direction = string_member(object, "direction");
  if (!direction) return std::unexpected(direction.error());
  if (*direction == "inbound") sidecar.direction = Direction::inbound;
  else if (*direction == "outbound") sidecar.direction = Direction::outbound;
  else if (!direction->empty())
    return std::unexpected(error("direction", "\"direction\" must be \"inbound\" or \"outbound\""));
  return sidecar;
}

}  // namespace

std::expected<CallSidecar, SidecarProblem> parse_call_sidecar(std::string_view text) {
  auto value = parse_json_text(text);
  if (!value) return std::unexpected(sidecar_error(value.error().line, value.error().message));
  if (!value->is_object())
    return std::unexpected(sidecar_error(1, "the sidecar must be one JSON object"));
  return SidecarReader(text).read(value->get_object());
}

}  // namespace rearview::importing
