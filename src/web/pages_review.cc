// The review queue: mail, meetings and calls matching could not place with
// confidence, each with its candidate deals, assigned with one tap. A
// person's assignment is final: no automatic run moves it (docs/matching.md).
#include <fmt/format.h>

#include "pages.h"
#include "rearview/service/access.h"
#include "rearview/service/assignment.h"
#include "rearview/service/matching.h"

namespace rearview::web {
namespace {

constexpr std::size_t kQueueShown = 200;

// The candidates the viewer may see; an item with none is not theirs to
// decide (an admin sees every one).
Result<std::vector<QueuedInteraction>> visible_queue(Session& session, const AppUser& user) {
  auto queue = service::matching_queue(session, MatchStatus::review, kQueueShown);
  if (!queue || service::is_admin(user)) return queue;
  std::vector<QueuedInteraction> mine;
  for (auto& item : *queue) {
    std::erase_if(item.candidates, [&](const QueuedInteraction::Candidate& candidate) {
      return !service::check_may_see(session, user, candidate.match.opportunity_id);
    });
    if (!item.candidates.empty()) mine.push_back(std::move(item));
  }
  return mine;
}

std::string candidate_button(const QueuedInteraction& item,
                             const QueuedInteraction::Candidate& candidate, const Viewer& viewer,
                             bool may_change) {
  return fmt::format(
      "<form method=\"post\" action=\"/review\">{}"
      "<input type=\"hidden\" name=\"interaction\" value=\"{}\">"
      "<input type=\"hidden\" name=\"opportunity\" value=\"{}\">"
      "<button type=\"submit\"{}>{}</button> <span class=\"muted\">{:.2f}: {}</span></form>\n",
      csrf_field(viewer), h(item.interaction_id), h(candidate.match.opportunity_id),
      may_change ? "" : " disabled", h(candidate.name.empty() ? candidate.match.opportunity_id
                                                              : candidate.name),
      candidate.match.score, h(candidate.match.rule));
}

std::string item_html(const QueuedInteraction& item, const Viewer& viewer, bool may_change) {
  std::string out = fmt::format(
      "<li class=\"card review-item\"><h2>{}</h2><p class=\"muted\">{} · {} · {}</p>\n",
      h(item.subject.empty() ? "(no subject)" : item.subject), to_string(item.kind),
      h(local_time(item.occurred_at, viewer.zone)), h(item.reason));
  out += "<div class=\"candidates\">";
  for (const auto& candidate : item.candidates)
    out += candidate_button(item, candidate, viewer, may_change);
  return out + "</div></li>\n";
}

}  // namespace

HttpResponse review_page(PageContext& context, const Viewer& viewer, std::string_view notice) {
  auto queue = visible_queue(context.session, viewer.user);
  if (!queue) return failure_page(queue.error(), viewer);
  bool may_change = service::may_change_deals(viewer.user);
  std::string main = "<section><h1>Review queue</h1>\n<p class=\"muted\">Interactions matching "
                     "could not place on one deal with confidence. Choose the deal each belongs "
                     "to; your choice is final.</p>\n";
  if (!notice.empty()) main += fmt::format("<p class=\"notice\" role=\"status\">{}</p>\n", h(notice));
  if (queue->empty()) main += "<p class=\"placeholder\">Nothing waits for you.</p>\n";
  main += "<ol class=\"review\">\n";
  for (const auto& item : *queue) main += item_html(item, viewer, may_change);
  main += "</ol>\n</section>\n";
  return html_page({.title = "Review queue", .viewer = &viewer}, main);
}

HttpResponse post_review(const HttpRequest& request, PageContext& context, const Viewer& viewer) {
  if (!service::may_change_deals(viewer.user))
    return error_page(403, "Your role may look at deals but not change them.", &viewer);
  auto form = parse_form(request.body);
  std::string interaction = form_value(form, "interaction").value_or("");
  std::string opportunity = form_value(form, "opportunity").value_or("");
  // Only an item of the viewer's queue, onto one of its candidates they may see.
  auto queue = visible_queue(context.session, viewer.user);
  if (!queue) return failure_page(queue.error(), viewer);
  bool allowed = false;
  for (const auto& item : *queue)
    if (item.interaction_id == interaction)
      for (const auto& candidate : item.candidates)
        allowed = allowed || candidate.match.opportunity_id == opportunity;
  if (!allowed) return error_page(404, "That interaction is not waiting for you.", &viewer);
  auto assigned = service::assign_interaction(
      context.session, {.interaction = interaction, .opportunity = opportunity, .by = viewer.user.name},
      context.clock);
  if (!assigned) return failure_page(assigned.error(), viewer);
  if (context.deals_changed) context.deals_changed();
  return redirect("/review");
}

}  // namespace rearview::web
