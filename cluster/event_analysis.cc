#include "cluster/event_analysis.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "cluster/clustering.h"
#include "cluster/fact_scores.h"
#include "cluster/referents.h"
#include "cluster/reuse_links.h"
#include "cluster/upstream.h"
#include "similarity/cosine.h"
#include "similarity/shingle.h"
#include "similarity/stopwords.h"

namespace crossclaim {
namespace {

using Clock = std::chrono::steady_clock;

class StageTimer {
 public:
  explicit StageTimer(std::vector<StageTime>* timings) : timings_(timings) {}
  void Lap(std::string stage) {
    auto now = Clock::now();
    timings_->push_back({std::move(stage), std::chrono::duration<double>(now - start_).count()});
    start_ = now;
  }

 private:
  std::vector<StageTime>* timings_;
  Clock::time_point start_ = Clock::now();
};

Status CheckUnit(double value, const char* name, bool allow_zero) {
  bool ok = allow_zero ? (value >= 0 && value <= 1) : (value > 0 && value <= 1);
  if (ok) return Status::Ok();
  return InvalidArgument(fmt::format("AnalysisOptions.{} must be in {}0, 1] (got {})", name,
                                     allow_zero ? "[" : "(", value));
}

// The event's centre: the sum of the documents' leads (their first `lead_claims` claims,
// summed and scaled to unit length per document, so that every outlet's account weighs the
// same). News states the event in the lead; sidebars, feeds and appended articles come later.
// Leads are sparse; the centre is dense over the vocabulary.
class EventCentre {
 public:
  using SparseVector = std::map<int64_t, double>;

  EventCentre(const TfidfMatrix& rows, const std::vector<Claim>& claims, size_t num_documents,
              size_t lead_claims)
      : lead_(num_documents), centre_(static_cast<size_t>(rows.cols()), 0.0) {
    std::vector<size_t> taken(num_documents, 0);
    for (int32_t r = 0; r < rows.rows(); ++r) {
      size_t doc = static_cast<size_t>(claims[static_cast<size_t>(r)].doc);
      if (taken[doc]++ >= lead_claims) continue;
      for (TfidfMatrix::InnerIterator it(rows, r); it; ++it) lead_[doc][it.col()] += it.value();
    }
    for (SparseVector& lead : lead_) {
      double norm = 0;
      for (const auto& [col, v] : lead) norm += v * v;
      if (norm == 0) continue;
      norm = std::sqrt(norm);
      for (auto& [col, v] : lead) {
        v /= norm;
        centre_[static_cast<size_t>(col)] += v;
      }
      ++documents_with_lead_;
    }
    for (double v : centre_) centre_norm2_ += v * v;
  }

  // Cosine of `vector` to the centre without document `doc`'s own lead (with it when it is
  // the only lead): |c - l|^2 = |c|^2 - 2 c.l + |l|^2, and |l| = 1.
  double CosineWithout(const SparseVector& vector, size_t doc) const {
    const SparseVector& own = lead_[doc];
    bool exclude = documents_with_lead_ > 1 && !own.empty();
    double dot = 0, norm2 = 0;
    for (const auto& [col, v] : vector) {
      double c = centre_[static_cast<size_t>(col)];
      if (exclude) {
        auto it = own.find(col);
        if (it != own.end()) c -= it->second;
      }
      dot += v * c;
      norm2 += v * v;
    }
    double centre2 = centre_norm2_;
    if (exclude) {
      double centre_dot_own = 0;
      for (const auto& [col, v] : own) centre_dot_own += centre_[static_cast<size_t>(col)] * v;
      centre2 += 1.0 - 2 * centre_dot_own;
    }
    return norm2 > 0 && centre2 > 1e-12 ? dot / std::sqrt(norm2 * centre2) : 0.0;
  }

