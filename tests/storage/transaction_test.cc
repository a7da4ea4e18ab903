// Transactions and sessions: scoped transactions, isolation between
// sessions, readers that never wait for a writer, writers that wait for each
// other, and sessions at work in several threads at once.
#include <fmt/format.h>

#include <atomic>
#include <thread>

#include "conformance.h"

namespace rearview::conformance {
namespace {

using Clock = std::chrono::steady_clock;

class TransactionConformance : public StorageConformance {
 protected:
  void SetUp() override {
    StorageConformance::SetUp();
    write_company();
  }
  static Account account(const Id& id) { return Account{.id = id, .name = "Account " + id}; }
  static long long accounts_seen_by(Session& session) {
    auto counts = session.deals().counts();
    EXPECT_TRUE(counts) << counts.error().message;
    return counts ? counts->accounts : -1;
  }
};
REARVIEW_FOR_EVERY_ENGINE(TransactionConformance);

TEST_P(TransactionConformance, ATransactionEndedWithoutCommitRollsBack) {
  {
    auto transaction = session().write_transaction();
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(transaction->records().upsert(account("001B")));
    EXPECT_EQ(accounts_seen_by(session()), 2);  // its own writes, while it is open
  }
  EXPECT_EQ(accounts_seen_by(session()), 1);
}

TEST_P(TransactionConformance, RollbackEndsItAtOnceAndCommitThenFails) {
  auto transaction = session().write_transaction();
  ASSERT_TRUE(transaction);
  ASSERT_TRUE(transaction->records().upsert(account("001B")));
  transaction->rollback();
  EXPECT_FALSE(transaction->is_open());
  EXPECT_FALSE(transaction->commit());
  EXPECT_EQ(accounts_seen_by(session()), 1);
}

TEST_P(TransactionConformance, AMovedTransactionIsEndedOnceByItsNewOwner) {
  auto transaction = session().write_transaction();
  ASSERT_TRUE(transaction);
  WriteTransaction moved = std::move(*transaction);
  EXPECT_FALSE(transaction->is_open());
  ASSERT_TRUE(moved.records().upsert(account("001B")));
  ASSERT_TRUE(moved.commit());
  EXPECT_EQ(accounts_seen_by(session()), 2);
}

TEST_P(TransactionConformance, WhatASessionCommitsTheNextSessionSees) {
  write([&](RecordWriter& records) { ASSERT_TRUE(records.upsert(account("001B"))); });
  reopen_session();
  EXPECT_EQ(accounts_seen_by(session()), 2);
}

TEST_P(TransactionConformance, ASessionHasOneTransactionAtATime) {
  auto writing = session().write_transaction();
  ASSERT_TRUE(writing);
  EXPECT_FALSE(session().write_transaction());
  EXPECT_FALSE(session().read_transaction());
  writing->rollback();
  auto reading = session().read_transaction();
  EXPECT_TRUE(reading);
}

TEST_P(TransactionConformance, AReaderSeesOnlyCommittedWritesAndDoesNotWaitForTheWriter) {
  REARVIEW_NEEDS_CONCURRENT_SESSIONS();
  auto reader = another_session();
  ASSERT_TRUE(reader);
  auto transaction = session().write_transaction();
  ASSERT_TRUE(transaction);
  ASSERT_TRUE(transaction->records().upsert(account("001B")));
  auto started = Clock::now();
  EXPECT_EQ(accounts_seen_by(*reader), 1);
  auto snapshots =
      reader->snapshots().for_each_snapshot({}, [](const auto&) { return Result<void>(); });
  EXPECT_TRUE(snapshots) << snapshots.error().message;
  EXPECT_LT(Clock::now() - started, kWriterWait);  // it did not wait for the writer
  ASSERT_TRUE(transaction->commit());
  EXPECT_EQ(accounts_seen_by(*reader), 2);
}

TEST_P(TransactionConformance, AReadTransactionKeepsTheStateItBeganWith) {
  REARVIEW_NEEDS_CONCURRENT_SESSIONS();
  auto reader = another_session();
  ASSERT_TRUE(reader);
  auto reading = reader->read_transaction();
  ASSERT_TRUE(reading);
  write([&](RecordWriter& records) { ASSERT_TRUE(records.upsert(account("001B"))); });
  EXPECT_EQ(accounts_seen_by(*reader), 1);
  EXPECT_EQ(accounts_seen_by(*reader), 1);
  reading->rollback();
  EXPECT_EQ(accounts_seen_by(*reader), 2);
}

TEST_P(TransactionConformance, ASecondWriterWaitsThenIsToldTheDatabaseIsLocked) {
  REARVIEW_NEEDS_CONCURRENT_SESSIONS();
  auto second = another_session();
  ASSERT_TRUE(second);
  auto first = session().write_transaction();
  ASSERT_TRUE(first);
  auto started = Clock::now();
  auto refused = second->write_transaction();
  auto waited = Clock::now() - started;
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::database_locked);
  EXPECT_NE(refused.error().hint.find("another rearview process is writing"), std::string::npos);
  EXPECT_GE(waited, kWriterWait * 9 / 10);
}

TEST_P(TransactionConformance, ASecondWriterGoesOnOnceTheFirstCommits) {
  REARVIEW_NEEDS_CONCURRENT_SESSIONS();
  auto second = another_session();
  ASSERT_TRUE(second);
  auto first = session().write_transaction();
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->records().upsert(account("001B")));
  std::thread committer([&] {
    std::this_thread::sleep_for(kWriterWait / 4);
    EXPECT_TRUE(first->commit());
  });
  auto waited = second->write_transaction();
  committer.join();
  ASSERT_TRUE(waited) << waited.error().message;
  EXPECT_EQ(accounts_seen_by(*second), 2);  // it began after the first writer's commit
}

