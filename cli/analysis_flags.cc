#include "cli/analysis_flags.h"

namespace crossclaim::cli {

void AddAnalysisFlags(CLI::App& app, AnalysisFlags* flags) {
  AnalysisOptions& o = flags->options;
  app.add_option("--overlap-threshold", o.overlap_threshold,
                 "TF-IDF cosine for an overlap edge between claims of different outlets")
      ->capture_default_str();
  app.add_option("--cluster-threshold", o.cluster_threshold,
                 "Average-link similarity for two clusters of claims to merge")
      ->capture_default_str();
  app.add_flag("--merge-on-same-fact", o.merge_on_same_fact,
               "Merge claim clusters on the same-fact score too, every edge in the averages, "
               "for every pair of claims, not only between standalone documents (less precise "
               "on full articles)");
  app.add_option("--standalone-max-claims", o.standalone_max_claims,
                 "A one-line document of at most this many claims (a headline) is clustered as "
                 "with --merge-on-same-fact against other such documents (0: never)")
      ->capture_default_str();
  app.add_option(
         "--copy-threshold", o.copy_threshold,
         "Word 3-gram Jaccard for two claims to count as one fact (copies come from text reuse)")
      ->capture_default_str();
  app.add_option("--dedup-threshold", o.dedup.threshold,
                 "Exact Jaccard of word shingles for a copied passage")
      ->capture_default_str();
  app.add_option("--ngram", flags->ngram, "Words per shingle for copied passages")
      ->capture_default_str();
  app.add_option("--off-event-threshold", o.off_event_threshold,
                 "Cosine to the event's centre below which a later block of a page is off-event")
      ->capture_default_str();
  app.add_option("--min-divergence-confidence", o.min_divergence_confidence,
                 "Divergences below this confidence are kept in report.json but not shown, and do "
                 "not make a cluster divergent")
      ->capture_default_str();
  app.add_flag_callback(
      "--all-divergences", [&o] { o.min_divergence_confidence = 0; },
      "Show every divergence found, whatever its confidence");
  app.add_option("--idf", o.background_idf, "Background idf file written by `crossclaim idf`");
  app.add_option("--threads", flags->threads, "Worker threads (0: all cores)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
}

Result<AnalysisOptions> AnalysisFlags::ToOptions() const {
  AnalysisOptions o = options;
  o.dedup.shingles.n = ngram;
  o.dedup.show_progress = true;  // drawn only when stderr is a terminal
  o.threads = threads;
  Status valid = o.Validate();
  if (!valid.ok()) return valid;
  return o;
}

}  // namespace crossclaim::cli