 private:
  std::vector<SparseVector> lead_;
  std::vector<double> centre_;
  double centre_norm2_ = 0;
  size_t documents_with_lead_ = 0;
};

// Lines that open a page's sidebar: what follows is other stories.
constexpr std::string_view kSidebarMarkers[] = {
    "more from",      "most popular", "news feed",         "more news",   "editors' picks",
    "editors’ picks", "related",      "read more",         "recommended", "trending",
    "latest news",    "see also",     "you may also like", "top stories", "most read"};

bool IsSidebarMarker(std::string_view line) {
  std::string lower = NormalizeForMatching(line);
  for (std::string_view marker : kSidebarMarkers) {
    if (lower.starts_with(marker)) return true;
  }
  return false;
}

// Where each claim sits on its page.
struct Placement {
  int64_t block = 0;     // claims with equal (doc, block) form one block
  bool sidebar = false;  // after a sidebar marker ("More from ...", "Most popular")
};

// Blocks are runs of claims not separated by a removed line (heading, chrome, byline). A
// kept line ending with ':' introduces a list ("To quote the ISW's key takeaways:"): each
// following line is a block of its own until the next removed line. One pass over each
// document's lines in text order (claims are sorted by document and offset).
std::vector<Placement> PlaceClaims(const Corpus& corpus, const ClaimSet& set) {
  const std::vector<Claim>& claims = set.claims;
  std::vector<Placement> placement(claims.size());
  size_t i = 0;
  while (i < claims.size()) {
    const int32_t doc = claims[i].doc;
    const BoilerplateReport& report = set.boilerplate[static_cast<size_t>(doc)];
    const std::string& text = corpus.documents[static_cast<size_t>(doc)].text;
    size_t removed = 0, kept = 0;
    int64_t separators = 0, list_item = 0;
    bool in_list = false, sidebar = false;
    for (; i < claims.size() && claims[i].doc == doc; ++i) {
      const uint32_t begin = claims[i].span.begin;
      while (true) {
        bool next_removed =
            removed < report.removed.size() && report.removed[removed].span.end <= begin;
        bool next_kept = kept < report.kept.size() && report.kept[kept].end <= begin;
        if (!next_removed && !next_kept) break;
        if (next_removed &&
            (!next_kept || report.removed[removed].span.begin < report.kept[kept].begin)) {
          const Span& line = report.removed[removed++].span;
          ++separators;
          list_item = 0;
          in_list = false;
          sidebar |= IsSidebarMarker(std::string_view(text).substr(line.begin, line.size()));
        } else {
          const Span& line = report.kept[kept++];
          if (in_list) ++list_item;
          if (text[line.end - 1] == ':') in_list = true;
        }
      }
      placement[i] = {separators * 1000003 + list_item, sidebar};
    }
  }
  return placement;
}

bool EndsTruncated(std::string_view text) {
  return text.ends_with("\xE2\x80\xA6") || text.ends_with("...");
}

// The sum of a set of rows, as a sparse vector.
EventCentre::SparseVector SumRows(const TfidfMatrix& rows, const std::vector<int32_t>& members) {
  EventCentre::SparseVector sum;
  for (int32_t r : members) {
    for (TfidfMatrix::InnerIterator it(rows, r); it; ++it) sum[it.col()] += it.value();
  }
  return sum;
}

// Off-event claims, decided per block of a page (single sentences are too short for a
// lexical decision): a document's first block is its lead and on-event; blocks after a
// sidebar marker, and teaser blocks cut off with an ellipsis, are off-event; another block is
// off-event when its cosine to the centre of the other documents' leads is below the
// threshold. A claim of an off-event block is rescued when an edge of weight >=
// rescue_threshold ties it to an on-event claim of another document (a quoted aside that restates
// the event, such as ISW's takeaway on the call).
void MarkOffEvent(const TfidfMatrix& rows, const ClaimSet& set,
                  const std::vector<Placement>& placement, const EventCentre& centre,
                  const AnalysisOptions& options, EventAnalysis* event) {
  const std::vector<Claim>& claims = set.claims;
  event->off_event.assign(claims.size(), false);
  event->centrality.assign(claims.size(), 0.0f);
  std::map<std::pair<int32_t, int64_t>, std::vector<int32_t>> blocks;  // (doc, block) -> claims
  for (size_t i = 0; i < claims.size(); ++i) {
    blocks[{claims[i].doc, placement[i].block}].push_back(static_cast<int32_t>(i));
  }
  int32_t current_doc = -1;
  for (const auto& [key, members] : blocks) {
    bool first = key.first != current_doc;
    current_doc = key.first;
    double cosine = centre.CosineWithout(SumRows(rows, members), static_cast<size_t>(key.first));
    bool off = !first && (placement[static_cast<size_t>(members.front())].sidebar ||
                          EndsTruncated(claims[static_cast<size_t>(members.back())].text) ||
                          cosine < options.off_event_threshold);
    for (int32_t c : members) {
      event->centrality[static_cast<size_t>(c)] = static_cast<float>(cosine);
      event->off_event[static_cast<size_t>(c)] = off;
    }
  }
  std::vector<bool> rescued(claims.size(), false);
  for (const ClaimEdge& e : event->edges) {
    if (std::max(e.cosine, e.jaccard) < options.rescue_threshold) continue;
    bool off_a = event->off_event[static_cast<size_t>(e.a)];
    bool off_b = event->off_event[static_cast<size_t>(e.b)];
    if (off_a && !off_b) rescued[static_cast<size_t>(e.a)] = true;
    if (off_b && !off_a) rescued[static_cast<size_t>(e.b)] = true;
  }
  for (size_t i = 0; i < claims.size(); ++i) {
    if (rescued[i]) event->off_event[i] = false;
  }
}

// A claim's word 3-grams as a sorted set of hashes (a ShingleSet) (one hash of all its words when
// it is shorter): word order counts, so a sentence rewritten in other order is a paraphrase, not a
// copy.
std::vector<uint64_t> TrigramHashes(const Claim& c) {
  std::vector<uint64_t> out;
  std::hash<std::string_view> hash;
  auto mix = [](uint64_t h, uint64_t v) { return (h ^ v) * 0x9E3779B97F4A7C15ull; };
  for (size_t i = 0; i + 2 < c.tokens.size(); ++i) {
    out.push_back(mix(mix(hash(c.tokens[i]), hash(c.tokens[i + 1])), hash(c.tokens[i + 2])));
  }
  if (out.empty() && !c.tokens.empty()) {
    uint64_t h = 0;
    for (const std::string& t : c.tokens) h = mix(h, hash(t));
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A copy: the two claims lie in one aligned passage of a text-reuse derivation, or one
// sentence is reprinted nearly word for word (word 3-gram Jaccard >= copy_threshold: a few
// sentences reprinted in an otherwise independent article, too few for a reuse pair).
bool IsCopy(const ClaimEdge& e, const ReuseLinks& reuse, double copy_threshold) {
  return reuse.copied.count({e.a, e.b}) > 0 || e.jaccard >= copy_threshold;
}

std::vector<ClaimEdge> BuildEdges(const Corpus& corpus, const TfidfMatrix& rows,
                                  const TfidfVectorizer& vectorizer,
                                  const std::vector<CosinePair>& pairs,
                                  const std::vector<Claim>& claims, const ReuseLinks& reuse,
                                  const AnalysisOptions& options) {
  std::vector<std::vector<uint64_t>> trigrams(claims.size());
  tbb::parallel_for(size_t{0}, claims.size(),
                    [&](size_t i) { trigrams[i] = TrigramHashes(claims[i]); });
  // Each edge is computed on its own and written to its own slot: the result does not depend
  // on the thread count.
  std::vector<ClaimEdge> edges(pairs.size());
  std::vector<char> keep(pairs.size(), 1);
  tbb::parallel_for(size_t{0}, pairs.size(), [&](size_t k) {
    const CosinePair& p = pairs[k];
    const Claim& a = claims[static_cast<size_t>(p.a)];
    const Claim& b = claims[static_cast<size_t>(p.b)];
    // Same event first: a claim about March 2023 is not the 2025 call, however many words
    // the two sentences share.
    if (!SameTimeFrame(a, corpus.documents[static_cast<size_t>(a.doc)].published, b,
                       corpus.documents[static_cast<size_t>(b.doc)].published)) {
      keep[k] = 0;
      return;
    }
    ClaimEdge& edge = edges[k];
    edge.a = p.a;
    edge.b = p.b;
    edge.cosine = p.cosine;
    edge.jaccard = static_cast<float>(
        Jaccard(trigrams[static_cast<size_t>(p.a)], trigrams[static_cast<size_t>(p.b)]));
    edge.kind = IsCopy(edge, reuse, options.copy_threshold) ? EdgeKind::kCopy : EdgeKind::kOverlap;
    edge.divergences = FindDivergences(a, b, options.divergence);
    if (!edge.divergences.empty()) edge.kind = EdgeKind::kConflict;
    for (const TermContribution& t : TopContributions(rows, p.a, p.b, 5)) {
      edge.terms.emplace_back(vectorizer.Term(t.feature), t.contribution);
    }
  });
  std::vector<ClaimEdge> kept;
  kept.reserve(edges.size());
  for (size_t k = 0; k < edges.size(); ++k) {
    if (keep[k]) kept.push_back(std::move(edges[k]));
  }
  return kept;
}

// A copy edge between two claims that print the same quotation: both outlets quote the
// speaker (a shared quotation), which is not one outlet copying the other. The quotation
// must make up at least half of the shorter claim's words.
//
// Also when only one claim marks the words as a quotation and its document is the earlier
// (an outlet printing a speaker's words without the marks): the words are the speaker's. When
// the earlier document prints them as its own text and the later one quotes them, the later
// outlet reprints the earlier one's reporting: a copy. And when the words around the
// quotations are the same too ("It said something could evolve "..."" in two outlets), the
// reporter's sentence itself was copied (a wire story).
uint32_t QuotedBytes(const Claim& c) {
  uint32_t bytes = 0;
  for (const Span& q : c.quotes) bytes += q.size();
  return bytes;
}

std::vector<std::string> WordsOutsideQuotes(const Claim& c) {
  std::string outside;
  uint32_t at = c.span.begin;
  for (const Span& q : c.quotes) {
    if (q.begin > at) outside += c.text.substr(at - c.span.begin, q.begin - at) + " ";
    at = std::max(at, q.end);
  }
  if (at < c.span.end) outside += c.text.substr(at - c.span.begin);
  return NormalizedTokens(outside);
}

bool IsSharedQuotation(const Claim& a, const Claim& b, const Corpus& corpus) {
  size_t shorter = std::min(a.tokens.size(), b.tokens.size());
  std::optional<SharedQuote> q = FindSharedQuote(a, b);
  if (q && 2 * static_cast<size_t>(q->words) >= shorter) {
    std::vector<std::string> wa = WordsOutsideQuotes(a), wb = WordsOutsideQuotes(b);
    return !(wa.size() >= 3 && wa == wb);
  }
  auto mostly_quoted = [&](const Claim& c) {
    return 2 * QuotedBytes(c) >= c.span.size() ||
           ReprintIntroduction(c, corpus.documents[static_cast<size_t>(c.doc)]).has_value();
  };
  if (mostly_quoted(a) && mostly_quoted(b)) return true;  // both print the author's words
  bool a_first = !PublishedBefore(corpus.documents, static_cast<uint32_t>(b.doc),
                                  static_cast<uint32_t>(a.doc));
  bool b_first = !PublishedBefore(corpus.documents, static_cast<uint32_t>(a.doc),
                                  static_cast<uint32_t>(b.doc));
  return (mostly_quoted(a) && a_first) || (mostly_quoted(b) && b_first);
}

// Documents that count as one source within a cluster: same named outlet, or a derived
// document and its source (cluster/reuse_links.h).
class SourceSets {
 public:
  explicit SourceSets(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Union(size_t a, size_t b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<size_t> parent_;
};

void AddSpeaker(const std::string& speaker, std::vector<std::string>* speakers) {
  std::string key = SpeakerKey(speaker);
  for (std::string& known : *speakers) {
    if (SpeakerKey(known) != key) continue;
    if (speaker.size() > known.size()) known = speaker;  // keep the fullest spelling
    return;
  }
  speakers->push_back(speaker);
}

// Whether the two claims of an edge give another date or amount without a divergence sure
// enough to show: "met Sunday" and "Thursday's meeting" are two meetings (or a conflict too
// unsure to show), never one fact told twice. A confident one still joins the claims, so that
// their cluster is shown divergent.
bool DetailsDisagree(const ClaimEdge& e, double min_confidence) {
  return std::any_of(e.divergences.begin(), e.divergences.end(), [&](const Divergence& d) {
    return (d.kind == DivergenceKind::kDate || d.kind == DivergenceKind::kNumber) &&
           d.confidence < min_confidence;
  });
}

// What, besides its scores, tells whether an edge's claims state one fact (AnchoredEdges).
enum Anchor : char {
  kNoAnchor = 0,
  kSharedDetail = 1,     // a shared specific detail or named speaker
  kBothLeads = 2,        // both claims lead their articles
  kOtherQuotations = 3,  // each quotes words the other does not: two statements
  kOtherSpeakers = 4,    // given to two different speakers (OtherSpeakers)
  // One speaker and nothing else in common (OnlyTheSpeakerInCommon): two of his statements,
  // however high the same-fact score the speaker's name gives them ("X, the president of the
  // association, said the vote was no label" / "“We believe in ...,” the association's
  // president X said"; BASIL dev audit). Leads are left out: they name the event in few words.
  kSpeakerOnly = 5,
};

// Two claims deep in their articles that share at most two words ("conversation", "back";
// "suffering") are two remarks of one topic unless their same-fact score says more: a higher
// bar for them, set on the BASIL dev audit (docs/quality.md). Two leads keep their own bar:
// short leads and headlines name the event in few words (Emergent headlines).
// `ClaimEdge::terms` lists the shared words (up to 5).
constexpr size_t kFewSharedWords = 2;
constexpr double kFewWordsFactBar = 0.5;

// An edge between claims that state one fact: a copy, or an overlap whose same-fact score
// reaches the threshold (the lower one when anchored: both claims lead their articles, or
// they share a specific detail). `anchored` is decided once per edge (AnchoredEdges).
bool SameFact(const ClaimEdge& e, char anchored, const AnalysisOptions& options) {
  if (e.kind == EdgeKind::kCopy || e.jaccard >= options.copy_threshold) return true;
  if (anchored == kOtherQuotations || anchored == kOtherSpeakers || anchored == kSpeakerOnly) {
    return false;
  }
  double bar = anchored == kBothLeads      ? options.fact_threshold_leads
               : anchored == kSharedDetail ? options.fact_threshold_anchored
                                           : options.fact_threshold;
  if (anchored != kBothLeads && e.terms.size() <= kFewSharedWords) {
    bar = std::max(bar, kFewWordsFactBar);
  }
  return !DetailsDisagree(e, options.min_divergence_confidence) && e.fact >= bar;
}

// The content words of a claim's quotations (stop words left out), cut to their first five
// letters so that inflections match ("solvent", "solvency").
std::set<std::string> QuotedContentWords(const Claim& c) {
  std::set<std::string> words;
  for (const Span& q : c.quotes) {
    if (q.begin < c.span.begin || q.end > c.span.end) continue;
    for (std::string& w : NormalizedTokens(c.text.substr(q.begin - c.span.begin, q.size()))) {
      if (!IsEnglishStopWord(w)) words.insert(w.substr(0, 5));
    }
  }
  return words;
}

// Two claims that each quote at least two content words, none of them shared: two
// statements, however close the words around them ("told Fox News that it needs 'a package
// of adjustments'" and "said on CNN that 'there was some miscommunication'", one speaker).
bool QuoteOtherWords(const Claim& a, const Claim& b) {
  std::set<std::string> wa = QuotedContentWords(a), wb = QuotedContentWords(b);
  if (wa.size() < 2 || wb.size() < 2) return false;
  return std::none_of(wa.begin(), wa.end(), [&](const std::string& w) { return wb.count(w); });
}

// The capitalised words of a speaker's name, lower-cased, titles left out ("Mr.", "Sen.",
// "President"), apostrophes made straight and a possessive "'s" dropped: "Terry O’Neill" and
// "National Organization for Women President Terry O'Neill" share "terry" and "o'neill".
std::set<std::string> NameWords(std::string_view speaker) {
  static constexpr std::string_view kTitles[] = {
      "mr",      "mrs",   "ms", "dr",        "sen",     "rep",
      "gov",     "the",   "of", "president", "senator", "representative",
      "justice", "father"};
  std::string name;
  for (size_t i = 0; i < speaker.size(); ++i) {
    if (speaker.substr(i).starts_with("\xE2\x80\x99")) {
      name += '\'';
      i += 2;
    } else {
      name += speaker[i];
    }
  }
  std::set<std::string> words;
  size_t start = 0;
  while (start < name.size()) {
    size_t end = std::min(name.find(' ', start), name.size());
    std::string w = name.substr(start, end - start);
    start = end + 1;
    if (w.ends_with("'s")) w.resize(w.size() - 2);
    while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
    if (w.empty() || !std::isupper(static_cast<unsigned char>(w[0]))) continue;
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(std::begin(kTitles), std::end(kTitles), w) == std::end(kTitles)) words.insert(w);
  }
  return words;
}

// Words of an institution's name: an office or a body speaks through many people, and one
// outlet's "the White House said" is another's "the administration said".
bool NamesAnInstitution(std::string_view speaker) {
  std::vector<std::string> words = NormalizedTokens(speaker);
  static constexpr std::string_view kBodies[] = {
      "house",     "news",      "journal",     "times",      "post",     "party",
      "committee", "council",   "court",       "department", "office",   "agency",
      "ministry",  "kremlin",   "association", "union",      "campaign", "administration",
      "coalition", "institute", "government"};
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return std::find(std::begin(kBodies), std::end(kBodies), w) != std::end(kBodies);
  });
}

// The speaker a claim's own sentence names outside its quotations ("“I told President X
// that ...”" names no speaker), when it names someone.
std::optional<std::string> SentenceSpeaker(const Claim& c) {
  if (!c.attribution || !NamesSomeone(*c.attribution)) return std::nullopt;
  size_t at = c.text.find(*c.attribution);
  if (at == std::string::npos) return std::nullopt;
  uint32_t begin = c.span.begin + static_cast<uint32_t>(at);
  for (const Span& q : c.quotes) {
    if (q.begin <= begin && begin < q.end) return std::nullopt;
  }
  return c.attribution;
}

// Two claims whose sentences give them to two different speakers, one of them a person ("Some
// leading Democrats said ..." / "Burton said ..."), and that print no quotation in common: two
// statements, however close their words. (The same quotation given to two speakers is a
// `quote` divergence, cluster/divergence.h, and joins.) Institutions are left out: "the White
// House said" and "the Obama administration said" relay one office.
bool OtherSpeakers(const Claim& a, const Claim& b) {
  std::optional<std::string> sa = SentenceSpeaker(a), sb = SentenceSpeaker(b);
  if (!sa || !sb) return false;
  std::set<std::string> wa = NameWords(*sa), wb = NameWords(*sb);
  if (wa.empty() || wb.empty() || (NamesAnInstitution(*sa) && NamesAnInstitution(*sb))) {
    return false;
  }
  if (std::any_of(wa.begin(), wa.end(), [&](const std::string& w) { return wb.count(w); })) {
    return false;
  }
  std::set<std::string> qa = QuotedContentWords(a), qb = QuotedContentWords(b);
  size_t shared =
      std::count_if(qa.begin(), qa.end(), [&](const std::string& w) { return qb.count(w); });
  return shared < 2 && !FindSharedQuote(a, b);
}

// The named speaker a claim relays (its sentence's or paragraph's attribution), as a key.
std::string SpeakerAnchor(const Claim& c) {
  for (const std::optional<std::string>* s : {&c.attribution, &c.context_attribution}) {
    if (*s && NamesSomeone(**s)) return SpeakerKey(**s);
  }
  return "";
}

std::vector<char> AnchoredEdges(const std::vector<ClaimEdge>& edges,
                                const std::vector<Claim>& claims, size_t lead_claims) {
  std::vector<size_t> rank(claims.size(), 0);
  std::vector<std::string> speaker(claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    if (i > 0 && claims[i].doc == claims[i - 1].doc) rank[i] = rank[i - 1] + 1;
    speaker[i] = SpeakerAnchor(claims[i]);
  }
  std::vector<char> anchored(edges.size(), 0);
  for (size_t k = 0; k < edges.size(); ++k) {
    size_t a = static_cast<size_t>(edges[k].a), b = static_cast<size_t>(edges[k].b);
    bool dates_conflict =
        std::any_of(edges[k].divergences.begin(), edges[k].divergences.end(),
                    [](const Divergence& d) { return d.kind == DivergenceKind::kDate; });
    bool same_speaker = !speaker[a].empty() && speaker[a] == speaker[b];
    if (QuoteOtherWords(claims[a], claims[b])) {
      anchored[k] = kOtherQuotations;
    } else if (OtherSpeakers(claims[a], claims[b])) {
      anchored[k] = kOtherSpeakers;
    } else if (dates_conflict) {
      continue;  // two leads on two days are two actions
    } else if (rank[a] < lead_claims && rank[b] < lead_claims) {
      anchored[k] = kBothLeads;
    } else if (same_speaker && OnlyTheSpeakerInCommon(claims[a], claims[b])) {
      anchored[k] = kSpeakerOnly;
    } else if (same_speaker || SharesSpecifics(claims[a], claims[b])) {
      anchored[k] = kSharedDetail;
    }
  }
  return anchored;
}

// An article states a fact once, or restates it: a claim of one outlet that resembles two
// claims of another article states the fact of the one it fits best, not the other (the
// Supreme Court "appears ready to block the lawsuit" beside "appeared closely divided" when
// the other outlet's lead also says the case "may soon be dismissed"). An edge whose same-fact
// score falls below `kBestPartnerShare` of the best score one of its claims reaches with a
// claim of the other's document joins nothing, even when that best pair is itself too weak to
// join (the claim's counterpart is elsewhere), unless the two claims of that document restate
// one dated event (the same day named in both, and their own same-fact score reaches the
// threshold: "held a telephone conversation on 21 January" and, further down, "held a phone
// call on 21 January"). Without the date, one document's two close sentences are mostly two
// lines of one speech ("I think that is a phony ideal." / "It's about some phony ideal.").
// Kept: copies (the words themselves were reprinted) and edges with a divergence sure enough to
// show (the conflict is the finding). Only in articles, documents of more claims than a lead:
// a headline's two sentences are both its lead (on Emergent headlines, pairwise F1 fell from
// 0.657 to 0.651 with them). Set on the BASIL dev audit (docs/quality.md).
constexpr double kBestPartnerShare = 0.9;

bool ShowsDivergence(const ClaimEdge& e, double min_confidence) {
  return std::any_of(e.divergences.begin(), e.divergences.end(),
                     [&](const Divergence& d) { return d.confidence >= min_confidence; });
}

struct Dominated {
  size_t edge;
  std::pair<int32_t, int32_t> rivals;  // the edge's claim and the claim of its document
                                       // that the other claim fits better
};

// The joining edges that a better partner of one of their claims dominates.
std::vector<Dominated> DominatedEdges(const std::vector<ClaimEdge>& edges,
                                      const std::vector<Claim>& claims, double min_confidence,
                                      size_t lead_claims, const std::vector<char>& joins) {
  std::map<int32_t, size_t> claims_of;  // document -> its claim count
  for (const Claim& c : claims) ++claims_of[c.doc];
  // (claim, other document) -> (best score, the claim of that document reaching it)
  std::map<std::pair<int32_t, int32_t>, std::pair<float, int32_t>> best;
  auto note = [&](int32_t claim, int32_t other, float fact) {
    auto& b = best[{claim, claims[static_cast<size_t>(other)].doc}];
    if (fact > b.first) b = {fact, other};
  };
  for (const ClaimEdge& e : edges) {
    note(e.a, e.b, e.fact);
    note(e.b, e.a, e.fact);
  }
  std::vector<Dominated> out;
  for (size_t k = 0; k < edges.size(); ++k) {
    const ClaimEdge& e = edges[k];
    if (!joins[k] || e.kind == EdgeKind::kCopy || ShowsDivergence(e, min_confidence)) continue;
    // b's best partner in a's document, and a's in b's.
    for (auto [mine, other] : {std::pair{e.a, e.b}, std::pair{e.b, e.a}}) {
      const auto& [score, rival] = best[{other, claims[static_cast<size_t>(mine)].doc}];
      bool article = claims_of[claims[static_cast<size_t>(mine)].doc] > lead_claims;
      if (article && e.fact < kBestPartnerShare * score) {
        out.push_back({k, {mine, rival}});
        break;
      }
    }
  }
  return out;
}

// Whether the two claims name one calendar day ("21 January" in both).
bool NameTheSameDay(const Claim& a, const Claim& b) {
  return std::any_of(a.dates.begin(), a.dates.end(), [&](const DateMention& x) {
    return x.day != 0 && std::any_of(b.dates.begin(), b.dates.end(), [&](const DateMention& y) {
             return y.day == x.day && y.month == x.month;
           });
  });
}

void DropDominatedEdges(const std::vector<ClaimEdge>& edges, const std::vector<Claim>& claims,
                        const AnalysisOptions& options, std::vector<char>* joins) {
  std::vector<Dominated> dated;  // whose rivals name one day: scored before they are dropped
  for (const Dominated& d : DominatedEdges(edges, claims, options.min_divergence_confidence,
                                           options.lead_claims, *joins)) {
    if (NameTheSameDay(claims[static_cast<size_t>(d.rivals.first)],
                       claims[static_cast<size_t>(d.rivals.second)])) {
      dated.push_back(d);
    } else {
      (*joins)[d.edge] = 0;
    }
  }
  std::vector<std::pair<int32_t, int32_t>> rivals;
  for (const Dominated& d : dated) rivals.push_back(d.rivals);
  std::vector<float> restated =
      SameFactScores(claims, rivals, options.wordnet_dir, options.threads);
  for (size_t i = 0; i < dated.size(); ++i) {
    if (restated[i] < options.fact_threshold) (*joins)[dated[i].edge] = 0;
  }
}

// Average-link clustering leaves pairs of one document out of its averages, so a
// document's second claim joins a cluster on its resemblance to the other documents' claims
// alone: a speaker's other statement, close in words to another outlet's quotation of the
// first ("If he tells you how to use it, you have no discretion" beside "managers are told
// how to use that discretion"). Among the claims of one document in one cluster, each must
// come near the best of them in its best same-fact score to another document's claim (at
// least `kSameDocumentFit` of it); the others leave the cluster, each alone.
constexpr double kSameDocumentFit = 0.85;

double BestFitToOtherDocuments(int32_t id, const std::vector<int32_t>& cluster,
                               const std::vector<Claim>& claims,
                               const std::map<std::pair<int32_t, int32_t>, float>& fact) {
  double best = 0;
  for (int32_t m : cluster) {
    if (claims[static_cast<size_t>(m)].doc == claims[static_cast<size_t>(id)].doc) continue;
    auto it = fact.find(std::minmax(id, m));
    if (it != fact.end()) best = std::max(best, static_cast<double>(it->second));
  }
  return best;
}

void SeparateWeakSameDocumentClaims(const std::vector<Claim>& claims,
                                    const std::vector<ClaimEdge>& edges,
                                    std::vector<int32_t>* label) {
  std::map<std::pair<int32_t, int32_t>, float> fact;
  for (const ClaimEdge& e : edges) fact[std::minmax(e.a, e.b)] = e.fact;
  std::map<int32_t, std::vector<int32_t>> members;
  for (size_t i = 0; i < claims.size(); ++i)
    members[(*label)[i]].push_back(static_cast<int32_t>(i));
  int32_t next_label = members.empty() ? 0 : members.rbegin()->first + 1;
  for (const auto& [cluster_label, cluster] : members) {
    std::map<int32_t, std::vector<std::pair<double, int32_t>>> by_doc;  // doc -> (fit, claim)
    for (int32_t id : cluster) {
      by_doc[claims[static_cast<size_t>(id)].doc].emplace_back(
          BestFitToOtherDocuments(id, cluster, claims, fact), id);
    }
    for (const auto& [doc, fits] : by_doc) {
      if (fits.size() < 2) continue;
      double top = std::max_element(fits.begin(), fits.end())->first;
      for (const auto& [fit, id] : fits) {
        if (fit < kSameDocumentFit * top) (*label)[static_cast<size_t>(id)] = next_label++;
      }
    }
  }
  // Numbered again by smallest member, as AverageLinkClusters numbers them.
  std::map<int32_t, int32_t> renumber;
  for (int32_t& l : *label)
    l = renumber.emplace(l, static_cast<int32_t>(renumber.size())).first->second;
}

// Records the quotation two claims of the cluster share (the first found): its words as
// the first claim prints them, and its speaker.
void NoteQuotation(const Claim& a, const Claim& b, const Corpus& corpus, ClaimCluster* cluster) {
  if (!cluster->quotation.empty()) return;
  std::optional<SharedQuote> q = FindSharedQuote(a, b);
  if (!q) return;
  cluster->quotation = a.text.substr(q->a.begin - a.span.begin, q->a.size());
  for (const Claim* c : {&a, &b}) {
    std::optional<std::string> speaker =
        UpstreamOf(*c, corpus.documents[static_cast<size_t>(c->doc)]);
    if (speaker && cluster->quotation_speaker.empty()) cluster->quotation_speaker = *speaker;
  }
}

ClaimCluster DescribeCluster(const Corpus& corpus, const std::vector<Claim>& claims,
                             const std::vector<const ClaimEdge*>& edges, const ReuseLinks& reuse,
                             double copy_threshold, double min_confidence,
                             std::vector<int32_t> members) {
  ClaimCluster cluster;
  std::sort(members.begin(), members.end());
  cluster.claims = members;
  std::set<int32_t> docs;
  for (int32_t c : members) docs.insert(claims[static_cast<size_t>(c)].doc);
  cluster.documents.assign(docs.begin(), docs.end());
  // Sources: index by position in cluster.documents.
  std::map<int32_t, size_t> position;
  for (size_t i = 0; i < cluster.documents.size(); ++i) position[cluster.documents[i]] = i;
  SourceSets sources(cluster.documents.size());
  std::map<std::string, size_t> outlet_first;
  for (size_t i = 0; i < cluster.documents.size(); ++i) {
    const std::string& outlet = corpus.documents[static_cast<size_t>(cluster.documents[i])].outlet;
    if (std::find(cluster.outlets.begin(), cluster.outlets.end(), outlet) ==
        cluster.outlets.end()) {
      cluster.outlets.push_back(outlet);
    }
    if (outlet == kUnknownOutlet) continue;
    auto [it, inserted] = outlet_first.emplace(outlet, i);
    if (!inserted) sources.Union(i, it->second);
  }
  for (size_t i = 0; i < cluster.documents.size(); ++i) {  // a derived document and its source
    for (size_t j = 0; j < i; ++j) {
      if (reuse.SameSource(cluster.documents[i], cluster.documents[j])) sources.Union(i, j);
    }
  }
  bool has_copy = false;
  for (const ClaimEdge* edge : edges) {
    const ClaimEdge& e = *edge;
    const Claim& ca = claims[static_cast<size_t>(e.a)];
    const Claim& cb = claims[static_cast<size_t>(e.b)];
    size_t da = position[ca.doc];
    size_t db = position[cb.doc];
    bool copy_edge = IsCopy(e, reuse, copy_threshold);  // also when the claims conflict
    if (copy_edge && IsSharedQuotation(ca, cb, corpus)) {
      NoteQuotation(ca, cb, corpus, &cluster);  // quoted by both, not copied
    } else if (copy_edge) {
      sources.Union(da, db);
      has_copy = true;
    } else if (cluster.quotation.empty() && IsSharedQuotation(ca, cb, corpus)) {
      NoteQuotation(ca, cb, corpus, &cluster);
    }
    for (const Divergence& d : e.divergences) cluster.divergences.push_back({e.a, e.b, d});
  }
  std::set<size_t> roots;
  for (size_t i = 0; i < cluster.documents.size(); ++i) roots.insert(sources.Find(i));
  cluster.independent_sources = static_cast<int32_t>(roots.size());
  cluster.origin = reuse.Origin(corpus.documents, cluster.documents);
  std::vector<int32_t> source_of;
  for (int32_t c : members) {
    const Claim& claim = claims[static_cast<size_t>(c)];
    if (claim.attribution) AddSpeaker(*claim.attribution, &cluster.speakers);
    source_of.push_back(static_cast<int32_t>(sources.Find(position[claim.doc])));
  }
  UpstreamSummary upstream = SummarizeUpstream(corpus, claims, members, source_of);
  cluster.upstream_sources = upstream.count;
  cluster.upstream = std::move(upstream.named);
  bool confident = std::any_of(
      cluster.divergences.begin(), cluster.divergences.end(),
      [&](const ClusterDivergence& d) { return d.detail.confidence >= min_confidence; });
  if (confident) {
    cluster.label = ClusterLabel::kDivergent;
  } else if (cluster.documents.size() > 1 && cluster.independent_sources == 1 && has_copy) {
    cluster.label = ClusterLabel::kCopied;
  } else if (cluster.independent_sources >= 2) {
    cluster.label = ClusterLabel::kCorroborated;
  } else {
    cluster.label = ClusterLabel::kSingleSource;
  }
  return cluster;
}

// An edge's weight in the claim clustering: the best of its lexical scores and its same-fact
// score (a paraphrased headline shares few words with another but states the same fact). Every
// edge counts in the averages; only the edges that pass the same-fact rules (`joins`) can start
// a merge. Counting only the joining edges, the other pairs weigh 0: the demo's leads then
// merge without 004's ("video call"), whose three joining edges to them average below the
// threshold over the five cross pairs, though the other two pairs have edges the rules dropped.
// With --merge-on-same-fact (AnalysisOptions::merge_on_same_fact), and between the claims of
// standalone documents (StandaloneClaims); set on the Emergent dev part (docs/quality.md).
WeightedEdge MergeWeight(const ClaimEdge& e, bool joins) {
  return {e.a, e.b, std::max({e.cosine, e.jaccard, e.fact}), joins};
}

// Whether the text holds one line, surrounding white space aside.
bool OneLine(std::string_view text) {
  constexpr std::string_view kSpaces = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpaces);
  if (first == text.npos) return true;
  return text.substr(first, text.find_last_not_of(kSpaces) - first).find('\n') == text.npos;
}

// Per claim: whether its document is standalone, one line of at most `max_claims` claims (a
// headline, a feed item). Such a claim is all its document says, so a paraphrase of it by
// another standalone document states its fact; a sentence of a full article is one of many on
// the topic, where a same-fact score that high joins different facts (the BASIL audit).
std::vector<char> StandaloneClaims(const Corpus& corpus, const std::vector<Claim>& claims,
                                   size_t max_claims) {
  std::vector<size_t> claims_of(corpus.documents.size());
  for (const Claim& c : claims) ++claims_of[static_cast<size_t>(c.doc)];
  std::vector<char> standalone;
  standalone.reserve(claims.size());
  for (const Claim& c : claims) {
    const size_t doc = static_cast<size_t>(c.doc);
    standalone.push_back(claims_of[doc] <= max_claims && OneLine(corpus.documents[doc].text));
  }
  return standalone;
}

Result<TfidfVectorizer> MakeVectorizer(const AnalysisOptions& options, const TokenLists& tokens,
                                       const DocumentFrequencies* frequencies, TfidfMatrix* rows) {
  TfidfOptions tfidf = options.tfidf;
  tfidf.threads = options.threads;
  Result<TfidfVectorizer> vectorizer = TfidfVectorizer::Create(tfidf);
  if (!vectorizer.ok()) return vectorizer.status();
  if (options.background_idf.empty() && frequencies != nullptr) {
    vectorizer->FitCounts(*frequencies);
    *rows = vectorizer->Transform(tokens);
  } else if (options.background_idf.empty()) {
    *rows = vectorizer->FitTransform(tokens);
  } else {
    Status loaded = vectorizer->LoadIdf(options.background_idf);
    if (!loaded.ok()) return loaded;
    *rows = vectorizer->Transform(tokens);
  }
  return vectorizer;
}

}  // namespace

std::string_view EdgeKindName(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kOverlap:
      return "overlap";
    case EdgeKind::kCopy:
      return "copy";
    case EdgeKind::kConflict:
      return "conflict";
  }
  return "overlap";
}

