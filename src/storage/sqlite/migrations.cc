#include "migrations.h"

namespace rearview::sqlite {
namespace {

// Times are UTC seconds since 1970 (INTEGER), dates ISO text (YYYY-MM-DD).
// row_hash fingerprints each imported record so a re-import writes nothing
// when nothing changed.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  manager_id TEXT REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED,
  is_active INTEGER NOT NULL DEFAULT 1,
  row_hash INTEGER NOT NULL
);
CREATE INDEX users_manager ON users(manager_id);
CREATE INDEX users_email ON users(email);
CREATE INDEX users_name ON users(name);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  owner_id TEXT REFERENCES users(id),
  custom TEXT NOT NULL DEFAULT '{}',
  row_hash INTEGER NOT NULL
);
CREATE INDEX accounts_name ON accounts(name);

CREATE TABLE account_domains (
  domain TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  PRIMARY KEY (domain, account_id)
) WITHOUT ROWID;
CREATE INDEX account_domains_account ON account_domains(account_id);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  account_id TEXT REFERENCES accounts(id),
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  custom TEXT NOT NULL DEFAULT '{}',
  row_hash INTEGER NOT NULL
);
CREATE INDEX contacts_account ON contacts(account_id);
CREATE INDEX contacts_email ON contacts(email);

CREATE TABLE stages (
  name TEXT PRIMARY KEY,
  sort_order INTEGER NOT NULL,
  probability REAL NOT NULL DEFAULT 0,
  is_closed INTEGER NOT NULL DEFAULT 0,
  is_won INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE milestone_definitions (
  stage TEXT NOT NULL REFERENCES stages(name) ON DELETE CASCADE,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('toggle', 'dropdown', 'picklist')),
  options TEXT NOT NULL DEFAULT '[]',
  position INTEGER NOT NULL,
  PRIMARY KEY (stage, key)
);

CREATE TABLE opportunities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  account_id TEXT REFERENCES accounts(id),
  owner_id TEXT REFERENCES users(id),
  amount REAL,
  currency TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL,
  created_at INTEGER,
  close_date TEXT,
  closed_at INTEGER,
  outcome TEXT NOT NULL CHECK (outcome IN ('open', 'won', 'lost')),
  loss_reason TEXT NOT NULL DEFAULT '',
  win_reason TEXT NOT NULL DEFAULT '',
  competitor TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  lead_source TEXT NOT NULL DEFAULT '',
  last_stage_change_at INTEGER,
  custom TEXT NOT NULL DEFAULT '{}',
  row_hash INTEGER NOT NULL
);
CREATE INDEX opportunities_account ON opportunities(account_id);
CREATE INDEX opportunities_owner ON opportunities(owner_id);
CREATE INDEX opportunities_outcome ON opportunities(outcome);

CREATE TABLE opportunity_history (
  id TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  changed_at INTEGER NOT NULL,
  stage TEXT NOT NULL DEFAULT '',
  amount REAL,
  close_date TEXT,
  probability REAL,
  sequence INTEGER NOT NULL,
  row_hash INTEGER NOT NULL
);
CREATE INDEX opportunity_history_opportunity ON opportunity_history(opportunity_id, changed_at, sequence);

CREATE TABLE field_changes (
  id TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  field TEXT NOT NULL,
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT '',
  changed_at INTEGER NOT NULL,
  changed_by TEXT,
  row_hash INTEGER NOT NULL
);
CREATE INDEX field_changes_opportunity ON field_changes(opportunity_id, changed_at);

CREATE TABLE contact_roles (
  id TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  role TEXT NOT NULL DEFAULT '',
  is_primary INTEGER NOT NULL DEFAULT 0,
  row_hash INTEGER NOT NULL
);
CREATE INDEX contact_roles_opportunity ON contact_roles(opportunity_id);

CREATE TABLE stage_entries (
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  sequence INTEGER NOT NULL,
  stage TEXT NOT NULL,
  entered_at INTEGER NOT NULL,
  PRIMARY KEY (opportunity_id, sequence)
) WITHOUT ROWID;