// One writer commits batches while two readers read: every read sees whole
// batches, never part of one, and never fewer deals than the read before.
TEST_P(TransactionConformance, SessionsWorkInSeveralThreadsAtOnce) {
  REARVIEW_NEEDS_CONCURRENT_SESSIONS();
  constexpr int kBatches = 20;
  constexpr int kDealsPerBatch = 25;
  auto writer = another_session();
  ASSERT_TRUE(writer);
  std::atomic<bool> writing = true;
  std::thread writer_thread([&] {
    struct StopReaders {
      std::atomic<bool>& writing;
      ~StopReaders() { writing = false; }  // also when an assertion ends the thread early
    } stop_readers{writing};
    for (int batch = 0; batch < kBatches; ++batch) {
      auto transaction = writer->write_transaction();
      ASSERT_TRUE(transaction) << transaction.error().message;
      for (int deal = 0; deal < kDealsPerBatch; ++deal)
        ASSERT_TRUE(transaction->records().upsert(
            company_.deal(fmt::format("006-{:03}-{:03}", batch, deal), Outcome::open)));
      ASSERT_TRUE(transaction->commit());
    }
  });
  auto read_until_written = [&](Session& reader, auto&& count) {
    long long last = 0;
    int reads = 0;
    while (writing || reads == 0) {
      long long seen = count(reader);
      EXPECT_EQ(seen % kDealsPerBatch, 0) << "a read saw part of a transaction";
      EXPECT_GE(seen, last);
      last = seen;
      ++reads;
    }
  };
  auto by_counts = [](Session& reader) {
    auto counts = reader.deals().counts();
    return counts ? counts->opportunities_open : -1;
  };
  auto by_scan = [](Session& reader) {
    auto visited = reader.snapshots().for_each_snapshot(
        {}, [](const OpportunitySnapshot&) { return Result<void>(); },
        SnapshotDetail::without_bodies);
    return visited.value_or(-1);
  };
  auto scanner = another_session();
  ASSERT_TRUE(scanner);
  std::thread counting_thread([&] { read_until_written(session(), by_counts); });
  std::thread scanning_thread([&] { read_until_written(*scanner, by_scan); });
  writer_thread.join();
  counting_thread.join();
  scanning_thread.join();
  EXPECT_EQ(by_counts(session()), kBatches * kDealsPerBatch);
}

}  // namespace
}  // namespace rearview::conformance
