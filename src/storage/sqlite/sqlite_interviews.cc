// Buyer interviews as JSON documents (Boost.JSON): the lists in them
// (voices, reasons, quotes) would each need a table of their own otherwise,
// and nothing queries inside them.
#include <boost/json.hpp>

#include "rearview/core/time.h"
#include "sqlite_roles.h"
#include "statement.h"

namespace rearview::sqlite {
namespace {

namespace json = boost::json;

json::array strings(const std::vector<std::string>& items) {
  json::array array;
  for (const auto& item : items) array.emplace_back(item);
  return array;
}

std::string text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::vector<std::string> strings_of(const json::object& object, std::string_view key) {
  std::vector<std::string> items;
  if (const auto* value = object.if_contains(key); value && value->is_array())
    for (const auto& item : value->as_array())
      if (item.is_string()) items.emplace_back(item.as_string());
  return items;
}

}  // namespace

std::string interview_document(const BuyerInterview& interview) {
  json::array voices;
  for (const auto& voice : interview.voices)
    voices.push_back(json::object{
        {"name", voice.name}, {"role", voice.role}, {"in_the_room", voice.in_the_room}});
  json::object document{{"interviewer", interview.interviewer},
                        {"interviewer_email", interview.interviewer_email},
                        {"recorded_at", format_timestamp(interview.recorded_at)},
                        {"value_in_their_words", interview.value_in_their_words},
                        {"voices", std::move(voices)},
                        {"deciding_factors", interview.deciding_factors},
                        {"driver", interview.driver ? json::value(to_string(*interview.driver))
                                                    : json::value(nullptr)},
                        {"competitor", interview.competitor},
                        {"reasons", strings(interview.reasons)},
                        {"quotes", strings(interview.quotes)},
                        {"owner_override", interview.owner_override}};
  return json::serialize(document);
}

std::optional<BuyerInterview> interview_from_document(const Id& opportunity_id,
                                                      std::string_view document) {
  std::error_code damaged;
  auto value = json::parse(document, damaged);
  if (damaged || !value.is_object()) return std::nullopt;
  const auto& object = value.as_object();
  BuyerInterview interview{.opportunity_id = opportunity_id,
                           .interviewer = text_of(object, "interviewer"),
                           .interviewer_email = text_of(object, "interviewer_email"),
                           .value_in_their_words = text_of(object, "value_in_their_words"),
                           .deciding_factors = text_of(object, "deciding_factors"),
                           .driver = outcome_driver_from_string(text_of(object, "driver")),
                           .competitor = text_of(object, "competitor"),
                           .reasons = strings_of(object, "reasons"),
                           .quotes = strings_of(object, "quotes")};
  interview.recorded_at = parse_timestamp(text_of(object, "recorded_at")).value_or(Timestamp{});
  if (const auto* voices = object.if_contains("voices"); voices && voices->is_array())
    for (const auto& entry : voices->as_array()) {
      if (!entry.is_object()) continue;
      const auto& voice = entry.as_object();
      const auto* inside = voice.if_contains("in_the_room");
      interview.voices.push_back({text_of(voice, "name"), text_of(voice, "role"),
                                  !inside || !inside->is_bool() || inside->as_bool()});
    }
  if (const auto* override = object.if_contains("owner_override"); override && override->is_bool())
    interview.owner_override = override->as_bool();
  return interview;
}

Result<void> SqliteInterviewStore::save_interview(const BuyerInterview& interview) {
  Statement& upsert = connection_.statement(
      "INSERT INTO buyer_interviews (opportunity_id, recorded_at, interviewer_email, document) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (opportunity_id) DO UPDATE SET "
      "recorded_at = excluded.recorded_at, interviewer_email = excluded.interviewer_email, "
      "document = excluded.document");
  upsert.bind(1, interview.opportunity_id)
      .bind(2, static_cast<long long>(interview.recorded_at.time_since_epoch().count()))
      .bind(3, interview.interviewer_email)
      .bind(4, interview_document(interview));
  return upsert.run();
}

Result<std::optional<BuyerInterview>> SqliteInterviewStore::interview(const Id& opportunity_id) {
  Statement& query = connection_.statement(
      "SELECT document FROM buyer_interviews WHERE opportunity_id = ?1");
  query.bind(1, opportunity_id);
  std::optional<BuyerInterview> found;
  auto read = for_each_row(query, [&](const Statement& row) {
    found = interview_from_document(opportunity_id, row.text(0));
  });
  if (!read) return std::unexpected(read.error());
  return found;
}

}  // namespace rearview::sqlite
