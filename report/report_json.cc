#include "report/report_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "cluster/reuse_links.h"
#include "report/claims_json.h"
#include "report/compact_defaults.h"

namespace crossclaim {
namespace {

using nlohmann::json;

const std::string& DocId(const Corpus& corpus, int32_t doc) {
  return corpus.documents[static_cast<size_t>(doc)].id;
}

json DivergenceJson(const ReportInputs& in, const ClusterDivergence& d) {
  const Claim& a = in.claims.claims[static_cast<size_t>(d.a)];
  const Claim& b = in.claims.claims[static_cast<size_t>(d.b)];
  const Document& doc_a = in.corpus.documents[static_cast<size_t>(a.doc)];
  const Document& doc_b = in.corpus.documents[static_cast<size_t>(b.doc)];
  return {{"kind", KindName(d.detail.kind)},
          {"a", d.a},
          {"b", d.b},
          {"a_text", d.detail.a_text},
          {"b_text", d.detail.b_text},
          {"a_start", d.detail.a_span.begin},
          {"a_end", d.detail.a_span.end},
          {"b_start", d.detail.b_span.begin},
          {"b_end", d.detail.b_span.end},
          {"a_doc", doc_a.id},
          {"b_doc", doc_b.id},
          {"a_outlet", doc_a.outlet},
          {"b_outlet", doc_b.outlet},
          {"explanation", d.detail.explanation},
          {"confidence", std::round(d.detail.confidence * 100) / 100},
          {"shown", d.detail.confidence >= in.options.min_divergence_confidence}};
}

// The short name of a document on a card: its outlet when named, else its id, with the
// source its text names ("Institute for the Study of War (ISW)" shortened to "ISW").
std::string DocLabel(const Document& doc) {
  std::string label = doc.outlet == kUnknownOutlet ? doc.id : doc.outlet + " " + doc.id;
  if (doc.source.empty()) return label;
  std::string source = doc.source;
  size_t open = source.rfind('(');
  if (open != std::string::npos && source.ends_with(")") && source.size() - open <= 12) {
    source = source.substr(open + 1, source.size() - open - 2);
  }
  return label + " (" + source + ")";
}

// One card per conflicting detail: divergences of one kind about one slot (a term's aspect;
// for other kinds the pair of values), with the claims grouped by the side they take
// ("telephone conversation, phone call" vs "video call"). Per cluster (`clusters` holds one),
// or for the whole event (`event_level`), where a term's aspect (how the leaders spoke) is one
// detail across clusters while numbers and dates stay within their cluster.
json CardsJson(const ReportInputs& in, const std::vector<const ClaimCluster*>& clusters,
               bool event_level) {
  struct Side {
    std::vector<std::string> texts;
    std::set<int32_t> claims;
    std::set<int32_t> docs;
  };
  struct Card {
    std::string kind, aspect;
    std::map<std::string, Side> sides;                // by side key
    std::vector<std::pair<int32_t, size_t>> members;  // (cluster id, divergence index)
    double confidence = 0;
  };
  std::vector<Card> cards;
  std::map<std::string, size_t> by_key;
  for (const ClaimCluster* cluster : clusters) {
    for (size_t i = 0; i < cluster->divergences.size(); ++i) {
      const ClusterDivergence& cd = cluster->divergences[i];
      const Divergence& d = cd.detail;
      auto norm = [](const std::string& t) { return NormalizeForMatching(t); };
      std::string ka = d.aspect.empty() ? norm(d.a_text) : std::to_string(d.a_member);
      std::string kb = d.aspect.empty() ? norm(d.b_text) : std::to_string(d.b_member);
      std::string slot = d.aspect.empty() ? std::min(ka, kb) + "\x1f" + std::max(ka, kb) : d.aspect;
      std::string key = std::string(KindName(d.kind)) + "\x1e" + slot;
      if (event_level && d.aspect.empty()) key += "\x1e" + std::to_string(cluster->id);
      auto [it, inserted] = by_key.emplace(key, cards.size());
      if (inserted) cards.push_back({std::string(KindName(d.kind)), d.aspect, {}, {}, 0});
      Card& card = cards[it->second];
      card.members.emplace_back(cluster->id, i);
      card.confidence = std::max(card.confidence, d.confidence);
      for (auto [side, text, claim] :
           {std::tuple{ka, d.a_text, cd.a}, std::tuple{kb, d.b_text, cd.b}}) {
        Side& s = card.sides[side];
        if (std::find(s.texts.begin(), s.texts.end(), text) == s.texts.end()) {
          s.texts.push_back(text);
        }
        s.claims.insert(claim);
        s.docs.insert(in.claims.claims[static_cast<size_t>(claim)].doc);
      }
    }
  }
  json out = json::array();
  for (const Card& card : cards) {
    json sides = json::array();
    std::vector<std::string> phrases;
    // Sides in order of their first document.
    std::vector<const Side*> ordered;
    for (const auto& [key, side] : card.sides) ordered.push_back(&side);
    std::sort(ordered.begin(), ordered.end(), [](const Side* x, const Side* y) {
      return std::tie(*x->docs.begin(), *x->claims.begin()) <
             std::tie(*y->docs.begin(), *y->claims.begin());
    });
    for (const Side* side : ordered) {
      json docs = json::array(), labels = json::array();
      for (int32_t d : side->docs) {
        const Document& doc = in.corpus.documents[static_cast<size_t>(d)];
        docs.push_back(doc.id);
        labels.push_back(DocLabel(doc));
      }
      std::string joined;
      for (const std::string& t : side->texts) joined += (joined.empty() ? "" : ", ") + t;
      phrases.push_back(joined);
      sides.push_back({{"texts", side->texts},
                       {"claims", std::vector<int32_t>(side->claims.begin(), side->claims.end())},
                       {"documents", docs},
                       {"labels", labels}});
    }
    std::string explanation;
    for (const std::string& p : phrases) explanation += (explanation.empty() ? "" : " vs ") + p;
    if (!card.aspect.empty()) explanation += " (" + card.aspect + ")";
    if (card.kind == "quote" && card.members.size() == 1) {
      for (const ClaimCluster* c : clusters) {
        if (c->id == card.members[0].first) {
          explanation = c->divergences[card.members[0].second].detail.explanation;
        }
      }
    }
    json members = json::array();
    for (const auto& [cluster, index] : card.members) {
      if (event_level) {
        members.push_back({{"cluster", cluster}, {"index", index}});
      } else {
        members.push_back(index);
      }
    }
    out.push_back({{"kind", card.kind},
                   {"aspect", card.aspect.empty() ? json(nullptr) : json(card.aspect)},
                   {"explanation", explanation},
                   {"confidence", std::round(card.confidence * 100) / 100},
                   {"shown", card.confidence >= in.options.min_divergence_confidence},
                   {"sides", sides},
                   {"divergences", members}});
  }
  return out;
}

json UpstreamJson(const ReportInputs& in, const ClaimCluster& cluster) {
  json out = json::array();
  for (const UpstreamSource& u : cluster.upstream) {
    json docs = json::array();
    for (int32_t d : u.documents) docs.push_back(DocId(in.corpus, d));
    out.push_back({{"name", u.name}, {"documents", docs}});
  }
  return out;
}

json ClusterJson(const ReportInputs& in, const ClaimCluster& cluster) {
  json docs = json::array();
  for (int32_t d : cluster.documents) docs.push_back(DocId(in.corpus, d));
  json divergences = json::array();
  for (const ClusterDivergence& d : cluster.divergences)
    divergences.push_back(DivergenceJson(in, d));
  return {{"id", cluster.id},
          {"label", ClusterLabelName(cluster.label)},
          {"claims", cluster.claims},
          {"documents", docs},
          {"outlets", cluster.outlets},
          {"independent_sources", cluster.independent_sources},
          {"upstream_sources", cluster.upstream_sources},
          {"upstream", UpstreamJson(in, cluster)},
          {"quotation", cluster.quotation.empty()
                            ? json(nullptr)
                            : json({{"text", cluster.quotation},
                                    {"speaker", cluster.quotation_speaker.empty()
                                                    ? json(nullptr)
                                                    : json(cluster.quotation_speaker)}})},
          {"origin", DocId(in.corpus, cluster.origin)},
          {"speakers", cluster.speakers},
          {"divergences", divergences},
          {"cards", CardsJson(in, {&cluster}, false)}};
}

json CopiesJson(const ReportInputs& in) {
  json out = json::array();
  for (const CopyPair& p : in.event.copies.pairs) {
    out.push_back({{"a", DocId(in.corpus, static_cast<int32_t>(p.a))},
                   {"b", DocId(in.corpus, static_cast<int32_t>(p.b))},
                   {"jaccard", p.jaccard},
                   {"estimate", p.estimate},
                   {"origin", DocId(in.corpus, static_cast<int32_t>(p.a))},
                   {"a_start", p.span_a.begin},
                   {"a_end", p.span_a.end},
                   {"b_start", p.span_b.begin},
                   {"b_end", p.span_b.end}});
  }
  return out;
}

// Who took text from whom: one entry per reuse pair, the passages with their text.
json ReuseJson(const ReportInputs& in) {
  json out = json::array();
  for (const ReusePair& p : in.event.reuse.pairs) {
    const std::string& source = in.corpus.documents[p.source].text;
    const std::string& derived = in.corpus.documents[p.derived].text;
    json passages = json::array();
    for (const ReusePassage& x : p.passages) {
      passages.push_back({{"source_start", x.source.begin},
                          {"source_end", x.source.end},
                          {"derived_start", x.derived.begin},
                          {"derived_end", x.derived.end},
                          {"words", x.words},
                          {"kind", PassageKindName(x.kind)},
                          {"source_text", source.substr(x.source.begin, x.source.size())},
                          {"derived_text", derived.substr(x.derived.begin, x.derived.size())}});
    }
    out.push_back({{"source", DocId(in.corpus, static_cast<int32_t>(p.source))},
                   {"derived", DocId(in.corpus, static_cast<int32_t>(p.derived))},
                   {"containment", std::round(p.containment * 10000) / 10000},
                   {"grade", GradeName(p.grade)},
                   {"direction", DirectionName(p.direction)},
                   {"one_source", IsDerivation(p)},
                   {"passages", passages}});
  }
  return out;
}

json EdgesJson(const EventAnalysis& event) {
  json out = json::array();
  for (const ClaimEdge& e : event.edges) {
    json terms = json::array();
    for (const auto& [word, weight] : e.terms) terms.push_back({word, weight});
    out.push_back({{"a", e.a},
                   {"b", e.b},
                   {"kind", EdgeKindName(e.kind)},
                   {"cosine", e.cosine},
                   {"jaccard", e.jaccard},
                   {"fact", e.fact},
                   {"terms", terms}});
  }
  return out;
}

json StatsJson(const ReportInputs& in) {
  std::map<std::string, int> by_label = {
      {"corroborated", 0}, {"single_source", 0}, {"divergent", 0}, {"copied", 0}};
  for (const ClaimCluster& c : in.event.clusters)
    ++by_label[std::string(ClusterLabelName(c.label))];
  size_t off_event = 0;
  for (bool off : in.event.off_event) off_event += off ? 1 : 0;
  json timings = json::object();
  for (const StageTime& t : in.event.timings) timings[t.stage] = t.seconds;
  return {{"documents_used", in.corpus.documents.size()},
          {"documents_skipped", in.corpus.skipped()},
          {"claims", in.claims.claims.size()},
          {"off_event_claims", off_event},
          {"edges", in.event.edges.size()},
          {"clusters", in.event.clusters.size()},
          {"clusters_by_label", by_label},
          {"copies", in.event.copies.pairs.size()},
          {"reuse_pairs", in.event.reuse.pairs.size()},
          {"timings", timings}};
}

std::string EventTitle(const ReportInputs& in) {
  if (!in.event_title.empty()) return in.event_title;
  // The most corroborated cluster's first claim names the event best; else a title.
  const ClaimCluster* best = nullptr;
  for (const ClaimCluster& c : in.event.clusters) {
    if (best == nullptr || c.documents.size() > best->documents.size()) best = &c;
  }
  if (best != nullptr && best->documents.size() > 1) {
    return in.claims.claims[static_cast<size_t>(best->claims.front())].text;
  }
  for (const Document& doc : in.corpus.documents) {
    if (!doc.title.empty()) return doc.title;
  }
  return in.claims.claims.empty() ? "" : in.claims.claims.front().text;
}

}  // namespace

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

json ParametersJson(const AnalysisOptions& o) {
  return {{"overlap_threshold", o.overlap_threshold},
          {"cluster_threshold", o.cluster_threshold},
          {"fact_threshold", o.fact_threshold},
          {"fact_threshold_anchored", o.fact_threshold_anchored},
          {"fact_threshold_leads", o.fact_threshold_leads},
          {"copy_threshold", o.copy_threshold},
          {"off_event_threshold", o.off_event_threshold},
          {"rescue_threshold", o.rescue_threshold},
          {"lead_claims", o.lead_claims},
          {"max_partners", o.max_partners},
          {"dedup_threshold", o.dedup.threshold},
          {"dedup_ngram", o.dedup.shingles.n},
          {"num_hashes", o.dedup.minhash.num_hashes},
          {"max_window_sentences", o.dedup.max_window_sentences},
          {"tfidf_sublinear_tf", o.tfidf.sublinear_tf},
          {"tfidf_stop_words", o.tfidf.stop_words},
          {"tfidf_bigrams", o.tfidf.bigrams},
          {"background_idf", o.background_idf.empty() ? json(nullptr) : json(o.background_idf)},
          {"number_tolerance", o.divergence.number_tolerance},
          {"approximate_tolerance", o.divergence.approximate_tolerance},
          {"min_shared_content", o.divergence.min_shared_content},
          {"min_divergence_confidence", o.min_divergence_confidence},
          {"merge_on_same_fact", o.merge_on_same_fact},
          {"standalone_max_claims", o.standalone_max_claims}};
}

json BuildReportJson(const ReportInputs& in) {
  json claims = ClaimsJson(in.corpus, in.claims.claims);
  std::vector<int32_t> cluster_of(in.claims.claims.size(), -1);
  for (const ClaimCluster& c : in.event.clusters) {
    for (int32_t id : c.claims) cluster_of[static_cast<size_t>(id)] = c.id;
  }
  for (size_t i = 0; i < claims.size(); ++i) {
    claims[i]["off_event"] = static_cast<bool>(in.event.off_event[i]);
    claims[i]["centrality"] = in.event.centrality[i];
    claims[i]["cluster"] = cluster_of[i] < 0 ? json(nullptr) : json(cluster_of[i]);
  }
  json clusters = json::array();
  for (const ClaimCluster& c : in.event.clusters) clusters.push_back(ClusterJson(in, c));
  // The event's cards: from the divergent clusters (those whose divergences are shown).
  std::vector<const ClaimCluster*> divergent;
  for (const ClaimCluster& c : in.event.clusters) {
    if (c.label == ClusterLabel::kDivergent) divergent.push_back(&c);
  }
  json cards = CardsJson(in, divergent, true);
  return {{"schema", kReportSchema},
          {"generated_at", in.generated_at.empty() ? UtcNow() : in.generated_at},
          {"generator", "crossclaim"},
          {"event", {{"id", in.event_id}, {"title", EventTitle(in)}}},
          {"parameters", ParametersJson(in.options)},
          {"documents", DocumentsJson(in.corpus, in.claims)},
          {"claims", claims},
          {"clusters", clusters},
          {"cards", cards},
          {"copies", CopiesJson(in)},
          {"reuse", ReuseJson(in)},
          {"edges", EdgesJson(in.event)},
          {"stats", StatsJson(in)}};
}

Result<json> BuildEventReport(const Corpus& corpus, const AnalysisOptions& options,
                              const std::string& event_id, const PrecomputedStages& precomputed) {
  const ClaimSet claims = ExtractCorpusClaims(corpus, BoilerplateOptions(), ClaimOptions());
  return BuildEventReport(corpus, claims, options, event_id, precomputed);
}

Result<json> BuildEventReport(const Corpus& corpus, const ClaimSet& claims,
                              const AnalysisOptions& options, const std::string& event_id,
                              const PrecomputedStages& precomputed) {
  Result<EventAnalysis> event = AnalyzeEvent(corpus, claims, options, precomputed);
  if (!event.ok()) return event.status();
  return BuildReportJson({corpus, claims, *event, options, event_id, "", ""});
}

namespace {

bool SameBoilerplate(const BoilerplateReport& a, const BoilerplateReport& b) {
  return a.kept == b.kept &&
         std::equal(a.removed.begin(), a.removed.end(), b.removed.begin(), b.removed.end(),
                    [](const RemovedLine& x, const RemovedLine& y) {
                      return x.span == y.span && x.reason == y.reason;
                    });
}

}  // namespace

FeedClaims::FeedClaims(ClaimSet claims) : claims_(std::move(claims)) {
  first_.assign(claims_.boilerplate.size() + 1, claims_.claims.size());
  for (size_t i = claims_.claims.size(); i-- > 0;)
    first_[static_cast<size_t>(claims_.claims[i].doc)] = i;
  for (size_t d = claims_.boilerplate.size(); d-- > 0;)
    first_[d] = std::min(first_[d], first_[d + 1]);
}

ClaimSet FeedClaims::EventClaims(const Corpus& event, const std::vector<int32_t>& documents) const {
  ClaimSet set;
  set.boilerplate = FindBoilerplate(event.documents, BoilerplateOptions());
  for (size_t d = 0; d < event.documents.size(); ++d) {
    const int first_id = static_cast<int>(set.claims.size());
    const size_t feed_doc = static_cast<size_t>(documents[d]);
    if (!SameBoilerplate(set.boilerplate[d], claims_.boilerplate[feed_doc])) {
      std::vector<Claim> claims = ExtractClaims(event.documents[d], static_cast<int>(d),
                                                set.boilerplate[d], first_id, ClaimOptions());
      std::move(claims.begin(), claims.end(), std::back_inserter(set.claims));
      continue;
    }
    for (size_t i = first_[feed_doc]; i < first_[feed_doc + 1]; ++i) {
      Claim& claim = set.claims.emplace_back(claims_.claims[i]);
      claim.id = static_cast<int>(set.claims.size() - 1);
      claim.doc = static_cast<int>(d);
    }
  }
  return set;
}

// ---- report.json, schema crossclaim.report/2: the same report without what repeats ----

namespace {

// `x` to 4 significant digits: scores and seconds carry no more meaning than that.
json Round4(const json& x) {
  if (!x.is_number_float()) return x;
  const double v = x.get<double>();
  if (v == 0 || !std::isfinite(v)) return x;
  return std::strtod(fmt::format("{:.4g}", v).c_str(), nullptr);
}

// Copies of `object`'s members but those equal to their documented default (`defaults`:
// member -> value left out when equal).
json WithoutDefaults(const json& object, const json& defaults) {
  json out = json::object();
  for (const auto& [key, value] : object.items()) {
    auto it = defaults.find(key);
    if (it == defaults.end() || *it != value) out[key] = value;
  }
  return out;
}

json CompactDocuments(const json& documents) {
  static const json kDefaults = {{"reason", nullptr}, {"warnings", json::array()},
                                 {"utf8_repairs", 0}, {"author", ""},
                                 {"source", ""},      {"boilerplate_removed", 0}};
  json out = json::array();
  for (const json& d : documents) out.push_back(WithoutDefaults(d, kDefaults));
  return out;
}

// A claim without its document's outlet and without false, null and empty fields; numbers
// and dates without their null parts and without their text where the claim's bytes at their
// offsets hold it.
json CompactClaim(const json& claim) {
  const json& kDefaults = CompactClaimDefaults();
  static const json kNulls = {{"unit", nullptr},  {"qualifier", nullptr}, {"year", nullptr},
                              {"month", nullptr}, {"day", nullptr},       {"weekday", nullptr}};
  json out = WithoutDefaults(claim, kDefaults);
  out.erase("outlet");
  if (out.contains("centrality")) out["centrality"] = Round4(out["centrality"]);
  const std::string& text = claim["text"].get_ref<const std::string&>();
  const int64_t start = claim["start"].get<int64_t>();
  for (const char* spans : {"numbers", "dates"}) {
    if (!out.contains(spans)) continue;
    for (json& span : out[spans]) {
      span = WithoutDefaults(span, kNulls);
      // The span's text is the claim's bytes at its offsets: left out when it is.
      const int64_t from = span["start"].get<int64_t>() - start;
      const int64_t size = span["end"].get<int64_t>() - span["start"].get<int64_t>();
      if (from >= 0 && size >= 0 && static_cast<size_t>(from + size) <= text.size() &&
          text.compare(static_cast<size_t>(from), static_cast<size_t>(size),
                       span["text"].get_ref<const std::string&>()) == 0) {
        span.erase("text");
      }
    }
  }
  return out;
}

// The distinct outlets of `documents` (ids), in order: `outlet_of` maps a document id to its
// outlet.
json OutletsOf(const json& documents, const std::map<std::string, json>& outlet_of) {
  json outlets = json::array();
  for (const json& d : documents) {
    const json& outlet = outlet_of.at(d.get<std::string>());
    if (std::find(outlets.begin(), outlets.end(), outlet) == outlets.end())
      outlets.push_back(outlet);
  }
  return outlets;
}

// The single-claim entry of a cluster of one claim, [id, claim] or [id, claim, upstream name],
// when every other field follows from its claim (docs/report-format.md,
// `single_claim_clusters`); nullopt otherwise.
std::optional<json> SingleClaimEntry(const json& cluster, const json& claims) {
  if (cluster["claims"].size() != 1) return std::nullopt;
  const json& claim = claims[cluster["claims"][0].get<size_t>()];
  const json& doc = claim["doc"];
  const json& attribution = claim["attribution"];
  const json speakers = attribution.is_null() ? json::array() : json::array({attribution});
  const json& upstream = cluster["upstream"];
  const bool plain =
      cluster["label"] == "single_source" && cluster["documents"] == json::array({doc}) &&
      cluster["outlets"] == json::array({claim["outlet"]}) && cluster["origin"] == doc &&
      cluster["independent_sources"] == 1 && cluster["upstream_sources"] == 1 &&
      cluster["quotation"].is_null() && cluster["speakers"] == speakers &&
      cluster["divergences"].empty() && cluster["cards"].empty() && upstream.size() <= 1 &&
      (upstream.empty() || upstream[0]["documents"] == json::array({doc}));
  if (!plain) return std::nullopt;
  json entry = {cluster["id"], cluster["claims"][0]};
  if (!upstream.empty()) entry.push_back(upstream[0]["name"]);
  return entry;
}

json CompactCluster(json cluster, const std::map<std::string, json>& outlet_of) {
  if (cluster["outlets"] == OutletsOf(cluster["documents"], outlet_of)) cluster.erase("outlets");
  for (json& d : cluster["divergences"]) {
    for (const char* field : {"a_doc", "b_doc", "a_outlet", "b_outlet"}) d.erase(field);
  }
  return cluster;
}

json CompactEdges(const json& edges) {
  json out = json::array();
  for (const json& e : edges) {
    json edge = e;
    for (const char* score : {"cosine", "jaccard", "fact"}) edge[score] = Round4(edge[score]);
    for (json& term : edge["terms"]) term[1] = Round4(term[1]);
    out.push_back(std::move(edge));
  }
  return out;
}

}  // namespace

json CompactReportJson(const json& report, bool with_edges) {
  static const std::set<std::string> kRebuilt = {"documents", "claims", "clusters",
                                                 "copies",    "stats",  "edges"};
  std::map<std::string, json> outlet_of;
  for (const json& d : report["documents"]) outlet_of[d["id"].get<std::string>()] = d["outlet"];
  const json& full_claims = report["claims"];
  json claims = json::array();
  for (const json& c : full_claims) claims.push_back(CompactClaim(c));
  json clusters = json::array(), singles = json::array();
  for (const json& c : report["clusters"]) {
    if (std::optional<json> single = SingleClaimEntry(c, full_claims)) {
      singles.push_back(std::move(*single));
    } else {
      clusters.push_back(CompactCluster(c, outlet_of));
    }
  }
  json copies = json::array();
  for (const json& p : report["copies"]) {
    json copy = p;
    copy.erase("origin");
    for (const char* score : {"jaccard", "estimate"}) copy[score] = Round4(copy[score]);
    copies.push_back(std::move(copy));
  }
  json stats = report["stats"];
  for (auto& [stage, seconds] : stats["timings"].items()) seconds = Round4(seconds);
  json out = json::object();  // the small members as they are
  for (const auto& [key, value] : report.items()) {
    if (!kRebuilt.contains(key)) out[key] = value;
  }
  out["schema"] = kCompactReportSchema;
  out["documents"] = CompactDocuments(report["documents"]);
  out["claims"] = std::move(claims);
  out["clusters"] = std::move(clusters);
  out["single_claim_clusters"] = std::move(singles);
  out["copies"] = std::move(copies);
  out["stats"] = std::move(stats);
  if (with_edges && report.contains("edges")) out["edges"] = CompactEdges(report["edges"]);
  return out;
}

}  // namespace crossclaim
