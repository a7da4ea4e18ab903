// Writes the won fixture report (with a malicious e-mail body) as HTML for
// the browser test:   report_fixture_writer OUT.html
#include <fstream>
#include <iostream>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"

namespace {

bool write_text(const std::filesystem::path& file, const std::string& content) {
  std::ofstream out(file, std::ios::binary);
  out << content;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: report_fixture_writer OUT.html\n";
    return 2;
  }
  std::filesystem::path html = argv[1];
  auto report = rearview::testing::won_report();
  if (!write_text(html, rearview::render_html(report))) {
    std::cerr << "cannot write " << html << "\n";
    return 1;
  }
  return 0;
}