CREATE TABLE interactions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('email', 'meeting', 'call', 'note')),
  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal', 'unknown')),
  opportunity_id TEXT REFERENCES opportunities(id),
  account_id TEXT REFERENCES accounts(id),
  owner_id TEXT REFERENCES users(id),
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  occurred_at INTEGER NOT NULL,
  duration_seconds INTEGER,
  thread_id TEXT NOT NULL DEFAULT '',
  source_object TEXT NOT NULL DEFAULT '',
  row_hash INTEGER NOT NULL
);
CREATE INDEX interactions_opportunity ON interactions(opportunity_id, occurred_at);
CREATE INDEX interactions_account ON interactions(account_id);

CREATE TABLE interaction_participants (
  interaction_id TEXT NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  contact_id TEXT REFERENCES contacts(id),
  user_id TEXT REFERENCES users(id),
  PRIMARY KEY (interaction_id, position)
) WITHOUT ROWID;
CREATE INDEX interaction_participants_contact ON interaction_participants(contact_id) WHERE contact_id IS NOT NULL;

-- Opportunities whose stage entries must be derived again.
CREATE TABLE derive_queue (opportunity_id TEXT PRIMARY KEY) WITHOUT ROWID;
)sql";

// Milestones attained inside a stage, from the CRM, a user or the API.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE milestone_attainments (
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  stage TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  attained_at INTEGER NOT NULL,
  attained_by TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (opportunity_id, stage, key, attained_at)
) WITHOUT ROWID;
)sql";

// Milestones driven from the CRM: a contact role attains them, from when the
// contact got the role.
constexpr const char* kVersion3 = R"sql(
ALTER TABLE milestone_definitions ADD COLUMN contact_role TEXT NOT NULL DEFAULT '';
ALTER TABLE contact_roles ADD COLUMN created_at INTEGER;
)sql";

// The triggers that queue a deal when one of its interactions changes: in
// version 4 and again in version 5, which rebuilds the table they are on.
constexpr const char* kInteractionTriggers = R"sql(
CREATE TRIGGER interactions_insert_queues_analysis AFTER INSERT ON interactions BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER interactions_update_queues_analysis AFTER UPDATE ON interactions BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER interactions_delete_queues_analysis AFTER DELETE ON interactions BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;
)sql";

constexpr const char* kVersion4Head = R"sql(
-- The live engine's derived data (see core/derived_store.h). Triggers queue a
-- deal whenever one of its inputs changes, so every writer keeps the queue.
CREATE TABLE analysis_queue (
  opportunity_id TEXT PRIMARY KEY,
  stamp INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE analysis_contexts (
  cohort_key TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  inputs_fingerprint INTEGER NOT NULL,
  built_at INTEGER NOT NULL,
  closed_deals INTEGER NOT NULL,
  cohort TEXT NOT NULL,
  model BLOB NOT NULL,
  model_description TEXT NOT NULL
);

CREATE TABLE deal_analyses (
  opportunity_id TEXT PRIMARY KEY REFERENCES opportunities(id) ON DELETE CASCADE,
  context_version INTEGER NOT NULL,
  computed_at INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('open', 'won', 'lost')),
  health_score REAL,
  analysis TEXT NOT NULL
);
CREATE INDEX deal_analyses_version ON deal_analyses(context_version);

CREATE TRIGGER opportunities_insert_queues_analysis AFTER INSERT ON opportunities BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.id, random() WHERE NEW.id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER opportunities_update_queues_analysis AFTER UPDATE ON opportunities BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.id, random() WHERE NEW.id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER opportunity_history_insert_queues_analysis AFTER INSERT ON opportunity_history BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER opportunity_history_update_queues_analysis AFTER UPDATE ON opportunity_history BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER opportunity_history_delete_queues_analysis AFTER DELETE ON opportunity_history BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER stage_entries_insert_queues_analysis AFTER INSERT ON stage_entries BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER stage_entries_delete_queues_analysis AFTER DELETE ON stage_entries BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER field_changes_insert_queues_analysis AFTER INSERT ON field_changes BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER field_changes_update_queues_analysis AFTER UPDATE ON field_changes BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER field_changes_delete_queues_analysis AFTER DELETE ON field_changes BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER contact_roles_insert_queues_analysis AFTER INSERT ON contact_roles BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER contact_roles_update_queues_analysis AFTER UPDATE ON contact_roles BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER contact_roles_delete_queues_analysis AFTER DELETE ON contact_roles BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

)sql";

