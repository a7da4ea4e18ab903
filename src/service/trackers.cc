#include "rearview/service/trackers.h"

#include "rearview/trackers/tracker_scan.h"

namespace rearview::service {

Result<TrackerScanReport> scan_trackers(Session& session, const Settings& settings,
                                        const ScanProgress& progress) {
  auto values = session.trackers().competitor_field_values();
  if (!values) return std::unexpected(values.error());
  auto scanner = trackers::TrackerScanner::create(settings, trackers::competitor_names(*values));
  if (!scanner) return std::unexpected(scanner.error());
  std::uint64_t fingerprint = (*scanner)->fingerprint();
  auto total = session.trackers().interactions_to_scan(fingerprint);
  if (!total) return std::unexpected(total.error());
  TrackerScanReport report;
  auto scanned = session.trackers().for_each_interaction_to_scan(
      fingerprint, [&](const InteractionText& text) -> Result<void> {
        std::vector<TrackerHit> hits = (*scanner)->scan(text);
        ++report.scanned;
        if (!hits.empty()) ++report.with_hits;
        report.hits += static_cast<long long>(hits.size());
        if (progress && report.scanned % 1000 == 0) progress(report.scanned, *total);
        return session.trackers().save_hits(text.id, fingerprint, hits);
      });
  if (!scanned) return std::unexpected(scanned.error());
  if (progress && report.scanned > 0) progress(report.scanned, *total);
  return report;
}

}  // namespace rearview::service
