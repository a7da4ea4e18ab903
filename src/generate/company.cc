#include "company.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "calendar.h"
#include "ids.h"
#include "random.h"
#include "slug.h"

namespace rearview::generate {
namespace {

// Deleted rows are rare in real exports; one in this many contacts is one.
constexpr std::uint32_t kDeletedContactEvery = 2000;
constexpr std::uint32_t kDeletedContactPhase = 7;

struct TeamShape {
  int directors;
  int managers;
  int engineers;
  int reps;
};

// One VP; a director per ~60 people, a first-line manager per ~8, a
// solutions engineer per ~7 reps.
TeamShape team_shape(long long opportunities) {
  const int total = int(std::min<long long>(10 + opportunities / 400, 600));
  TeamShape shape;
  shape.directors = std::max(1, total / 60);
  shape.managers = std::max(1, (total - 1 - shape.directors) / 8);
  shape.engineers = std::max(1, (total - 1 - shape.directors - shape.managers) / 7);
  shape.reps = total - 1 - shape.directors - shape.managers - shape.engineers;
  return shape;
}

constexpr std::string_view kRegions[] = {"East", "Central", "West", "EMEA"};
constexpr std::string_view kRegionTimeZones[] = {"America/New_York", "America/Chicago",
                                                 "America/Los_Angeles", "Europe/London"};

class TeamBuilder {
 public:
  TeamBuilder(Random& random, Company& company) : random_(random), company_(company) {}

  void build(const TeamShape& shape) {
    const int vice_president = add("VP of Sales", -1, kRegionTimeZones[0]);
    std::vector<int> directors, managers, engineers;
    for (int index = 0; index < shape.directors; ++index) {
      const std::size_t region = std::size_t(index) % std::size(kRegions);
      directors.push_back(add(fmt::format("Regional Sales Director, {}", kRegions[region]),
                              vice_president, kRegionTimeZones[region]));
    }
    for (int index = 0; index < shape.managers; ++index)
      managers.push_back(add("Sales Manager", directors[std::size_t(index) % directors.size()]));
    for (int index = 0; index < shape.engineers; ++index)
      engineers.push_back(
          add("Solutions Engineer", managers[std::size_t(index) % managers.size()]));
    for (int index = 0; index < shape.reps; ++index) {
      const int manager = managers[std::size_t(index) % managers.size()];
      const int rep =
          add(random_.chance(0.3) ? "Senior Account Executive" : "Account Executive", manager);
      SalesUser& user = company_.users[std::size_t(rep)];
      user.skill = random_.uniform(0.7, 1.3);
      user.engineer = engineers[std::size_t(index) % engineers.size()];
      company_.reps.push_back(rep);
    }
  }

 private:
  // A manager's time zone is inherited unless given: teams sit together.
  int add(std::string title, int manager, std::string_view time_zone = {}) {
    SalesUser user;
    do {
      user.first_name = std::string(random_.pick(kFirstNames));
      user.last_name = std::string(random_.pick(kLastNames));
      user.email = fmt::format("{}.{}@{}", ascii_slug(user.first_name), ascii_slug(user.last_name),
                               kCompanyDomain);
    } while (!emails_.insert(user.email).second);
    user.name = user.first_name + " " + user.last_name;
    user.id = salesforce_id(key_prefix::kUser, static_cast<long long>(company_.users.size()) + 1);
    user.title = std::move(title);
    user.manager = manager;
    user.time_zone =
        !time_zone.empty() ? time_zone : company_.users[std::size_t(manager)].time_zone;
    user.created = Date{2021y / 1 / 4} + std::chrono::days{random_.between(0, 880)};
    company_.users.push_back(std::move(user));
    return int(company_.users.size()) - 1;
  }

  Random& random_;
  Company& company_;
  std::unordered_set<std::string> emails_;
};

class AccountBuilder {
 public:
  AccountBuilder(Random& random, Company& company) : random_(random), company_(company) {}

  void build(long long count) {
    company_.accounts.reserve(std::size_t(count));
    for (long long index = 0; index < count; ++index) company_.accounts.push_back(make(index));
    // After the customers, so that adding partners changed none of them.
    const long long partners = std::max<long long>(2, count / 150);
    for (long long index = 0; index < partners; ++index) {
      CustomerAccount partner = make(count + index);
      partner.type = kPartnerType;
      company_.partners.push_back(std::move(partner));
    }
  }

