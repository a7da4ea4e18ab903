#include "activities.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <span>

#include "calendar.h"
#include "call_script.h"
#include "rearview/core/stable_hash.h"
#include "ids.h"
#include "messages.h"
#include "random.h"
#include "slug.h"
#include "stages.h"

namespace rearview::generate {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Deleted rows are rare in real exports; one in this many tasks is one.
constexpr long long kDeletedTaskEvery = 2000;
constexpr long long kDeletedTaskPhase = 7;

enum class Episode { email_thread, call, note, internal_thread, meeting };
constexpr Episode kEpisodes[] = {Episode::email_thread, Episode::call, Episode::note,
                                 Episode::internal_thread, Episode::meeting};
constexpr int kEpisodeWeights[] = {48, 19, 12, 10, 11};

// Replies in a thread: engaged buyers answer more than ones who will walk.
constexpr int kRepliesWhenWinning[] = {20, 35, 27, 12, 6};
constexpr int kRepliesOtherwise[] = {38, 35, 17, 7, 3};

constexpr std::string_view kLocations[] = {"Zoom",        "Zoom",  "Microsoft Teams",
                                           "Google Meet", "Phone", "On-site"};
constexpr long long kMeetingMinutes[] = {30, 30, 45, 60, 60, 90};

using Party = MailParty;

// The mailbox's hard cases, per thread (docs/matching.md names them).
constexpr double kPersonalAddressReply = 0.08;  // per reply from the buyer
constexpr double kForwardWithoutReferences = 0.05;
constexpr double kNewPersonWrites = 0.03;  // per thread: someone the CRM does not know yet
constexpr double kCopied = 0.02;           // per message: also in a second folder
constexpr double kDamaged = 0.004;         // per thread: a copy without its Date header
constexpr double kPartnerCopied = 0.04;    // per thread: the deal's partner consultant in Cc
constexpr double kPartnerOnly = 0.02;      // per thread: the rep and the partner alone
constexpr double kRenewalNote = 0.3;       // per won deal: the buyer writes about renewing
constexpr std::string_view kFreeMailDomains[] = {"gmail.com", "outlook.com", "yahoo.com"};
const Party kSignatureService{"E-Sign Service", "no-reply@e-sign.example"};

// The calendar's hard cases, per meeting.
constexpr double kCancelledMeeting = 0.04;
constexpr double kRescheduledMeeting = 0.06;
constexpr double kPrepMeeting = 0.3;  // per technical meeting: our people prepare the day before
constexpr double kMovedOccurrence = 0.3;  // per sync series


struct EmailDraft {
  Timestamp at;
  std::string subject;
  std::string body;
  const Party* from = nullptr;
  std::vector<const Party*> to;
  std::vector<const Party*> cc;
  bool incoming = false;
  const SalesUser* created_by = nullptr;
  MailCase mail_case = MailCase::ordinary;
  bool references_dropped = false;  // a forward whose client left out References
};

struct TaskDraft {
  Timestamp at;
  std::string who_id;
  std::string subject;
  std::string description;
  bool is_call = false;
  bool inbound = false;
  long long duration_seconds = 0;
};

std::string join_addresses(const std::vector<const Party*>& parties) {
  std::string joined;
  for (const Party* party : parties) {
    if (!joined.empty()) joined.append("; ");
    joined.append(party->address);
  }
  return joined;
}

std::string_view domain_of(std::string_view address) {
  return address.substr(address.find('@') + 1);
}

Party party_of(const SalesUser& user) { return {user.name, user.email}; }

class ActivityWriter {
 public:
  ActivityWriter(const Deal& deal, const DealFacts& facts, std::uint64_t seed,
                 ActivityOutputs& outputs, ActivityLedger& ledger)
      : deal_(deal),
        facts_(facts),
        seed_(seed),
        random_(Random::for_item(seed, Stream::activities, std::uint64_t(deal.number))),
        mail_random_(Random::for_item(seed, Stream::mail, std::uint64_t(deal.number))),
        calendar_random_(Random::for_item(seed, Stream::calendar, std::uint64_t(deal.number))),
        call_random_(Random::for_item(seed, Stream::calls, std::uint64_t(deal.number))),
        files_(outputs.files),
        mailbox_(outputs.mailbox),
        calendar_(outputs.calendar),
        recordings_(outputs.recordings),
        concurrent_(outputs.concurrent),
        crm_activities_(outputs.crm_activities),
        ledger_(ledger),
        rep_(party_of(*deal.owner)),
        manager_(party_of(*deal.manager)),
        engineer_(party_of(*deal.engineer)),
        amount_(format_dollars(deal.history.back().amount)),
        seats_(fmt::format("{}", 25 * random_.between(2, 40))),
        competitor_(deal.competitor.empty() ? "another vendor" : deal.competitor) {
    for (const DealContact& contact : deal.contacts) {
      const BuyerContact& buyer = deal.account->contacts[std::size_t(contact.contact)];
      buyers_.push_back({contact_name(buyer), contact_email(*deal.account, buyer)});
    }
    winning_ = facts.outcome == Outcome::won;
    if (outputs.partners && !outputs.partners->empty()) {
      const CustomerAccount& partner =
          (*outputs.partners)[std::size_t(deal.number) % outputs.partners->size()];
      partner_ = Party{contact_name(partner.contacts.front()),
                       contact_email(partner, partner.contacts.front())};
    }
  }