constexpr const char* kVersion4Tail = R"sql(
CREATE TRIGGER milestone_attainments_insert_queues_analysis AFTER INSERT ON milestone_attainments BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER milestone_attainments_update_queues_analysis AFTER UPDATE ON milestone_attainments BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE NEW.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER milestone_attainments_delete_queues_analysis AFTER DELETE ON milestone_attainments BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE OLD.opportunity_id IS NOT NULL
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

-- Deals already in the database are analysed on the first refresh.
INSERT INTO analysis_queue (opportunity_id, stamp) SELECT id, random() FROM opportunities;
)sql";

// The same interactions table with its CHECKs written as comparisons: SQLite
// codes `kind IN (four values)` as a temporary b-tree built for every row
// inserted, which cost an import a seventh of its time. Rebuilt as SQLite's
// ALTER TABLE page prescribes (new table, copy, drop, rename), with foreign
// keys off around it (see migrate()), so dropping the old table deletes no
// participants.
constexpr const char* kVersion5Table = R"sql(
CREATE TABLE interactions_rebuilt (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL
    CHECK (kind = 'email' OR kind = 'meeting' OR kind = 'call' OR kind = 'note'),
  direction TEXT NOT NULL
    CHECK (direction = 'inbound' OR direction = 'outbound' OR direction = 'internal' OR
           direction = 'unknown'),
  opportunity_id TEXT REFERENCES opportunities(id),
  account_id TEXT REFERENCES accounts(id),
  owner_id TEXT REFERENCES users(id),
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  occurred_at INTEGER NOT NULL,
  duration_seconds INTEGER,
  thread_id TEXT NOT NULL DEFAULT '',
  source_object TEXT NOT NULL DEFAULT '',
  row_hash INTEGER NOT NULL
);
INSERT INTO interactions_rebuilt SELECT id, kind, direction, opportunity_id, account_id, owner_id,
  subject, body, occurred_at, duration_seconds, thread_id, source_object, row_hash
  FROM interactions ORDER BY rowid;
DROP TABLE interactions;
ALTER TABLE interactions_rebuilt RENAME TO interactions;
CREATE INDEX interactions_opportunity ON interactions(opportunity_id, occurred_at);
CREATE INDEX interactions_account ON interactions(account_id);
)sql";

// Interactions independent of their source, with explicit links: an
// interaction may belong to several opportunities (or none yet), and each
// link says how it was made. The table is rebuilt without its opportunity_id
// (SQLite cannot drop a column a foreign key names) and with its source's kind
// and own id; every link it held becomes a CRM link.
constexpr const char* kVersion6 = R"sql(
CREATE TABLE interactions_rebuilt (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL
    CHECK (kind = 'email' OR kind = 'meeting' OR kind = 'call' OR kind = 'note'),
  direction TEXT NOT NULL
    CHECK (direction = 'inbound' OR direction = 'outbound' OR direction = 'internal' OR
           direction = 'unknown'),
  account_id TEXT REFERENCES accounts(id),
  owner_id TEXT REFERENCES users(id),
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  occurred_at INTEGER NOT NULL,
  duration_seconds INTEGER,
  thread_id TEXT NOT NULL DEFAULT '',
  source_object TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'crm'
    CHECK (source = 'crm' OR source = 'mailbox' OR source = 'calendar' OR source = 'transcript'),
  source_id TEXT NOT NULL DEFAULT '',
  row_hash INTEGER NOT NULL
);
CREATE TABLE interaction_links (
  interaction_id TEXT NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  method TEXT NOT NULL
    CHECK (method = 'crm' OR method = 'thread' OR method = 'contact' OR method = 'domain' OR
           method = 'calendar' OR method = 'manual'),
  score REAL NOT NULL,
  rule TEXT NOT NULL DEFAULT '',
  linked_at INTEGER,  -- NULL: linked before links recorded when
  linked_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (opportunity_id, interaction_id)
) WITHOUT ROWID;
INSERT INTO interactions_rebuilt SELECT id, kind, direction, account_id, owner_id, subject, body,
  occurred_at, duration_seconds, thread_id, source_object, 'crm', id, row_hash
  FROM interactions ORDER BY rowid;
