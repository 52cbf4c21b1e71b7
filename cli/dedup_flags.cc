#include "cli/dedup_flags.h"

namespace crossclaim::cli {

DedupOptions DedupFlags::ToOptions() const {
  DedupOptions options;
  options.threshold = threshold;
  options.level = level == "passage" ? DedupLevel::kPassage : DedupLevel::kDocument;
  options.shingles.kind = shingle == "char" ? ShingleKind::kChar : ShingleKind::kWord;
  options.shingles.n = ngram;
  options.minhash.num_hashes = num_hashes;
  const bool one_permutation =
      mode == "oph" || (mode == "auto" && options.level == DedupLevel::kDocument);
  options.minhash.mode = one_permutation ? MinHashMode::kOnePermutation : MinHashMode::kClassic;
  options.minhash.seed = seed;
  options.threads = threads;
  return options;
}

void AddDedupFlags(CLI::App& app, DedupFlags* flags, const std::string& threads_help) {
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
                 "MinHash mode: oph (one permutation hashing), classic (K hash functions, "
                 "slower) or auto (oph for documents, classic for passages)")
      ->check(CLI::IsMember({"auto", "classic", "oph"}))
      ->capture_default_str();
  app.add_option("--seed", flags->seed, "Hash seed")->capture_default_str();
  app.add_option("--threads", flags->threads, threads_help)->capture_default_str();
}

}  // namespace crossclaim::cli