  void write() {
    for (std::size_t index = 0; index < deal_.phases.size(); ++index) {
      const Phase& phase = deal_.phases[index];
      if (phase.buyer_engaged) {
        engaged_phase(phase, index == 0);
      } else {
        quiet_phase(phase);
      }
    }
    stage_meetings();
    sync_meetings();
    closing_messages();
  }

 private:
  // --- The shape of the deal's conversation.

  void engaged_phase(const Phase& phase, bool first) {
    if (first && deal_.first_touch_before_creation)
      email_thread(phase.from, Topic::introduction, false, phase.to);
    const Timestamp from = std::max(phase.from, deal_.created_at);
    if (from >= phase.to) return;
    const double span_days = days_between(from, phase.to);
    const double cadence_days = winning_ ? 10.0 : 8.0;
    const long long episodes = std::clamp<long long>(
        std::llround(span_days / cadence_days * random_.uniform(0.7, 1.3)), 1, 40);
    for (long long count = 0; count < episodes; ++count) {
      auto at = working_time_within(random_, days_after(from, random_.uniform() * span_days), from,
                                    phase.to);
      if (!at) continue;
      episode(kEpisodes[random_.weighted(kEpisodeWeights)], *at, phase.to);
    }
  }

  void episode(Episode kind, Timestamp at, Timestamp limit) {
    const Topic topic = topic_for_stage(stage_at(at));
    switch (kind) {
      case Episode::email_thread:
        email_thread(at, topic, random_.chance(0.35), limit);
        break;
      case Episode::call:
        call(at, topic);
        break;
      case Episode::note:
        note(at, topic);
        break;
      case Episode::internal_thread:
        internal_thread(at, limit);
        break;
      case Episode::meeting:
        meeting(at, topic, limit);
        break;
    }
  }

  // The buyer has gone silent: a few unanswered follow-ups and voicemails.
  void quiet_phase(const Phase& phase) {
    const long long follow_ups = random_.between(1, 3);
    const double span_days = days_between(phase.from, phase.to);
    for (long long index = 0; index < follow_ups; ++index) {
      const double offset = (double(index) + random_.uniform(0.2, 0.9)) / double(follow_ups);
      auto at = working_time_within(random_, days_after(phase.from, offset * span_days), phase.from,
                                    phase.to);
      if (!at) continue;
      if (random_.chance(0.7)) {
        email_thread(*at, Topic::follow_up, false, *at);
      } else {
        voicemail(*at);
      }
    }
  }

  // Stage changes come with a meeting: discovery call, demo, security
  // review, proposal walkthrough, contract call.
  void stage_meetings() {
    const HistoryRow* previous = nullptr;
    for (const HistoryRow& row : deal_.history) {
      const bool entered = !previous || row.stage != previous->stage;
      previous = &row;
      if (!entered || is_closed(row.stage) || row.stage == kProspecting) continue;
      if (!random_.chance(winning_ ? 0.5 : 0.35)) continue;
      const Timestamp at = working_time(random_, day_of(row.at) + days{random_.between(1, 6)});
      if (buyer_engaged_at(at)) meeting(at, topic_for_stage(row.stage), active_until());
    }
  }

  // Deals that are going well meet every other week until they close.
  void sync_meetings() {
    const bool late_open = facts_.outcome == Outcome::open && facts_.stage >= kValueProposition;
    if (!winning_ && !(late_open && random_.chance(0.5))) return;
    auto from = first_entry_at_or_after(kValueProposition);
    if (!from) return;
    for (Timestamp at = *from + days{random_.between(5, 12)}; at < active_until();
         at += days{random_.between(14, 21)}) {
      const Timestamp start = working_time(random_, day_of(at));
      if (buyer_engaged_at(start)) meeting(start, Topic::sync, active_until(), false);
    }
    if (calendar_) sync_series(*from);
  }

  // In a calendar the sync is one series: every other week on the same
  // local clock until the deal closes, the weeks the buyer was away taken
  // out, one occurrence perhaps moved a day.
  void sync_series(Timestamp from) {
    const Timestamp until = std::min(active_until(), kExportTime);
    MeetingSeries series{.first = calendar_draft(
                             working_time(calendar_random_,
                                          day_of(from + days{calendar_random_.between(5, 12)})),
                             30, fmt::format("Biweekly sync: {} and us", deal_.account->name), "",
                             "Zoom", *deal_.owner, {&buyers_[0]}),
                         .until = until};
    std::vector<Timestamp> starts = MeetingCalendar::occurrences(series);
    if (starts.empty()) return;
    for (Timestamp at : starts)
      if (!buyer_engaged_at(at)) series.skipped.push_back(at);
    if (starts.size() > 2 && calendar_random_.chance(kMovedOccurrence)) {
      Timestamp moved = starts[std::size_t(calendar_random_.between(1, long(starts.size()) - 2))];
      if (buyer_engaged_at(moved)) series.moved = moved;
    }
    for (Timestamp at : starts) {
      Timestamp held = series.moved && *series.moved == at ? at + days{1} : at;
      series.expected.push_back(on_concurrent_deal(held, 0, nullptr) ? "review" : "link");
    }
    calendar_->write_series(series, deal_.id);
    ledger_.meetings += long(starts.size() - series.skipped.size());
  }