 private:
  CustomerAccount make(long long index) {
    CustomerAccount account;
    account.id = salesforce_id(key_prefix::kAccount, index + 1);
    account.country = std::uint8_t(random_.weighted(kCountryWeights));
    account.industry = std::uint8_t(random_.below(std::size(kIndustryWords)));
    account.type = std::uint8_t(random_.weighted(kAccountTypeWeights));
    account.owner = random_.pick(company_.reps);
    account.employees = std::clamp<long long>(std::llround(random_.lognormal(350, 1.3)), 8, 150000);
    account.created = Date{2020y / 1 / 6} + std::chrono::days{random_.between(0, 1270)};
    constexpr int kPatternWeights[] = {70, 20, 10};
    account.email_pattern = EmailPattern(random_.weighted(kPatternWeights));
    name_account(account);
    add_contacts(account);
    return account;
  }

  std::string random_stem() {
    if (random_.chance(0.3)) return std::string(random_.pick(kStemWords));
    std::string stem(random_.pick(kStemStarts));
    stem.append(random_.pick(kStemEnds));
    return stem;
  }

  // The website's domain follows from the name and must be unique, since it
  // is how e-mail addresses are matched to accounts; a name is unique within
  // its top-level domain too. Collisions retry with another name, then add
  // words until both are free.
  void name_account(CustomerAccount& account) {
    const Country& country = kCountries[account.country];
    const std::string_view industry_word = kIndustryWords[account.industry].word;
    for (int attempt = 0;; ++attempt) {
      std::string stem = random_stem();
      std::string base = fmt::format("{} {}", stem, industry_word);
      if (attempt >= 8) base += " Group";
      if (attempt >= 16) base += fmt::format(" {}", attempt - 14);
      const std::string_view top_level =
          account.country != 0 && random_.chance(0.15) ? ".com" : country.top_level_domain;
      const std::string_view separator = random_.chance(0.5) ? "-" : "";
      std::string domain = ascii_slug(base, separator) + std::string(top_level);
      if (domains_.contains(domain) ||
          !names_.insert(ascii_slug(base) + std::string(top_level)).second)
        continue;
      domains_.insert(domain);
      account.name = base + std::string(random_.pick(country.legal_forms));
      account.domains.push_back(std::move(domain));
      if (random_.chance(0.35)) {
        std::string second = ascii_slug(stem) + std::string(random_.pick(kSecondDomainEndings));
        if (domains_.insert(second).second) account.domains.push_back(std::move(second));
      }
      return;
    }
  }

  void add_contacts(CustomerAccount& account) {
    constexpr int kCountWeights[] = {10, 18, 20, 18, 14, 11, 9};  // 2..8 contacts
    const std::size_t count = 2 + random_.weighted(kCountWeights);
    std::vector<std::string> emails;
    while (account.contacts.size() < count) {
      BuyerContact contact;
      // The first is an executive so every account has someone who signs.
      contact.title = account.contacts.empty() ? executive_title() : other_title(account);
      contact.first_name = std::uint16_t(random_.below(std::size(kFirstNames)));
      contact.last_name = std::uint16_t(random_.below(std::size(kLastNames)));
      contact.domain =
          std::uint8_t(random_.chance(0.8) ? 0 : random_.below(account.domains.size()));
      std::string email = contact_email(account, contact);
      if (std::ranges::find(emails, email) != emails.end()) continue;
      emails.push_back(std::move(email));
      fill_details(account, contact);
      account.contacts.push_back(contact);
      ++company_.live_contacts;
      if (contact.number % kDeletedContactEvery == kDeletedContactPhase) {
        BuyerContact deleted = contact;
        fill_details(account, deleted);
        account.deleted_contacts.push_back(deleted);
      }
    }
  }

  // Contacts exist before the deals that involve them.
  void fill_details(const CustomerAccount& account, BuyerContact& contact) {
    contact.number = ++contact_numbers_;
    contact.phone_suffix = std::uint16_t(random_.between(0, 9999));
    const long long days_before_deals = (day_of(kHistoryStart) - account.created).count() - 1;
    contact.created_day_offset =
        std::uint16_t(random_.between(0, std::clamp<long long>(days_before_deals, 0, 400)));
  }

  std::uint8_t executive_title() {
    for (;;) {
      const std::size_t title = random_.below(std::size(kTitles));
      if (kTitles[title].seniority == Seniority::executive) return std::uint8_t(title);
    }
  }

