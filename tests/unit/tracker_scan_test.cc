// The trackers' scanner on hand-written text: every expectation below is
// read off the text by eye, not produced by the scanner.
#include <gtest/gtest.h>

#include <algorithm>

#include "rearview/core/time.h"
#include "rearview/core/transcript_text.h"
#include "rearview/trackers/tracker_scan.h"

namespace rearview::trackers {
namespace {

Tracker topic(std::string name, std::vector<std::string> phrases) {
  return Tracker{.name = std::move(name), .phrases = std::move(phrases)};
}

Settings settings_with(std::vector<Tracker> trackers) {
  Settings settings;
  settings.company_email_domains = {"seller.com"};
  settings.trackers.trackers = std::move(trackers);
  return settings;
}

std::unique_ptr<TrackerScanner> scanner_for(const Settings& settings,
                                            const std::vector<std::string>& crm = {}) {
  auto scanner = TrackerScanner::create(settings, crm);
  EXPECT_TRUE(scanner) << (scanner ? "" : scanner.error().message);
  return scanner ? std::move(*scanner) : nullptr;
}

Timestamp noon() { return *parse_timestamp("2024-03-05T12:00:00Z"); }

InteractionText inbound_mail(std::string subject, std::string body) {
  return InteractionText{.id = "I1",
                         .kind = InteractionKind::email,
                         .direction = Direction::inbound,
                         .source = SourceKind::mailbox,
                         .occurred_at = noon(),
                         .subject = std::move(subject),
                         .body = std::move(body),
                         .participants = {{.role = ParticipantRole::from,
                                           .address = "pat@buyer.com", .name = "Pat Buyer"},
                                          {.role = ParticipantRole::to,
                                           .address = "rita@seller.com", .name = "Rita Rep"}}};
}

InteractionText outbound_mail(std::string body) {
  InteractionText text = inbound_mail("", std::move(body));
  text.direction = Direction::outbound;
  std::swap(text.participants[0].role, text.participants[1].role);
  return text;
}

InteractionText call(std::string transcript) {
  return InteractionText{.id = "C1",
                         .kind = InteractionKind::call,
                         .source = SourceKind::transcript,
                         .occurred_at = noon(),
                         .subject = "Weekly sync",
                         .body = std::move(transcript),
                         .participants = {{.role = ParticipantRole::attendee,
                                           .address = "pat@buyer.com", .name = "Pat Buyer"},
                                          {.role = ParticipantRole::attendee,
                                           .address = "rita@seller.com", .name = "Rita Rep"}}};
}

std::vector<std::string> phrases_of(const std::vector<TrackerHit>& hits) {
  std::vector<std::string> phrases;
  for (const auto& hit : hits) phrases.push_back(hit.phrase);
  return phrases;
}

TEST(TrackerScan, PluralsCaseAndWordEndingsMatchTheConfiguredPhrase) {
  auto scanner = scanner_for(settings_with({topic("pricing", {"price"})}));
  auto hits = scanner->scan(inbound_mail("", "PRICES went up. Priced per seat, the price list."));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].tracker, "pricing");
  EXPECT_EQ(hits[0].phrase, "price");
  EXPECT_EQ(hits[0].mentions, 3);  // PRICES, Priced, price
}

TEST(TrackerScan, AVerbPhraseMatchesItsOtherForms) {
  auto scanner = scanner_for(settings_with({topic("red flags", {"go another direction"})}));
  auto hits = scanner->scan(inbound_mail("", "We are going another direction this year."));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].phrase, "go another direction");
}

TEST(TrackerScan, WholeWordsOnlySoDealOneIsNotDealTen) {
  auto scanner = scanner_for(settings_with({topic("deal", {"deal 1"})}));
  EXPECT_TRUE(scanner->scan(inbound_mail("Deal 10 update", "About deal 10 and deal 1.5.")).empty());
  auto hits = scanner->scan(inbound_mail("Re: deal 1", ""));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].phrase, "deal 1");
}

TEST(TrackerScan, APhraseInsideAWordIsNotAHit) {
  auto scanner = scanner_for(settings_with({topic("legal", {"legal"}), topic("cost", {"cost"})}));
  EXPECT_TRUE(scanner->scan(inbound_mail("", "Paralegals costumed as accosted illegals.")).empty());
}

TEST(TrackerScan, TheLongestPhraseOfATrackerWinsWhereTwoOverlap) {
  auto scanner = scanner_for(settings_with({topic("pricing", {"price", "list price"})}));
  auto hits = scanner->scan(inbound_mail("", "The list price is high; the price is fair."));
  ASSERT_EQ(hits.size(), 2u);
  auto phrases = phrases_of(hits);
  std::sort(phrases.begin(), phrases.end());
  EXPECT_EQ(phrases, (std::vector<std::string>{"list price", "price"}));
  for (const auto& hit : hits) EXPECT_EQ(hit.mentions, 1) << hit.phrase;
}

