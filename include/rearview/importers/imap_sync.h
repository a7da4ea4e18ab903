// rearview sync imap: the messages of IMAP folders, read where they live.
// Each folder keeps a cursor (its UIDVALIDITY and the last UID read): a
// re-run fetches only what is new; an interrupted run resumes after the last
// batch it stored; a folder whose UIDVALIDITY changed (the server renumbered
// it) is read again from the start, and what was stored before is counted
// as duplicates. The password is used for the login only: it is never
// logged, printed or stored.
#pragma once

#include <string>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/error.h"
#include "rearview/core/settings.h"
#include "rearview/importers/imap_account.h"
#include "rearview/importers/import.h"
#include "rearview/importers/mail_import.h"

namespace rearview {

struct ImapSyncOptions : ImapAccount {
  std::vector<std::string> folders = {"INBOX"};
  ImportProgress* progress = nullptr;  // counts messages, not bytes
};

struct ImapFolderReport {
  std::string location;  // imap://user@host:port/FOLDER
  long long uidvalidity = 0;
  bool renumbered = false;  // its UIDVALIDITY changed since the last sync
  long long fetched = 0;
};

struct ImapSyncReport {
  std::vector<ImapFolderReport> folders;
  MailImportReport mail;  // files_read counts folders; positions of problems are UIDs
};

Result<ImapSyncReport> sync_imap(Session& session, const Settings& settings,
                                 const ImapSyncOptions& options);

}  // namespace rearview
