// `crossclaim dedup`: copied documents or passages, verified by exact Jaccard, with who
// copied whom and the copy groups.
#include "similarity/dedup.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"
#include "cli/dedup_output.h"
#include "cli/input.h"

namespace crossclaim::cli {
namespace {

struct DedupFlags {
  InputFlags input;
  double threshold = 0.8;
  std::string level = "doc";
  std::string format = "jsonl";
  std::string shingle = "word";
  size_t ngram = 5;
  size_t num_hashes = 128;
  std::string mode = "classic";
  size_t threads = 0;
  uint64_t seed = 1;
};

std::string Excerpt(const Document& doc, Span span, size_t max_bytes = 160) {
  std::string text = doc.text.substr(span.begin, span.size());
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return text.substr(0, cut) + "...";
}

}  // namespace

void PrintDedupJsonLines(const std::vector<Document>& docs, const DedupResult& result,
                         bool passages) {
  std::string out;
  for (const CopyPair& p : result.pairs) {
    nlohmann::ordered_json line = {{"type", "pair"},
                                   {"a", docs[p.a].id},
                                   {"b", docs[p.b].id},
                                   {"jaccard", p.jaccard},
                                   {"estimate", p.estimate}};
    if (passages) {
      line["span_a"] = {p.span_a.begin, p.span_a.end};
      line["span_b"] = {p.span_b.begin, p.span_b.end};
    }
    out += line.dump();
    out += '\n';
  }
  for (const CopyGroup& g : result.groups) {
    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    for (uint32_t m : g.members) members.push_back(docs[m].id);
    nlohmann::ordered_json line = {
        {"type", "group"}, {"members", members}, {"origin", docs[g.origin].id}};
    out += line.dump();
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

namespace {

void PrintText(const std::vector<Document>& docs, const DedupResult& result, bool passages) {
  auto date = [&](uint32_t d) {
    return docs[d].published ? docs[d].published->ToIso() : std::string("undated");
  };
  for (const CopyPair& p : result.pairs) {
    std::cout << fmt::format(
        "{} ({}, {}) copied from {} ({}, {}): jaccard {:.3f}, estimate {:.3f}\n", docs[p.b].id,
        docs[p.b].outlet, date(p.b), docs[p.a].id, docs[p.a].outlet, date(p.a), p.jaccard,
        p.estimate);
    if (passages) {
      std::cout << fmt::format("  {} [{}-{}]: {}\n", docs[p.a].id, p.span_a.begin, p.span_a.end,
                               Excerpt(docs[p.a], p.span_a));
      std::cout << fmt::format("  {} [{}-{}]: {}\n", docs[p.b].id, p.span_b.begin, p.span_b.end,
                               Excerpt(docs[p.b], p.span_b));
    }
  }
  for (size_t i = 0; i < result.groups.size(); ++i) {
    const CopyGroup& g = result.groups[i];
    std::vector<std::string> members;
    for (uint32_t m : g.members) members.push_back(docs[m].id);
    std::cout << fmt::format("group {}: origin {} ({}); members {}\n", i + 1, docs[g.origin].id,
                             docs[g.origin].outlet, fmt::join(members, ", "));
  }
  std::cout << fmt::format("{} documents, {} copy pairs, {} groups\n", docs.size(),
                           result.pairs.size(), result.groups.size());
}

int RunDedup(const DedupFlags& flags) {
  DedupOptions options;
  options.threshold = flags.threshold;
  options.level = flags.level == "passage" ? DedupLevel::kPassage : DedupLevel::kDocument;
  options.shingles.kind = flags.shingle == "char" ? ShingleKind::kChar : ShingleKind::kWord;
  options.shingles.n = flags.ngram;
  options.minhash.num_hashes = flags.num_hashes;
  options.minhash.mode = flags.mode == "oph" ? MinHashMode::kOnePermutation : MinHashMode::kClassic;
  options.minhash.seed = flags.seed;
  options.threads = flags.threads;
  options.show_progress = true;
  // Options first: a typo in a flag should not wait for the input to be read.
  if (Status status = ValidateDedupOptions(options); !status.ok()) return Fail(status);
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  Result<DedupResult> result = FindCopies(corpus->documents, options);
  if (!result.ok()) return Fail(result.status());
  const bool passages = options.level == DedupLevel::kPassage;
  if (flags.format == "jsonl") {
    PrintDedupJsonLines(corpus->documents, *result, passages);
  } else {
    PrintText(corpus->documents, *result, passages);
  }
  const DedupStats& stats = result->stats;
  if (stats.empty_units > 0) {
    std::fprintf(stderr,
                 "crossclaim: dedup: %zu %s without any shingle (no words) were not compared\n",
                 stats.empty_units, passages ? "passages" : "documents");
  }
  return kExitOk;
}

const CommandRegistration kDedup{
    "dedup", "Find copied documents or passages (MinHash + LSH, verified by exact Jaccard)", 30,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<DedupFlags>();
      AddInputFlags(app, &flags->input);
      app.add_option("--threshold", flags->threshold,
                     "Exact Jaccard similarity of shingle sets at or above which text is a copy")
          ->capture_default_str();
      app.add_option("--level", flags->level, "Compare whole documents or 1-3 sentence passages")
          ->check(CLI::IsMember({"doc", "passage"}))
          ->capture_default_str();
      app.add_option("--format", flags->format, "Output format")
          ->check(CLI::IsMember({"jsonl", "text"}))
          ->capture_default_str();
      app.add_option("--shingle", flags->shingle, "Word or character shingles")
          ->check(CLI::IsMember({"word", "char"}))
          ->capture_default_str();
      app.add_option("--ngram", flags->ngram, "Tokens (or characters) per shingle")
          ->capture_default_str();
      app.add_option("--num-hashes", flags->num_hashes, "MinHash signature length K")
          ->capture_default_str();
      app.add_option("--mode", flags->mode,
                     "MinHash mode: classic (K hash functions) or oph (one permutation, faster)")
          ->check(CLI::IsMember({"classic", "oph"}))
          ->capture_default_str();
      app.add_option("--seed", flags->seed, "Hash seed")->capture_default_str();
      app.add_option("--threads", flags->threads, "Worker threads (0: all cores)")
          ->capture_default_str();
      return [flags] { return RunDedup(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
