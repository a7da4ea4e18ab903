// A4 pages that text flows across: wrapped Pango text, line by line, onto a
// cairo PDF surface, starting a new page whenever the next line would not
// fit. Also internal links, named destinations and the outline.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <array>
#include <string>
#include <string_view>

namespace rearview::report {

enum class Style { title, heading, subheading, body, strong, small, small_strong, label, email };
inline constexpr std::size_t kStyleCount = 9;

struct Color {
  double red = 0;
  double green = 0;
  double blue = 0;
};

namespace colors {
inline constexpr Color kInk{0.106, 0.137, 0.188};
inline constexpr Color kMuted{0.345, 0.392, 0.455};
inline constexpr Color kFaint{0.545, 0.584, 0.639};
inline constexpr Color kLine{0.886, 0.902, 0.929};
inline constexpr Color kWash{0.957, 0.965, 0.976};
inline constexpr Color kBand{0.835, 0.863, 0.906};
inline constexpr Color kAccent{0.137, 0.314, 0.710};
inline constexpr Color kWarn{0.627, 0.302, 0.024};
inline constexpr Color kWon{0.059, 0.455, 0.278};
inline constexpr Color kLost{0.702, 0.149, 0.118};
inline constexpr Color kBar{0.639, 0.686, 0.753};
}  // namespace colors

enum class Align { left, center, right };

// Text that came from outside, escaped for Pango markup (and made UTF-8).
// Text past kMaxPieceBytes is cut and ends in "…": a name, label or fact of
// megabytes would otherwise be laid out whole, on every page for the footer.
std::string pango_escape(std::string_view text);
// `text` cut after at most `max_bytes` (see piece_end), with "…" if it was.
std::string shortened(std::string_view text, std::size_t max_bytes);

// Pango lays a paragraph out in time that grows faster than its length, so
// plain text is laid out a line at a time, and lines longer than this many
// bytes a piece at a time: the cost stays linear in the text.
inline constexpr std::size_t kMaxPieceBytes = 2000;

// Where the first piece of `line` ends: at most `limit` bytes, preferably
// after a space, never inside a UTF-8 sequence.
std::size_t piece_end(std::string_view line, std::size_t limit);

// Calls piece(std::string_view) with the lines of `text` (without their
// line break), long lines cut into pieces of at most kMaxPieceBytes.
template <typename Piece>
void for_each_text_piece(std::string_view text, Piece&& piece) {
  while (true) {
    std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    if (line.ends_with('\r')) line.remove_suffix(1);
    do {
      std::size_t end = piece_end(line, kMaxPieceBytes);
      piece(line.substr(0, end));
      line.remove_prefix(end);
    } while (!line.empty());
    if (newline == std::string_view::npos) return;
    text.remove_prefix(newline + 1);
  }
}

class PdfDocument {
 public:
  static constexpr double kPageWidth = 595.28;  // A4 in points
  static constexpr double kPageHeight = 841.89;

  // `footer_markup` is shown at the bottom of every page, beside the page number.
  PdfDocument(cairo_surface_t* surface, std::string footer_markup);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  cairo_t* cairo() const { return cairo_; }
  double left() const { return kMarginLeft; }
  double width() const { return kPageWidth - kMarginLeft - kMarginRight; }
  double y() const { return y_; }
  void advance(double height) { y_ += height; }

  // Starts a new page unless `height` more points fit on this one.
  void keep(double height);

  // Wrapped Pango markup from the cursor down, flowing onto new pages. With
  // `rule`, a thin bar runs beside every line (quoted e-mail text). Markup
  // is laid out whole: keep it short, and give long text to plain().
  void paragraph(std::string_view markup, Style style, double indent = 0, bool rule = false);
  // Outside text, escaped and shortened (see pango_escape).
  void plain(std::string_view text, Style style, double indent = 0, bool rule = false);
  // Outside text of any length (bodies), escaped, whole, in time linear in
  // its length.
  void long_text(std::string_view text, Style style, double indent = 0, bool rule = false);
  // The height `markup` needs at `width`, without drawing.
  double measure(std::string_view markup, Style style, double width) const;
  // The width of `markup` on one line.
  double natural_width(std::string_view markup, Style style) const;
  // One block at a fixed place, not flowing (labels in charts and tables).
  void place(std::string_view markup, Style style, double x, double y, double width,
             Align align) const;

  void set_color(Color color) const;
  void fill_rectangle(double x, double y, double width, double height, Color color) const;

  // Links to, and destinations of, internal anchors ("item-..." tokens).
  void begin_link(std::string_view anchor) const;
  void end_link() const;
  void begin_destination(std::string_view anchor) const;
  void end_destination() const;
  void add_outline(std::string_view title, std::string_view anchor) const;

  void finish();

 private:
  static constexpr double kMarginLeft = 48;
  static constexpr double kMarginRight = 48;
  static constexpr double kMarginTop = 50;
  static constexpr double kMarginBottom = 56;

  PangoLayout* prepare(PangoLayout* layout, std::string_view markup, Style style,
                       double width) const;
  void new_page();
  void draw_footer() const;
  double bottom() const { return kPageHeight - kMarginBottom; }

  cairo_surface_t* surface_;
  cairo_t* cairo_;
  // Flowing text iterates over its layout's lines while a page break draws
  // the footer, so the two need a layout each.
  PangoLayout* flow_layout_;
  PangoLayout* block_layout_;
  std::array<PangoFontDescription*, kStyleCount> fonts_{};
  std::string footer_;
  double y_ = kMarginTop;
  int page_ = 1;
  bool finished_ = false;
};

}  // namespace rearview::report
