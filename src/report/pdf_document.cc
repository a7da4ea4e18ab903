#include "pdf_document.h"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include "text_format.h"

namespace rearview::report {
namespace {

struct StyleSpec {
  Style style;
  const char* font;
  Color color;
};

// Liberation Sans first (compact, metric-compatible with Arial); fontconfig
// falls back per glyph for scripts and symbols it lacks, to the Noto fonts
// that scripts/install-deps.sh installs (CJK, Korean, Devanagari, Thai,
// colour emoji). Without them those glyphs are boxes.
constexpr std::array kStyles{
    StyleSpec{Style::title, "Liberation Sans,DejaVu Sans Bold 19", colors::kInk},
    StyleSpec{Style::heading, "Liberation Sans,DejaVu Sans Bold 13", colors::kInk},
    StyleSpec{Style::subheading, "Liberation Sans,DejaVu Sans Bold 10.5", colors::kInk},
    StyleSpec{Style::body, "Liberation Sans,DejaVu Sans 9.5", colors::kInk},
    StyleSpec{Style::strong, "Liberation Sans,DejaVu Sans Bold 9.5", colors::kInk},
    StyleSpec{Style::small, "Liberation Sans,DejaVu Sans 8", colors::kMuted},
    StyleSpec{Style::small_strong, "Liberation Sans,DejaVu Sans Bold 8", colors::kInk},
    StyleSpec{Style::label, "Liberation Sans,DejaVu Sans Bold 7", colors::kMuted},
    StyleSpec{Style::email, "Liberation Sans,DejaVu Sans 9", colors::kInk},
};

constexpr bool styles_in_order() {
  for (std::size_t i = 0; i < kStyles.size(); ++i)
    if (kStyles[i].style != static_cast<Style>(i)) return false;
  return kStyles.size() == kStyleCount;
}
static_assert(styles_in_order(), "kStyles is indexed by Style");

const StyleSpec& spec(Style style) { return kStyles[static_cast<std::size_t>(style)]; }

double points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

// Pango markup allows no control characters but line breaks and tabs
// (printable_text replaces the others); CR LF and lone CR become LF.
std::string printable(std::string_view text) {
  std::string cleaned = printable_text(text);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < cleaned.size(); ++i) {
    if (cleaned[i] == '\r' && i + 1 < cleaned.size() && cleaned[i + 1] == '\n') continue;
    cleaned[kept++] = cleaned[i] == '\r' ? '\n' : cleaned[i];
  }
  cleaned.resize(kept);
  return cleaned;
}

PangoContext* make_context(cairo_t* cairo) {
  PangoContext* context = pango_cairo_create_context(cairo);
  // Font sizes are in points and so is the PDF: no 96 dpi scaling, and no
  // hinting, which would bend layout toward screen pixels.
  pango_cairo_context_set_resolution(context, 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
  return context;
}

}  // namespace

std::size_t piece_end(std::string_view line, std::size_t limit) {
  if (line.size() <= limit) return line.size();
  // At a space in the second half, where the line could wrap anyway ...
  std::size_t space = line.rfind(' ', limit);
  if (space != std::string_view::npos && space >= limit / 2) return space + 1;
  // ... or else between two characters, never inside one.
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
  return end > 0 ? end : limit;
}

std::string shortened(std::string_view text, std::size_t max_bytes) {
  std::size_t end = piece_end(text, max_bytes);
  if (end == text.size()) return std::string(text);
  return std::string(text.substr(0, end)) + "…";
}

std::string pango_escape(std::string_view text) {
  std::string cleaned = printable(shortened(text, kMaxPieceBytes));
  gchar* escaped = g_markup_escape_text(cleaned.data(), static_cast<gssize>(cleaned.size()));
  std::string result(escaped);
  g_free(escaped);
  return result;
}

PdfDocument::PdfDocument(cairo_surface_t* surface, std::string footer_markup)
    : surface_(surface), cairo_(cairo_create(surface)), footer_(std::move(footer_markup)) {
  PangoContext* context = make_context(cairo_);
  flow_layout_ = pango_layout_new(context);
  block_layout_ = pango_layout_new(context);
  g_object_unref(context);
  pango_layout_set_wrap(flow_layout_, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_wrap(block_layout_, PANGO_WRAP_WORD_CHAR);
  for (std::size_t i = 0; i < kStyles.size(); ++i)
    fonts_[i] = pango_font_description_from_string(kStyles[i].font);
}

PdfDocument::~PdfDocument() {
  for (auto* font : fonts_) pango_font_description_free(font);
  g_object_unref(block_layout_);
  g_object_unref(flow_layout_);
  cairo_destroy(cairo_);
}

PangoLayout* PdfDocument::prepare(PangoLayout* layout, std::string_view markup, Style style,
                                  double width) const {
  pango_layout_set_font_description(layout, fonts_[static_cast<std::size_t>(style)]);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
  pango_layout_set_markup(layout, markup.data(), static_cast<int>(markup.size()));
  return layout;
}

void PdfDocument::set_color(Color color) const {
  cairo_set_source_rgb(cairo_, color.red, color.green, color.blue);
}

void PdfDocument::fill_rectangle(double x, double y, double width, double height,
                                 Color color) const {
  set_color(color);
  cairo_rectangle(cairo_, x, y, width, height);
  cairo_fill(cairo_);
}

void PdfDocument::keep(double height) {
  if (y_ + height > bottom()) new_page();
}

void PdfDocument::paragraph(std::string_view markup, Style style, double indent, bool rule) {
  PangoLayout* layout = prepare(flow_layout_, markup, style, width() - indent);
  PangoLayoutIter* lines = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(lines, nullptr, &logical);
    double height = points(logical.height);
    double baseline = points(pango_layout_iter_get_baseline(lines) - logical.y);
    keep(height);
    if (rule) fill_rectangle(left() + indent - 9, y_, 2, height, colors::kBand);
    set_color(spec(style).color);
    cairo_move_to(cairo_, left() + indent + points(logical.x), y_ + baseline);
    pango_cairo_show_layout_line(cairo_, pango_layout_iter_get_line_readonly(lines));
    y_ += height;
  } while (pango_layout_iter_next_line(lines));
  pango_layout_iter_free(lines);
}

void PdfDocument::plain(std::string_view text, Style style, double indent, bool rule) {
  paragraph(pango_escape(text), style, indent, rule);
}

void PdfDocument::long_text(std::string_view text, Style style, double indent, bool rule) {
  for_each_text_piece(text, [&](std::string_view piece) {
    paragraph(pango_escape(piece), style, indent, rule);
  });
}

double PdfDocument::measure(std::string_view markup, Style style, double width) const {
  PangoRectangle logical;
  pango_layout_get_extents(prepare(block_layout_, markup, style, width), nullptr, &logical);
  return points(logical.height);
}

double PdfDocument::natural_width(std::string_view markup, Style style) const {
  PangoLayout* layout = prepare(block_layout_, markup, style, 0);
  pango_layout_set_width(layout, -1);
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return points(logical.width);
}

void PdfDocument::place(std::string_view markup, Style style, double x, double y, double width,
                        Align align) const {
  PangoLayout* layout = prepare(block_layout_, markup, style, width);
  constexpr PangoAlignment kAlignments[] = {PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
                                            PANGO_ALIGN_RIGHT};
  pango_layout_set_alignment(layout, kAlignments[static_cast<int>(align)]);
  set_color(spec(style).color);
  cairo_move_to(cairo_, x, y);
  pango_cairo_show_layout(cairo_, layout);
}

void PdfDocument::begin_link(std::string_view anchor) const {
  cairo_tag_begin(cairo_, CAIRO_TAG_LINK, fmt::format("dest='{}'", anchor).c_str());
}

void PdfDocument::end_link() const { cairo_tag_end(cairo_, CAIRO_TAG_LINK); }

void PdfDocument::begin_destination(std::string_view anchor) const {
  cairo_tag_begin(cairo_, CAIRO_TAG_DEST, fmt::format("name='{}'", anchor).c_str());
}

void PdfDocument::end_destination() const { cairo_tag_end(cairo_, CAIRO_TAG_DEST); }

void PdfDocument::add_outline(std::string_view title, std::string_view anchor) const {
  cairo_pdf_surface_add_outline(surface_, CAIRO_PDF_OUTLINE_ROOT, std::string(title).c_str(),
                                fmt::format("dest='{}'", anchor).c_str(),
                                static_cast<cairo_pdf_outline_flags_t>(0));
}

void PdfDocument::draw_footer() const {
  double y = kPageHeight - kMarginBottom + 22;
  cairo_rectangle(cairo_, left(), y - 8, width(), 0.5);
  set_color(colors::kLine);
  cairo_fill(cairo_);
  place(footer_, Style::small, left(), y, width() - 60, Align::left);
  place(fmt::format("Page {}", page_), Style::small, left(), y, width(), Align::right);
}

void PdfDocument::new_page() {
  draw_footer();
  cairo_show_page(cairo_);
  ++page_;
  y_ = kMarginTop;
}

void PdfDocument::finish() {
  if (finished_) return;
  finished_ = true;
  draw_footer();
  cairo_show_page(cairo_);
}

}  // namespace rearview::report
