#include "rearview/matching/thread_memory.h"

#include "rearview/matching/subject_words.h"

namespace rearview::matching {
namespace {

// Subjects of fewer words ("Hi", "Question") are shared by unrelated threads.
constexpr std::size_t kMinSubjectWords = 2;

std::string subject_key(const std::string& subject, const std::string& address) {
  return subject + '\n' + address;
}

bool distinctive(const std::string& subject) {
  std::size_t words = subject.empty() ? 0 : 1;
  for (char c : subject) words += c == ' ';
  return words >= kMinSubjectWords;
}

}  // namespace

void ThreadMemory::remember(const InteractionToMatch& interaction,
                            const std::vector<Id>& opportunities,
                            const std::vector<std::string>& buyer_addresses) {
  if (opportunities.empty()) return;
  if (!interaction.thread_id.empty())
    by_thread_[interaction.thread_id].insert(opportunities.begin(), opportunities.end());
  std::string subject = thread_subject(interaction.subject);
  if (!distinctive(subject)) return;
  for (const auto& address : buyer_addresses)
    by_subject_and_address_[subject_key(subject, address)].insert(opportunities.begin(),
                                                                   opportunities.end());
}

ThreadMemory::Recalled ThreadMemory::recall(const InteractionToMatch& interaction,
                                            const std::vector<std::string>& buyer_addresses) const {
  Recalled recalled;
  if (!interaction.thread_id.empty())
    if (auto found = by_thread_.find(interaction.thread_id); found != by_thread_.end()) {
      recalled.opportunities = found->second;
      return recalled;
    }
  if (seen_threads_.contains(interaction.thread_id) || !is_reply_or_forward(interaction.subject))
    return recalled;
  std::string subject = thread_subject(interaction.subject);
  if (!distinctive(subject)) return recalled;
  for (const auto& address : buyer_addresses)
    if (auto found = by_subject_and_address_.find(subject_key(subject, address));
        found != by_subject_and_address_.end())
      recalled.opportunities.insert(found->second.begin(), found->second.end());
  recalled.by_subject = !recalled.opportunities.empty();
  return recalled;
}

void ThreadMemory::saw(const InteractionToMatch& interaction) {
  if (!interaction.thread_id.empty()) seen_threads_.insert(interaction.thread_id);
}

}  // namespace rearview::matching