  std::uint8_t other_title(const CustomerAccount& account) {
    for (;;) {
      const std::uint8_t title = std::uint8_t(random_.below(std::size(kTitles)));
      auto taken = [&](const BuyerContact& contact) { return contact.title == title; };
      if (std::ranges::none_of(account.contacts, taken)) return title;
    }
  }

  Random& random_;
  Company& company_;
  std::unordered_set<std::string> domains_;
  std::unordered_set<std::string> names_;  // per top-level domain
  std::uint32_t contact_numbers_ = 0;
};

void write_users(const Company& company, CsvFile& file) {
  for (const SalesUser& user : company.users) {
    file.text(user.id).text(user.email).text(user.first_name).text(user.last_name);
    file.text(user.name).text(user.email).text(user.title);
    file.text(user.manager >= 0 ? std::string_view(company.users[std::size_t(user.manager)].id)
                                : std::string_view());
    file.flag(true).empty().text(user.time_zone).timestamp(user.created + 9h);
    file.end_row();
  }
}

void write_account(const Company& company, const CustomerAccount& account, CsvFile& file) {
  const long long revenue_per_employee = 90'000 + (account.employees * 7919) % 170'000;
  file.text(account.id).flag(false).text(account.name).text(kAccountTypes[account.type]);
  file.text(kIndustryWords[account.industry].industry)
      .text(fmt::format("https://www.{}", account.domains.front()));
  file.text(company.users[std::size_t(account.owner)].id)
      .text(kCountries[account.country].name)
      .number(account.employees)
      .number(account.employees * revenue_per_employee / 1000 * 1000)
      .timestamp(account.created + 15h);
  file.end_row();
}

void write_accounts(const Company& company, CsvFile& file) {
  for (const auto* accounts : {&company.accounts, &company.partners})
    for (const CustomerAccount& account : *accounts) write_account(company, account, file);
}

void write_contact(const CustomerAccount& account, const BuyerContact& contact, bool deleted,
                   CsvFile& file) {
  const Title& title = contact_title(contact);
  file.text(contact_id(contact)).flag(deleted).text(account.id);
  file.text(contact_first_name(contact)).text(kLastNames[contact.last_name]);
  file.text(contact_name(contact)).text(contact_email(account, contact)).text(title.name);
  file.text(title.department)
      .text(fmt::format(fmt::runtime(kCountries[account.country].phone_format),
                        fmt::format("{:04d}", contact.phone_suffix)));
  file.timestamp(account.created + std::chrono::days{contact.created_day_offset} + 16h);
  file.end_row();
}

}  // namespace

Company build_company(std::uint64_t seed, long long opportunities) {
  Random random = Random::for_item(seed, Stream::company, 0);
  Company company;
  TeamBuilder(random, company).build(team_shape(opportunities));
  AccountBuilder(random, company).build(opportunities / 3 + 20);
  return company;
}

void write_company(const Company& company, ExportFiles& files) {
  write_users(company, files.users);
  write_accounts(company, files.accounts);
  for (const auto* accounts : {&company.accounts, &company.partners})
    for (const CustomerAccount& account : *accounts) {
      for (const BuyerContact& contact : account.contacts)
        write_contact(account, contact, false, files.contacts);
      for (const BuyerContact& contact : account.deleted_contacts)
        write_contact(account, contact, true, files.contacts);
    }
}

std::string contact_id(const BuyerContact& contact) {
  return salesforce_id(key_prefix::kContact, contact.number);
}

std::string_view contact_first_name(const BuyerContact& contact) {
  return kFirstNames[contact.first_name];
}

std::string contact_name(const BuyerContact& contact) {
  return fmt::format("{} {}", kFirstNames[contact.first_name], kLastNames[contact.last_name]);
}

std::string contact_email(const CustomerAccount& account, const BuyerContact& contact) {
  const std::string first = ascii_slug(kFirstNames[contact.first_name]);
  const std::string last = ascii_slug(kLastNames[contact.last_name]);
  const std::string& domain = account.domains[contact.domain];
  switch (account.email_pattern) {
    case EmailPattern::initial_last:
      return fmt::format("{}{}@{}", first.front(), last, domain);
    case EmailPattern::first_underscore_last:
      return fmt::format("{}_{}@{}", first, last, domain);
    case EmailPattern::first_dot_last:
      break;
  }
  return fmt::format("{}.{}@{}", first, last, domain);
}

}  // namespace rearview::generate
