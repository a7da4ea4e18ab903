#include <gtest/gtest.h>

#include "rearview/importers/csv_reader.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::TemporaryDirectory;
using testing::write_file;

struct ReadResult {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> records;
  std::vector<long long> lines;
  std::vector<CsvDamage> damage;
};

ReadResult read_all(const std::string& content, std::string_view encoding = {},
                    std::string* read_as = nullptr) {
  TemporaryDirectory directory;
  write_file(directory / "file.csv", content);
  auto reader = CsvReader::open(directory / "file.csv", encoding);
  if (reader && read_as)
    *read_as = (*reader)->encoding() + ((*reader)->encoding_detected() ? " (detected)" : "");
  EXPECT_TRUE(reader) << (reader ? "" : reader.error().message);
  ReadResult result;
  if (!reader) return result;
  result.header = (*reader)->header();
  CsvRecord record;
  CsvDamage damage;
  while (true) {
    auto status = (*reader)->next(record, damage);
    if (status == CsvReader::Status::end) break;
    if (status == CsvReader::Status::damaged) {
      result.damage.push_back(damage);
      continue;
    }
    std::vector<std::string> fields;
    for (std::size_t i = 0; i < record.size(); ++i) fields.emplace_back(record[i]);
    result.records.push_back(fields);
    result.lines.push_back(record.line());
  }
  return result;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  auto result = read_all("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"line one\nline two\"\nplain,,end\n");
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[0], (Fields{"x, y", "say \"hi\"", "line one\nline two"}));
  EXPECT_EQ(result.records[1], (Fields{"plain", "", "end"}));
  EXPECT_EQ(result.lines, (std::vector<long long>{2, 4}));
}

TEST(CsvReader, StripsAByteOrderMarkAndHandlesCrlf) {
  auto result = read_all("\xEF\xBB\xBFId,Name\r\n1,\"a\r\nb\"\r\n2,c\r\n");
  EXPECT_EQ(result.header, (Fields{"Id", "Name"}));
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[0], (Fields{"1", "a\r\nb"}));
  EXPECT_EQ(result.lines, (std::vector<long long>{2, 4}));
}

TEST(CsvReader, ALastLineWithoutNewlineIsARecord) {
  auto result = read_all("a,b\n1,2");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0], (Fields{"1", "2"}));
}

TEST(CsvReader, SkipsBlankLines) {
  auto result = read_all("a,b\n\n1,2\n\n");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.lines[0], 3);
}

TEST(CsvReader, AnEmptyQuotedFieldIsEmpty) {
  auto result = read_all("a,b\n\"\",\"\"\n");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0], (Fields{"", ""}));
}

TEST(CsvReader, ReportsAWrongNumberOfFieldsWithItsLine) {
  auto result = read_all("a,b,c\n1,2,3\n1,2\n4,5,6\n");
  EXPECT_EQ(result.records.size(), 2u);
  ASSERT_EQ(result.damage.size(), 1u);
  EXPECT_EQ(result.damage[0].line, 3);
  EXPECT_NE(result.damage[0].what.find("2 fields, the header has 3"), std::string::npos);
}

TEST(CsvReader, ReportsAFileCutOffInsideAQuotedField) {
  auto result = read_all("a,b\n1,2\n3,\"never closed\nstill going");
  EXPECT_EQ(result.records.size(), 1u);
  ASSERT_EQ(result.damage.size(), 1u);
  EXPECT_EQ(result.damage[0].line, 3);
  EXPECT_EQ(result.damage[0].column, 2u);
  EXPECT_NE(result.damage[0].what.find("ends inside a quoted field"), std::string::npos);
}

TEST(CsvReader, ReportsInvalidUtf8WithTheColumn) {
  auto result = read_all("a,b\nok,caf\xE9\n");
  ASSERT_EQ(result.damage.size(), 1u);
  EXPECT_EQ(result.damage[0].line, 2);
  EXPECT_EQ(result.damage[0].column, 2u);
  EXPECT_NE(result.damage[0].what.find("UTF-8"), std::string::npos);
}

TEST(CsvReader, ReportsTextAfterAClosingQuote) {
  auto result = read_all("a,b\n\"x\"y,2\n");
  ASSERT_EQ(result.damage.size(), 1u);
  EXPECT_EQ(result.damage[0].column, 1u);
}

TEST(CsvReader, KeepsABareQuoteInsideAnUnquotedField) {
  auto result = read_all("a,b\n5\" screen,2\n");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0][0], "5\" screen");
}

TEST(CsvReader, ReadsRecordsLongerThanItsBuffer) {
  std::string long_value(3 << 20, 'x');
  auto result = read_all("a,b\n\"" + long_value + "\",2\n");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0][0].size(), long_value.size());
}

