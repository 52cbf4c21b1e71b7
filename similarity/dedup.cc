#include "similarity/dedup.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <tuple>

#include "core/progress.h"
#include "similarity/dedup_internal.h"

namespace crossclaim {
namespace dedup_internal {
namespace {

bool Overlaps(Span x, Span y) { return x.begin < y.end && y.begin < x.end; }

}  // namespace

std::vector<Unit> UnitsOf(const Document& doc, uint32_t index, const DedupOptions& options,
                          TokenizedText* tokenized) {
  std::vector<Unit> units;
  Tokenize(doc.text, tokenized);
  const std::vector<Token>& tokens = tokenized->tokens;
  if (options.level == DedupLevel::kDocument) {
    if (!tokens.empty()) {
      units.push_back({index,
                       {0, static_cast<uint32_t>(doc.text.size())},
                       0,
                       static_cast<uint32_t>(tokens.size())});
    }
    return units;
  }
  std::vector<Span> sentences = SplitSentences(doc.text);
  // Token range of each sentence: tokens starting inside it.
  std::vector<uint32_t> first(sentences.size() + 1);
  size_t t = 0;
  for (size_t s = 0; s < sentences.size(); ++s) {
    while (t < tokens.size() && tokens[t].orig.begin < sentences[s].begin) ++t;
    first[s] = static_cast<uint32_t>(t);
    while (t < tokens.size() && tokens[t].orig.begin < sentences[s].end) ++t;
    if (s + 1 == sentences.size()) first[s + 1] = static_cast<uint32_t>(t);
  }
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t w = 1; w <= options.max_window_sentences && s + w <= sentences.size(); ++w) {
      uint32_t tb = first[s];
      uint32_t te = s + w < sentences.size() ? first[s + w] : first[sentences.size()];
      if (te - tb < options.min_passage_tokens) continue;
      units.push_back({index, {sentences[s].begin, sentences[s + w - 1].end}, tb, te});
    }
  }
  return units;
}

void UnitShingleHashes(const Shingler& shingler, std::string_view text, const TokenizedText& tokens,
                       const Unit& unit, std::vector<uint64_t>* token_hashes,
                       std::vector<uint64_t>* hashes) {
  hashes->clear();
  if (shingler.options().kind == ShingleKind::kChar) {
    shingler.AppendCharShingleHashes(text.substr(unit.span.begin, unit.span.size()), hashes);
  } else {
    shingler.AppendWordShingleHashes(tokens, unit.token_begin, unit.token_end, token_hashes,
                                     hashes);
  }
}

std::optional<CopyPair> VerifyPair(const std::vector<Document>& documents, const Unit& x,
                                   const Unit& y, std::span<const uint64_t> set_x,
                                   std::span<const uint64_t> set_y,
                                   std::span<const uint32_t> signature_x,
                                   std::span<const uint32_t> signature_y, double threshold) {
  const size_t shared = IntersectionSize(set_x, set_y);
  const double j =
      static_cast<double>(shared) / static_cast<double>(set_x.size() + set_y.size() - shared);
  if (j < threshold) return std::nullopt;
  const double estimate = EstimateJaccard(signature_x, signature_y);
  Unit ux = x, uy = y;
  if (!PublishedBefore(documents, ux.doc, uy.doc)) std::swap(ux, uy);
  return CopyPair{ux.doc, uy.doc, j, estimate, static_cast<uint32_t>(shared), ux.span, uy.span};
}

void SortCopyPairs(std::vector<CopyPair>* pairs) {
  std::sort(pairs->begin(), pairs->end(), [](const CopyPair& x, const CopyPair& y) {
    return std::tie(x.a, x.b, x.span_a.begin, x.span_b.begin, x.span_a.end, x.span_b.end) <
           std::tie(y.a, y.b, y.span_a.begin, y.span_b.begin, y.span_a.end, y.span_b.end);
  });
}

