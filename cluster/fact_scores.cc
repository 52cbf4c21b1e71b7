#include "cluster/fact_scores.h"

#include <tbb/parallel_for.h>

#include <map>
#include <memory>
#include <mutex>

#include "cluster/referents.h"
#include "similarity/pair_features.h"
#include "similarity/pair_model.h"
#include "similarity/wordnet.h"

namespace crossclaim {
namespace {

std::shared_ptr<const WordNet> CachedWordNet(const std::string& dir) {
  if (dir.empty() || dir == "none") return nullptr;
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const WordNet>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(dir);
  if (it != cache.end()) return it->second;
  Result<WordNet> loaded = WordNet::Load(dir);
  std::shared_ptr<const WordNet> wordnet =
      loaded.ok() ? std::make_shared<const WordNet>(std::move(*loaded)) : nullptr;
  cache.emplace(dir, wordnet);
  return wordnet;
}

bool UsesLatent(const PairModel& model) {
  for (const std::string& term : model.terms) {
    if (term.find("cosine_lsa") != std::string::npos) return true;
  }
  return false;
}

// Pairs whose words' likeness says nothing about one fact: the shared words point elsewhere,
// the weekdays named are of two weeks, one claim reacts to what the other describes, or the
// names around a shared word have swapped roles.
bool TwoFactsWhateverTheWords(const Claim& a, const Claim& b) {
  return SharedWordsPointElsewhere(a, b) || WeekdaysOfTwoWeeks(a, b) ||
         ReactionBesideDescription(a, b) || RolesSwapped(a, b);
}

}  // namespace

std::vector<float> SameFactScores(const std::vector<Claim>& claims,
                                  const std::vector<std::pair<int32_t, int32_t>>& pairs,
                                  const std::string& wordnet_dir, int threads) {
  std::vector<float> scores(pairs.size(), 0.0f);
  if (pairs.empty()) return scores;
  PairScorerOptions options;
  options.wordnet = CachedWordNet(wordnet_dir);
  options.threads = threads;
  options.latent_dims = UsesLatent(options.model) ? 100 : 0;
  Result<PairScorer> scorer = PairScorer::Create(options);
  if (!scorer.ok()) return scores;  // the default options are valid
  // Claim::tokens are the claim text's NormalizedTokens: nothing is tokenised again.
  std::vector<std::string_view> texts;
  std::vector<std::span<const std::string>> words;
  texts.reserve(claims.size());
  words.reserve(claims.size());
  for (const Claim& c : claims) {
    texts.push_back(c.text);
    words.push_back(c.tokens);
  }
  const PairVectors vectors = scorer->FitTransformTokens(texts, words);
  // Each claim analysed once, however many pairs it is in.
  std::vector<char> paired(claims.size(), 0);
  for (auto [a, b] : pairs) paired[static_cast<size_t>(a)] = paired[static_cast<size_t>(b)] = 1;
  std::vector<AnalysedText> analysed(claims.size());
  tbb::parallel_for(size_t{0}, claims.size(), [&](size_t i) {
    if (paired[i]) analysed[i] = scorer->Analyze(claims[i].text, claims[i].tokens);
  });
  tbb::parallel_for(size_t{0}, pairs.size(), [&](size_t k) {
    auto [a, b] = pairs[k];
    if (TwoFactsWhateverTheWords(claims[static_cast<size_t>(a)], claims[static_cast<size_t>(b)])) {
      return;  // no evidence of one fact however alike the words (cluster/referents.h)
    }
    scores[k] =
        static_cast<float>(scorer
                               ->Score(analysed[static_cast<size_t>(a)],
                                       analysed[static_cast<size_t>(b)], vectors, vectors, a, b)
                               .score);
  });
  return scores;
}

}  // namespace crossclaim