  MeetingDraft calendar_draft(Timestamp start, long long length, std::string summary,
                              std::string description, std::string location,
                              const SalesUser& organizer, std::vector<const Party*> attendees) {
    const long long number = ++ledger_.calendar_uids;
    MeetingDraft draft{.uid = fmt::format("{:016x}.{}@{}", mix64(~seed_ ^ std::uint64_t(number)),
                                          number, domain_of(organizer.email)),
                       .start = start,
                       .minutes = length,
                       .summary = std::move(summary),
                       .description = std::move(description),
                       .location = std::move(location),
                       .organizer = party_of(organizer),
                       .zone = calendar_zone_of(organizer.time_zone, stable_hash(organizer.id))};
    for (const Party* party : attendees) draft.attendees.push_back(*party);
    return draft;
  }

  // One meeting of the deal in the calendar, perhaps cancelled or moved, and
  // perhaps prepared by our own people the day before.
  void calendar_meeting(const MeetingDraft& draft, std::size_t buyer,
                        std::optional<std::size_t> colleague, bool technical, Timestamp limit) {
    const Party* other = colleague ? &buyers_[*colleague] : nullptr;
    ++ledger_.meetings;
    if (on_concurrent_deal(draft.start, buyer, other)) {
      calendar_->write(draft, deal_.id, MeetingCase::contact_on_concurrent_deals, technical);
    } else if (calendar_random_.chance(kCancelledMeeting)) {
      calendar_->write_cancelled(draft, deal_.id);
      --ledger_.meetings;
    } else if (Timestamp moved = draft.start + days{1};
               calendar_random_.chance(kRescheduledMeeting) &&
               moved + minutes{draft.minutes} < std::min(limit, kExportTime)) {
      calendar_->write_rescheduled(draft, moved, deal_.id,
                                   on_concurrent_deal(moved, buyer, other) ? "review" : "link");
    } else {
      calendar_->write(draft, deal_.id, MeetingCase::ordinary, technical);
    }
    if (technical && calendar_random_.chance(kPrepMeeting)) {
      MeetingDraft prep = calendar_draft(draft.start - days{1}, 30, "Prep: " + draft.summary, "",
                                         "Zoom", *deal_.owner, {&engineer_});
      calendar_->write(prep, deal_.id, MeetingCase::internal, false);
    }
  }

  void closing_messages() {
    if (!facts_.closed_at) return;
    const Timestamp closed = *facts_.closed_at;
    if (facts_.outcome == Outcome::won) {
      email_thread(closed - minutes{random_.between(60, 20 * 60)}, Topic::signing, true, closed);
      if (mailbox_) signature_notice(closed);
      if (mailbox_ && mail_random_.chance(kRenewalNote)) renewal_note(closed);
      return;
    }
    const bool explains = deal_.loss_reason != "Went Dark" && deal_.loss_reason != "No Decision";
    if (explains && random_.chance(0.4))
      email_thread(closed - minutes{random_.between(60, 30 * 60)}, Topic::decision, true, closed,
                   true);
  }

  // --- Episodes.