std::vector<CopyPair> SelectPassages(std::vector<CopyPair> pairs) {
  std::vector<CopyPair> kept;
  for (size_t begin = 0; begin < pairs.size();) {
    size_t end = begin;
    while (end < pairs.size() && pairs[end].a == pairs[begin].a && pairs[end].b == pairs[begin].b) {
      ++end;
    }
    auto first = pairs.begin() + static_cast<ptrdiff_t>(begin);
    auto last = pairs.begin() + static_cast<ptrdiff_t>(end);
    std::sort(first, last, [](const CopyPair& x, const CopyPair& y) {
      if (x.shared != y.shared) return x.shared > y.shared;
      if (x.jaccard != y.jaccard) return x.jaccard > y.jaccard;
      uint64_t wx = uint64_t{x.span_a.size()} + x.span_b.size();
      uint64_t wy = uint64_t{y.span_a.size()} + y.span_b.size();
      if (wx != wy) return wx < wy;
      return std::tie(x.span_a.begin, x.span_b.begin) < std::tie(y.span_a.begin, y.span_b.begin);
    });
    const size_t group_start = kept.size();
    for (auto it = first; it != last; ++it) {
      bool overlapping = false;
      for (size_t k = group_start; k < kept.size() && !overlapping; ++k) {
        overlapping = Overlaps(kept[k].span_a, it->span_a) && Overlaps(kept[k].span_b, it->span_b);
      }
      if (!overlapping) kept.push_back(*it);
    }
    begin = end;
  }
  SortCopyPairs(&kept);
  return kept;
}

UnionFind::UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }

uint32_t UnionFind::Find(uint32_t x) {
  while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
  return x;
}

void UnionFind::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a != b) parent_[std::max(a, b)] = std::min(a, b);
}

std::vector<CopyGroup> CopyGroups(const std::vector<Document>& documents,
                                  const std::vector<std::pair<uint32_t, uint32_t>>& edges) {
  UnionFind components(documents.size());
  for (const auto& [x, y] : edges) components.Union(x, y);
  std::vector<std::vector<uint32_t>> by_root(documents.size());
  for (const auto& [x, y] : edges) {
    by_root[components.Find(x)].push_back(x);
    by_root[components.Find(x)].push_back(y);
  }
  std::vector<CopyGroup> groups;
  for (std::vector<uint32_t>& members : by_root) {
    if (members.empty()) continue;
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    if (members.size() < 2) continue;  // only self-edges
    uint32_t origin = members[0];
    for (uint32_t m : members) {
      if (PublishedBefore(documents, m, origin)) origin = m;
    }
    groups.push_back({std::move(members), origin});
  }
  // Roots are the smallest member, so groups come out sorted by first member already.
  return groups;
}

}  // namespace dedup_internal

namespace {

using dedup_internal::Unit;

// Everything one worker needs to shingle and sign, reused across documents.
struct Worker {
  const Shingler& shingler;
  const MinHasher& hasher;
  // Document level with word shingles: shingle hashes straight from the text, without a
  // token list (Shingler::AppendTextWordShingleHashes, the same hashes, several times
  // faster). The units then carry no token range.
  const bool whole_texts;
  TokenizedText tokens;
  std::vector<uint64_t> token_hashes;
  std::vector<uint64_t> hashes;
  std::vector<uint32_t> signature;

  Worker(const Shingler& s, const MinHasher& h, const DedupOptions& options)
      : shingler(s),
        hasher(h),
        whole_texts(options.level == DedupLevel::kDocument &&
                    s.options().kind == ShingleKind::kWord),
        signature(h.num_hashes()) {}

  // The units of a document; a whole-text unit without words yields no shingles and is
  // counted empty by the caller.
  std::vector<Unit> Units(const Document& doc, uint32_t index, const DedupOptions& options) {
    if (whole_texts) return {{index, {0, static_cast<uint32_t>(doc.text.size())}, 0, 0}};
    return dedup_internal::UnitsOf(doc, index, options, &tokens);
  }

  // Tokenises `text` where its units need a token list (before UnitHashes on a unit from
  // an earlier Units call).
  void Prepare(std::string_view text) {
    if (!whole_texts) Tokenize(text, &tokens);
  }