TEST(TrackerScan, TwoTrackersMayBothHitTheSameWords) {
  auto scanner = scanner_for(settings_with({topic("budget", {"budget"}),
                                            topic("red flags", {"budget was cut"})}));
  auto hits = scanner->scan(inbound_mail("", "Our budget was cut."));
  std::vector<std::string> trackers;
  for (const auto& hit : hits) trackers.push_back(hit.tracker);
  std::sort(trackers.begin(), trackers.end());
  EXPECT_EQ(trackers, (std::vector<std::string>{"budget", "red flags"}));
}

TEST(TrackerScan, SpellingsWithOneStemAreOnePhraseNamedByTheFirst) {
  auto scanner = scanner_for(settings_with({topic("pricing", {"pricing", "price", "prices"})}));
  auto hits = scanner->scan(inbound_mail("", "price, prices and pricing"));
  // Snowball's English stems "pricing" and "price" alike.
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].phrase, "pricing");
  EXPECT_EQ(hits[0].mentions, 3);
}

TEST(TrackerScan, QuotedLinesAndTheHistoryBelowAReplyAreNotRead) {
  auto scanner = scanner_for(settings_with({topic("pricing", {"price"})}));
  std::string body =
      "Thanks, talk soon.\n"
      "> What about the price?\n"
      "On Tue, Mar 5, 2024 at 9:00 AM Rita Rep <rita@seller.com> wrote:\n"
      "Here is our price.\n";
  EXPECT_TRUE(scanner->scan(inbound_mail("", body)).empty());
  EXPECT_TRUE(scanner->scan(inbound_mail("", "Ok.\n-----Original Message-----\nprice\n")).empty());
  EXPECT_EQ(scanner->scan(inbound_mail("", "  Our price\n> price\n")).size(), 1u);
}

TEST(TrackerScan, TheSubjectIsRead) {
  auto scanner = scanner_for(settings_with({topic("security review", {"security review"})}));
  auto hits = scanner->scan(inbound_mail("Security Review next week", "See you then."));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].excerpt, "Security Review next week");
}

TEST(TrackerScan, AnInboundMessageIsTheBuyersWordsAnOutboundOneOurs) {
  auto scanner = scanner_for(settings_with({topic("pricing", {"price"})}));
  auto in = scanner->scan(inbound_mail("", "the price"));
  auto out = scanner->scan(outbound_mail("the price"));
  ASSERT_EQ(in.size(), 1u);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(in[0].said_by, SaidBy::buyer);
  EXPECT_EQ(out[0].said_by, SaidBy::ours);
  EXPECT_EQ(in[0].at, noon());
  EXPECT_FALSE(in[0].cue_seconds);
}

TEST(TrackerScan, ABuyerOnlyTrackerIgnoresOurOwnWords) {
  Tracker flags = topic("red flags", {"too expensive"});
  flags.role = TrackerRole::red_flag;
  flags.buyer_only = true;
  auto scanner = scanner_for(settings_with({flags}));
  EXPECT_TRUE(scanner->scan(outbound_mail("Is it too expensive for you?")).empty());
  EXPECT_EQ(scanner->scan(inbound_mail("", "It is too expensive.")).size(), 1u);
}

TEST(TrackerScan, ACallsHitCarriesItsCueSpeakerAndSide) {
  Tracker flags = topic("red flags", {"too expensive"});
  flags.buyer_only = true;
  auto scanner = scanner_for(settings_with({topic("pricing", {"price"}), flags}));
  std::string transcript = turn_heading(5, "Rita Rep") + "Our price is 40 per seat.\n" +
                           turn_heading(65, "Pat") + "Honestly that is too expensive.\n" +
                           turn_heading(3725, "Rita Rep") + "Too expensive? Let us see.\n";
  auto hits = scanner->scan(call(transcript));
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].phrase, "price");
  EXPECT_EQ(hits[0].cue_seconds, 5);
  EXPECT_EQ(hits[0].speaker, "Rita Rep");
  EXPECT_EQ(hits[0].said_by, SaidBy::ours);
  EXPECT_EQ(hits[0].at, noon() + std::chrono::seconds(5));
  EXPECT_EQ(hits[1].phrase, "too expensive");
  EXPECT_EQ(hits[1].cue_seconds, 65);
  EXPECT_EQ(hits[1].speaker, "Pat");  // "Pat" is Pat Buyer, the only Pat on the call
  EXPECT_EQ(hits[1].said_by, SaidBy::buyer);
  EXPECT_EQ(hits[1].mentions, 1);  // Rita's echo at 1:02:05 is ours, not the buyer's
  EXPECT_EQ(hits[1].excerpt, "Honestly that is too expensive.");
}

TEST(TrackerScan, AnUnknownSpeakerIsNeitherSide) {
  auto scanner = scanner_for(settings_with({topic("pricing", {"price"})}));
  auto hits = scanner->scan(call(turn_heading(0, "Someone Else") + "price?\n"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].said_by, SaidBy::unknown);
}

