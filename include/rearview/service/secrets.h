// Passwords, session cookies and API tokens (libsodium). A password is kept
// as its argon2id string; a session or a token is 32 random bytes shown once
// and kept only as its BLAKE2b hash: they are random, so a fast hash is as
// safe as a slow one, and every request can afford it.
#pragma once

#include <string>
#include <string_view>

#include "rearview/core/error.h"

namespace rearview::service {

// argon2id with libsodium's interactive limits; the string carries its salt
// and parameters.
Result<std::string> hash_password(std::string_view password);
bool password_matches(const std::string& stored_hash, std::string_view password);

// 32 random bytes, base64url without padding (43 characters).
std::string random_token();
// The hex BLAKE2b-256 of a token: what the database keeps.
std::string token_hash(std::string_view token);
// The CSRF token of a browser session: derived from the session's own
// token, so a page from elsewhere cannot know it and nothing more is kept.
std::string csrf_token_of(std::string_view session_token);
bool same_secret(std::string_view a, std::string_view b);  // in constant time

}  // namespace rearview::service
