// rearview upgrade --db PATH: brings a database's schema up to date. Reading
// commands never migrate, so this is the explicit way besides any write.
#include <fmt/format.h>

#include "cli.h"

namespace rearview::cli {

void add_upgrade_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand("upgrade", "bring a database up to this rearview's schema");
  auto database = std::make_shared<std::filesystem::path>("rearview.db");
  command->add_option("--db", *database, "database file")->capture_default_str();
  command->callback([&action, database] {
    action = [database] {
      auto store = service::open_store(*database, OpenMode::must_exist);
      if (!store) return report_error(store.error());
      fmt::print("{} is at schema version {}\n", database->string(), sqlite_schema_version());
      return 0;
    };
  });
}

}  // namespace rearview::cli
