// The GMime wrapper: the only file that includes gmime.h (and GLib with it).
// GMime does the MIME work — every charset and transfer encoding, RFC 2047
// headers, multipart structure, mbox From-line framing — and this file copies
// what rearview keeps into a MailMessage.
#include <fcntl.h>
#include <gmime/gmime.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "mail_message.h"
#include "rearview/core/text.h"

namespace rearview::importing {
namespace {

void initialise_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// GLib strings and objects released when they go out of scope.
struct GFreeDeleter {
  void operator()(void* memory) const { g_free(memory); }
};
using GlibText = std::unique_ptr<char, GFreeDeleter>;

template <typename Object>
struct Unref {
  void operator()(Object* object) const {
    if (object) g_object_unref(object);
  }
};
template <typename Object>
using Owned = std::unique_ptr<Object, Unref<Object>>;

// Text as UTF-8 even when a part lied about its charset.
std::string utf8(const char* text) {
  if (!text) return {};
  GlibText valid(g_utf8_make_valid(text, -1));
  return valid ? std::string(valid.get()) : std::string();
}

void add_addresses(InternetAddressList* list, std::vector<MailAddress>& into) {
  if (!list) return;
  int count = internet_address_list_length(list);
  for (int i = 0; i < count; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(address)) {
      add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), into);
      continue;
    }
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
    const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
    std::string text = lower(trim(utf8(addr)));
    if (text.empty()) continue;
    into.push_back({.name = std::string(trim(utf8(internet_address_get_name(address)))),
                    .address = std::move(text)});
  }
}

void add_references(GMimeObject* message, const char* header, std::vector<std::string>& into) {
  const char* value = g_mime_object_get_header(message, header);
  if (!value) return;
  GMimeReferences* references = g_mime_references_parse(nullptr, value);
  if (!references) return;
  int count = g_mime_references_length(references);
  for (int i = 0; i < count; ++i) {
    std::string id = utf8(g_mime_references_get_message_id(references, i));
    if (!id.empty() && std::find(into.begin(), into.end(), id) == into.end())
      into.push_back(std::move(id));
  }
  g_mime_references_free(references);
}

bool has_header(GMimeObject* object, const char* name) {
  return g_mime_object_get_header(object, name) != nullptr;
}

bool automated_sender(const std::vector<MailAddress>& from) {
  for (const auto& address : from) {
    std::string local = address.address.substr(0, address.address.find('@'));
    for (const char* word : {"noreply", "no-reply", "donotreply", "do-not-reply", "mailer-daemon",
                             "postmaster", "notifications", "notification", "bounce"})
      if (local == word || local.starts_with(std::string(word) + "+") ||
          local.starts_with(std::string(word) + "-"))
        return true;
  }
  return false;
}

bool automated(GMimeObject* message, const std::vector<MailAddress>& from) {
  if (has_header(message, "List-Unsubscribe") || has_header(message, "List-Id")) return true;
  if (const char* submitted = g_mime_object_get_header(message, "Auto-Submitted"))
    if (lower(trim(submitted)) != "no") return true;
  if (const char* precedence = g_mime_object_get_header(message, "Precedence")) {
    std::string value = lower(trim(precedence));
    if (value == "bulk" || value == "junk" || value == "list") return true;
  }
  return automated_sender(from);
}

long long decoded_size(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return 0;
  Owned<GMimeStream> counter(g_mime_stream_null_new());
  ssize_t written = g_mime_data_wrapper_write_to_stream(content, counter.get());
  return written < 0 ? 0 : static_cast<long long>(written);
}

