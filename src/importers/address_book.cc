#include "address_book.h"

namespace rearview::importing {

Result<AddressBook::Owner> AddressBook::find(const std::string& address) {
  if (auto cached = cache_.find(address); cached != cache_.end()) return cached->second;
  Owner owner;
  auto contact = records_.contact_by_email(address);
  if (!contact) return std::unexpected(contact.error());
  owner.contact_id = *contact;
  if (!owner.contact_id) {
    auto user = records_.user_by_email(address);
    if (!user) return std::unexpected(user.error());
    owner.user_id = *user;
  }
  if (cache_.size() >= kCapacity) cache_.clear();
  cache_.emplace(address, owner);
  return owner;
}

Result<Participant> AddressBook::participant(ParticipantRole role, std::string address,
                                             std::string name) {
  auto owner = find(address);
  if (!owner) return std::unexpected(owner.error());
  return Participant{.role = role,
                     .address = std::move(address),
                     .name = std::move(name),
                     .contact_id = owner->contact_id,
                     .user_id = owner->user_id};
}

}  // namespace rearview::importing
