// The one file that includes sodium.h.
#include "rearview/service/secrets.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace rearview::service {
namespace {

void ensure_sodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
    return true;
  }();
  (void)ready;
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string text(size * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes, size);
  text.pop_back();
  return text;
}

std::string keyed_hash(std::string_view text, std::string_view key) {
  ensure_sodium();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return hex(digest.data(), digest.size());
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  ensure_sodium();
  std::array<char, crypto_pwhash_STRBYTES> stored{};
  if (crypto_pwhash_str_alg(stored.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return fail(ErrorCode::io, "not enough memory to hash the password");
  return std::string(stored.data());
}

bool password_matches(const std::string& stored_hash, std::string_view password) {
  ensure_sodium();
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
  ensure_sodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                   '\0');
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.find('\0'));
  return text;
}

std::string token_hash(std::string_view token) { return keyed_hash(token, {}); }

std::string csrf_token_of(std::string_view session_token) {
  return keyed_hash(session_token, "rearview csrf token, v1");  // a key: 16 to 64 bytes
}

bool same_secret(std::string_view a, std::string_view b) {
  ensure_sodium();
  return a.size() == b.size() &&
         sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace rearview::service
