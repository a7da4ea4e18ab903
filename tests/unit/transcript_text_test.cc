#include <gtest/gtest.h>

#include "rearview/core/transcript_text.h"

namespace rearview {
namespace {

TEST(TranscriptText, AHeadingReadsBackAsItsCueAndSpeaker) {
  EXPECT_EQ(turn_heading(65, "Pat Buyer"), "[1:05] Pat Buyer: ");
  EXPECT_EQ(turn_heading(3725, ""), "[1:02:05] ");
  std::string line = turn_heading(3725, "Pat Buyer") + "Hello: there";
  TranscriptTurn turn = read_turn(line);
  EXPECT_EQ(turn.start_seconds, 3725);
  EXPECT_EQ(turn.speaker, "Pat Buyer");
  EXPECT_EQ(turn.words, "Hello: there");
}

TEST(TranscriptText, ALineWithoutAHeadingIsAllWords) {
  for (std::string_view line : {"Plain words", "[not a clock] words", "[1:5] words",
                                "[1:65] words", "[1] words", "[] words", "[1:05]words"}) {
    TranscriptTurn turn = read_turn(line);
    EXPECT_FALSE(turn.start_seconds) << line;
    EXPECT_EQ(turn.words, line);
    EXPECT_TRUE(turn.speaker.empty()) << line;
  }
}

TEST(TranscriptText, ATurnWithoutASpeakerKeepsItsWords) {
  TranscriptTurn turn = read_turn("[0:07] just words");
  EXPECT_EQ(turn.start_seconds, 7);
  EXPECT_TRUE(turn.speaker.empty());
  EXPECT_EQ(turn.words, "just words");
}

TEST(TranscriptText, ASpeakerIsFoundByNameFirstNameOrAddress) {
  std::vector<Participant> people = {
      {.role = ParticipantRole::attendee, .address = "pat@buyer.com", .name = "Pat Buyer"},
      {.role = ParticipantRole::attendee, .address = "rita@seller.com", .name = "Rita Rep"},
      {.role = ParticipantRole::attendee, .address = "rita.b@seller.com", .name = "Rita Boss"}};
  EXPECT_EQ(find_speaker(people, " pat   BUYER "), &people[0]);
  EXPECT_EQ(find_speaker(people, "Pat"), &people[0]);
  EXPECT_EQ(find_speaker(people, "rita@seller.com"), &people[1]);
  EXPECT_EQ(find_speaker(people, "Rita"), nullptr) << "two Ritas: nobody is guessed";
  EXPECT_EQ(find_speaker(people, "Pa"), nullptr) << "a name's start is a whole word";
  EXPECT_EQ(find_speaker(people, ""), nullptr);
}

}  // namespace
}  // namespace rearview
