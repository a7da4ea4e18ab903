#include "messages.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>

#include "stages.h"
#include "vocabulary.h"

namespace rearview::generate {
namespace {

using Pool = std::span<const std::string_view>;

// --- Templates, per topic. "us" is our side (the rep, or for internal mail
// the rep writing to the manager); "them" is the other side (the buyer, or
// the manager answering).

constexpr std::string_view kIntroductionSubjects[] = {
    "{product} for {account}", "Quick question about data pipelines at {account}",
    "Intro: {company} <> {account}", "Idea for {account}'s data team"};
constexpr std::string_view kIntroductionUs[] = {
    "I'm reaching out because teams like yours at {account} often spend weeks stitching data "
    "pipelines together by hand.",
    "{product} gives data teams one place to build, test and monitor pipelines — without another "
    "tool to babysit.",
    "Companies similar to {account} cut their pipeline incidents by about 40% in the first "
    "quarter.",
    "Would you be open to a 20-minute call on {day} to see if this is relevant?",
    "I noticed {account} is hiring data engineers; that's usually when the \"quick scripts\" "
    "start to hurt.",
};
constexpr std::string_view kIntroductionThem[] = {
    "Thanks for reaching out. Timing is actually decent, we're reviewing our data stack this "
    "quarter.",
    "Happy to take a short call. {day} afternoon works for me.",
    "Can you send over a one-pager first? I'll share it with my team.",
    "We looked at something similar last year, but it didn't stick. What's different here?",
};
constexpr std::string_view kIntroductionMeetings[] = {"Intro call with {first}",
                                                      "Discovery call: {account} / {company}"};

constexpr std::string_view kDiscoverySubjects[] = {
    "Follow-up from our discovery call", "Next steps: {account} and {company}",
    "Notes from today's call", "Questions before our next session"};
constexpr std::string_view kDiscoveryUs[] = {
    "Thanks again for walking me through how your team handles ingestion today.",
    "To recap: you run about {seats} jobs a day, most of them on cron, and failures surface in "
    "Slack hours later.",
    "You mentioned that budget is set for the fiscal year, so it would help to understand who "
    "owns that line item.",
    "As a next step, I'd suggest a tailored demo with your data engineers on {day}.",
    "Could you share who else should be involved in evaluating a tool like this?",
};
constexpr std::string_view kDiscoveryThem[] = {
    "Good summary. One correction: the nightly batch is owned by the finance team, not IT.",
    "I'll check with my manager about budget, but this is on our roadmap for the second half.",
    "Please include a couple of our engineers in the next session, they'll have detailed "
    "questions.",
    "We need SSO and audit logs, that's non-negotiable for us.",
    "{day} works. I'll bring our lead engineer, Jürgen, if that's OK.",
};
constexpr std::string_view kDiscoveryMeetings[] = {"Discovery call: {account} / {company}",
                                                   "Requirements workshop with {account}"};

constexpr std::string_view kDemoSubjects[] = {
    "Demo recording and slides", "Tailored demo for {account}", "Sandbox access for your team",
    "Follow-up questions from the demo"};
constexpr std::string_view kDemoUs[] = {
    "Here is the recording of today's demo along with the slides.",
    "As promised, I've attached the architecture diagram showing how {product} connects to your "
    "warehouse.",
    "Your team asked about lineage; we covered it briefly, and I'd be happy to go deeper on "
    "{day}.",
    "Several people asked about pricing, which depends mostly on the number of pipelines and "
    "seats.",
    "I've set up a sandbox for your team — the login details will arrive in a separate email.",
};
constexpr std::string_view kDemoThem[] = {
    "Thanks, the demo went over well with the team.",
    "Our engineers liked the \"replay failed runs\" feature in particular.",
    "A few questions came up afterwards: how do you handle schema changes, and what happens "
    "during an outage on your side?",
    "Can we get a trial environment for two weeks? We'd like to test it against real data.",
};
constexpr std::string_view kDemoMeetings[] = {"Demo: {product} for {account}",
                                              "Technical deep-dive with the {account} data team"};

constexpr std::string_view kSecuritySubjects[] = {"Security questionnaire and SOC 2 report",
                                                  "DPA for {account}", "SSO & audit log questions",
                                                  "IT review: open items"};
constexpr std::string_view kSecurityUs[] = {
    "Attached are our SOC 2 Type II report and the completed security questionnaire.",
    "Regarding data residency: we can host your workspace in the EU (Frankfurt) if required.",
    "Our security team is available for a call with your IT team on {day}.",
    "SSO via SAML and SCIM provisioning are included in the Enterprise tier.",
};
constexpr std::string_view kSecurityThem[] = {
    "Our security team has a few follow-up questions on encryption at rest and key rotation.",
    "We'll need a signed DPA before any production data touches the platform.",
    "The questionnaire looks good overall, but section 4 (incident response) needs more detail.",
    "IT wants to know whether you support customer-managed keys.",
};
constexpr std::string_view kSecurityMeetings[] = {"Security review with {account} IT",
                                                  "Architecture review"};

constexpr std::string_view kProposalSubjects[] = {
    "Proposal for {account}", "Pricing options for {seats} seats",
    "Updated quote – \"Enterprise\" tier", "ROI model for {account}"};
constexpr std::string_view kProposalUs[] = {
    "Please find attached our proposal for {account}: {seats} seats at {amount} per year.",
    "The quote includes onboarding, premium support and a dedicated success manager.",
    "If we can sign before the end of the quarter, I can hold the current pricing.",
    "Happy to walk your CFO through the ROI model; it shows payback in under nine months.",
};
constexpr std::string_view kProposalThem[] = {
    "Thanks for the proposal. The number is higher than we expected, to be honest.",
    "Can you break out the cost of onboarding separately? Finance will ask.",
    "We're comparing this with {competitor}, and their quote came in lower.",
    "I've forwarded the proposal to our CFO and will get back to you next week.",
};
constexpr std::string_view kProposalMeetings[] = {"Proposal walkthrough with {account}",
                                                  "Pricing review: {account}"};

constexpr std::string_view kNegotiationSubjects[] = {
    "MSA redlines", "Order form and procurement steps", "Contract: open items",
    "Vendor registration for {company}"};
constexpr std::string_view kNegotiationUs[] = {
    "I've attached the MSA with our responses to your legal team's redlines.",
    "We can accept the liability cap you proposed, but not the unlimited indemnity.",
    "Procurement asked for net-60 payment terms; that works on our side.",
    "Could we aim to have the order form signed by {day}?",
};
constexpr std::string_view kNegotiationThem[] = {
    "Legal is reviewing the redlines, we should have comments back by {day}.",
    "Procurement needs a vendor registration form and a W-9 before we can issue a PO.",
    "We're close. The last open item is the auto-renewal clause.",
    "Our CFO approved the budget, pending final contract terms.",
};
constexpr std::string_view kNegotiationMeetings[] = {"Contract review call",
                                                     "Executive alignment: {account} & {company}"};

constexpr std::string_view kSigningSubjects[] = {"Signed order form", "Order form — signed",
                                                 "Kickoff scheduling"};
constexpr std::string_view kSigningUs[] = {
    "Thank you for your trust — we're excited to get started!",
    "I'll introduce you to your onboarding lead later today.",
    "The kickoff is scheduled for {day}; the invite is on its way.",
};
constexpr std::string_view kSigningThem[] = {
    "Signed order form attached.",
    "Please send the invoice to accounts payable, and cc me.",
    "Looking forward to the kickoff, the team is eager to start.",
};
constexpr std::string_view kSigningMeetings[] = {"Kickoff planning with {account}"};

constexpr std::string_view kFollowUpSubjects[] = {"Checking in", "Any update on {product}?",
                                                  "Closing the loop", "Following up"};
constexpr std::string_view kFollowUpUs[] = {
    "I wanted to follow up on my last note about {product}.",
    "Just checking in — is this still a priority for {account} this quarter?",
    "I haven't heard back, so I assume priorities have shifted.",
    "If now isn't the right time, no worries; should I close the file for now?",
    "Happy to send a short summary you can share internally.",
};
constexpr std::string_view kFollowUpMeetings[] = {"Check-in call with {first}"};

constexpr std::string_view kDecisionSubjects[] = {"Decision on {product}", "Our decision",
                                                  "Update from {account}"};
constexpr std::string_view kDecisionThem[] = {
    "Thanks for all your time over the last few weeks.",
    "After a lot of discussion, we've decided to go with {competitor}.",
    "Unfortunately the budget for this project was cut for this year.",
    "We've decided to put the project on hold for now.",
};

constexpr std::string_view kInternalSubjects[] = {
    "Deal review: {account}", "Discount approval: {account}", "SE support for {account}",
    "{account} — risk check"};
constexpr std::string_view kInternalUs[] = {
    "Quick update on {account}: they're in {stage} and the main open question is budget.",
    "I'd like approval for a 15% discount to close {account} this quarter.",
    "Can we get an SE on the technical deep-dive with {account} on {day}?",
    "Risk: our champion is great, but we still haven't met anyone from finance.",
    "They asked for a reference customer in their industry, any ideas?",
};
constexpr std::string_view kInternalThem[] = {
    "What's the plan to get to the economic buyer at {account}?",
    "Approved, but let's ask for a two-year term in exchange.",
    "Let's review {account} in our 1:1 on {day}.",
    "Nice work — keep the momentum going.",
};
constexpr std::string_view kInternalMeetings[] = {"Deal review: {account}"};

constexpr std::string_view kSyncSubjects[] = {"Agenda for our sync", "Mutual action plan — updated",
                                              "Pilot status: {account}"};
constexpr std::string_view kSyncUs[] = {
    "I've updated the mutual action plan; the open items are highlighted.",
    "Agenda for {day}: status of the pilot, open questions, and the timeline to go live.",
    "The pilot is on track: 12 pipelines migrated, two still failing on the legacy connector.",
    "Let me know if anyone else from your side should join.",
};
constexpr std::string_view kSyncThem[] = {
    "Thanks, the plan looks right. We added two items on our side.",
    "Can we push the sync by 30 minutes? I have a conflict.",
    "Quick update: the team finished testing the Snowflake connector, results look good.",
    "Our CFO would like to join the next session to discuss the commercial side.",
};
constexpr std::string_view kSyncMeetings[] = {"Bi-weekly sync: {account} / {company}",
                                              "Mutual action plan review"};

// Agendas for meetings, per topic.
constexpr std::string_view kFirstMeetingAgenda[] = {
    "Introductions", "Current data stack and pain points",
    "How {company} works with teams like yours", "Timeline and next steps"};
constexpr std::string_view kDemoAgenda[] = {"Recap of requirements", "Live demo", "Q&A",
                                            "Success criteria for the pilot"};
constexpr std::string_view kSecurityAgenda[] = {
    "Security architecture overview", "SSO, SCIM and audit logs",
    "Open items from the questionnaire", "Data residency"};
constexpr std::string_view kProposalAgenda[] = {"Proposal walkthrough", "Pricing and packaging",
                                                "ROI model", "Timeline to signature"};
constexpr std::string_view kNegotiationAgenda[] = {"Open contract items", "Payment terms",
                                                   "Procurement steps", "Target signature date"};
constexpr std::string_view kSigningAgenda[] = {"Kickoff goals", "Onboarding plan",
                                               "Roles and responsibilities"};
constexpr std::string_view kSyncAgenda[] = {"Pilot status", "Mutual action plan",
                                            "Risks and blockers", "Next steps"};
constexpr std::string_view kStatusAgenda[] = {"Status", "Open questions", "Next steps"};

struct TopicTexts {
  Pool subjects;
  Pool us;
  Pool them;
  Pool meetings;
  Pool agenda;
  std::string_view label;  // for note and call subjects
};

// Indexed by Topic.
constexpr std::array<TopicTexts, 11> kTopics{{
    {kIntroductionSubjects, kIntroductionUs, kIntroductionThem, kIntroductionMeetings,
     kFirstMeetingAgenda, "first conversation"},
    {kDiscoverySubjects, kDiscoveryUs, kDiscoveryThem, kDiscoveryMeetings, kFirstMeetingAgenda,
     "discovery"},
    {kDemoSubjects, kDemoUs, kDemoThem, kDemoMeetings, kDemoAgenda, "demo feedback"},
    {kSecuritySubjects, kSecurityUs, kSecurityThem, kSecurityMeetings, kSecurityAgenda,
     "security review"},
    {kProposalSubjects, kProposalUs, kProposalThem, kProposalMeetings, kProposalAgenda, "pricing"},
    {kNegotiationSubjects, kNegotiationUs, kNegotiationThem, kNegotiationMeetings,
     kNegotiationAgenda, "legal & procurement"},
    {kSigningSubjects, kSigningUs, kSigningThem, kSigningMeetings, kSigningAgenda, "kickoff"},
    {kSyncSubjects, kSyncUs, kSyncThem, kSyncMeetings, kSyncAgenda, "regular sync"},
    // Only we chase, and only they decline: the other pools are never drawn.
    {kFollowUpSubjects, kFollowUpUs, kFollowUpUs, kFollowUpMeetings, kStatusAgenda, "follow-up"},
    {kDecisionSubjects, kDecisionThem, kDecisionThem, kFollowUpMeetings, kStatusAgenda, "decision"},
    {kInternalSubjects, kInternalUs, kInternalThem, kInternalMeetings, kStatusAgenda,
     "internal review"},
}};

const TopicTexts& texts(Topic topic) { return kTopics[std::size_t(topic)]; }

constexpr std::string_view kSellerGreetings[] = {
    "Hi {first},",           "Hi {first},",  "Hello {first},", "{first},",
    "Good morning {first},", "Hi {first} —", "Hallo {first},", "Bonjour {first},"};
constexpr std::string_view kBuyerGreetings[] = {"Hi {first},", "Hello {first},", "{first},",
                                                "Hi {first}!", "Thanks {first},"};
constexpr std::string_view kColleagueGreetings[] = {"Hey {first},", "Hi {first},", "{first} —"};
constexpr std::string_view kSignOffs[] = {
    "Best,", "Thanks,", "Best regards,", "Cheers,", "Kind regards,", "Many thanks,", "Thank you,"};
constexpr std::string_view kFillers[] = {
    "Let me know if you have any questions.",
    "Thanks for your patience on this.",
    "Looking forward to hearing from you.",
    "Sorry for the slow reply — it's been a busy week.",
    "Have a great weekend!",
};

constexpr std::string_view kNoteLines[] = {
    "Champion: {first}, very engaged; wants to present internally on {day}.",
    "Budget not confirmed yet, CFO approval needed above {amount}.",
    "Competitor in the deal: {competitor}, mainly on price.",
    "Concerns about implementation effort, they need references from similar companies.",
    "Decision expected by end of quarter; procurement takes ~3 weeks.",
    "Asked for a \"proof of value\" on their own data before committing.",
    "Security review in progress; questionnaire sent back.",
    "Meeting with the data team went well, open question on SSO.",
    "Current stage: {stage}. Next: align on success criteria.",
    "They use a home-grown scheduler; migration effort is the main risk.",
};
constexpr std::string_view kCallLines[] = {
    "Discussed timeline; {first} expects a decision by end of quarter.",
    "Walked through pricing options, they'll review internally.",
    "Reviewed security requirements with the IT team.",
    "Quick check-in, no blockers right now.",
    "{first} asked for references from a similar company.",
    "Talked about the rollout plan for {seats} seats.",
};
constexpr std::string_view kSellerSpoken[] = {
    "Thanks for making the time today, {first}.",
    "Could you walk me through how the team handles this today?",
    "What would success look like for you by the end of the quarter?",
    "For {seats} seats the list price comes to about {amount}.",
    "I can send over the security documentation after this call.",
    "Who else should be part of the decision?",
    "Let me share my screen and show you the reporting view.",
    "We can start with a pilot for one team if that helps.",
    "What timeline are you working towards?",
    "I will put the next steps in an e-mail this afternoon.",
};
constexpr std::string_view kBuyerSpoken[] = {
    "Sure, happy to. Right now it is mostly spreadsheets.",
    "The main problem is that nobody sees the pipeline in one place.",
    "We would need single sign-on before anyone signs off.",
    "Our budget for this is set in the next planning cycle.",
    "Can you say more about how the rollout works?",
    "My manager will want to see the pricing in writing.",
    "That looks useful for the regional teams.",
    "We are also talking to {competitor} at the moment.",
    "How does this compare with {competitor} on reporting?",
    "Let me check with legal about the contract terms.",
};
constexpr std::string_view kDoubtfulBuyerSpoken[] = {
    "Honestly, it feels too expensive for us right now.",
    "I think we are going another direction this year.",
    "{competitor} came in quite a bit lower on price.",
    "We have put the project on hold for now.",
};
constexpr std::string_view kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};

struct Placeholder {
  std::string_view key;
  std::string_view MessageContext::*value;
};
constexpr Placeholder kPlaceholders[] = {
    {"first", &MessageContext::recipient_first_name},
    {"account", &MessageContext::account},
    {"competitor", &MessageContext::competitor},
    {"stage", &MessageContext::stage},
    {"day", &MessageContext::weekday},
    {"amount", &MessageContext::amount},
    {"seats", &MessageContext::seats},
};

std::string_view placeholder_value(std::string_view key, const MessageContext& context) {
  if (key == "product") return kProductName;
  if (key == "company") return kCompanyName;
  for (const Placeholder& placeholder : kPlaceholders)
    if (placeholder.key == key) return context.*placeholder.value;
  return {};
}

// Appends `pattern` with each {key} replaced by its value.
void expand(std::string& out, std::string_view pattern, const MessageContext& context) {
  while (!pattern.empty()) {
    const std::size_t open = pattern.find('{');
    out.append(pattern.substr(0, open));
    if (open == std::string_view::npos) return;
    const std::size_t close = pattern.find('}', open);
    out.append(placeholder_value(pattern.substr(open + 1, close - open - 1), context));
    pattern.remove_prefix(close + 1);
  }
}

std::string expanded(std::string_view pattern, const MessageContext& context) {
  std::string out;
  expand(out, pattern, context);
  return out;
}

// `count` different entries of `pool`, in pool order (count <= pool size).
template <std::size_t Capacity>
std::size_t pick_distinct(Random& random, Pool pool, std::size_t count,
                          std::array<std::size_t, Capacity>& chosen) {
  count = std::min({count, pool.size(), Capacity});
  std::size_t taken = 0;
  for (std::size_t index = 0; index < pool.size() && taken < count; ++index) {
    // Selection sampling: each entry is taken with the probability that
    // leaves exactly `count` in the end.
    if (random.below(pool.size() - index) < count - taken) chosen[taken++] = index;
  }
  return taken;
}

Pool greetings(Voice voice) {
  switch (voice) {
    case Voice::seller:
      return kSellerGreetings;
    case Voice::buyer:
      return kBuyerGreetings;
    case Voice::colleague:
    case Voice::manager:
      break;
  }
  return kColleagueGreetings;
}

void append_signature(std::string& body, Voice voice, const MessageContext& context) {
  body.append(context.sender_name);
  if (voice == Voice::seller)
    body.append(fmt::format("\n{} | {}", context.sender_title, context.sender_company));
  if (voice == Voice::buyer)
    body.append(fmt::format("\n{}, {}", context.sender_title, context.sender_company));
}

}  // namespace

