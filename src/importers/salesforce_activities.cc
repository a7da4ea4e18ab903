// Tasks (calls, logged e-mails, notes), events (meetings) and e-mail messages.
#include <fmt/format.h>

#include "address_book.h"
#include "html_text.h"
#include "rearview/core/direction.h"
#include "salesforce_import.h"

namespace rearview::importing {
namespace {

// Salesforce Ids start with a key prefix naming their object.
bool is_opportunity_id(std::string_view id) { return id.starts_with("006"); }
bool is_account_id(std::string_view id) { return id.starts_with("001"); }
bool is_contact_id(std::string_view id) { return id.starts_with("003"); }

InteractionKind task_kind(std::initializer_list<std::string_view> type_values) {
  for (auto value : type_values) {
    std::string type = lower(trim(value));
    if (type == "call") return InteractionKind::call;
    if (type == "email" || type == "listemail") return InteractionKind::email;
    if (type == "meeting") return InteractionKind::meeting;
  }
  return InteractionKind::note;
}

Direction call_direction(std::string_view call_type) {
  std::string type = lower(trim(call_type));
  if (type == "inbound") return Direction::inbound;
  if (type == "outbound") return Direction::outbound;
  if (type == "internal") return Direction::internal;
  return Direction::unknown;
}

// "Ann <ann@x.com>; bob@y.com" -> the addresses, lower-case.
std::vector<std::string> split_addresses(std::string_view list) {
  std::vector<std::string> addresses;
  while (!list.empty()) {
    auto end = list.find_first_of(";,");
    std::string_view item = trim(list.substr(0, end));
    if (auto open = item.find('<'); open != std::string_view::npos) {
      auto close = item.find('>', open);
      item = item.substr(open + 1, close == std::string_view::npos ? close : close - open - 1);
    }
    if (!item.empty()) addresses.push_back(lower(item));
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return addresses;
}

// Columns shared by Task and Event, which Salesforce calls activities.
const std::vector<std::string> kActivityColumns = {
    "WhoId", "WhatId", "AccountId", "OwnerId", "Subject", "Description", "IsDeleted", "CreatedDate"};

// Links `interaction` to the opportunity its record names. When the export
// holds no opportunities and the database does not know this one, it stays
// unlinked, for matching to place.
Result<void> link_to_named_opportunity(ImportContext& context, Interaction& interaction,
                                       const std::optional<Id>& named) {
  if (!named || !is_opportunity_id(*named)) return {};
  if (context.unverifiable(RecordKind::opportunity)) {
    auto known = context.records().exists(RecordKind::opportunity, *named);
    if (!known) return std::unexpected(known.error());
    if (!*known) return {};
  }
  interaction.links.push_back(crm_link(*named, context.options().imported_at));
  return {};
}

// "<abc@x.com>" -> "abc@x.com", as the mail import keeps Message-IDs.
std::string message_id_without_brackets(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && text.front() == '<' && text.back() == '>')
    text = text.substr(1, text.size() - 2);
  return std::string(trim(text));
}

// A message logged in the CRM is one interaction: copies read earlier from a
// mailbox give way to the CRM's record, which carries the deal.
Result<long long> remove_captured_copies(RecordWriter& records, const std::string& message_id) {
  auto copies = records.captured_emails_of_message(message_id);
  if (!copies) return std::unexpected(copies.error());
  for (const auto& id : *copies)
    if (auto removed = records.remove_interaction(id); !removed)
      return std::unexpected(removed.error());
  return static_cast<long long>(copies->size());
}

// The opportunity of the CRM link, for the reference check of the column naming it.
std::optional<Id> crm_opportunity(const Interaction& interaction) {
  for (const auto& link : interaction.links)
    if (link.method == LinkMethod::crm) return link.opportunity_id;
  return std::nullopt;
}

// The links every activity has, resolved the same way for tasks and events.
Result<bool> link_activity(ImportContext& context, FieldReader& fields, Columns& columns,
                           Interaction& interaction, std::optional<Id>& contact) {
  auto what = fields.reference(columns["WhatId"]);
  auto who = fields.reference(columns["WhoId"]);
  interaction.account_id = fields.reference(columns["AccountId"]);
  interaction.owner_id = fields.reference(columns["OwnerId"]);
  interaction.subject = std::string(trim(fields.text(columns["Subject"])));
  interaction.body = std::string(fields.text(columns["Description"]));
  if (auto linked = link_to_named_opportunity(context, interaction, what); !linked)
    return std::unexpected(linked.error());
  if (what && is_account_id(*what)) interaction.account_id = what;
  if (who && is_contact_id(*who)) contact = who;
  if (!context.check_not_rejected(fields, columns["WhoId"], RecordKind::contact, contact)) return false;
  if (contact) {
    if (auto ensured = context.ensure_placeholder(RecordKind::contact, *contact); !ensured)
      return std::unexpected(ensured.error());
    auto known = context.records().exists(RecordKind::contact, *contact);
    if (!known) return std::unexpected(known.error());
    if (!*known) {
      fields.problem(columns["WhoId"], *contact,
                     context.missing_reference_expectation(RecordKind::contact, *contact));
      return false;
    }
    interaction.participants.push_back(
        Participant{.role = ParticipantRole::attendee, .contact_id = contact});
  }
  if (interaction.owner_id)
    interaction.participants.push_back(
        Participant{.role = ParticipantRole::owner, .user_id = interaction.owner_id});
  return true;
}

Result<bool> write_interaction(ImportContext& context, FieldReader& fields, Columns& columns,
                               ObjectCounts& counts, const Interaction& interaction,
                               const std::string& opportunity_column) {
  return write_record(context, fields, counts, interaction,
                      {{&columns[opportunity_column], RecordKind::opportunity, crm_opportunity(interaction)},
                       {&columns["AccountId"], RecordKind::account, interaction.account_id},
                       {&columns["OwnerId"], RecordKind::user, interaction.owner_id}});
}

std::vector<std::string> with_activity_columns(std::vector<std::string> columns) {
  columns.insert(columns.end(), kActivityColumns.begin(), kActivityColumns.end());
  return columns;
}

}  // namespace

namespace {

// Reads what is particular to one kind of activity; returns when it happened.
using ActivityReader = std::function<std::optional<Timestamp>(FieldReader&, Columns&, Interaction&)>;

// Tasks and events share their links, their checks and their writing.
Result<void> import_activities(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts,
                               std::vector<std::string> particular_columns,
                               const char* source_object, const char* time_column,
                               const ActivityReader& read_particulars) {
  auto& context = import.context;
  auto columns = context.resolve(reader, with_activity_columns(std::move(particular_columns)), {"Id"});
  if (!all_present(columns, {"Id"})) return {};
  return context.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                  -> Result<bool> {
    FieldReader fields(record, counts.file, problems, context.implausible_dates());
    if (is_deleted(fields, columns["IsDeleted"])) return ++counts.deleted, true;
    Interaction activity;
    activity.id = fields.identifier(columns["Id"]);
    activity.source_object = source_object;
    auto when = read_particulars(fields, columns, activity);
    std::optional<Id> contact;
    auto linked = link_activity(context, fields, columns, activity, contact);
    if (!linked) return std::unexpected(linked.error());
    if (!when && fields.ok())
      fields.fault(columns[time_column], fmt::format("the {} has no time", lower(source_object)));
    if (!*linked || !fields.ok()) return false;
    activity.occurred_at = when.value();
    activity.source_id = activity.id;
    return write_interaction(context, fields, columns, counts, activity, "WhatId");
  });
}

std::optional<Timestamp> date_as_time(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return Timestamp{*date};
}

}  // namespace

