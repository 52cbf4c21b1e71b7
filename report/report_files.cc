#include "report/report_files.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "core/json_text.h"
#include "report/graph_export.h"
#include "report/render.h"
#include "report/report_json.h"

namespace crossclaim {

namespace fs = std::filesystem;

Status WriteTextFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  out.close();
  if (!out) return DataLoss(fmt::format("{}: cannot write file", path.string()));
  return Status::Ok();
}

Status WriteReportFiles(const nlohmann::json& report, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return DataLoss(fmt::format("{}: cannot create folder ({})", dir.string(), ec.message()));
  std::ostringstream graphml, dot;
  WriteGraphMl(report, graphml);
  WriteDot(report, dot);
  const std::pair<const char*, std::string> files[] = {{"report.json", DumpJson(report, 2) + "\n"},
                                                       {"report.html", RenderHtml(report)},
                                                       {"report.md", RenderMarkdown(report)},
                                                       {"claims.graphml", graphml.str()},
                                                       {"claims.dot", dot.str()}};
  for (const auto& [name, content] : files) {
    Status s = WriteTextFile(dir / name, content);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status WriteIndex(const Corpus& corpus, const std::vector<nlohmann::json>& reports,
                  const fs::path& dir) {
  nlohmann::json index = {{"schema", "crossclaim.index/1"}, {"generated_at", UtcNow()}};
  nlohmann::json events = nlohmann::json::array();
  for (const nlohmann::json& report : reports) {
    size_t divergences = 0;
    for (const nlohmann::json& c : report["clusters"]) divergences += c["divergences"].size();
    nlohmann::json docs = nlohmann::json::array();
    for (const nlohmann::json& d : report["documents"]) docs.push_back(d["id"]);
    events.push_back({{"event", report["event"]["id"]},
                      {"title", report["event"]["title"]},
                      {"folder", report["event"]["id"]},
                      {"documents", docs},
                      {"claims", report["stats"]["claims"]},
                      {"clusters_by_label", report["stats"]["clusters_by_label"]},
                      {"divergences", divergences}});
  }
  nlohmann::json skipped = nlohmann::json::array();
  for (const InputRecord& r : corpus.records) {
    if (r.status == InputStatus::kSkipped) skipped.push_back({{"id", r.id}, {"reason", r.reason}});
  }
  index["events"] = events;
  index["skipped"] = skipped;
  Status s = WriteTextFile(dir / "index.json", DumpJson(index, 2) + "\n");
  if (!s.ok()) return s;
  return WriteTextFile(dir / "index.html", RenderIndexHtml(index));
}

Corpus SubCorpus(const Corpus& corpus, const std::vector<size_t>& record_of,
                 const std::vector<int32_t>& documents) {
  Corpus sub;
  for (int32_t d : documents) {
    InputRecord record = corpus.records[record_of[static_cast<size_t>(d)]];
    record.document = static_cast<int>(sub.documents.size());
    sub.records.push_back(std::move(record));
    sub.documents.push_back(corpus.documents[static_cast<size_t>(d)]);
  }
  return sub;
}

std::vector<size_t> RecordOfDocuments(const Corpus& corpus) {
  std::vector<size_t> record_of(corpus.documents.size());
  for (size_t r = 0; r < corpus.records.size(); ++r) {
    if (corpus.records[r].status == InputStatus::kUsed) {
      record_of[static_cast<size_t>(corpus.records[r].document)] = r;
    }
  }
  return record_of;
}

}  // namespace crossclaim
