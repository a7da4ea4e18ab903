// rearview.toml on arbitrary bytes: a Settings or an error, never a crash.
#include "fuzz_support.h"
#include "rearview/config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = rearview::fuzz::write_scratch_file("rearview.toml", rearview::fuzz::as_text(data, size));
  (void)rearview::load_settings(file);
  return 0;
}
