#include "report/claims_json.h"

#include "core/metadata_source.h"

namespace crossclaim {
namespace {

using nlohmann::json;

json OrNull(int value) { return value == 0 ? json(nullptr) : json(value); }

std::string_view SpanText(const Document& doc, const Span& span) {
  return std::string_view(doc.text).substr(span.begin, span.size());
}

json NumbersJson(const Document& doc, const Claim& claim) {
  json out = json::array();
  for (const NumberMention& n : claim.numbers) {
    out.push_back({{"text", SpanText(doc, n.span)},
                   {"value", n.value},
                   {"unit", n.unit},
                   {"qualifier", n.qualifier.empty() ? json(nullptr) : json(n.qualifier)},
                   {"start", n.span.begin},
                   {"end", n.span.end}});
  }
  return out;
}

json DatesJson(const Document& doc, const Claim& claim) {
  json out = json::array();
  for (const DateMention& d : claim.dates) {
    out.push_back({{"text", SpanText(doc, d.span)},
                   {"year", OrNull(d.year)},
                   {"month", OrNull(d.month)},
                   {"day", OrNull(d.day)},
                   {"weekday", OrNull(d.weekday)},
                   {"start", d.span.begin},
                   {"end", d.span.end}});
  }
  return out;
}

json CueWords(const Claim& claim, std::string_view kind) {
  json out = json::array();
  for (const Cue& cue : claim.cues) {
    if (cue.kind == kind) out.push_back(cue.word);
  }
  return out;
}

}  // namespace

json DocumentsJson(const Corpus& corpus, const ClaimSet& claims) {
  std::vector<size_t> claim_counts(corpus.documents.size(), 0);
  for (const Claim& claim : claims.claims) ++claim_counts[static_cast<size_t>(claim.doc)];
  json out = json::array();
  for (const InputRecord& record : corpus.records) {
    json entry = {{"id", record.id},
                  {"location", record.location},
                  {"outlet", nullptr},
                  {"published", nullptr},
                  {"status", "skipped"},
                  {"reason", record.reason},
                  {"claims", 0},
                  {"boilerplate_removed", 0},
                  {"utf8_repairs", record.utf8_repairs},
                  {"warnings", record.warnings}};
    if (record.status == InputStatus::kUsed) {
      size_t d = static_cast<size_t>(record.document);
      const Document& doc = corpus.documents[d];
      json metadata = DocumentJson(doc);  // outlet, url, published, title, author, source, ...
      metadata.erase("id");
      metadata.erase("text");
      entry.update(metadata);
      entry["status"] = "used";
      entry["reason"] = nullptr;
      entry["claims"] = claim_counts[d];
      entry["boilerplate_removed"] = claims.boilerplate[d].boilerplate_count();
    }
    out.push_back(std::move(entry));
  }
  return out;
}

json MetadataSourceJson(const MetadataSource& from) {
  json out = json::object();
  for (const auto& [name, value] : NamedFields(from)) {
    if (!value->empty()) out[name] = *value;
  }
  return out;
}

json DocumentJson(const Document& doc) {
  json out;
  out["id"] = doc.id;
  out["outlet"] = doc.outlet;
  out["url"] = doc.url;
  out["published"] = doc.published ? json(doc.published->ToIso()) : json(nullptr);
  out["title"] = doc.title;
  out["author"] = doc.author;
  out["source"] = doc.source;
  out["text"] = doc.text;
  out["metadata_source"] = MetadataSourceJson(doc.metadata_source);
  return out;
}

json ClaimJson(const Corpus& corpus, const Claim& claim) {
  const Document& doc = corpus.documents[static_cast<size_t>(claim.doc)];
  return {{"id", claim.id},
          {"doc", doc.id},
          {"outlet", doc.outlet},
          {"text", claim.text},
          {"start", claim.span.begin},
          {"end", claim.span.end},
          {"numbers", NumbersJson(doc, claim)},
          {"dates", DatesJson(doc, claim)},
          {"names", claim.names},
          {"negation", CueWords(claim, "negation")},
          {"modality", CueWords(claim, "modality")},
          {"attribution", claim.attribution ? json(*claim.attribution) : json(nullptr)},
          {"context_attribution",
           claim.context_attribution ? json(*claim.context_attribution) : json(nullptr)},
          {"quote", claim.has_quote},
          {"question", claim.question}};
}

json ClaimsJson(const Corpus& corpus, const std::vector<Claim>& claims) {
  json out = json::array();
  for (const Claim& claim : claims) out.push_back(ClaimJson(corpus, claim));
  return out;
}

json RemovedLinesJson(const Corpus& corpus, const ClaimSet& claims) {
  json out = json::array();
  for (size_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& doc = corpus.documents[d];
    for (const RemovedLine& line : claims.boilerplate[d].removed) {
      out.push_back({{"doc", doc.id},
                     {"start", line.span.begin},
                     {"end", line.span.end},
                     {"reason", ReasonName(line.reason)},
                     {"text", SpanText(doc, line.span)}});
    }
  }
  return out;
}

}  // namespace crossclaim
