// Posted interactions, read by the writers the file importers use; strict
// where a file import is lenient: a problem a file import would skip and
// report fails the whole batch, since the caller is there to hear it.
#include "rearview/importers/posted_interactions.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "address_book.h"
#include "calendar_writer.h"
#include "call_sidecar.h"
#include "call_writer.h"
#include "icu_text.h"
#include "json_text.h"
#include "mail_message.h"
#include "mail_writer.h"
#include "rearview/core/text.h"
#include "rearview/core/time.h"
#include "transcript_reader.h"

namespace rearview {
namespace {

namespace json = boost::json;
using importing::MailAddress;
using importing::MailMessage;

// A problem with the object at `line`, for the caller to fix.
std::unexpected<Error> bad(long long line, std::string_view what) {
  return std::unexpected(Error{ErrorCode::invalid_input, fmt::format("line {}: {}", line, what)});
}

struct Posted {
  long long line = 0;
  const json::object& object;
};

Result<std::string> text_member(const Posted& posted, std::string_view key, bool required) {
  const json::value* value = posted.object.if_contains(key);
  if (!value || value->is_null()) {
    if (required) return bad(posted.line, fmt::format("\"{}\" is missing", key));
    return std::string();
  }
  if (!value->is_string()) return bad(posted.line, fmt::format("\"{}\" must be a string", key));
  return importing::valid_utf8(value->as_string());
}

Result<MailAddress> address_of(const Posted& posted, std::string_view key, const json::value& value) {
  MailAddress address;
  if (value.is_string()) {
    address.address = std::string(value.as_string());
  } else if (value.is_object() && value.as_object().if_contains("address") &&
             value.as_object().at("address").is_string()) {
    address.address = std::string(value.as_object().at("address").as_string());
    if (const auto* name = value.as_object().if_contains("name"); name && name->is_string())
      address.name = importing::valid_utf8(name->as_string());
  } else {
    return bad(posted.line,
               fmt::format("\"{}\" holds an address that is neither \"a@b.com\" nor "
                           "{{\"address\": ..., \"name\": ...}}",
                           key));
  }
  address.address = lower(trim(address.address));
  if (address.address.find('@') == std::string::npos)
    return bad(posted.line, fmt::format("\"{}\" holds \"{}\", which is not an e-mail address", key,
                                        address.address));
  return address;
}

Result<std::vector<MailAddress>> addresses_of(const Posted& posted, std::string_view key) {
  std::vector<MailAddress> list;
  const json::value* value = posted.object.if_contains(key);
  if (!value || value->is_null()) return list;
  if (!value->is_array()) {
    auto one = address_of(posted, key, *value);
    if (!one) return std::unexpected(one.error());
    list.push_back(std::move(*one));
    return list;
  }
  for (const auto& entry : value->as_array()) {
    auto one = address_of(posted, key, entry);
    if (!one) return std::unexpected(one.error());
    list.push_back(std::move(*one));
  }
  return list;
}

Result<std::vector<std::string>> strings_of(const Posted& posted, std::string_view key) {
  std::vector<std::string> list;
  const json::value* value = posted.object.if_contains(key);
  if (!value || value->is_null()) return list;
  if (!value->is_array()) return bad(posted.line, fmt::format("\"{}\" must be a list of strings", key));
  for (const auto& entry : value->as_array()) {
    if (!entry.is_string()) return bad(posted.line, fmt::format("\"{}\" must be a list of strings", key));
    list.emplace_back(entry.as_string());
  }
  return list;
}

std::string without_angle_brackets(std::string id) {
  id = std::string(trim(id));
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  return id;
}

// An e-mail given by its fields, as GMime would have read it.
Result<MailMessage> message_from_fields(const Posted& posted) {
  MailMessage message;
  auto message_id = text_member(posted, "message_id", false);
  auto source_id = text_member(posted, "source_id", false);
  auto subject = text_member(posted, "subject", false);
  auto text = text_member(posted, "text", false);
  auto html = text_member(posted, "html", false);
  auto date = text_member(posted, "date", true);
  for (auto* member : {&message_id, &source_id, &subject, &text, &html, &date})
    if (!*member) return std::unexpected(member->error());
  message.message_id = without_angle_brackets(*message_id);
  message.source_id = *source_id;
  if (message.message_id.empty() && message.source_id.empty())
    return bad(posted.line, "an e-mail needs its \"message_id\" or a \"source_id\" of yours");
  message.subject = *subject;
  message.text = *text;
  message.html = *html;
  message.date = parse_timestamp(*date);
  if (!message.date)
    return bad(posted.line, fmt::format("\"date\" is \"{}\", not an RFC 3339 time", *date));
  auto from = addresses_of(posted, "from");
  if (!from) return std::unexpected(from.error());
  if (from->size() != 1) return bad(posted.line, "an e-mail needs exactly one \"from\" address");
  message.from = std::move(*from);
  for (auto [key, list] : {std::pair{"to", &message.to}, std::pair{"cc", &message.cc},
                           std::pair{"bcc", &message.bcc}}) {
    auto read = addresses_of(posted, key);
    if (!read) return std::unexpected(read.error());
    *list = std::move(*read);
  }
  auto references = strings_of(posted, "references");
  if (!references) return std::unexpected(references.error());
  for (auto& reference : *references) message.references.push_back(without_angle_brackets(reference));
  if (const auto* automated = posted.object.if_contains("automated"))
    message.automated = automated->is_bool() && automated->as_bool();
  return message;
}

class PostedBatch {
 public:
  PostedBatch(WriteTransaction& transaction, const Settings& settings)
      : transaction_(transaction), settings_(settings), book_(transaction.records()) {}

