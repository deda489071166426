#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "reports/model/run_model.h"

namespace sipconf::reports {

/// One vertical line of the ladder: an endpoint or SUT interface of the case, or an
/// address that appears in the capture but names no endpoint.
struct LadderColumn {
  std::string name;
  std::string role;     ///< Peer kind, "sut", or "unknown".
  std::string detail;   ///< Interface or role shown under the name.
  std::string address;  ///< Address and transport, as shown in the header.
  bool sut = false;
};

/// How an arrow is drawn; the legend uses the same classes.
enum class ArrowStyle { kRequest, kProvisional, kSuccess, kFailure, kRetransmission, kUnanswered };

struct LadderArrow {
  std::size_t message = 0;
  std::size_t from = 0;  ///< Column index.
  std::size_t to = 0;
  ArrowStyle style = ArrowStyle::kRequest;
  bool offending = false;  ///< A failing expectation or a finding points at this message.
};

struct Ladder {
  std::vector<LadderColumn> columns;
  std::vector<LadderArrow> arrows;
};

/// Columns are the case's endpoints in order (so both B2BUA legs sit side by side around
/// the SUT interfaces), followed by any unknown addresses; one arrow per message.
Ladder layout_ladder(const CaseResult& result);

/// CSS class of an arrow style: "req", "prov", "ok", "err", "rtx", "lost".
std::string_view arrow_class(ArrowStyle style);

/// The ladder as inline SVG. Each arrow is a focusable `<g class="arrow ..." data-msg="i">`
/// that the page opens in the message panel.
std::string render_ladder_svg(const CaseResult& result);

/// The legend explaining arrow styles, as HTML with small inline SVG swatches.
std::string render_ladder_legend();

}  // namespace sipconf::reports
