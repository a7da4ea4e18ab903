// A DealFilter as SQL: the conditions on the opportunities table (alias o),
// so that deals it leaves out are never read.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "rearview/core/deal_filter.h"
#include "statement.h"

namespace rearview::sqlite {

class DealFilterSql {
 public:
  // Parameters are numbered from `first_parameter` on.
  DealFilterSql(const DealFilter& filter, int first_parameter);

  // Conditions joined with AND; "1" when the filter admits every deal.
  std::string conditions() const;
  void bind(Statement& statement) const;

 private:
  int parameter(std::variant<std::string, long long> value);

  std::vector<std::string> conditions_;
  int first_parameter_;
  std::vector<std::variant<std::string, long long>> values_;
};

}  // namespace rearview::sqlite
