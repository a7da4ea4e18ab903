// The buyer interview page: the three questions, what drove the outcome,
// coded reasons and verbatim quotes, for someone other than the deal's owner.
#include <fmt/format.h>

#include <algorithm>

#include "pages.h"
#include "rearview/core/text.h"
#include "rearview/service/access.h"
#include "rearview/service/interviews.h"

namespace rearview::web {
namespace {

using Form = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = trim(text.substr(0, end));
    if (!line.empty()) lines.emplace_back(line);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return lines;
}

// Quotes are paragraphs: a blank line between two.
std::vector<std::string> paragraphs_of(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::string current;
  std::string_view rest = text;
  while (true) {
    auto end = rest.find('\n');
    auto line = trim(rest.substr(0, end));
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
    } else {
      current += (current.empty() ? "" : " ") + std::string(line);
    }
    if (end == std::string_view::npos) break;
    rest = rest.substr(end + 1);
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return paragraphs;
}

// "Dana Smith, CFO" -> Dana Smith (CFO).
std::vector<InfluentialVoice> voices_of(std::string_view text, bool in_the_room) {
  std::vector<InfluentialVoice> voices;
  for (const auto& line : lines_of(text)) {
    auto comma = line.find(',');
    voices.push_back({std::string(trim(line.substr(0, comma))),
                      comma == std::string::npos ? "" : std::string(trim(line.substr(comma + 1))),
                      in_the_room});
  }
  return voices;
}

std::string voices_text(const std::vector<InfluentialVoice>& voices, bool in_the_room) {
  std::string text;
  for (const auto& voice : voices)
    if (voice.in_the_room == in_the_room)
      text += voice.role.empty() ? voice.name + "\n" : voice.name + ", " + voice.role + "\n";
  return text;
}

BuyerInterview interview_from(const Form& form, const Id& id) {
  auto value = [&](std::string_view name) { return form_value(form, name).value_or(""); };
  BuyerInterview interview{.opportunity_id = id,
                           .value_in_their_words = std::string(trim(value("value"))),
                           .deciding_factors = std::string(trim(value("factors"))),
                           .driver = outcome_driver_from_string(value("driver")),
                           .competitor = std::string(trim(value("competitor"))),
                           .quotes = paragraphs_of(value("quotes"))};
  interview.voices = voices_of(value("inside"), true);
  for (auto& voice : voices_of(value("outside"), false)) interview.voices.push_back(std::move(voice));
  for (const auto& [name, reason] : form)
    if (name == "reason") interview.reasons.push_back(reason);
  return interview;
}

std::string textarea(std::string_view name, std::string_view label, std::string_view hint,
                     const std::string& value, int rows) {
  return fmt::format(
      "<label for=\"{0}\">{1}</label>{2}<textarea id=\"{0}\" name=\"{0}\" rows=\"{3}\"{4}>{5}"
      "</textarea>\n",
      name, label,
      hint.empty() ? "" : fmt::format("<p class=\"muted\" id=\"{}-hint\">{}</p>", name, hint), rows,
      hint.empty() ? "" : fmt::format(" aria-describedby=\"{}-hint\"", name), h(value));
}

std::string driver_choices(const BuyerInterview& interview) {
  std::string out = "<fieldset><legend>What drove the outcome</legend>\n";
  for (auto [driver, label] : {std::pair{OutcomeDriver::competitor, "A competitor"},
                               std::pair{OutcomeDriver::no_decision, "No decision"},
                               std::pair{OutcomeDriver::other, "Something else"}})
    out += fmt::format(
        "<label class=\"choice\"><input type=\"radio\" name=\"driver\" value=\"{}\"{}> {}</label>\n",
        to_string(driver), interview.driver == driver ? " checked" : "", label);
  out += fmt::format(
      "<label for=\"competitor\">The competitor</label>"
      "<input id=\"competitor\" name=\"competitor\" type=\"text\" value=\"{}\">\n</fieldset>\n",
      h(interview.competitor));
  return out;
}

std::string reason_choices(const BuyerInterview& interview, const Settings& settings) {
  std::string out = "<fieldset><legend>The buyer's reasons (coded)</legend>\n<div class=\"codes\">";
  for (const auto& code : settings.postmortem.reason_codes) {
    bool chosen = std::find(interview.reasons.begin(), interview.reasons.end(), code) !=
                  interview.reasons.end();
    out += fmt::format(
        "<label class=\"choice\"><input type=\"checkbox\" name=\"reason\" value=\"{0}\"{1}> {0}"
        "</label>\n",
        h(code), chosen ? " checked" : "");
  }
  return out + "</div></fieldset>\n";
}

std::string quotes_text(const std::vector<std::string>& quotes) {
  std::string text;
  for (const auto& quote : quotes) text += (text.empty() ? "" : "\n\n") + quote;
  return text;
}

std::string interview_form(const Id& id, const Viewer& viewer, const BuyerInterview& interview,
                           const Settings& settings, bool owner) {
  std::string form = fmt::format("<form method=\"post\" action=\"{}/interview\" class=\"interview\">{}",
                                 h(deal_href(id)), csrf_field(viewer));
  form += textarea("value", "1. How would the buyer describe the value of their decision?", "",
                   interview.value_in_their_words, 3);
  form += "<h2 class=\"question\">2. The most influential voices</h2>\n";
  form += textarea("inside", "Inside the room", "One per line: name, role (e.g. Dana Smith, CFO)",
                   voices_text(interview.voices, true), 3);
  form += textarea("outside", "Outside the room", "An adviser, a board, a peer: name, role",
                   voices_text(interview.voices, false), 2);
  form += textarea("factors", "3. Beyond price, what were the deciding factors?", "",
                   interview.deciding_factors, 3);
  form += driver_choices(interview) + reason_choices(interview, settings);
  form += textarea("quotes", "Verbatim quotes", "Word for word; a blank line between two quotes",
                   quotes_text(interview.quotes), 4);
  if (owner)
    form += "<label class=\"choice\"><input type=\"checkbox\" name=\"override\" value=\"yes\"> "
            "I am the deal's owner and record it anyway (an admin's override, logged)</label>\n";
  return form + "<p><button type=\"submit\">Save the interview</button></p>\n</form>\n";
}

// For those who may read it but not record it.
std::string interview_answers(const BuyerInterview& interview) {
  auto row = [](std::string_view label, const std::string& text) {
    return text.empty() ? std::string()
                        : fmt::format("<dt>{}</dt><dd>{}</dd>\n", label, h(text));
  };
  std::string reasons;
  for (const auto& reason : interview.reasons) reasons += (reasons.empty() ? "" : ", ") + reason;
  return "<dl class=\"answers\">\n" + row("The value of their decision", interview.value_in_their_words) +
         row("Inside the room", voices_text(interview.voices, true)) +
         row("Outside the room", voices_text(interview.voices, false)) +
         row("Deciding factors", interview.deciding_factors) +
         row("What drove the outcome",
             interview.driver ? std::string(to_string(*interview.driver)) : "") +
         row("Competitor", interview.competitor) + row("Reasons", reasons) +
         row("Quotes", quotes_text(interview.quotes)) + "</dl>\n";
}

HttpResponse interview_html(const Id& id, PageContext& context, const Viewer& viewer,
                            const BuyerInterview& interview, bool recorded, std::string_view problem,
                            int status) {
  auto owner = service::owns_deal(context.session, viewer.user, id);
  if (!owner) return failure_page(owner.error(), viewer);
  bool may_record = service::may_interview(viewer.user) && (!*owner || service::is_admin(viewer.user));
  std::string main = deal_links(id, "Interview") + "<section class=\"card\"><h1>Buyer interview</h1>\n";
  if (!problem.empty()) main += fmt::format("<p class=\"error\" role=\"alert\">{}</p>\n", h(problem));
  if (recorded)
    main += fmt::format("<p class=\"muted\">Recorded by {} on {}.</p>\n", h(interview.interviewer),
                        h(local_time(interview.recorded_at, viewer.zone)));
  if (may_record)
    main += interview_form(id, viewer, interview, context.settings, *owner);
  else if (recorded)
    main += interview_answers(interview);
  else
    main += fmt::format("<p class=\"placeholder\">{}</p>\n",
                        *owner ? "Someone other than you, the deal's owner, interviews its buyer."
                               : "Not recorded yet.");
  main += "</section>\n";
  return html_page({.title = "Interview", .viewer = &viewer, .status = status}, main);
}

}  // namespace

