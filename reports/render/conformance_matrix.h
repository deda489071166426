#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "reports/model/run_model.h"

namespace sipconf::reports {

/// The peer kinds the matrix always shows, in this order; kinds a case names beyond
/// these get extra columns after them.
inline constexpr std::string_view kPeerKinds[] = {"lync", "ip-pbx", "pstn-gateway", "itsp"};

/// What a matrix cell says about a behaviour with a peer kind, worst first wins.
enum class CellState { kNotCovered, kSkip, kPass, kXfail, kError, kFail };

struct MatrixCell {
  CellState state = CellState::kNotCovered;
  std::vector<std::size_t> cases;  ///< Indexes into Run::results.
  std::size_t passing = 0;         ///< Cases with status PASS.
};

struct MatrixRow {
  std::string id;
  std::string title;
  bool in_catalogue = false;
  std::vector<MatrixCell> cells;  ///< One per column of ConformanceMatrix::peer_kinds.
  MatrixCell overall;             ///< Every case naming the behaviour, whatever its peers.
};

struct ConformanceMatrix {
  std::vector<std::string> peer_kinds;
  /// Catalogue behaviours in catalogue order, then the other IDs cases name (RFC
  /// sections and the like) in natural order.
  std::vector<MatrixRow> rows;
  std::size_t catalogue_size = 0;
  std::size_t catalogue_passing = 0;    ///< Behaviours with at least one PASS case.
  std::size_t catalogue_exercised = 0;  ///< Behaviours with at least one case of any status.
};

ConformanceMatrix build_matrix(const Run& run);

/// Lower-case token for CSS and data attributes: "none", "skip", "pass", "xfail",
/// "error", "fail".
std::string_view cell_state_token(CellState state);

/// The coverage figure and the matrix table; each cell links to its cases through the
/// page's `#behaviour=<id>&peer=<kind>` filter.
std::string render_matrix(const ConformanceMatrix& matrix);

}  // namespace sipconf::reports