  void email_thread(Timestamp start, Topic topic, bool buyer_starts, Timestamp limit,
                    bool final_word = false) {
    if (start < deal_.phases.front().from) return;
    const std::size_t buyer = pick_buyer(start);
    const Party* colleague = nullptr;
    if (auto other = other_buyer(start, buyer); other && random_.chance(0.3))
      colleague = &buyers_[*other];
    const Party* engineer = random_.chance(0.15) ? &engineer_ : nullptr;
    const std::string subject = email_subject(random_, topic, context());
    const std::size_t replies =
        final_word || topic == Topic::follow_up
            ? 0
            : random_.weighted(winning_ ? std::span<const int>(kRepliesWhenWinning)
                                        : std::span<const int>(kRepliesOtherwise));
    std::vector<std::string> thread;
    Timestamp at = start;
    bool from_buyer = buyer_starts;
    EmailDraft first;
    const bool concurrent = on_concurrent_deal(start, buyer, colleague);
    const Party* partner =
        mailbox_ && partner_ && mail_random_.chance(kPartnerCopied) ? &*partner_ : nullptr;
    for (std::size_t index = 0; index <= replies; ++index) {
      if (index > 0)
        at += seconds(
            std::clamp<long long>(std::llround(random_.lognormal(5 * 3600, 1.0)), 600, 4 * 86400));
      if (at > limit || at > kExportTime) return;
      if (from_buyer && !final_word && !buyer_engaged_at(at)) return;
      EmailDraft draft;
      draft.at = at;
      draft.subject = index == 0 ? subject : "Re: " + subject;
      draft.incoming = from_buyer;
      draft.created_by = deal_.owner;
      const Party& buyer_party = buyers_[buyer];
      draft.from = from_buyer ? &buyer_party : &rep_;
      draft.to = {from_buyer ? &rep_ : &buyer_party};
      if (colleague) draft.cc.push_back(colleague);
      if (engineer) draft.cc.push_back(engineer);
      if (partner) {
        draft.cc.push_back(partner);
        draft.mail_case = MailCase::partner_copied;
      }
      draft.body = from_buyer ? body_from_buyer(topic, buyer) : body_from_rep(topic, buyer);
      if (mailbox_ && from_buyer && index > 0 && mail_random_.chance(kPersonalAddressReply)) {
        draft.from = &personal_address_of(buyer);
        draft.mail_case = MailCase::personal_address_reply;
      }
      if (concurrent) draft.mail_case = MailCase::contact_on_concurrent_deals;
      write_email(draft, thread);
      if (index == 0) first = draft;
      from_buyer = !from_buyer;
    }
    if (!mailbox_) return;
    if (colleague && mail_random_.chance(kForwardWithoutReferences))
      forward(first, buyers_[buyer], *colleague, at, limit, concurrent);
    if (mail_random_.chance(kNewPersonWrites)) new_person_writes(at, limit, topic);
    if (partner_ && mail_random_.chance(kPartnerOnly)) partner_thread(at, limit);
    if (mail_random_.chance(kDamaged)) damaged_copy(first);
  }

  // Someone at the account the CRM has no contact for writes to the rep: only
  // the domain says whose deal it is, and only while no other deal of the
  // account is alive.
  void new_person_writes(Timestamp after, Timestamp limit, Topic topic) {
    const std::string& domain = deal_.account->domains.front();
    const std::string first = std::string(mail_random_.pick(kFirstNames));
    const std::string last = std::string(mail_random_.pick(kLastNames));
    Party person{first + " " + last,
                 fmt::format("{}.{}@{}", ascii_slug(first), ascii_slug(last), domain)};
    for (const Party& known : buyers_)
      if (known.address == person.address) return;
    for (const BuyerContact& contact : deal_.account->contacts)
      if (contact_email(*deal_.account, contact) == person.address) return;
    EmailDraft draft;
    draft.at = after + minutes{mail_random_.between(60, 72 * 60)};
    if (draft.at > limit || draft.at > kExportTime || !buyer_engaged_at(draft.at)) return;
    draft.subject = email_subject(mail_random_, topic, context(mail_random_));
    draft.from = &person;
    draft.to = {&rep_};
    draft.incoming = true;
    draft.created_by = deal_.owner;
    draft.body = fmt::format("Hi {},\n\n{} asked me to get in touch about this; I look after it on "
                             "our side from now on.\n\nBest,\n{}",
                             deal_.owner->first_name, buyers_[0].name, person.name);
    draft.mail_case = MailCase::new_contact_not_in_crm;
    std::vector<std::string> thread;
    write_email(draft, thread);
  }

  // The rep and the partner's consultant agree on their joint approach to
  // the deal: nobody of the buyer's takes part, so nothing says which
  // account it is about (a partner works for many).
  void partner_thread(Timestamp after, Timestamp limit) {
    std::vector<std::string> thread;
    Timestamp at = after + minutes{mail_random_.between(60, 48 * 60)};
    const std::string subject = "Joint approach for the next workshop";
    for (int index = 0; index < 2; ++index, at += minutes{mail_random_.between(30, 24 * 60)}) {
      if (at > limit || at > kExportTime) return;
      const bool from_rep = index == 0;
      EmailDraft draft;
      draft.at = at;
      draft.subject = from_rep ? subject : "Re: " + subject;
      draft.from = from_rep ? &rep_ : &*partner_;
      draft.to = {from_rep ? &*partner_ : &rep_};
      draft.incoming = !from_rep;
      draft.created_by = deal_.owner;
      draft.body = from_rep ? fmt::format("Hi {},\n\nCould you prepare the integration part for "
                                          "the workshop? I will take the commercial side.\n\n{}",
                                          partner_->name, rep_.name)
                            : fmt::format("Sure, I will send the slides tomorrow.\n\n{}",
                                          partner_->name);
      draft.mail_case = MailCase::partner_only;
      write_email(draft, thread);
    }
  }

  // Weeks after a won deal closed, the buyer writes about renewing: no deal
  // is open then (none is alive around that time, or the mail is not
  // written), so it belongs to none until someone opens the renewal.
  void renewal_note(Timestamp closed) {
    EmailDraft draft;
    draft.at = working_time(mail_random_, day_of(closed) + days{mail_random_.between(45, 120)});
    if (draft.at > kExportTime) return;
    // Clear of other deals by a margin: matching's window ends on days, lives on times.
    if (concurrent_)
      for (int shift : {-7, 0, 7})
        if (concurrent_->another_alive(deal_, draft.at + days{shift})) return;
    draft.subject = fmt::format("Renewal of our {} subscription", deal_.account->name);
    draft.from = &buyers_[0];
    draft.to = {&rep_};
    draft.incoming = true;
    draft.created_by = deal_.owner;
    draft.body = fmt::format("Hi {},\n\nOur renewal comes up next quarter. Could you send us the "
                             "terms for another year?\n\nThanks,\n{}",
                             deal_.owner->first_name, buyers_[0].name);
    draft.mail_case = MailCase::renewal_after_close;
    std::vector<std::string> thread;
    write_email(draft, thread);
  }

