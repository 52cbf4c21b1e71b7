// MinHash signatures, the LSH index and dedup (similarity/minhash.h, lsh.h, dedup.h).
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "python/src/common.h"
#include "similarity/dedup.h"
#include "similarity/lsh.h"
#include "similarity/minhash.h"
#include "similarity/shingle.h"

namespace crossclaim::python {
namespace {

MinHashMode ParseMode(const std::string& mode) {
  if (mode == "classic") return MinHashMode::kClassic;
  if (mode == "oph") return MinHashMode::kOnePermutation;
  InvalidArgumentError("mode must be \"classic\" or \"oph\" (got \"" + mode + "\")");
}

ShingleKind ParseShingle(const std::string& shingle) {
  if (shingle == "word") return ShingleKind::kWord;
  if (shingle == "char") return ShingleKind::kChar;
  InvalidArgumentError("shingle must be \"word\" or \"char\" (got \"" + shingle + "\")");
}

// The shingler dedup uses for these settings (its hash seed is always the default).
Shingler MakeShingler(size_t ngram, const std::string& shingle) {
  ShingleOptions options;
  options.kind = ParseShingle(shingle);
  options.n = ngram;
  return ValueOrThrow(Shingler::Create(options));
}

class MinHash {
 public:
  MinHash(size_t num_perm, uint64_t seed, const std::string& mode)
      : hasher_(ValueOrThrow(MinHasher::Create({num_perm, ParseMode(mode), seed}))) {}

  size_t num_perm() const { return hasher_.num_hashes(); }
  uint64_t seed() const { return hasher_.options().seed; }
  std::string mode() const {
    return hasher_.options().mode == MinHashMode::kClassic ? "classic" : "oph";
  }

  py::array_t<uint32_t> Signatures(py::handle texts, size_t ngram, const std::string& shingle,
                                   int threads) const {
    const Shingler shingler = MakeShingler(ngram, shingle);
    const int width = ArenaThreads(threads);
    const TextViews in = GatherTexts(texts, "texts");
    const size_t n = in.views.size(), k = hasher_.num_hashes();
    py::array_t<uint32_t> out({n, k});
    uint32_t* rows = out.mutable_data();
    {
      py::gil_scoped_release release;
      tbb::task_arena arena(width);
      arena.execute([&] {
        tbb::parallel_for(
            tbb::blocked_range<size_t>(0, n, 8), [&](const tbb::blocked_range<size_t>& range) {
              std::vector<uint64_t> token_hashes, hashes;
              for (size_t i = range.begin(); i != range.end(); ++i) {
                hashes.clear();
                if (shingler.options().kind == ShingleKind::kWord) {
                  shingler.AppendTextWordShingleHashes(in.views[i], &token_hashes, &hashes);
                } else {
                  shingler.AppendCharShingleHashes(in.views[i], &hashes);
                }
                hasher_.Compute(hashes, std::span<uint32_t>(rows + i * k, k));
              }
            });
      });
    }
    return out;
  }

 private:
  MinHasher hasher_;
};

// A C-contiguous uint32 array of `k` columns (one signature, or one per row).
struct SignatureRows {
  py::array_t<uint32_t> array;
  size_t rows = 0;
  const uint32_t* row(size_t i) const { return array.data() + i * k; }
  size_t k = 0;
};

SignatureRows ToSignatureRows(py::handle object, size_t k, bool many) {
  const std::string expected = many ? "a uint32 array of shape (n, " + std::to_string(k) + ")"
                                    : "a uint32 array of " + std::to_string(k) + " values";
  if (!py::isinstance<py::array>(object) ||
      !py::reinterpret_borrow<py::array>(object).dtype().is(py::dtype::of<uint32_t>())) {
    InvalidArgumentError("signature must be " + expected + " (from MinHash.signatures)");
  }
  auto array = py::array_t<uint32_t, py::array::c_style>::ensure(object);
  const bool shaped = many ? array.ndim() == 2 && static_cast<size_t>(array.shape(1)) == k
                           : (array.ndim() == 1 && static_cast<size_t>(array.shape(0)) == k) ||
                                 (array.ndim() == 2 && array.shape(0) == 1 &&
                                  static_cast<size_t>(array.shape(1)) == k);
  if (!shaped) InvalidArgumentError("signature must be " + expected);
  SignatureRows out;
  out.rows = many ? static_cast<size_t>(array.shape(0)) : 1;
  out.array = std::move(array);
  out.k = k;
  return out;
}

class Lsh {
 public:
  Lsh(double threshold, size_t num_perm, std::pair<double, double> weights, size_t bands,
      size_t rows)
      : options_{threshold, num_perm, weights.first, weights.second, bands, rows},
        index_(ValueOrThrow(LshIndex::Create(options_))) {}

  size_t bands() const { return index_.banding().bands; }
  size_t rows() const { return index_.banding().rows; }
  size_t size() const { return keys_.size(); }
  bool Contains(py::handle key) const { return ids_.contains(key); }