Topic topic_for_stage(int stage) {
  switch (stage) {
    case kProspecting:
      return Topic::introduction;
    case kQualification:
      return Topic::discovery;
    case kNeedsAnalysis:
    case kValueProposition:
      return Topic::demo;
    case kDecisionMakers:
    case kPerceptionAnalysis:
      return Topic::security;
    case kProposal:
      return Topic::proposal;
    case kNegotiation:
      return Topic::negotiation;
    default:
      return Topic::signing;
  }
}

std::string email_subject(Random& random, Topic topic, const MessageContext& context) {
  return expanded(random.pick(texts(topic).subjects), context);
}

std::string email_body(Random& random, Topic topic, Voice voice, const MessageContext& context) {
  const TopicTexts& topic_texts = texts(topic);
  const Pool pool =
      voice == Voice::buyer || voice == Voice::manager ? topic_texts.them : topic_texts.us;
  std::string body;
  body.reserve(640);
  expand(body, random.pick(greetings(voice)), context);
  body.append("\n\n");
  std::array<std::size_t, 4> chosen;
  const std::size_t count = pick_distinct(random, pool, std::size_t(random.between(1, 3)), chosen);
  for (std::size_t index = 0; index < count; ++index) {
    // Longer mails get a paragraph break after the first sentence.
    if (index > 0) body.append(index == 1 && count == 3 ? "\n\n" : " ");
    expand(body, pool[chosen[index]], context);
  }
  if (random.chance(0.35)) {
    body.push_back(' ');
    body.append(random.pick(kFillers));
  }
  body.append("\n\n");
  body.append(random.pick(kSignOffs));
  body.push_back('\n');
  append_signature(body, voice, context);
  return body;
}

