// One e-mail as rearview keeps it, read from a mailbox file (mbox) or a single
// message file (.eml, a maildir entry) by GMime. Nothing of GMime shows here.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/time.h"

namespace rearview::importing {

struct MailAddress {
  std::string name;     // decoded (RFC 2047), UTF-8
  std::string address;  // lower-case
};

struct MailAttachment {
  std::string name;
  std::string media_type;  // "application/pdf"
  long long bytes = 0;     // decoded size
};

struct MailMessage {
  std::string message_id;               // without angle brackets; empty when it has none
  // The sender's own id for a message without a Message-ID (one posted to
  // the web API); empty: such a message is known by a digest of its words.
  std::string source_id;
  std::vector<std::string> references;  // References, then In-Reply-To: oldest first, once each
  std::string subject;                  // decoded, UTF-8
  std::optional<Timestamp> date;
  std::vector<MailAddress> from, to, cc, bcc;
  std::string text;  // the text/plain part, UTF-8 whatever its charset and encoding
  std::string html;  // the text/html part, UTF-8, as written (sanitize it wherever it is shown)
  std::vector<MailAttachment> attachments;  // listed, not kept
  std::vector<std::string> calendar_parts;  // text/calendar parts (invitations), UTF-8
  // Sent by a machine or to a list: List-Unsubscribe, List-Id,
  // Auto-Submitted, Precedence bulk, or a noreply / mailer-daemon sender.
  bool automated = false;
  long long position = 0;  // where it starts in its file (bytes)
};

enum class MailFileFormat { mbox, single_message };

class MailFileReader {
 public:
  // Reads from byte `start` on (an mbox read before up to there); positions
  // stay those of the whole file.
  static Result<std::unique_ptr<MailFileReader>> open(const std::filesystem::path& file,
                                                      MailFileFormat format, long long start = 0);
  ~MailFileReader();

  enum class Status { message, damaged, end };
  // The next message. `damaged`: nothing could be read at `message.position`
  // and `problem` says why; GMime gives up on the rest of the stream there,
  // so reading ends.
  Status next(MailMessage& message, std::string& problem);

 private:
  struct Parser;
  explicit MailFileReader(std::unique_ptr<Parser> parser);
  std::unique_ptr<Parser> parser_;
};

// One message from its bytes (as an IMAP server gives them); false when
// GMime cannot read it.
bool read_message_bytes(std::string_view bytes, MailMessage& message);

}  // namespace rearview::importing