  void Insert(py::handle key, py::handle signature) {
    const SignatureRows sig = ToSignatureRows(signature, options_.num_hashes, false);
    AddKey(key);
    index_.Add(std::span<const uint32_t>(sig.row(0), sig.k));
    built_ = false;
  }

  void InsertMany(py::handle keys, py::handle signatures) {
    const SignatureRows sigs = ToSignatureRows(signatures, options_.num_hashes, true);
    std::vector<py::object> list;
    for (py::handle key : py::iter(keys)) list.push_back(py::reinterpret_borrow<py::object>(key));
    if (list.size() != sigs.rows) {
      InvalidArgumentError("insert_many: " + std::to_string(list.size()) + " keys for " +
                           std::to_string(sigs.rows) + " signatures");
    }
    py::set fresh;
    for (const py::object& key : list) {
      if (ids_.contains(key) || fresh.contains(key)) DuplicateKey(key);
      fresh.add(key);
    }
    for (const py::object& key : list) AddKey(key);
    for (size_t i = 0; i < sigs.rows; ++i) {
      index_.Add(std::span<const uint32_t>(sigs.row(i), sigs.k));
    }
    built_ = false;
  }

  py::list Query(py::handle signature) {
    const SignatureRows sig = ToSignatureRows(signature, options_.num_hashes, false);
    Build();
    py::list out;
    for (uint32_t id : index_.Query(std::span<const uint32_t>(sig.row(0), sig.k))) {
      out.append(keys_[id]);
    }
    return out;
  }

  py::list CandidatePairs() {
    Build();
    const std::vector<CandidatePair> pairs = index_.CandidatePairs();
    py::list out;
    for (const CandidatePair& p : pairs)
      out.append(py::make_tuple(keys_[p.first], keys_[p.second]));
    return out;
  }

 private:
  [[noreturn]] static void DuplicateKey(py::handle key) {
    InvalidArgumentError("LSH: the key " + std::string(py::repr(key)) + " is already inserted");
  }

  void AddKey(py::handle key) {
    if (ids_.contains(key)) DuplicateKey(key);
    ids_[key] = py::int_(keys_.size());
    keys_.push_back(py::reinterpret_borrow<py::object>(key));
  }

  // Sorts the tables once after a run of inserts (LshIndex::Build). LSH methods keep the
  // GIL, which is what makes one index safe to share between Python threads.
  void Build() {
    if (built_) return;
    index_.Build();
    built_ = true;
  }

