// HealthModel::save and load: a line of text per part, doubles written with
// every digit (%a), so a loaded model scores bit for bit as the saved one.
#include <fmt/format.h>

#include <cstdio>
#include <sstream>

#include "rearview/analysis/health.h"

namespace rearview {
namespace {

constexpr std::string_view kFormat = "rearview-health-model 1";

void write_vector(std::string& out, const HealthVector& values) {
  for (double value : values) out += fmt::format(" {:a}", value);
  out += '\n';
}

bool read_vector(std::istringstream& in, HealthVector& values) {
  for (double& value : values) {
    std::string word;
    if (!(in >> word)) return false;
    value = std::strtod(word.c_str(), nullptr);
  }
  return true;
}

}  // namespace

std::string HealthModel::save() const {
  std::string out = fmt::format("{}\n{} {} {:a} {}\n", kFormat,
                                kind_ == Kind::learned ? "learned" : "rules", examples_, bias_,
                                kHealthFeatureCount);
  write_vector(out, means_);
  write_vector(out, scales_);
  write_vector(out, weights_);
  return out;
}

Result<HealthModel> HealthModel::load(std::string_view bytes) {
  std::istringstream in{std::string(bytes)};
  std::string header;
  std::getline(in, header);
  auto refused = [] {
    return fail(ErrorCode::database, "the stored health model is not in a format this rearview reads",
                "it is learned again on the next refresh");
  };
  if (header != kFormat) return refused();
  HealthModel model;
  std::string kind, bias;
  std::size_t features = 0;
  if (!(in >> kind >> model.examples_ >> bias >> features) || features != kHealthFeatureCount)
    return refused();
  model.kind_ = kind == "learned" ? Kind::learned : Kind::rules;
  model.bias_ = std::strtod(bias.c_str(), nullptr);
  if (!read_vector(in, model.means_) || !read_vector(in, model.scales_) ||
      !read_vector(in, model.weights_))
    return refused();
  return model;
}

}  // namespace rearview