  // Sets `hashes` to the shingle hashes of `unit` of `text`.
  void UnitHashes(std::string_view text, const Unit& unit) {
    if (whole_texts) {
      hashes.clear();
      shingler.AppendTextWordShingleHashes(text, &token_hashes, &hashes);
      return;
    }
    dedup_internal::UnitShingleHashes(shingler, text, tokens, unit, &token_hashes, &hashes);
  }
};

}  // namespace

bool PublishedBefore(const std::vector<Document>& documents, uint32_t i, uint32_t j) {
  const auto& pi = documents[i].published;
  const auto& pj = documents[j].published;
  if (pi.has_value() != pj.has_value()) return pi.has_value();
  if (pi && *pi != *pj) return *pi < *pj;
  return i < j;
}

Status ValidateDedupOptions(const DedupOptions& options) {
  if (!(options.threshold > 0.0 && options.threshold <= 1.0)) {
    return InvalidArgument("DedupOptions.threshold must be in (0, 1] (got " +
                           std::to_string(options.threshold) + ")");
  }
  if (options.max_window_sentences == 0) {
    return InvalidArgument("DedupOptions.max_window_sentences must be > 0 (got 0)");
  }
  if (auto s = Shingler::Create(options.shingles); !s.ok()) return s.status();
  if (auto h = MinHasher::Create(options.minhash); !h.ok()) return h.status();
  LshOptions lsh{options.threshold,
                 options.minhash.num_hashes,
                 options.false_positive_weight,
                 options.false_negative_weight,
                 0,
                 0};
  if (auto b = ChooseBanding(lsh); !b.ok()) return b.status();
  return Status::Ok();
}