  LshOptions options_;
  LshIndex index_;
  std::vector<py::object> keys_;
  py::dict ids_;
  bool built_ = false;
};

DedupLevel ParseLevel(const std::string& level) {
  if (level == "doc") return DedupLevel::kDocument;
  if (level == "passage") return DedupLevel::kPassage;
  InvalidArgumentError("level must be \"doc\" or \"passage\" (got \"" + level + "\")");
}

// FindCopies over the texts: (pairs, groups, stats) as plain tuples and dicts, with spans as
// str indices; the package turns them into named tuples.
py::tuple Dedup(py::handle texts, double threshold, const std::string& level, size_t ngram,
                const std::string& shingle, size_t num_perm, const std::string& mode, uint64_t seed,
                int threads) {
  DedupOptions options;
  options.threshold = threshold;
  options.level = ParseLevel(level);
  options.shingles.kind = ParseShingle(shingle);
  options.shingles.n = ngram;
  options.minhash = {num_perm, ParseMode(mode), seed};
  ArenaThreads(threads);
  options.threads = static_cast<size_t>(threads);
  ThrowIfError(ValidateDedupOptions(options));
  const TextViews in = GatherTexts(texts, "texts");
  std::vector<Document> documents(in.views.size());
  DedupResult result;
  {
    py::gil_scoped_release release;
    for (size_t i = 0; i < documents.size(); ++i) {
      documents[i].id = std::to_string(i);
      documents[i].text = std::string(in.views[i]);
    }
    result = ValueOrThrow(FindCopies(documents, options));
  }
  auto span = [&](uint32_t doc, Span s) {
    const auto [start, end] = StrSpan(in.views[doc], s.begin, s.end);
    return py::make_tuple(start, end);
  };
  py::list pairs;
  for (const CopyPair& p : result.pairs) {
    pairs.append(py::make_tuple(p.a, p.b, p.jaccard, p.estimate, p.shared, span(p.a, p.span_a),
                                span(p.b, p.span_b)));
  }
  py::list groups;
  for (const CopyGroup& g : result.groups) groups.append(py::make_tuple(g.members, g.origin));
  py::dict stats;
  stats["units"] = result.stats.units;
  stats["empty_units"] = result.stats.empty_units;
  stats["candidate_pairs"] = result.stats.candidate_pairs;
  stats["verified_pairs"] = result.stats.verified_pairs;
  stats["bands"] = result.stats.banding.bands;
  stats["rows"] = result.stats.banding.rows;
  return py::make_tuple(pairs, groups, stats);
}

}  // namespace

void RegisterSketches(py::module_& module) {
  py::class_<MinHash>(module, "MinHash", R"doc(MinHash signatures of texts (similarity/minhash.h).

MinHash(num_perm=128, seed=1, mode="classic")

num_perm: K, the signature length (1..4096). seed: signatures made with different seeds are
not comparable. mode: "classic" (K multiply-add-shift hash functions) or "oph" (one
permutation hashing with densification, about 10x cheaper per shingle).
The signatures are the ones crossclaim.dedup() and `crossclaim dedup` compute with the same
settings. Immutable: signatures() may run in several Python threads at once.
Raises InvalidArgumentError for num_perm outside 1..4096 or an unknown mode.)doc")
      .def(py::init<size_t, uint64_t, const std::string&>(), py::arg("num_perm") = 128,
           py::arg("seed") = 1, py::arg("mode") = "classic")
      .def_property_readonly("num_perm", &MinHash::num_perm, "K, the signature length.")
      .def_property_readonly("seed", &MinHash::seed, "The hash seed.")
      .def_property_readonly("mode", &MinHash::mode, "\"classic\" or \"oph\".")
      .def("signatures", &MinHash::Signatures, py::arg("texts"), py::arg("ngram") = 5,
           py::arg("shingle") = "word", py::arg("threads") = 0,
           R"doc(signatures(texts, ngram=5, shingle="word", threads=0) -> numpy.ndarray

The MinHash signature of each text's shingle set, as a uint32 array of shape
(len(texts), num_perm). Shingles are `ngram` consecutive normalised word tokens (Unicode word
boundaries, NFKC case folded: crossclaim.tokenize) with shingle="word", or `ngram`
consecutive code points with shingle="char". A text with fewer tokens than ngram is one
shingle; a text without any token gets the empty signature (every value 0xFFFFFFFF).
The fraction of equal positions of two rows estimates the Jaccard similarity of the sets.

Runs without the GIL on `threads` worker threads (0: every core).
Raises TypeError for an item that is not a str, InvalidArgumentError for ngram outside
1..64, an unknown shingle kind or threads < 0.)doc");
  py::class_<Lsh>(module, "LSH", R"doc(Banded LSH index over MinHash signatures (similarity/lsh.h).

LSH(threshold=0.8, num_perm=128, weights=(0.02, 0.98), bands=0, rows=0)

Two signatures that agree on every row of one band are candidates; a pair with Jaccard s
becomes one with probability 1 - (1 - s^rows)^bands. The banding minimises
weights[0] * false-positive mass + weights[1] * false-negative mass around `threshold`
(the default favours recall: candidates are meant to be verified, as dedup() does), unless
bands and rows are both given. Keys are any hashable objects, unique per index.
Queries after inserts sort the index once (O(n log n)); insert in batches, then query.
The methods hold the GIL, so one index may be shared between Python threads.
Raises InvalidArgumentError for a threshold outside (0, 1], bad weights or banding.)doc")
      .def(py::init<double, size_t, std::pair<double, double>, size_t, size_t>(),
           py::arg("threshold") = 0.8, py::arg("num_perm") = 128,
           py::arg("weights") = std::pair<double, double>(0.02, 0.98), py::arg("bands") = 0,
           py::arg("rows") = 0)
      .def_property_readonly("bands", &Lsh::bands, "Number of bands b.")
      .def_property_readonly("rows", &Lsh::rows, "Rows r per band.")
      .def("__len__", &Lsh::size)
      .def("__contains__", &Lsh::Contains)
      .def("insert", &Lsh::Insert, py::arg("key"), py::arg("signature"),
           R"doc(insert(key, signature) -> None

Adds one item: `signature` is a uint32 array of num_perm values (a row of
MinHash.signatures()). Raises InvalidArgumentError for a key already inserted or a
signature of the wrong dtype or length.)doc")
      .def("insert_many", &Lsh::InsertMany, py::arg("keys"), py::arg("signatures"),
           R"doc(insert_many(keys, signatures) -> None

Adds len(keys) items at once; `signatures` is a uint32 array of shape (len(keys), num_perm).
Nothing is inserted when a key is a duplicate or the shapes disagree (InvalidArgumentError).)doc")
      .def("query", &Lsh::Query, py::arg("signature"),
           R"doc(query(signature) -> list

The keys of the items that share at least one band with `signature`, in insertion order
(an inserted signature finds itself).)doc")
      .def("candidate_pairs", &Lsh::CandidatePairs,
           R"doc(candidate_pairs() -> list[tuple]

Every pair of inserted items sharing at least one band, as (key_a, key_b) with key_a
inserted first, sorted by insertion order, without repeats.)doc");
  module.def("_dedup", &Dedup, py::arg("texts"), py::arg("threshold"), py::arg("level"),
             py::arg("ngram"), py::arg("shingle"), py::arg("num_perm"), py::arg("mode"),
             py::arg("seed"), py::arg("threads"), "FindCopies over texts; use crossclaim.dedup().");
}

}  // namespace crossclaim::python