INSERT INTO interaction_links SELECT id, opportunity_id, 'crm', 1,
  'the CRM record names the opportunity', NULL, 'import'
  FROM interactions WHERE opportunity_id IS NOT NULL;
DROP TABLE interactions;
ALTER TABLE interactions_rebuilt RENAME TO interactions;
CREATE INDEX interactions_account ON interactions(account_id);
CREATE INDEX interaction_links_interaction ON interaction_links(interaction_id);
-- A CRM interaction's source id is its id; the other sources' are looked up
-- (a message seen twice, a person naming a Message-ID).
CREATE INDEX interactions_source ON interactions(source_id) WHERE source <> 'crm';

-- How far each file of a source (a mailbox, a calendar, ...) has been read.
CREATE TABLE source_cursors (
  source TEXT NOT NULL,
  location TEXT NOT NULL,
  size INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  position INTEGER NOT NULL,
  fingerprint INTEGER NOT NULL,
  PRIMARY KEY (source, location)
) WITHOUT ROWID;

-- A deal is analysed again when a link to it comes or goes, and when an
-- interaction linked to it changes.
CREATE TRIGGER interaction_links_insert_queues_analysis AFTER INSERT ON interaction_links BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE true
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER interaction_links_update_queues_analysis AFTER UPDATE ON interaction_links BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT NEW.opportunity_id, random() WHERE true
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE true
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER interaction_links_delete_queues_analysis AFTER DELETE ON interaction_links BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) SELECT OLD.opportunity_id, random() WHERE true
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER interactions_update_queues_analysis AFTER UPDATE ON interactions BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp)
    SELECT opportunity_id, random() FROM interaction_links WHERE interaction_id = NEW.id
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;
)sql";

// Matching: whether an interaction was sent by a machine or to a list (never
// matched by its participants), and where matching left the interactions it
// did not link: in the review queue with its candidates, or unmatched with
// the reason.
constexpr const char* kVersion7 = R"sql(
ALTER TABLE interactions ADD COLUMN automated INTEGER NOT NULL DEFAULT 0
  CHECK (automated = 0 OR automated = 1);
-- Matching reads, oldest first, what came from outside the CRM and the CRM's
-- own messages that belong to a thread.
CREATE INDEX interactions_matching ON interactions(occurred_at, id)
  WHERE source <> 'crm' OR thread_id <> '';

CREATE TABLE match_outcomes (
  interaction_id TEXT PRIMARY KEY REFERENCES interactions(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status = 'review' OR status = 'unmatched'),
  reason TEXT NOT NULL,
  matched_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX match_outcomes_status ON match_outcomes(status);

CREATE TABLE match_candidates (
  interaction_id TEXT NOT NULL REFERENCES match_outcomes(interaction_id) ON DELETE CASCADE,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,  -- 0 for the best
  score REAL NOT NULL,
  rule TEXT NOT NULL,
  PRIMARY KEY (interaction_id, opportunity_id)
) WITHOUT ROWID;
)sql";

// Calendars: the version (SEQUENCE, DTSTAMP) of each event and of each
// occurrence a calendar changed on its own, so that an older update read
// later changes nothing.
constexpr const char* kVersion8 = R"sql(
CREATE TABLE calendar_versions (
  uid TEXT NOT NULL,
  occurrence TEXT NOT NULL,  -- '' for the event or series, else its start as YYYYMMDDTHHMMSSZ
  sequence INTEGER NOT NULL,
  stamp INTEGER,
  cancelled INTEGER NOT NULL CHECK (cancelled = 0 OR cancelled = 1),
  PRIMARY KEY (uid, occurrence)
) WITHOUT ROWID;
)sql";

// Calls read from transcripts: speaker turns and who talked how long.
constexpr const char* kVersion9 = R"sql(
ALTER TABLE interactions ADD COLUMN speaker_turns INTEGER;
ALTER TABLE interactions ADD COLUMN our_talk_seconds INTEGER;
ALTER TABLE interactions ADD COLUMN buyer_talk_seconds INTEGER;
ALTER TABLE interactions ADD COLUMN unattributed_talk_seconds INTEGER;
)sql";

