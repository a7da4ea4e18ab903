#include "deal_filter_sql.h"

#include <fmt/format.h>

namespace rearview::sqlite {
namespace {

const char* outcome_condition(OutcomeFilter outcome) {
  switch (outcome) {
    case OutcomeFilter::any:
      return nullptr;
    case OutcomeFilter::open:
      return "o.outcome = 'open'";
    case OutcomeFilter::closed:
      return "o.outcome <> 'open'";
    case OutcomeFilter::won:
      return "o.outcome = 'won'";
    case OutcomeFilter::lost:
      return "o.outcome = 'lost'";
  }
  return nullptr;
}

long long seconds(Timestamp time) { return time.time_since_epoch().count(); }

}  // namespace

DealFilterSql::DealFilterSql(const DealFilter& filter, int first_parameter)
    : first_parameter_(first_parameter) {
  if (const char* outcome = outcome_condition(filter.outcome)) conditions_.push_back(outcome);
  if (filter.type) conditions_.push_back(fmt::format("o.type = ?{}", parameter(*filter.type)));
  if (filter.custom_field) {
    // Custom fields are a JSON object of strings (see the writer); a cell
    // another program damaged holds no fields, as the snapshot reader reads it.
    int field = parameter(filter.custom_field->field);
    int value = parameter(filter.custom_field->value);
    conditions_.push_back(
        fmt::format("EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(o.custom) THEN o.custom "
                    "ELSE '{{}}' END) WHERE key = ?{} AND type = 'text' AND value = ?{})",
                    field, value));
  }
  if (filter.closed_from)
    conditions_.push_back(
        fmt::format("o.closed_at >= ?{}", parameter(seconds(*filter.closed_from))));
  if (filter.closed_until)
    conditions_.push_back(
        fmt::format("o.closed_at < ?{}", parameter(seconds(*filter.closed_until))));
}

std::string DealFilterSql::conditions() const {
  if (conditions_.empty()) return "1";
  return fmt::format("{}", fmt::join(conditions_, " AND "));
}

int DealFilterSql::parameter(std::variant<std::string, long long> value) {
  values_.push_back(std::move(value));
  return first_parameter_ + int(values_.size()) - 1;
}

void DealFilterSql::bind(Statement& statement) const {
  int index = first_parameter_;
  for (const auto& value : values_) {
    if (const auto* text = std::get_if<std::string>(&value))
      statement.bind(index++, *text);
    else
      statement.bind(index++, std::get<long long>(value));
  }
}

}  // namespace rearview::sqlite
