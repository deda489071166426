#include "reports/render/conformance_matrix.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "reports/render/html_text.h"

namespace sipconf::reports {
namespace {

CellState state_of(Status status) {
  if (is_product_failure(status)) return CellState::kFail;
  switch (status) {
    case Status::kError:
      return CellState::kError;
    case Status::kXfail:
      return CellState::kXfail;
    case Status::kSkip:
      return CellState::kSkip;
    default:
      return CellState::kPass;
  }
}

void add_case(MatrixCell& cell, std::size_t index, Status status) {
  cell.cases.push_back(index);
  if (status == Status::kPass) ++cell.passing;
  cell.state = std::max(cell.state, state_of(status));
}

/// Orders "RFC3261-8.1.1.7" before "RFC3261-13" by comparing digit runs as numbers.
bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      std::string_view na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

std::string group_of(std::string_view id) {
  if (id.substr(0, 3) == "RFC") return "RFC";
  auto dash = id.find('-');
  return std::string(dash == std::string_view::npos ? id : id.substr(0, dash));
}

std::string_view group_title(std::string_view group) {
  if (group == "RT") return "Routing and number translation";
  if (group == "TC") return "Trunk configuration";
  if (group == "HF") return "Health and failover";
  if (group == "SG") return "Signalling";
  if (group == "MD") return "Media";
  if (group == "SEC") return "Security";
  if (group == "RFC") return "RFC sections named by cases";
  if (group == "?") return "Other IDs named by cases (not in the catalogue)";
  return group;
}

std::string cell_html(const MatrixCell& cell, std::string_view behaviour, std::string_view peer,
                      bool overall) {
  std::string_view token = cell_state_token(cell.state);
  std::string attrs = fmt::format(
      "class=\"cell {}{}\" data-behaviour=\"{}\" data-peer=\"{}\" data-state=\"{}\" "
      "data-cases=\"{}\"",
      token, overall ? " overall" : "", html(behaviour), html(peer), token, cell.cases.size());
  if (cell.cases.empty()) return fmt::format("<td {} title=\"not covered\">·</td>", attrs);
  std::string_view mark = "✓";
  if (cell.state == CellState::kFail) mark = "✗";
  if (cell.state == CellState::kError) mark = "!";
  if (cell.state == CellState::kXfail) mark = "✗";
  if (cell.state == CellState::kSkip) mark = "–";
  std::string href = fmt::format("#behaviour={}", uri_component(behaviour));
  if (!overall) href += fmt::format("&peer={}", uri_component(peer));
  return fmt::format(
      "<td {}><a href=\"{}\" title=\"{} of {} case(s) pass\">"
      "<span class=\"mark\">{}</span> {}/{}</a></td>",
      attrs, html(href), cell.passing, cell.cases.size(), mark, cell.passing, cell.cases.size());
}

}  // namespace

std::string_view cell_state_token(CellState state) {
  switch (state) {
    case CellState::kNotCovered:
      return "none";
    case CellState::kSkip:
      return "skip";
    case CellState::kPass:
      return "pass";
    case CellState::kXfail:
      return "xfail";
    case CellState::kError:
      return "error";
    case CellState::kFail:
      return "fail";
  }
  return "none";
}

ConformanceMatrix build_matrix(const Run& run) {
  ConformanceMatrix matrix;
  for (auto kind : kPeerKinds) matrix.peer_kinds.emplace_back(kind);
  for (const auto& c : run.results) {
    for (const auto& kind : c.peer_kinds) {
      if (std::find(matrix.peer_kinds.begin(), matrix.peer_kinds.end(), kind) ==
          matrix.peer_kinds.end()) {
        matrix.peer_kinds.push_back(kind);
      }
    }
  }
  std::map<std::string, std::size_t, std::less<>> row_of;
  for (const auto& behaviour : run.catalogue) {
    if (row_of.count(behaviour.id) != 0) continue;
    row_of.emplace(behaviour.id, matrix.rows.size());
    matrix.rows.push_back({behaviour.id, behaviour.title, true, {}, {}});
  }
  matrix.catalogue_size = matrix.rows.size();
  std::vector<std::string> extra;
  for (const auto& c : run.results) {
    for (const auto& id : c.behaviours) {
      if (row_of.count(id) == 0 && std::find(extra.begin(), extra.end(), id) == extra.end()) {
        extra.push_back(id);
      }
    }
  }
  std::sort(extra.begin(), extra.end(),
            [](const std::string& a, const std::string& b) { return natural_less(a, b); });
  for (const auto& id : extra) {
    row_of.emplace(id, matrix.rows.size());
    matrix.rows.push_back({id, "", false, {}, {}});
  }
  for (auto& row : matrix.rows) row.cells.resize(matrix.peer_kinds.size());

  for (std::size_t index = 0; index < run.results.size(); ++index) {
    const CaseResult& c = run.results[index];
    std::vector<std::string> seen;
    for (const auto& id : c.behaviours) {
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
      seen.push_back(id);
      MatrixRow& row = matrix.rows[row_of.find(id)->second];
      add_case(row.overall, index, c.status);
      for (std::size_t k = 0; k < matrix.peer_kinds.size(); ++k) {
        if (std::find(c.peer_kinds.begin(), c.peer_kinds.end(), matrix.peer_kinds[k]) !=
            c.peer_kinds.end()) {
          add_case(row.cells[k], index, c.status);
        }
      }
    }
  }
  for (std::size_t r = 0; r < matrix.catalogue_size; ++r) {
    if (!matrix.rows[r].overall.cases.empty()) ++matrix.catalogue_exercised;
    if (matrix.rows[r].overall.passing > 0) ++matrix.catalogue_passing;
  }
  return matrix;
}

std::string render_matrix(const ConformanceMatrix& matrix) {
  std::string out;
  double percent = matrix.catalogue_size == 0
                       ? 0.0
                       : 100.0 * static_cast<double>(matrix.catalogue_passing) /
                             static_cast<double>(matrix.catalogue_size);
  out += fmt::format(
      "<div class=\"coverage\" data-passing=\"{0}\" data-exercised=\"{1}\" data-total=\"{2}\">"
      "<div class=\"coverage-figure\"><b>{0}</b> of {2} catalogue behaviours have a passing "
      "case <span class=\"pct\">{3:.0f}%</span></div>"
      "<div class=\"meter\"><span class=\"meter-pass\" style=\"width:{3:.1f}%\"></span>"
      "<span class=\"meter-tried\" style=\"width:{4:.1f}%\"></span></div>"
      "<div class=\"coverage-note\">{1} exercised by at least one case; {5} not covered.</div>"
      "</div>",
      matrix.catalogue_passing, matrix.catalogue_exercised, matrix.catalogue_size, percent,
      matrix.catalogue_size == 0
          ? 0.0
          : 100.0 * static_cast<double>(matrix.catalogue_exercised - matrix.catalogue_passing) /
                static_cast<double>(matrix.catalogue_size),
      matrix.catalogue_size - matrix.catalogue_exercised);

  out +=
      "<p class=\"matrix-key\">Each cell: passing cases / cases for the behaviour with that "
      "peer kind. <span class=\"key pass\">✓ all pass</span> <span class=\"key fail\">✗ a "
      "case fails</span> <span class=\"key xfail\">✗ known failure (XFAIL)</span> "
      "<span class=\"key error\">! harness error</span> <span class=\"key skip\">– skipped"
      "</span> <span class=\"key none\">· not covered</span>. Click a cell to list its "
      "cases.</p>";
  out += "<table class=\"matrix\"><thead><tr><th class=\"behaviour\">Behaviour</th>";
  for (const auto& kind : matrix.peer_kinds) out += fmt::format("<th>{}</th>", html(kind));
  out += "<th>all cases</th></tr></thead><tbody>";
  std::string group;
  std::size_t columns = matrix.peer_kinds.size() + 2;
  for (const auto& row : matrix.rows) {
    std::string row_group =
        row.in_catalogue || group_of(row.id) == "RFC" ? group_of(row.id) : std::string("?");
    if (row_group != group) {
      group = row_group;
      out += fmt::format("<tr class=\"group\"><th colspan=\"{}\">{}</th></tr>", columns,
                         html(group_title(group)));
    }
    out += fmt::format("<tr class=\"{}\" data-row=\"{}\"><th class=\"behaviour\"><code>{}</code>",
                       row.overall.cases.empty() ? "uncovered" : "covered", html(row.id),
                       html(row.id));
    if (!row.title.empty()) out += fmt::format(" <span>{}</span>", html(row.title));
    out += "</th>";
    for (std::size_t k = 0; k < matrix.peer_kinds.size(); ++k) {
      out += cell_html(row.cells[k], row.id, matrix.peer_kinds[k], false);
    }
    out += cell_html(row.overall, row.id, "", true);
    out += "</tr>";
  }
  out += "</tbody></table>";
  return out;
}

}  // namespace sipconf::reports
