// The reading roles of a session, and the milestone recorder, on SQLite.
// Private to the adapter; each works on its session's connection.
#pragma once

#include "connection.h"
#include "rearview/core/account_store.h"
#include "rearview/core/calendar_events.h"
#include "rearview/core/deal_queries.h"
#include "rearview/core/derived_store.h"
#include "rearview/core/interaction_links.h"
#include "rearview/core/interview_store.h"
#include "rearview/core/matching_store.h"
#include "rearview/core/milestone_recorder.h"
#include "rearview/core/opportunity_directory.h"
#include "rearview/core/snapshot_source.h"
#include "rearview/core/stage_catalogue.h"
#include "rearview/core/tracker_store.h"

namespace rearview::sqlite {

class SqliteStageCatalogue final : public StageCatalogue {
 public:
  explicit SqliteStageCatalogue(Connection& connection) : connection_(connection) {}
  Result<std::vector<Stage>> stages() override;

 private:
  Result<void> read_milestones(Stage& stage);
  Connection& connection_;
};

class SqliteSnapshotSource final : public SnapshotSource {
 public:
  SqliteSnapshotSource(Connection& connection, StageCatalogue& catalogue)
      : connection_(connection), catalogue_(catalogue) {}
  Result<std::optional<OpportunitySnapshot>> snapshot(const Id& id) override;
  Result<long long> for_each_snapshot(const DealFilter& filter, const Visit& visit,
                                      SnapshotDetail detail) override;

 private:
  Connection& connection_;
  StageCatalogue& catalogue_;  // which contact roles attain milestones
};

class SqliteOpportunityDirectory final : public OpportunityDirectory {
 public:
  explicit SqliteOpportunityDirectory(Connection& connection) : connection_(connection) {}
  Result<std::vector<OpportunityName>> find_opportunities(const std::string& text,
                                                          int limit) override;
  Result<std::vector<OpportunityName>> opportunity_names() override;

 private:
  Connection& connection_;
};

class SqliteDealQueries final : public DealQueries {
 public:
  explicit SqliteDealQueries(Connection& connection) : connection_(connection) {}
  Result<RecordCounts> counts() override;
  Result<std::vector<OpportunitySpan>> spans(const DealFilter& filter) override;
  Result<std::vector<DealSummary>> list_deals(const DealListQuery& query) override;
  Result<bool> in_scope(const Id& opportunity_id, const DealScope& scope) override;

 private:
  Connection& connection_;
};

// In derived_store.cc.
class SqliteDerivedStore final : public DerivedStore {
 public:
  explicit SqliteDerivedStore(Connection& connection) : connection_(connection) {}
  Result<std::vector<QueuedDeal>> queued_deals() override;
  Result<long long> queued_count() override;
  Result<std::optional<long long>> queued_stamp(const Id& opportunity_id) override;
  Result<long long> queued_outcome_changes() override;
  Result<void> dequeue(std::span<const QueuedDeal> done) override;
  Result<std::optional<StoredContext>> context(const std::string& cohort_key) override;
  Result<void> save_context(const StoredContext& context) override;
  Result<std::vector<std::string>> cohort_keys() override;
  Result<std::optional<StoredAnalysis>> analysis(const Id& opportunity_id) override;
  Result<void> save_analysis(const StoredAnalysis& analysis) override;
  Result<long long> stale_analyses(long long context_version) override;
  Result<long long> for_each_current_closed_analysis(
      long long context_version,
      const std::function<Result<void>(const StoredAnalysis&)>& visit) override;
  Result<std::vector<Id>> closed_deals_without_current_analysis(long long context_version) override;

 private:
  Connection& connection_;
};

// In sqlite_matching.cc.
class SqliteMatchingStore final : public MatchingStore {
 public:
  explicit SqliteMatchingStore(Connection& connection) : connection_(connection) {}
  Result<MatchingDirectory> directory() override;
  Result<void> for_each_interaction(const Visit& visit) override;
  Result<long long> interaction_count() override;
  Result<bool> save(const MatchOutcome& outcome, Timestamp matched_at) override;
  Result<std::vector<QueuedInteraction>> queue(std::optional<MatchStatus> only,
                                               std::size_t limit) override;

