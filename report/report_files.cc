#include "report/report_files.h"

#include <fmt/format.h>

#include <algorithm>
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

namespace {

Status CreateFolder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return DataLoss(fmt::format("{}: cannot create folder ({})", dir.string(), ec.message()));
  return Status::Ok();
}

}  // namespace

std::string ReportJsonText(const nlohmann::json& report, const ReportFileOptions& options) {
  if (!options.full_json) {
    return DumpJson(CompactReportJson(report, options.graphs), options.pretty_json ? 2 : -1) + "\n";
  }
  if (options.graphs || !report.contains("edges")) {
    return DumpJson(report, options.pretty_json ? 2 : -1) + "\n";
  }
  // The report without `edges`, member by member (in the object's order, as DumpJson writes
  // it) rather than from a copy: a report's edges are the largest part of it.
  const int indent = options.pretty_json ? 2 : -1;
  std::string text = "{";
  for (const auto& [key, value] : report.items()) {
    if (key == "edges") continue;
    if (text.size() > 1) text += ',';
    if (options.pretty_json) text += "\n  ";
    text += DumpJson(nlohmann::json(key)) + (options.pretty_json ? ": " : ":");
    std::string member = DumpJson(value, indent);
    // Nested one level deeper; JSON strings hold no raw newline, so each is a line break.
    if (options.pretty_json) {
      for (size_t at = member.find('\n'); at != std::string::npos; at = member.find('\n', at + 3))
        member.replace(at, 1, "\n  ");
    }
    text += member;
  }
  return text + (options.pretty_json ? "\n}\n" : "}\n");
}

std::vector<std::string> ReportFileNames(const ReportFileOptions& options) {
  std::vector<std::string> names = {"report.json", "report.html", "report.md"};
  if (options.graphs) names.insert(names.end(), {"claims.graphml", "claims.dot"});
  return names;
}

Status WriteReportFiles(const nlohmann::json& report, const fs::path& dir,
                        const ReportFileOptions& options) {
  if (Status created = CreateFolder(dir); !created.ok()) return created;
  const PageDetail detail = options.full_pages ? PageDetail::kFull : PageDetail::kLean;
  std::vector<std::pair<const char*, std::string>> files = {
      {"report.json", ReportJsonText(report, options)},
      {"report.html", RenderHtml(report, detail)},
      {"report.md", RenderMarkdown(report, detail)}};
  if (options.graphs) {
    std::ostringstream graphml, dot;
    WriteGraphMl(report, graphml);
    WriteDot(report, dot);
    files.emplace_back("claims.graphml", graphml.str());
    files.emplace_back("claims.dot", dot.str());
  }
  for (const auto& [name, content] : files) {
    Status s = WriteTextFile(dir / name, content);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

std::string_view EventFoldersName(EventFolders mode) {
  return mode == EventFolders::kAll ? "all" : "multi";
}

std::optional<EventFolders> EventFoldersFromName(std::string_view name) {
  if (name == "multi") return EventFolders::kMulti;
  if (name == "all") return EventFolders::kAll;
  return std::nullopt;
}

std::optional<std::string> EventFolder(const nlohmann::json& report, EventFolders mode) {
  if (mode == EventFolders::kMulti && report["documents"].size() < 2) return std::nullopt;
  return report["event"]["id"].get<std::string>();
}

Status WriteEventFolder(const nlohmann::json& report, EventFolders mode, const fs::path& dir,
                        const ReportFileOptions& options) {
  const std::optional<std::string> folder = EventFolder(report, mode);
  return folder ? WriteReportFiles(report, dir / *folder, options) : Status::Ok();
}

namespace {

// The distinct outlets of a report's documents, in document order.
nlohmann::json Outlets(const nlohmann::json& report) {
  nlohmann::json outlets = nlohmann::json::array();
  for (const nlohmann::json& d : report["documents"]) {
    if (std::find(outlets.begin(), outlets.end(), d["outlet"]) == outlets.end())
      outlets.push_back(d["outlet"]);
  }
  return outlets;
}

// The earliest publication date of a report's documents (ISO dates sort as text), or null.
nlohmann::json EarliestPublished(const nlohmann::json& report) {
  nlohmann::json earliest = nullptr;
  for (const nlohmann::json& d : report["documents"]) {
    if (d["published"].is_string() && (earliest.is_null() || d["published"] < earliest))
      earliest = d["published"];
  }
  return earliest;
}

}  // namespace

nlohmann::json IndexEntry(const nlohmann::json& report, EventFolders mode) {
  size_t divergences = 0;
  for (const nlohmann::json& c : report["clusters"]) divergences += c["divergences"].size();
  nlohmann::json docs = nlohmann::json::array();
  for (const nlohmann::json& d : report["documents"]) docs.push_back(d["id"]);
  const std::optional<std::string> folder = EventFolder(report, mode);
  return {{"event", report["event"]["id"]},
          {"title", report["event"]["title"]},
          {"folder", folder ? nlohmann::json(*folder) : nlohmann::json(nullptr)},
          {"documents", docs},
          {"outlets", Outlets(report)},
          {"published", EarliestPublished(report)},
          {"claims", report["stats"]["claims"]},
          {"clusters_by_label", report["stats"]["clusters_by_label"]},
          {"divergences", divergences}};
}

Status WriteIndex(const Corpus& corpus, nlohmann::json events, const fs::path& dir,
                  EventFolders mode, const ReportFileOptions& options) {
  nlohmann::json index = {{"schema", "crossclaim.index/1"},
                          {"generated_at", UtcNow()},
                          {"event_folders", EventFoldersName(mode)}};
  nlohmann::json skipped = nlohmann::json::array();
  for (const InputRecord& r : corpus.records) {
    if (r.status == InputStatus::kSkipped) skipped.push_back({{"id", r.id}, {"reason", r.reason}});
  }
  index["events"] = std::move(events);
  index["skipped"] = skipped;
  if (Status created = CreateFolder(dir); !created.ok()) return created;
  Status s =
      WriteTextFile(dir / "index.json", DumpJson(index, options.pretty_json ? 2 : -1) + "\n");
  if (!s.ok()) return s;
  return WriteTextFile(dir / "index.html", RenderIndexHtml(index));
}

std::string FeedWrittenMessage(const nlohmann::json& entries, const fs::path& dir) {
  auto count = [](size_t n, std::string_view noun) {
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
  };
  size_t folders = 0;
  for (const nlohmann::json& entry : entries) folders += entry["folder"].is_null() ? 0 : 1;
  const std::string where = fs::absolute(dir / "index.html").lexically_normal().string();
  if (folders == entries.size()) {
    return fmt::format("{}, {}; index written to {}", count(entries.size(), "event"),
                       entries.size() == 1 ? "in its own folder" : "one folder each", where);
  }
  return fmt::format(
      "{} ({} of several articles, in {}; {} of one article, listed in the index); "
      "index written to {}",
      count(entries.size(), "event"), folders, count(folders, "folder"), entries.size() - folders,
      where);
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