std::string note_subject(Random& random, Topic topic) {
  constexpr std::string_view kForms[] = {"Note: {} summary", "Note: {}", "Note: {} — next steps"};
  return fmt::format(fmt::runtime(random.pick(kForms)), texts(topic).label);
}

std::string note_description(Random& random, const MessageContext& context) {
  std::array<std::size_t, 4> chosen;
  const std::size_t count =
      pick_distinct(random, kNoteLines, std::size_t(random.between(2, 4)), chosen);
  std::string description;
  for (std::size_t index = 0; index < count; ++index) {
    if (index > 0) description.push_back('\n');
    description.append("- ");
    expand(description, kNoteLines[chosen[index]], context);
  }
  return description;
}

std::string call_subject(Random& random, Topic topic, std::string_view contact_name, bool inbound) {
  if (inbound) return fmt::format("Inbound call from {}", contact_name);
  if (random.chance(0.5)) return fmt::format("Call with {}", contact_name);
  return fmt::format("Call: {}", texts(topic).label);
}

std::string call_description(Random& random, const MessageContext& context) {
  return expanded(random.pick(kCallLines), context);
}

std::string spoken_line(Random& random, bool seller, bool doubtful, const MessageContext& context) {
  if (seller) return expanded(random.pick(kSellerSpoken), context);
  if (doubtful && random.chance(0.15)) return expanded(random.pick(kDoubtfulBuyerSpoken), context);
  return expanded(random.pick(kBuyerSpoken), context);
}

std::string meeting_subject(Random& random, Topic topic, const MessageContext& context) {
  return expanded(random.pick(texts(topic).meetings), context);
}

std::string meeting_description(Random& random, Topic topic, std::string_view attendees) {
  const Pool agenda = texts(topic).agenda;
  std::array<std::size_t, 4> chosen;
  const std::size_t count =
      pick_distinct(random, agenda, std::size_t(random.between(2, 4)), chosen);
  std::string description = "Agenda:";
  for (std::size_t index = 0; index < count; ++index) {
    description.append("\n- ");
    expand(description, agenda[chosen[index]], {});
  }
  description.append("\n\nAttendees: ");
  description.append(attendees);
  return description;
}

std::string_view random_weekday(Random& random) { return random.pick(kWeekdays); }

std::string format_dollars(long long amount) {
  return fmt::format("${},{:03d}", amount / 1000, amount % 1000);
}

}  // namespace rearview::generate
