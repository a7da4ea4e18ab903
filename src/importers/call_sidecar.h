// The sidecar a call's transcript comes with: <name>.json beside <name>.vtt
// or <name>.srt, saying which call it is. docs/import.md describes it:
//   {"id": "call-0042", "title": "Discovery with Acme",
//    "started_at": "2026-03-04T15:00:00+01:00",
//    "participants": [{"name": "Pat Buyer", "email": "pat@acme.com"}]}
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview::importing {

struct CallParticipant {
  std::string name;
  std::string email;  // lower-case; may be empty
};

struct CallSidecar {
  std::string id;
  std::string title;
  Timestamp started_at{};
  std::vector<CallParticipant> participants;
  std::optional<Direction> direction;  // "inbound" or "outbound", when the recorder says
};

struct SidecarProblem {
  long long line = 0;
  std::string message;
};

// Fails naming the line and what is wrong: text that is not JSON, a missing
// id or started_at, a time without its offset.
std::expected<CallSidecar, SidecarProblem> parse_call_sidecar(std::string_view text);

}  // namespace rearview::importing
