#include "core/csv.h"

#include <fmt/format.h>

#include <cctype>

namespace crossclaim {
namespace {

std::string TrimLower(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  std::string out = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsBlank(const CsvRow& row) { return row.size() == 1 && row[0].empty(); }

}  // namespace

Result<std::vector<CsvRow>> ParseCsv(std::string_view content, std::string_view name) {
  std::vector<CsvRow> rows;
  CsvRow row(1);
  bool quoted = false;
  size_t line = 1;
  size_t quote_line = 0;
  auto end_row = [&] {
    if (!IsBlank(row)) rows.push_back(std::move(row));
    row.assign(1, std::string());
  };
  for (size_t i = 0; i < content.size(); ++i) {
    char c = content[i];
    if (quoted) {
      if (c == '"' && i + 1 < content.size() && content[i + 1] == '"') {
        row.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        row.back().push_back(c);
      }
      continue;
    }
    if (c == '"' && row.back().empty()) {
      quoted = true;
      quote_line = line;
    } else if (c == ',') {
      row.emplace_back();
    } else if (c == '\n') {
      ++line;
      end_row();
    } else if (c != '\r') {
      row.back().push_back(c);
    }
  }
  if (quoted) return DataLoss(fmt::format("{}:{}: unterminated quoted field", name, quote_line));
  end_row();
  if (!rows.empty()) {
    for (std::string& cell : rows.front()) cell = TrimLower(cell);
  }
  return rows;
}

}  // namespace crossclaim
