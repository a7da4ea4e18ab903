// Words of a subject or a title, compared whole: "deal 1" is not in
// "deal 10", and "Re: Fwd:" does not make a new thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rearview::matching {

using Words = std::vector<std::string>;

// Lower-case runs of letters and digits (bytes of UTF-8 letters count as
// letters), everything else a separator.
Words words_of(std::string_view text);

// Whether `phrase` appears in `text` as consecutive whole words. An empty
// phrase appears nowhere.
bool contains_phrase(const Words& text, const Words& phrase);

// True when the subject begins with a reply or forward prefix (Re:, Fwd:,
// AW:, WG:, SV:, Antw:, ...), perhaps after a tag such as [External].
bool is_reply_or_forward(std::string_view subject);

// The subject without its reply and forward prefixes and tags, as words
// joined by single spaces: what a thread's messages have in common.
std::string thread_subject(std::string_view subject);

}  // namespace rearview::matching
