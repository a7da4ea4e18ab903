// rearview serve: the web app and its API on one port (docs/web.md).
#include <boost/json.hpp>
#include <fmt/format.h>

#include <mutex>

#include "cli.h"
#include "rearview/service/live_refresher.h"
#include "rearview/service/postmortems.h"
#include "rearview/web/server.h"
#include "rearview/web/web_app.h"

namespace rearview::cli {
namespace {

struct ServeArguments {
  std::filesystem::path database = "rearview.db";
  std::string listen = "127.0.0.1:8080";
  std::size_t workers = 0;
};

Result<web::ServerOptions> server_options(const ServeArguments& arguments) {
  web::ServerOptions options;
  auto colon = arguments.listen.rfind(':');
  if (colon == std::string::npos)
    return fail(ErrorCode::usage, fmt::format("--listen {} has no port", arguments.listen),
                "write ADDRESS:PORT, e.g. 127.0.0.1:8080");
  options.address = arguments.listen.substr(0, colon);
  if (options.address.size() > 2 && options.address.front() == '[')
    options.address = options.address.substr(1, options.address.size() - 2);
  try {
    std::size_t used = 0;
    int port = std::stoi(arguments.listen.substr(colon + 1), &used);
    if (used != arguments.listen.size() - colon - 1 || port < 0 || port > 65535) throw 0;
    options.port = static_cast<unsigned short>(port);
  } catch (...) {
    return fail(ErrorCode::usage, fmt::format("--listen {}: the port is not a number from 0 to 65535",
                                              arguments.listen));
  }
  options.workers = arguments.workers;
  return options;
}

// One JSON object per line on standard error.
void log_access(const web::AccessRecord& record) {
  static std::mutex mutex;
  boost::json::object line{{"at", format_timestamp(std::chrono::time_point_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now()))},
                           {"client", record.client},
                           {"method", record.method},
                           {"path", record.path},
                           {"status", record.status},
                           {"bytes", record.bytes},
                           {"user", record.user}};
  // Boost.JSON would write 0.54 as "5.4E-1".
  std::string text = boost::json::serialize(line);
  text.insert(text.size() - 1, fmt::format(",\"ms\":{:.2f}", record.milliseconds));
  text += "\n";
  std::lock_guard lock(mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

int serve(const GlobalOptions& global, const ServeArguments& arguments) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto options = server_options(arguments);
  if (!options) return report_error(options.error());
  auto database = service::open_database(arguments.database, OpenMode::must_exist);
  if (!database) return report_error(database.error());
  service::SystemClock clock;
  service::LiveRefresher live(**database, *loaded, clock, std::chrono::milliseconds(500),
                              [](const std::string& line) {
                                fmt::print(stderr, "rearview serve: {}\n", line);
                              });
  web::WebApp app(**database, *loaded, clock, [&live] { live.wake(); });
  web::HttpServer server(
      *options, [&app](web::HttpRequest& request) { return app.handle(request); },
      [&app](const web::AccessRecord& record) {
        app.count(record);
        log_access(record);
      },
      [&app](const web::HttpRequest& head) { return app.body_limit(head); });
  app.watch(&server);
  auto port = server.listen();
  if (!port) return report_error(port.error());
  fmt::print("rearview serves {} on http://{}:{}/ (stop with Ctrl-C or SIGTERM)\n",
             arguments.database.string(), options->address, *port);
  std::fflush(stdout);
  server.run(true);
  fmt::print("rearview serve: stopped\n");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* command = app.add_subcommand("serve", "the web app and its API (docs/web.md)");
  auto arguments = std::make_shared<ServeArguments>();
  command->add_option("--db", arguments->database, "database file")->capture_default_str();
  command->add_option("--listen", arguments->listen,
                      "ADDRESS:PORT to listen on (port 0: any free one)")
      ->capture_default_str();
  command->add_option("--workers", arguments->workers,
                      "threads that answer requests (default: one per core)");
  command->callback([&global, &action, arguments] {
    action = [&global, arguments] { return serve(global, *arguments); };
  });
}

}  // namespace rearview::cli