  // The thread's first message once more, as a broken client saved it: no
  // Date header. The import reports it and skips it.
  void damaged_copy(const EmailDraft& original) {
    const long long number = ++ledger_.email_ids;
    MailDraft mail{.at = original.at,
                   .message_id = fmt::format("<damaged.{:016x}.{}@{}>",
                                             mix64(seed_ ^ std::uint64_t(number)), number,
                                             domain_of(original.from->address)),
                   .subject = original.subject,
                   .body = original.body,
                   .from = *original.from};
    for (const Party* party : original.to) mail.to.push_back(*party);
    mailbox_->write_damaged(mail, deal_.id);
  }

  // The buyer passes the thread's first message on to a colleague; the mail
  // client starts a new thread without References.
  void forward(const EmailDraft& original, const Party& buyer, const Party& colleague,
               Timestamp after, Timestamp limit, bool concurrent) {
    EmailDraft draft;
    draft.at = after + minutes{mail_random_.between(30, 48 * 60)};
    if (draft.at > limit || draft.at > kExportTime || !buyer_engaged_at(draft.at)) return;
    draft.subject = "Fwd: " + original.subject;
    draft.from = &buyer;
    draft.to = {&colleague};
    draft.cc = {&rep_};
    draft.incoming = true;
    draft.created_by = deal_.owner;
    draft.body = fmt::format("Passing this on, see below.\n\n---------- Forwarded message ----------\n"
                             "From: {} <{}>\nSubject: {}\n\n{}",
                             original.from->name, original.from->address, original.subject,
                             original.body);
    draft.mail_case =
        concurrent ? MailCase::contact_on_concurrent_deals : MailCase::forward_without_references;
    draft.references_dropped = true;
    std::vector<std::string> thread;
    write_email(draft, thread);
  }

  // Our own people talking about the deal; no buyer involved.
  void internal_thread(Timestamp start, Timestamp limit) {
    const bool with_engineer = random_.chance(0.4);
    MessageContext rep_voice = context();
    rep_voice.recipient_first_name = deal_.manager->first_name;
    rep_voice.sender_name = deal_.owner->name;
    const std::string subject = email_subject(random_, Topic::internal, rep_voice);
    std::vector<std::string> thread;
    Timestamp at = start;
    const long long replies = random_.between(0, 2);
    for (long long index = 0; index <= replies && at <= limit && at <= kExportTime; ++index) {
      const bool from_rep = index % 2 == 0;
      EmailDraft draft;
      draft.at = at;
      draft.subject = index == 0 ? subject : "Re: " + subject;
      draft.from = from_rep ? &rep_ : &manager_;
      draft.to = {from_rep ? &manager_ : &rep_};
      if (with_engineer) draft.cc.push_back(&engineer_);
      draft.created_by = from_rep ? deal_.owner : deal_.manager;
      draft.mail_case = MailCase::internal;
      MessageContext voice = context();
      voice.recipient_first_name = from_rep ? deal_.manager->first_name : deal_.owner->first_name;
      voice.sender_name = from_rep ? deal_.owner->name : deal_.manager->name;
      draft.body =
          email_body(random_, Topic::internal, from_rep ? Voice::colleague : Voice::manager, voice);
      write_email(draft, thread);
      at += minutes{random_.between(20, 36 * 60)};
    }
  }

  void call(Timestamp at, Topic topic) {
    const std::size_t buyer = pick_buyer(at);
    TaskDraft task;
    task.at = at;
    task.who_id = contact_id_of(buyer);
    task.is_call = true;
    task.inbound = random_.chance(0.25);
    task.subject = call_subject(random_, topic, buyers_[buyer].name, task.inbound);
    task.duration_seconds =
        std::clamp<long long>(std::llround(random_.lognormal(900, 0.6)), 60, 5400);
    if (random_.chance(0.7)) {
      MessageContext about = context();
      about.recipient_first_name = first_name_of(buyer);
      task.description = call_description(random_, about);
    }
    if (recordings_) return record_call(task, buyer);
    write_task(task);
  }