TEST(TrackerScan, ALongLineIsExcerptedAroundTheHitAtWordBoundaries) {
  auto scanner = scanner_for(settings_with({topic("legal", {"redline"})}));
  std::string line;
  for (int i = 0; i < 12; ++i) line += "word" + std::to_string(i) + " ";
  line += "the redline came back ";
  for (int i = 0; i < 12; ++i) line += "after" + std::to_string(i) + " ";
  auto hits = scanner->scan(inbound_mail("", line));
  ASSERT_EQ(hits.size(), 1u);
  const std::string& excerpt = hits[0].excerpt;
  EXPECT_TRUE(excerpt.starts_with("…")) << excerpt;
  EXPECT_TRUE(excerpt.ends_with("…")) << excerpt;
  EXPECT_NE(excerpt.find("the redline came back"), std::string::npos);
  EXPECT_EQ(excerpt.find("word0 "), std::string::npos) << "more than 70 bytes before";
  // Cut at a space: no half word at either end.
  std::string inner = excerpt.substr(std::string("…").size(),
                                     excerpt.size() - 2 * std::string("…").size());
  EXPECT_TRUE(inner.starts_with("word")) << inner;
  EXPECT_TRUE(inner.substr(inner.rfind(' ') + 1).starts_with("after")) << inner;
}

TEST(TrackerScan, WordsOfOtherScriptsAreSplitAndFolded) {
  Settings settings = settings_with({topic("pricing", {"Preis"})});
  settings.trackers.language = "german";
  auto scanner = scanner_for(settings);
  auto hits = scanner->scan(inbound_mail("", "Die PREISE für Größe XL, «Preis» inklusive."));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].mentions, 2);
}

TEST(TrackerScan, CrmCompetitorsJoinTheCompetitorTrackerUnlessTurnedOff) {
  Tracker competitors = topic("competitors", {"competitor"});
  competitors.role = TrackerRole::competitor;
  Settings settings = settings_with({competitors});
  auto with_crm = scanner_for(settings, {"Acme Analytics"});
  auto hits = with_crm->scan(inbound_mail("", "We also talk to ACME analytics."));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].phrase, "Acme Analytics");
  settings.trackers.competitors_from_crm = false;
  auto without = scanner_for(settings, {"Acme Analytics"});
  EXPECT_TRUE(without->scan(inbound_mail("", "We also talk to ACME analytics.")).empty());
  EXPECT_NE(with_crm->fingerprint(), without->fingerprint());
}

TEST(TrackerScan, TheFingerprintFollowsEverythingThatDecidesTheHits) {
  Settings settings = settings_with({topic("pricing", {"price"})});
  auto base = scanner_for(settings)->fingerprint();
  EXPECT_EQ(scanner_for(settings)->fingerprint(), base);
  Settings more = settings;
  more.trackers.trackers[0].phrases.push_back("discount");
  EXPECT_NE(scanner_for(more)->fingerprint(), base);
  Settings buyer_only = settings;
  buyer_only.trackers.trackers[0].buyer_only = true;
  EXPECT_NE(scanner_for(buyer_only)->fingerprint(), base);
  Settings domains = settings;
  domains.company_email_domains.push_back("seller.io");
  EXPECT_NE(scanner_for(domains)->fingerprint(), base);
}

TEST(TrackerScan, AnUnknownLanguageOrAWordlessPhraseIsAClearError) {
  Settings klingon = settings_with({topic("pricing", {"price"})});
  klingon.trackers.language = "klingon";
  auto scanner = TrackerScanner::create(klingon, {});
  ASSERT_FALSE(scanner);
  EXPECT_NE(scanner.error().message.find("klingon"), std::string::npos) << scanner.error().message;
  EXPECT_NE(scanner.error().message.find("english"), std::string::npos) << scanner.error().message;
  auto punctuation = TrackerScanner::create(settings_with({topic("pricing", {"--"})}), {});
  ASSERT_FALSE(punctuation);
  EXPECT_NE(punctuation.error().message.find("trackers.pricing"), std::string::npos)
      << punctuation.error().message;
}

TEST(TrackerScan, InvalidUtf8AndEmptyTextFindNothingAndDoNotCrash) {
  auto scanner = scanner_for(settings_with({topic("pricing", {"price"})}));
  EXPECT_TRUE(scanner->scan(inbound_mail("", "")).empty());
  EXPECT_EQ(scanner->scan(inbound_mail("", "\xff\xfe price \xc3")).size(), 1u);
}

TEST(CompetitorNames, FieldValuesThatNameNobodyAreLeftOut) {
  EXPECT_EQ(competitor_names({"None", "Acme", " acme ", "N/A", "Other", "Zeta  Corp", "Acme", "x"}),
            (std::vector<std::string>{"Acme", "Zeta Corp", "acme"}));
}

}  // namespace
}  // namespace rearview::trackers
