// HubSpot's calls, e-mails, meetings and notes: interactions linked to the
// deals they are associated with, with the associated contacts and the
// owner as participants. Their bodies are HubSpot's rich text (HTML).
#include <fmt/format.h>

#include <charconv>

#include "html_text.h"
#include "hubspot_import.h"
#include "rearview/core/direction.h"

namespace rearview::importing::hubspot {
namespace {

struct ActivityColumns {
  ActivityColumns(const CsvReader& reader, FileKind kind)
      : record(first_present(reader, {"Record ID"})),
        at(kind == FileKind::meetings
               ? first_present(reader, {"Meeting start time", "Activity date", "Create Date"})
               : first_present(reader, {"Activity date", "Create Date"})),
        ends(first_present(reader, {"Meeting end time"})),
        subject(kind == FileKind::calls    ? first_present(reader, {"Call Title"})
                : kind == FileKind::emails ? first_present(reader, {"Email subject"})
                : kind == FileKind::meetings
                    ? first_present(reader, {"Meeting name"})
                    : Column{}),
        body(kind == FileKind::calls    ? first_present(reader, {"Call notes"})
             : kind == FileKind::emails ? first_present(reader, {"Email text", "Email body"})
             : kind == FileKind::meetings
                 ? first_present(reader, {"Meeting description", "Internal meeting notes"})
                 : first_present(reader, {"Note body"})),
        direction(first_present(reader, {"Call direction", "Email direction"})),
        duration(first_present(reader, {"Call duration"})),
        owner(first_present(reader, {"Activity assigned to", "Activity owner", "HubSpot owner"})),
        deal_ids(first_present(reader, {"Associated Deal IDs", "Associated Deal ID"})),
        contact_ids(first_present(reader, {"Associated Contact IDs", "Associated Contact ID"})),
        company_ids(first_present(reader, {"Associated Company IDs", "Associated Company ID"})),
        from(first_present(reader, {"From email", "Email from address"})),
        to(first_present(reader, {"To email", "Email to address"})) {}
  Column record, at, ends, subject, body, direction, duration, owner, deal_ids, contact_ids,
      company_ids, from, to;
};

InteractionKind interaction_kind(FileKind kind) {
  switch (kind) {
    case FileKind::calls: return InteractionKind::call;
    case FileKind::emails: return InteractionKind::email;
    case FileKind::meetings: return InteractionKind::meeting;
    default: return InteractionKind::note;
  }
}

// HubSpot's e-mail directions (EMAIL, INCOMING_EMAIL, FORWARDED_EMAIL) and
// call directions (INBOUND, OUTBOUND); none for anything else.
std::optional<bool> incoming(std::string_view value) {
  std::string direction = lower(trim(value));
  if (direction == "incoming_email" || direction == "inbound" || direction == "incoming")
    return true;
  if (direction == "email" || direction == "forwarded_email" || direction == "outbound" ||
      direction == "outgoing")
    return false;
  return std::nullopt;
}

// "00:05:32", "5:32" or a number of milliseconds (HubSpot keeps call
// durations in milliseconds).
std::optional<long long> duration_seconds(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  long long total = 0;
  int parts = 0;
  bool clock = text.find(':') != std::string_view::npos;
  while (!text.empty()) {
    auto colon = text.find(':');
    std::string_view part = text.substr(0, colon);
    long long value = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (error != std::errc() || end != part.data() + part.size() || value < 0) return std::nullopt;
    total = total * 60 + value;
    ++parts;
    text = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  }
  if (!clock) return total / 1000;
  if (parts > 3) return std::nullopt;
  return total;
}

constexpr std::string_view kDurationExpected =
    "a duration such as 00:05:32 or 5:32, or a number of milliseconds";

Result<void> add_participants(HubspotImport& import, FieldReader& fields,
                              const ActivityColumns& columns, Interaction& interaction) {
  ParticipantRole ours = interaction.kind == InteractionKind::meeting ? ParticipantRole::owner
                         : interaction.direction == Direction::inbound ? ParticipantRole::to
                                                                        : ParticipantRole::from;
  ParticipantRole theirs = interaction.kind == InteractionKind::meeting ? ParticipantRole::attendee
                           : interaction.direction == Direction::inbound ? ParticipantRole::from
                                                                          : ParticipantRole::to;
  if (interaction.owner_id)
    interaction.participants.push_back(Participant{.role = ours, .user_id = interaction.owner_id});
  for (const Column* column : {&columns.from, &columns.to}) {
    for (const auto& address : record_ids(fields.text(*column))) {
      auto participant = import.book.participant(column == &columns.from ? ParticipantRole::from
                                                                        : ParticipantRole::to,
                                                 lower(address));
      if (!participant) return std::unexpected(participant.error());
      interaction.participants.push_back(std::move(*participant));
    }
  }
  for (const auto& record_id : record_ids(fields.text(columns.contact_ids))) {
    auto contact = import.existing_contact(record_id);
    if (!contact) return std::unexpected(contact.error());
    if (!*contact) continue;
    bool listed = std::any_of(interaction.participants.begin(), interaction.participants.end(),
                              [&](const Participant& p) { return p.contact_id == *contact; });
    if (listed) continue;
    auto email = import.contact_emails.find(**contact);
    interaction.participants.push_back(
        Participant{.role = theirs,
                    .address = email == import.contact_emails.end() ? "" : email->second,
                    .contact_id = *contact});
  }
  return {};
}

Result<void> link_to_deals(HubspotImport& import, FieldReader& fields,
                           const ActivityColumns& columns, Interaction& interaction) {
  for (const auto& record_id : record_ids(fields.text(columns.deal_ids))) {
    auto deal = import.existing_deal(record_id);
    if (!deal) return std::unexpected(deal.error());
    if (*deal) interaction.links.push_back(crm_link(**deal, import.context.options().imported_at));
  }
  auto companies = record_ids(fields.text(columns.company_ids));
  if (!companies.empty()) {
    auto company = import.ensure_company(companies.front(), "");
    if (!company) return std::unexpected(company.error());
    interaction.account_id = *company;
  }
  return {};
}

}  // namespace

Result<void> import_activities(HubspotImport& import, FileKind kind, CsvReader& reader,
                               ObjectCounts& counts) {
  auto& context = import.context;
  ActivityColumns columns(reader, kind);
  std::string prefix = fmt::format("hubspot-{}-", lower(object_name(kind)));
  return context.for_each_row(reader, counts, [&](const CsvRecord& row, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(row, counts.file, problems, context.implausible_dates());
    std::string record_id = fields.identifier(columns.record);
    Interaction interaction{.id = prefix + record_id,
                            .kind = interaction_kind(kind),
                            .subject = collapse_spaces(fields.text(columns.subject)),
                            .body = text_of_html(fields.text(columns.body)),
                            .source_object = fmt::format("HubSpot {}", lower(object_name(kind))),
                            .source_id = record_id};
    auto at = import.time(fields, columns.at, Requirement::required);
    if (kind == FileKind::meetings) {
      auto ends = import.time(fields, columns.ends);
      if (at && ends && *ends > *at) interaction.duration_seconds = (*ends - *at).count();
    } else if (columns.duration.index && !trim(fields.text(columns.duration)).empty()) {
      interaction.duration_seconds = duration_seconds(fields.text(columns.duration));
      if (!interaction.duration_seconds)
        fields.problem(columns.duration, fields.text(columns.duration), std::string(kDurationExpected));
    }
    auto owner = import.owner(fields.text(columns.owner));
    if (!owner) return std::unexpected(owner.error());
    interaction.owner_id = *owner;
    if (!fields.ok() || !at) return false;
    interaction.occurred_at = *at;
    auto said_incoming = incoming(fields.text(columns.direction));
    if (kind == FileKind::calls || kind == FileKind::emails)
      interaction.direction = !said_incoming ? Direction::unknown
                              : *said_incoming ? Direction::inbound
                                               : Direction::outbound;
    if (auto linked = link_to_deals(import, fields, columns, interaction); !linked)
      return std::unexpected(linked.error());
    if (auto added = add_participants(import, fields, columns, interaction); !added)
      return std::unexpected(added.error());
    if (kind == FileKind::emails)
      interaction.direction = classify_email(said_incoming, interaction.participants,
                                             context.settings());
    return write_record(context, fields, counts, interaction, {});
  });
}

}  // namespace rearview::importing::hubspot
