// The CRM's directory indexed for matching: who each address is (one of our
// people, a contact of an account, someone at a customer's domain, a
// partner), each account's deals, and who has a role on which deal.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rearview/core/matching_store.h"
#include "rearview/core/settings.h"
#include "rearview/matching/free_mail.h"
#include "rearview/matching/registrable_domain.h"

namespace rearview::matching {

using Deal = MatchingDirectory::Deal;
using Company = MatchingDirectory::Company;

enum class Side {
  ours,      // a user, or an address at one of the company's domains
  contact,   // a contact of a (non-partner) account
  domain,    // not a contact, but at a customer account's domain
  partner,   // a contact or a domain of a partner account: never decides
  unknown,   // free mail, or a domain no account has
};

struct ResolvedAddress {
  std::string address;  // lower-case
  Side side = Side::unknown;
  std::optional<Id> user_id;            // ours, when one of our users
  std::optional<Id> contact_id;         // contact (and partner, when a contact)
  std::vector<const Company*> accounts;  // contact: its account; domain: every account with it
};

class MatchingWorld {
 public:
  // Keeps pointers into `directory`, which must outlive it.
  MatchingWorld(const MatchingDirectory& directory, const Settings& settings);
  MatchingWorld(const MatchingWorld&) = delete;
  MatchingWorld& operator=(const MatchingWorld&) = delete;

  ResolvedAddress resolve(const Participant& participant) const;

  const std::vector<const Deal*>& deals_of(const Id& account_id) const;
  const std::vector<const Deal*>& deals_with_role_of(const Id& contact_id) const;
  bool has_role(const Id& opportunity_id, const Id& contact_id) const;
  const Deal* deal(const Id& opportunity_id) const;
  const Company* account(const Id& account_id) const;

 private:
  void index_domains(const MatchingDirectory& directory);
  bool is_ours(const std::string& address, const std::string& domain) const;

  RegistrableDomains registrable_;
  FreeMailDomains free_mail_;
  std::map<std::string, Id, std::less<>> our_addresses_;  // users' addresses
  std::set<std::string, std::less<>> our_domains_;  // registrable
  std::map<std::string, const MatchingDirectory::Person*, std::less<>> contacts_by_address_;
  std::map<std::string, std::vector<const Company*>, std::less<>> accounts_by_domain_;
  std::map<Id, const Company*, std::less<>> accounts_;
  std::map<Id, const Deal*, std::less<>> deals_;
  std::map<Id, std::vector<const Deal*>, std::less<>> deals_by_account_;
  std::map<Id, std::vector<const Deal*>, std::less<>> deals_by_contact_role_;
  std::set<std::pair<Id, Id>> roles_;  // (opportunity, contact)
};

// Account types with "partner" in them (Salesforce's "Channel Partner /
// Reseller", "Technology Partner", a plain "Partner").
bool is_partner(const Company& company);

}  // namespace rearview::matching
