#include "eval/io.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/json_text.h"
#include "core/utf8.h"

namespace crossclaim::cli {
namespace {

Result<std::vector<std::string>> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot read the file", path));
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t") + 1 - b));
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

bool Ignored(const std::string& line) { return Trim(line).empty() || line[0] == '#'; }

std::string JsonText(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : DumpJson(v);
}

}  // namespace

Result<std::vector<TsvRow>> ReadTsv(const std::string& path, int min_fields, int* skipped) {
  Result<std::vector<std::string>> lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  std::vector<TsvRow> rows;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    if (Ignored(line)) continue;
    TsvRow row{static_cast<int>(i + 1), SplitTabs(line)};
    std::string reason;
    if (static_cast<int>(row.fields.size()) < min_fields) {
      reason = fmt::format("{} field(s), {} needed", row.fields.size(), min_fields);
    } else {
      for (int f = 0; f < min_fields && reason.empty(); ++f) {
        if (Trim(row.fields[f]).empty()) reason = fmt::format("field {} is empty", f + 1);
      }
    }
    if (!reason.empty()) {
      std::fprintf(stderr, "%s:%d: skipped: %s\n", path.c_str(), row.line, reason.c_str());
      ++*skipped;
      continue;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<nlohmann::json>> ReadJsonLines(const std::string& path) {
  Result<std::vector<std::string>> lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  std::vector<nlohmann::json> out;
  for (size_t i = 0; i < lines->size(); ++i) {
    if (Trim((*lines)[i]).empty()) continue;
    nlohmann::json j = nlohmann::json::parse((*lines)[i], nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {
      return DataLoss(fmt::format("{}:{}: not a JSON object", path, i + 1));
    }
    out.push_back(std::move(j));
  }
  return out;
}

Result<std::map<std::string, std::set<std::string>>> ReadQrels(const std::string& path) {
  Result<std::vector<std::string>> lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  std::map<std::string, std::set<std::string>> qrels;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    if (Ignored(line)) continue;
    std::vector<std::string> fields = SplitTabs(line);
    if (fields.size() != 2) {
      std::istringstream words(line);
      fields.clear();
      for (std::string w; words >> w;) fields.push_back(w);
    }
    if (fields.size() == 2 && !Trim(fields[0]).empty() && !Trim(fields[1]).empty()) {
      qrels[Trim(fields[0])].insert(Trim(fields[1]));
    } else if (fields.size() == 4) {
      char* end = nullptr;
      const double relevance = std::strtod(fields[3].c_str(), &end);
      if (*end != '\0') {
        return DataLoss(fmt::format("{}:{}: relevance '{}' is not a number", path, i + 1,
                                    QuoteInput(fields[3])));
      }
      if (relevance > 0) qrels[fields[0]].insert(fields[2]);
    } else {
      return DataLoss(
          fmt::format("{}:{}: expected `query 0 doc relevance` or `query<TAB>doc`", path, i + 1));
    }
  }
  return qrels;
}

Result<std::map<std::string, std::string>> ReadGold(const std::string& path) {
  Result<std::vector<std::string>> lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  std::map<std::string, std::string> gold;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    if (Ignored(line)) continue;
    std::string id, label;
    if (line[0] == '{') {
      const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("id") || !j.contains("gold")) {
        return DataLoss(
            fmt::format("{}:{}: expected a JSON object with \"id\" and \"gold\"", path, i + 1));
      }
      id = JsonText(j["id"]);
      label = JsonText(j["gold"]);
    } else {
      const std::vector<std::string> fields = SplitTabs(line);
      if (fields.size() < 2 || Trim(fields[0]).empty() || Trim(fields[1]).empty()) {
        return DataLoss(fmt::format("{}:{}: expected `id<TAB>label`", path, i + 1));
      }
      id = Trim(fields[0]);
      label = Trim(fields[1]);
    }
    if (!gold.emplace(id, label).second) {
      return DataLoss(fmt::format("{}:{}: id '{}' appears twice", path, i + 1, QuoteInput(id)));
    }
  }
  return gold;
}

}  // namespace crossclaim::cli