// Trackers: the phrases found in each interaction (one row per tracker and
// phrase), and under which trackers' fingerprint it was last scanned. A
// changed subject, text or direction makes the scan out of date; hits that
// come or go put the interaction's deals in the analysis queue.
constexpr const char* kVersion10 = R"sql(
CREATE TABLE tracker_scans (
  interaction_id TEXT PRIMARY KEY REFERENCES interactions(id) ON DELETE CASCADE,
  fingerprint INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE tracker_hits (
  interaction_id TEXT NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  tracker TEXT NOT NULL,
  phrase TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  at INTEGER NOT NULL,
  cue_seconds INTEGER,
  speaker TEXT NOT NULL DEFAULT '',
  said_by TEXT NOT NULL CHECK (said_by IN ('buyer', 'ours', 'unknown')),
  mentions INTEGER NOT NULL,
  PRIMARY KEY (interaction_id, position)
) WITHOUT ROWID;

CREATE TRIGGER interactions_text_update_rescans AFTER UPDATE OF subject, body, direction
  ON interactions BEGIN
  DELETE FROM tracker_scans WHERE interaction_id = NEW.id;
END;

CREATE TRIGGER tracker_hits_insert_queues_analysis AFTER INSERT ON tracker_hits BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp)
    SELECT opportunity_id, random() FROM interaction_links WHERE interaction_id = NEW.interaction_id
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER tracker_hits_delete_queues_analysis AFTER DELETE ON tracker_hits BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp)
    SELECT opportunity_id, random() FROM interaction_links WHERE interaction_id = OLD.interaction_id
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;
)sql";

// An e-mail's Message-ID, so that a message both logged in the CRM and read
// from a mailbox is one interaction.
constexpr const char* kVersion11 = R"sql(
ALTER TABLE interactions ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
UPDATE interactions SET message_id = source_id
  WHERE source = 'mailbox' AND kind = 'email' AND source_id NOT LIKE 'digest-%';
CREATE INDEX interactions_message_id ON interactions(message_id) WHERE message_id <> '';
)sql";

// The people who sign in (docs/web.md): accounts with argon2id password
// strings, browser sessions and API tokens as hashes of their random bytes,
// interview assignments and the audit log.
constexpr const char* kVersion12 = R"sql(
CREATE TABLE app_users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'rep', 'interviewer', 'viewer')),
  crm_user_id TEXT,
  time_zone TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE login_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE TABLE interview_assignments (
  opportunity_id TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES app_users(id) ON DELETE CASCADE,
  assigned_at INTEGER NOT NULL,
  PRIMARY KEY (opportunity_id, user_id)
) WITHOUT ROWID;
CREATE INDEX interview_assignments_user ON interview_assignments(user_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
)sql";

// Buyer interviews (docs/web.md, "Buyer interview"): one per deal, as a JSON
// document; a change queues the deal's analysis, which shows it.
constexpr const char* kVersion13 = R"sql(
CREATE TABLE buyer_interviews (
  opportunity_id TEXT PRIMARY KEY REFERENCES opportunities(id),
  recorded_at INTEGER NOT NULL,
  interviewer_email TEXT NOT NULL,
  document TEXT NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER buyer_interviews_insert_queues_analysis AFTER INSERT ON buyer_interviews BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) VALUES (NEW.opportunity_id, random())
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;
CREATE TRIGGER buyer_interviews_update_queues_analysis AFTER UPDATE ON buyer_interviews BEGIN
  INSERT INTO analysis_queue (opportunity_id, stamp) VALUES (NEW.opportunity_id, random())
    ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp;
END;
)sql";

}  // namespace

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> all = {
      kVersion1,
      kVersion2,
      kVersion3,
      std::string(kVersion4Head) + kInteractionTriggers + kVersion4Tail,
      std::string(kVersion5Table) + kInteractionTriggers,
      kVersion6,
      kVersion7,
      kVersion8,
      kVersion9,
      kVersion10,
      kVersion11,
      kVersion12,
      kVersion13,
  };
  return all;
}

}  // namespace rearview::sqlite
