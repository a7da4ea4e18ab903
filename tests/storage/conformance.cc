#include "conformance.h"

namespace rearview::conformance {

Timestamp at(std::string_view text) {
  auto parsed = parse_timestamp(text);
  if (!parsed) throw std::invalid_argument(std::string(text) + " is not a time");
  return *parsed;
}

Opportunity Company::deal(const Id& id, Outcome outcome) const {
  return Opportunity{.id = id,
                     .name = "Deal " + id,
                     .account_id = account.id,
                     .owner_id = rep.id,
                     .amount = 1000,
                     .stage = outcome == Outcome::open  ? "Prospecting"
                              : outcome == Outcome::won ? "Closed Won"
                                                        : "Closed Lost",
                     .created_at = at("2024-01-01T09:00:00Z"),
                     .outcome = outcome};
}

std::string engine_name(const ::testing::TestParamInfo<DatabaseFactory>& info) {
  return info.param.name;
}

void StorageConformance::SetUp() {
  auto database = GetParam().make(folder_.path());
  ASSERT_TRUE(database) << database.error().message;
  database_ = std::move(*database);
  auto session = database_->open_session();
  ASSERT_TRUE(session) << session.error().message;
  session_ = std::move(*session);
}

std::unique_ptr<Session> StorageConformance::another_session() {
  auto session = database_->open_session();
  if (!session) ADD_FAILURE() << session.error().message;
  return session ? std::move(*session) : nullptr;
}

void StorageConformance::reopen_session() {
  session_.reset();
  auto session = database_->open_session();
  ASSERT_TRUE(session) << session.error().message;
  session_ = std::move(*session);
}

void StorageConformance::write(const std::function<void(RecordWriter&)>& write) {
  auto transaction = session().write_transaction();
  ASSERT_TRUE(transaction) << transaction.error().message;
  write(transaction->records());
  auto committed = transaction->commit();
  ASSERT_TRUE(committed) << committed.error().message;
}

void StorageConformance::write_company() {
  write([&](RecordWriter& records) {
    for (const auto& user : {company_.manager, company_.rep}) ASSERT_TRUE(records.upsert(user));
    ASSERT_TRUE(records.upsert(company_.account));
    for (const auto& contact : {company_.buyer, company_.engineer})
      ASSERT_TRUE(records.upsert(contact));
  });
}

long long StorageConformance::rederive(RecordWriter& records) {
  auto derived = records.rederive_changed_opportunities([&](const OpportunityForDerivation& deal) {
    StageEntriesAndClose result;
    if (deal.created_at)
      result.entries.push_back(StageEntry{deal.id, 0, deal.stage, *deal.created_at});
    if (auto closed = closed_at_.find(deal.id); closed != closed_at_.end())
      result.closed_at = closed->second;
    return result;
  });
  EXPECT_TRUE(derived) << derived.error().message;
  return derived.value_or(-1);
}

std::vector<Id> StorageConformance::ids_of(const DealFilter& filter) {
  std::vector<Id> ids;
  auto visited = session().snapshots().for_each_snapshot(
      filter, [&](const OpportunitySnapshot& deal) -> Result<void> {
        ids.push_back(deal.opportunity.id);
        return {};
      });
  EXPECT_TRUE(visited) << visited.error().message;
  return ids;
}

}  // namespace rearview::conformance
