#include "similarity/lsh.h"

#include <tbb/parallel_for.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "similarity/internal/sort_integers.h"

namespace crossclaim {
namespace {

constexpr int kIntegrationSteps = 200;

// Composite Simpson rule of f over [lo, hi] (kIntegrationSteps is even).
template <typename F>
double Integrate(F f, double lo, double hi) {
  if (hi <= lo) return 0.0;
  const double step = (hi - lo) / kIntegrationSteps;
  double sum = f(lo) + f(hi);
  for (int i = 1; i < kIntegrationSteps; ++i) sum += (i % 2 == 1 ? 4.0 : 2.0) * f(lo + i * step);
  return sum * step / 3.0;
}

Banding Evaluate(double t, size_t bands, size_t rows) {
  Banding banding{bands, rows, 0, 0};
  banding.false_positive =
      Integrate([&](double s) { return CandidateProbability(s, bands, rows); }, 0.0, t);
  banding.false_negative =
      Integrate([&](double s) { return 1.0 - CandidateProbability(s, bands, rows); }, t, 1.0);
  return banding;
}

// Simpson nodes of [lo, hi] (kIntegrationSteps + 1) and their weights, as Integrate uses.
struct SimpsonGrid {
  std::vector<double> nodes, weights;

  SimpsonGrid(double lo, double hi) {
    const double step = hi > lo ? (hi - lo) / kIntegrationSteps : 0.0;
    for (int i = 0; i <= kIntegrationSteps; ++i) {
      nodes.push_back(lo + i * step);
      const double w = i == 0 || i == kIntegrationSteps ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0);
      weights.push_back(w * step / 3.0);
    }
  }
};

// The weighted optimum over every b * r <= K. Per r the grid's 1 - s^r is computed once and
// (1 - s^r)^b follows for b = 1, 2, ... by one multiply each: two pow() per node per
// candidate (~560k at K = 128) took 20-40 ms. The chosen banding's masses are then
// computed as for a fixed banding (Evaluate).
Banding OptimalBandingUncached(const LshOptions& o) {
  const SimpsonGrid below(0.0, o.threshold), above(o.threshold, 1.0);
  const size_t n = below.nodes.size();
  std::vector<double> q_below(n), q_above(n), miss_below(n), miss_above(n);
  size_t best_bands = 1, best_rows = 1;
  double best_error = INFINITY;
  for (size_t rows = 1; rows <= o.num_hashes; ++rows) {
    for (size_t i = 0; i < n; ++i) {
      q_below[i] = 1.0 - std::pow(below.nodes[i], static_cast<double>(rows));
      q_above[i] = 1.0 - std::pow(above.nodes[i], static_cast<double>(rows));
      miss_below[i] = miss_above[i] = 1.0;  // (1 - s^r)^b, the chance of no band matching
    }
    for (size_t bands = 1; bands * rows <= o.num_hashes; ++bands) {
      double false_positive = 0, false_negative = 0;
      for (size_t i = 0; i < n; ++i) {
        miss_below[i] *= q_below[i];
        miss_above[i] *= q_above[i];
        false_positive += below.weights[i] * (1.0 - miss_below[i]);
        false_negative += above.weights[i] * miss_above[i];
      }
      const double error =
          o.false_positive_weight * false_positive + o.false_negative_weight * false_negative;
      // Ties go to the fewest bands, then rows (the order of a search over bands first).
      const bool tie_won =
          error == best_error && std::pair(bands, rows) < std::pair(best_bands, best_rows);
      if (error < best_error || tie_won) {
        best_error = error;
        best_bands = bands;
        best_rows = rows;
      }
    }
  }
  return Evaluate(o.threshold, best_bands, best_rows);
}

// The search costs 20-40 ms and every stage that validates or builds an index asks again for
// the same few options (four times per event of a report), so answers are remembered.
Banding OptimalBanding(const LshOptions& o) {
  static std::mutex mutex;
  static std::vector<std::pair<LshOptions, Banding>> known;
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [options, banding] : known) {
      if (options == o) return banding;
    }
  }
  const Banding banding = OptimalBandingUncached(o);
  std::lock_guard<std::mutex> lock(mutex);
  if (known.size() < 64) known.emplace_back(o, banding);  // a handful in practice
  return banding;
}

}  // namespace

double CandidateProbability(double similarity, size_t bands, size_t rows) {
  return 1.0 - std::pow(1.0 - std::pow(similarity, static_cast<double>(rows)),
                        static_cast<double>(bands));
}

