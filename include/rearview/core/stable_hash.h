// The 64-bit FNV-1a hash: the same value on every run, machine and build,
// unlike std::hash. What rearview stores or names by a hash (row
// fingerprints, report file names, the held-out split, analysis
// fingerprints) must stay put across versions, so this is the one hash for it.
#pragma once

#include <cstdint>
#include <string_view>

namespace rearview {

inline constexpr std::uint64_t kStableHashSeed = 0xcbf29ce484222325ULL;

// `seed` chains calls: stable_hash(b, stable_hash(a)) hashes a then b.
constexpr std::uint64_t stable_hash(std::string_view bytes, std::uint64_t seed = kStableHashSeed) {
  std::uint64_t hash = seed;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace rearview