  // The call as the recorder has it, and now and then our own review of the
  // deal the same day.
  void record_call(const TaskDraft& task, std::size_t buyer) {
    if (task.at + std::chrono::seconds{task.duration_seconds} > kExportTime) return;
    std::vector<const Party*> buyers = {&buyers_[buyer]};
    const std::size_t other = call_random_.below(deal_.contacts.size());
    const bool colleague = other != buyer && deal_.contacts[other].joins_at <= task.at &&
                           call_random_.chance(0.3);
    if (colleague) buyers.push_back(&buyers_[other]);
    CallCase call_case = CallCase::ordinary;
    if (on_concurrent_deal(task.at, buyer, colleague ? &buyers_[other] : nullptr))
      call_case = CallCase::contact_on_concurrent_deals;
    else if (call_random_.chance(0.04))
      call_case = CallCase::duplicate;
    else if (call_random_.chance(0.03))
      call_case = CallCase::damaged_cue;
    // A dialer knows who called; a meeting recorder does not say.
    record(task.at, task.duration_seconds, task.subject, buyers, call_case,
           call_random_.chance(0.6) ? (task.inbound ? "inbound" : "outbound") : "");
    ++ledger_.calls;
    if (call_random_.chance(0.05) && task.at + hours{3} < kExportTime)
      record(task.at + hours{2}, call_random_.between(300, 900),
             fmt::format("Deal review: {}", deal_.account->name), {&manager_}, CallCase::internal,
             "");
  }

  void record(Timestamp at, long long duration_seconds, std::string title,
              const std::vector<const Party*>& others, CallCase call_case,
              std::string_view direction) {
    const long long number = ++ledger_.recording_ids;
    CallDraft call{.id = fmt::format("rec-{:012x}-{}", mix64(seed_ ^ (std::uint64_t(number) << 1)) >> 16,
                                     number),
                   .title = std::move(title),
                   .start = at,
                   .zone = std::string(deal_.owner->time_zone),
                   .direction = std::string(direction)};
    call.speakers.push_back({rep_, true});
    for (const Party* party : others)
      call.speakers.push_back({*party, party == &manager_});
    const double styles = call_random_.uniform();
    call.style = styles < 0.4 ? TranscriptStyle::zoom
                 : styles < 0.75 || call_case == CallCase::duplicate ? TranscriptStyle::teams
                                                                      : TranscriptStyle::subrip;
    MessageContext about = context(call_random_);
    const std::string& other_name = others.front()->name;
    about.recipient_first_name = std::string_view(other_name).substr(0, other_name.find(' '));
    script_call(call_random_, call, duration_seconds, !winning_, about);
    recordings_->write(call, deal_.id, call_case);
  }

  void voicemail(Timestamp at) {
    const std::size_t buyer = pick_buyer(at);
    TaskDraft task;
    task.at = at;
    task.who_id = contact_id_of(buyer);
    task.is_call = true;
    task.subject = fmt::format("Call with {}", buyers_[buyer].name);
    task.description = fmt::format("Left voicemail for {}.", first_name_of(buyer));
    task.duration_seconds = random_.between(15, 60);
    write_task(task);
  }

  void note(Timestamp at, Topic topic) {
    TaskDraft task;
    task.at = at;
    const std::size_t buyer = pick_buyer(at);
    if (random_.chance(0.3)) task.who_id = contact_id_of(buyer);
    task.subject = note_subject(random_, topic);
    MessageContext about = context();
    about.recipient_first_name = first_name_of(buyer);
    task.description = note_description(random_, about);
    write_task(task);
  }

  // `in_calendar`: false for the sync meetings, a series in a calendar.
  void meeting(Timestamp start, Topic topic, Timestamp limit, bool in_calendar = true) {
    const long long length = random_.pick(kMeetingMinutes);
    if (start + minutes{length} > std::min(limit, kExportTime)) return;
    const std::size_t buyer = pick_buyer(start);
    const bool technical = topic == Topic::demo || topic == Topic::security;
    const SalesUser& owner = technical && random_.chance(0.4) ? *deal_.engineer : *deal_.owner;

    std::string attendees = buyers_[buyer].name;
    std::optional<std::size_t> colleague;
    if (auto other = other_buyer(start, buyer); other && random_.chance(0.5)) {
      attendees += "; " + buyers_[*other].name;
      colleague = other;
    }
    attendees += "; " + deal_.owner->name;
    if (technical) attendees += "; " + deal_.engineer->name;

    std::string location(random_.pick(kLocations));
    if (location == "On-site")
      location =
          fmt::format("On-site: {}", random_.pick(kCountries[deal_.account->country].cities));
    const Timestamp booked =
        std::max(deal_.phases.front().from, start - minutes{random_.between(60, 7 * 24 * 60)});
    const std::string subject = meeting_subject(random_, topic, context());
    const std::string description = meeting_description(random_, topic, attendees);
    if (calendar_) {
      if (!in_calendar) return;
      std::vector<const Party*> people = {&buyers_[buyer]};
      if (colleague) people.push_back(&buyers_[*colleague]);
      if (&owner == deal_.engineer) people.push_back(&rep_);
      else if (technical) people.push_back(&engineer_);
      calendar_meeting(calendar_draft(start, length, subject, description, location, owner,
                                      std::move(people)),
                       buyer, colleague, technical, limit);
      return;
    }
    if (!crm_activities_) return;

    CsvFile& file = files_.events;
    file.text(salesforce_id(key_prefix::kEvent, ++ledger_.event_ids)).flag(false);
    file.text(contact_id_of(buyer)).text(deal_.id).text(deal_.account->id).text(owner.id);
    file.text(subject).text(description).text(location);
    file.timestamp(start).timestamp(start + minutes{length}).number(length).timestamp(start);
    file.flag(false).text("Meeting").timestamp(std::min(booked, start));
    file.end_row();
    ++ledger_.meetings;
  }

