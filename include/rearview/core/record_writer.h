// The role importers write through: records keyed by the CRM's ids, and the
// few lookups an importer needs to link what it reads to what is stored.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "rearview/core/error.h"
#include "rearview/core/model.h"
#include "rearview/core/stage_history.h"

namespace rearview {

enum class WriteOutcome { inserted, updated, unchanged };

enum class RecordKind { user, account, contact, opportunity };

// How far a source has been read: a file as it was when it was read last, so
// that a re-run reads only what is new (or changed) since.
struct SourceCursor {
  std::string location;  // the file's absolute path
  long long size = 0;
  long long modified = 0;  // the file's modification time, as the file system counts it
  long long position = 0;  // bytes read
  // Of the bytes just before `position`: a file that only grew since still
  // has them there, one rewritten has not.
  long long fingerprint = 0;
};

// Reached through a WriteTransaction only, so that every write belongs to
// one; it sees the transaction's own writes.
class RecordWriter {
 public:
  virtual ~RecordWriter() = default;

  // Each upsert compares with what is stored and writes only on a change.
  // A reference to a missing record fails with ErrorCode::missing_reference
  // and writes nothing.
  virtual Result<WriteOutcome> upsert(const User& user) = 0;
  virtual Result<WriteOutcome> upsert(const Account& account) = 0;
  virtual Result<WriteOutcome> upsert(const Contact& contact) = 0;
  virtual Result<WriteOutcome> upsert(const Opportunity& opportunity) = 0;
  virtual Result<WriteOutcome> upsert(const OpportunityHistoryRow& row) = 0;
  virtual Result<WriteOutcome> upsert(const FieldChange& change) = 0;
  virtual Result<WriteOutcome> upsert(const ContactRole& role) = 0;
  virtual Result<WriteOutcome> upsert(const Interaction& interaction) = 0;
  // A stage is keyed by its name; its milestone definitions are replaced.
  virtual Result<WriteOutcome> upsert(const Stage& stage) = 0;

  virtual Result<bool> exists(RecordKind kind, const Id& id) = 0;
  // Contact or user ids by e-mail address (lower-case), for matching
  // participants; the lowest id when several share one.
  virtual Result<std::optional<Id>> contact_by_email(const std::string& address) = 0;
  virtual Result<std::optional<Id>> user_by_email(const std::string& address) = 0;
  virtual Result<std::optional<Id>> user_by_name(const std::string& name) = 0;
  virtual Result<std::optional<Id>> account_by_name(const std::string& name) = 0;

  // The e-mail with this Message-ID that is a CRM record, if any; and the
  // ones read from a mailbox or an IMAP folder.
  virtual Result<std::optional<Id>> crm_email_of_message(const std::string& message_id) = 0;
  virtual Result<std::vector<Id>> captured_emails_of_message(const std::string& message_id) = 0;
  // Removes an interaction with its participants, links and what matching
  // and the trackers kept of it; its deals are queued for analysis.
  virtual Result<void> remove_interaction(const Id& id) = 0;

  virtual Result<std::optional<SourceCursor>> source_cursor(SourceKind source,
                                                            const std::string& location) = 0;
  virtual Result<void> save_source_cursor(SourceKind source, const SourceCursor& cursor) = 0;

  // Opportunities whose record or history changed since their stage entries
  // were last derived. `derive` computes the new entries; the store keeps
  // them, with the closed time. Returns how many were derived.
  using DeriveStageEntries = std::function<StageEntriesAndClose(const OpportunityForDerivation&)>;
  virtual Result<long long> rederive_changed_opportunities(const DeriveStageEntries& derive) = 0;
};

}  // namespace rearview
