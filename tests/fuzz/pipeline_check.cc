#include "tests/fuzz/pipeline_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cluster/event_analysis.h"
#include "core/claims.h"
#include "core/ingest.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "report/claims_json.h"
#include "report/graph_export.h"
#include "report/render.h"
#include "report/report_json.h"

namespace crossclaim::testing {
namespace {

using Problems = std::vector<std::string>;

void RenderReport(const Corpus& corpus, PipelineOutputs* out) {
  AnalysisOptions options;
  options.threads = 1;
  Result<nlohmann::json> report = BuildEventReport(corpus, options, "event-1");
  if (!report.ok()) {
    out->report_json = "error: " + report.status().message();  // caught as unparsable JSON
    return;
  }
  out->report_json = DumpJson(*report, 2);
  out->html = RenderHtml(*report);
  out->markdown = RenderMarkdown(*report);
  out->summary = RenderSummary(*report, 5);
  std::ostringstream graphml, dot;
  WriteGraphMl(*report, graphml);
  WriteDot(*report, dot);
  out->graphml = graphml.str();
  out->dot = dot.str();
}

// True for the code points XML 1.0 forbids, read from valid UTF-8 at text[i].
bool XmlForbiddenAt(std::string_view text, size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
  return c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
         (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE;  // U+FFFE, U+FFFF
}

// Control characters a terminal acts on: C0 but tab and newline, DEL, C1.
bool TerminalControlAt(std::string_view text, size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x20) return c != '\t' && c != '\n';
  if (c == 0x7F) return true;
  return c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0;
}

template <class Forbidden>
void CheckCharacters(std::string_view name, std::string_view text, Forbidden forbidden,
                     Problems* problems) {
  if (!IsValidUtf8(text)) {
    problems->push_back(fmt::format("{}: not valid UTF-8", name));
    return;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (forbidden(text, i)) {
      problems->push_back(fmt::format("{}: forbidden character 0x{:02X} at byte {}", name,
                                      static_cast<unsigned char>(text[i]), i));
      return;
    }
  }
}

void CheckJson(std::string_view name, const std::string& text, Problems* problems) {
  // nlohmann's parser rejects invalid UTF-8 and unescaped control characters.
  if (!nlohmann::json::accept(text)) problems->push_back(fmt::format("{}: not JSON", name));
}

void CheckGraphMl(const std::string& text, Problems* problems) {
  CheckCharacters("report.graphml", text, XmlForbiddenAt, problems);
  try {
    std::istringstream in(text);
    boost::property_tree::ptree tree;
    boost::property_tree::read_xml(in, tree);
    if (tree.count("graphml") != 1) problems->push_back("report.graphml: no graphml root");
  } catch (const std::exception& e) {
    problems->push_back(fmt::format("report.graphml: not XML ({})", QuoteInput(e.what())));
  }
}

// Outside strings, DOT as graph_export writes it: identifiers, numbers, and the
// punctuation of statements and attribute lists; every string closed.
void CheckDot(const std::string& text, Problems* problems) {
  CheckCharacters(
      "report.dot", text, [](std::string_view t, size_t i) { return TerminalControlAt(t, i); },
      problems);
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (!std::isalnum(static_cast<unsigned char>(c)) &&
               std::string_view(" \t\n{}[];=,-_.>").find(c) == std::string_view::npos) {
      problems->push_back(fmt::format("report.dot: '{}' outside a string at byte {}",
                                      QuoteInput(std::string(1, c)), i));
      return;
    }
  }
  if (in_string) problems->push_back("report.dot: unterminated string");
}

// The page without its <script> and <style> blocks (ours; JavaScript and CSS use < and &).
std::string WithoutCode(std::string html) {
  for (const char* tag : {"script", "style"}) {
    const std::string open = fmt::format("<{}>", tag), close = fmt::format("</{}>", tag);
    for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at)) {
      const size_t end = html.find(close, at);
      html.erase(at, end == std::string::npos ? std::string::npos : end + close.size() - at);
    }
  }
  return html;
}

