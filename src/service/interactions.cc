#include "rearview/service/interactions.h"

#include <fmt/format.h>

#include "audit.h"
#include "rearview/service/access.h"

namespace rearview::service {
namespace {

Result<void> store_posted(Session& session, const Settings& settings, const Clock& clock,
                          const AppUser& poster, std::string_view text, PostedFormat format,
                          PostedReport& report) {
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto posted = import_posted_interactions(*transaction, settings, text, format);
  if (!posted) return std::unexpected(posted.error());
  report = std::move(*posted);
  auto detail = fmt::format("{} posted: {} imported, {} updated, {} unchanged", report.items.size(),
                            report.imported, report.updated, report.unchanged);
  std::string target = report.items.size() == 1 ? report.items.front().id : "";
  if (auto logged = audit(session, clock, poster.id, "interactions.post", target, detail); !logged)
    return logged;
  return transaction->commit();
}

Result<std::vector<Id>> visible_deals_of(Session& session, const AppUser& poster, const Id& id) {
  std::vector<Id> deals;
  auto transaction = session.write_transaction();  // links are read where they are written
  if (!transaction) return std::unexpected(transaction.error());
  auto links = transaction->links().links_of(id);
  if (!links) return std::unexpected(links.error());
  for (const auto& link : *links)
    if (check_may_see(session, poster, link.opportunity_id)) deals.push_back(link.opportunity_id);
  return deals;
}

}  // namespace

Result<PostedInteractions> post_interactions(Session& session, const Settings& settings,
                                             const Clock& clock, const AppUser& poster,
                                             std::string_view text, PostedFormat format) {
  if (!may_change_deals(poster))
    return std::unexpected(Error{ErrorCode::denied, "your role may not record interactions"});
  PostedInteractions result;
  if (auto stored = store_posted(session, settings, clock, poster, text, format, result.posted);
      !stored)
    return std::unexpected(stored.error());
  auto matched = run_matching(session, settings, clock);
  if (!matched) return std::unexpected(matched.error());
  result.matching = *matched;
  for (const auto& item : result.posted.items) {
    auto deals = item.id.empty() ? Result<std::vector<Id>>{} : visible_deals_of(session, poster, item.id);
    if (!deals) return std::unexpected(deals.error());
    result.deals.push_back(std::move(*deals));
  }
  return result;
}

}  // namespace rearview::service
