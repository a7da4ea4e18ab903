// Home, a deal's live postmortem, and its milestones page.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pages.h"
#include "rearview/core/number_text.h"
#include "rearview/core/deal_queries.h"
#include "rearview/core/text.h"
#include "rearview/report/render.h"
#include "rearview/service/access.h"
#include "rearview/service/analysis_context.h"
#include "rearview/service/live_engine.h"
#include "rearview/service/milestones.h"
#include "rearview/service/postmortems.h"

namespace rearview::web {
namespace {

constexpr int kDealsPerPage = 50;


std::string amount_text(const DealSummary& deal) {
  if (!deal.amount) return "—";
  return fmt::format("{} {}", deal.currency, grouped_amount(*deal.amount));
}

std::string health_cell(const std::optional<double>& score) {
  if (!score) return "<span class=\"muted\">not yet</span>";
  double value = std::round(*score);
  std::string_view band = value < 40 ? "low" : value < 70 ? "mid" : "high";
  return fmt::format("<span class=\"health health-{}\">{:.0f}</span>", band, value);
}

std::string_view home_heading(const AppUser& user) {
  switch (user.role) {
    case Role::admin: return "Open deals";
    case Role::manager:
    case Role::viewer: return "Your team's open deals";
    case Role::rep: return "Your open deals";
    case Role::interviewer: return "Deals given to you to interview";
  }
  return "Open deals";
}

Result<std::string> tells_cell(Session& session, const Id& id) {
  auto tells = service::stored_tells(session, id);
  if (!tells) return std::unexpected(tells.error());
  std::string out;
  for (const auto& tell : *tells)
    if (!tell.cleared_at) out += fmt::format("<li>{}</li>", h(tell_title(tell.kind)));
  if (out.empty()) return std::string("<span class=\"muted\">none</span>");
  return "<ul class=\"tell-list\">" + out + "</ul>";
}

Result<std::string> deal_rows(Session& session, const std::vector<DealSummary>& deals) {
  std::string rows;
  for (const auto& deal : deals) {
    auto tells = tells_cell(session, deal.id);
    if (!tells) return std::unexpected(tells.error());
    rows += fmt::format(
        "<tr><td><a href=\"{}\">{}</a><div class=\"muted\">{}</div></td>"
        "<td class=\"wide\">{}</td><td>{}</td><td class=\"num wide\">{}</td>"
        "<td class=\"wide\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
        h(deal_href(deal.id)), h(deal.name), h(deal.account), h(deal.owner), h(deal.stage),
        h(amount_text(deal)), h(deal.close_date), health_cell(deal.health_score), *tells);
  }
  return rows;
}

std::string search_form(const std::string& text) {
  return fmt::format(
      "<form method=\"get\" action=\"/\" role=\"search\"><label for=\"q\">Find a deal</label>"
      "<input id=\"q\" name=\"q\" type=\"search\" value=\"{}\" placeholder=\"name or account\"> "
      "<button type=\"submit\" class=\"secondary\">Search</button></form>\n",
      h(text));
}

// The report of a deal the viewer may see, in the viewer's zone.
Result<PostmortemReport> viewer_report(const Id& id, PageContext& context, const Viewer& viewer) {
  if (auto visible = service::check_may_see(context.session, viewer.user, id); !visible)
    return std::unexpected(visible.error());
  Timestamp now = context.clock.now();
  auto analysis_context = service::current_context(context.session, context.settings, now);
  if (!analysis_context) return std::unexpected(analysis_context.error());
  auto report = service::postmortem(context.session.snapshots(), *analysis_context, id, now);
  if (!report) return std::unexpected(report.error());
  report->time_zone = viewer.zone;
  return report;
}

}  // namespace

std::string deal_href(const Id& id) { return "/opportunities/" + percent_encode(id); }

HttpResponse failure_page(const Error& error, const Viewer& viewer) {
  if (error.code == ErrorCode::not_found)
    return error_page(404, "There is no such deal, or it is not one of yours.", &viewer);
  if (error.code == ErrorCode::database_locked)
    return error_page(503, "The database is busy; try again in a moment.", &viewer);
  fmt::print(stderr, "rearview serve: {}\n", error.message);
  return error_page(500, "Something went wrong on our side.", &viewer);
}

std::string deal_links(const Id& id, std::string_view current) {
  std::string href = deal_href(id);
  auto link = [&](std::string_view path, std::string_view label) {
    std::string target = href + std::string(path);
    if (label == current)
      return fmt::format("<a href=\"{}\" aria-current=\"page\">{}</a>", h(target), label);
    return fmt::format("<a href=\"{}\">{}</a>", h(target), label);
  };
  return "<nav class=\"toc\" aria-label=\"This deal\">" + link("", "Postmortem") +
         link("/milestones", "Milestones") + link("/interview", "Interview") +
         fmt::format("<a href=\"/api/v1/opportunities/{}\">JSON</a>", h(percent_encode(id))) +
         "</nav>\n<p id=\"live-status\" role=\"status\" aria-live=\"polite\"></p>\n";
}

namespace {

std::string live_url(const Id& id) {
  return "/api/v1/opportunities/" + percent_encode(id) + "/state";
}

}  // namespace

HttpResponse home_page(const HttpRequest& request, PageContext& context, const Viewer& viewer) {
  // An interviewer's deals are mostly closed ones: all of them show.
  bool interviews = viewer.user.role == Role::interviewer;
  DealListQuery query{.scope = service::deal_scope(viewer.user),
                      .outcome = interviews ? std::nullopt : std::optional(Outcome::open),
                      .text = request.query_value("q").value_or(""),
                      .after_id = request.query_value("after").value_or(""),
                      .limit = kDealsPerPage};
  auto deals = context.session.deals().list_deals(query);
  if (!deals) return failure_page(deals.error(), viewer);
  auto rows = deal_rows(context.session, *deals);
  if (!rows) return failure_page(rows.error(), viewer);
  std::string main = fmt::format("<section class=\"card\"><h1>{}</h1>\n{}", home_heading(viewer.user),
                                 search_form(query.text));
  if (deals->empty()) {
    main += fmt::format("<p class=\"placeholder\">{}</p>\n",
                        !query.text.empty() ? "No deal matches."
                        : interviews        ? "No deal has been given to you to interview yet."
                                            : "No open deals to show.");
  } else {
    main +=
        "<table class=\"deals\"><thead><tr><th>Deal</th><th class=\"wide\">Owner</th>"
        "<th>Stage</th><th class=\"num wide\">Amount</th><th class=\"wide\">Close date</th>"
        "<th class=\"num\">Health</th><th>Live tells</th></tr></thead>\n<tbody>\n" +
        *rows + "</tbody></table>\n";
  }
  if (static_cast<int>(deals->size()) == kDealsPerPage)
    main += fmt::format("<p><a href=\"/?q={}&amp;after={}\">More deals</a></p>\n",
                        h(percent_encode(query.text)), h(percent_encode(deals->back().id)));
  main += "</section>\n";
  return html_page({.title = "Home", .viewer = &viewer}, main);
}

HttpResponse deal_page(const Id& id, PageContext& context, const Viewer& viewer) {
  auto report = viewer_report(id, context, viewer);
  if (!report) return failure_page(report.error(), viewer);
  std::string main = deal_links(id, "Postmortem") + render_html_sections(*report);
  return html_page(
      {.title = report->opportunity.name, .viewer = &viewer, .live_url = live_url(id)}, main);
}

namespace {

// One button of a milestone: a form of its own, so a tap is one request.
std::string choice_button(const Id& id, const Viewer& viewer, const std::string& stage,
                          const MilestoneDefinition& definition, std::string_view label,
                          const std::string& value_sent, bool pressed, bool may_change) {
  return fmt::format(
      "<form method=\"post\" action=\"{}/milestones\">{}"
      "<input type=\"hidden\" name=\"stage\" value=\"{}\">"
      "<input type=\"hidden\" name=\"key\" value=\"{}\">"
      "<input type=\"hidden\" name=\"value\" value=\"{}\">"
      "<button type=\"submit\" aria-pressed=\"{}\"{}>{}</button></form>",
      h(deal_href(id)), csrf_field(viewer), h(stage), h(definition.key), h(value_sent),
      pressed ? "true" : "false", may_change ? "" : " disabled", h(label));
}

std::vector<std::string> chosen_options(const std::string& value) {
  std::vector<std::string> chosen;
  std::string_view rest = value;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto option = trim(rest.substr(0, comma));
    if (!option.empty()) chosen.emplace_back(option);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return chosen;
}

std::string joined(const std::vector<std::string>& options) {
  std::string out;
  for (const auto& option : options) out += (out.empty() ? "" : ",") + option;
  return out;
}

std::string milestone_choices(const Id& id, const Viewer& viewer, const std::string& stage,
                              const MilestoneDefinition& definition, const std::string& value,
                              bool may_change) {
  std::string out = "<div class=\"choices\">";
  switch (definition.kind) {
    case MilestoneKind::toggle: {
      bool on = value == "true";
      out += choice_button(id, viewer, stage, definition, on ? "Done ✓" : "Not yet",
                           on ? "false" : "true", on, may_change);
      break;
    }
    case MilestoneKind::dropdown:
      for (const auto& option : definition.options)
        out += choice_button(id, viewer, stage, definition, option, option, option == value,
                             may_change);
      break;
    case MilestoneKind::picklist: {
      auto chosen = chosen_options(value);
      for (const auto& option : definition.options) {
        auto others = chosen;
        bool pressed = std::erase(others, option) > 0;
        if (!pressed) others.push_back(option);
        out += choice_button(id, viewer, stage, definition, option, joined(others), pressed,
                             may_change);
      }
      break;
    }
  }
  return out + "</div>";
}

const StageStay* current_stay(const PostmortemReport& report) {
  for (auto stay = report.stages.rbegin(); stay != report.stages.rend(); ++stay)
    if (!stay->is_closed) return &*stay;
  return nullptr;
}

}  // namespace

HttpResponse milestones_page(const Id& id, PageContext& context, const Viewer& viewer,
                             std::string_view notice) {
  auto report = viewer_report(id, context, viewer);
  if (!report) return failure_page(report.error(), viewer);
  auto stored = context.session.stage_catalogue().stages();
  if (!stored) return failure_page(stored.error(), viewer);
  auto stages = service::stage_catalogue(std::move(*stored), context.settings);
  const StageStay* stay = current_stay(*report);
  auto stage = stay ? std::find_if(stages.begin(), stages.end(),
                                   [&](const Stage& s) { return s.name == stay->name; })
                    : stages.end();
  bool may_change = service::may_change_deals(viewer.user);
  std::string main = deal_links(id, "Milestones") +
                     fmt::format("<section class=\"card milestones-page\"><h1>{}</h1>\n",
                                 h(report->opportunity.name));
  if (!notice.empty()) main += fmt::format("<p class=\"notice\" role=\"status\">{}</p>\n", h(notice));
  if (stage == stages.end() || stage->milestones.empty()) {
    main += "<p class=\"placeholder\">The deal's stage has no milestones to record.</p>\n";
  } else {
    main += fmt::format("<p class=\"muted\">Stage: {}{}</p>\n", h(stage->name),
                        may_change ? "" : " · read-only for your role");
    for (const auto& definition : stage->milestones) {
      auto view = std::find_if(stay->milestones.begin(), stay->milestones.end(),
                               [&](const MilestoneView& m) { return m.key == definition.key; });
      std::string value = view != stay->milestones.end() ? view->value : "";
      main += fmt::format("<div class=\"milestone\" id=\"milestone-{}\"><h3>{}</h3>{}", h(definition.key),
                          h(definition.label),
                          milestone_choices(id, viewer, stage->name, definition, value, may_change));
      if (view != stay->milestones.end() && view->attained_at)
        main += fmt::format("<p class=\"attained\">{} {}{}</p>", h(view->value),
                            h(local_time(*view->attained_at, viewer.zone)),
                            view->attained_by.empty() ? "" : " by " + h(view->attained_by));
      main += "</div>\n";
    }
  }
  main += "</section>\n";
  return html_page({.title = "Milestones: " + report->opportunity.name,
                    .viewer = &viewer,
                    .live_url = live_url(id)},
                   main);
}

HttpResponse post_milestone(const HttpRequest& request, const Id& id, PageContext& context,
                            const Viewer& viewer) {
  if (auto visible = service::check_may_see(context.session, viewer.user, id); !visible)
    return failure_page(visible.error(), viewer);
  if (!service::may_change_deals(viewer.user))
    return error_page(403, "Your role may look at deals but not change them.", &viewer);
  auto form = parse_form(request.body);
  service::MilestoneRequest milestone{.opportunity = id,
                                      .key = form_value(form, "key").value_or(""),
                                      .value = form_value(form, "value").value_or(""),
                                      .stage = form_value(form, "stage").value_or(""),
                                      .by = viewer.user.name};
  auto recorded = service::record_milestone(context.session, context.settings, milestone,
                                            context.clock, viewer.user.id);
  if (!recorded) {
    if (recorded.error().code == ErrorCode::usage || recorded.error().code == ErrorCode::invalid_input)
      return milestones_page(id, context, viewer, recorded.error().message);
    return failure_page(recorded.error(), viewer);
  }
  if (context.deals_changed) context.deals_changed();
  return redirect(deal_href(id) + "/milestones");
}

}  // namespace rearview::web
