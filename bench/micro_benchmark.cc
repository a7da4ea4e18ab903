// How fast the importer's inner loops are: parsing timestamps and reading CSV.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "rearview/core/time.h"
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