  Result<void> add(const Posted& posted);
  PostedReport& report() { return report_; }

 private:
  Result<void> add_email(const Posted& posted, PostedItem& item);
  Result<void> add_meeting(const Posted& posted, PostedItem& item);
  Result<void> add_call(const Posted& posted, PostedItem& item);
  void count(PostedItem& item, long long imported, long long updated) {
    item.outcome = imported ? "imported" : updated ? "updated" : "unchanged";
    ++(imported ? report_.imported : updated ? report_.updated : report_.unchanged);
  }

  WriteTransaction& transaction_;
  const Settings& settings_;
  importing::AddressBook book_;
  PostedReport report_;
};

Result<void> PostedBatch::add(const Posted& posted) {
  auto kind = text_member(posted, "kind", true);
  if (!kind) return std::unexpected(kind.error());
  PostedItem item{.line = posted.line, .kind = *kind};
  Result<void> added;
  if (*kind == "email")
    added = add_email(posted, item);
  else if (*kind == "meeting")
    added = add_meeting(posted, item);
  else if (*kind == "call")
    added = add_call(posted, item);
  else
    return bad(posted.line, fmt::format("\"kind\" is \"{}\"; it must be email, meeting or call "
                                        "(notes are written in the CRM)",
                                        *kind));
  if (!added) return added;
  report_.items.push_back(std::move(item));
  return {};
}

Result<void> PostedBatch::add_email(const Posted& posted, PostedItem& item) {
  MailMessage message;
  if (posted.object.if_contains("mime")) {
    auto mime = text_member(posted, "mime", true);
    if (!mime) return std::unexpected(mime.error());
    if (!importing::read_message_bytes(*mime, message))
      return bad(posted.line, "\"mime\" cannot be read as an e-mail message");
  } else {
    auto fields = message_from_fields(posted);
    if (!fields) return std::unexpected(fields.error());
    message = std::move(*fields);
  }
  MailImportReport counts;
  std::string problem;
  importing::MailWriter writer(transaction_, book_, settings_, counts,
                               [&](long long, std::string what, bool) { problem = std::move(what); });
  if (auto written = writer.write(message); !written) return written;
  if (!problem.empty()) return bad(posted.line, problem);
  item.id = importing::email_id(message);
  count(item, counts.imported, counts.updated);
  return {};
}

Result<void> PostedBatch::add_meeting(const Posted& posted, PostedItem& item) {
  auto ics = text_member(posted, "ics", true);
  if (!ics) return std::unexpected(ics.error());
  CalendarCounts counts;
  std::string problem;
  importing::CalendarWriter writer(transaction_, book_, settings_, counts,
                                   [&](long long line, std::string what) {
                                     if (problem.empty())
                                       problem = fmt::format("its calendar text, line {}: {}",
                                                             line, what);
                                   });
  if (auto applied = writer.apply(*ics); !applied) return applied;
  if (!problem.empty()) return bad(posted.line, problem);
  if (counts.events_read == 0) return bad(posted.line, "\"ics\" holds no event (VEVENT)");
  item.outcome = describe(counts);
  report_.imported += counts.imported;
  report_.updated += counts.updated;
  report_.unchanged += counts.unchanged;
  return {};
}

Result<void> PostedBatch::add_call(const Posted& posted, PostedItem& item) {
  const json::value* sidecar_value = posted.object.if_contains("sidecar");
  if (!sidecar_value || !sidecar_value->is_object())
    return bad(posted.line, "a call needs its \"sidecar\": an object as the recorder writes it");
  auto sidecar = importing::parse_call_sidecar(json::serialize(*sidecar_value));
  if (!sidecar) return bad(posted.line, "its \"sidecar\": " + sidecar.error().message);
  auto transcript_text = text_member(posted, "transcript", true);
  auto format = text_member(posted, "format", false);
  if (!transcript_text) return std::unexpected(transcript_text.error());
  if (!format) return std::unexpected(format.error());
  if (!format->empty() && *format != "webvtt" && *format != "srt")
    return bad(posted.line, fmt::format("\"format\" is \"{}\"; it must be webvtt or srt", *format));
  auto transcript = importing::read_transcript(
      *transcript_text,
      *format == "srt" ? importing::TranscriptFormat::srt : importing::TranscriptFormat::webvtt);
  if (!transcript) return bad(posted.line, "its \"transcript\": " + transcript.error().message);
  if (!transcript->problems.empty())
    return bad(posted.line, fmt::format("its \"transcript\", line {}: {}",
                                        transcript->problems.front().line,
                                        transcript->problems.front().message));
  if (transcript->cues.empty()) return bad(posted.line, "its \"transcript\" has no cue that says anything");
  auto call = importing::call_from(*sidecar, *transcript, book_, settings_);
  if (!call) return std::unexpected(call.error());
  item.id = call->id;
  auto written = transaction_.records().upsert(*call);
  if (!written) return std::unexpected(written.error());
  count(item, *written == WriteOutcome::inserted, *written == WriteOutcome::updated);
  return {};
}

// The objects posted, each with its line.
Result<std::vector<std::pair<long long, json::value>>> objects_of(std::string_view text,
                                                                  PostedFormat format) {
  std::vector<std::pair<long long, json::value>> objects;
  auto read_one = [&](std::string_view part, long long first_line) -> Result<void> {
    auto value = importing::parse_json_text(part);
    if (!value) return bad(first_line + value.error().line - 1, value.error().message);
    if (!value->is_object()) return bad(first_line, "each interaction must be a JSON object");
    objects.emplace_back(first_line, std::move(*value));
    return {};
  };
  if (format == PostedFormat::json) {
    if (auto read = read_one(text, 1); !read) return std::unexpected(read.error());
    return objects;
  }
  long long line = 0;
  while (!text.empty()) {
    ++line;
    auto end = text.find('\n');
    std::string_view part = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (trim(part).empty()) continue;
    if (auto read = read_one(part, line); !read) return std::unexpected(read.error());
  }
  if (objects.empty()) return bad(1, "nothing was posted: send one JSON object per line");
  return objects;
}

}  // namespace

Result<PostedReport> import_posted_interactions(WriteTransaction& transaction,
                                                const Settings& settings, std::string_view text,
                                                PostedFormat format) {
  auto objects = objects_of(text, format);
  if (!objects) return std::unexpected(objects.error());
  PostedBatch batch(transaction, settings);
  for (const auto& [line, value] : *objects)
    if (auto added = batch.add({line, value.as_object()}); !added)
      return std::unexpected(added.error());
  return std::move(batch.report());
}

}  // namespace rearview
