#include "rearview/importers/imap_sync.h"

#include <fmt/format.h>

#include "address_book.h"
#include "imap_client.h"
#include "mail_message.h"
#include "mail_writer.h"

namespace rearview {
namespace {

using importing::ImapClient;

// Messages fetched before each write transaction: the server is not waited
// on while the database is locked, and an interrupted sync loses at most one
// batch's work.
constexpr std::size_t kBatch = 100;

class ImapSync {
 public:
  ImapSync(Session& session, const Settings& settings, const ImapSyncOptions& options,
           ImapClient& client)
      : session_(session), settings_(settings), options_(options), client_(client) {}

  Result<void> sync_folder(const std::string& folder);
  ImapSyncReport& report() { return report_; }

 private:
  Result<std::optional<SourceCursor>> cursor_of(const std::string& location);
  Result<void> store_batch(ImapFolderReport& folder, const std::vector<long long>& uids,
                           std::vector<std::string>& messages);

  Session& session_;
  const Settings& settings_;
  const ImapSyncOptions& options_;
  ImapClient& client_;
  ImapSyncReport report_;
};

Result<std::optional<SourceCursor>> ImapSync::cursor_of(const std::string& location) {
  auto transaction = session_.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  return transaction->records().source_cursor(SourceKind::mailbox, location);
}

// The cursor: `size` holds the folder's UIDVALIDITY, `position` the last UID
// stored.
Result<void> ImapSync::store_batch(ImapFolderReport& folder, const std::vector<long long>& uids,
                                   std::vector<std::string>& messages) {
  auto transaction = session_.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  importing::AddressBook book(transaction->records());
  MailImportReport& mail = report_.mail;
  importing::MailWriter writer(
      *transaction, book, settings_, mail, [&](long long uid, std::string what, bool skipped) {
        mail.add_problem({folder.location, uid, fmt::format("UID {}: {}", uid, what)}, skipped);
      });
  for (std::size_t index = 0; index < uids.size(); ++index) {
    importing::MailMessage message;
    if (!importing::read_message_bytes(messages[index], message)) {
      ++mail.messages_read;
      mail.add_problem({folder.location, uids[index],
                        fmt::format("UID {}: not a message GMime can read; skipped", uids[index])},
                       true);
      continue;
    }
    message.position = uids[index];
    if (auto written = writer.write(message); !written) return written;
  }
  SourceCursor cursor{.location = folder.location, .size = folder.uidvalidity,
                      .position = uids.back()};
  if (auto saved = transaction->records().save_source_cursor(SourceKind::mailbox, cursor); !saved)
    return saved;
  return transaction->commit();
}

Result<void> ImapSync::sync_folder(const std::string& name) {
  auto status = client_.examine(name);
  if (!status) return std::unexpected(status.error());
  ImapFolderReport folder{.location = client_.location(name), .uidvalidity = status->uidvalidity};
  auto cursor = cursor_of(folder.location);
  if (!cursor) return std::unexpected(cursor.error());
  long long first = 1;
  if (*cursor) {
    if ((*cursor)->size == folder.uidvalidity) first = (*cursor)->position + 1;
    else folder.renumbered = true;
  }
  auto uids = client_.uids_from(name, first, status->uidnext);
  if (!uids) return std::unexpected(uids.error());
  ++report_.mail.files_read;
  if (options_.progress) options_.progress->start(static_cast<long long>(uids->size()));
  for (std::size_t start = 0; start < uids->size(); start += kBatch) {
    std::vector<long long> batch(uids->begin() + long(start),
                                 uids->begin() + long(std::min(uids->size(), start + kBatch)));
    std::vector<std::string> messages;
    for (long long uid : batch) {
      auto bytes = client_.fetch(name, folder.uidvalidity, uid);
      if (!bytes) return std::unexpected(bytes.error());
      messages.push_back(std::move(*bytes));
    }
    if (auto stored = store_batch(folder, batch, messages); !stored) return stored;
    folder.fetched += long(batch.size());
    if (options_.progress) options_.progress->update(folder.fetched, folder.location);
  }
  if (options_.progress) options_.progress->finish();
  if (uids->empty()) ++report_.mail.files_unchanged;
  report_.folders.push_back(folder);
  return {};
}

}  // namespace

Result<ImapSyncReport> sync_imap(Session& session, const Settings& settings,
                                 const ImapSyncOptions& options) {
  if (options.host.empty() || options.user.empty())
    return fail(ErrorCode::invalid_input, "an IMAP sync needs a host and a user",
                "give --host and --user");
  auto client = ImapClient::connect(options);
  if (!client) return std::unexpected(client.error());
  ImapSync sync(session, settings, options, **client);
  for (const auto& folder : options.folders)
    if (auto synced = sync.sync_folder(folder); !synced) return std::unexpected(synced.error());
  return std::move(sync.report());
}

}  // namespace rearview