// Every tag is one RenderHtml writes and every & starts an entity: text from the input
// can only appear escaped.
void CheckHtml(const std::string& page, Problems* problems) {
  CheckCharacters("report.html", page, XmlForbiddenAt, problems);
  static const std::set<std::string> kTags = {
      "!doctype", "a",      "b",     "body",    "br",     "details", "div",     "h1",    "h2",
      "head",     "header", "html",  "input",   "label",  "li",      "main",    "mark",  "meta",
      "ol",       "option", "p",     "section", "select", "span",    "summary", "table", "tbody",
      "td",       "th",     "thead", "title",   "tr",     "ul"};
  const std::string html = WithoutCode(page);
  for (size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      size_t begin = i + 1 + (i + 1 < html.size() && html[i + 1] == '/');
      size_t end = begin;
      while (end < html.size() && (std::isalnum(static_cast<unsigned char>(html[end])) ||
                                   (end == begin && html[end] == '!'))) {
        ++end;
      }
      std::string name = html.substr(begin, end - begin);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      if (!kTags.contains(name)) {
        problems->push_back(fmt::format("report.html: tag '{}' at byte {}", QuoteInput(name), i));
        return;
      }
    } else if (html[i] == '&') {
      const size_t semi = html.find(';', i);
      const std::string_view entity =
          semi == std::string::npos ? "" : std::string_view(html).substr(i + 1, semi - i - 1);
      const bool named = !entity.empty() && entity.size() <= 6 &&
                         std::all_of(entity.begin(), entity.end(), [](char c) {
                           return std::isalpha(static_cast<unsigned char>(c)) || c == '#' ||
                                  std::isdigit(static_cast<unsigned char>(c));
                         });
      if (!named) {
        problems->push_back(fmt::format("report.html: bare & at byte {}", i));
        return;
      }
    }
  }
}

// '|' not preceded by an odd number of backslashes.
size_t UnescapedPipes(std::string_view line) {
  size_t pipes = 0, backslashes = 0;
  for (char c : line) {
    if (c == '|' && backslashes % 2 == 0) ++pipes;
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
  return pipes;
}

// The documents table keeps its seven column separators on every row, and no '<' is left
// for a Markdown renderer to read as HTML.
void CheckMarkdown(const std::string& md, Problems* problems) {
  CheckCharacters("report.md", md, TerminalControlAt, problems);
  if (md.find('<') != std::string::npos) {
    problems->push_back(fmt::format("report.md: raw '<' at byte {}", md.find('<')));
  }
  const size_t table = md.find("\n## Documents\n");
  if (table == std::string::npos) {
    problems->push_back("report.md: no Documents section");
    return;
  }
  std::istringstream lines(md.substr(table + 14));
  size_t row = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    ++row;
    if (UnescapedPipes(line) != 7) {
      problems->push_back(fmt::format("report.md: table row {} has {} separators, not 7", row,
                                      UnescapedPipes(line)));
      return;
    }
  }
}

}  // namespace

PipelineOutputs RunPipeline(std::string_view jsonl) {
  IngestOptions options;
  options.max_document_bytes = 16 * 1024;
  Corpus corpus;
  ParseJsonLines(jsonl, "input.jsonl", options, &corpus);
  PipelineOutputs out;
  out.records = corpus.records.size();
  out.skipped = corpus.skipped();
  const ClaimSet claims = ExtractCorpusClaims(corpus, BoilerplateOptions(), ClaimOptions());
  const nlohmann::json documents = DocumentsJson(corpus, claims);
  for (const nlohmann::json& d : documents) {
    if (d["status"] == "skipped") out.reasons.push_back(d["reason"].get<std::string>());
  }
  out.claims_json = DumpJson(
      nlohmann::json{{"documents", documents}, {"claims", ClaimsJson(corpus, claims.claims)}}, 2);
  if (!corpus.documents.empty()) RenderReport(corpus, &out);
  return out;
}

std::string WithBytesAsDocument(std::string_view bytes) {
  const nlohmann::json doc = {{"id", "bytes"}, {"outlet", "fuzz"}, {"text", std::string(bytes)}};
  return std::string(bytes) + "\n" + DumpJson(doc) + "\n";
}

std::vector<std::string> OutputProblems(const PipelineOutputs& out) {
  Problems problems;
  if (out.reasons.size() != out.skipped) {
    problems.push_back(fmt::format("{} skipped but {} reasons", out.skipped, out.reasons.size()));
  }
  for (const std::string& reason : out.reasons) {
    CheckCharacters("skip reason", reason, TerminalControlAt, &problems);
    if (reason.size() > kMaxReasonBytes) {
      problems.push_back(fmt::format("skip reason of {} bytes: {}", reason.size(),
                                     QuoteInput(reason, kMaxReasonBytes)));
    }
  }
  CheckJson("claims json", out.claims_json, &problems);
  if (out.report_json.empty()) return problems;  // no usable document: no report
  CheckJson("report.json", out.report_json, &problems);
  CheckHtml(out.html, &problems);
  CheckMarkdown(out.markdown, &problems);
  CheckCharacters("summary", out.summary, TerminalControlAt, &problems);
  CheckGraphMl(out.graphml, &problems);
  CheckDot(out.dot, &problems);
  return problems;
}

}  // namespace crossclaim::testing
