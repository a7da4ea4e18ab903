// The sales team, the customer accounts and their people. Sized by the number
// of opportunities and held in memory (O(accounts), compactly): every deal
// picks its owner, account and contacts from here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "export_files.h"
#include "rearview/core/time.h"
#include "vocabulary.h"

namespace rearview::generate {

struct SalesUser {
  std::string id;
  std::string first_name;
  std::string last_name;
  std::string name;
  std::string email;
  std::string title;
  std::string_view time_zone;
  Date created;
  int manager = -1;   // index into Company::users; -1 for the top
  int engineer = -1;  // the solutions engineer who supports a rep's deals
  double skill = 1;   // a rep's knack for winning; 1 is average
};

// Names and titles are indices into the vocabulary, which keeps a few hundred
// thousand contacts small.
struct BuyerContact {
  std::uint32_t number = 0;  // of the Id
  std::uint16_t first_name = 0;
  std::uint16_t last_name = 0;
  std::uint16_t phone_suffix = 0;
  std::uint16_t created_day_offset = 0;  // after the account was created
  std::uint8_t title = 0;
  std::uint8_t domain = 0;  // index into the account's domains
};

enum class EmailPattern : std::uint8_t { first_dot_last, initial_last, first_underscore_last };

struct CustomerAccount {
  std::string id;
  std::string name;
  std::vector<std::string> domains;            // the first is the website's
  std::vector<BuyerContact> contacts;          // live; deals only ever use these
  std::vector<BuyerContact> deleted_contacts;  // exported with IsDeleted=true
  long long employees = 0;
  Date created;
  int owner = 0;  // index into Company::users
  std::uint8_t country = 0;
  std::uint8_t industry = 0;
  std::uint8_t type = 0;
  EmailPattern email_pattern = EmailPattern::first_dot_last;
};

struct Company {
  std::vector<SalesUser> users;  // managers come before their reports
  std::vector<int> reps;         // the users who own opportunities
  std::vector<CustomerAccount> accounts;
  // Consultancies who work on some deals beside the buyer; they are never
  // sold to, and matching must never take their domain for the buyer's.
  std::vector<CustomerAccount> partners;
  long long live_contacts = 0;
};

Company build_company(std::uint64_t seed, long long opportunities);

// Writes User.csv, Account.csv and Contact.csv.
void write_company(const Company& company, ExportFiles& files);

std::string contact_id(const BuyerContact& contact);
std::string_view contact_first_name(const BuyerContact& contact);
std::string contact_name(const BuyerContact& contact);
std::string contact_email(const CustomerAccount& account, const BuyerContact& contact);
inline const Title& contact_title(const BuyerContact& contact) { return kTitles[contact.title]; }

}  // namespace rearview::generate
