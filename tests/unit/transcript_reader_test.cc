// The call transcript's parts: WebVTT and SubRip cues, the sidecar, and the
// talk counted from cues, against figures worked out by hand.
#include <gtest/gtest.h>

#include "call_sidecar.h"
#include "call_writer.h"
#include "transcript_reader.h"

namespace rearview::importing {
namespace {

using std::chrono::milliseconds;

Transcript read(std::string_view text, TranscriptFormat format = TranscriptFormat::webvtt) {
  auto transcript = read_transcript(text, format);
  EXPECT_TRUE(transcript) << transcript.error().message;
  return transcript ? *transcript : Transcript{};
}

TEST(CueTime, ReadsBothFormsAndRefusesNonsense) {
  EXPECT_EQ(parse_cue_time("00:01:02.500"), milliseconds(62'500));
  EXPECT_EQ(parse_cue_time("01:02:03,004"), milliseconds(3'723'004));
  EXPECT_EQ(parse_cue_time("01:02.5"), milliseconds(62'500));  // minutes and seconds, a tenth
  EXPECT_EQ(parse_cue_time("100:00:00.000"), milliseconds(360'000'000));
  EXPECT_FALSE(parse_cue_time("00:61:00.000"));
  EXPECT_FALSE(parse_cue_time("00:00:00"));
  EXPECT_FALSE(parse_cue_time("aa:00:00.000"));
  EXPECT_FALSE(parse_cue_time("00:00:00.1234"));
  EXPECT_FALSE(parse_cue_time(""));
}

TEST(TranscriptReader, WebVttVoiceSpansGiveTheSpeaker) {
  auto transcript = read(
      "\xEF\xBB\xBFWEBVTT - a call\r\nKind: captions\r\n\r\nNOTE a comment\r\nspanning lines\r\n\r\n"
      "a1b2/12-0\r\n00:00:01.000 --> 00:00:04.000 align:start\r\n"
      "<v.loud Pat Buyer>Our <i>budget</i> &amp; timing</v>\r\n\r\n"
      "00:00:05.000 --> 00:00:06.000\r\n<v Alex Seller>Fine &#x263A;\r\nthen.\r\n");
  ASSERT_EQ(transcript.cues.size(), 2u);
  EXPECT_EQ(transcript.cues[0].speaker, "Pat Buyer");
  EXPECT_EQ(transcript.cues[0].text, "Our budget & timing");
  EXPECT_EQ(transcript.cues[0].start, milliseconds(1000));
  EXPECT_EQ(transcript.cues[0].end, milliseconds(4000));
  EXPECT_EQ(transcript.cues[0].line, 8);
  EXPECT_EQ(transcript.cues[1].speaker, "Alex Seller");
  EXPECT_EQ(transcript.cues[1].text, "Fine \u263A then.");
  EXPECT_TRUE(transcript.problems.empty());
}

TEST(TranscriptReader, NamePrefixesGiveTheSpeakerWhereNoVoiceSpanDoes) {
  auto transcript = read(
      "1\n00:00:01,000 --> 00:00:02,000\nPat Buyer: It is at 10:30.\n\n"
      "2\n00:00:02,000 --> 00:00:03,000\n[Alex] Noted\n\n"
      "3\n00:00:03,000 --> 00:00:04,000\nsee http://example.com\n\n"
      "4\n00:00:04,000 --> 00:00:05,000\nthis is a long sentence with words: not a name\n",
      TranscriptFormat::srt);
  ASSERT_EQ(transcript.cues.size(), 4u);
  EXPECT_EQ(transcript.cues[0].speaker, "Pat Buyer");
  EXPECT_EQ(transcript.cues[0].text, "It is at 10:30.");
  EXPECT_EQ(transcript.cues[1].speaker, "Alex");
  EXPECT_EQ(transcript.cues[1].text, "Noted");
  EXPECT_EQ(transcript.cues[2].speaker, "");
  EXPECT_EQ(transcript.cues[2].text, "see http://example.com");
  EXPECT_EQ(transcript.cues[3].speaker, "");
}

TEST(TranscriptReader, DamagedCuesAreReportedByLineAndSkippedAlone) {
  auto transcript = read(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfirst\n\n"
      "00:00:0x.000 --> 00:00:03.000\nbad time\n\n"     // line 6
      "00:00:05.000 --> 00:00:04.000\nbackwards\n\n"    // line 9
      "just words without times\n\n"                    // line 12
      "00:00:06.000 --> 00:00:07.000\n\n"               // nothing said: no cue, no problem
      "00:00:08.000 --> 00:00:09.000\nlast");
  ASSERT_EQ(transcript.cues.size(), 2u);
  EXPECT_EQ(transcript.cues[1].text, "last");
  ASSERT_EQ(transcript.problems.size(), 3u);
  EXPECT_EQ(transcript.problems[0].line, 6);
  EXPECT_EQ(transcript.problems[1].line, 9);
  EXPECT_NE(transcript.problems[1].message.find("ends before it starts"), std::string::npos);
  EXPECT_EQ(transcript.problems[2].line, 12);
}

TEST(TranscriptReader, AWebVttFileWithoutItsSignatureIsRefused) {
  auto transcript = read_transcript("1\n00:00:01,000 --> 00:00:02,000\nhi\n", TranscriptFormat::webvtt);
  ASSERT_FALSE(transcript);
  EXPECT_EQ(transcript.error().code, ErrorCode::invalid_input);
  EXPECT_FALSE(read_transcript("WEBVTTX\n", TranscriptFormat::webvtt));
  EXPECT_TRUE(read_transcript("WEBVTT", TranscriptFormat::webvtt));
}

TEST(TranscriptReader, UnclosedTagsAndStrayAmpersandsDoNotLoseTheWords) {
  auto transcript = read("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nR&D costs &bogus; <b>less\n");
  ASSERT_EQ(transcript.cues.size(), 1u);
  EXPECT_EQ(transcript.cues[0].text, "R&D costs &bogus; less");
}

TEST(CallSidecar, ReadsTheFieldsAndTheOffset) {
  auto sidecar = parse_call_sidecar(
      R"({"id": " call-7 ", "title": "Demo", "started_at": "2026-03-04T15:00:00+01:00",
          "participants": [{"name": "Pat Buyer", "email": "Pat@Acme.COM"}, {"name": ""}],
          "recorder": "ignored"})");
  ASSERT_TRUE(sidecar) << sidecar.error().message;
  EXPECT_EQ(sidecar->id, "call-7");
  EXPECT_EQ(sidecar->title, "Demo");
  EXPECT_EQ(sidecar->started_at, *parse_timestamp("2026-03-04T14:00:00Z"));
  ASSERT_EQ(sidecar->participants.size(), 1u);
  EXPECT_EQ(sidecar->participants[0].email, "pat@acme.com");
  EXPECT_FALSE(sidecar->direction);
  auto inbound = parse_call_sidecar(
      R"({"id": "c", "started_at": "2026-03-04T15:00:00Z", "direction": "inbound"})");
  ASSERT_TRUE(inbound);
  EXPECT_EQ(inbound->direction, Direction::inbound);
  EXPECT_FALSE(parse_call_sidecar(
      R"({"id": "c", "started_at": "2026-03-04T15:00:00Z", "direction": "sideways"})"));
}

TEST(CallSidecar, SaysWhichLineIsWrong) {
  auto broken = parse_call_sidecar("{\n  \"id\": \"x\",\n  \"title\": oops\n}");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().line, 3);
  EXPECT_NE(broken.error().message.find("not JSON"), std::string::npos);

  auto no_offset = parse_call_sidecar("{\"id\": \"x\",\n\"started_at\": \"2026-03-04T15:00:00\"}");
  ASSERT_FALSE(no_offset);
  EXPECT_EQ(no_offset.error().line, 2);
  EXPECT_NE(no_offset.error().message.find("offset"), std::string::npos);

  auto no_id = parse_call_sidecar("{\"started_at\": \"2026-03-04T15:00:00Z\"}");
  ASSERT_FALSE(no_id);
  EXPECT_NE(no_id.error().message.find("\"id\""), std::string::npos);

  EXPECT_FALSE(parse_call_sidecar("[1, 2]"));
  EXPECT_FALSE(parse_call_sidecar(R"({"id": 5, "started_at": "2026-03-04T15:00:00Z"})"));
  EXPECT_FALSE(parse_call_sidecar(R"({"id": "a", "started_at": "2026-03-04T15:00:00Z", "participants": "x"})"));
}

TranscriptCue cue(long long start_ms, long long end_ms, std::string speaker) {
  return TranscriptCue{.start = milliseconds(start_ms), .end = milliseconds(end_ms),
                       .speaker = std::move(speaker), .text = "words"};
}

TEST(CountTalk, TurnsAndSecondsBySide) {
  // Alex 10 s, Pat 20 s + (unnamed, still Pat) 4 s, Alex 6 s, a stranger 3 s:
  // turns Alex, Pat, Alex, stranger = 4; ours 16 s, buyer 24 s, unattributed 3 s.
  std::vector<TranscriptCue> cues = {cue(0, 10'000, "Alex"), cue(10'000, 30'000, "Pat"),
                                     cue(30'000, 34'000, ""), cue(34'000, 40'000, "Alex"),
                                     cue(40'000, 43'000, "Someone")};
  std::vector<Side> sides = {Side::ours, Side::buyer, Side::buyer, Side::ours, Side::unknown};
  CallTalk talk = count_talk(cues, sides);
  EXPECT_EQ(talk.speaker_turns, 4);
  EXPECT_EQ(talk.our_seconds, 16);
  EXPECT_EQ(talk.buyer_seconds, 24);
  EXPECT_EQ(talk.unattributed_seconds, 3);
  EXPECT_DOUBLE_EQ(*our_talk_share(talk), 0.4);
}

TEST(CountTalk, NobodyKnownGivesNoShare) {
  CallTalk talk = count_talk({cue(0, 1000, "")}, {Side::unknown});
  EXPECT_EQ(talk.speaker_turns, 1);
  EXPECT_FALSE(our_talk_share(talk));
}

}  // namespace
}  // namespace rearview::importing
