// The routing decision of one outbound call with a large configuration: the voice routes
// matching the dialled number (1,000 routes), then the chosen trunk's called-number and
// calling-number translation (1,000 rules each), as the B2BUA does before it sends the
// INVITE to the trunk (mediation/routing/). The anchor is the same work done the plain way,
// every route's and rule's regex tried in order, as before the pattern index.
//
//   build/bench/routing_bench [--benchmark_min_time=1]
#include <algorithm>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "mediation/config/config.h"
#include "mediation/routing/number_translation.h"
#include "mediation/routing/route_table.h"

namespace {

using namespace sipconf::mediation;

constexpr int kTrunks = 4;
constexpr int kNanpAreas = 800;  // +1 200..999: one route and one rule each
constexpr int kCountries = 199;  // +20.. : international routes and rules

std::string country_code(int i) { return std::to_string(i < 80 ? 20 + i : 210 + i); }

/// 1,000 routes in two usages (800 North American areas and 199 countries in Local, a
/// catch-all in GlobalPSTNHopoff), two trunks each; every trunk with 1,000 called-number
/// rules and 1,000 calling-number rules of the same shapes.
MediationConfig large_config() {
  MediationConfig c;
  TrunkSettings settings;
  for (int i = 0; i < kNanpAreas; ++i) {
    settings.outbound_translation_rules.push_back(
        {"", fmt::format(R"(^\+1({}\d{{7}})$)", 200 + i), "$1"});
    settings.outbound_calling_number_translation_rules.push_back(
        {"", fmt::format(R"(^\+1{}(\d{{7}})$)", 200 + i), "$1"});
  }
  for (int i = 0; i < kCountries; ++i) {
    settings.outbound_translation_rules.push_back(
        {"", fmt::format(R"(^\+({}\d+)$)", country_code(i)), "011$1"});
    settings.outbound_calling_number_translation_rules.push_back(
        {"", fmt::format(R"(^\+({}\d+)$)", country_code(i)), "00$1"});
  }
  settings.outbound_translation_rules.push_back({"", R"(^\+(\d*)$)", "$1"});
  settings.outbound_calling_number_translation_rules.push_back({"", R"(^\+(\d*)$)", "$1"});
  for (int t = 0; t < kTrunks; ++t) {
    TrunkConfig trunk;
    trunk.name = fmt::format("gw{}", t);
    trunk.settings = settings;
    c.trunks.push_back(trunk);
  }
  PstnUsage local{"Local", {}, {}};
  for (int i = 0; i < kNanpAreas; ++i) {
    local.routes.push_back(
        {fmt::format("nanp-{}", 200 + i),
         fmt::format(R"(^\+1{}\d{{7}}$)", 200 + i),
         {fmt::format("gw{}", i % kTrunks), fmt::format("gw{}", (i + 1) % kTrunks)},
         {}});
  }
  for (int i = 0; i < kCountries; ++i) {
    local.routes.push_back({fmt::format("cc-{}", country_code(i)),
                            fmt::format(R"(^\+{}\d{{6,12}}$)", country_code(i)),
                            {fmt::format("gw{}", i % kTrunks)},
                            {}});
  }
  PstnUsage hopoff{"GlobalPSTNHopoff", {{"anywhere", R"(^\+\d+$)", {"gw3"}, {}}}, {}};
  c.usages = {local, hopoff};
  return c;
}

/// 1,000 called numbers spread over the areas and countries, and a caller per call.
std::vector<std::pair<std::string, std::string>> numbers() {
  std::vector<std::pair<std::string, std::string>> out;
  for (int i = 0; i < 1000; ++i) {
    const std::string called = i % 5 == 4
                                   ? fmt::format("+{}1235551{:03}", country_code(i % kCountries), i)
                                   : fmt::format("+1{}555{:04}", 200 + (i * 7) % kNanpAreas, i);
    out.emplace_back(called, fmt::format("+1{}555{:04}", 200 + (i * 13) % kNanpAreas, 9999 - i));
  }
  return out;
}

void BM_RouteAndTranslate(benchmark::State& state) {
  const MediationConfig config = large_config();
  const RouteTable routes(config);
  std::vector<TrunkNumbering> numbering;
  for (const TrunkConfig& t : config.trunks) numbering.emplace_back(t.settings);
  const auto calls = numbers();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [called, calling] = calls[i++ % calls.size()];
    RouteCandidates candidates = routes.select(called);
    const TrunkNumbering& trunk = numbering[candidates.trunks.front()];
    std::string to = trunk.called(called);
    std::string from = trunk.calling(calling);
    benchmark::DoNotOptimize(candidates);
    benchmark::DoNotOptimize(to);
    benchmark::DoNotOptimize(from);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RouteAndTranslate);

/// The anchor: every route pattern searched, every rule tried top-down until one matches.
void BM_RouteAndTranslate_EveryPattern(benchmark::State& state) {
  const MediationConfig config = large_config();
  std::vector<NumberPattern> route_patterns;
  std::vector<std::vector<std::size_t>> route_trunks;
  for (const PstnUsage& u : config.usages) {
    for (const VoiceRoute& r : u.routes) {
      route_patterns.push_back(*NumberPattern::compile(r.pattern));
      std::vector<std::size_t> trunks;
      for (const std::string& t : r.trunks) trunks.push_back(config.trunk_index(t));
      route_trunks.push_back(trunks);
    }
  }
  struct Rule {
    NumberPattern pattern;
    TranslationTemplate translation;
  };
  auto compile = [](const std::vector<TranslationRule>& rules) {
    std::vector<Rule> out;
    for (const TranslationRule& r : rules) {
      out.push_back(
          {*NumberPattern::compile(r.pattern), *TranslationTemplate::parse(r.translation)});
    }
    return out;
  };
  const std::vector<Rule> called_rules =
      compile(config.trunks[0].settings.outbound_translation_rules);
  const std::vector<Rule> calling_rules =
      compile(config.trunks[0].settings.outbound_calling_number_translation_rules);
  auto translate = [](const std::vector<Rule>& rules, const std::string& number) {
    for (const Rule& r : rules) {
      if (auto out = r.pattern.replace(number, r.translation)) return *out;
    }
    return number;
  };
  const auto calls = numbers();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [called, calling] = calls[i++ % calls.size()];
    std::vector<std::size_t> trunks;
    for (std::size_t r = 0; r < route_patterns.size(); ++r) {
      if (!route_patterns[r].search(called)) continue;
      for (std::size_t t : route_trunks[r]) {
        if (std::find(trunks.begin(), trunks.end(), t) == trunks.end()) trunks.push_back(t);
      }
    }
    std::string to = translate(called_rules, called);
    std::string from = translate(calling_rules, calling);
    benchmark::DoNotOptimize(trunks);
    benchmark::DoNotOptimize(to);
    benchmark::DoNotOptimize(from);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RouteAndTranslate_EveryPattern);

}  // namespace

BENCHMARK_MAIN();