HttpResponse interview_page(const Id& id, PageContext& context, const Viewer& viewer,
                            std::string_view problem) {
  auto stored = service::interview_of(context.session, viewer.user, id);
  if (!stored) return failure_page(stored.error(), viewer);
  BuyerInterview empty{.opportunity_id = id};
  return interview_html(id, context, viewer, *stored ? **stored : empty, stored->has_value(), problem,
                        200);
}

HttpResponse post_interview(const HttpRequest& request, const Id& id, PageContext& context,
                            const Viewer& viewer) {
  auto form = parse_form(request.body);
  auto interview = interview_from(form, id);
  bool override_owner = form_value(form, "override").value_or("") == "yes";
  auto recorded = service::record_interview(context.session, context.settings, context.clock,
                                            viewer.user, interview, override_owner);
  if (!recorded) {
    auto code = recorded.error().code;
    if (code == ErrorCode::invalid_input)  // keep what was typed
      return interview_html(id, context, viewer, interview, false, recorded.error().message, 400);
    if (code == ErrorCode::denied) return error_page(403, recorded.error().message, &viewer);
    return failure_page(recorded.error(), viewer);
  }
  if (context.deals_changed) context.deals_changed();
  return redirect(deal_href(id) + "/interview");
}

}  // namespace rearview::web
