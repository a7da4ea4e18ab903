// The ICU and Snowball wrapper of the trackers.
#include "word_stems.h"

#include <fmt/format.h>
#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

namespace rearview::trackers {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

std::string known_languages() {
  std::string names;
  for (const char** name = sb_stemmer_list(); *name; ++name) {
    if (!names.empty()) names += ", ";
    names += *name;
  }
  return names;
}

std::string folded(std::string_view word) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())))
      .foldCase()
      .toUTF8String(out);
  return out;
}

}  // namespace

struct WordStems::Parts {
  std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer;
  std::unique_ptr<icu::BreakIterator> breaks;
};

WordStems::WordStems(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
WordStems::~WordStems() = default;

Result<std::unique_ptr<WordStems>> WordStems::open(const std::string& language) {
  auto parts = std::make_unique<Parts>();
  parts->stemmer.reset(sb_stemmer_new(language.c_str(), "UTF_8"));
  if (!parts->stemmer)
    return fail(ErrorCode::config, fmt::format("trackers: no word-ending rules for language "
                                               "\"{}\"; known: {}",
                                               language, known_languages()));
  UErrorCode status = U_ZERO_ERROR;
  parts->breaks.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !parts->breaks)
    return fail(ErrorCode::config, fmt::format("ICU word breaks: {}", u_errorName(status)));
  return std::unique_ptr<WordStems>(new WordStems(std::move(parts)));
}

std::vector<Word> WordStems::words(std::string_view text) {
  std::vector<Word> words;
  UErrorCode status = U_ZERO_ERROR;
  // Over UTF-8 directly, so the break positions are byte offsets.
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return words;
  parts_->breaks->setText(utext, status);
  if (U_SUCCESS(status)) {
    int32_t begin = parts_->breaks->first();
    for (int32_t end = parts_->breaks->next(); end != icu::BreakIterator::DONE;
         begin = end, end = parts_->breaks->next()) {
      if (parts_->breaks->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces, punctuation
      std::string word = folded(text.substr(std::size_t(begin), std::size_t(end - begin)));
      const sb_symbol* stem = sb_stemmer_stem(
          parts_->stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
          static_cast<int>(word.size()));
      std::string stemmed = stem ? std::string(reinterpret_cast<const char*>(stem),
                                               std::size_t(sb_stemmer_length(parts_->stemmer.get())))
                                 : word;
      words.push_back(Word{std::size_t(begin), std::size_t(end), std::move(stemmed)});
    }
  }
  utext_close(utext);
  return words;
}

}  // namespace rearview::trackers
