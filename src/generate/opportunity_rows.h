// An opportunity's own rows: Opportunity.csv, its OpportunityHistory and
// OpportunityFieldHistory rows, and its OpportunityContactRole rows.
#pragma once

#include "deal.h"
#include "export_files.h"

namespace rearview::generate {

// Running numbers of the rows' ids across the whole export.
struct OpportunityLedger {
  long long history_ids = 0;
  long long field_history_ids = 0;
  long long contact_role_ids = 0;
};

void write_opportunity(const Deal& deal, const DealFacts& facts, ExportFiles& files,
                       OpportunityLedger& ledger);

}  // namespace rearview::generate