// A task's time: when it was completed, else its date, else its creation.
Result<void> import_tasks(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts) {
  return import_activities(
      import, reader, counts,
      {"ActivityDate", "CompletedDateTime", "TaskSubtype", "Type", "Type__c", "CallType",
       "CallDurationInSeconds"},
      "Task", "CompletedDateTime", [](FieldReader& fields, Columns& columns, Interaction& task) {
        task.kind = task_kind({fields.text(columns["TaskSubtype"]), fields.text(columns["Type"]),
                               fields.text(columns["Type__c"])});
        if (task.kind == InteractionKind::call)
          task.direction = call_direction(fields.text(columns["CallType"]));
        if (task.kind == InteractionKind::note) task.direction = Direction::internal;
        task.duration_seconds = fields.integer(columns["CallDurationInSeconds"], kDurationSecondsRange);
        auto completed = fields.timestamp(columns["CompletedDateTime"], Requirement::optional);
        auto activity_date = date_as_time(fields.date(columns["ActivityDate"], Requirement::optional));
        auto created = fields.timestamp(columns["CreatedDate"], Requirement::optional);
        return completed ? completed : activity_date ? activity_date : created;
      });
}

// An event's time: its start, else its activity time or date.
Result<void> import_events(SalesforceImport& import, CsvReader& reader, ObjectCounts& counts) {
  return import_activities(
      import, reader, counts,
      {"StartDateTime", "EndDateTime", "ActivityDateTime", "ActivityDate", "DurationInMinutes",
       "Type", "Location"},
      "Event", "StartDateTime", [](FieldReader& fields, Columns& columns, Interaction& event) {
        event.kind = lower(trim(fields.text(columns["Type"]))) == "call" ? InteractionKind::call
                                                                          : InteractionKind::meeting;
        auto start = fields.timestamp(columns["StartDateTime"], Requirement::optional);
        auto end = fields.timestamp(columns["EndDateTime"], Requirement::optional);
        auto activity_time = fields.timestamp(columns["ActivityDateTime"], Requirement::optional);
        auto activity_date = date_as_time(fields.date(columns["ActivityDate"], Requirement::optional));
        auto minutes = fields.integer(columns["DurationInMinutes"], kDurationMinutesRange);
        auto when = start ? start : activity_time ? activity_time : activity_date;
        if (minutes) {
          event.duration_seconds = *minutes * 60;
        } else if (when && end && *end >= *when) {
          event.duration_seconds = (*end - *when).count();
        }
        return when;
      });
}