  // The e-signature service tells both sides the order form is signed: a
  // machine's message, which names the deal but must not be matched by its
  // participants.
  void signature_notice(Timestamp closed) {
    EmailDraft draft;
    draft.at = closed + minutes{mail_random_.between(1, 20)};
    if (draft.at > kExportTime) return;
    draft.subject = fmt::format("Completed: {} order form", deal_.account->name);
    draft.from = &kSignatureService;
    draft.to = {&rep_, &buyers_[0]};
    draft.incoming = true;
    draft.created_by = deal_.owner;
    draft.body = fmt::format("All parties have signed the {} order form.\n\nThis is an automated "
                             "message; replies are not read.",
                             deal_.account->name);
    draft.mail_case = MailCase::automated;
    std::vector<std::string> thread;
    write_email(draft, thread);
  }

  // --- Rows.

  void write_email(const EmailDraft& draft, std::vector<std::string>& thread) {
    const long long number = ++ledger_.email_ids;
    const std::string message = fmt::format("<{:016x}.{}@{}>", mix64(seed_ ^ std::uint64_t(number)),
                                            number, domain_of(draft.from->address));
    ++ledger_.emails;
    if (mailbox_) {
      write_message(draft, message, thread);
      thread.push_back(message);
      return;
    }
    if (thread.empty()) thread.push_back(message);
    CsvFile& file = files_.emails;
    file.text(salesforce_id(key_prefix::kEmailMessage, number)).flag(false).text(deal_.id);
    file.empty().empty().text(draft.subject).text(draft.body).empty();
    file.text(draft.from->name).text(draft.from->address);
    file.text(join_addresses(draft.to)).text(join_addresses(draft.cc)).empty();
    file.flag(draft.incoming).timestamp(draft.at).text(draft.incoming ? "1" : "3");
    file.text(thread.front()).text(message).timestamp(draft.at).text(draft.created_by->id);
    file.end_row();
  }

  void write_message(const EmailDraft& draft, const std::string& message_id,
                     const std::vector<std::string>& thread) {
    MailDraft mail{.at = draft.at,
                   .message_id = message_id,
                   .subject = draft.subject,
                   .body = draft.body,
                   .from = *draft.from,
                   .automated = draft.mail_case == MailCase::automated};
    // Clients keep the first and the latest few of a long thread.
    constexpr std::size_t kKeptReferences = 10;
    if (!draft.references_dropped)
      for (std::size_t index = 0; index < thread.size(); ++index)
        if (index == 0 || index + kKeptReferences > thread.size())
          mail.references.push_back(thread[index]);
    for (const Party* party : draft.to) mail.to.push_back(*party);
    for (const Party* party : draft.cc) mail.cc.push_back(*party);
    std::string_view expected;
    if (draft.mail_case == MailCase::new_contact_not_in_crm && concurrent_ &&
        concurrent_->another_alive(deal_, draft.at))
      expected = "review";
    mailbox_->write(mail, deal_.id, draft.mail_case, expected);
    if (draft.mail_case != MailCase::automated && mail_random_.chance(kCopied))
      mailbox_->write_copy(mail);
  }

  void write_task(const TaskDraft& task) {
    if (!crm_activities_) return;
    write_task_row(task, false);
    ++(task.is_call ? ledger_.calls : ledger_.notes);
    if (ledger_.task_ids % kDeletedTaskEvery == kDeletedTaskPhase) {
      // A duplicate someone logged and then deleted.
      write_task_row(task, true);
      ++ledger_.deleted_tasks;
    }
  }

  void write_task_row(const TaskDraft& task, bool deleted) {
    CsvFile& file = files_.tasks;
    file.text(salesforce_id(key_prefix::kTask, ++ledger_.task_ids)).flag(deleted);
    file.text(task.who_id).text(deal_.id).text(deal_.account->id).text(deal_.owner->id);
    file.text(task.subject).text(task.description).date(day_of(task.at)).timestamp(task.at);
    file.text("Completed").text("Normal");
    if (task.is_call) {
      file.text("Call").text("Call").text(task.inbound ? "Inbound" : "Outbound");
      file.number(task.duration_seconds);
    } else {
      file.text("Other").text("Task").empty().empty();
    }
    file.timestamp(task.at);
    file.end_row();
  }

  // --- Helpers.

  MessageContext context() { return context(random_); }
  // The mailbox's hard cases draw from their own stream (mail_random_).
  MessageContext context(Random& random) {
    MessageContext values;
    values.account = deal_.account->name;
    values.competitor = competitor_;
    values.amount = amount_;
    values.seats = seats_;
    values.weekday = random_weekday(random);
    values.stage = stage_name(facts_.stage);
    return values;
  }

