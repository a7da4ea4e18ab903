#include "rearview/service/live_refresher.h"

#include <fmt/format.h>

#include "rearview/service/live_engine.h"

namespace rearview::service {

LiveRefresher::LiveRefresher(Database& database, Settings settings, const Clock& clock,
                             std::chrono::milliseconds interval,
                             std::function<void(const std::string&)> report)
    : database_(database),
      settings_(std::move(settings)),
      clock_(clock),
      interval_(interval),
      report_(std::move(report)),
      thread_([this](std::stop_token stop) { run(stop); }) {}

LiveRefresher::~LiveRefresher() {
  thread_.request_stop();
  woken_.notify_all();
}

void LiveRefresher::wake() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  woken_.notify_all();
}

long long LiveRefresher::refreshes() const {
  std::lock_guard lock(mutex_);
  return refreshes_;
}

void LiveRefresher::run(std::stop_token stop) {
  auto session = database_.open_session();
  if (!session) {
    if (report_) report_("the live engine cannot open the database: " + session.error().message);
    return;
  }
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mutex_);
      woken_.wait_for(lock, stop, interval_, [this] { return pending_; });
      pending_ = false;
    }
    if (stop.stop_requested()) break;
    refresh_once(**session);
  }
}

void LiveRefresher::refresh_once(Session& session) {
  auto queued = session.derived().queued_count();
  if (!queued || *queued == 0) return;
  auto refreshed = refresh(session, settings_, clock_);
  if (!refreshed) {
    // Locked by an import: the next look tries again.
    if (refreshed.error().code != ErrorCode::database_locked && report_)
      report_("the live engine could not refresh: " + refreshed.error().message);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    ++refreshes_;
  }
  if (report_ && refreshed->analysed > 0)
    report_(fmt::format("the live engine analysed {} deal{}{}", refreshed->analysed,
                        refreshed->analysed == 1 ? "" : "s",
                        refreshed->context_rebuilt ? " (" + refreshed->rebuilt_because + ")" : ""));
}

}  // namespace rearview::service