namespace {

Result<void> add_email_participants(AddressBook& book, Interaction& email, ParticipantRole role,
                                    std::string_view addresses, std::string_view name) {
  for (auto& address : split_addresses(addresses)) {
    auto participant = book.participant(
        role, std::move(address), role == ParticipantRole::from ? std::string(trim(name)) : "");
    if (!participant) return std::unexpected(participant.error());
    email.participants.push_back(std::move(*participant));
  }
  return {};
}

}  // namespace

Result<void> import_email_messages(SalesforceImport& import, CsvReader& reader,
                                   ObjectCounts& counts) {
  auto& context = import.context;
  auto columns = context.resolve(
      reader,
      {"RelatedToId", "Subject", "TextBody", "HtmlBody", "FromName", "FromAddress", "ToAddress",
       "CcAddress", "BccAddress", "Incoming", "MessageDate", "CreatedDate", "ThreadIdentifier",
       "MessageIdentifier", "CreatedById", "IsDeleted", "AccountId", "OwnerId"},
      {"Id"});
  if (!all_present(columns, {"Id"})) return {};
  AddressBook book(context.records());
  long long copies_removed = 0;
  auto read = context.for_each_row(reader, counts, [&](const CsvRecord& record, auto& problems)
                                                       -> Result<bool> {
    FieldReader fields(record, counts.file, problems, context.implausible_dates());
    if (is_deleted(fields, columns["IsDeleted"])) return ++counts.deleted, true;
    Interaction email;
    email.id = fields.identifier(columns["Id"]);
    email.kind = InteractionKind::email;
    email.source_object = "EmailMessage";
    email.subject = std::string(trim(fields.text(columns["Subject"])));
    email.body = std::string(fields.text(columns["TextBody"]));
    if (email.body.empty()) email.body = text_of_html(fields.text(columns["HtmlBody"]));
    email.message_id = message_id_without_brackets(fields.text(columns["MessageIdentifier"]));
    email.thread_id = std::string(trim(fields.text(columns["ThreadIdentifier"])));
    auto related = fields.reference(columns["RelatedToId"]);
    if (related && is_account_id(*related)) email.account_id = related;
    email.owner_id = fields.reference(columns["CreatedById"]);
    auto sent = fields.timestamp(columns["MessageDate"], Requirement::optional);
    auto created = fields.timestamp(columns["CreatedDate"], Requirement::optional);
    auto incoming = fields.boolean(columns["Incoming"]);
    if (!sent && !created && fields.ok())
      fields.fault(columns["MessageDate"], "the message has no time (MessageDate and CreatedDate are empty)");
    if (!fields.ok()) return false;
    email.occurred_at = sent ? *sent : *created;
    for (auto [role, column] : {std::pair{ParticipantRole::from, "FromAddress"},
                                {ParticipantRole::to, "ToAddress"},
                                {ParticipantRole::cc, "CcAddress"},
                                {ParticipantRole::bcc, "BccAddress"}}) {
      auto added = add_email_participants(book, email, role, fields.text(columns[column]),
                                          fields.text(columns["FromName"]));
      if (!added) return std::unexpected(added.error());
    }
    email.direction = classify_email(incoming, email.participants, context.settings());
    if (auto linked = link_to_named_opportunity(context, email, related); !linked)
      return std::unexpected(linked.error());
    email.source_id = email.id;
    auto written =
        write_record(context, fields, counts, email,
                     {{&columns["RelatedToId"], RecordKind::opportunity, crm_opportunity(email)},
                      {&columns["RelatedToId"], RecordKind::account, email.account_id},
                      {&columns["CreatedById"], RecordKind::user, email.owner_id}});
    if (!written || !*written || email.message_id.empty()) return written;
    auto removed = remove_captured_copies(context.records(), email.message_id);
    if (!removed) return std::unexpected(removed.error());
    copies_removed += *removed;
    return true;
  });
  if (read && copies_removed > 0)
    context.warn(fmt::format(
        "{} e-mail{} read from a mailbox {} also in EmailMessage.csv (the same Message-ID): kept "
        "once, as the CRM's record",
        copies_removed, copies_removed == 1 ? "" : "s", copies_removed == 1 ? "is" : "are"));
  return read;
}

}  // namespace rearview::importing