void read_part(GMimeObject* object, MailMessage& message) {
  if (GMIME_IS_MESSAGE_PART(object)) {  // a forwarded message: listed as an attachment
    message.attachments.push_back({.name = "forwarded message", .media_type = "message/rfc822"});
    return;
  }
  if (!GMIME_IS_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  bool text_type = type && g_mime_content_type_is_type(type, "text", "*");
  if (g_mime_part_is_attachment(part) || !text_type) {
    GlibText media(type ? g_mime_content_type_get_mime_type(type) : nullptr);
    message.attachments.push_back({.name = utf8(g_mime_part_get_filename(part)),
                                   .media_type = media ? lower(media.get()) : "",
                                   .bytes = decoded_size(part)});
    return;
  }
  GlibText text(g_mime_text_part_get_text(GMIME_TEXT_PART(object)));
  std::string content = utf8(text.get());
  if (g_mime_content_type_is_type(type, "text", "calendar"))
    message.calendar_parts.push_back(std::move(content));
  else if (g_mime_content_type_is_type(type, "text", "html")) {
    if (message.html.empty()) message.html = std::move(content);
  } else if (message.text.empty()) {
    message.text = std::move(content);
  }
}

void read_message(GMimeMessage* parsed, MailMessage& message) {
  GMimeObject* object = GMIME_OBJECT(parsed);
  message.message_id = std::string(trim(utf8(g_mime_message_get_message_id(parsed))));
  add_references(object, "References", message.references);
  add_references(object, "In-Reply-To", message.references);
  message.subject = std::string(trim(utf8(g_mime_message_get_subject(parsed))));
  if (GDateTime* date = g_mime_message_get_date(parsed))
    message.date = Timestamp{std::chrono::seconds{g_date_time_to_unix(date)}};
  add_addresses(g_mime_message_get_from(parsed), message.from);
  add_addresses(g_mime_message_get_to(parsed), message.to);
  add_addresses(g_mime_message_get_cc(parsed), message.cc);
  add_addresses(g_mime_message_get_bcc(parsed), message.bcc);
  message.automated = automated(object, message.from);
  if (GMimeObject* body = g_mime_message_get_mime_part(parsed)) {
    if (GMIME_IS_MULTIPART(body))
      g_mime_multipart_foreach(
          GMIME_MULTIPART(body),
          [](GMimeObject*, GMimeObject* part, gpointer into) {
            read_part(part, *static_cast<MailMessage*>(into));
          },
          &message);
    else
      read_part(body, message);
  }
}

}  // namespace

struct MailFileReader::Parser {
  Owned<GMimeStream> stream;
  Owned<GMimeParser> parser;
  MailFileFormat format = MailFileFormat::mbox;
  bool done = false;
};

MailFileReader::MailFileReader(std::unique_ptr<Parser> parser) : parser_(std::move(parser)) {}
MailFileReader::~MailFileReader() = default;

Result<std::unique_ptr<MailFileReader>> MailFileReader::open(const std::filesystem::path& file,
                                                             MailFileFormat format,
                                                             long long start) {
  initialise_gmime();
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(ErrorCode::not_found,
                fmt::format("{}: cannot be read ({})", file.string(), std::strerror(errno)),
                "check the path and its permissions");
  auto parser = std::make_unique<Parser>();
  // Owns fd from here. A bounded stream counts from the file's start.
  parser->stream.reset(start > 0 ? g_mime_stream_fs_new_with_bounds(fd, start, -1)
                                 : g_mime_stream_fs_new(fd));
  parser->parser.reset(g_mime_parser_new_with_stream(parser->stream.get()));
  g_mime_parser_set_format(parser->parser.get(),
                           format == MailFileFormat::mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
  parser->format = format;
  return std::unique_ptr<MailFileReader>(new MailFileReader(std::move(parser)));
}

bool read_message_bytes(std::string_view bytes, MailMessage& message) {
  initialise_gmime();
  message = MailMessage{};
  Owned<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  Owned<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  Owned<GMimeMessage> parsed(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!parsed) return false;
  read_message(parsed.get(), message);
  return true;
}

MailFileReader::Status MailFileReader::next(MailMessage& message, std::string& problem) {
  message = MailMessage{};
  GMimeParser* parser = parser_->parser.get();
  if (parser_->done || g_mime_parser_eos(parser)) return Status::end;
  message.position = g_mime_parser_tell(parser);
  Owned<GMimeMessage> parsed(g_mime_parser_construct_message(parser, nullptr));
  if (parser_->format == MailFileFormat::single_message) parser_->done = true;
  if (!parsed) {
    // GMime gives up on the rest of the stream here: so does this reader,
    // rather than risk reading the same bytes forever.
    parser_->done = true;
    if (parser_->format == MailFileFormat::mbox && message.position == 0)
      problem = "not an mbox file: it does not start with a \"From \" line";
    else
      problem = "not a message GMime can read; the rest of the file is not read";
    return Status::damaged;
  }
  if (parser_->format == MailFileFormat::mbox)
    message.position = g_mime_parser_get_mbox_marker_offset(parser);
  read_message(parsed.get(), message);
  return Status::message;
}

}  // namespace rearview::importing