TEST(CsvReader, AnEmptyFileIsAnError) {
  TemporaryDirectory directory;
  write_file(directory / "empty.csv", "");
  auto reader = CsvReader::open(directory / "empty.csv");
  ASSERT_FALSE(reader);
  EXPECT_NE(reader.error().message.find("empty"), std::string::npos);
}

TEST(CsvReader, AMissingFileIsNotFound) {
  auto reader = CsvReader::open("/nonexistent/file.csv");
  ASSERT_FALSE(reader);
  EXPECT_EQ(reader.error().code, ErrorCode::not_found);
}

TEST(Utf8, AcceptsValidAndRejectsOverlongAndSurrogates) {
  EXPECT_FALSE(find_invalid_utf8("Müller — café 😀"));
  EXPECT_EQ(find_invalid_utf8("ab\xC0\xAF"), 2u);        // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);      // a surrogate
  EXPECT_EQ(find_invalid_utf8("ok\xE2\x82"), 2u);        // cut off
}

TEST(CsvColumns, FindsHeadersCaseInsensitively) {
  CsvColumns columns({"Id", "StageName"});
  EXPECT_EQ(columns.find("stagename"), 1u);
  EXPECT_FALSE(columns.find("Amount"));
}

TEST(AppendCsvField, QuotesOnlyWhenNeeded) {
  std::string out;
  append_csv_field(out, "plain");
  out += ',';
  append_csv_field(out, "a \"b\", c");
  EXPECT_EQ(out, "plain,\"a \"\"b\"\", c\"");
}

}  // namespace
}  // namespace rearview

namespace rearview {
namespace {

// Regression: a quote that is never closed read the rest of the file, however
// large, into one record in memory.
TEST(CsvReaderBounds, ARecordPastTheBoundIsDamageAndTheFileIsNotReadFurther) {
  std::string content = "Id,Body\n1,ok\n2,\"never closed ";
  content.append(kMaxRecordBytes + 10, 'x');
  content += "\n3,after\n";
  auto result = read_all(content);
  ASSERT_EQ(result.records.size(), 1u);
  ASSERT_EQ(result.damage.size(), 1u);
  EXPECT_EQ(result.damage[0].line, 3);
  EXPECT_NE(result.damage[0].what.find("longer than 64 MB"), std::string::npos) << result.damage[0].what;
}

// Encodings: Latin-1 bytes by hand (é is 0xE9), UTF-16LE with its mark.
TEST(CsvEncoding, Latin1WithoutAWordIsDetectedAndReadAsUtf8) {
  std::string read_as;
  auto result = read_all("Name,Stage\nNestl\xE9 Per\xFA,Negociaci\xF3n\n", {}, &read_as);
  EXPECT_EQ(read_as, "windows-1252 (detected)");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0],
            (std::vector<std::string>{"Nestl\xC3\xA9 Per\xC3\xBA", "Negociaci\xC3\xB3n"}));
  EXPECT_TRUE(result.damage.empty());
}

TEST(CsvEncoding, NamedEncodingIsUsedAndNotCalledDetected) {
  std::string read_as;
  auto result = read_all("Name\nM\xFCller\n", "ISO-8859-1", &read_as);
  EXPECT_EQ(read_as, "ISO-8859-1");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0][0], "M\xC3\xBCller");
}

TEST(CsvEncoding, Utf16WithItsByteOrderMarkIsDetected) {
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("Id,Name\r\n1,Ana\r\n")) utf16 += std::string{c, '\0'};
  std::string read_as;
  auto result = read_all(utf16, {}, &read_as);
  EXPECT_EQ(read_as, "UTF-16 (detected)");
  EXPECT_EQ(result.header, (std::vector<std::string>{"Id", "Name"}));
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0], (std::vector<std::string>{"1", "Ana"}));
}

// Past the first block of the file (1 MB): every record decoded, none cut.
TEST(CsvEncoding, LargeLatin1FileIsDecodedAcrossBlocks) {
  std::string text = "Id,Name\n";
  constexpr int kRows = 120000;  // about 2.4 MB
  for (int i = 0; i < kRows; ++i) text += std::to_string(i) + ",Caf\xE9 cr\xE8me\n";
  auto result = read_all(text, "windows-1252");
  ASSERT_EQ(result.records.size(), std::size_t(kRows));
  EXPECT_TRUE(result.damage.empty());
  EXPECT_EQ(result.records.back(),
            (std::vector<std::string>{std::to_string(kRows - 1), "Caf\xC3\xA9 cr\xC3\xA8me"}));
}

TEST(CsvEncoding, UnknownEncodingIsNamed) {
  auto known = check_encoding("klingon");
  ASSERT_FALSE(known);
  EXPECT_NE(known.error().message.find("klingon"), std::string::npos);
  EXPECT_TRUE(check_encoding("utf-8"));
  EXPECT_TRUE(check_encoding("ISO-8859-1"));
}

}  // namespace
}  // namespace rearview
