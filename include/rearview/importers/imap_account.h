// Where an IMAP mailbox is and how to log in to it.
#pragma once

#include <string>

namespace rearview {

enum class ImapSecurity { tls, starttls, none };

struct ImapAccount {
  std::string host;
  int port = 0;  // 0: 993 with TLS, 143 otherwise
  std::string user;
  std::string password;  // kept in memory only: never logged, never stored
  ImapSecurity security = ImapSecurity::tls;
  std::string ca_file;  // certificates to trust besides the system's
};

}  // namespace rearview