std::string_view ClusterLabelName(ClusterLabel label) {
  switch (label) {
    case ClusterLabel::kDivergent:
      return "divergent";
    case ClusterLabel::kCopied:
      return "copied";
    case ClusterLabel::kCorroborated:
      return "corroborated";
    case ClusterLabel::kSingleSource:
      return "single_source";
  }
  return "single_source";
}

std::string SpeakerKey(std::string_view speaker) {
  std::string s(speaker);
  for (std::string_view suffix : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
    if (s.ends_with(suffix)) s.resize(s.size() - suffix.size());
  }
  bool all_capitalised = true;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = std::min(s.find(' ', start), s.size());
    if (end > start && !std::isupper(static_cast<unsigned char>(s[start]))) all_capitalised = false;
    start = end + 1;
  }
  std::string key =
      all_capitalised ? s.substr(s.rfind(' ') == std::string::npos ? 0 : s.rfind(' ') + 1) : s;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (key.starts_with("the ")) key.erase(0, 4);
  return key;
}

Status AnalysisOptions::Validate() const {
  for (auto [value, name] : {std::pair{overlap_threshold, "overlap_threshold"},
                             std::pair{cluster_threshold, "cluster_threshold"},
                             std::pair{fact_threshold, "fact_threshold"},
                             std::pair{fact_threshold_anchored, "fact_threshold_anchored"},
                             std::pair{fact_threshold_leads, "fact_threshold_leads"},
                             std::pair{copy_threshold, "copy_threshold"},
                             std::pair{rescue_threshold, "rescue_threshold"}}) {
    Status s = CheckUnit(value, name, false);
    if (!s.ok()) return s;
  }
  Status s = CheckUnit(off_event_threshold, "off_event_threshold", true);
  if (!s.ok()) return s;
  s = CheckUnit(min_divergence_confidence, "min_divergence_confidence", true);
  if (!s.ok()) return s;
  if (max_partners < 0) {
    return InvalidArgument(
        fmt::format("AnalysisOptions.max_partners must be >= 0 (got {})", max_partners));
  }
  if (threads < 0)
    return InvalidArgument(fmt::format("AnalysisOptions.threads must be >= 0 (got {})", threads));
  s = divergence.Validate();
  if (!s.ok()) return s;
  return ValidateDedupOptions(dedup);
}

