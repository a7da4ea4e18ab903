#include "rearview/matching/matching_world.h"

#include <algorithm>

#include "rearview/core/text.h"

namespace rearview::matching {
namespace {

const std::vector<const Deal*> kNoDeals;

template <typename Map>
typename Map::mapped_type find_or_null(const Map& map, const Id& key) {
  auto found = map.find(key);
  return found == map.end() ? nullptr : found->second;
}

void add_unique(std::vector<const Company*>& accounts, const Company* account) {
  if (std::find(accounts.begin(), accounts.end(), account) == accounts.end())
    accounts.push_back(account);
}

}  // namespace

bool is_partner(const Company& company) {
  return lower(company.type).find("partner") != std::string::npos;
}

MatchingWorld::MatchingWorld(const MatchingDirectory& directory, const Settings& settings)
    : free_mail_(settings.matching.free_mail_domains) {
  for (const auto& domain : settings.company_email_domains)
    if (auto registrable = registrable_.of_host(domain); !registrable.empty())
      our_domains_.insert(registrable);
  for (const auto& user : directory.users)
    if (!user.email.empty()) our_addresses_.emplace(lower(user.email), user.id);
  for (const auto& account : directory.accounts) accounts_.emplace(account.id, &account);
  for (const auto& contact : directory.contacts)
    if (!contact.email.empty()) contacts_by_address_.emplace(lower(contact.email), &contact);
  for (const auto& deal : directory.opportunities) {
    deals_.emplace(deal.id, &deal);
    if (deal.account_id) deals_by_account_[*deal.account_id].push_back(&deal);
  }
  for (const auto& role : directory.contact_roles) {
    roles_.emplace(role.opportunity_id, role.contact_id);
    if (const Deal* deal = find_or_null(deals_, role.opportunity_id))
      deals_by_contact_role_[role.contact_id].push_back(deal);
  }
  index_domains(directory);
}

// An account is known by the domains the CRM gives it (its website, the
// configuration) and by its contacts' addresses, unless those are free mail
// or ours (a colleague entered as a contact).
void MatchingWorld::index_domains(const MatchingDirectory& directory) {
  for (const auto& account : directory.accounts)
    for (const auto& domain : account.email_domains)
      if (auto registrable = registrable_.of_host(domain);
          !registrable.empty() && !free_mail_.contains(registrable) && !our_domains_.contains(registrable))
        add_unique(accounts_by_domain_[registrable], &account);
  for (const auto& contact : directory.contacts) {
    if (!contact.account_id) continue;
    const Company* account = find_or_null(accounts_, *contact.account_id);
    auto registrable = registrable_.of_address(contact.email);
    if (account && !registrable.empty() && !free_mail_.contains(registrable) &&
        !our_domains_.contains(registrable))
      add_unique(accounts_by_domain_[registrable], account);
  }
}

bool MatchingWorld::is_ours(const std::string& address, const std::string& domain) const {
  return our_addresses_.contains(address) || (!domain.empty() && our_domains_.contains(domain));
}

ResolvedAddress MatchingWorld::resolve(const Participant& participant) const {
  ResolvedAddress resolved{.address = lower(trim(participant.address))};
  std::string domain = registrable_.of_address(resolved.address);
  if (participant.user_id || is_ours(resolved.address, domain)) {
    resolved.side = Side::ours;
    resolved.user_id = participant.user_id;
    if (auto user = our_addresses_.find(resolved.address); user != our_addresses_.end())
      resolved.user_id = user->second;
    return resolved;
  }
  // The stored contact, or the one the CRM has for the address now (a
  // contact added after the mail was read).
  const MatchingDirectory::Person* contact = nullptr;
  if (auto found = contacts_by_address_.find(resolved.address); found != contacts_by_address_.end())
    contact = found->second;
  if (contact && contact->account_id) {
    if (const Company* account = find_or_null(accounts_, *contact->account_id)) {
      resolved.contact_id = contact->id;
      resolved.accounts = {account};
      resolved.side = is_partner(*account) ? Side::partner : Side::contact;
      return resolved;
    }
  }
  if (domain.empty() || free_mail_.contains(domain)) return resolved;
  auto accounts = accounts_by_domain_.find(domain);
  if (accounts == accounts_by_domain_.end()) return resolved;
  for (const Company* account : accounts->second)
    if (!is_partner(*account)) resolved.accounts.push_back(account);
  resolved.side = resolved.accounts.empty() ? Side::partner : Side::domain;
  return resolved;
}

const std::vector<const Deal*>& MatchingWorld::deals_of(const Id& account_id) const {
  auto found = deals_by_account_.find(account_id);
  return found == deals_by_account_.end() ? kNoDeals : found->second;
}

const std::vector<const Deal*>& MatchingWorld::deals_with_role_of(const Id& contact_id) const {
  auto found = deals_by_contact_role_.find(contact_id);
  return found == deals_by_contact_role_.end() ? kNoDeals : found->second;
}

bool MatchingWorld::has_role(const Id& opportunity_id, const Id& contact_id) const {
  return roles_.contains({opportunity_id, contact_id});
}

const Deal* MatchingWorld::deal(const Id& opportunity_id) const {
  return find_or_null(deals_, opportunity_id);
}

const Company* MatchingWorld::account(const Id& account_id) const {
  return find_or_null(accounts_, account_id);
}

}  // namespace rearview::matching
