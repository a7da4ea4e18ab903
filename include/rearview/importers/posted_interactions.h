// Interactions posted to the web API by an e-mail or calendar add-in or a
// webhook: one JSON object, or many as NDJSON (one object per line). Each is
// read by the importer that reads the same thing from files, so it gets the
// same id, the same participants and direction, and is the same interaction
// as when it arrives again from a mailbox, a calendar or a recorder:
//
//   {"kind": "email", "mime": "<the message as RFC 5322 text>"}
//   {"kind": "email", "message_id": "...", "source_id": "...", "date": "RFC 3339",
//    "subject": "...", "text": "...", "html": "...", "from": ADDRESS,
//    "to": [ADDRESS], "cc": [ADDRESS], "bcc": [ADDRESS], "references": ["..."],
//    "automated": false}                    ADDRESS: "a@b.com" or {"address", "name"}
//   {"kind": "meeting", "ics": "BEGIN:VCALENDAR ..."}
//   {"kind": "call", "sidecar": {the recorder's sidecar}, "transcript": "WEBVTT ...",
//    "format": "webvtt" | "srt"}
//
// docs/web.md has the details. The batch is written in the caller's write
// transaction: any object that cannot be read fails it (with its line and
// what was wrong), and the caller rolls back. Which opportunity each belongs to is matching's
// work, run after (service/interactions.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/error.h"
#include "rearview/core/settings.h"
#include "rearview/core/transaction.h"

namespace rearview {

enum class PostedFormat { json, ndjson };

struct PostedItem {
  long long line = 0;  // of its object in what was posted
  std::string kind;    // email, meeting, call
  std::string id;      // the interaction's id ("" for a meeting: its events decide)
  // imported, updated, unchanged (already stored as it is), or for a meeting
  // the counts of what its calendar text did.
  std::string outcome;
};

struct PostedReport {
  std::vector<PostedItem> items;
  long long imported = 0;
  long long updated = 0;
  long long unchanged = 0;
};

Result<PostedReport> import_posted_interactions(WriteTransaction& transaction,
                                                const Settings& settings, std::string_view text,
                                                PostedFormat format);

}  // namespace rearview
