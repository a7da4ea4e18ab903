// Words as a tracker compares them: split where Unicode says words end
// (ICU's word break rules, so "pricing," and "SOC 2" split right in every
// script), case folded, and reduced to their stem by Snowball's rules for
// the language ("prices", "priced" -> "price"; "going" -> "go"). The only
// file that sees ICU's or libstemmer's headers is word_stems.cc.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/error.h"

namespace rearview::trackers {

struct Word {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
  std::string stem;
};

// Not thread-safe (a Snowball stemmer keeps state): one per thread.
class WordStems {
 public:
  // Fails for a language Snowball has no rules for, naming those it has.
  static Result<std::unique_ptr<WordStems>> open(const std::string& language);
  ~WordStems();
  WordStems(const WordStems&) = delete;
  WordStems& operator=(const WordStems&) = delete;

  // The words of `text` (valid UTF-8), in order; punctuation and spaces left out.
  std::vector<Word> words(std::string_view text);

 private:
  struct Parts;
  explicit WordStems(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace rearview::trackers
