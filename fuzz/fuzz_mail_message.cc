// The mail reader (GMime underneath) on arbitrary bytes, as an mbox and as a
// single message: every message and every damaged one must come back without
// a crash or a hang, positions inside the file and going forward, and every
// text kept valid UTF-8.
#include <cstdlib>

#include "fuzz_support.h"
#include "mail_message.h"
#include "rearview/importers/csv_reader.h"

namespace {

void check_text(const std::string& text) {
  if (rearview::find_invalid_utf8(text)) std::abort();
}

void read_every_message(const std::filesystem::path& file, rearview::importing::MailFileFormat format,
                        std::size_t size) {
  using rearview::importing::MailFileReader;
  auto reader = MailFileReader::open(file, format);
  if (!reader) std::abort();  // the file is there and readable
  rearview::importing::MailMessage message;
  std::string problem;
  long long last_position = -1;
  while (true) {
    auto status = (*reader)->next(message, problem);
    if (status == MailFileReader::Status::end) break;
    if (message.position < last_position || message.position > static_cast<long long>(size))
      std::abort();
    last_position = message.position;
    if (status == MailFileReader::Status::damaged) continue;
    for (const auto* text : {&message.subject, &message.text, &message.html, &message.message_id})
      check_text(*text);
    for (const auto* list : {&message.from, &message.to, &message.cc, &message.bcc})
      for (const auto& address : *list) check_text(address.name), check_text(address.address);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using rearview::importing::MailFileFormat;
  auto file = rearview::fuzz::write_scratch_file("input.mail", rearview::fuzz::as_text(data, size));
  read_every_message(file, MailFileFormat::mbox, size);
  read_every_message(file, MailFileFormat::single_message, size);
  return 0;
}
