#include "similarity/dedup.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

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

double SetJaccard(std::span<const uint64_t> set_x, std::span<const uint64_t> set_y,
                  size_t* shared) {
  *shared = IntersectionSize(set_x, set_y);
  return static_cast<double>(*shared) / static_cast<double>(set_x.size() + set_y.size() - *shared);
}

std::optional<CopyPair> VerifyPair(const std::vector<Document>& documents, const Unit& x,
                                   const Unit& y, std::span<const uint64_t> set_x,
                                   std::span<const uint64_t> set_y,
                                   std::span<const uint32_t> signature_x,
                                   std::span<const uint32_t> signature_y, double threshold) {
  return VerifyPair(PublishedBefore(documents, x.doc, y.doc), x, y, set_x, set_y, signature_x,
                    signature_y, threshold);
}

std::optional<CopyPair> VerifyPair(bool x_first, const Unit& x, const Unit& y,
                                   std::span<const uint64_t> set_x, std::span<const uint64_t> set_y,
                                   std::span<const uint32_t> signature_x,
                                   std::span<const uint32_t> signature_y, double threshold) {
  size_t shared = 0;
  const double j = SetJaccard(set_x, set_y, &shared);
  if (j < threshold) return std::nullopt;
  const double estimate = EstimateJaccard(signature_x, signature_y);
  Unit ux = x, uy = y;
  if (!x_first) std::swap(ux, uy);
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
  std::vector<Unit> units;
  std::vector<uint64_t> token_hashes;
  std::vector<uint64_t> hashes;
  std::vector<uint32_t> signature;

  Worker(const Shingler& s, const MinHasher& h, const DedupOptions& options)
      : shingler(s),
        hasher(h),
        whole_texts(options.level == DedupLevel::kDocument &&
                    s.options().kind == ShingleKind::kWord),
        signature(h.num_hashes()) {}

  // Sets `units` to those of a document; a whole-text unit without words yields no
  // shingles and is counted empty by the caller.
  void Units(const Document& doc, uint32_t index, const DedupOptions& options) {
    if (whole_texts) {
      units.assign(1, {index, {0, static_cast<uint32_t>(doc.text.size())}, 0, 0});
    } else {
      units = dedup_internal::UnitsOf(doc, index, options, &tokens);
    }
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

int64_t PublicationKey(const std::optional<Date>& published) {
  if (!published) return std::numeric_limits<int64_t>::max();  // undated: after every date
  return (int64_t{published->year} * 100 + published->month) * 100 + published->day;
}

bool PublishedBefore(const std::vector<Document>& documents, uint32_t i, uint32_t j) {
  return std::pair(PublicationKey(documents[i].published), i) <
         std::pair(PublicationKey(documents[j].published), j);
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

namespace {

// `doc` without its text (not copied then cleared: a cleared string keeps its buffer).
Document HeaderOf(const Document& doc) {
  Document header;
  header.id = doc.id;
  header.outlet = doc.outlet;
  header.url = doc.url;
  header.published = doc.published;
  header.title = doc.title;
  return header;
}

// The state of one FindCopies run across the two reads of the corpus.
class CopyFinder {
 public:
  // `meta` holds every document (text included or not) once the first read is done: the
  // corpus itself in memory, or the headers the first read collects.
  CopyFinder(const DedupOptions& options, const std::vector<Document>& meta,
             std::vector<Document>* headers)
      : options_(options),
        shingler_(*Shingler::Create(options.shingles)),
        hasher_(*MinHasher::Create(options.minhash)),
        lsh_options_{options.threshold,
                     options.minhash.num_hashes,
                     options.false_positive_weight,
                     options.false_negative_weight,
                     0,
                     0},
        index_(*LshIndex::Create(lsh_options_)),
        bands_(index_.banding().bands),
        k_(hasher_.num_hashes()),
        arena_(options.threads == 0 ? tbb::task_arena::automatic
                                    : static_cast<int>(options.threads)),
        workers_([this] { return Worker(shingler_, hasher_, options_); }),
        meta_(meta),
        headers_(headers) {
    result_.stats.banding = index_.banding();
  }

  // First read: the units of each batch and their band keys, into the LSH index.
  Status SignBatch(std::span<const Document> batch) {
    const uint32_t first = documents_read_;
    if (headers_ != nullptr) {
      for (const Document& doc : batch) headers_->push_back(HeaderOf(doc));
    }
    // Per document of the batch, kept across batches: after the first, no allocation.
    if (batch_units_.size() < batch.size()) {
      batch_units_.resize(batch.size());
      batch_keys_.resize(batch.size());
    }
    std::vector<std::vector<Unit>>& doc_units = batch_units_;
    std::vector<std::vector<uint32_t>>& doc_keys = batch_keys_;
    std::vector<size_t> doc_empty(batch.size(), 0);
    arena_.execute([&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, batch.size(), 16),
                        [&](const tbb::blocked_range<size_t>& range) {
                          Worker& worker = workers_.local();
                          for (size_t d = range.begin(); d != range.end(); ++d) {
                            doc_empty[d] = SignDocument(worker, batch[d], first + d, &doc_units[d],
                                                        &doc_keys[d]);
                          }
                          if (progress_) progress_->Add(range.size());
                        });
    });
    for (size_t d = 0; d < batch.size(); ++d) {
      result_.stats.empty_units += doc_empty[d];
      if (units_.size() + doc_units[d].size() >= std::numeric_limits<uint32_t>::max()) {
        return InvalidArgument("dedup: more than 2^32 - 1 units; split the input");
      }
      for (size_t u = 0; u < doc_units[d].size(); ++u) {
        index_.AddKeys(std::span<const uint32_t>(doc_keys[d]).subspan(u * bands_, bands_));
        units_.push_back(doc_units[d][u]);
      }
    }
    documents_read_ += static_cast<uint32_t>(batch.size());
    return Status::Ok();
  }

  // Between the reads: the candidate pairs, and the units whose shingle sets they need.
  void FindCandidates() {
    result_.stats.units = units_.size();
    arena_.execute([&] {
      index_.Build();
      candidates_ = index_.CandidatePairs(
          [&](uint32_t x, uint32_t y) { return units_[x].doc != units_[y].doc; });
    });
    result_.stats.candidate_pairs = candidates_.size();
    index_ = *LshIndex::Create(lsh_options_);  // frees the tables
    involved_.reserve(candidates_.size() * 2);
    for (const CandidatePair& c : candidates_) {
      involved_.push_back(c.first);
      involved_.push_back(c.second);
    }
    std::sort(involved_.begin(), involved_.end());
    involved_.erase(std::unique(involved_.begin(), involved_.end()), involved_.end());
    sets_.resize(involved_.size());
  }

  // Second read: shingle sets and signatures of the involved units of each batch, computed
  // per document (one tokenisation each).
  Status ShingleBatch(std::span<const Document> batch) {
    const uint32_t first = verified_read_;
    if (batch.size() > documents_read_ - first) return ChangedInput(documents_read_);
    if (headers_ != nullptr) {
      for (size_t d = 0; d < batch.size(); ++d) {
        if (batch[d].id != meta_[first + d].id) return ChangedInput(first + d);
      }
    }
    ShingleInvolved(first + static_cast<uint32_t>(batch.size()),
                    [&](size_t, uint32_t doc) -> const Document& { return batch[doc - first]; });
    verified_read_ += static_cast<uint32_t>(batch.size());
    if (progress_) progress_->Add(batch.size());
    return Status::Ok();
  }

  // The documents with a unit in a candidate pair, ascending: what a fetching second read
  // asks for.
  std::vector<uint32_t> WantedDocuments() const {
    std::vector<uint32_t> docs;
    for (uint32_t unit : involved_) {
      if (docs.empty() || docs.back() != units_[unit].doc) docs.push_back(units_[unit].doc);
    }
    return docs;
  }

  // A fetching second read: `batch` holds the next documents of `wanted` (WantedDocuments).
  Status ShingleFetched(std::span<const uint32_t> wanted, std::span<const Document> batch) {
    const size_t first = fetched_;
    if (batch.size() > wanted.size() - first) return ChangedInput(documents_read_);
    for (size_t j = 0; j < batch.size(); ++j) {
      if (batch[j].id != meta_[wanted[first + j]].id) return ChangedInput(wanted[first + j]);
    }
    if (batch.empty()) return Status::Ok();
    fetched_ += batch.size();
    // Every wanted document has involved units, so the r-th run is batch[r].
    ShingleInvolved(wanted[fetched_ - 1] + 1,
                    [&](size_t run, uint32_t) -> const Document& { return batch[run]; });
    if (progress_) progress_->Add(batch.size());
    return Status::Ok();
  }

  // After the second read: exact Jaccard of every candidate, the passage selection, the
  // groups. Signatures (for the estimate each pair reports) are computed only for the units
  // of pairs that pass, from their shingle sets: MinHash is a function of the set, so this
  // gives the signature of the first read.
  // `fetched`: the second read fetched the `wanted` documents instead of reading them all.
  Result<DedupResult> Verify(bool fetched, size_t wanted) {
    if (fetched ? fetched_ != wanted : verified_read_ != documents_read_) {
      return ChangedInput(fetched ? documents_read_ : verified_read_);
    }
    std::vector<CopyPair> verified;
    arena_.execute([&] {
      const std::vector<size_t> passing = PassingCandidates();
      SignPassingUnits(passing);
      verified.resize(passing.size());
      tbb::parallel_for(size_t{0}, passing.size(), [&](size_t i) {
        const CandidatePair& c = candidates_[passing[i]];
        const size_t x = Slot(c.first), y = Slot(c.second);
        verified[i] =
            *dedup_internal::VerifyPair(meta_, units_[c.first], units_[c.second], sets_[x],
                                        sets_[y], Signature(x), Signature(y), options_.threshold);
      });
    });
    result_.stats.verified_pairs = verified.size();
    dedup_internal::SortCopyPairs(&verified);
    if (options_.level == DedupLevel::kPassage) {
      verified = dedup_internal::SelectPassages(std::move(verified));
    }
    result_.pairs = std::move(verified);
    result_.groups = GroupCopies(meta_, result_.pairs);
    if (headers_ != nullptr) DropTextsOutsidePairs();
    return std::move(result_);
  }

  // Replaces the current bar (if any) with a new one when bars were asked for.
  void StartProgress(const char* label, uint64_t total) {
    EndProgress();
    if (options_.show_progress) progress_ = std::make_unique<Progress>(label, total);
  }
  void EndProgress() { progress_.reset(); }  // ~Progress finishes the bar
  uint32_t documents_read() const { return documents_read_; }

 private:
  // The index in involved_ (and sets_) of `unit`, an involved unit.
  size_t Slot(uint32_t unit) const {
    return static_cast<size_t>(std::lower_bound(involved_.begin(), involved_.end(), unit) -
                               involved_.begin());
  }

  // The indices into candidates_ of the pairs whose exact Jaccard reaches the threshold,
  // ascending.
  std::vector<size_t> PassingCandidates() const {
    constexpr size_t kChunk = 4096;
    std::vector<std::vector<size_t>> chunks((candidates_.size() + kChunk - 1) / kChunk);
    tbb::parallel_for(size_t{0}, chunks.size(), [&](size_t c) {
      const size_t end = std::min(candidates_.size(), (c + 1) * kChunk);
      for (size_t i = c * kChunk; i < end; ++i) {
        const ShingleSet& x = sets_[Slot(candidates_[i].first)];
        const ShingleSet& y = sets_[Slot(candidates_[i].second)];
        size_t shared = 0;
        if (dedup_internal::SetJaccard(x, y, &shared) >= options_.threshold) {
          chunks[c].push_back(i);
        }
      }
    });
    std::vector<size_t> passing;
    for (const std::vector<size_t>& chunk : chunks) {
      passing.insert(passing.end(), chunk.begin(), chunk.end());
    }
    return passing;
  }

  // MinHash signatures of the units in the `passing` candidates (by their slots), into
  // signed_slots_ and signatures_.
  void SignPassingUnits(const std::vector<size_t>& passing) {
    std::vector<size_t>& slots = signed_slots_;
    slots.clear();
    slots.reserve(2 * passing.size());
    for (size_t i : passing) {
      slots.push_back(Slot(candidates_[i].first));
      slots.push_back(Slot(candidates_[i].second));
    }
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    signatures_.assign(slots.size() * k_, 0);
    tbb::parallel_for(size_t{0}, slots.size(), [&](size_t i) {
      hasher_.Compute(sets_[slots[i]], std::span<uint32_t>(signatures_).subspan(i * k_, k_));
    });
  }

  // The signature of the unit at `slot`, one of signed_slots_.
  std::span<const uint32_t> Signature(size_t slot) const {
    const size_t i = static_cast<size_t>(
        std::lower_bound(signed_slots_.begin(), signed_slots_.end(), slot) - signed_slots_.begin());
    return std::span<const uint32_t>(signatures_).subspan(i * k_, k_);
  }

  // Shingle sets of the involved units of the documents before `end_doc` not
  // done yet; document_of(run, doc) is the document of the run-th document with involved
  // units of this call, whose index is doc.
  template <typename DocumentOf>
  void ShingleInvolved(uint32_t end_doc, const DocumentOf& document_of) {
    std::vector<size_t> doc_starts;  // runs of involved_ with the same document
    for (size_t i = next_involved_; i < involved_.size(); ++i) {
      const uint32_t doc = units_[involved_[i]].doc;
      if (doc >= end_doc) break;
      if (doc_starts.empty() || doc != units_[involved_[i - 1]].doc) doc_starts.push_back(i);
      next_involved_ = i + 1;
    }
    doc_starts.push_back(next_involved_);
    arena_.execute([&] {
      tbb::parallel_for(size_t{0}, doc_starts.size() - 1, [&](size_t r) {
        Worker& worker = workers_.local();
        const uint32_t doc = units_[involved_[doc_starts[r]]].doc;
        const std::string& text = document_of(r, doc).text;
        worker.Prepare(text);
        for (size_t i = doc_starts[r]; i < doc_starts[r + 1]; ++i) {
          worker.UnitHashes(text, units_[involved_[i]]);
          MakeShingleSet(&worker.hashes);
          sets_[i] = worker.hashes;
        }
      });
    });
    if (headers_ != nullptr && options_.level == DedupLevel::kPassage) {
      // Passage excerpts quote the text: keep it for documents that may be in a pair.
      for (size_t r = 0; r + 1 < doc_starts.size(); ++r) {
        const uint32_t doc = units_[involved_[doc_starts[r]]].doc;
        (*headers_)[doc].text = document_of(r, doc).text;
      }
    }
  }

  // The units of `doc` with shingles and their band keys; returns how many units had none.
  size_t SignDocument(Worker& worker, const Document& doc, size_t index, std::vector<Unit>* kept,
                      std::vector<uint32_t>* keys) const {
    kept->clear();
    keys->clear();
    worker.Units(doc, static_cast<uint32_t>(index), options_);
    size_t empty = options_.level == DedupLevel::kDocument && worker.units.empty() ? 1 : 0;
    for (const Unit& unit : worker.units) {
      worker.UnitHashes(doc.text, unit);
      if (worker.hashes.empty()) {
        ++empty;
        continue;
      }
      hasher_.Compute(worker.hashes, worker.signature);
      keys->resize(keys->size() + bands_);
      index_.BandKeys(worker.signature, std::span<uint32_t>(*keys).last(bands_));
      kept->push_back(unit);
    }
    return empty;
  }

  void DropTextsOutsidePairs() {
    std::vector<bool> in_pair(headers_->size(), false);
    for (const CopyPair& p : result_.pairs) in_pair[p.a] = in_pair[p.b] = true;
    for (size_t d = 0; d < headers_->size(); ++d) {
      if (!in_pair[d]) std::string().swap((*headers_)[d].text);  // frees the buffer
    }
  }

  static Status ChangedInput(size_t document) {
    return DataLoss("dedup: the input changed between its two reads (at document " +
                    std::to_string(document + 1) + ")");
  }

  const DedupOptions& options_;
  const Shingler shingler_;
  const MinHasher hasher_;
  const LshOptions lsh_options_;
  LshIndex index_;
  const size_t bands_;
  const size_t k_;
  tbb::task_arena arena_;
  // One per thread for the whole run: their buffers grow to the largest document once
  // instead of for every 16 documents (SignBatch) or every document (ShingleBatch).
  tbb::enumerable_thread_specific<Worker> workers_;
  const std::vector<Document>& meta_;
  std::vector<Document>* headers_;
  std::unique_ptr<Progress> progress_;
  DedupResult result_;
  uint32_t documents_read_ = 0;
  uint32_t verified_read_ = 0;
  std::vector<Unit> units_;  // in document order
  // SignBatch's units and band keys per document of a batch (reused).
  std::vector<std::vector<Unit>> batch_units_;
  std::vector<std::vector<uint32_t>> batch_keys_;
  std::vector<CandidatePair> candidates_;
  std::vector<uint32_t> involved_;  // units in a candidate pair, ascending
  size_t next_involved_ = 0;
  size_t fetched_ = 0;                // documents a fetching second read has handed over
  std::vector<ShingleSet> sets_;      // per involved unit
  std::vector<size_t> signed_slots_;  // involved units in a passing pair, ascending
  std::vector<uint32_t> signatures_;  // k_ per signed slot
};

// Both reads of `read` through one CopyFinder, or the first and a fetch of the documents in
// candidate pairs; `total` sizes the progress bars (0: unknown).
Result<DedupResult> RunCopyFinder(CopyFinder& finder, const DocumentPasses& read,
                                  const DocumentFetcher& fetch, uint64_t total) {
  finder.StartProgress("signatures", total);
  if (Status s = read([&](std::span<const Document> batch) { return finder.SignBatch(batch); });
      !s.ok()) {
    return s;
  }
  finder.FindCandidates();
  std::vector<uint32_t> wanted;
  Status second;
  if (fetch) {
    wanted = finder.WantedDocuments();
    finder.StartProgress("verification", wanted.size());
    second = fetch(wanted, [&](std::span<const Document> batch) {
      return finder.ShingleFetched(wanted, batch);
    });
  } else {
    finder.StartProgress("verification", finder.documents_read());
    second = read([&](std::span<const Document> batch) { return finder.ShingleBatch(batch); });
  }
  if (!second.ok()) return second;
  Result<DedupResult> result = finder.Verify(bool(fetch), wanted.size());
  finder.EndProgress();
  return result;
}

}  // namespace

Result<DedupResult> FindCopies(const std::vector<Document>& documents,
                               const DedupOptions& options) {
  if (Status s = ValidateDedupOptions(options); !s.ok()) return s;
  CopyFinder finder(options, documents, nullptr);
  return RunCopyFinder(
      finder, [&](const DocumentBatchVisitor& visit) { return visit(documents); }, nullptr,
      documents.size());
}

Result<DedupResult> FindCopiesStreamed(const DocumentPasses& read, const DedupOptions& options,
                                       std::vector<Document>* documents,
                                       const DocumentFetcher& fetch) {
  if (Status s = ValidateDedupOptions(options); !s.ok()) return s;
  documents->clear();
  CopyFinder finder(options, *documents, documents);
  return RunCopyFinder(finder, read, fetch, 0);
}

std::vector<CopyGroup> GroupCopies(const std::vector<Document>& documents,
                                   const std::vector<CopyPair>& pairs) {
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  edges.reserve(pairs.size());
  for (const CopyPair& p : pairs) edges.emplace_back(p.a, p.b);
  return dedup_internal::CopyGroups(documents, edges);
}

}  // namespace crossclaim