  std::string body_from_rep(Topic topic, std::size_t buyer) {
    MessageContext values = context();
    values.recipient_first_name = first_name_of(buyer);
    values.sender_name = deal_.owner->name;
    values.sender_title = deal_.owner->title;
    values.sender_company = kCompanyName;
    return email_body(random_, topic, Voice::seller, values);
  }

  std::string body_from_buyer(Topic topic, std::size_t buyer) {
    MessageContext values = context();
    values.recipient_first_name = deal_.owner->first_name;
    values.sender_name = buyers_[buyer].name;
    values.sender_title = contact_title(contact_of(buyer)).name;
    values.sender_company = deal_.account->name;
    return email_body(random_, topic, Voice::buyer, values);
  }

  const BuyerContact& contact_of(std::size_t buyer) const {
    return deal_.account->contacts[std::size_t(deal_.contacts[buyer].contact)];
  }
  std::string contact_id_of(std::size_t buyer) const { return contact_id(contact_of(buyer)); }
  std::string_view first_name_of(std::size_t buyer) const {
    return contact_first_name(contact_of(buyer));
  }

  // Mostly the champion; otherwise anyone who has joined by then.
  std::size_t pick_buyer(Timestamp at) {
    if (random_.chance(0.5)) return 0;
    auto joined = [&](const DealContact& contact) { return contact.joins_at <= at; };
    const auto count = std::size_t(std::ranges::count_if(deal_.contacts, joined));
    if (count <= 1) return 0;
    std::size_t wanted = random_.below(count);
    for (std::size_t index = 0; index < deal_.contacts.size(); ++index)
      if (joined(deal_.contacts[index]) && wanted-- == 0) return index;
    return 0;
  }

  // The buyer's own address at a free-mail provider, as people answer from
  // their phones.
  const Party& personal_address_of(std::size_t buyer) {
    auto [known, inserted] = personal_.try_emplace(buyer);
    if (inserted) {
      const BuyerContact& contact = contact_of(buyer);
      known->second = {buyers_[buyer].name,
                       fmt::format("{}.{}{}@{}", ascii_slug(kFirstNames[contact.first_name]),
                                   ascii_slug(kLastNames[contact.last_name]), contact.number % 100,
                                   kFreeMailDomains[contact.number % 3])};
    }
    return known->second;
  }

  // Whether the thread's buyers are on another deal of the account then.
  bool on_concurrent_deal(Timestamp at, std::size_t buyer, const Party* colleague) const {
    if (!concurrent_) return false;
    std::vector<int> people = {deal_.contacts[buyer].contact};
    for (std::size_t index = 0; index < buyers_.size(); ++index)
      if (colleague == &buyers_[index]) people.push_back(deal_.contacts[index].contact);
    return concurrent_->shared(deal_, at, people);
  }

  std::optional<std::size_t> other_buyer(Timestamp at, std::size_t besides) {
    for (std::size_t attempt = 0; attempt < 3; ++attempt) {
      const std::size_t candidate = random_.below(deal_.contacts.size());
      if (candidate != besides && deal_.contacts[candidate].joins_at <= at) return candidate;
    }
    return std::nullopt;
  }

  int stage_at(Timestamp at) const {
    int stage = deal_.history.front().stage;
    for (const HistoryRow& row : deal_.history) {
      if (row.at > at) break;
      stage = row.stage;
    }
    return stage;
  }

  std::optional<Timestamp> first_entry_at_or_after(int stage) const {
    for (const HistoryRow& row : deal_.history)
      if (row.stage >= stage && !is_closed(row.stage)) return row.at;
    return std::nullopt;
  }

  bool buyer_engaged_at(Timestamp at) const {
    return std::ranges::any_of(deal_.phases, [&](const Phase& phase) {
      return phase.buyer_engaged && phase.from <= at && at <= phase.to;
    });
  }

  Timestamp active_until() const { return deal_.phases.back().to; }

  const Deal& deal_;
  const DealFacts& facts_;
  std::uint64_t seed_;
  Random random_;
  Random mail_random_;      // the mailbox's hard cases only
  Random calendar_random_;  // the calendar's only
  Random call_random_;      // the recordings' only
  ExportFiles& files_;
  Mailbox* mailbox_;
  MeetingCalendar* calendar_;
  CallRecordings* recordings_;
  const ConcurrentDeals* concurrent_;
  bool crm_activities_;
  std::map<std::size_t, Party> personal_;  // buyers' free-mail addresses, made when first used
  ActivityLedger& ledger_;
  Party rep_;
  Party manager_;
  Party engineer_;
  std::vector<Party> buyers_;  // parallel to deal_.contacts
  std::optional<Party> partner_;  // a consultant of the partner who works on this deal
  std::string amount_;
  std::string seats_;
  std::string_view competitor_;
  bool winning_ = false;
};

}  // namespace

void write_activities(const Deal& deal, const DealFacts& facts, std::uint64_t seed,
                      ActivityOutputs& outputs, ActivityLedger& ledger) {
  ActivityWriter(deal, facts, seed, outputs, ledger).write();
}

}  // namespace rearview::generate
