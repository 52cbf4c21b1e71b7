// `crossclaim reuse`: which document took text from which (aligned, asymmetric, graded).
#include "similarity/reuse.h"

#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/input.h"
#include "report/reuse_output.h"

namespace crossclaim::cli {
namespace {

struct ReuseFlags {
  InputFlags input;
  std::string format = "jsonl";
  ReuseOptions options;
};

int RunReuse(const ReuseFlags& flags) {
  ReuseOptions options = flags.options;
  options.show_progress = true;
  // Options first: a typo in a flag should not wait for the input to be read.
  if (Status status = ValidateReuseOptions(options); !status.ok()) return Fail(status);
  Result<Corpus> corpus = LoadInputs(flags.input);
  if (!corpus.ok()) return Fail(corpus.status());
  Result<ReuseResult> result = FindReuse(corpus->documents, options);
  if (!result.ok()) return Fail(result.status());
  const std::string out = flags.format == "jsonl" ? ReuseJsonLines(corpus->documents, *result)
                                                  : ReuseText(corpus->documents, *result);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (result->stats.empty_documents > 0) {
    std::fprintf(stderr, "crossclaim: reuse: %zu documents without any word were not compared\n",
                 result->stats.empty_documents);
  }
  return kExitOk;
}

const CommandRegistration kReuse{
    "reuse",
    "Find text reuse: which document took text from which, how much, and the aligned passages", 31,
    [](CLI::App& app) -> CommandRunner {
      auto flags = std::make_shared<ReuseFlags>();
      AddInputFlags(app, &flags->input);
      app.add_option("--format", flags->format, "Output format")
          ->check(CLI::IsMember({"jsonl", "text"}))
          ->capture_default_str();
      app.add_option("--min-containment", flags->options.min_containment,
                     "Report pairs whose derived text lies at least this much in aligned passages "
                     "(0: every candidate pair considered)")
          ->check(CLI::Range(0.0, 1.0))
          ->capture_default_str();
      app.add_option("--threads", flags->options.threads, "Worker threads (0: all cores)")
          ->capture_default_str();
      // The method's knobs (defaults calibrated on METER courts, docs/quality.md).
      ReuseOptions& o = flags->options;
      app.add_option("--candidate-words", o.candidate_words, "Words per indexed n-gram")
          ->capture_default_str();
      app.add_option("--winnow-window", o.winnow_window, "N-grams per winnowing window")
          ->capture_default_str();
      app.add_option("--max-df", o.max_document_frequency,
                     "N-grams in more documents than this are stock phrases, not evidence")
          ->capture_default_str();
      app.add_option("--min-shared", o.min_shared_fingerprints,
                     "Shared n-gram fingerprints that make two documents a candidate pair")
          ->capture_default_str();
      app.add_option("--min-shared-share", o.min_shared_share,
                     "... and the share of the shorter text's fingerprints they must be "
                     "(texts built from the same stock phrases share a few by chance)")
          ->check(CLI::Range(0.0, 1.0))
          ->capture_default_str();
      app.add_option("--seed-words", o.seed_words, "Words of an exact seed of an alignment")
          ->capture_default_str();
      app.add_option("--max-gap", o.max_gap_words, "Words between seeds of one passage, at most")
          ->capture_default_str();
      app.add_option("--band", o.band_words, "Insertions/deletions inside a passage, at most")
          ->capture_default_str();
      app.add_option("--min-passage-matches", o.min_passage_matches,
                     "Matching words a passage needs")
          ->capture_default_str();
      app.add_option("--stock-word-share", o.stock_word_share,
                     "Words in more than this share of the documents are stock words")
          ->check(CLI::Range(0.0, 1.0))
          ->capture_default_str();
      app.add_option("--min-rare-matches", o.min_rare_matches,
                     "Matching narrative words that are not stock words a pair needs (0: off)")
          ->capture_default_str();
      app.add_option("--long-passage-matches", o.long_passage_matches,
                     "Matching words that make a passage evidence whatever its words")
          ->capture_default_str();
      app.add_option("--min-cross-day-matches", o.min_cross_day_matches,
                     "Matching narrative words a pair of texts of different days needs (0: off)")
          ->capture_default_str();
      app.add_option("--explained-share", o.explained_share,
                     "Share of a source's passages inside a nearer source's that explains it")
          ->check(CLI::Range(0.0, 1.0))
          ->capture_default_str();
      app.add_option("--count-quotations", o.count_quotations,
                     "Count words of shared quotations in the containment")
          ->capture_default_str();
      return [flags] { return RunReuse(*flags); };
    }};

}  // namespace
}  // namespace crossclaim::cli