 private:
  Result<std::vector<InteractionToMatch>> interaction_page(long long after_time,
                                                           const std::string& after_id);
  Result<void> read_participants_and_links(std::vector<InteractionToMatch>& page);
  Result<bool> save_links(const MatchOutcome& outcome);
  Result<bool> save_queue_entry(const MatchOutcome& outcome, Timestamp matched_at);
  Connection& connection_;
};

// In sqlite_trackers.cc.
class SqliteTrackerStore final : public TrackerStore {
 public:
  explicit SqliteTrackerStore(Connection& connection) : connection_(connection) {}
  Result<void> for_each_interaction_to_scan(std::uint64_t fingerprint,
                                            const Visit& visit) override;
  Result<long long> interactions_to_scan(std::uint64_t fingerprint) override;
  Result<void> save_hits(const Id& interaction_id, std::uint64_t fingerprint,
                         const std::vector<TrackerHit>& hits) override;
  Result<std::vector<std::string>> competitor_field_values() override;

 private:
  Result<std::vector<InteractionText>> page_to_scan(std::uint64_t fingerprint, const Id& after);
  Result<bool> same_hits(const Id& interaction_id, const std::vector<TrackerHit>& hits);
  Connection& connection_;
};

// In sqlite_interviews.cc.
class SqliteInterviewStore final : public InterviewStore {
 public:
  explicit SqliteInterviewStore(Connection& connection) : connection_(connection) {}
  Result<void> save_interview(const BuyerInterview& interview) override;
  Result<std::optional<BuyerInterview>> interview(const Id& opportunity_id) override;

 private:
  Connection& connection_;
};

// An interview as the JSON document the buyer_interviews table keeps.
std::string interview_document(const BuyerInterview& interview);
// None when the document is damaged.
std::optional<BuyerInterview> interview_from_document(const Id& opportunity_id,
                                                      std::string_view document);

// In sqlite_accounts.cc.
class SqliteAccountStore final : public AccountStore {
 public:
  explicit SqliteAccountStore(Connection& connection) : connection_(connection) {}
  Result<long long> add_user(const AppUser& user, const std::string& password_hash) override;
  Result<std::optional<AppUser>> user(long long id) override;
  Result<std::optional<AppUser>> user_by_email(const std::string& email) override;
  Result<std::vector<AppUser>> users() override;
  Result<std::optional<std::string>> password_hash(long long user_id) override;
  Result<std::optional<User>> crm_user(const Id& id) override;
  Result<std::vector<User>> crm_users() override;
  Result<void> save_login(const std::string& token_hash, long long user_id, Timestamp created_at,
                          Timestamp expires_at) override;
  Result<std::optional<long long>> login_user(const std::string& token_hash,
                                              Timestamp now) override;
  Result<void> end_login(const std::string& token_hash) override;
  Result<long long> save_api_token(long long user_id, const std::string& token_hash,
                                   const std::string& label, Timestamp created_at) override;
  Result<std::optional<long long>> api_token_user(const std::string& token_hash) override;
  Result<void> assign_interview(const Id& opportunity_id, long long user_id,
                                Timestamp at) override;
  Result<void> audit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> audit_log(int limit) override;

 private:
  Connection& connection_;
};

class SqliteInteractionLinks final : public InteractionLinks {
 public:
  explicit SqliteInteractionLinks(Connection& connection) : connection_(connection) {}
  Result<std::optional<Id>> find_interaction(const std::string& text) override;
  Result<std::vector<InteractionLink>> links_of(const Id& interaction_id) override;
  Result<void> assign(const Id& interaction_id, const InteractionLink& link) override;

 private:
  Connection& connection_;
};

class SqliteCalendarEvents final : public CalendarEvents {
 public:
  explicit SqliteCalendarEvents(Connection& connection) : connection_(connection) {}
  Result<std::optional<EventVersion>> version(const std::string& uid,
                                              const std::string& occurrence) override;
  Result<void> save_version(const std::string& uid, const std::string& occurrence,
                            const EventVersion& version) override;
  Result<std::vector<Id>> interactions_of(const std::string& uid) override;
  Result<void> remove_interaction(const Id& interaction_id) override;
  Result<std::optional<OpportunitiesLife>> opportunities_life() override;

 private:
  Connection& connection_;
};

class SqliteMilestoneRecorder final : public MilestoneRecorder {
 public:
  explicit SqliteMilestoneRecorder(Connection& connection) : connection_(connection) {}
  Result<void> record_milestone(const Id& opportunity_id,
                                const MilestoneAttainment& attainment) override;

 private:
  Connection& connection_;
};

}  // namespace rearview::sqlite