Result<EventAnalysis> AnalyzeEvent(const Corpus& corpus, const ClaimSet& claim_set,
                                   const AnalysisOptions& options) {
  return AnalyzeEvent(corpus, claim_set, options, PrecomputedStages());
}

Result<EventAnalysis> AnalyzeEvent(const Corpus& corpus, const ClaimSet& claim_set,
                                   const AnalysisOptions& options,
                                   const PrecomputedStages& precomputed) {
  Status valid = options.Validate();
  if (!valid.ok()) return valid;
  const std::vector<Claim>& claims = claim_set.claims;
  EventAnalysis event;
  StageTimer timer(&event.timings);

  TokenLists tokens;
  tokens.reserve(claims.size());
  for (const Claim& c : claims) tokens.push_back(c.tokens);
  TfidfMatrix rows;
  Result<TfidfVectorizer> vectorizer =
      MakeVectorizer(options, tokens, precomputed.frequencies, &rows);
  if (!vectorizer.ok()) return vectorizer.status();
  timer.Lap("tfidf");

  if (precomputed.copies != nullptr) {
    event.copies = *precomputed.copies;
  } else {
    DedupOptions dedup = options.dedup;
    dedup.threads = static_cast<size_t>(options.threads);
    Result<DedupResult> copies = FindCopies(corpus.documents, dedup);
    if (!copies.ok()) return copies.status();
    event.copies = std::move(*copies);
  }
  timer.Lap("copies");
  ReuseOptions reuse_options;
  reuse_options.threads = static_cast<size_t>(options.threads);
  Result<ReuseResult> reuse = FindReuse(corpus.documents, reuse_options);
  if (!reuse.ok()) return reuse.status();
  event.reuse = std::move(*reuse);
  const ReuseLinks links = LinkReuse(corpus.documents, claims, event.reuse);
  timer.Lap("reuse");

  std::vector<int32_t> groups;
  for (const Claim& c : claims) groups.push_back(c.doc);
  AllPairsOptions pair_options;
  pair_options.threshold = options.overlap_threshold;
  pair_options.top_k = options.max_partners;
  pair_options.threads = options.threads;
  Result<std::vector<CosinePair>> pairs = AllPairsCosine(rows, groups, pair_options);
  if (!pairs.ok()) return pairs.status();
  event.edges = BuildEdges(corpus, rows, *vectorizer, *pairs, claims, links, options);
  std::vector<std::pair<int32_t, int32_t>> edge_pairs;
  edge_pairs.reserve(event.edges.size());
  for (const ClaimEdge& e : event.edges) edge_pairs.emplace_back(e.a, e.b);
  std::vector<float> facts =
      SameFactScores(claims, edge_pairs, options.wordnet_dir, options.threads);
  for (size_t k = 0; k < event.edges.size(); ++k) event.edges[k].fact = facts[k];
  timer.Lap("edges");

  MarkOffEvent(rows, claim_set, PlaceClaims(corpus, claim_set),
               EventCentre(rows, claims, corpus.documents.size(), options.lead_claims), options,
               &event);
  timer.Lap("off_event");

  std::vector<char> anchored = AnchoredEdges(event.edges, claims, options.lead_claims);
  std::vector<char> joins(event.edges.size());
  for (size_t k = 0; k < event.edges.size(); ++k) {
    joins[k] = SameFact(event.edges[k], anchored[k], options);
  }
  DropDominatedEdges(event.edges, claims, options, &joins);
  const std::vector<char> standalone =
      StandaloneClaims(corpus, claims, options.standalone_max_claims);
  std::vector<WeightedEdge> weighted;
  for (size_t k = 0; k < event.edges.size(); ++k) {
    const ClaimEdge& e = event.edges[k];
    const bool both_standalone =
        standalone[static_cast<size_t>(e.a)] && standalone[static_cast<size_t>(e.b)];
    if (!options.merge_on_same_fact && !both_standalone) {
      if (joins[k]) weighted.push_back({e.a, e.b, std::max(e.cosine, e.jaccard), true});
      continue;
    }
    // Off-event claims join no cluster: they neither count in the averages nor shift the
    // clusters' numbering.
    if (event.off_event[static_cast<size_t>(e.a)] || event.off_event[static_cast<size_t>(e.b)])
      continue;
    weighted.push_back(MergeWeight(e, joins[k]));
  }
  ClusteringOptions clustering;
  clustering.threshold = options.cluster_threshold;
  std::vector<int32_t> label =
      AverageLinkClusters(static_cast<int32_t>(claims.size()), weighted, groups, clustering);
  SeparateWeakSameDocumentClaims(claims, event.edges, &label);
  std::map<int32_t, std::vector<int32_t>> members;
  for (size_t i = 0; i < claims.size(); ++i) {
    if (!event.off_event[i]) members[label[i]].push_back(static_cast<int32_t>(i));
  }
  std::map<int32_t, std::vector<const ClaimEdge*>> inner_edges;  // by cluster label
  for (size_t k = 0; k < event.edges.size(); ++k) {
    const ClaimEdge& e = event.edges[k];
    size_t a = static_cast<size_t>(e.a), b = static_cast<size_t>(e.b);
    if (label[a] == label[b] && !event.off_event[a] && !event.off_event[b] && joins[k]) {
      inner_edges[label[a]].push_back(&e);
    }
  }
  for (auto& [cluster_label, list] : members) {
    event.clusters.push_back(DescribeCluster(corpus, claims, inner_edges[cluster_label], links,
                                             options.copy_threshold,
                                             options.min_divergence_confidence, std::move(list)));
    event.clusters.back().id = static_cast<int32_t>(event.clusters.size() - 1);
  }
  timer.Lap("clusters");
  return event;
}

}  // namespace crossclaim
