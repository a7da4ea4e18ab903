// What rearview asks of an IMAP server (RFC 9051): a folder's UIDVALIDITY,
// the UIDs from one on, and a message's bytes by UID. libcurl speaks IMAP
// and TLS; nothing of it shows here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/importers/imap_account.h"

namespace rearview::importing {

struct ImapFolderStatus {
  long long uidvalidity = 0;
  long long uidnext = 0;
};

class ImapClient {
 public:
  static Result<std::unique_ptr<ImapClient>> connect(const ImapAccount& account);
  ~ImapClient();

  Result<ImapFolderStatus> examine(const std::string& folder);
  // The UIDs of the folder's messages from `first` up to (not including) the
  // folder's UIDNEXT `next` (0: unknown), ascending.
  Result<std::vector<long long>> uids_from(const std::string& folder, long long first,
                                           long long next);
  // The message's bytes; fails when the folder's UIDVALIDITY is no longer
  // `uidvalidity`.
  Result<std::string> fetch(const std::string& folder, long long uidvalidity, long long uid);

  // "imap://rita@mail.example:993/INBOX": where a folder is, for people and
  // cursors (never with the password).
  std::string location(const std::string& folder) const;

 private:
  struct Connection;
  explicit ImapClient(std::unique_ptr<Connection> connection);
  std::unique_ptr<Connection> connection_;
};

}  // namespace rearview::importing
