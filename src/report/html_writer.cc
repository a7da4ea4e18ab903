#include "html_writer.h"

#include "html_style.h"

namespace rearview::report {

void HtmlWriter::begin_document(std::string_view title, std::string_view page_css) {
  raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" "
      "content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
      "form-action 'none'\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n"
      "<meta name=\"generator\" content=\"rearview\">\n");
  write("<title>{}</title>\n<style>", html(title));
  raw(kBaseCss);
  raw(page_css);
  raw("</style>\n</head>\n<body>\n");
}

void HtmlWriter::end_document() { raw("</body>\n</html>\n"); }

}  // namespace rearview::report
