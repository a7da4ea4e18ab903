// Participant resolution, shared by every importer that reads addresses (a
// CRM's e-mail records, mailboxes, calendars, call transcripts): whose is an
// address — a contact's or one of our users'.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "rearview/core/record_writer.h"

namespace rearview::importing {

// Interactions of one deal repeat the same few addresses, so a bounded cache
// saves most lookups; it is emptied when full so memory does not grow with
// the input.
class AddressBook {
 public:
  explicit AddressBook(RecordWriter& records) : records_(records) {}

  struct Owner {
    std::optional<Id> contact_id;
    std::optional<Id> user_id;
  };

  // `address` lower-case. A contact wins over a user with the same address.
  Result<Owner> find(const std::string& address);

  // A participant for `address` in `role`, with whoever owns the address.
  Result<Participant> participant(ParticipantRole role, std::string address, std::string name = {});

 private:
  static constexpr std::size_t kCapacity = 20000;
  RecordWriter& records_;
  std::unordered_map<std::string, Owner> cache_;
};

}  // namespace rearview::importing