Result<Banding> ChooseBanding(const LshOptions& o) {
  if (!(o.threshold > 0.0 && o.threshold <= 1.0)) {
    return InvalidArgument("LshOptions.threshold must be in (0, 1] (got " +
                           std::to_string(o.threshold) + ")");
  }
  if (o.num_hashes == 0) return InvalidArgument("LshOptions.num_hashes must be > 0 (got 0)");
  if (!(o.false_positive_weight >= 0 && o.false_negative_weight >= 0) ||
      o.false_positive_weight + o.false_negative_weight <= 0) {
    return InvalidArgument(
        "LshOptions.false_positive_weight and false_negative_weight must be >= 0 and not both 0");
  }
  if (o.bands != 0 || o.rows != 0) {
    if (o.bands == 0 || o.rows == 0 || o.bands * o.rows > o.num_hashes) {
      return InvalidArgument("LshOptions.bands * rows must be in 1.." +
                             std::to_string(o.num_hashes) + " with both > 0 (got " +
                             std::to_string(o.bands) + " x " + std::to_string(o.rows) + ")");
    }
    return Evaluate(o.threshold, o.bands, o.rows);
  }
  return OptimalBanding(o);
}

Result<LshIndex> LshIndex::Create(const LshOptions& options) {
  Result<Banding> banding = ChooseBanding(options);
  if (!banding.ok()) return banding.status();
  return LshIndex(options, *banding);
}

LshIndex::LshIndex(const LshOptions& options, const Banding& banding)
    : options_(options), banding_(banding), tables_(banding.bands) {}

void LshIndex::BandKeys(std::span<const uint32_t> signature, std::span<uint32_t> keys) const {
  const size_t rows = banding_.rows;
  for (size_t band = 0; band < banding_.bands; ++band) {
    keys[band] = static_cast<uint32_t>(
        XXH3_64bits_withSeed(signature.data() + band * rows, rows * sizeof(uint32_t), band));
  }
}

uint32_t LshIndex::AddKeys(std::span<const uint32_t> keys) {
  const uint32_t id = static_cast<uint32_t>(size_++);
  for (size_t band = 0; band < banding_.bands; ++band) {
    tables_[band].push_back(static_cast<uint64_t>(keys[band]) << 32 | id);
  }
  built_ = false;
  return id;
}

uint32_t LshIndex::Add(std::span<const uint32_t> signature) {
  uint32_t keys[4096];
  BandKeys(signature, std::span<uint32_t>(keys, banding_.bands));
  return AddKeys(std::span<const uint32_t>(keys, banding_.bands));
}

void LshIndex::Build() {
  tbb::parallel_for(size_t{0}, tables_.size(), [&](size_t band) {
    std::vector<uint64_t>& table = tables_[band];
    // A table filled once holds its ids in insertion order: its band keys alone need
    // sorting, stably (the radix sort pays from about a thousand keys).
    if (table.size() >= 1024 && internal::LowHalvesAscend(table)) {
      std::vector<uint64_t> scratch;
      internal::SortByHighHalves(&table, &scratch);
    } else {
      internal::SortIntegers(&table);
    }
  });
  built_ = true;
}

std::vector<uint32_t> LshIndex::Query(std::span<const uint32_t> signature) const {
  std::vector<uint32_t> keys(banding_.bands);
  BandKeys(signature, keys);
  std::vector<uint32_t> ids;
  for (size_t band = 0; band < banding_.bands; ++band) {
    const std::vector<uint64_t>& table = tables_[band];
    const uint64_t lo = static_cast<uint64_t>(keys[band]) << 32;
    for (auto it = std::lower_bound(table.begin(), table.end(), lo);
         it != table.end() && (*it >> 32) == keys[band]; ++it) {
      ids.push_back(static_cast<uint32_t>(*it));
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<CandidatePair> LshIndex::CandidatePairs(
    const std::function<bool(uint32_t, uint32_t)>& accept) const {
  std::vector<std::vector<uint64_t>> per_band(tables_.size());
  tbb::parallel_for(size_t{0}, tables_.size(), [&](size_t band) {
    const std::vector<uint64_t>& table = tables_[band];
    std::vector<uint64_t>& out = per_band[band];
    for (size_t begin = 0; begin < table.size();) {
      size_t end = begin + 1;
      while (end < table.size() && (table[end] >> 32) == (table[begin] >> 32)) ++end;
      // Ids within a bucket are ascending (sorted with the key), so i < j gives first < second.
      for (size_t i = begin; i < end; ++i) {
        for (size_t j = i + 1; j < end; ++j) {
          const uint32_t a = static_cast<uint32_t>(table[i]);
          const uint32_t b = static_cast<uint32_t>(table[j]);
          if (!accept || accept(a, b)) out.push_back(static_cast<uint64_t>(a) << 32 | b);
        }
      }
      begin = end;
    }
    internal::SortIntegers(&out);
    out.erase(std::unique(out.begin(), out.end()), out.end());
  });
  size_t total = 0;
  for (const auto& band : per_band) total += band.size();
  std::vector<uint64_t> all;
  all.reserve(total);
  for (auto& band : per_band) {
    all.insert(all.end(), band.begin(), band.end());
    std::vector<uint64_t>().swap(band);
  }
  internal::SortIntegers(&all);
  all.erase(std::unique(all.begin(), all.end()), all.end());
  std::vector<CandidatePair> pairs(all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    pairs[i] = {static_cast<uint32_t>(all[i] >> 32), static_cast<uint32_t>(all[i])};
  }
  return pairs;
}

}  // namespace crossclaim
