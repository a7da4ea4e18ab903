// Keeps a long-running server's derived data current: a thread of its own
// that runs the live engine's refresh whenever deals are queued — after a
// page or the API changed one (wake()), or after another process imported
// (it looks every `interval`). Readers keep working meanwhile: the refresh is
// one write transaction, and pages read the last committed analysis.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "rearview/core/database.h"
#include "rearview/core/settings.h"
#include "rearview/service/clock.h"

namespace rearview::service {

class LiveRefresher {
 public:
  // `report` hears of each refresh that did something, or failed, in words.
  LiveRefresher(Database& database, Settings settings, const Clock& clock,
                std::chrono::milliseconds interval = std::chrono::milliseconds(500),
                std::function<void(const std::string&)> report = {});
  ~LiveRefresher();  // stops the thread after the refresh in progress
  LiveRefresher(const LiveRefresher&) = delete;
  LiveRefresher& operator=(const LiveRefresher&) = delete;

  void wake();
  long long refreshes() const;  // that analysed something, since start

 private:
  void run(std::stop_token stop);
  void refresh_once(Session& session);

  Database& database_;
  Settings settings_;
  const Clock& clock_;
  std::chrono::milliseconds interval_;
  std::function<void(const std::string&)> report_;
  mutable std::mutex mutex_;
  std::condition_variable_any woken_;
  bool pending_ = false;
  long long refreshes_ = 0;
  std::jthread thread_;
};

}  // namespace rearview::service
