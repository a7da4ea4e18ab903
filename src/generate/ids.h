// Salesforce-style 18-character ids: the object's real key prefix and a
// running number, so every id is unique and the same for a seed.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace rearview::generate {

namespace key_prefix {
inline constexpr std::string_view kUser = "005";
inline constexpr std::string_view kAccount = "001";
inline constexpr std::string_view kContact = "003";
inline constexpr std::string_view kOpportunity = "006";
inline constexpr std::string_view kOpportunityHistory = "008";
inline constexpr std::string_view kFieldHistory = "017";
inline constexpr std::string_view kContactRole = "00K";
inline constexpr std::string_view kTask = "00T";
inline constexpr std::string_view kEvent = "00U";
inline constexpr std::string_view kEmailMessage = "02s";
}  // namespace key_prefix

inline std::string salesforce_id(std::string_view key_prefix, long long number) {
  return fmt::format("{}{:015d}", key_prefix, number);
}

}  // namespace rearview::generate
