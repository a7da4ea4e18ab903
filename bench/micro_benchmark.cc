// How fast the inner loops are: parsing timestamps and reading CSV (imports),
// showing times in a time zone (reports).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "rearview/core/time.h"
#include "rearview/core/time_zone.h"
#include "rearview/importers/csv_reader.h"

namespace {

void ParseTimestamps(benchmark::State& state) {
  const char* values[] = {"2024-01-10T15:04:05.000Z", "2024-01-23T17:50:51.000+0000",
                          "2023-10-28 20:45:25", "2024-01-10", "02/23/26 08:55 PM"};
  std::size_t index = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rearview::parse_timestamp(values[index++ % 5]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ParseTimestamps);

// A report shows every time of a deal's life: times a few hours apart,
// in one zone. Arguments: 0 for UTC, 1 for Europe/Berlin.
rearview::TimeZone zone_for(const benchmark::State& state) {
  return state.range(0) == 0 ? rearview::TimeZone{} : *rearview::TimeZone::lookup("Europe/Berlin");
}

void FormatTimesInAZone(benchmark::State& state) {
  const rearview::TimeZone zone = zone_for(state);
  rearview::Timestamp time = *rearview::parse_timestamp("2026-01-05T09:00:00Z");
  const rearview::Timestamp first = time;
  for (auto _ : state) {
    benchmark::DoNotOptimize(zone.format(time));
    time += std::chrono::hours{5};
    if (time - first > std::chrono::days{365}) time = first;  // a year, both changes
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(FormatTimesInAZone)->Arg(0)->Arg(1);

// The health series checks each local day of a deal's life at its start.
void StartsOfLocalDays(benchmark::State& state) {
  const rearview::TimeZone zone = zone_for(state);
  const rearview::Date first{std::chrono::year{2026} / 1 / 1};
  rearview::Date day = first;
  for (auto _ : state) {
    benchmark::DoNotOptimize(zone.start_of_day(day));
    day += std::chrono::days{1};
    if (day - first > std::chrono::days{365}) day = first;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(StartsOfLocalDays)->Arg(0)->Arg(1);

// A file of e-mail-like rows: short fields and a quoted multi-line body.
std::filesystem::path sample_csv(int rows) {
  auto file = std::filesystem::temp_directory_path() / "rearview-micro-benchmark.csv";
  std::ofstream out(file);
  out << "Id,RelatedToId,Subject,TextBody,FromAddress,ToAddress,Incoming,MessageDate\n";
  for (int i = 0; i < rows; ++i)
    out << "02s" << i << ",006" << i / 10 << ",Re: pricing,\"Hi Pat,\nthanks for the call, "
        << "\"\"v2\"\" attached.\nBest, Rita\",rita@seller.com,pat@buyer.com,false,"
        << "2024-01-10T15:04:05.000Z\n";
  return file;
}

void ReadCsv(benchmark::State& state) {
  auto file = sample_csv(20000);
  long long bytes = 0;
  for (auto _ : state) {
    auto reader = rearview::CsvReader::open(file);
    rearview::CsvRecord record;
    rearview::CsvDamage damage;
    while ((*reader)->next(record, damage) != rearview::CsvReader::Status::end)
      benchmark::DoNotOptimize(record.size());
    bytes += (*reader)->bytes_read();
  }
  state.SetBytesProcessed(bytes);
  std::filesystem::remove(file);
}
BENCHMARK(ReadCsv)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
