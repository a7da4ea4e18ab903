// The generator's only source of randomness. The algorithms are fixed here
// (splitmix64 for seeding, xoshiro256** for the stream) rather than taken from
// <random>: std distributions may change between library versions, and a seed
// must give the same bytes everywhere.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>

namespace rearview::generate {

// splitmix64's finaliser: neighbouring inputs give unrelated outputs, so a
// seed mixed with an index makes an independent stream per item.
constexpr std::uint64_t mix64(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

// Streams the generator draws from; each gets its own sub-seed.
// mail: the mailbox's hard cases, drawn apart so that every deal's plan and
// conversation are the same with or without a mailbox.
enum class Stream : std::uint64_t { company = 1, opportunity = 2, activities = 3, mail = 4, calendar = 5,
                                     calls = 6 };

class Random {
 public:
  explicit Random(std::uint64_t seed) {
    for (auto& word : state_) {
      seed = mix64(seed);
      word = seed;
    }
  }

  // A stream that depends only on the seed, its purpose and the item's index.
  static Random for_item(std::uint64_t seed, Stream stream, std::uint64_t index) {
    return Random(mix64(mix64(seed ^ (static_cast<std::uint64_t>(stream) << 56)) + index));
  }

  std::uint64_t next() {
    const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
    const std::uint64_t shifted = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= shifted;
    state_[3] = rotate_left(state_[3], 45);
    return result;
  }

  // [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  // [0, count); 0 < count < 2^32. Multiply-shift rather than modulo: no
  // division, and the bias stays negligible for the small counts used here.
  std::size_t below(std::size_t count) {
    return static_cast<std::size_t>(((next() >> 32) * count) >> 32);
  }
  // [low, high], both included.
  long long between(long long low, long long high) {
    return low + static_cast<long long>(below(static_cast<std::size_t>(high - low + 1)));
  }
  bool chance(double probability) { return uniform() < probability; }

  // Standard normal by Box-Muller (one value per call keeps the stream simple).
  double normal() {
    const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
    return radius * std::cos(6.283185307179586 * uniform());
  }
  // Positive, right-skewed values (durations, amounts) around a median.
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }

  // An index drawn with the given relative weights (not all zero).
  std::size_t weighted(std::span<const int> weights) {
    long long total = 0;
    for (int weight : weights) total += weight;
    long long ticket = between(0, total - 1);
    for (std::size_t index = 0; index < weights.size(); ++index) {
      ticket -= weights[index];
      if (ticket < 0) return index;
    }
    return weights.size() - 1;
  }

  template <typename Range>
  const auto& pick(const Range& items) {
    return items[below(std::size(items))];
  }

  // An item drawn with the relative weight weight_of(item) gives it.
  template <typename Range, typename WeightOf>
  const auto& pick_weighted(const Range& items, WeightOf weight_of) {
    long long total = 0;
    for (const auto& item : items) total += weight_of(item);
    long long ticket = between(0, total - 1);
    for (const auto& item : items) {
      ticket -= weight_of(item);
      if (ticket < 0) return item;
    }
    return *std::prev(std::end(items));
  }

 private:
  static constexpr std::uint64_t rotate_left(std::uint64_t value, int bits) {
    return (value << bits) | (value >> (64 - bits));
  }

  std::uint64_t state_[4];
};

}  // namespace rearview::generate
