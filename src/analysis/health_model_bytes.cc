// HealthModel::save() and load(): a few lines of text, then XGBoost's model.
//
//   rearview health model 1
//   kind constrained                      (or unconstrained, rules)
//   features days_since_reply,...         (the inputs the trees read, in order)
//   examples 1234
//   trees 5678                            (the byte count of what follows)
//   <XGBoost's model, universal binary JSON>
#include <fmt/format.h>

#include <charconv>

#include "learned_health_model.h"

namespace rearview {
namespace {

constexpr std::string_view kFormat = "rearview health model 1";

std::string feature_list() {
  std::string list;
  for (HealthFeature feature : analysis::tree_features()) {
    if (!list.empty()) list += ',';
    list += to_string(feature);
  }
  return list;
}

std::string_view kind_name(const LearnedHealthModel* learned) {
  if (!learned) return "rules";
  return learned->monotonicity == Monotonicity::constrained ? "constrained" : "unconstrained";
}

// The bytes come from the database (the live engine's stored context).
std::unexpected<Error> unreadable(std::string_view why) {
  return fail(ErrorCode::database,
              fmt::format("the stored health model cannot be read: {}", why),
              "it is learned again on the next refresh");
}

// Reads "key value\n" off the front of `rest`.
Result<std::string_view> take_field(std::string_view& rest, std::string_view key) {
  auto end = rest.find('\n');
  if (end == std::string_view::npos) return unreadable(fmt::format("no {} line", key));
  std::string_view line = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  if (!line.starts_with(key) || line.size() <= key.size() || line[key.size()] != ' ')
    return unreadable(fmt::format("expected {}, found '{}'", key, line.substr(0, 40)));
  return line.substr(key.size() + 1);
}

template <typename Number>
Result<Number> number_in(std::string_view text, std::string_view what) {
  Number number{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size())
    return unreadable(fmt::format("{} '{}' is not a number", what, text.substr(0, 40)));
  return number;
}

Result<LearnedHealthModel> learned_from(Monotonicity monotonicity, std::string_view rest) {
  auto examples_field = take_field(rest, "examples");
  if (!examples_field) return std::unexpected(examples_field.error());
  auto examples = number_in<long long>(*examples_field, "the number of examples");
  if (!examples) return std::unexpected(examples.error());
  auto trees_field = take_field(rest, "trees");
  if (!trees_field) return std::unexpected(trees_field.error());
  auto length = number_in<std::size_t>(*trees_field, "the length of the trees");
  if (!length) return std::unexpected(length.error());
  if (*length != rest.size()) return unreadable("the trees are cut short or followed by more");
  auto trees = analysis::BoostedTrees::load(rest);
  if (!trees) return unreadable(trees.error().message);
  if (trees->columns() != analysis::tree_features().size())
    return unreadable("the trees read other inputs");
  return LearnedHealthModel{
      .trees = std::move(*trees), .monotonicity = monotonicity, .examples = *examples};
}

}  // namespace

std::string HealthModel::save() const {
  std::string bytes =
      fmt::format("{}\nkind {}\nfeatures {}\n", kFormat, kind_name(learned_.get()), feature_list());
  if (!learned_) return bytes;
  std::string trees = learned_->trees.save();
  bytes += fmt::format("examples {}\ntrees {}\n", learned_->examples, trees.size());
  bytes += trees;
  return bytes;
}

Result<HealthModel> HealthModel::load(std::string_view bytes) {
  if (!bytes.starts_with(kFormat) || bytes.size() == kFormat.size() ||
      bytes[kFormat.size()] != '\n')
    return unreadable("it is not a rearview health model of this version");
  std::string_view rest = bytes.substr(kFormat.size() + 1);
  auto kind = take_field(rest, "kind");
  if (!kind) return std::unexpected(kind.error());
  if (*kind != "rules" && *kind != "constrained" && *kind != "unconstrained")
    return unreadable(fmt::format("unknown kind '{}'", kind->substr(0, 40)));
  auto features = take_field(rest, "features");
  if (!features) return std::unexpected(features.error());
  // The trees know their inputs by position only: any other list would be
  // read as the wrong features.
  if (*features != feature_list())
    return unreadable("it was learned from other features than this rearview computes");
  if (*kind == "rules") {
    if (!rest.empty()) return unreadable("the rules have no trees");
    return rules();
  }
  auto learned = learned_from(
      *kind == "constrained" ? Monotonicity::constrained : Monotonicity::unconstrained, rest);
  if (!learned) return std::unexpected(learned.error());
  return HealthModel(std::make_shared<const LearnedHealthModel>(std::move(*learned)));
}

}  // namespace rearview
