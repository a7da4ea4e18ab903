#include "rearview/service/opportunity_lookup.h"

#include "rearview/core/text.h"

#include <fmt/format.h>

#include <algorithm>

namespace rearview::service {
namespace {

constexpr int kShownMatches = 5;

// Levenshtein distance; names are short, so the quadratic table is cheap.
std::size_t edit_distance(const std::string& from, const std::string& to) {
  std::vector<std::size_t> row(to.size() + 1);
  for (std::size_t j = 0; j <= to.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= from.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= to.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (from[i - 1] == to[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[to.size()];
}

std::string listing(const std::vector<OpportunityName>& names) {
  std::string text;
  for (const auto& name : names) text += fmt::format("\n  {}  {}", name.id, name.name);
  return text;
}

Result<std::vector<OpportunityName>> closest(Store& store, const std::string& text) {
  auto names = store.opportunity_names();
  if (!names) return std::unexpected(names.error());
  std::string wanted = lower(text);
  std::vector<std::pair<std::size_t, OpportunityName>> scored;
  for (auto& name : *names) {
    std::string candidate = lower(name.name);
    // Compare with the part of the name as long as the text, so a short
    // misspelt fragment still finds long names.
    std::size_t distance = edit_distance(wanted, candidate.substr(0, wanted.size()));
    scored.emplace_back(distance, std::move(name));
  }
  auto shown = std::min<std::size_t>(kShownMatches, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + std::ptrdiff_t(shown), scored.end(),
                    [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<OpportunityName> result;
  for (std::size_t i = 0; i < shown; ++i) result.push_back(scored[i].second);
  return result;
}

}  // namespace

Result<Id> resolve_opportunity(Store& store, const std::string& text) {
  auto found = store.find_opportunities(text, kShownMatches + 1);
  if (!found) return std::unexpected(found.error());
  if (found->size() == 1) return found->front().id;
  if (found->size() > 1)
    return fail(ErrorCode::not_found,
                fmt::format("'{}' matches more than one opportunity:{}", text,
                            listing(std::vector(found->begin(),
                                                found->begin() + std::min<std::ptrdiff_t>(
                                                                     kShownMatches, found->size())))),
                "give the id, or more of the name");
  auto near = closest(store, text);
  if (!near) return std::unexpected(near.error());
  return fail(ErrorCode::not_found,
              fmt::format("no opportunity has the id or a name containing '{}'{}", text,
                          near->empty() ? "" : "; the closest are:" + listing(*near)),
              "give an opportunity's id, or a unique part of its name");
}

}  // namespace rearview::service
