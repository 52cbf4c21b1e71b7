#include "eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace crossclaim::eval {
namespace {

double Ratio(double num, double den) { return den > 0 ? num / den : 0; }
double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

void Finish(BinaryMetrics* m) {
  const double n = m->tp + m->fp + m->tn + m->fn;
  m->accuracy = Ratio(m->tp + m->tn, n);
  m->precision = Ratio(m->tp, m->tp + m->fp);
  m->recall = Ratio(m->tp, m->tp + m->fn);
  m->f1 = F1(m->precision, m->recall);
}

double Choose2(double n) { return n * (n - 1) / 2; }

}  // namespace

BinaryMetrics Classify(const std::vector<int>& predicted, const std::vector<int>& gold) {
  BinaryMetrics m;
  for (size_t i = 0; i < gold.size(); ++i) {
    if (predicted[i]) {
      ++(gold[i] ? m.tp : m.fp);
    } else {
      ++(gold[i] ? m.fn : m.tn);
    }
  }
  Finish(&m);
  return m;
}

BinaryMetrics ClassifyAt(const std::vector<double>& scores, const std::vector<int>& gold,
                         double threshold) {
  std::vector<int> predicted(scores.size());
  for (size_t i = 0; i < scores.size(); ++i) predicted[i] = scores[i] >= threshold;
  return Classify(predicted, gold);
}

ThresholdChoice BestThreshold(const std::vector<double>& scores, const std::vector<int>& gold,
                              Objective objective) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Sweep from "everything positive" upwards; counts below the threshold are negatives.
  BinaryMetrics m;
  for (int g : gold) ++(g ? m.tp : m.fp);
  auto value = [objective](BinaryMetrics x) {
    Finish(&x);
    return objective == Objective::kAccuracy ? x.accuracy : x.f1;
  };
  ThresholdChoice best;
  best.threshold = scores[order[0]] - 1;
  double best_value = value(m);
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    const double s = scores[order[i]];
    for (; j < order.size() && scores[order[j]] == s; ++j) {
      if (gold[order[j]]) {
        --m.tp;
        ++m.fn;
      } else {
        --m.fp;
        ++m.tn;
      }
    }
    const double t = j < order.size() ? (s + scores[order[j]]) / 2 : s + 1;
    const double v = value(m);
    if (v > best_value) {
      best_value = v;
      best.threshold = t;
    }
    i = j;
  }
  best.metrics = ClassifyAt(scores, gold, best.threshold);
  return best;
}

std::vector<double> AverageRanks(const std::vector<double>& x) {
  std::vector<size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
  std::vector<double> ranks(x.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && x[order[j]] == x[order[i]]) ++j;
    const double mean = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (size_t k = i; k < j; ++k) ranks[order[k]] = mean;
    i = j;
  }
  return ranks;
}

double RocAuc(const std::vector<double>& scores, const std::vector<int>& gold) {
  const std::vector<double> ranks = AverageRanks(scores);
  double pos = 0, rank_sum = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    if (gold[i]) {
      ++pos;
      rank_sum += ranks[i];
    }
  }
  const double neg = static_cast<double>(gold.size()) - pos;
  if (pos == 0 || neg == 0) return 0.5;
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  if (n == 0) return 0;
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

double Spearman(const std::vector<double>& x, const std::vector<double>& y) {
  return Pearson(AverageRanks(x), AverageRanks(y));
}

RankingMetrics RankingAt(const std::map<std::string, std::vector<std::string>>& ranked,
                         const std::map<std::string, std::set<std::string>>& relevant, int k) {
  RankingMetrics m;
  for (const auto& [query, rel] : relevant) {
    if (rel.empty()) continue;
    ++m.queries;
    const auto it = ranked.find(query);
    if (it == ranked.end()) continue;
    double hits = 0, precision_sum = 0, first = 0;
    const size_t depth = std::min<size_t>(k, it->second.size());
    for (size_t i = 0; i < depth; ++i) {
      if (!rel.contains(it->second[i])) continue;
      ++hits;
      precision_sum += hits / static_cast<double>(i + 1);
      if (first == 0) first = static_cast<double>(i + 1);
    }
    m.map_at_k += precision_sum / static_cast<double>(rel.size());
    m.recall_at_k += hits / static_cast<double>(rel.size());
    m.mrr += first > 0 ? 1 / first : 0;
  }
  if (m.queries > 0) {
    m.map_at_k /= m.queries;
    m.recall_at_k /= m.queries;
    m.mrr /= m.queries;
  }
  return m;
}

ClusterMetrics CompareClusterings(const std::vector<std::string>& predicted,
                                  const std::vector<std::string>& gold) {
  ClusterMetrics m;
  m.items = static_cast<int>(gold.size());
  std::map<std::pair<std::string, std::string>, double> cells;  // contingency table
  std::map<std::string, double> pred_size, gold_size;
  for (size_t i = 0; i < gold.size(); ++i) {
    ++cells[{predicted[i], gold[i]}];
    ++pred_size[predicted[i]];
    ++gold_size[gold[i]];
  }
  double same_both = 0, same_pred = 0, same_gold = 0;
  for (const auto& [key, n] : cells) {
    same_both += Choose2(n);
    // Each item of the cell has |C ∩ G| = n; n items contribute n / |C| and n / |G|.
    m.bcubed_precision += n * n / pred_size[key.first];
    m.bcubed_recall += n * n / gold_size[key.second];
  }
  for (const auto& [label, n] : pred_size) same_pred += Choose2(n);
  for (const auto& [label, n] : gold_size) same_gold += Choose2(n);
  const double items = static_cast<double>(gold.size());
  if (items > 0) {
    m.bcubed_precision /= items;
    m.bcubed_recall /= items;
  }
  m.bcubed_f1 = F1(m.bcubed_precision, m.bcubed_recall);
  m.pairwise_precision = same_pred > 0 ? same_both / same_pred : 1;
  m.pairwise_recall = same_gold > 0 ? same_both / same_gold : 1;
  m.pairwise_f1 = F1(m.pairwise_precision, m.pairwise_recall);
  const double total = Choose2(items);
  const double expected = total > 0 ? same_pred * same_gold / total : 0;
  const double max_index = (same_pred + same_gold) / 2;
  m.ari = max_index - expected != 0 ? (same_both - expected) / (max_index - expected) : 1;
  return m;
}

}  // namespace crossclaim::eval