Result<DedupResult> FindCopies(const std::vector<Document>& documents,
                               const DedupOptions& options) {
  if (Status s = ValidateDedupOptions(options); !s.ok()) return s;
  const Shingler shingler = *Shingler::Create(options.shingles);
  const MinHasher hasher = *MinHasher::Create(options.minhash);
  LshOptions lsh_options{options.threshold,
                         options.minhash.num_hashes,
                         options.false_positive_weight,
                         options.false_negative_weight,
                         0,
                         0};
  LshIndex index = *LshIndex::Create(lsh_options);
  const size_t bands = index.banding().bands;
  const size_t k = hasher.num_hashes();

  tbb::task_arena arena(options.threads == 0 ? tbb::task_arena::automatic
                                             : static_cast<int>(options.threads));
  DedupResult result;
  result.stats.banding = index.banding();

  // 1. Units and their band keys, per document in parallel.
  std::vector<std::vector<Unit>> doc_units(documents.size());
  std::vector<std::vector<uint32_t>> doc_keys(documents.size());
  std::vector<size_t> doc_empty(documents.size(), 0);
  {
    std::unique_ptr<Progress> progress;
    if (options.show_progress)
      progress = std::make_unique<Progress>("signatures", documents.size());
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, documents.size(), 16),
                        [&](const tbb::blocked_range<size_t>& range) {
                          Worker worker(shingler, hasher, options);
                          for (size_t d = range.begin(); d != range.end(); ++d) {
                            std::vector<Unit> units =
                                worker.Units(documents[d], static_cast<uint32_t>(d), options);
                            if (options.level == DedupLevel::kDocument && units.empty())
                              doc_empty[d] = 1;
                            std::vector<Unit>& kept = doc_units[d];
                            std::vector<uint32_t>& keys = doc_keys[d];
                            for (const Unit& unit : units) {
                              worker.UnitHashes(documents[d].text, unit);
                              if (worker.hashes.empty()) {
                                ++doc_empty[d];
                                continue;
                              }
                              hasher.Compute(worker.hashes, worker.signature);
                              keys.resize(keys.size() + bands);
                              index.BandKeys(worker.signature,
                                             std::span<uint32_t>(keys).last(bands));
                              kept.push_back(unit);
                            }
                          }
                          if (progress) progress->Add(range.size());
                        });
    });
    if (progress) progress->Finish();
  }

  // 2. LSH over all units, in document order.
  std::vector<Unit> units;
  for (size_t d = 0; d < documents.size(); ++d) {
    result.stats.empty_units += doc_empty[d];
    if (units.size() + doc_units[d].size() >= std::numeric_limits<uint32_t>::max()) {
      return InvalidArgument("dedup: more than 2^32 - 1 units; split the input");
    }
    for (size_t u = 0; u < doc_units[d].size(); ++u) {
      index.AddKeys(std::span<const uint32_t>(doc_keys[d]).subspan(u * bands, bands));
      units.push_back(doc_units[d][u]);
    }
    std::vector<Unit>().swap(doc_units[d]);
    std::vector<uint32_t>().swap(doc_keys[d]);
  }
  result.stats.units = units.size();
  std::vector<CandidatePair> candidates;
  arena.execute([&] {
    index.Build();
    candidates =
        index.CandidatePairs([&](uint32_t x, uint32_t y) { return units[x].doc != units[y].doc; });
  });
  result.stats.candidate_pairs = candidates.size();
  index = *LshIndex::Create(lsh_options);  // frees the tables

  // 3. Exact verification: shingle sets and signatures of the units in candidate pairs,
  // computed per document (one tokenisation each).
  std::vector<uint32_t> involved;
  involved.reserve(candidates.size() * 2);
  for (const CandidatePair& c : candidates) {
    involved.push_back(c.first);
    involved.push_back(c.second);
  }
  std::sort(involved.begin(), involved.end());
  involved.erase(std::unique(involved.begin(), involved.end()), involved.end());
  std::vector<size_t> doc_starts;  // runs of `involved` with the same document
  for (size_t i = 0; i < involved.size(); ++i) {
    if (i == 0 || units[involved[i]].doc != units[involved[i - 1]].doc) doc_starts.push_back(i);
  }
  doc_starts.push_back(involved.size());
  std::vector<ShingleSet> sets(involved.size());
  std::vector<uint32_t> signatures(involved.size() * k);
  auto slot = [&](uint32_t unit) {
    return static_cast<size_t>(std::lower_bound(involved.begin(), involved.end(), unit) -
                               involved.begin());
  };
  std::vector<CopyPair> verified;
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, doc_starts.size() - 1, [&](size_t r) {
      Worker worker(shingler, hasher, options);
      const Document& doc = documents[units[involved[doc_starts[r]]].doc];
      worker.Prepare(doc.text);
      for (size_t i = doc_starts[r]; i < doc_starts[r + 1]; ++i) {
        worker.UnitHashes(doc.text, units[involved[i]]);
        hasher.Compute(worker.hashes, std::span<uint32_t>(signatures).subspan(i * k, k));
        MakeShingleSet(&worker.hashes);
        sets[i] = worker.hashes;
      }
    });
    std::vector<std::vector<CopyPair>> chunks((candidates.size() + 4095) / 4096);
    tbb::parallel_for(size_t{0}, chunks.size(), [&](size_t c) {
      const size_t end = std::min(candidates.size(), (c + 1) * 4096);
      for (size_t i = c * 4096; i < end; ++i) {
        const size_t x = slot(candidates[i].first), y = slot(candidates[i].second);
        std::optional<CopyPair> pair = dedup_internal::VerifyPair(
            documents, units[candidates[i].first], units[candidates[i].second], sets[x], sets[y],
            std::span<const uint32_t>(signatures).subspan(x * k, k),
            std::span<const uint32_t>(signatures).subspan(y * k, k), options.threshold);
        if (pair) chunks[c].push_back(*pair);
      }
    });
    for (auto& chunk : chunks) verified.insert(verified.end(), chunk.begin(), chunk.end());
  });
  result.stats.verified_pairs = verified.size();
  dedup_internal::SortCopyPairs(&verified);
  if (options.level == DedupLevel::kPassage) {
    verified = dedup_internal::SelectPassages(std::move(verified));
  }
  result.pairs = std::move(verified);

  result.groups = GroupCopies(documents, result.pairs);
  return result;
}

std::vector<CopyGroup> GroupCopies(const std::vector<Document>& documents,
                                   const std::vector<CopyPair>& pairs) {
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  edges.reserve(pairs.size());
  for (const CopyPair& p : pairs) edges.emplace_back(p.a, p.b);
  return dedup_internal::CopyGroups(documents, edges);
}

}  // namespace crossclaim
