// POST /api/v1/interactions: what an e-mail or calendar add-in or a webhook
// calls (docs/web.md, "Posting interactions").
#include <boost/json.hpp>

#include "api.h"
#include "rearview/service/access.h"
#include "rearview/service/interactions.h"
#include "rearview/web/web_app.h"

namespace rearview::web {
namespace {

std::optional<PostedFormat> format_of(const HttpRequest& request) {
  std::string type = request.header("content-type");
  type = type.substr(0, type.find(';'));
  if (type == "application/json") return PostedFormat::json;
  if (type == "application/x-ndjson" || type == "application/jsonl" ||
      type == "application/jsonlines")
    return PostedFormat::ndjson;
  return std::nullopt;
}

boost::json::object answer(const service::PostedInteractions& posted) {
  boost::json::array items;
  for (std::size_t i = 0; i < posted.posted.items.size(); ++i) {
    const auto& item = posted.posted.items[i];
    boost::json::array deals;
    for (const auto& deal : posted.deals[i]) deals.emplace_back(deal);
    items.push_back(boost::json::object{{"line", item.line},
                                        {"kind", item.kind},
                                        {"id", item.id.empty() ? boost::json::value(nullptr)
                                                               : boost::json::value(item.id)},
                                        {"outcome", item.outcome},
                                        {"opportunities", std::move(deals)}});
  }
  return {{"interactions", std::move(items)},
          {"imported", posted.posted.imported},
          {"updated", posted.posted.updated},
          {"unchanged", posted.posted.unchanged},
          {"matching", boost::json::object{{"linked", posted.matching.linked},
                                           {"review", posted.matching.review},
                                           {"unmatched", posted.matching.unmatched},
                                           {"changed", posted.matching.changed}}}};
}

}  // namespace

HttpResponse post_interactions(const HttpRequest& request, Session& session,
                               const Settings& settings, const service::Clock& clock,
                               const AppUser& user) {
  if (!service::may_change_deals(user))
    return api_error(403, "forbidden", "your role may look at deals but not record interactions");
  auto format = format_of(request);
  if (!format)
    return api_error(415, "unsupported_media_type",
                     "post application/json (one interaction) or application/x-ndjson (many)");
  auto posted =
      service::post_interactions(session, settings, clock, user, request.body, *format);
  if (!posted) return api_error(posted.error());
  return json_response(200, boost::json::serialize(answer(*posted)));
}

}  // namespace rearview::web
